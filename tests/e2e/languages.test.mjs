// End-to-end: the learner widget in the learner's language. The whole learner flow in German and
// in Japanese (role, commitments, the plan, a due reflection), dates written the language's way,
// axe-core in every shipped language, the language chosen in the documented order (the host's
// option, then the browser's, then the program's), only the active language's file fetched, and a
// right-to-left page that keeps the widget's layout intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, watchErrors, axeViolations, credentials, allStatements, eventually } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

const page_ = async (locale = 'en-US') => {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const files = [];
  page.on('request', (r) => { if (r.url().includes('/i18n/')) files.push(new URL(r.url()).pathname); });
  return { context, page, errors, files };
};

const course = (learner, query) => `${demo.url}/course/coaching-leaders?learner=${learner}&${query}`;

async function walk(lang, words) {
  const { context, page, errors, files } = await page_();
  await page.goto(course(`lang-${lang}`, `lang=${lang}&now=2027-01-04`));
  await page.getByText(words.roleQuestion).waitFor();
  assert.equal(await page.locator('.tl-widget').getAttribute('lang'), lang);
  assert.deepEqual(await axeViolations(page), [], `${lang}: the role step`);
  await page.getByRole('radio', { name: words.leader }).check();
  await page.getByRole('button', { name: words.continue }).click();
  await page.getByRole('heading', { name: words.commitHeading }).waitFor();
  await page.getByRole('checkbox').first().check();
  await page.getByRole('textbox', { name: words.when }).fill(words.whenText);
  const groups = page.getByRole('group', { name: words.howOften });
  for (let i = 0; i < await groups.count(); i++) await groups.nth(i).getByRole('radio', { name: words.rarely, exact: true }).check();
  assert.deepEqual(await axeViolations(page), [], `${lang}: the commit step`);
  await page.getByRole('button', { name: words.commit }).click();
  await page.getByRole('heading', { name: words.planHeading }).waitFor();
  await page.getByRole('heading', { name: words.nothingDue }).waitFor();
  // The next reflection (day 2, Wednesday 6 January 2027) in the language's own date format.
  await page.locator('.tl-due-none').getByText(words.nextDate).waitFor();
  assert.deepEqual(await axeViolations(page), [], `${lang}: the plan`);
  // Two days later the reflection is due, and is answered in the same language.
  await page.goto(course(`lang-${lang}`, `lang=${lang}&now=2027-01-06`));
  await page.getByText(words.dueEyebrow).waitFor();
  await page.getByRole('heading', { name: words.programTitle }).waitFor();
  await page.locator('.tl-prompt').getByText(words.prompt).waitFor();
  await page.getByRole('textbox', { name: words.reflection }).fill(words.reflectionText);
  await page.getByRole('button', { name: words.save }).click();
  await page.getByText(words.saved).waitFor();
  assert.deepEqual(await axeViolations(page), [], `${lang}: after a reflection`);
  // Only this language's words were fetched, once per visit; English is built in.
  assert.deepEqual([...new Set(files)], [`/pkg/i18n/${lang}.ftl`]);
  assert.deepEqual(errors, []);
  await context.close();
}

test('a German learner goes through the whole flow in German', async () => {
  await walk('de', {
    roleQuestion: 'Welche Rolle passt in diesem Programm am besten zu Ihnen?',
    // The demo program is translated into German: its own texts show in German too.
    leader: /Führungskraft/,
    rarely: 'Selten',
    programTitle: 'Coaching für Leistung',
    prompt: /Wo haben Sie seit der Schulung eine/,
    continue: 'Weiter',
    commitHeading: 'Nehmen Sie sich vor, was Sie bei der Arbeit tun werden',
    when: 'Wann oder wo ich es tun werde',
    whenText: 'Jeden Freitag',
    howOften: 'Wie oft tun Sie das heute schon, bevor Sie anfangen?',
    commit: 'Plan festlegen',
    planHeading: 'Meine Vorsätze',
    nothingDue: 'Heute ist nichts fällig',
    nextDate: /Mi\., 6\. Jan\. 2027/,
    dueEyebrow: /Reflexion · Tag 2 · fällig am Mi\., 6\. Jan\. 2027/,
    reflection: 'Ihre Reflexion',
    reflectionText: 'Ich habe im Einzelgespräch konkrete Erwartungen formuliert.',
    save: 'Reflexion speichern',
    saved: 'Reflexion gespeichert. Vielen Dank.',
  });
});

test('a Japanese learner goes through the whole flow in Japanese', async () => {
  await walk('ja', {
    roleQuestion: 'このプログラムで、あなたに最も合う役割はどれですか？',
    // The program has no Japanese translation: its own texts show as written (English).
    leader: /Leader/,
    rarely: 'Rarely',
    programTitle: 'Coaching for Performance',
    prompt: /Since the session, where did you set an expectation/,
    continue: '次へ',
    commitHeading: '職場で実行することを決めましょう',
    when: 'いつ・どこで実行するか',
    whenText: '毎週金曜日',
    howOften: '始める前の今、どのくらいの頻度でこれを行っていますか？',
    commit: 'この計画で取り組む',
    planHeading: '私の取り組み',
    nothingDue: '今日の予定はありません',
    nextDate: /2027年1月6日\(水\)/,
    dueEyebrow: /振り返り · 2 日目 · 予定日 2027年1月6日\(水\)/,
    reflection: 'あなたの振り返り',
    reflectionText: '1on1 で期待を具体的に伝えました。',
    save: '振り返りを保存',
    saved: '振り返りを保存しました。ありがとうございます。',
  });
});

test('French and Spanish pages are axe-clean, and the language follows the host, then the browser, then the program', async () => {
  // The browser's language when the host names none.
  for (const [locale, lang, question] of [
    ['fr-FR', 'fr', 'Quel rôle vous correspond le mieux dans ce programme ?'],
    ['es-MX', 'es', '¿Qué rol le corresponde mejor en este programa?'],
  ]) {
    const { context, page, errors } = await page_(locale);
    await page.goto(course(`browser-${lang}`, 'now=2027-01-04'));
    await page.getByText(question).waitFor();
    assert.equal(await page.locator('.tl-widget').getAttribute('lang'), lang);
    assert.deepEqual(await axeViolations(page), [], `${lang}: the role step`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // The host's option wins over the browser's.
  {
    const { context, page } = await page_('fr-FR');
    await page.goto(course('host-wins', 'lang=ja-JP&now=2027-01-04'));
    await page.getByText('このプログラムで、あなたに最も合う役割はどれですか？').waitFor();
    await context.close();
  }
  // Dates follow the browser's region within the language: en-GB writes the day before the month.
  {
    const { context, page } = await page_('en-GB');
    await page.goto(course('british', 'now=2027-01-04'));
    await page.getByRole('radio', { name: /Leader/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('checkbox').first().check();
    await page.getByRole('textbox', { name: 'When or where I will do it' }).fill('Fridays');
    const groups = page.getByRole('group', { name: 'How often do you do this now, before you start?' });
    for (let i = 0; i < await groups.count(); i++) await groups.nth(i).getByRole('radio', { name: 'Rarely', exact: true }).check();
    await page.getByRole('button', { name: 'Commit to my plan' }).click();
    await page.locator('.tl-due-none').getByText(/Wed, 6 Jan 2027/).waitFor();
    await context.close();
  }
  // A language the widget does not ship: the program's language (English), and no file fetched.
  {
    const { context, page, files } = await page_('sv-SE');
    await page.goto(course('unshipped', 'now=2027-01-04'));
    await page.getByText('Which role fits you best in this program?').waitFor();
    assert.equal(await page.locator('.tl-widget').getAttribute('lang'), 'en');
    assert.deepEqual(files, []);
    await context.close();
  }
});

test('on a right-to-left page the widget keeps its layout', async () => {
  const { context, page, errors } = await page_('ar');
  await page.goto(course('rtl', 'now=2027-01-04'));
  await page.getByText('Which role fits you best in this program?').waitFor();
  // An Arabic host page: the document right to left, as an LMS in Arabic sets it.
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; document.documentElement.lang = 'ar'; });
  const box = await page.locator('.tl-widget').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, `widget within the page: ${JSON.stringify(box)}`);
  // Nothing inside spills out of the widget, and the text runs right to left.
  const spill = await page.evaluate(() => {
    const w = document.querySelector('.tl-widget').getBoundingClientRect();
    return [...document.querySelectorAll('.tl-widget *')]
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.left < w.left - 1 || r.right > w.right + 1))
      .map(([e]) => e.outerHTML.slice(0, 80));
  });
  assert.deepEqual(spill, []);
  assert.equal(await page.locator('.tl-widget').evaluate((e) => getComputedStyle(e).direction), 'rtl');
  await page.getByRole('radio', { name: /Leader/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cmi5 launch follows the learner preferences in the LMS, and statements carry every language', async () => {
  // The LMS keeps the learner's language in the cmi5 learner preferences (an Agent Profile the AU reads).
  const creds = credentials(demo.data);
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: 'chloe' } });
  const put = await fetch(`${demo.url}/xapi/agents/profile?${new URLSearchParams({ agent, profileId: 'cmi5LearnerPreferences' })}`, {
    method: 'PUT',
    headers: { Authorization: creds.admin, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', 'If-None-Match': '*' },
    body: JSON.stringify({ languagePreference: 'de-DE,en-US', audioPreference: 'on' }),
  });
  assert.ok(put.status === 204 || put.status === 200, `PUT preferences answered ${put.status}: ${await put.text()}`);
  // The browser says English: the LMS's preference comes first.
  const { context, page, errors } = await page_('en-US');
  await page.goto(`${demo.url}/launch/cmi5/coaching-leaders?as=chloe`);
  await page.getByText('Welche Rolle passt in diesem Programm am besten zu Ihnen?').waitFor();
  await page.getByRole('radio', { name: /Partner/ }).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('heading', { name: 'Nehmen Sie sich vor, was Sie bei der Arbeit tun werden' }).waitFor();
  const statements = await eventually(async () => {
    const all = await allStatements(`${demo.url}/xapi/`, creds.admin, { agent });
    return all.find((x) => x.verb.id.endsWith('/selected')) ? all : null;
  }, 20000, 'the role statement');
  // The role's name goes to the LRS in the program's language and in German.
  const selected = statements.find((x) => x.verb.id.endsWith('/selected'));
  const names = JSON.stringify(selected);
  assert.match(names, /"en-US":"Stakeholder"/);
  assert.match(names, /"de":"Partner"/);
  // xAPI answers 404 for documents not written yet (the plan's State on a first visit); nothing else.
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  await context.close();
});
