// Shared end-to-end harness: starts the demo server on a free loopback port with a fresh data
// folder, launches Debian's Chromium through playwright-core, and stops both afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO_BIN = process.env.THROUGHLINE_DEMO_BIN || join(ROOT, 'target', 'debug', 'throughline-demo');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Starts the demo; resolves with { url, data, stop } once it prints its address. */
export async function startDemo(extraArgs = []) {
  const data = mkdtempSync(join(tmpdir(), 'throughline-e2e-'));
  const child = spawn(DEMO_BIN, ['--addr', '127.0.0.1:0', '--data', data, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start within 20 s:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/open (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`demo exited with ${code}:\n${output}`)); });
  });
  child.removeAllListeners('exit');
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { url, data, child, output: () => output, stop };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects console errors and uncaught page errors, so a test can assert there were none it did not expect. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core on the widget (WCAG 2.x A and AA rules) and returns its violations. */
export async function axeViolations(page, selector = '.tl-widget') {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(document.querySelector(sel), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, selector);
}
