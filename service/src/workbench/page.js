// The designer's workbench: the program as a form and as text (one text, one undo history),
// the check's problems, the live preview per role and week, and the package downloads.
// Every visible word comes from the workbench's Fluent files: the page's own in `#wb-words`
// (rendered by the service), the rest through the checker bundle's `workbenchSay`.
import init, { mount } from '/pkg/throughline.js';
import initChecker, { checkProgram, programForm, editProgram, workbenchSay } from '/pkg/check/throughline_check.js';
import { createEditor } from '/pkg/workbench/editor.js';

const $ = (id) => document.getElementById(id);
const lang = document.documentElement.lang || 'en';
const WORDS = JSON.parse($('wb-words').textContent);
let checkerReady = false;
/** A message in the page's language; values through Fluent once the checker bundle is loaded. */
const say = (id, args) => (checkerReady ? workbenchSay(lang, id, args || {}) : WORDS[id] || id);

const problemsBox = $('wb-problems');
const roleSelect = $('wb-role');
const week = $('wb-week');
const previewHost = $('wb-preview');
const packageStatus = $('wb-package-status');
const formHost = $('wb-form');
const PLAN_PREFIX = 'throughline:v1:plan:';

const fileName = (text) => (text.trimStart().startsWith('{') ? 'program.json' : 'program.toml');
const pad = (n) => String(n).padStart(2, '0');
const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const learnerId = (role) => `workbench-preview-${role}`;

function note(text) {
  const p = document.createElement('p');
  p.className = 'wb-note';
  p.textContent = text;
  return p;
}

// --- The two views of one text ---------------------------------------------------------------

let editor;
const text = () => editor.text();

/** Tabs after the ARIA tab pattern: arrow keys, Home and End move between them. */
function setUpTabs() {
  const tabs = [$('wb-tab-form'), $('wb-tab-text')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    if (tab.id === 'wb-tab-form') renderForm();
  };
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  }
  return (which) => select(which === 'text' ? tabs[1] : tabs[0], true);
}
let showTab;

// --- The form ---------------------------------------------------------------------------------

const sectionName = (id) => say(`section-${id.replace('.', '-')}`);
const pathKey = (path) => JSON.stringify(path);

/** Writes one form edit into the text (one undoable step) and shows the result. */
function edit(change) {
  let next;
  try {
    next = editProgram(text(), change);
  } catch (e) {
    packageStatus.textContent = say('wb-form-unavailable', { reason: String(e) });
    return;
  }
  editor.replace(next);
}

function fieldControl(field) {
  const wrap = document.createElement('div');
  wrap.className = 'wb-field';
  const id = `wb-f-${field.path.join('-')}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = say(`field-${field.key}`);
  let input;
  if (field.kind === 'long_text') {
    input = document.createElement('textarea');
    input.rows = 3;
    input.value = field.value;
  } else if (field.kind === 'bool') {
    input = document.createElement('select');
    input.append(new Option(say('wb-no'), 'false'), new Option(say('wb-yes'), 'true'));
    input.value = field.value === 'true' ? 'true' : 'false';
  } else {
    input = document.createElement('input');
    input.type = field.kind === 'number' ? 'number' : 'text';
    input.value = field.value;
  }
  input.id = id;
  input.dataset.path = pathKey(field.path);
  input.addEventListener('change', () => edit({ op: 'set', path: field.path, value: input.value }));
  wrap.append(label, input);
  if (field.kind === 'list') {
    const hint = document.createElement('p');
    hint.className = 'wb-hint';
    hint.id = `${id}-hint`;
    hint.textContent = say('wb-list-help');
    input.setAttribute('aria-describedby', hint.id);
    wrap.append(hint);
  }
  return wrap;
}

function sectionView(section, level) {
  const box = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = sectionName(section.id);
  box.append(legend);
  section.items.forEach((item, i) => {
    const entry = document.createElement('div');
    entry.className = 'wb-entry';
    if (section.array) {
      const heading = document.createElement(level === 0 ? 'h3' : 'h4');
      const name = item.name || say('wb-item', { section: sectionName(section.id), number: i + 1 });
      heading.textContent = name;
      entry.append(heading);
      entry.append(...item.fields.map(fieldControl));
      for (const child of item.children) {
        const inner = sectionView(child, level + 1);
        inner.classList.add('wb-children');
        entry.append(inner);
      }
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'wb-secondary';
      remove.textContent = say('wb-remove', { name });
      remove.addEventListener('click', () => edit({ op: 'remove', path: item.path }));
      entry.append(remove);
    } else {
      entry.append(...item.fields.map(fieldControl));
    }
    box.append(entry);
  });
  if (section.array) {
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = say('wb-add', { section: sectionName(section.id) });
    add.addEventListener('click', () => edit({ op: 'add', path: section.path }));
    box.append(add);
  }
  return box;
}

let formShown = null;
/** Draws the form from the text, keeping the focused control focused. */
function renderForm() {
  if ($('wb-panel-form').hidden || !checkerReady) return;
  const current = text();
  if (formShown === current) return;
  formShown = current;
  const focused = document.activeElement && formHost.contains(document.activeElement) ? document.activeElement.dataset.path : null;
  let form;
  try {
    form = programForm(current);
  } catch (e) {
    formHost.replaceChildren(note(say('wb-form-unavailable', { reason: String(e) })));
    return;
  }
  formHost.replaceChildren(...form.sections.filter((s) => s.items.length || s.array).map((s) => sectionView(s, 0)));
  if (focused) formHost.querySelector(`[data-path='${CSS.escape(focused)}']`)?.focus();
}

// --- The check and the preview ----------------------------------------------------------------

function previewDate() {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + (Number(week.value) - 1) * 7);
  return isoDate(d);
}

function showWeek() {
  const date = previewDate();
  $('wb-week-n').textContent = week.value;
  $('wb-week-date').textContent = `(${date})`;
  week.setAttribute('aria-valuetext', say('wb-week', { week: Number(week.value), date }));
}

function clearPreviewPlans(role) {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(PLAN_PREFIX)) continue;
    if (role ? key.endsWith(`:${learnerId(role)}`) : key.includes(':workbench-preview-')) localStorage.removeItem(key);
  }
}

function goTo(line, column) {
  showTab('text');
  editor.goTo(line, column);
}

function showProblems(result) {
  editor.problems(result.ok ? [] : result.problems);
  if (result.ok) {
    const p = document.createElement('p');
    p.className = 'wb-ok';
    p.textContent = say('wb-no-problems');
    problemsBox.replaceChildren(p);
    return;
  }
  const intro = document.createElement('p');
  intro.textContent = say('wb-problems', { count: result.problems.length });
  const list = document.createElement('ul');
  for (const d of result.problems) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'wb-problem';
    button.textContent = `${d.line}:${d.column} — ${d.path ? `${d.path}: ` : ''}${d.message}`;
    button.addEventListener('click', () => goTo(d.line, d.column));
    item.append(button);
    list.append(item);
  }
  problemsBox.replaceChildren(intro, list);
}

function showRoles(roles) {
  const ids = roles.map((r) => r.id);
  const current = roleSelect.value;
  const same = roleSelect.options.length === roles.length
    && roles.every((r, i) => roleSelect.options[i].value === r.id && roleSelect.options[i].text === r.label);
  if (!same) {
    roleSelect.replaceChildren(...roles.map((r) => new Option(r.label, r.id)));
    if (ids.includes(current)) roleSelect.value = current;
  }
}

let last = null;
let mounted = '';

function renderPreview(force = false) {
  if (!last || !last.ok) {
    roleSelect.disabled = true;
    mounted = '';
    previewHost.replaceChildren(note(say('wb-fix-first')));
    $('wb-connections').replaceChildren();
    return;
  }
  roleSelect.disabled = false;
  const role = roleSelect.value;
  showConnections(role);
  const options = { programText: text(), role, learner: { id: learnerId(role) }, now: previewDate(), locale: lang };
  const key = JSON.stringify(options);
  if (key === mounted && !force) return;
  mounted = key;
  const el = document.createElement('div');
  el.className = 'wb-preview-widget';
  previewHost.replaceChildren(el);
  // On a bad program or options the widget shows what is wrong itself.
  mount(el, options).catch(() => {});
}

function showConnections(role) {
  const list = $('wb-connections');
  const items = (last && last.connections && last.connections[role]) || [];
  list.replaceChildren(...(items.length ? items : [{ text: say('wb-no-connections') }]).map((c) => {
    const li = document.createElement('li');
    li.textContent = c.text;
    return li;
  }));
}

function check() {
  const current = text();
  try {
    last = checkProgram(current, fileName(current));
  } catch (e) {
    last = { ok: false, roles: [], problems: [{ line: 1, column: 1, path: '', message: say('wb-check-failed', { reason: String(e) }) }] };
  }
  showProblems(last);
  if (last.ok) showRoles(last.roles);
  renderPreview();
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// --- Packages ---------------------------------------------------------------------------------

function filenameOf(res, fallback) {
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return m ? m[1] : fallback;
}

const post = (url) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text() });

async function refusal(res) {
  const body = await res.json().catch(() => ({}));
  if (res.status === 422 && Array.isArray(body.problems)) {
    return say('wb-refused-problems', { count: body.problems.length, problems: body.problems.join('; ') });
  }
  if (res.status === 413) return say('wb-too-large');
  return body.error || say('wb-server-answered', { status: String(res.status) });
}

for (const button of document.querySelectorAll('button[data-kind]')) {
  button.addEventListener('click', async () => {
    const kind = button.dataset.kind;
    packageStatus.textContent = say('wb-building', { kind });
    try {
      const res = await post(`/workbench/package?kind=${encodeURIComponent(kind)}`);
      if (!res.ok) { packageStatus.textContent = await refusal(res); return; }
      const name = filenameOf(res, `program-${kind}.zip`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      packageStatus.textContent = say('wb-downloaded', { name });
    } catch (e) {
      packageStatus.textContent = say('wb-download-failed', { reason: e.message });
    }
  });
}

$('wb-snippet-button').addEventListener('click', async () => {
  packageStatus.textContent = say('wb-building-snippet');
  try {
    const res = await post('/workbench/snippet');
    if (!res.ok) { packageStatus.textContent = await refusal(res); return; }
    const { snippet, csp } = await res.json();
    $('wb-snippet-text').textContent = snippet;
    $('wb-csp-text').textContent = csp;
    $('wb-snippet').hidden = false;
    packageStatus.textContent = say('wb-snippet-shown');
  } catch (e) {
    packageStatus.textContent = say('wb-snippet-failed', { reason: e.message });
  }
});

async function copy(id, what) {
  try {
    await navigator.clipboard.writeText($(id).textContent);
    packageStatus.textContent = say('wb-copied', { what });
  } catch {
    getSelection().selectAllChildren($(id));
    packageStatus.textContent = say('wb-selected', { what });
  }
}
$('wb-copy-snippet').addEventListener('click', () => copy('wb-snippet-text', say('wb-what-snippet')));
$('wb-copy-csp').addEventListener('click', () => copy('wb-csp-text', say('wb-what-csp')));

// --- Start ------------------------------------------------------------------------------------

const checkSoon = debounce(check, 300);
const undoButton = $('wb-undo');
const redoButton = $('wb-redo');
editor = createEditor($('wb-code'), {
  doc: JSON.parse($('wb-start').textContent),
  labelledBy: 'wb-program-label',
  onChange: (_, history) => {
    undoButton.disabled = history.undo === 0;
    redoButton.disabled = history.redo === 0;
    renderForm();
    checkSoon();
  },
});
// The program as the page holds it, for tools and tests driving the page.
window.throughlineWorkbench = { text: () => editor.text(), caret: () => editor.caret() };
undoButton.addEventListener('click', () => editor.undo());
redoButton.addEventListener('click', () => editor.redo());
// In the form, Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) undo and redo the program's edits.
$('wb-panel-form').addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey)) return;
  const key = e.key.toLowerCase();
  if (key === 'z' || key === 'y') {
    e.preventDefault();
    if (key === 'y' || e.shiftKey) editor.redo(); else editor.undo();
  }
});
showTab = setUpTabs();
showWeek();
try {
  await Promise.all([init(), initChecker()]);
  checkerReady = true;
} catch (e) {
  problemsBox.replaceChildren(note(WORDS['wb-bundle-failed']));
  previewHost.replaceChildren(note(String(WORDS['wb-bundle-failed-preview']).replace('{$reason}', e.message)));
  throw e;
}
clearPreviewPlans();
roleSelect.addEventListener('change', () => renderPreview());
const remount = debounce(() => renderPreview(), 300);
week.addEventListener('input', () => { showWeek(); remount(); });
$('wb-restart').addEventListener('click', () => { clearPreviewPlans(roleSelect.value); renderPreview(true); });
renderForm();
check();
