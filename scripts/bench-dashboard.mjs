// Times the adoption dashboard against a running demo (started by scripts/bench-dashboard.sh):
// from navigation to /admin?as=admin until the element [data-dashboard-ready] appears (the
// dashboard sets it, with data-statements="<count>", once every statement page is loaded and
// the report is drawn).
// Usage: node scripts/bench-dashboard.mjs <origin> [timeoutMs] [expectedStatements]
import { chromium } from 'playwright-core';

const [origin, timeoutArg, expectedArg] = process.argv.slice(2);
if (!origin) {
  console.error('usage: node scripts/bench-dashboard.mjs <origin> [timeoutMs] [expectedStatements]');
  process.exit(64);
}
const timeout = Number(timeoutArg || 120000);
const expected = expectedArg ? Number(expectedArg) : null;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
let code = 0;
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  // Record the moment the attribute appears, in the page's own clock (0 = navigation start).
  await page.addInitScript(() => {
    const mark = () => {
      if (window.__dashboardReadyAt === undefined && document.querySelector('[data-dashboard-ready]')) {
        window.__dashboardReadyAt = performance.now();
      }
    };
    new MutationObserver(mark).observe(document, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-dashboard-ready'],
    });
  });
  const started = Date.now();
  const res = await page.goto(`${origin}/admin?as=admin`, { waitUntil: 'commit', timeout });
  if (!res || res.status() !== 200) throw new Error(`/admin?as=admin answered ${res ? res.status() : 'nothing'}`);
  try {
    await page.waitForSelector('[data-dashboard-ready]', { state: 'attached', timeout });
  } catch {
    console.error(`bench-dashboard: timed out after ${timeout} ms waiting for [data-dashboard-ready] on ${origin}/admin?as=admin: the dashboard never finished loading.`);
    for (const p of problems.slice(0, 10)) console.error(`  ${p}`);
    code = 2;
  }
  if (code === 0) {
    const wall = Date.now() - started;
    const m = await page.evaluate(() => ({
      readyAt: window.__dashboardReadyAt ?? performance.now(),
      statements: document.querySelector('[data-dashboard-ready]').getAttribute('data-statements'),
    }));
    console.log(`navigation -> dashboard ready: ${m.readyAt.toFixed(0)} ms (wall clock incl. browser overhead ${wall} ms)`);
    console.log(`statements read by the dashboard: ${m.statements ?? '(no data-statements attribute)'}`);
    if (expected !== null && Number(m.statements) !== expected) {
      console.error(`bench-dashboard: the dashboard read ${m.statements} statements, the LRS holds ${expected}`);
      code = 3;
    }
  }
} finally {
  await browser.close();
}
process.exit(code);
