// End-to-end: an instructional designer breaks and fixes a program in the workbench, previews
// the widget as a role and downloads a cmi5 package, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, watchErrors, axeViolations, giveBaselines } from './harness.mjs';

let demo, browser;
before(async () => { demo = await startDemo(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await demo?.stop(); });

test('a designer checks, previews and packages a program in the workbench', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);

  await page.goto(`${demo.url}/workbench`);
  const editor = page.getByRole('textbox', { name: 'Program file (TOML or JSON)' });
  const status = page.locator('#wb-problems');
  await status.getByText('No problems found').waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  assert.match(await editor.inputValue(), /title = "Coaching for Performance"/);

  // Break the schedule: a problem appears, pointing at the field.
  const good = await editor.inputValue();
  await editor.fill(good.replace('day = 21', 'day = 3'));
  const problem = status.getByRole('button', { name: /schedule\[2\]\.day/ });
  await problem.waitFor();
  assert.match(await problem.innerText(), /^\d+:\d+ — schedule\[2\]\.day: /);
  await page.locator('#wb-preview').getByText('Fix the problems to see the preview').waitFor();

  // Choosing the problem moves the caret to its line and column.
  const [, line, column] = /^(\d+):(\d+)/.exec(await problem.innerText()).map(Number);
  await problem.focus();
  await page.keyboard.press('Enter');
  const caret = await editor.evaluate((el) => ({ at: el.selectionStart, end: el.selectionEnd, focused: document.activeElement === el }));
  assert.ok(caret.focused, 'the editor has focus');
  assert.equal(caret.at, caret.end);
  const before = (await editor.inputValue()).slice(0, caret.at).split('\n');
  assert.equal(before.length, line, 'caret on the problem line');
  assert.equal(before[before.length - 1].length + 1, column, 'caret at the problem column');
  assert.match((await editor.inputValue()).split('\n')[line - 1], /day = 3/);

  // Fix it: no problems, and the widget is previewed for the Stakeholder role.
  await editor.fill(good);
  await status.getByText('No problems found').waitFor();
  const role = page.getByRole('combobox', { name: 'Preview as role' });
  await role.selectOption({ label: 'Stakeholder' });
  assert.equal(await role.inputValue(), 'stakeholder');
  // How the role is connected: its side of each pair, and for a leader who rates them.
  const connections = page.getByRole('list', { name: 'How this role is connected to the others' });
  assert.match(await connections.innerText(), /^Peer coaching: your side is “Offer peer coaching” and “Ask for and accept peer coaching”; the Team member side is “Offer peer coaching”\./);
  await role.selectOption({ label: 'Leader' });
  await connections.getByText(/people in the role Team member rate how often you show “Give specific, timely feedback” on days 21, 45 and 90/).waitFor();
  await role.selectOption({ label: 'Stakeholder' });
  const preview = page.locator('#wb-preview');
  await preview.locator('.tl-widget').waitFor();
  // The preview is a real learner: the designer clicks through the role step and commitments.
  await preview.getByText('Which role fits you best in this program?').waitFor();
  await preview.getByRole('radio', { name: /Stakeholder/ }).check();
  await preview.getByRole('button', { name: 'Continue' }).click();
  await preview.getByRole('heading', { name: 'Commit to what you will do at work' }).waitFor();

  await preview.getByRole('checkbox').first().check();
  await preview.getByRole('textbox', { name: 'When or where I will do it' }).first().fill('At the weekly brand meeting');
  await giveBaselines(preview);
  await preview.getByRole('button', { name: 'Commit to my plan' }).click();
  await preview.getByRole('heading', { name: 'My commitments' }).waitFor();

  // The week slider moves the preview's clock: a week later the first check-in is due.
  const week = page.getByRole('slider', { name: /Preview week/ });
  await week.fill('2');
  await page.locator('label[for="wb-week"]').getByText('Preview week 2').waitFor();
  await preview.getByRole('heading', { name: 'One week in' }).waitFor();
  assert.match(await preview.innerText(), /At the weekly brand meeting/);

  // The cmi5 package downloads as a zip.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download cmi5 package' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'coaching-for-performance-cmi5.zip');
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');

  // The embed snippet is shown as text, with the CSP it needs.
  await page.getByRole('button', { name: 'Show embed snippet' }).click();
  await page.locator('#wb-snippet-text').getByText(/data-throughline-program/).waitFor();
  assert.match(await page.locator('#wb-csp-text').innerText(), /'wasm-unsafe-eval'/);

  assert.deepEqual(await axeViolations(page, 'body'), [], 'the workbench has no accessibility violations');
  assert.deepEqual(errors, []);
  await context.close();
});
