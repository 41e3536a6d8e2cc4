//! The designer's workbench at `/workbench`: edit a program file and see,
//! live, what `throughline check` says about it and the widget as each role
//! would see it; then download it as a cmi5, xAPI, npm or embed package.
//!
//! The checking and the preview run in the browser (the checker bundle's
//! `checkProgram`, the widget bundle's `mount`); packages are built here with the same code
//! as `throughline package`, from the bundle the LMS serves at `/pkg/`.
//!
//! Routes: `GET /workbench`, `POST /workbench/package?kind=cmi5|xapi|npm|embed`
//! (program text in, zip out) and `POST /workbench/snippet` (program text
//! in, `{snippet, csp}` out).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use throughline::package::{self, Kind, PackageError, BUNDLE_FILES};

use crate::http::{escape, Origin};
use crate::server::{ServiceConfig, EXAMPLE_PROGRAM};

/// Largest program text the package routes accept (bigger bodies get 413).
pub const MAX_PROGRAM_BYTES: usize = 1 << 20;

/// Where the workbench reads the starting program and the widget bundle.
#[derive(Debug, Clone)]
struct Workbench {
    data_dir: PathBuf,
    bundle: PathBuf,
}

/// The workbench routes, for the LMS router to merge.
pub fn router(config: &ServiceConfig) -> Router {
    let state = Arc::new(Workbench {
        data_dir: config.data_dir.clone(),
        bundle: config.bundle.clone(),
    });
    Router::new()
        .route("/workbench", get(page))
        .route("/workbench/package", post(build_package))
        .route("/workbench/snippet", post(snippet))
        .layer(DefaultBodyLimit::max(MAX_PROGRAM_BYTES))
        .with_state(state)
}

/// The file name packages keep for the program: JSON if the text is a JSON object.
fn program_name(text: &str) -> &'static str {
    if text.trim_start().starts_with('{') {
        "program.json"
    } else {
        "program.toml"
    }
}

/// An error answer as JSON: `{"error": message}`.
fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// What a failed build answers: 422 with the check's lines, or a server-side error.
fn refused(e: PackageError) -> Response {
    match e {
        PackageError::Invalid(d) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({
                "problems": d.0.iter().map(|x| x.to_string()).collect::<Vec<_>>()
            })),
        )
            .into_response(),
        PackageError::MissingBundle(_) => error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        PackageError::Write(_) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `POST /workbench/package?kind=…`: the program text in the body, a zip out.
/// Folder kinds (npm, embed) are zipped under a folder of their name.
async fn build_package(
    State(wb): State<Arc<Workbench>>,
    origin: Origin,
    Query(query): Query<HashMap<String, String>>,
    text: String,
) -> Response {
    let Some(kind) = query.get("kind").and_then(|k| Kind::parse(k)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "kind must be one of cmi5, xapi, npm or embed",
        );
    };
    let origin = origin.0;
    let built = tokio::task::spawn_blocking(move || {
        let bundle = package::read_bundle(&wb.bundle)?;
        let p = package::build(
            &text,
            program_name(&text),
            kind,
            &bundle,
            &format!("{origin}/pkg/"),
            &origin,
        )?;
        if p.zip {
            Ok((p.name, package::zip(&p.files)?))
        } else {
            let files: Vec<(String, Vec<u8>)> = p
                .files
                .into_iter()
                .map(|(n, b)| (format!("{}/{n}", p.name), b))
                .collect();
            Ok((format!("{}.zip", p.name), package::zip(&files)?))
        }
    })
    .await;
    match built {
        Ok(Ok((name, bytes))) => {
            // The name is a slug of [a-z0-9-] plus a suffix, so it is safe in a header as is.
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or(HeaderValue::from_static(
                    "attachment; filename=\"program.zip\"",
                ));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/zip"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(e)) => refused(e),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the package could not be built",
        ),
    }
}

/// `POST /workbench/snippet`: the embed folder's snippet and the CSP it needs, as JSON.
async fn snippet(origin: Origin, text: String) -> Response {
    // Only the snippet and CSP are wanted: the widget files' contents do not matter here.
    let bundle: Vec<(String, Vec<u8>)> = BUNDLE_FILES
        .iter()
        .map(|n| (n.to_string(), Vec::new()))
        .collect();
    let origin = origin.0;
    match package::build(
        &text,
        program_name(&text),
        Kind::Embed,
        &bundle,
        &format!("{origin}/pkg/"),
        &origin,
    ) {
        Ok(p) => {
            let file = |name: &str| {
                p.files
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default()
            };
            Json(json!({ "snippet": file("snippet.html"), "csp": file("csp.txt") })).into_response()
        }
        Err(e) => refused(e),
    }
}

/// `GET /workbench`: the page, prefilled with the data folder's coaching program.
async fn page(State(wb): State<Arc<Workbench>>) -> Html<String> {
    let program = tokio::fs::read_to_string(wb.data_dir.join("programs").join("coaching.toml"))
        .await
        .unwrap_or_else(|_| EXAMPLE_PROGRAM.to_string());
    Html(PAGE.replacen("{{program}}", &escape(&program), 1))
}

/// The page: a Northwind bar, the editor, its problems, the preview and the
/// package buttons. `{{program}}` is the only placeholder (HTML-escaped text).
/// Everything dynamic is built with `textContent` / `createElement`.
const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Designer's workbench · Northwind Learning</title>
  <link rel="stylesheet" href="/pkg/throughline.css">
  <link rel="modulepreload" href="/pkg/throughline.js">
  <link rel="preload" href="/pkg/throughline_bg.wasm" as="fetch" type="application/wasm" crossorigin>
  <style>
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b; background: #eef1f5; }
    .lms-bar { background: #17324d; color: #fff; padding: .75rem 1.25rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    .lms-bar a { color: #fff; }
    .lms-brand { font-weight: 700; margin-right: auto; }
    main { max-width: 96rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
    h1 { margin: .25rem 0 .5rem; }
    .panel { background: #fff; border: 1px solid #c9d1db; border-radius: 10px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; min-width: 0; }
    .panel h2 { margin-top: 0; font-size: 1.15rem; }
    .wb-grid { display: grid; grid-template-columns: 1fr; gap: 1.25rem; }
    @media (min-width: 64rem) { .wb-grid { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; } }
    label { font-weight: 600; display: block; margin-bottom: .35rem; }
    textarea { box-sizing: border-box; width: 100%; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9rem; line-height: 1.4; padding: .5rem; border: 1px solid #6b7785; border-radius: 6px; tab-size: 2; }
    select, input[type=range] { font: inherit; }
    select { padding: .3rem .5rem; border: 1px solid #6b7785; border-radius: 6px; background: #fff; color: #1d232b; }
    .wb-row { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: end; margin-bottom: 1rem; }
    .wb-row > div { min-width: 12rem; }
    input[type=range] { width: 100%; }
    button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid #17324d; background: #17324d; color: #fff; cursor: pointer; }
    button.wb-secondary { background: #fff; color: #17324d; }
    :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    .wb-problems ul { list-style: none; padding: 0; margin: 0; display: grid; gap: .4rem; }
    .wb-problem { display: block; width: 100%; text-align: left; background: #fff4f2; color: #7a1c0e; border-color: #b3261e; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
    .wb-ok { color: #1e5e2f; font-weight: 600; }
    .wb-note { color: #4a5562; }
    .wb-preview { border: 1px dashed #6b7785; border-radius: 8px; padding: .75rem; min-height: 6rem; }
    .wb-buttons { display: flex; flex-wrap: wrap; gap: .5rem; }
    pre { background: #eef1f5; padding: .75rem; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
  </style>
</head>
<body>
  <nav class="lms-bar" aria-label="Learning platform">
    <span class="lms-brand">Northwind Learning</span>
    <a href="/">My courses</a>
  </nav>
  <main>
    <h1>Designer's workbench</h1>
    <p class="wb-note">Edit the program file; the check and the preview follow as you type. Nothing here is saved on the server: download a package when you are done.</p>
    <div class="wb-grid">
      <section class="panel" aria-labelledby="wb-editor-title">
        <h2 id="wb-editor-title">Program</h2>
        <label for="wb-program">Program file (TOML or JSON)</label>
        <textarea id="wb-program" rows="25" spellcheck="false" autocomplete="off" autocapitalize="off">
{{program}}</textarea>
      </section>
      <div>
        <section class="panel" aria-labelledby="wb-check-title">
          <h2 id="wb-check-title">Check</h2>
          <div id="wb-problems" class="wb-problems" role="status" aria-live="polite"><p class="wb-note">Checking…</p></div>
        </section>
        <section class="panel" aria-labelledby="wb-packages-title">
          <h2 id="wb-packages-title">Packages</h2>
          <div class="wb-buttons">
            <button type="button" data-kind="cmi5">Download cmi5 package</button>
            <button type="button" data-kind="xapi">Download xAPI package</button>
            <button type="button" data-kind="npm">Download npm package</button>
            <button type="button" data-kind="embed">Download embed folder</button>
            <button type="button" id="wb-snippet-button" class="wb-secondary">Show embed snippet</button>
          </div>
          <p id="wb-package-status" role="status" aria-live="polite"></p>
          <div id="wb-snippet" hidden>
            <h3 id="wb-snippet-title">Embed snippet</h3>
            <pre id="wb-snippet-text" tabindex="0" aria-labelledby="wb-snippet-title"></pre>
            <button type="button" class="wb-secondary" id="wb-copy-snippet">Copy snippet</button>
            <h3 id="wb-csp-title">Content-Security-Policy the host page needs</h3>
            <pre id="wb-csp-text" tabindex="0" aria-labelledby="wb-csp-title"></pre>
            <button type="button" class="wb-secondary" id="wb-copy-csp">Copy CSP</button>
          </div>
        </section>
      </div>
    </div>
    <section class="panel" aria-labelledby="wb-preview-title">
      <h2 id="wb-preview-title">Preview</h2>
      <div class="wb-row">
        <div>
          <label for="wb-role">Preview as role</label>
          <select id="wb-role" disabled></select>
        </div>
        <div>
          <label for="wb-week">Preview week <span id="wb-week-n">1</span> <span id="wb-week-date" class="wb-note"></span></label>
          <input type="range" id="wb-week" min="1" max="12" step="1" value="1">
        </div>
        <div>
          <button type="button" class="wb-secondary" id="wb-restart">Start the preview over</button>
        </div>
      </div>
      <p class="wb-note">The preview is a learner of its own per role, kept in this browser: pick and commit as a learner would, then move the week to see what is due later. Week 1 is today.</p>
      <div id="wb-preview" class="wb-preview"><p class="wb-note">Loading the widget…</p></div>
      <h3 id="wb-connections-title">How this role is connected to the others</h3>
      <ul id="wb-connections" aria-labelledby="wb-connections-title"></ul>
    </section>
  </main>
  <script type="module">
    import init, { mount } from '/pkg/throughline.js';
    import initChecker, { checkProgram } from '/pkg/check/throughline_check.js';

    const $ = (id) => document.getElementById(id);
    const editor = $('wb-program');
    const problemsBox = $('wb-problems');
    const roleSelect = $('wb-role');
    const week = $('wb-week');
    const previewHost = $('wb-preview');
    const packageStatus = $('wb-package-status');
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

    /** Today plus (N - 1) weeks, as YYYY-MM-DD in local time. */
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
      week.setAttribute('aria-valuetext', `Week ${week.value}, ${date}`);
    }

    /** Removes the stored plans of the preview learner for `role` (every role when not given). */
    function clearPreviewPlans(role) {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (!key || !key.startsWith(PLAN_PREFIX)) continue;
        if (role ? key.endsWith(`:${learnerId(role)}`) : key.includes(':workbench-preview-')) localStorage.removeItem(key);
      }
    }

    /** UTF-16 offset of a 1-based line and character column in `text`. */
    function offsetOf(text, line, column) {
      let start = 0;
      for (let l = 1; l < line; l++) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) return text.length;
        start = nl + 1;
      }
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      return start + Array.from(text.slice(start, end)).slice(0, Math.max(0, column - 1)).join('').length;
    }

    function goTo(line, column) {
      const at = offsetOf(editor.value, line, column);
      editor.focus();
      editor.setSelectionRange(at, at);
      const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
      editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
    }

    function showProblems(result) {
      if (result.ok) {
        const p = document.createElement('p');
        p.className = 'wb-ok';
        p.textContent = 'No problems found';
        problemsBox.replaceChildren(p);
        return;
      }
      const n = result.problems.length;
      const intro = document.createElement('p');
      intro.textContent = `${n} problem${n === 1 ? '' : 's'} found. Choose one to go to it in the editor.`;
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

    /** Mounts a fresh widget when the program, role or week changed (or when `force`). */
    function renderPreview(force = false) {
      if (!last || !last.ok) {
        roleSelect.disabled = true;
        mounted = '';
        previewHost.replaceChildren(note('Fix the problems to see the preview'));
        $('wb-connections').replaceChildren();
        return;
      }
      roleSelect.disabled = false;
      const role = roleSelect.value;
      showConnections(role);
      const options = { programText: editor.value, role, learner: { id: learnerId(role) }, now: previewDate() };
      const key = JSON.stringify(options);
      if (key === mounted && !force) return;
      mounted = key;
      const el = document.createElement('div');
      el.className = 'wb-preview-widget';
      previewHost.replaceChildren(el);
      // On a bad program or options the widget shows what is wrong itself.
      mount(el, options).catch(() => {});
    }

    /** The role's pairs and observations, as the checker words them (text only, never markup). */
    function showConnections(role) {
      const list = $('wb-connections');
      const items = (last && last.connections && last.connections[role]) || [];
      list.replaceChildren(...(items.length ? items : [{ text: 'No pairs or observations involve this role.' }]).map((c) => {
        const li = document.createElement('li');
        li.textContent = c.text;
        return li;
      }));
    }

    function check() {
      try {
        last = checkProgram(editor.value, fileName(editor.value));
      } catch (e) {
        last = { ok: false, roles: [], problems: [{ line: 1, column: 1, path: '', message: `The check failed: ${e}` }] };
      }
      showProblems(last);
      if (last.ok) showRoles(last.roles);
      renderPreview();
    }

    function debounce(fn, ms) {
      let timer;
      return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
    }

    function filenameOf(res, fallback) {
      const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
      return m ? m[1] : fallback;
    }

    const post = (url) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: editor.value });

    /** Explains a refused package request in the status line. */
    async function refusal(res) {
      const body = await res.json().catch(() => ({}));
      if (res.status === 422 && Array.isArray(body.problems)) {
        return `The program has ${body.problems.length} problem(s); fix them first: ${body.problems.join('; ')}`;
      }
      if (res.status === 413) return 'The program file is too large (1 MiB at most).';
      return body.error || `The server answered ${res.status}.`;
    }

    for (const button of document.querySelectorAll('button[data-kind]')) {
      button.addEventListener('click', async () => {
        const kind = button.dataset.kind;
        packageStatus.textContent = `Building the ${kind} package…`;
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
          packageStatus.textContent = `Downloaded ${name}.`;
        } catch (e) {
          packageStatus.textContent = `The package could not be downloaded: ${e.message}`;
        }
      });
    }

    $('wb-snippet-button').addEventListener('click', async () => {
      packageStatus.textContent = 'Building the embed snippet…';
      try {
        const res = await post('/workbench/snippet');
        if (!res.ok) { packageStatus.textContent = await refusal(res); return; }
        const { snippet, csp } = await res.json();
        $('wb-snippet-text').textContent = snippet;
        $('wb-csp-text').textContent = csp;
        $('wb-snippet').hidden = false;
        packageStatus.textContent = 'The embed snippet is shown below.';
      } catch (e) {
        packageStatus.textContent = `The snippet could not be built: ${e.message}`;
      }
    });

    async function copy(id, what) {
      try {
        await navigator.clipboard.writeText($(id).textContent);
        packageStatus.textContent = `${what} copied.`;
      } catch {
        getSelection().selectAllChildren($(id));
        packageStatus.textContent = `${what} selected: copy it with your keyboard.`;
      }
    }
    $('wb-copy-snippet').addEventListener('click', () => copy('wb-snippet-text', 'Snippet'));
    $('wb-copy-csp').addEventListener('click', () => copy('wb-csp-text', 'CSP'));

    showWeek();
    try {
      await Promise.all([init(), initChecker()]);
    } catch (e) {
      problemsBox.replaceChildren(note('The widget bundle could not be loaded, so nothing can be checked here. Packages can still be downloaded.'));
      previewHost.replaceChildren(note(`The widget bundle could not be loaded: ${e.message}`));
      throw e;
    }
    // Each visit starts with fresh preview learners.
    clearPreviewPlans();
    editor.addEventListener('input', debounce(check, 300));
    roleSelect.addEventListener('change', () => renderPreview());
    const remount = debounce(() => renderPreview(), 300);
    week.addEventListener('input', () => { showWeek(); remount(); });
    $('wb-restart').addEventListener('click', () => { clearPreviewPlans(roleSelect.value); renderPreview(true); });
    check();
  </script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_json_and_toml() {
        assert_eq!(program_name("  {\"id\": 1}"), "program.json");
        assert_eq!(program_name("id = 1"), "program.toml");
    }

    #[test]
    fn escapes_the_program_into_the_textarea() {
        let html = PAGE.replacen("{{program}}", &escape("a = \"</textarea><b>\""), 1);
        assert!(html.contains("a = &quot;&lt;/textarea&gt;&lt;b&gt;&quot;"));
        assert_eq!(html.matches("</textarea>").count(), 1);
    }
}
