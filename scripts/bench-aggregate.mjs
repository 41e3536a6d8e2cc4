// Aggregation speed of the adoption dashboard, natively and in WebAssembly in headless Chromium,
// on the same simulated cohort of about 100,000 statements.
// Usage: node scripts/bench-aggregate.mjs [statements]   (needs the admin bundle: scripts/build-widget.sh)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { launchBrowser, ROOT } from '../tests/e2e/harness.mjs';

const target = process.argv[2] || '100000';
const dir = mkdtempSync(join(tmpdir(), 'throughline-bench-'));
const dump = join(dir, 'statements.json');
console.log('native (cargo run --release --example aggregate):');
const program = join(dir, 'program.json');
const native = execFileSync('cargo', ['run', '-q', '--release', '--example', 'aggregate', '--', target, '--dump', dump, '--program', program], { cwd: ROOT, encoding: 'utf8' });
console.log(native.trim().split('\n').map((l) => `  ${l}`).join('\n'));
const asOf = native.match(/as of (\d{4}-\d{2}-\d{2})/)[1];
const pkg = join(ROOT, 'service', 'static', 'pkg');
const files = { '/admin.js': join(pkg, 'admin', 'throughline_admin.js'), '/throughline_admin_bg.wasm': join(pkg, 'admin', 'throughline_admin_bg.wasm'), '/statements.json': dump, '/program.json': program };
const types = { js: 'text/javascript', wasm: 'application/wasm', json: 'application/json', toml: 'text/plain' };
const server = createServer((req, res) => {
  // admin.js imports wasm-bindgen's snippets from beside itself.
  const snippet = req.url.startsWith('/snippets/') && !req.url.includes('..') ? join(pkg, 'admin', req.url) : null;
  const path = req.url === '/' ? null : files[req.url] || snippet;
  if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>bench</title>'); return; }
  if (!path) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.split('.').pop()] });
  res.end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const runs = await page.evaluate(async (asOf) => {
    const { default: init, summarizeStatements } = await import('/admin.js');
    await init('/throughline_admin_bg.wasm');
    const [program, statements] = await Promise.all([fetch('/program.json').then((r) => r.text()), fetch('/statements.json').then((r) => r.text())]);
    // What the dashboard asks an LRS for unless names may be shown: `format=ids` (xAPI 1.0.3,
    // part 3, 2.1.3): agents and groups by their identifier, activities and the verb by id.
    const agent = (a) => {
      if (!a || typeof a !== 'object') return a;
      const ifi = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => k in a);
      const out = {};
      for (const k of ['objectType', ...ifi]) if (k in a) out[k] = a[k];
      if (!ifi.length && Array.isArray(a.member)) out.member = a.member.map(agent);
      return out;
    };
    const activity = (a) => (a && typeof a === 'object' ? { id: a.id } : a);
    const ids = (s) => {
      const out = { ...s, actor: agent(s.actor), verb: { id: s.verb?.id } };
      if (s.authority) out.authority = agent(s.authority);
      const type = s.object?.objectType;
      out.object = !type || type === 'Activity' ? activity(s.object) : type === 'Agent' || type === 'Group' ? agent(s.object) : type === 'SubStatement' ? ids(s.object) : s.object;
      if (s.context) {
        out.context = { ...s.context };
        for (const k of ['instructor', 'team']) if (s.context[k]) out.context[k] = agent(s.context[k]);
        if (s.context.contextActivities) {
          out.context.contextActivities = Object.fromEntries(Object.entries(s.context.contextActivities)
            .map(([k, v]) => [k, Array.isArray(v) ? v.map(activity) : activity(v)]));
        }
      }
      return out;
    };
    const texts = { exact: statements, ids: JSON.stringify(JSON.parse(statements).map(ids)) };
    const out = {};
    for (const [format, text] of Object.entries(texts)) {
      out[format] = { bytes: text.length, runs: [] };
      for (let i = 0; i < 3; i++) {
        const r = summarizeStatements(program, text, asOf);
        out[format].runs.push({ aggregate: r.aggregateMs, report: r.reportMs, statements: r.statements, learners: r.learners });
      }
    }
    return out;
  }, asOf);
  for (const [format, { bytes, runs: list }] of Object.entries(runs)) {
    const best = list.reduce((a, b) => (a.aggregate + a.report < b.aggregate + b.report ? a : b));
    const what = format === 'ids' ? 'as the dashboard asks for them (format=ids)' : 'full statements (format=exact)';
    console.log(`wasm in headless Chromium, ${what}, ${(bytes / 1e6).toFixed(0)} MB (best of ${list.length}): ${best.statements} statements, ${best.learners} learners`);
    console.log(`  read + aggregate ${best.aggregate.toFixed(0)} ms, report ${best.report.toFixed(0)} ms; all of it from the JSON text ${(best.aggregate + best.report).toFixed(0)} ms (goal < 300 ms)`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
