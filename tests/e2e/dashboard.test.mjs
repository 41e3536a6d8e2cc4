// End-to-end: the adoption dashboard against the demo LRS seeded with a simulated cohort.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemo, launchBrowser, watchErrors, axeViolations } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(['--seed-cohort', '120']); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

const ready = (page) => page.locator('[data-dashboard-ready]').waitFor({ timeout: 30000 });

/** The table behind a panel, as rows of cell texts (header row first). */
async function tableOf(page, panel) {
  const details = page.locator(`[data-panel=${panel}] details`).first();
  await details.locator('summary').click();
  return details.locator('tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

async function csvOf(page, panel) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-panel=${panel}] button`, { hasText: 'Download CSV' }).click()]);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  return text.trim().split('\r\n').map((line) => line.split(','));
}

test('panels render from the seeded cohort, filters change figures, CSV matches the table', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/admin?as=admin`);
  await ready(page);
  const statements = Number(await page.locator('[data-dashboard-ready]').getAttribute('data-statements'));
  assert.ok(statements > 500, `statements loaded: ${statements}`);
  for (const panel of ['funnel', 'roles', 'teams', 'terms', 'reinforcement', 'adoption', 'baseline', 'seen']) {
    const chart = page.locator(`[data-panel=${panel}] svg[role=img]`).first();
    assert.ok(await chart.isVisible(), `${panel} chart`);
    assert.ok((await chart.locator('title').textContent()).length > 20, `${panel} chart has a text alternative`);
  }
  assert.deepEqual(await axeViolations(page, '.tl-dashboard'), [], 'dashboard has no accessibility violations');

  // The roles table and its CSV say the same.
  const table = await tableOf(page, 'roles');
  const csv = await csvOf(page, 'roles');
  const learnersByRole = (rows, labelCol, countCol) => Object.fromEntries(rows.slice(1).map((r) => [r[labelCol], Number(r[countCol])]));
  const fromTable = learnersByRole(table, 0, 1);
  assert.equal(Object.keys(fromTable).length, 3, 'three program roles');
  const header = csv[0];
  const fromCsv = Object.fromEntries(csv.slice(1).map((r) => [r[header.indexOf('label')], Number(r[header.indexOf('learners')])]));
  assert.deepEqual(fromCsv, fromTable);
  const total = Object.values(fromTable).reduce((a, b) => a + b, 0);
  assert.ok(total > 0 && total <= 120);

  // The team list and its CSV name the same teams, by pseudonym only.
  const teams = await tableOf(page, 'teams');
  const teamsCsv = await csvOf(page, 'teams');
  assert.ok(teams.length > 1, 'the seeded cohort has teams');
  assert.deepEqual(teams.slice(1).map((r) => r[0]), teamsCsv.slice(1).map((r) => r[0]));
  assert.ok(teamsCsv.slice(1).every((r) => /^team-[0-9a-f]{12}$/.test(r[0]) && /^learner-[0-9a-f]{12}$/.test(r[1])));

  // Filtering to leaders keeps only their row, and the funnel changes.
  const funnelAll = await page.locator('[data-panel=funnel] svg title').textContent();
  await page.getByLabel('Role').selectOption('leader');
  await page.locator('[data-panel=roles] svg title').filter({ hasText: /^Learners per role: Leader [^;]*$/ }).waitFor({ state: 'attached' });
  const funnelLeaders = await page.locator('[data-panel=funnel] svg title').textContent();
  assert.notEqual(funnelLeaders, funnelAll);
  const leaderTable = await tableOf(page, 'roles');
  assert.deepEqual(leaderTable.slice(1).map((r) => r[0]), ['Leader']);
  assert.equal(Number(leaderTable[1][1]), fromTable.Leader);
  assert.deepEqual(errors, []);
  await context.close();
});

test('change from baseline and the success case sample, with their CSVs', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/admin?as=admin`);
  await ready(page);
  // Change from baseline: one row per behaviour, the same counts in the table and the CSV.
  const table = await tableOf(page, 'baseline');
  const csv = await csvOf(page, 'baseline');
  assert.deepEqual(table[0].slice(0, 5), ['Behaviour', 'Learners', 'Mean start', 'Mean latest', 'Mean change']);
  const all = csv.slice(1).filter((r) => r[0] === '(all roles)');
  assert.equal(all.length, table.length - 1, 'one row per behaviour');
  assert.deepEqual(all.map((r) => Number(r[2])), table.slice(1).map((r) => Number(r[1])));
  assert.ok(all.some((r) => Number(r[2]) > 0), 'some learners have a baseline and a self-check');
  // Success cases: the learners to interview, by pseudonym, as in the CSV.
  const rows = await page.locator('[data-panel=success-cases] tbody tr').evaluateAll((trs) => trs.map((r) => [...r.children].map((c) => c.textContent.trim())));
  const sample = await csvOf(page, 'success-cases');
  assert.deepEqual(sample[0], ['behaviour', 'group', 'rank', 'learner', 'role', 'start', 'latest', 'change', 'self_checks', 'adopted']);
  assert.ok(rows.length > 0 && rows.length === sample.length - 1, `${rows.length} rows`);
  assert.deepEqual(rows.map((r) => r[2]), sample.slice(1).map((r) => r[3]), 'the same learners in the same order');
  assert.ok(sample.slice(1).every((r) => /^learner-[0-9a-f]{12}$/.test(r[3])), 'pseudonyms only');
  assert.ok(rows.some((r) => r[1].startsWith('Strongest')) && rows.some((r) => r[1].startsWith('Weakest')));
  assert.deepEqual(await axeViolations(page, '.tl-dashboard'), [], 'new panels have no accessibility violations');
  assert.deepEqual(errors, []);
  await context.close();
});

test('wrong credentials give a clear message, not a blank panel', async () => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/admin?as=admin`);
  await ready(page);
  await page.evaluate(async () => {
    const { mountDashboard } = await import('/pkg/admin/throughline_admin.js');
    const el = document.createElement('div');
    el.id = 'wrong';
    document.body.append(el);
    await mountDashboard(el, { endpoint: `${location.origin}/xapi/`, key: 'nobody', secret: 'nothing', program: '/programs/coaching.toml' }).catch(() => {});
  });
  await page.locator('#wrong [role=alert]').waitFor();
  assert.match(await page.locator('#wrong [role=alert]').innerText(), /refused these credentials/);
  await page.close();
});

test('the service\'s own dashboard page: an admin signs in with an LRS key', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/dashboard`);
  assert.equal(await page.getByLabel('LRS endpoint').inputValue(), `${demo.url}/xapi/`);
  assert.deepEqual(await axeViolations(page, 'main'), [], 'the sign-in form has no accessibility violations');
  const creds = JSON.parse(readFileSync(join(demo.data, 'lrs', 'lrs-credentials.json'), 'utf8')).credentials;
  const admin = creds.find((c) => c.scope === 'admin');
  await page.getByLabel('Key').fill(admin.key);
  await page.getByLabel('Secret').fill(admin.secret);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await ready(page);
  assert.ok(Number(await page.locator('[data-dashboard-ready]').getAttribute('data-statements')) > 500);
  assert.ok(await page.locator('[data-panel=funnel] svg[role=img]').first().isVisible());
  assert.deepEqual(errors, []);
});
