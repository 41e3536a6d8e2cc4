// Measures start-up in headless Chromium against the demo: from the wasm module's start to the
// widget being interactive (performance marks set by the widget), and from navigation to interactive.
// Usage: node scripts/measure-startup.mjs [runs]   (needs the bundle and the demo server built)
import { startDemo, launchBrowser } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 15);
const demo = await startDemo();
const browser = await launchBrowser();
const moduleToInteractive = [], navToInteractive = [];
// The widget's own phases (performance marks), each from the one before.
const PHASES = ['throughline:module-start', 'throughline:start', 'throughline:messages', 'throughline:fetched', 'throughline:program', 'throughline:connected', 'throughline:session', 'throughline:interactive'];
const phases = PHASES.slice(1).map(() => []);
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/course/coaching-leaders?learner=bench-${i}`);
    await page.waitForFunction(() => performance.getEntriesByName('throughline:interactive').length > 0, null, { timeout: 10000 });
    const m = await page.evaluate((PHASES) => {
      const at = (n) => performance.getEntriesByName(n)[0].startTime;
      const marks = PHASES.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN);
      return { module: at('throughline:interactive') - at('throughline:module-start'), nav: at('throughline:interactive'), marks };
    }, PHASES);
    moduleToInteractive.push(m.module); navToInteractive.push(m.nav);
    m.marks.slice(1).forEach((t, j) => phases[j].push(t - m.marks[j]));
    await context.close();
  }
} finally {
  await browser.close();
  await demo.stop();
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const fmt = (a) => `median ${median(a).toFixed(1)} ms, min ${Math.min(...a).toFixed(1)} ms, max ${Math.max(...a).toFixed(1)} ms`;
console.log(`runs: ${runs} (first visit, program fetched from the demo, no cache)`);
console.log(`module start -> interactive widget: ${fmt(moduleToInteractive)}`);
console.log(`navigation   -> interactive widget: ${fmt(navToInteractive)}`);
PHASES.slice(1).forEach((name, j) => console.log(`  ${PHASES[j].replace('throughline:', '')} -> ${name.replace('throughline:', '')}: ${fmt(phases[j])}`));
