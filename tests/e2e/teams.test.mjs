// End-to-end: Ana leads a team in the demo; her team joins by link and code, each side sees
// the other's commitments, team members rate her at the observation step, and her view of
// how the team sees her appears only after the third rater; no rating ever reaches her browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, watchErrors, axeViolations, commitOne, eventually } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

const course = (who, now, extra = '') => `${demo.url}/course/coaching-leaders?as=${who}&now=${now}${extra}`;
const card = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'My team', exact: true }) });

/** Opens `who`'s course page in a context of its own and commits on day 0. */
async function newcomer(who, role, extra = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page, { allow404: true });
  await page.goto(course(who, '2027-01-04', extra));
  await commitOne(page, role);
  return { context, page, errors };
}

test('a leader\'s team: join by link and code, both sides, observer checks and a private view', async () => {
  // Ana starts a team and gets its code and link.
  const ana = await newcomer('ana', 'Leader');
  // Everything Ana's browser receives, to prove no one's rating reaches it.
  const seenByAna = [];
  ana.page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    // What the LRS and the team endpoints answer (the bundles themselves name every verb).
    if (!path.startsWith('/xapi/') && !path.startsWith('/teams')) return;
    try { seenByAna.push(`${r.url()} ${await r.text()}`); } catch { /* bodies of redirects */ }
  });
  await card(ana.page).getByRole('button', { name: 'Start a team' }).click();
  await ana.page.getByText('Your team is ready').waitFor();
  const code = (await card(ana.page).locator('.tl-code').innerText()).trim();
  assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  const link = await card(ana.page).getByRole('textbox', { name: 'Join link' }).inputValue();
  assert.ok(link.includes(`throughline-team=${code.replace('-', '')}`), link);
  assert.deepEqual(await axeViolations(ana.page), [], 'team card has no accessibility violations');

  // Ben opens the link (his own page, the same code) and joins after saying yes.
  const ben = await newcomer('ben', 'Team member', `&throughline-team=${code.replace('-', '')}`);
  await ben.page.getByRole('region', { name: 'Team invitation' }).waitFor();
  await ben.page.getByRole('button', { name: 'Join this team' }).click();
  await ben.page.getByText('You joined the team.').waitFor();
  const benCard = card(ben.page);
  await benCard.getByText('Led by Ana Ruiz. 2 people in it.').waitFor();
  // Ana committed to setting expectations; Ben's side of that pair is preparing for the discussion.
  await benCard.getByText(/Your leader Ana Ruiz committed to “Set clear expectations”/).waitFor();
  assert.deepEqual(await axeViolations(ben.page), [], 'member view has no accessibility violations');

  // Dara, Eli and Femi type the code, in lower case and without the dash.
  const others = {};
  for (const who of ['dara', 'eli', 'femi']) {
    const p = await newcomer(who, 'Team member');
    await card(p.page).getByText('Join a team with a code').click();
    await card(p.page).getByRole('textbox', { name: 'Team code' }).fill(code.replace('-', '').toLowerCase());
    await card(p.page).getByRole('button', { name: 'Join the team' }).click();
    await p.page.getByText('You joined the team.').waitFor();
    others[who] = p;
  }
  // A wrong code is refused in plain words.
  const stray = others.femi.page;
  await card(stray).getByRole('textbox', { name: 'Team code' }).fill('2222-2222');
  await card(stray).getByRole('button', { name: 'Join the team' }).click();
  await stray.getByRole('alert').filter({ hasText: /No team has this code/ }).waitFor();
  // The same refusal on a German page: the service names it by its message id, the widget words it.
  await stray.goto(course('femi', '2027-01-04', '&lang=de'));
  const widget = stray.locator('.tl-widget');
  await widget.getByText('Einem Team mit Code beitreten').click();
  await widget.getByRole('textbox', { name: 'Team-Code' }).fill('2222-2222');
  await widget.getByRole('button', { name: 'Dem Team beitreten', exact: true }).click();
  await stray.getByRole('alert').filter({ hasText: /Kein Team hat diesen Code/ }).waitFor();
  await stray.goto(course('femi', '2027-01-04'));

  // Ana sees her team, what Ben committed to (the other side of her feedback pair), and the
  // team's adoption of it, now that four people committed to it.
  const anaCard = card(ana.page);
  await eventually(async () => {
    await ana.page.reload();
    await anaCard.getByText('Led by Ana Ruiz. 5 people in it.').waitFor();
    return (await anaCard.getByText(/Receive feedback openly: 4 committed/).count()) > 0;
  }, 20000, 'every member\'s commitments reached the team');
  await anaCard.getByText(/Ben Okafor \(Team member\) committed to “Receive feedback openly”/).waitFor();
  await anaCard.getByText(/Receive feedback openly: 4 committed; 0 adopted, 0 trying, 4 not started/).waitFor();
  await anaCard.getByText(/Give specific, timely feedback: you say .*; no one has answered yet; shown once 3 people have/).waitFor();

  // Day 21: the observation step. Each member rates how often Ana gave specific feedback.
  const rate = async (who, page, level) => {
    await page.goto(course(who, '2027-01-25'));
    const question = page.getByRole('group', { name: /how often did Ana Ruiz give you specific feedback/ });
    await question.waitFor();
    await question.getByRole('radio', { name: level, exact: true }).check();
    await page.getByRole('textbox', { name: 'Your reflection' }).fill('It went fine.');
    const self = page.locator('.tl-self-check fieldset');
    for (let i = 0; i < await self.count(); i++) await self.nth(i).getByRole('radio', { name: 'Sometimes', exact: true }).check();
    assert.deepEqual(await axeViolations(page), [], 'observer check has no accessibility violations');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.locator('.tl-sync-ok').waitFor({ timeout: 30000 });
  };
  await rate('ben', ben.page, 'Often');
  await ana.page.goto(course('ana', '2027-01-26'));
  await card(ana.page).getByText(/Give specific, timely feedback: you say .*; shown once 3 people have answered \(2 more needed\)/).waitFor();
  await rate('dara', others.dara.page, 'Consistently');
  await ana.page.reload();
  await card(ana.page).getByText(/shown once 3 people have answered \(1 more needed\)/).waitFor();
  await rate('eli', others.eli.page, 'Sometimes');
  await ana.page.reload();
  // (Often 3 + Consistently 4 + Sometimes 2) / 3 = 3: "Often".
  await card(ana.page).getByText(/Give specific, timely feedback: you say .*; your team says “Often” \(3 people, day 21\)/).waitFor();
  assert.ok(seenByAna.length > 10, 'responses were collected');
  assert.deepEqual(seenByAna.filter((b) => b.includes('verbs/observed')).map((b) => b.slice(0, 300)), [], 'no observer statement reached Ana\'s browser');

  // Ana removes Femi, who then cannot come back with the code.
  await card(ana.page).getByRole('button', { name: 'Remove Femi Adeyemi from the team' }).click();
  await ana.page.getByText('They are no longer in your team.').waitFor();
  await stray.reload();
  await card(stray).getByText('Join a team with a code').click();
  await card(stray).getByRole('textbox', { name: 'Team code' }).fill(code);
  await card(stray).getByRole('button', { name: 'Join the team' }).click();
  await stray.getByRole('alert').filter({ hasText: /removed you from this team/ }).waitFor();
  // Ben leaves.
  await ben.page.goto(course('ben', '2027-01-26'));
  await card(ben.page).getByRole('button', { name: 'Leave this team' }).click();
  await ben.page.getByText('You left the team.').waitFor();

  for (const p of [ana, ben, ...Object.values(others)]) {
    assert.deepEqual(p.errors.filter((e) => !/status of (404|409|400)/.test(e)), []);
    await p.context.close();
  }
});

test('on a plain LRS (one shared launch credential) teams still work, and the observed views say they need the service', async () => {
  // A TinCan-style launch whose credential is not a learner's own key: the widget cannot use
  // the service's team endpoints, so it keeps the team in the LRS as documents itself.
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const file = JSON.parse(readFileSync(join(demo.data, 'lrs', 'lrs-credentials.json'), 'utf8'));
  const admin = file.credentials.find((c) => c.scope === 'admin');
  const auth = `Basic ${Buffer.from(`${admin.key}:${admin.secret}`).toString('base64')}`;
  const play = (name) => {
    const actor = JSON.stringify({ objectType: 'Agent', name, account: { homePage: 'https://plain-lms.example', name: name.toLowerCase() } });
    const q = new URLSearchParams({ endpoint: `${demo.url}/xapi/`, auth, actor, registration: crypto.randomUUID(), activity_id: `${demo.url}/course/coaching-leaders` });
    return `${demo.url}/play/coaching-leaders?${q}&now=2027-01-04`;
  };
  const open = async (name, role) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page, { allow404: true });
    await page.goto(play(name));
    await commitOne(page, role);
    return { context, page, errors };
  };
  const lee = await open('Lee', 'Leader');
  await card(lee.page).getByRole('button', { name: 'Start a team' }).click();
  await lee.page.getByText('Your team is ready').waitFor();
  const code = (await card(lee.page).locator('.tl-code').innerText()).trim();
  await card(lee.page).getByText(/needs the Throughline service/).waitFor();
  const mo = await open('Mo', 'Team member');
  await card(mo.page).getByText('Join a team with a code').click();
  await card(mo.page).getByRole('textbox', { name: 'Team code' }).fill(code);
  await card(mo.page).getByRole('button', { name: 'Join the team' }).click();
  await mo.page.getByText('You joined the team.').waitFor();
  await card(mo.page).getByText(/Your leader Lee committed to “Set clear expectations”/).waitFor();
  // Mo's commitments reach the team just after the join, in the background: Lee sees them on a visit after that.
  await eventually(async () => {
    await lee.page.reload();
    await card(lee.page).getByText('Led by Lee. 2 people in it.').waitFor();
    return (await card(lee.page).getByText(/Mo \(Team member\) committed to “Receive feedback openly”/).count()) > 0;
  }, 20000, 'Lee sees what Mo shared');
  assert.deepEqual(await axeViolations(lee.page), []);
  for (const p of [lee, mo]) {
    assert.deepEqual(p.errors.filter((e) => !/status of (403|404|409|412)/.test(e)), []);
    await p.context.close();
  }
});
