// End-to-end: every package kind `throughline package` builds (cmi5, xAPI, npm, embed) is opened as
// an LMS or a host page would open it, over HTTP, under the embed package's Content-Security-Policy,
// and the widget must start and ask the learner's role: no CSP refusal, no console error, and the
// preloaded program and wasm fetched once each (the hints are used, not fetched twice).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { ROOT, launchBrowser, watchErrors } from './harness.mjs';

const CLI = process.env.THROUGHLINE_BIN || join(ROOT, 'target', 'debug', 'throughline');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

let dir, browser, files, host;

/** A static file server for `root`; `extra(path)` may answer a path itself; `headers` go on every answer. */
function serve(root, { headers = {}, extra } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const own = extra?.(path);
    if (own) { res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || TYPES['.html'], ...headers }); res.end(own); return; }
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404, headers); res.end('not found'); return; }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', ...headers });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'throughline-packages-'));
  // The files' host is another origin than the page's, as a CDN would be; it allows CORS as it must for module scripts.
  files = await serve(dir, { headers: { 'Access-Control-Allow-Origin': '*' } });
  const pkg = (kind, extra = []) => execFileSync(CLI, ['package', join(ROOT, 'service/programs/coaching.toml'), '--kind', kind, '--out', dir,
    '--bundle', join(ROOT, 'service/static/pkg'), ...extra], { encoding: 'utf8' });
  pkg('cmi5'); pkg('xapi'); pkg('npm');
  pkg('embed', ['--base', `${files.url}/coaching-for-performance-embed/`, '--lrs', 'https://lrs.example.org']);
  for (const kind of ['cmi5', 'xapi']) {
    // Python's zipfile (Python is set up for the test peers anyway; `unzip` may be missing on a fresh machine).
    execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, `coaching-for-performance-${kind}.zip`), join(dir, kind)]);
  }
  const csp = readFileSync(join(dir, 'coaching-for-performance-embed', 'csp.txt'), 'utf8').trim().replace(/^Content-Security-Policy:\s*/, '');
  // Host pages: the embed snippet pasted into a course page, and an npm consumer's page.
  const snippet = readFileSync(join(dir, 'coaching-for-performance-embed', 'snippet.html'), 'utf8');
  host = await serve(dir, {
    headers: { 'Content-Security-Policy': csp },
    extra: (path) => {
      // axe-core as a file of the page's own origin: the policy refuses inline scripts, rightly.
      if (path === '/axe.min.js') return readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
      if (path === '/favicon.ico') return 'no icon'; // browsers ask; a 404 would be logged as an error
      if (path === '/embed-host.html') return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body><main><h1>Course page</h1>${snippet}</main></body></html>`;
      if (path === '/coaching-for-performance-npm/host.html') {
        return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm host</title><link rel="stylesheet" href="throughline.css"></head><body><main><div id="tl"></div></main>
<script type="module" src="host.js"></script></body></html>`;
      }
      return null;
    },
  });
});

after(async () => {
  await browser?.close();
  files?.server.close(); host?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `url`, waits for the role question, goes on to the commit editor (a split module), and checks what was fetched and logged. */
async function opens(url, label) {
  browser ??= await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
  await page.goto(url);
  await page.getByRole('radio').first().waitFor({ timeout: 20000 });
  await page.getByText('Which role fits you best in this program?').waitFor();
  const count = (end) => fetched.filter((u) => new URL(u).pathname.endsWith(end)).length;
  const wasm = fetched.map((u) => new URL(u).pathname.split('/').pop()).filter((n) => n.endsWith('.wasm'));
  assert.equal(count('/throughline_bg.wasm'), 1, `${label}: the first module once\n${fetched.join('\n')}`);
  assert.deepEqual(wasm, [...new Set(wasm)], `${label}: each module once\n${fetched.join('\n')}`);
  assert.equal(count('program.throughline.json'), 1, `${label}: the program once\n${fetched.join('\n')}`);
  assert.deepEqual(errors, [], `${label}: no console errors or CSP refusals (${missing.join(', ')})`);
  // The commit editor is in a module of its own: it loads from the package under the same policy.
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();
  assert.ok(count('/split_commit.wasm') === 1, `${label}: the commit editor's module\n${fetched.join('\n')}`);
  assert.deepEqual(errors, [], `${label}: no console errors or CSP refusals after the first screen (${missing.join(', ')})`);
  await page.addScriptTag({ url: '/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('.tl-widget'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(violations, [], `${label}: axe-core on the commit editor`);
  await context.close();
}

test('the cmi5 package\'s launch page starts the widget under the package CSP', async () => {
  // Opened without launch parameters the widget keeps the plan in the browser: the page itself must work.
  const manifest = readFileSync(join(dir, 'cmi5', 'cmi5.xml'), 'utf8');
  const launch = manifest.match(/<url>([^<]+)<\/url>/)[1].trim();
  await opens(`${host.url}/cmi5/${launch}`, 'cmi5');
});

test('the xAPI (TinCan) package\'s launch page starts the widget under the package CSP', async () => {
  const manifest = readFileSync(join(dir, 'xapi', 'tincan.xml'), 'utf8');
  const launch = manifest.match(/<launch[^>]*>([^<]+)<\/launch>/)[1].trim();
  await opens(`${host.url}/xapi/${launch}`, 'xapi');
});

test('the npm package mounts from a host page that imports it', async () => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'coaching-for-performance-npm', 'host.js'),
    "import init, { mount } from './throughline.js';\nawait init();\nawait mount(document.getElementById('tl'), { program: 'program.throughline.json' });\n");
  await opens(`${host.url}/coaching-for-performance-npm/host.html`, 'npm');
});

test('the embed snippet works pasted into a page on another origin than its files', async () => {
  await opens(`${host.url}/embed-host.html`, 'embed');
});
