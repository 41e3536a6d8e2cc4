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
    const out = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = summarizeStatements(program, statements, asOf);
      out.push({ total: performance.now() - t, aggregate: r.aggregateMs, report: r.reportMs, statements: r.statements, learners: r.learners });
    }
    return out;
  }, asOf);
  const best = runs.reduce((a, b) => (a.aggregate + a.report < b.aggregate + b.report ? a : b));
  console.log(`wasm in headless Chromium (best of ${runs.length}): ${best.statements} statements, ${best.learners} learners`);
  console.log(`  read + aggregate ${best.aggregate.toFixed(0)} ms, report ${best.report.toFixed(0)} ms; all of it from the JSON text ${(best.aggregate + best.report).toFixed(0)} ms (goal < 300 ms)`);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
