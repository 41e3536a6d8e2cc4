// End-to-end: a learner walks the whole flow in the demo course page in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, watchErrors, axeViolations, commitOne, eventually, giveBaselines } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

const coursePage = (learner, now) => `${demo.url}/course/coaching-leaders?learner=${learner}&name=Pat&now=${now}`;

test('a learner picks a role, commits, reloads, answers a due prompt and a self-check weeks later', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));

  // Day 0: the end of the course.
  await page.goto(coursePage('e2e-pat', '2027-01-04'));
  await page.getByRole('heading', { name: 'Coaching for Performance', exact: true }).waitFor();
  await page.getByText('Which role fits you best in this program?').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'role step has no accessibility violations');

  // Keyboard only: choose "Team member" and continue.
  await page.getByRole('radio', { name: /Team member/ }).focus();
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('radio', { name: /Team member/ }).isChecked());
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();
  // The course serves the compiled program, so the checker bundle never loads for learners.
  assert.ok(requested.includes('/compiled/coaching.json'), requested.join(' '));
  assert.ok(!requested.some((p) => p.startsWith('/pkg/check/')), requested.join(' '));
  // Nothing selected yet: committing is refused with a message, not silently.
  await page.getByRole('button', { name: 'Commit to my plan' }).click();
  await page.getByRole('alert').waitFor();
  const boxes = page.getByRole('checkbox');
  assert.equal(await boxes.count(), 3, 'three suggested commitments for team members');
  await boxes.nth(0).check();
  await page.getByRole('textbox', { name: 'When or where I will do it' }).fill('After every ride-along with my manager');
  await boxes.nth(1).check();
  await page.getByRole('textbox', { name: 'When or where I will do it' }).nth(1).fill('The Friday before each performance discussion');
  // Where each behaviour starts: required, one radio group on the program's scale per behaviour.
  await page.getByRole('button', { name: 'Commit to my plan' }).click();
  assert.match(await page.getByRole('alert').innerText(), /how often .* happens now/);
  const starts = page.getByRole('group', { name: 'How often do you do this now, before you start?' });
  assert.equal(await starts.count(), 2, 'a baseline per chosen behaviour');
  // Keyboard only: Space selects the first level, an arrow key moves to the next.
  await starts.nth(0).getByRole('radio', { name: 'Never', exact: true }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.ok(await starts.nth(0).getByRole('radio', { name: 'Rarely', exact: true }).isChecked());
  await starts.nth(1).getByRole('radio', { name: 'Sometimes', exact: true }).check();
  await page.getByRole('textbox', { name: 'Why this matters to me (optional)' }).fill('My reviews should be conversations, not surprises.');
  assert.deepEqual(await axeViolations(page), [], 'commit step has no accessibility violations');
  await page.getByRole('button', { name: 'Commit to my plan' }).click();

  await page.getByRole('heading', { name: 'My commitments' }).waitFor();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  await page.getByText(/Your trend starts from where you said you are now/).waitFor();
  const schedule = page.locator('.tl-timeline-item');
  assert.equal(await schedule.count(), 5, 'five reflection steps');
  assert.match(await schedule.nth(0).innerText(), /Wed, Jan 6, 2027/);
  assert.match(await schedule.nth(1).innerText(), /Mon, Jan 11, 2027[\s\S]*self-check/);

  // Shared language: a glossary term shows its definition on keyboard focus.
  const term = page.locator('.tl-term').first();
  await term.focus();
  assert.ok(await term.locator('.tl-tip').isVisible(), 'definition visible on focus');

  // The calendar file: one event per step, linking back to the course.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Add to my calendar/ }).click()]);
  assert.equal(download.suggestedFilename(), 'reflection-schedule.ics');
  const ics = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.equal((ics.match(/BEGIN:VEVENT/g) || []).length, 5);
  assert.match(ics, /DTSTART;VALUE=DATE:20270106/);
  assert.match(ics.replace(/\r\n /g, ''), /\/course\/coaching-leaders/);
  assert.deepEqual(await axeViolations(page), [], 'plan overview has no accessibility violations');

  // Reload: the plan is still there.
  await page.reload();
  await page.getByRole('heading', { name: 'My commitments' }).waitFor();
  assert.match(await page.locator('.tl-plan-list').innerText(), /After every ride-along with my manager/);

  // A week later: one catch-up prompt (day 2 was missed), with the self-check.
  await page.goto(coursePage('e2e-pat', '2027-01-11'));
  await page.getByRole('heading', { name: 'One week in' }).waitFor();
  assert.match(await page.locator('.tl-due').innerText(), /Which piece of feedback from this week have you acted on/);
  assert.deepEqual(await axeViolations(page), [], 'due card has no accessibility violations');
  await page.getByRole('textbox', { name: 'Your reflection' }).fill('I asked for feedback after two calls and changed my opening.');
  const groups = page.locator('.tl-due fieldset');
  assert.equal(await groups.count(), 2, 'one rating per committed behaviour');
  await groups.nth(0).getByRole('radio', { name: 'Often' }).check();
  await groups.nth(1).getByRole('radio', { name: 'Sometimes' }).check();
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  assert.match(await page.locator('.tl-timeline').innerText(), /Missed[\s\S]*Done/);

  // Three weeks in: a second "Often" makes the first behaviour adopted (two consecutive checks).
  await page.goto(coursePage('e2e-pat', '2027-01-25'));
  await page.getByRole('heading', { name: 'Three weeks in' }).waitFor();
  await page.getByRole('button', { name: 'Remind me tomorrow' }).click();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  await page.goto(coursePage('e2e-pat', '2027-01-26'));
  await page.getByRole('heading', { name: 'Three weeks in' }).waitFor();
  await page.getByRole('textbox', { name: 'Your reflection' }).fill('Busy launch week, but I kept asking.');
  await page.locator('.tl-due fieldset').nth(0).getByRole('radio', { name: 'Consistently' }).check();
  await page.locator('.tl-due fieldset').nth(1).getByRole('radio', { name: 'Rarely' }).check();
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  const states = await page.locator('.tl-plan-item .tl-state').allInnerTexts();
  assert.deepEqual(states, ['Adopted', 'Trying']);
  const chart = page.getByRole('img', { name: /average self-rating over time/ });
  assert.equal(await chart.locator('circle').count(), 3, 'the start and two self-checks on the trend');
  assert.match(await chart.locator('title').textContent(), /^Your average self-rating over time: start: about “Sometimes”/);
  assert.deepEqual(await axeViolations(page), [], 'trend has no accessibility violations');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a learner on leave pauses the plan: nothing is due or missed meanwhile, and resuming brings it back', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(coursePage('e2e-lee', '2027-01-04'));
  await commitOne(page, 'Leader');
  await page.getByText('Change my reflection days').click();
  await page.getByLabel("I'm on leave until").fill('2027-01-20');
  await page.getByRole('button', { name: 'Pause my plan' }).click();
  await page.getByRole('heading', { name: 'Your plan is paused' }).waitFor();
  assert.match(await page.locator('.tl-due-none').innerText(), /on leave until Wed, Jan 20, 2027/);
  assert.deepEqual(await axeViolations(page), [], 'paused plan has no accessibility violations');

  // A week on, still on leave: nothing due, nothing missed, the first step waits until after the pause.
  await page.goto(coursePage('e2e-lee', '2027-01-10'));
  await page.getByRole('heading', { name: 'Your plan is paused' }).waitFor();
  const timeline = await page.locator('.tl-timeline').innerText();
  assert.doesNotMatch(timeline, /Missed|Due now/);
  assert.match(timeline, /Fri, Jan 22, 2027 \(planned Wed, Jan 6, 2027\)/);

  // Back early: the schedule continues from today, spaced as before.
  await page.getByRole('button', { name: "I'm back: resume my plan" }).click();
  await page.getByRole('heading', { name: 'Nothing due today' }).waitFor();
  assert.match(await page.locator('.tl-timeline').innerText(), /Tue, Jan 12, 2027 \(planned Wed, Jan 6, 2027\)/);
  await page.goto(coursePage('e2e-lee', '2027-01-12'));
  await page.getByRole('heading', { name: 'First try' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a calendar link follows the learner\'s changes, survives a reload and stops when asked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  const course = `${demo.url}/course/coaching-leaders?as=ben&now=2027-01-04`;
  await page.goto(course);
  await commitOne(page, 'Team member');
  await page.getByRole('button', { name: 'Get a calendar link' }).click();
  const field = page.getByRole('textbox', { name: 'My calendar link' });
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/calendar\/[0-9a-f]{64}\.ics$/);
  assert.equal(await page.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href'), link.replace('http://', 'webcal://'));
  assert.deepEqual(await axeViolations(page), [], 'calendar link has no accessibility violations');
  const feed = async () => { const r = await fetch(link); return { status: r.status, text: (await r.text()).replace(/\r\n /g, '') }; };
  // The service reads the plan the widget synced: five open steps, the first on its planned day.
  await eventually(async () => { const f = await feed(); return f.status === 200 && (f.text.match(/BEGIN:VEVENT/g) || []).length === 5; }, 20000, 'the feed shows the plan');
  assert.match((await feed()).text, /DTSTART;VALUE=DATE:20270106/);

  // On leave: the feed moves the steps by itself, as newer versions of the same events.
  await page.getByText('Change my reflection days').click();
  await page.getByLabel("I'm on leave until").fill('2027-01-20');
  await page.getByRole('button', { name: 'Pause my plan' }).click();
  await page.getByRole('heading', { name: 'Your plan is paused' }).waitFor();
  await eventually(async () => /DTSTART;VALUE=DATE:20270122/.test((await feed()).text), 20000, 'the feed follows the pause');
  assert.match((await feed()).text, /SEQUENCE:[1-9]/);

  // The link is remembered in this browser; stopping it makes the old address answer 404.
  await page.reload();
  assert.equal(await page.getByRole('textbox', { name: 'My calendar link' }).inputValue(), link);
  await page.getByRole('button', { name: 'Stop my calendar link' }).click();
  await page.getByRole('button', { name: 'Get a calendar link' }).waitFor();
  const stopped = await feed();
  assert.equal(stopped.status, 404);
  assert.match(stopped.text, /stopped/);
  // A learner without an LRS connection (no service) is offered the file only.
  const other = await context.newPage();
  await other.goto(coursePage('e2e-nolrs', '2027-01-04'));
  await commitOne(other, 'Leader');
  assert.equal(await other.getByRole('button', { name: 'Get a calendar link' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken page set-up shows a clear error, not a blank widget', async () => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/course/coaching-leaders?now=someday`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not start[\s\S]*YYYY-MM-DD/);
  await page.close();
});

test('a missing program file is reported with its address', async () => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/course/coaching-leaders`);
  await page.getByRole('heading', { name: 'Coaching for Performance', exact: true }).waitFor();
  await page.evaluate(async () => {
    const { mount } = await import('/pkg/throughline.js');
    const el = document.createElement('div');
    el.id = 'second';
    document.body.append(el);
    await mount(el, { program: '/programs/missing.toml' }).catch(() => {});
  });
  const text = await page.locator('#second [role=alert]').innerText();
  assert.match(text, /\/programs\/missing\.toml could not be loaded \(the server answered 404\)/);
  await page.close();
});

test('a source program file loads the checker on demand, and its problems are shown located', async () => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/course/coaching-leaders`);
  await page.getByRole('heading', { name: 'Coaching for Performance', exact: true }).waitFor();
  const checker = page.waitForRequest((r) => r.url().endsWith('/pkg/check/throughline_check_bg.wasm'));
  const source = await page.evaluate(async () => {
    const { mount } = await import('/pkg/throughline.js');
    const add = (id) => { const el = document.createElement('div'); el.id = id; document.body.append(el); return el; };
    await mount(add('from-source'), { program: '/programs/coaching.toml', learner: { id: 'e2e-source' } });
    const text = await (await fetch('/programs/coaching.toml')).text();
    await mount(add('broken'), { programText: text.replace('day = 21', 'day = 3') }).catch(() => {});
    return text.length;
  });
  assert.ok(source > 0);
  await checker;
  await page.locator('#from-source').getByText('Which role fits you best in this program?').waitFor();
  const problems = await page.locator('#broken [role=alert]').innerText();
  assert.match(problems, /throughline check[\s\S]*\d+:\d+: schedule\[2\]\.day/);
  await page.close();
});

test('the first screen needs only the first module; the parts after it load later, and one that cannot be fetched says so and loads on Try again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const parts = /\/pkg\/(split|chunk)_[^/]*\.wasm$/;
  let refused = 0;
  // The modules cut from the bundle cannot be fetched (a connection lost after the page loaded).
  await page.route(parts, (route) => { refused += 1; return route.abort('internetdisconnected'); });
  await page.goto(coursePage('e2e-split', '2027-01-04'));
  // The role question is drawn and usable without them.
  await page.getByText('Which role fits you best in this program?').waitFor();
  await page.getByRole('radio', { name: /Team member/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The commit editor is in a part: said in plain words, with a way to try again, not a blank widget.
  const alert = page.locator('.tl-unfetched');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be loaded\. Check your connection, then try again\. Nothing you have done is lost\./);
  assert.ok(refused > 0, 'the widget asked for its parts');
  assert.deepEqual(await axeViolations(page), [], 'the part that could not be fetched: no accessibility violations');
  // The connection is back: Try again loads the commit editor, and the learner goes on.
  await page.unroute(parts);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();
  assert.equal(await alert.count(), 0, 'the message goes once the part is drawn');
  await page.getByRole('checkbox').first().check();
  await page.getByRole('textbox', { name: 'When or where I will do it' }).fill('Every Friday');
  await giveBaselines(page);
  await page.getByRole('button', { name: 'Commit to my plan' }).click();
  await page.getByRole('heading', { name: 'My commitments' }).waitFor();
  // The only errors logged are the refused fetches of the parts.
  assert.deepEqual(errors.filter((e) => !/split module|could not be fetched|internetdisconnected|Failed to fetch|net::ERR/i.test(e)), []);
  await context.close();
});
