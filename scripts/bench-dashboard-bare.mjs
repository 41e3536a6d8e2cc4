// The plain-LRS dashboard's memory as an admin's browser has it: Chromium driven over a bare
// DevTools connection that never enables the Network domain. Playwright (scripts/bench-dashboard.mjs)
// enables it in every tab, and Chromium then keeps each fetched body in the tab for DevTools to
// show: with 2,000 answers of 590 kB that is a quarter of a gigabyte the dashboard never holds.
// A first load (a fresh profile), a repeat visit and a visit after one new statement, each with
// its time to ready and the renderer's largest resident size, in all and in each phase.
// Usage: node --experimental-websocket scripts/bench-dashboard-bare.mjs <origin> [timeoutMs]
// (Node 20 has WebSocket behind that flag; scripts/bench-dashboard.sh runs it so.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKS_IN_PAGE, mb, phasesLine, postOneStatement, sampleMemory } from './bench-dashboard-lib.mjs';

const [origin, timeoutArg] = process.argv.slice(2);
if (!origin || typeof WebSocket === 'undefined') {
  console.error('usage: node --experimental-websocket scripts/bench-dashboard-bare.mjs <origin> [timeoutMs]');
  process.exit(64);
}
const timeout = Number(timeoutArg || 300000);
const profile = mkdtempSync(join(tmpdir(), 'throughline-bare-'));
const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
  '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
let code = 0;
try {
  const url = await new Promise((resolve, reject) => {
    let said = '';
    chrome.stderr.on('data', (d) => { said += d; const m = said.match(/DevTools listening on (ws:\S+)/); if (m) resolve(m[1]); });
    chrome.on('exit', (c) => reject(new Error(`chromium exited (${c}): ${said.slice(-500)}`)));
  });
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.addEventListener('open', resolve); ws.addEventListener('error', reject); });
  let last = 0;
  const answers = new Map();
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.id && answers.has(m.id)) { answers.get(m.id)(m); answers.delete(m.id); }
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    last += 1;
    answers.set(last, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    ws.send(JSON.stringify({ id: last, method, params, sessionId }));
  });
  const evaluate = async (sessionId, expression) =>
    (await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)).result.value;

  /** One visit in a new tab of the same profile (its IndexedDB kept from the visits before). */
  const visit = async () => {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    await send('Page.enable', {}, sessionId);
    await send('Page.addScriptToEvaluateOnNewDocument', { source: `new MutationObserver(() => {
      if (window.__shownAt === undefined && document.querySelector('[data-dashboard-shown]')) window.__shownAt = performance.now();
      if (window.__readyAt === undefined && document.querySelector('[data-dashboard-ready]')) window.__readyAt = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-dashboard-ready', 'data-dashboard-shown'] });` }, sessionId);
    const memory = sampleMemory();
    const started = Date.now();
    await send('Page.navigate', { url: `${origin}/admin?as=admin&snapshot=off` }, sessionId);
    let readyAt = null;
    while (readyAt === null) {
      if (Date.now() - started > timeout) throw new Error(`the dashboard was not ready within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 250));
      readyAt = await evaluate(sessionId, 'window.__readyAt ?? null');
    }
    const readyWall = Date.now();
    const shownAt = await evaluate(sessionId, 'window.__shownAt ?? null');
    const shown = await evaluate(sessionId, `({ statements: Number(document.querySelector('[data-dashboard-ready]').getAttribute('data-statements')),
      error: document.querySelector('.tl-error')?.textContent ?? null })`);
    // Until the fold is in IndexedDB (it is written after the figures are drawn).
    const saving = Date.now();
    while (Date.now() - saving < 30000 && !(await evaluate(sessionId, `performance.getEntriesByName('throughline:dash-saved').length > 0 || !document.querySelector('[data-source="statements"]')`))) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const { origin: navigatedAt, marks } = await evaluate(sessionId, MARKS_IN_PAGE);
    const options = JSON.parse(await evaluate(sessionId, `document.getElementById('throughline-dashboard-options').textContent`));
    const peak = memory.most(0, readyWall);
    const all = memory.most(0, Date.now());
    const phases = phasesLine(marks, navigatedAt, memory);
    memory.stop();
    await send('Target.closeTarget', { targetId });
    return { readyAt, shownAt, peak, all, phases, options, ...shown };
  };

  let counted = null;
  for (const label of ['first load', 'repeat visit', 'visit after one new statement']) {
    const v = await visit();
    console.log(`plain LRS, no DevTools network agent, ${label}: figures shown in ${v.shownAt.toFixed(0)} ms${v.shownAt < v.readyAt - 1 ? ' (the last visit\'s, marked so)' : ''}, current in ${v.readyAt.toFixed(0)} ms; ${v.statements} statements; ` +
      `renderer peak ${mb(v.peak)} until ready, ${mb(v.all)} until the fold was kept${v.error ? `; said: ${v.error}` : ''}`);
    console.log(`  phases (ms from navigation, the renderer's largest resident size in each): ${v.phases}`);
    if (label === 'visit after one new statement' && v.statements !== counted + 1) {
      console.error(`bench-dashboard-bare: after one new statement the dashboard counted ${v.statements}, not ${counted + 1}`);
      code = 3;
    }
    counted = v.statements;
    if (label === 'repeat visit') await postOneStatement(v.options);
  }
  ws.close();
} catch (e) {
  console.error(`bench-dashboard-bare: ${e.message}`);
  code = 2;
} finally {
  chrome.kill();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
