// End-to-end: launches from an LMS (cmi5, TinCan-style, LTI-style context), and interoperability
// with a third-party LRS (Learning Locker's statements service, run in memory on loopback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startDemo, launchBrowser, credentials, allStatements, eventually, commitOne, ROOT } from './harness.mjs';

let demo, browser, creds;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); creds = credentials(demo.data); });
after(async () => { await browser?.close(); await demo?.stop(); });

const agent = (name) => JSON.stringify({ objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name } });
const short = (s) => s.verb.id.split('/').pop();

test('cmi5: fetch the token once, read LMS.LaunchData, initialized -> completed -> terminated in order', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.url}/launch/cmi5/coaching-leaders?as=ben`);
  await page.getByText('Which role fits you best in this program?').waitFor();
  const launchUrl = page.url();
  await commitOne(page, 'Team member');
  await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Return to the course' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/play/'));
  const statements = await eventually(async () => {
    const s = await allStatements(`${demo.url}/xapi/`, creds.admin, { agent: agent('ben') });
    return s.some((x) => short(x) === 'terminated') ? s : null;
  }, 20000, 'terminated');
  assert.deepEqual(statements.map(short), ['initialized', 'selected', 'committed', 'completed', 'terminated']);
  const registration = new URL(launchUrl).searchParams.get('registration');
  const session = statements[0].context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'];
  assert.ok(session, 'session id from the context template');
  for (const s of statements) {
    assert.equal(s.context.registration, registration);
    assert.equal(s.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'], session);
  }
  const completed = statements[3];
  assert.equal(completed.result.completion, true);
  assert.match(completed.result.duration, /^PT\d+\.\d{2}S$/);
  assert.deepEqual(completed.context.contextActivities.category.map((c) => c.id).sort(),
    ['https://w3id.org/xapi/cmi5/context/categories/cmi5', 'https://w3id.org/xapi/cmi5/context/categories/moveon']);
  assert.equal(statements[0].object.id, new URL(launchUrl).searchParams.get('activityId'));

  // The fetch URL is single use: opening the same launch address in a fresh tab is refused clearly.
  const again = await (await browser.newContext()).newPage();
  await again.goto(launchUrl);
  assert.match(await again.getByRole('alert').innerText(), /already used/);
  await context.close();
});

test('TinCan-style launch: identity, LRS and registration come from the launch address', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.url}/launch/tincan/coaching-leaders?as=chloe`);
  await page.getByText('Which role fits you best in this program?').waitFor();
  const registration = new URL(page.url()).searchParams.get('registration');
  await commitOne(page, 'Stakeholder');
  await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  const statements = await allStatements(`${demo.url}/xapi/`, creds.admin, { agent: agent('chloe'), registration });
  assert.deepEqual(statements.map(short), ['selected', 'committed']);
  assert.ok(!page.url().includes('undefined'));
});

test('LTI-style context: the LMS role preselects the program role', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.url}/launch/lti/coaching-leaders?as=ana&lti_role=Mentor`);
  const radio = page.getByRole('radio', { name: /Stakeholder/ });
  await radio.waitFor();
  assert.equal(await radio.isChecked(), true);
});

test('bad launch parameters give a clear message and never echo the credential', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.url}/play/coaching-leaders?endpoint=ftp://nowhere&auth=Basic%20c2VjcmV0OnNlY3JldA&actor=%7B%7D`);
  const text = await page.getByRole('alert').innerText();
  assert.match(text, /endpoint/);
  assert.match(text, /actor/);
  assert.ok(!text.includes('c2VjcmV0'));
});

function freePort() {
  return new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}

test('interoperability: Learning Locker\'s statements service accepts everything the widget sends', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'throughline-ll-'));
  const env = { ...process.env, AUTH_REPO: 'test', EVENTS_REPO: 'test', MODELS_REPO: 'memory', STORAGE_REPO: 'local', FS_LOCAL_STORAGE_DIR: dir, EXPRESS_PORT: String(port) };
  // Run it in its temp folder: it writes access logs to ./storage.
  const ll = spawn(process.execPath, [join(ROOT, 'node_modules', 'xapi-statements', 'dist', 'server.js')], { env, stdio: 'ignore', cwd: dir });
  try {
    const lrs = `http://127.0.0.1:${port}/xAPI/`;
    await eventually(async () => (await fetch(`${lrs}about`)).ok, 20000, 'Learning Locker to start');
    const auth = `Basic ${Buffer.from('interop:interop').toString('base64')}`;
    const actor = JSON.stringify({ objectType: 'Agent', name: 'Dana', account: { homePage: 'https://lms.example.org', name: 'dana' } });
    const params = new URLSearchParams({ endpoint: lrs, auth, actor, registration: '6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21', activity_id: 'https://lms.example.org/course/7', now: '2027-01-04' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.url}/play/coaching-leaders?${params}`);
    await commitOne(page, 'Leader');
    await page.goto(`${demo.url}/play/coaching-leaders?${params}`.replace('now=2027-01-04', 'now=2027-01-11'));
    await page.getByRole('textbox', { name: 'Your reflection' }).fill('Set clear expectations with two reps.');
    await page.locator('.tl-due fieldset').first().getByRole('radio', { name: 'Often' }).check();
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
    // Learning Locker has no State resource: statements still flow, the plan stays in the browser.
    const statements = await eventually(async () => {
      const s = await allStatements(lrs, auth, { agent: JSON.stringify({ account: { homePage: 'https://lms.example.org', name: 'dana' } }) });
      return s.length >= 4 ? s : null;
    }, 30000, 'four statements in Learning Locker');
    assert.deepEqual(statements.map(short), ['selected', 'committed', 'answered', 'rated']);
    assert.equal(await page.locator('.tl-sync-attention').count(), 0, 'nothing set aside as refused');
  } finally {
    ll.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
