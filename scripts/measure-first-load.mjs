// Measures a new learner's first visit to a demo course page as a field learner would have it:
// a fresh browser (no cache) on a slow link (Chromium's network emulation, default 1.6 Mbit/s
// down, 750 kbit/s up, 150 ms round trips). Reports, for what was fetched before the widget was
// interactive (the role question shown, performance mark `throughline:interactive`): each file
// with its bytes on the wire, their total, how many times the program was requested, and the time
// from navigation to interactive (median of the runs). Then the same learner commits (unthrottled)
// and comes back on the same slow link, no cache: the time to their due card (interactive) and to
// the plan below it, which is a module of its own (the split bundle), fetched after the first screen.
// Usage: node scripts/measure-first-load.mjs [runs]   (needs the bundle and the demo server built)
//   KBPS=1600 RTT_MS=150 to change the link.
import { startDemo, launchBrowser, commitOne } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const kbps = Number(process.env.KBPS || 1600);
const rtt = Number(process.env.RTT_MS || 150);
const demo = await startDemo();
const browser = await launchBrowser();
const times = [];
const back = [], backPlan = [];
let files = [];
let programRequests = 0;
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: rtt,
      downloadThroughput: (kbps * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
    const urls = new Map();
    const done = [];
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => done.push({ id: e.requestId, bytes: e.encodedDataLength, at: e.timestamp }));
    await page.goto(`${demo.url}/course/coaching-leaders?learner=first-load-${i}`);
    await page.waitForFunction(() => performance.getEntriesByName('throughline:interactive').length > 0, null, { timeout: 60000 });
    const nav = await page.evaluate(() => performance.getEntriesByName('throughline:interactive')[0].startTime);
    times.push(nav);
    // Files finished before interactive (the page's clock and CDP's differ: compare by order of arrival).
    const interactiveAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('throughline:interactive')[0].startTime);
    const wall = (await cdp.send('Runtime.evaluate', { expression: 'Date.now()', returnByValue: true })).result.value;
    const monoNow = done.length ? Math.max(...done.map((d) => d.at)) : 0;
    const offset = wall / 1000 - monoNow; // wall seconds minus CDP monotonic seconds, near enough
    files = done
      .filter((d) => (d.at + offset) * 1000 <= interactiveAt + 50)
      .map((d) => ({ url: (urls.get(d.id) || '').replace(demo.url, ''), bytes: d.bytes }));
    programRequests = [...urls.values()].filter((u) => u.includes('/compiled/')).length;
    // The learner commits, then comes back (a reload, nothing cached) on the same link.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await commitOne(page, 'Team member');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: rtt,
      downloadThroughput: (kbps * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
    await page.reload();
    const plan = await page.waitForFunction(
      () => [...document.querySelectorAll('h3')].some((h) => h.textContent === 'My commitments') && performance.now(),
      null, { timeout: 60000, polling: 'raf' });
    backPlan.push(await plan.jsonValue());
    back.push(await page.evaluate(() => performance.getEntriesByName('throughline:interactive')[0].startTime));
    await context.close();
  }
} finally {
  await browser.close();
  await demo.stop();
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
console.log(`link: ${kbps} kbit/s down, ${rtt} ms round trips, no cache; runs: ${runs}`);
console.log('fetched before the widget was interactive (last run):');
let total = 0;
for (const f of files) {
  total += f.bytes;
  console.log(`  ${String(f.bytes).padStart(9)}  ${f.url.split('?')[0]}`);
}
console.log(`  ${String(total).padStart(9)}  bytes on the wire in all (${(total / 1024).toFixed(0)} KB)`);
console.log(`program requested ${programRequests} time(s)`);
const line = (what, a) => console.log(`${what}: median ${median(a).toFixed(0)} ms, min ${Math.min(...a).toFixed(0)} ms, max ${Math.max(...a).toFixed(0)} ms`);
line('navigation -> interactive', times);
line('coming back: navigation -> interactive (the due card)', back);
line('coming back: navigation -> the plan below it', backPlan);
