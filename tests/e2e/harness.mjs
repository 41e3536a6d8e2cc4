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

/**
 * Starts the demo; resolves with { url, data, stop, restart } once it prints its address.
 * `opts.addr` and `opts.data` reuse an address and data folder (to restart the same server).
 */
export async function startDemo(extraArgs = [], opts = {}) {
  const data = opts.data || mkdtempSync(join(tmpdir(), 'throughline-e2e-'));
  const child = spawn(DEMO_BIN, ['--addr', opts.addr || '127.0.0.1:0', '--data', data, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
  };
  const demo = { url, data, child, output: () => output };
  /** Stops the server abruptly (as a crash would), keeping its data. */
  demo.kill = kill;
  /** Starts it again on the same address with the same data; returns the new handle. */
  demo.restart = async () => { await kill(); return startDemo(extraArgs, { addr: url.replace('http://', ''), data }); };
  demo.stop = async () => { await kill(); if (!opts.data) rmSync(data, { recursive: true, force: true }); };
  return demo;
}

/** The demo LRS's credentials by name (admin, ana, ben, chloe), read from its data folder. */
export function credentials(data) {
  const file = JSON.parse(readFileSync(join(data, 'lrs', 'lrs-credentials.json'), 'utf8'));
  return Object.fromEntries(file.credentials.map((c) => [c.name, `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`]));
}

/** Every statement the LRS holds for `query` (following `more` links), oldest first. */
export async function allStatements(endpoint, auth, query = {}) {
  const out = [];
  const origin = new URL(endpoint).origin;
  let next = `${endpoint}statements?${new URLSearchParams({ ascending: 'true', limit: '100', ...query })}`;
  for (let pages = 0; next && pages < 100; pages++) {
    const res = await fetch(next, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
    if (res.status !== 200) throw new Error(`GET statements answered ${res.status}: ${await res.text()}`);
    const body = await res.json();
    out.push(...body.statements);
    next = body.more ? new URL(body.more, origin).href : null;
  }
  return out;
}

/** Polls `check` until it returns a truthy value or `ms` pass. */
export async function eventually(check, ms = 20000, what = 'condition') {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    try { last = await check(); if (last) return last; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** The starting rating ("how often now?") for every commitment chosen so far: required at commitment. */
export async function giveBaselines(page, level = 'Rarely') {
  const groups = page.getByRole('group', { name: 'How often do you do this now, before you start?' });
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio', { name: level, exact: true }).check();
}

/** The learner's first visit: picks `role`, commits to the first behaviour, waits for the plan. */
export async function commitOne(page, role) {
  await page.getByRole('radio', { name: new RegExp(role) }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox').first().check();
  await page.getByRole('textbox', { name: 'When or where I will do it' }).fill('Every Friday');
  await giveBaselines(page);
  await page.getByRole('button', { name: 'Commit to my plan' }).click();
  await page.getByRole('heading', { name: 'My commitments' }).waitFor();
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects console errors and uncaught page errors, so a test can assert there were none it did not expect. */
export function watchErrors(page, { allow404 = false } = {}) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // xAPI answers 404 for a document that does not exist yet; the browser logs it as a failed load.
    if (m.type() !== 'error' || (allow404 && /status of 404/.test(m.text()))) return;
    errors.push(`console: ${m.text()}`);
  });
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
