// End-to-end: the widget as a cmi5 AU under the demo's strict player, which refuses what ADL's
// player refuses (403 with the cmi5 requirement id) and lists its refusals for the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, credentials, allStatements, eventually, commitOne as commit } from './harness.mjs';

let demo, browser, creds;
before(async () => { demo = await startDemo(['--test-hooks']); browser = await launchBrowser(); creds = credentials(demo.data); });
after(async () => { await browser?.close(); await demo?.stop(); });

const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const short = (s) => s.verb.id.split('/').pop();
const refusals = async () => (await fetch(`${demo.url}/_test/cmi5/refusals`)).json();
const faults = (body) => fetch(`${demo.url}/_test/faults`, { method: 'POST', body: JSON.stringify(body) });
const ofRegistration = (registration) => allStatements(`${demo.url}/xapi/`, creds.admin, { registration });

async function launch(context, who, course) {
  const page = await context.newPage();
  await page.goto(`${demo.url}/launch/cmi5/${course}?as=${who}`);
  await page.locator('.tl-widget').first().waitFor();
  return { page, registration: new URL(page.url()).searchParams.get('registration') };
}

test('closing the tab without "Return to the course" ends the session with one terminated, never two', async () => {
  // Ana only: ben and chloe are left fresh for the tests below. She commits in the first try; her second
  // launch of a course is a new session of the same registration, and her other course shows the plan
  // kept in the LRS.
  const registrations = new Set();
  for (const [i, course] of ['coaching-leaders', 'feedback-teams', 'coaching-leaders', 'feedback-teams', 'coaching-leaders'].entries()) {
    const context = await browser.newContext();
    const { page, registration } = await launch(context, 'ana', course);
    registrations.add(registration);
    if (i === 0) await commit(page, 'Team member');
    else await page.getByRole('heading', { name: 'My commitments' }).waitFor(); // from the LRS
    // Close while statements are still on their way in some tries (the race that doubled terminated),
    // and once all is quiet in the others, when terminated must go.
    if (i % 2 === 1) {
      await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
      await page.waitForTimeout(1500);
    }
    await page.close();
    await context.close();
  }
  await new Promise((r) => setTimeout(r, 1500));
  let sessions = 0;
  let ended = 0;
  for (const registration of registrations) {
    const bySession = new Map();
    for (const s of await ofRegistration(registration)) {
      const id = s.context.extensions[SESSION];
      bySession.set(id, [...(bySession.get(id) || []), short(s)]);
    }
    for (const verbs of bySession.values()) {
      assert.equal(verbs[0], 'initialized', `${verbs}`);
      assert.ok(verbs.filter((v) => v === 'terminated').length <= 1, `${verbs}`);
      if (verbs.includes('terminated')) {
        assert.equal(verbs.at(-1), 'terminated', `${verbs}`);
        ended += 1;
      }
      sessions += 1;
    }
  }
  assert.equal(sessions, 5, 'every session reached the LRS');
  assert.ok(ended >= 2, `the tabs closed when all was quiet sent terminated (${ended} of 5 did)`);
  assert.deepEqual(await refusals(), [], 'the player refused nothing');
});

test('what a session could not send goes in the next session of the registration, under its template', async () => {
  const context = await browser.newContext();
  // Session 1: the LRS is down for everything the widget sends, and the learner closes the tab.
  await faults({ fail_statements: 1000, status: 503 });
  const first = await launch(context, 'ben', 'feedback-teams');
  await commit(first.page, 'Team member');
  await first.page.locator('.tl-sync-waiting').waitFor();
  await first.page.close();
  await new Promise((r) => setTimeout(r, 1000)); // a last keepalive send lands on the fault too
  await faults({ fail_statements: 0 });
  assert.deepEqual(await ofRegistration(first.registration), []);

  // Session 2 of the same registration: initialized first, then what the learner did in session 1, then completed.
  const second = await launch(context, 'ben', 'feedback-teams');
  assert.equal(second.registration, first.registration, 'a relaunch continues the registration');
  await second.page.getByRole('heading', { name: 'My commitments' }).waitFor();
  await second.page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  await second.page.getByRole('button', { name: 'Return to the course' }).click();
  await second.page.waitForURL((u) => !u.pathname.startsWith('/play/'));
  const statements = await eventually(async () => {
    const s = await ofRegistration(first.registration);
    return s.some((x) => short(x) === 'terminated') ? s : null;
  }, 20000, 'terminated');
  assert.deepEqual(statements.map(short), ['initialized', 'selected', 'committed', 'completed', 'terminated']);
  const sessions = new Set(statements.map((s) => s.context.extensions[SESSION]));
  assert.equal(sessions.size, 1, 'all in the second session');
  // The learner's own statements keep the time they acted, in session 1.
  const committed = statements.find((s) => short(s) === 'committed');
  assert.ok(Date.parse(committed.timestamp) < Date.parse(statements[0].timestamp), 'committed before session 2 began');
  assert.match(committed.timestamp, /:\d\d(\.\d{1,3})?Z$/, 'whole milliseconds');
  for (const s of statements) {
    assert.equal(s.context.contextActivities.grouping[0].id, statements[0].context.contextActivities.grouping[0].id,
      'the template\'s grouping first');
  }
  assert.deepEqual(await refusals(), []);
  await context.close();
});

test('a player refusal is explained in plain words, not as refused credentials, and nothing is lost', async () => {
  const context = await browser.newContext();
  const { page } = await launch(context, 'chloe', 'feedback-teams');
  await page.getByText('Which role fits you best in this program?').waitFor();
  await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  const rule = '9.3.0.0-1 - cmi5-defined statements MUST use a verb cmi5 defines (test)';
  await faults({ fail_statements: 20, status: 403, body: JSON.stringify({ statusCode: 403, error: 'Forbidden', message: rule }) });
  await page.getByRole('radio', { name: /Stakeholder/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const bar = page.locator('.tl-sync-attention');
  await bar.waitFor({ timeout: 30000 });
  const text = await bar.innerText();
  assert.match(text, /learning platform refused this record: 9\.3\.0\.0-1/);
  assert.doesNotMatch(text, /credentials/);
  assert.match(text, /kept here/);
  await faults({ fail_statements: 0 });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  await context.close();
});
