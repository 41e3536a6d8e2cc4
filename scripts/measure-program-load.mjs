// Measures how long `mount` takes to a ready widget in headless Chromium against the demo, for the
// compiled program learners normally get and for a source file (the checker bundle is fetched on demand).
// Usage: node scripts/measure-program-load.mjs [runs]   (needs the bundles and the demo server built)
import { startDemo, launchBrowser } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 7);
const programs = { compiled: '/compiled/coaching.json', source: '/programs/coaching.toml' };
const demo = await startDemo();
const browser = await launchBrowser();
const times = { compiled: [], source: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const [kind, program] of Object.entries(programs)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${demo.url}/health`);
      times[kind].push(await page.evaluate(async ({ program, learner }) => {
        const { default: init, mount } = await import('/pkg/throughline.js');
        await init();
        const el = document.createElement('div');
        document.body.append(el);
        const started = performance.now();
        await mount(el, { program, learner: { id: learner } });
        return performance.now() - started;
      }, { program, learner: `load-${kind}-${i}` }));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(`runs: ${runs} per kind (cold browser contexts, loopback)`);
for (const kind of Object.keys(programs)) {
  console.log(`mount -> ready, ${kind.padEnd(8)} median ${median(times[kind]).toFixed(0)} ms, min ${Math.min(...times[kind]).toFixed(0)}, max ${Math.max(...times[kind]).toFixed(0)}`);
}
