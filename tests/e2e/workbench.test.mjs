// End-to-end: an instructional designer edits a program in the workbench's form (the file's
// comments kept, undo and redo across both views), breaks and fixes it in the code editor
// (CodeMirror, with the check's problems as inline markers), previews the widget as a role and
// downloads a cmi5 package holding the edit; the page in English, German and Japanese, axe-clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { startDemo, launchBrowser, watchErrors, axeViolations, giveBaselines } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

/** The files of a zip (stored or deflated entries with sizes in their local headers). */
function unzip(bytes) {
  const files = {};
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extra;
    const data = bytes.subarray(start, start + size);
    files[name] = method === 8 ? inflateRawSync(data) : data;
    at = start + size;
  }
  return files;
}

const programText = (page) => page.evaluate(() => window.throughlineWorkbench.text());

test('a designer edits in the form, undoes, fixes the text, previews and packages the program', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);

  await page.goto(`${demo.url}/workbench`);
  const status = page.locator('#wb-problems');
  await status.getByText('No problems found').waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  const original = await programText(page);
  assert.match(original, /title = "Coaching for Performance"/);

  // The form is the first view: the first role's name and first commitment, edited there.
  const formTab = page.getByRole('tab', { name: 'Form' });
  assert.equal(await formTab.getAttribute('aria-selected'), 'true');
  const label = page.locator('#wb-f-roles-0-label');
  assert.equal(await label.inputValue(), 'Leader');
  assert.equal(await page.getByLabel('Name shown to learners').first().inputValue(), 'Leader');
  await label.fill('Line manager');
  await label.press('Tab');
  const commitment = page.locator('#wb-f-roles-0-commitments-0-text');
  await commitment.fill('In each one-to-one, I will agree one clear expectation.');
  await commitment.press('Tab');
  await status.getByText('No problems found').waitFor();
  const edited = await programText(page);
  assert.match(edited, /label = "Line manager"/);
  assert.match(edited, /text = "In each one-to-one, I will agree one clear expectation."/);
  // Comments and every other line stay as written.
  assert.match(edited, /# Leaders create a team and share its code; the others join it\./);
  const changed = original.split('\n').filter((l, i) => l !== edited.split('\n')[i]);
  assert.equal(changed.length, 2, `lines changed: ${changed}`);
  // The preview offers the renamed role.
  const role = page.getByRole('combobox', { name: 'Preview as role' });
  await role.locator('option', { hasText: 'Line manager' }).waitFor({ state: 'attached' });

  // Undo takes both edits back to the original bytes; redo brings them again, form and text alike.
  const undo = page.getByRole('button', { name: 'Undo' });
  await undo.click();
  await undo.click();
  assert.equal(await programText(page), original);
  assert.equal(await page.locator('#wb-f-roles-0-label').inputValue(), 'Leader');
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await programText(page), edited);
  assert.equal(await page.locator('#wb-f-roles-0-label').inputValue(), 'Line manager');
  // Keyboard undo in the form too.
  await page.locator('#wb-f-roles-0-label').focus();
  await page.keyboard.press('Control+z');
  // The last edit (the commitment) is taken back, the label stays.
  assert.match(await programText(page), /text = "In each one-to-one this month/);
  assert.match(await programText(page), /label = "Line manager"/);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await programText(page), edited);
  assert.deepEqual(await axeViolations(page, 'body'), [], 'the form has no accessibility violations');

  // The cmi5 package holds the edited program, comments and all.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download cmi5 package' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'coaching-for-performance-cmi5.zip');
  const files = unzip(Buffer.concat(await (await download.createReadStream()).toArray()));
  const packaged = Object.entries(files).find(([name]) => name.endsWith('program.toml'));
  assert.ok(packaged, `a program file among ${Object.keys(files)}`);
  assert.equal(packaged[1].toString('utf8'), edited);

  // The text view, reached by keyboard along the tab list.
  await formTab.focus();
  await page.keyboard.press('ArrowRight');
  const textTab = page.getByRole('tab', { name: 'Text' });
  assert.equal(await textTab.getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#wb-panel-text').isVisible());
  assert.ok(!(await page.locator('#wb-panel-form').isVisible()));
  const code = page.getByRole('textbox', { name: 'Program file (TOML or JSON)' });
  await code.waitFor();
  assert.ok(await page.locator('#wb-code .cm-lineNumbers').isVisible(), 'line numbers');

  // Break the schedule: a problem in the list and an inline marker in the code.
  await code.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(edited.replace('day = 21', 'day = 3'));
  const problem = status.getByRole('button', { name: /schedule\[2\]\.day/ });
  await problem.waitFor();
  assert.match(await problem.innerText(), /^\d+:\d+ — schedule\[2\]\.day: /);
  await page.locator('#wb-preview').getByText('Fix the problems to see the preview').waitFor();
  // Choosing the problem moves the caret to its line and column.
  const [, line, column] = /^(\d+):(\d+)/.exec(await problem.innerText()).map(Number);
  await problem.focus();
  await page.keyboard.press('Enter');
  const caret = await page.evaluate(() => window.throughlineWorkbench.caret());
  assert.deepEqual(caret, { line, column, focused: true });
  assert.match((await programText(page)).split('\n')[line - 1], /day = 3/);
  // The line is in view now, with its inline marker (CodeMirror draws only the lines in view).
  await page.locator('#wb-code .cm-lintRange-error, #wb-code .cm-lintPoint-error').first().waitFor();
  assert.deepEqual(await axeViolations(page, 'body'), [], 'the code view has no accessibility violations');

  // Undo the breakage: no problems, and the widget is previewed for the Stakeholder role.
  await page.getByRole('button', { name: 'Undo' }).click();
  await status.getByText('No problems found').waitFor();
  assert.equal(await programText(page), edited);
  await role.selectOption({ label: 'Stakeholder' });
  const connections = page.getByRole('list', { name: 'How this role is connected to the others' });
  assert.match(await connections.innerText(), /^Peer coaching: your side is “Offer peer coaching” and “Ask for and accept peer coaching”; the Team member side is “Offer peer coaching”\./);
  const preview = page.locator('#wb-preview');
  await preview.getByText('Which role fits you best in this program?').waitFor();
  await preview.getByRole('radio', { name: /Stakeholder/ }).check();
  await preview.getByRole('button', { name: 'Continue' }).click();
  await preview.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();
  await preview.getByRole('checkbox').first().check();
  await preview.getByRole('textbox', { name: 'When or where I will do it' }).first().fill('At the weekly brand meeting');
  await giveBaselines(preview);
  await preview.getByRole('button', { name: 'Commit to my plan' }).click();
  await preview.getByRole('heading', { name: 'My commitments' }).waitFor();
  const week = page.getByRole('slider', { name: /Preview week/ });
  await week.fill('2');
  await page.locator('label[for="wb-week"]').getByText('Preview week 2').waitFor();
  await preview.getByRole('heading', { name: 'One week in' }).waitFor();

  await page.getByRole('button', { name: 'Show embed snippet' }).click();
  await page.locator('#wb-snippet-text').getByText(/data-throughline-program/).waitFor();
  assert.match(await page.locator('#wb-csp-text').innerText(), /'wasm-unsafe-eval'/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the workbench speaks German and Japanese, form and preview included', async () => {
  for (const [lang, words] of Object.entries({
    de: { heading: 'Werkbank für Lerndesign', tab: 'Formular', field: 'Name für Lernende', ok: 'Keine Probleme gefunden', widget: 'Welche Rolle passt in diesem Programm am besten zu Ihnen?' },
    ja: { heading: '設計者のワークベンチ', tab: 'フォーム', field: '受講者に表示する名前', ok: '問題は見つかりませんでした', widget: 'このプログラムで、あなたに最も合う役割はどれですか？' },
  })) {
    const context = await browser.newContext({ locale: lang });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // The browser's language picks the page's.
    await page.goto(`${demo.url}/workbench`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    await page.getByRole('heading', { level: 1, name: words.heading }).waitFor();
    assert.equal(await page.getByRole('tab', { name: words.tab }).getAttribute('aria-selected'), 'true');
    await page.locator('#wb-problems').getByText(words.ok).waitFor();
    assert.equal(await page.getByLabel(words.field).first().inputValue(), 'Leader');
    await page.locator('#wb-preview').getByText(words.widget).waitFor();
    assert.deepEqual(await axeViolations(page, 'body'), [], `${lang}: no accessibility violations`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
