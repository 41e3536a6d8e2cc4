// Times the adoption dashboard against a running demo (started by scripts/bench-dashboard.sh):
// from navigation to /admin?as=admin until the element [data-dashboard-ready] appears (the
// dashboard sets it, with data-statements="<count>", once its figures are drawn).
//
// Two ways in, each a first load (a fresh browser profile) and a repeat visit (the same
// profile, a new tab), with the tab's memory; on the plain path also a visit after one new
// statement (posted between visits):
//   service snapshot   the dashboard asks the Throughline service for its figures (/insights)
//   plain LRS          ?snapshot=off: every statement is read and folded in the browser, the
//                      fold kept in IndexedDB so the repeat visit reads only what is new
// Memory: the peak resident size of the largest Chromium renderer process while the tab loads
// (the tab's, sampled from /proc every 100 ms; one tab is open at a time), and the JS heap at the
// end (CDP; the WebAssembly memory is outside it, in the renderer's resident size).
// Usage: node scripts/bench-dashboard.mjs <origin> [timeoutMs] [expectedStatements] [only]
//   only: "service" or "plain" to run one way in
// With PROFILE=dir, each first load is also profiled (CDP's sampling profiler, 1 ms): its
// .cpuprofile is written there (DevTools opens it) and the tab's time is summed up as idle,
// garbage collection, WebAssembly, and the JavaScript functions that took the most.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { MARKS_IN_PAGE, mb, phasesLine, postOneStatement, rendererRss, sampleMemory } from './bench-dashboard-lib.mjs';

const [origin, timeoutArg, expectedArg, only] = process.argv.slice(2);
if (!origin) {
  console.error('usage: node scripts/bench-dashboard.mjs <origin> [timeoutMs] [expectedStatements] [service|plain]');
  process.exit(64);
}
const timeout = Number(timeoutArg || 120000);
const expected = expectedArg ? Number(expectedArg) : null;


/** Where a profiled tab's time went: idle, GC, wasm and the busiest JS functions, in words. */
function summarize(profile) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const by = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    const f = node.callFrame;
    const name = f.url.startsWith('wasm://') || f.url.endsWith('.wasm') ? '(WebAssembly)' : f.functionName ? `${f.functionName} ${f.url.split('/').pop()}:${f.lineNumber + 1}` : f.url ? `(anonymous) ${f.url.split('/').pop()}` : f.functionName || '(root)';
    by.set(name, (by.get(name) ?? 0) + us);
  }
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return top.map(([n, us]) => `${n} ${(us / 1e3).toFixed(0)} ms (${((100 * us) / total).toFixed(0)}%)`).join('; ');
}

/** One visit: navigation to ready, the statements the dashboard counted, peak renderer memory. */
async function visit(context, query, profileTo) {
  const page = await context.newPage();
  let profiler = null;
  if (profileTo) {
    profiler = await context.newCDPSession(page);
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 1000 });
    await profiler.send('Profiler.start');
  }
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  let reads = 0;
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/xapi/statements')) reads += 1; });
  // The moment the attribute appears, in the page's own clock (0 = navigation start).
  await page.addInitScript(() => {
    const mark = () => {
      if (window.__dashboardShownAt === undefined && document.querySelector('[data-dashboard-shown]')) {
        window.__dashboardShownAt = performance.now();
      }
      if (window.__dashboardReadyAt === undefined && document.querySelector('[data-dashboard-ready]')) {
        window.__dashboardReadyAt = performance.now();
      }
    };
    new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-dashboard-ready', 'data-dashboard-shown'] });
  });
  // Sampled until the tab closes (the fold is written after ready), so the peak can be told by
  // phase; the figure printed as "renderer peak" is until ready.
  const memory = sampleMemory();
  try {
    const res = await page.goto(`${origin}/admin?as=admin${query}`, { waitUntil: 'commit', timeout });
    if (!res || res.status() !== 200) throw new Error(`/admin answered ${res ? res.status() : 'nothing'}`);
    await page.waitForSelector('[data-dashboard-ready]', { state: 'attached', timeout });
  } catch (e) {
    memory.stop();
    for (const p of problems.slice(0, 10)) console.error(`  ${p}`);
    throw new Error(`timed out or failed waiting for the dashboard (${query || 'service'}): ${e.message}`);
  }
  const readyWall = Date.now();
  const peak = Math.max(rendererRss(), memory.most(0, readyWall));
  let profiled = null;
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
    profiled = summarize(profile);
  }
  const cdp = await context.newCDPSession(page);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const m = await page.evaluate(() => {
    const board = document.querySelector('[data-dashboard-ready]');
    return { readyAt: window.__dashboardReadyAt ?? performance.now(), shownAt: window.__dashboardShownAt ?? null, statements: Number(board.getAttribute('data-statements')), source: board.getAttribute('data-source'), error: document.querySelector('.tl-error')?.textContent ?? null };
  });
  // Let the fold reach IndexedDB before the tab goes (it is written when reading ends).
  if (m.source === 'statements') await page.waitForTimeout(Math.min(30000, 2000 + m.statements / 50));
  // The dashboard's own phases (performance marks, ms from navigation): where the time goes, and
  // the renderer's largest resident size in each.
  const { origin: navigatedAt, marks } = await page.evaluate(MARKS_IN_PAGE);
  const phases = phasesLine(marks, navigatedAt, memory);
  const afterReady = memory.most(readyWall, Date.now());
  memory.stop();
  await page.close();
  return { ...m, peak, afterReady, heap: heap.usedSize, reads, problems, phases, profiled };
}

const ways = [
  { name: 'service snapshot', key: 'service', query: '' },
  { name: 'plain LRS (snapshot off, IndexedDB cache)', key: 'plain', query: '&snapshot=off' },
].filter((w) => !only || w.key === only);

let counted = 0;

/** A new learner choosing a role, posted with the dashboard's own key (as the LMS would send it). */
async function oneNewStatement(context) {
  const page = await context.newPage();
  await page.goto(`${origin}/admin?as=admin`, { waitUntil: 'domcontentloaded' });
  const options = JSON.parse(await page.locator('#throughline-dashboard-options').textContent());
  await page.close();
  await postOneStatement(options);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
let code = 0;
try {
  for (const way of ways) {
    const context = await browser.newContext();
    const labels = ['first load', 'repeat visit'];
    // On the plain path a repeat visit that finds nothing new shows the figures kept by the last
    // one; a visit after a new statement restores the fold and folds it in.
    if (way.key === 'plain') labels.push('visit after one new statement');
    for (const label of labels) {
      if (label === 'visit after one new statement') await oneNewStatement(context);
      const profileTo = process.env.PROFILE && label === 'first load' ? `${process.env.PROFILE}/${way.key}-first-load.cpuprofile` : null;
      const v = await visit(context, way.query, profileTo);
      const early = v.shownAt !== null && v.shownAt < v.readyAt - 1 ? `the last visit's figures shown in ${v.shownAt.toFixed(0)} ms, ` : '';
      console.log(`${way.name}, ${label}: ${early}ready in ${v.readyAt.toFixed(0)} ms; ${v.statements} statements (${v.source}); ` +
        `statement requests ${v.reads}; renderer peak ${mb(v.peak)} (${mb(v.afterReady)} after ready), JS heap ${mb(v.heap)}${v.error ? `; said: ${v.error}` : ''}`);
      if (v.phases) console.log(`  phases (ms from navigation, the renderer's largest resident size in each): ${v.phases}`);
      if (v.profiled) console.log(`  profile (${profileTo}): ${v.profiled}`);
      if (label === 'visit after one new statement') {
        if (v.statements !== counted + 1) {
          console.error(`bench-dashboard: after one new statement the dashboard counted ${v.statements}, not ${counted + 1}`);
          code = 3;
        }
        continue;
      }
      counted = v.statements;
      if (expected !== null && v.statements !== expected) {
        console.error(`bench-dashboard: the dashboard counted ${v.statements} statements, the LRS holds ${expected}`);
        code = 3;
      }
    }
    await context.close();
  }
} catch (e) {
  console.error(`bench-dashboard: ${e.message}`);
  code = 2;
} finally {
  await browser.close();
}
process.exit(code);
