// End-to-end: what the widget sends reaches the demo's LRS over HTTP as correct xAPI, exactly once,
// through server errors, an LRS crash and restart, a tab closed mid-send and two open tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, watchErrors, credentials, allStatements, eventually, giveBaselines } from './harness.mjs';

const VERB = {
  'http://id.tincanapi.com/verb/selected': 'selected',
  'https://throughline.app/xapi/verbs/committed': 'committed',
  'http://adlnet.gov/expapi/verbs/answered': 'answered',
  'http://id.tincanapi.com/verb/rated': 'rated',
  'http://adlnet.gov/expapi/verbs/mastered': 'mastered',
  'https://throughline.app/xapi/verbs/lapsed': 'lapsed',
  'http://id.tincanapi.com/verb/skipped': 'skipped',
  'https://throughline.app/xapi/verbs/snoozed': 'snoozed',
  'https://throughline.app/xapi/verbs/rescheduled': 'rescheduled',
  'https://throughline.app/xapi/verbs/paused': 'paused',
  'https://throughline.app/xapi/verbs/resumed': 'resumed',
  'http://adlnet.gov/expapi/verbs/initialized': 'initialized',
  'http://adlnet.gov/expapi/verbs/completed': 'completed',
  'http://adlnet.gov/expapi/verbs/terminated': 'terminated',
};
const PROGRAM = 'https://throughline.example/programs/coaching-for-performance';
const agent = (name) => JSON.stringify({ objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name } });

let demo, browser, creds;
before(async () => { demo = await startDemo(['--test-hooks']); browser = await launchBrowser(); creds = credentials(demo.data); });
after(async () => { await browser?.close(); await demo?.stop(); });

const endpoint = () => `${demo.url}/xapi/`;
const statementsOf = (name) => allStatements(endpoint(), creds.admin, { agent: agent(name) });
const verbs = (statements) => statements.map((s) => VERB[s.verb.id] || s.verb.id);
const synced = (page) => page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
const faults = (body) => fetch(`${demo.url}/_test/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

function assertOnce(statements) {
  const ids = statements.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'no statement stored twice');
}

async function chooseAndCommit(page, role, count = 2) {
  await page.getByRole('radio', { name: new RegExp(role) }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const boxes = page.getByRole('checkbox');
  for (let i = 0; i < count; i++) {
    await boxes.nth(i).check();
    await page.getByRole('textbox', { name: 'When or where I will do it' }).nth(i).fill(`Slot ${i + 1}`);
  }
  await giveBaselines(page);
  await page.getByRole('button', { name: 'Commit to my plan' }).click();
  await page.getByRole('heading', { name: 'My commitments' }).waitFor();
}

/** Starts over on `page`, syncs, and reloads: the plan started over is the one it keeps. */
async function startOver(page) {
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: 'Yes, start over' }).click();
  await page.getByText('Which role fits you best in this program?').waitFor();
  await synced(page);
  await page.reload();
  await page.getByText('Which role fits you best in this program?').waitFor();
}

async function answerDue(page, text, levels) {
  await page.getByRole('textbox', { name: 'Your reflection' }).fill(text);
  const groups = page.locator('.tl-due fieldset');
  for (let i = 0; i < levels.length; i++) await groups.nth(i).getByRole('radio', { name: levels[i] }).check();
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
}

test('a learner journey lands in the LRS as exactly the catalogued statements, and the plan follows the learner', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/course/coaching-leaders?as=ana&now=2027-01-04`);
  await chooseAndCommit(page, 'Leader');
  await synced(page);
  await page.goto(`${demo.url}/course/coaching-leaders?as=ana&now=2027-01-11`);
  await answerDue(page, 'Gave two pieces of specific feedback after ride-alongs.', ['Often', 'Sometimes']);
  await synced(page);

  const statements = await statementsOf('ana');
  assert.deepEqual(verbs(statements), ['selected', 'committed', 'committed', 'answered', 'rated', 'rated']);
  assertOnce(statements);
  const [selected, committed, , answered, rated] = statements;
  assert.equal(selected.object.id, `${PROGRAM}/roles/leader`);
  assert.equal(committed.result.response.length > 0, true);
  assert.equal(committed.result.extensions['https://throughline.app/xapi/extensions/when-where'], 'Slot 1');
  assert.equal(committed.result.extensions['https://throughline.app/xapi/extensions/baseline'], 1, 'the starting rating, "Rarely"');
  assert.equal(answered.result.response, 'Gave two pieces of specific feedback after ride-alongs.');
  assert.deepEqual({ raw: rated.result.score.raw, min: rated.result.score.min, max: rated.result.score.max, scaled: rated.result.score.scaled }, { raw: 3, min: 0, max: 4, scaled: 0.75 });
  for (const s of statements) {
    assert.equal(s.context.contextActivities.parent[0].id, PROGRAM);
    assert.match(s.context.contextActivities.grouping[0].id, /\/course\/coaching-leaders$/);
    assert.equal(s.context.extensions['https://throughline.app/xapi/extensions/role'], 'leader');
    assert.match(s.context.registration, /^[0-9a-f-]{36}$/);
    assert.equal(s.context.language, 'en-US');
  }
  assert.equal(answered.context.extensions['https://throughline.app/xapi/extensions/step'], 7);

  // Another browser (a new context has empty storage) on the other course page finds the plan there.
  const phone = await browser.newContext();
  const other = await phone.newPage();
  await other.goto(`${demo.url}/course/feedback-teams?as=ana&now=2027-01-11`);
  await other.getByRole('heading', { name: 'My commitments' }).waitFor();
  assert.match(await other.locator('.tl-plan-list').innerText(), /Slot 1[\s\S]*Slot 2/);
  assert.match(await other.locator('.tl-timeline').innerText(), /Done/);

  // Starting over on the phone sticks: neither the LRS copy nor the laptop's own copy brings the plan back.
  await startOver(other);
  await page.reload();
  await page.getByText('Which role fits you best in this program?').waitFor();
  await synced(page);
  await phone.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('server errors and an LRS crash lose nothing and duplicate nothing', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.url}/course/coaching-leaders?as=ben&now=2027-01-04`);
  await page.getByText('Which role fits you best in this program?').waitFor();

  // The LRS answers 500 to the next three statement requests.
  assert.equal((await faults({ fail_statements: 3, status: 500 })).status, 200);
  await chooseAndCommit(page, 'Team member', 3);
  await page.locator('.tl-sync-waiting').waitFor();
  await synced(page);
  // Which arrives first is timing: on a plain LRS a statement waiting out its backoff may be
  // overtaken by newer ones (only a cmi5 player is sent in queue order), so the count is tested.
  const sorted = (statements) => verbs(statements).sort();
  assert.deepEqual(sorted(await statementsOf('ben')), ['committed', 'committed', 'committed', 'selected']);

  // The LRS process dies; the learner keeps working, offline.
  await demo.kill();
  await page.getByRole('button', { name: 'Edit my commitments' }).click();
  await page.getByRole('textbox', { name: 'When or where I will do it' }).first().fill('Before every ride-along');
  await page.getByRole('button', { name: 'Save my commitments' }).click();
  await page.getByText(/Offline: 1 waiting/).waitFor({ timeout: 30000 });
  demo = await demo.restart();
  await synced(page);
  const statements = await statementsOf('ben');
  assert.deepEqual(sorted(statements), ['committed', 'committed', 'committed', 'committed', 'selected']);
  // Queued after everything before it was stored, the offline edit is stored last.
  assert.equal(statements[4].result.extensions['https://throughline.app/xapi/extensions/when-where'], 'Before every ride-along');
  assertOnce(statements);
  await context.close();
});

test('a tab closed mid-send and two open tabs still store every statement exactly once', async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`${demo.url}/course/coaching-leaders?as=chloe&now=2027-01-04`);
  await first.getByText('Which role fits you best in this program?').waitFor();
  // Every normal send fails now, so only the keepalive send on pagehide can deliver before the tab goes.
  await faults({ fail_statements: 1000, status: 503 });
  await chooseAndCommit(first, 'Stakeholder', 2);
  await first.locator('.tl-sync-waiting').waitFor();
  await faults({ fail_statements: 0, status: 503 });
  await first.close({ runBeforeUnload: true });

  // Two tabs open at once, each acting; one sender at a time.
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(`${demo.url}/course/coaching-leaders?as=chloe&now=2027-01-06`);
  await b.goto(`${demo.url}/course/feedback-teams?as=chloe&now=2027-01-06`);
  await a.getByRole('heading', { name: 'First try' }).waitFor();
  await a.getByRole('textbox', { name: 'Your reflection' }).fill('Offered peer coaching to a field colleague.');
  await a.getByRole('button', { name: 'Save reflection' }).click();
  await a.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  await b.reload();
  await b.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  await b.getByRole('button', { name: 'Edit my commitments' }).click();
  await b.getByRole('textbox', { name: 'When or where I will do it' }).first().fill('At the monthly brand review');
  await b.getByRole('button', { name: 'Save my commitments' }).click();
  await synced(a);
  await synced(b);
  const statements = await eventually(async () => {
    const s = await statementsOf('chloe');
    return s.length >= 5 ? s : null;
  }, 20000, 'five statements for chloe');
  assert.deepEqual(verbs(statements), ['selected', 'committed', 'committed', 'answered', 'committed']);
  assertOnce(statements);
  await context.close();
});

test('a plan started over on another device while the plan\'s module is on its way: the widget follows, without a crash', async () => {
  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(`${demo.url}/course/coaching-leaders?as=dara&now=2027-01-04`);
  await chooseAndCommit(page, 'Leader', 1);
  await synced(page);
  const phone = await browser.newContext();
  const other = await phone.newPage();
  // A day later, so the start-over is later than anything the laptop did.
  await other.goto(`${demo.url}/course/coaching-leaders?as=dara&now=2027-01-05`);
  // Reloaded and synced again, the phone has surely written the plan it started over to the LRS.
  await startOver(other);
  await synced(other);
  await phone.close();

  // Back on the laptop, whose stored plan is still committed: the plan below the due card waits
  // for its module, held here until the merged plan has moved the widget to the role question.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const part = /\/pkg\/split_overview\.wasm$/;
  await page.route(part, async (route) => { await held; await route.continue(); });
  // The next day (the laptop's clock after the phone's: its own choices outrank the start-over).
  await page.goto(`${demo.url}/course/coaching-leaders?as=dara&now=2027-01-06`);
  await page.getByText('Which role fits you best in this program?').waitFor();
  const arrived = page.waitForEvent('requestfinished', (r) => part.test(new URL(r.url()).pathname));
  release();
  await arrived;
  // The module is instantiated and the part it was for is gone: nothing to draw, nothing broken.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  assert.deepEqual(errors, []);
  await chooseAndCommit(page, 'Team member', 1);
  await synced(page);
  assert.deepEqual(errors, []);
  await laptop.close();
});
