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

/** The demo's admin key, as an Authorization header value. */
function adminAuth() {
  const creds = JSON.parse(readFileSync(join(demo.data, 'lrs', 'lrs-credentials.json'), 'utf8')).credentials;
  const admin = creds.find((c) => c.scope === 'admin');
  return `Basic ${Buffer.from(`${admin.key}:${admin.secret}`).toString('base64')}`;
}

const PROGRAM = 'https://throughline.example/programs/coaching-for-performance';

/** A new learner choosing a role: one statement in the program's context. */
async function newLearnerSelects(role) {
  const id = crypto.randomUUID();
  const res = await fetch(`${demo.url}/xapi/statements`, {
    method: 'POST',
    headers: { Authorization: adminAuth(), 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
    body: JSON.stringify({
      id,
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: `late-${id}` } },
      verb: { id: 'http://id.tincanapi.com/verb/selected' },
      object: { objectType: 'Activity', id: `${PROGRAM}/roles/${role}` },
      context: { contextActivities: { parent: [{ id: PROGRAM }] }, extensions: { 'https://throughline.app/xapi/extensions/role': role } },
    }),
  });
  assert.equal(res.status, 200, await res.text());
}

/** Learners per role in the roles table. */
async function learnersByRole(page) {
  const table = await tableOf(page, 'roles');
  return Object.fromEntries(table.slice(1).map((r) => [r[0], Number(r[1])]));
}

/** Requests the page makes to the LRS's statements resource and the service's /insights. */
function watchReads(page) {
  const seen = { statements: [], insights: [] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/xapi/statements')) seen.statements.push(u);
    if (u.pathname === '/insights') seen.insights.push(u);
  });
  return seen;
}

test('over the Throughline service the dashboard shows its snapshot, the same figures as reading every statement', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  const reads = watchReads(page);
  await page.goto(`${demo.url}/admin?as=admin&now=2027-05-10`);
  await ready(page);
  const board = page.locator('[data-dashboard-ready]');
  assert.equal(await board.getAttribute('data-source'), 'service');
  assert.equal(reads.statements.length, 0, 'no statement is read by the browser');
  assert.ok(reads.insights.length >= 1 && reads.insights[0].searchParams.get('program') === PROGRAM);
  assert.equal(reads.insights[0].searchParams.get('names'), null, 'names only where the admin may see them');
  const fromService = await learnersByRole(page);
  assert.match(await page.locator('.tl-load').innerText(), /computed by the Throughline service from \d+ statements/);
  assert.deepEqual(await axeViolations(page, '.tl-dashboard'), [], 'the snapshot view has no accessibility violations');
  // A filter asks the service again.
  await page.getByLabel('Role').selectOption('leader');
  await page.locator('[data-panel=roles] svg title').filter({ hasText: /^Learners per role: Leader [^;]*$/ }).waitFor({ state: 'attached' });
  assert.equal(reads.insights.at(-1).searchParams.get('role'), 'leader');

  const plain = await context.newPage();
  const plainReads = watchReads(plain);
  await plain.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off&cache=off`);
  await ready(plain);
  assert.equal(await plain.locator('[data-dashboard-ready]').getAttribute('data-source'), 'statements');
  // After the first page, the rest is read in adjoining windows of stored time at once.
  const windows = plainReads.statements.filter((u) => u.searchParams.get('until') && !u.searchParams.get('cursor'));
  assert.equal(windows.length, 4, `four windows: ${plainReads.statements.map((u) => u.search).join(' ')}`);
  assert.deepEqual(windows.slice(1).map((u) => u.searchParams.get('since')), windows.slice(0, -1).map((u) => u.searchParams.get('until')), 'each window starts where the one before ends');
  assert.deepEqual(await learnersByRole(plain), fromService, 'the same figures either way');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Waits until what `marks` name is written to IndexedDB (after the figures are drawn): the fold and the figures unless told. */
async function kept(page, marks = ['throughline:dash-saved', 'throughline:dash-kept']) {
  await page.waitForFunction((names) => names.every((m) => performance.getEntriesByName(m).length > 0), marks, { timeout: 30000 });
}

/** A first plain-LRS visit in `context`, read to the end: its statement count, learners per role and learner heading. */
async function firstPlainVisit(context) {
  const first = await context.newPage();
  const errors = watchErrors(first, { allow404: true });
  await first.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  await ready(first);
  const statements = Number(await first.locator('[data-dashboard-ready]').getAttribute('data-statements'));
  const roles = await learnersByRole(first);
  const learners = await first.locator('#tl-dash-learners').innerText();
  await kept(first);
  await first.close();
  return { statements, roles, learners, errors };
}

test('on a plain LRS a second visit reads only what is new, and counts it', async () => {
  const context = await browser.newContext();
  const { statements: before, roles: rolesBefore, errors } = await firstPlainVisit(context);

  await newLearnerSelects('leader');
  const second = await context.newPage();
  const reads = watchReads(second);
  // The read that counts what is newer is held, to see what shows before it ends.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = 0;
  await second.route((u) => u.pathname.endsWith('/xapi/statements'), async (route) => {
    asked += 1;
    if (asked === 2) await held;
    await route.continue();
  });
  await second.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  // Something is newer: the last visit's figures show at once, said to be so, until it is counted.
  await second.locator('[data-dashboard-shown]').waitFor({ state: 'attached' });
  await second.locator('.tl-kept-note').waitFor();
  const note = (await second.locator('.tl-kept-note').innerText()).match(/last visit \(([\d,]+) statements\)/);
  assert.equal(Number(note?.[1].replaceAll(',', '')), before, `the note counts the kept figures' statements: ${note}`);
  assert.equal(await second.locator('[data-dashboard-ready]').count(), 0, 'not ready: the new statement is not counted yet');
  assert.deepEqual(await learnersByRole(second), rolesBefore, 'the kept figures');
  assert.deepEqual(await axeViolations(second, '.tl-dashboard'), [], 'kept figures while reading: no accessibility violations');
  release();
  await ready(second);
  assert.equal(await second.locator('.tl-kept-note').count(), 0, 'the note goes with the kept figures');
  assert.ok(reads.statements.length >= 1);
  const since = reads.statements[0].searchParams.get('since');
  assert.ok(since, `the second visit asks only for newer statements: ${reads.statements[0]}`);
  assert.equal(reads.statements[0].searchParams.get('format'), 'ids', 'the lightest format, as names are not shown');
  assert.equal(Number(await second.locator('[data-dashboard-ready]').getAttribute('data-statements')), before + 1);
  const rolesAfter = await learnersByRole(second);
  assert.equal(rolesAfter.Leader, rolesBefore.Leader + 1, 'the statement added between visits counts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a plain LRS a visit that finds nothing new shows the kept figures at once; a filter restores the fold', async () => {
  const context = await browser.newContext();
  const { statements: before, roles: rolesBefore, learners: learnersBefore, errors } = await firstPlainVisit(context);

  const second = await context.newPage();
  const errorsLater = watchErrors(second, { allow404: true });
  const reads = watchReads(second);
  await second.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  await ready(second);
  assert.equal(reads.statements.length, 1, 'one request: is anything newer?');
  assert.ok(reads.statements[0].searchParams.get('since'), `asked only for newer statements: ${reads.statements[0]}`);
  const marks = await second.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  assert.ok(marks.includes('throughline:dash-kept-read'), `the kept figures were read: ${marks}`);
  assert.ok(!marks.includes('throughline:dash-restored'), 'the fold was not restored');
  assert.equal(Number(await second.locator('[data-dashboard-ready]').getAttribute('data-statements')), before);
  assert.deepEqual(await learnersByRole(second), rolesBefore, 'the same figures as the visit that counted them');
  assert.equal(await second.locator('#tl-dash-learners').innerText(), learnersBefore);
  assert.deepEqual(await axeViolations(second, '.tl-dashboard'), [], 'the kept figures have no accessibility violations');

  // A filter needs the fold: it is restored and read on from where it ended.
  await second.getByLabel('Role').selectOption('leader');
  await second.locator('[data-panel=roles] svg title').filter({ hasText: /^Learners per role: Leader [^;]*$/ }).waitFor({ state: 'attached' });
  await ready(second);
  assert.equal(reads.statements.length, 2, 'the restored fold asks once more for what is newer');
  assert.ok(reads.statements[1].searchParams.get('since'));
  assert.deepEqual(await learnersByRole(second), { Leader: rolesBefore.Leader });
  await second.getByLabel('Role').selectOption('');
  await second.locator('[data-panel=roles] svg title').filter({ hasText: /^Learners per role: .*;/ }).waitFor({ state: 'attached' });
  assert.deepEqual(await learnersByRole(second), rolesBefore, 'unfiltered again: the same figures from the fold');
  assert.deepEqual([...errors, ...errorsLater], []);
  await context.close();
});

test('kept figures without the fold they came from: a filter reads every statement again, not only the newer ones', async () => {
  const context = await browser.newContext();
  const { roles: rolesBefore, errors } = await firstPlainVisit(context);
  const page = await context.newPage();
  const errorsLater = watchErrors(page, { allow404: true });
  // Only the figures stay: the fold's record is gone (cleared by the browser, say).
  await page.goto(`${demo.url}/`);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('throughline-dashboard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('folds', 'readwrite');
      const store = tx.objectStore('folds');
      store.getAllKeys().onsuccess = (e) => { for (const k of e.target.result) if (!String(k).endsWith(':figures')) store.delete(k); };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  const reads = watchReads(page);
  await page.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  await ready(page);
  assert.deepEqual(await learnersByRole(page), rolesBefore, 'the kept figures');
  await page.getByLabel('Role').selectOption('leader');
  await page.locator('[data-panel=roles] svg title').filter({ hasText: /^Learners per role: Leader [^;]*$/ }).waitFor({ state: 'attached' });
  await ready(page);
  assert.equal(reads.statements[1].searchParams.get('since'), null, `read from the start: ${reads.statements[1]}`);
  assert.deepEqual(await learnersByRole(page), { Leader: rolesBefore.Leader });
  assert.deepEqual([...errors, ...errorsLater], []);
  await context.close();
});

test('Cancel keeps the figures read so far, and the next visit goes on from there', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  // Hold every page after the first, so Cancel lands while loading.
  let release;
  const held = new Promise((r) => { release = r; });
  let pages = 0;
  await page.route((url) => url.pathname.endsWith('/xapi/statements'), async (route) => {
    pages += 1;
    if (pages > 1) await held;
    await route.continue();
  });
  await page.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await page.locator('.tl-load').filter({ hasText: /\d+ read, \d+ a second; estimating the time left/ }).waitFor();
  await cancel.click();
  release();
  await ready(page);
  assert.match(await page.locator('.tl-error').innerText(), /cancelled.*the next visit goes on/);
  const partial = Number(await page.locator('[data-dashboard-ready]').getAttribute('data-statements'));
  assert.ok(partial > 0 && partial <= 1000, `only the pages before Cancel: ${partial}`);
  const roles = await learnersByRole(page);
  assert.ok(Object.values(roles).reduce((a, b) => a + b, 0) > 0, 'figures for what was read');
  assert.deepEqual(await axeViolations(page, '.tl-dashboard'), [], 'no accessibility violations after Cancel');
  await kept(page, ['throughline:dash-saved']);
  await page.close();

  const again = await context.newPage();
  const reads = watchReads(again);
  await again.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off`);
  await ready(again);
  assert.ok(reads.statements[0].searchParams.get('since'), 'goes on from the cached fold');
  const all = Number(await again.locator('[data-dashboard-ready]').getAttribute('data-statements'));
  const fresh = await context.newPage();
  await fresh.goto(`${demo.url}/admin?as=admin&now=2027-05-10&snapshot=off&cache=off`);
  await ready(fresh);
  assert.equal(all, Number(await fresh.locator('[data-dashboard-ready]').getAttribute('data-statements')), 'nothing lost across the cut');
  assert.ok(partial < all, `Cancel came before the end (${partial} of ${all})`);
  assert.deepEqual(await learnersByRole(again), await learnersByRole(fresh));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the dashboard speaks German, French and Japanese, with numbers and dates written their way', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/admin?as=admin&now=2027-03-01`);
  await ready(page);
  const english = await page.locator('[data-dashboard-ready]').getAttribute('data-statements');
  const expected = {
    de: { funnel: 'Wo das Lernen abbricht', baseline: 'Mittel am Start', asOf: /Zahlen mit Stand Mo\., 1\. März 2027/, decimal: /^-?\d+,\d\d$/ },
    fr: { funnel: "Où l'apprentissage décroche", baseline: 'Moyenne au départ', asOf: /Chiffres au lun\. 1 mars 2027/, decimal: /^-?\d+,\d\d$/ },
    ja: { funnel: 'どこで学びが途切れるか', baseline: '開始時の平均', asOf: /2027年3月1日\(月\) 時点の数値です/, decimal: /^-?\d+\.\d\d$/ },
  };
  for (const [lang, want] of Object.entries(expected)) {
    await page.goto(`${demo.url}/admin?as=admin&now=2027-03-01&lang=${lang}`);
    await ready(page);
    const dash = page.locator('.tl-dashboard');
    assert.equal(await dash.getAttribute('lang'), lang);
    assert.equal(await page.locator('[data-dashboard-ready]').getAttribute('data-statements'), english, `${lang}: the same statements`);
    assert.equal((await page.locator('[data-panel=funnel] h3').textContent()).trim(), want.funnel);
    assert.match(await dash.locator('.tl-header .tl-help').textContent(), want.asOf);
    const table = await tableOf(page, 'baseline');
    const column = table[0].indexOf(want.baseline);
    assert.ok(column > 0, `${lang}: ${table[0]}`);
    const means = table.slice(1).map((r) => r[column]).filter((v) => v !== '–');
    assert.ok(means.length > 0 && means.every((v) => want.decimal.test(v)), `${lang} means: ${means}`);
    // Nothing left in English on the panels' headings and buttons.
    const buttons = await dash.locator('[data-panel] > button').allTextContents();
    assert.ok(buttons.length > 5 && buttons.every((b) => b !== 'Download CSV'), `${lang}: ${buttons[0]}`);
    assert.deepEqual(await axeViolations(page, '.tl-dashboard'), [], `${lang}: no accessibility violations`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
