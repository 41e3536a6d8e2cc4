// Measures how long the widget's outbox takes to deliver 1,000 queued statements to the demo LRS
// (headless Chromium, loopback). The statements are put in the outbox's storage as a learner's
// earlier offline session would have left them; the clock starts when the page loads.
// Usage: node scripts/measure-drain.mjs [count]   (needs the bundle and the demo server built)
import { startDemo, launchBrowser, credentials, allStatements } from '../tests/e2e/harness.mjs';
import { randomUUID } from 'node:crypto';

const count = Number(process.argv[2] || 1000);
const demo = await startDemo();
const browser = await launchBrowser();
try {
  const endpoint = `${demo.url}/xapi/`;
  const actor = { objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: 'ana' } };
  const program = 'https://throughline.example/programs/coaching-for-performance';
  const entries = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const statement = {
      id, actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
      object: { objectType: 'Activity', id: `${program}/reflections/day-7` },
      result: { response: `Reflection ${i}` },
      context: { contextActivities: { parent: [{ objectType: 'Activity', id: program }] } },
      timestamp: new Date(Date.UTC(2027, 0, 1, 0, 0, i % 60)).toISOString(),
    };
    return [`throughline:v1:outbox:${endpoint}|${id}`, JSON.stringify({ id, statement, queued_at: i, attempts: 0, next_at: 0, solo: false, failed: null })];
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.url}/health`);
  await page.evaluate((items) => { for (const [k, v] of items) localStorage.setItem(k, v); }, entries);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/xapi/statements')) posts.push(JSON.parse(r.postData() || '[]').length); });
  const started = Date.now();
  await page.goto(`${demo.url}/course/coaching-leaders?as=ana`);
  await page.locator('.tl-sync-ok').waitFor({ timeout: 120000 });
  const ms = Date.now() - started;
  const stored = await allStatements(endpoint, credentials(demo.data).admin, { agent: JSON.stringify(actor) });
  console.log(`queued: ${count}, stored in the LRS: ${stored.length}, POSTs: ${posts.length}, statements per batch: ${Math.max(...posts)} (max), ${(count / posts.length).toFixed(1)} (mean)`);
  console.log(`time to drain from page load: ${ms} ms (${(count / (ms / 1000)).toFixed(0)} statements/s)`);
} finally {
  await browser.close();
  await demo.stop();
}
