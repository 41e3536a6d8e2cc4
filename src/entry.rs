//! The JavaScript entry points: `mount(element, options)` and auto-mount of
//! `<div data-throughline-program="URL">`. This is the one place where the
//! shell and the UI are wired together.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::launch::{parse_now, LaunchError, Options, RawLearner, RawOptions};
use crate::shell;
use crate::ui::{Phase, Root};

const MOUNTED: &str = "data-throughline-mounted";

/// Mounts the widget into `element`. `options` is a plain object:
/// `{ program | programText, learner: { id, name }, role, now, courseUrl }`.
/// Resolves when the widget is ready; on bad options or a bad program the
/// widget shows what is wrong, the console says it too, and the promise rejects.
#[wasm_bindgen]
pub async fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsValue> {
    let raw = if options.is_undefined() || options.is_null() {
        Ok(RawOptions::default())
    } else {
        serde_wasm_bindgen::from_value::<RawOptions>(options).map_err(|e| {
            vec![LaunchError(format!(
                "The widget options are not valid: {e}"
            ))]
        })
    };
    run(element, raw).await
}

async fn run(
    element: web_sys::HtmlElement,
    raw: Result<RawOptions, Vec<LaunchError>>,
) -> Result<(), JsValue> {
    shell::mark("throughline:start");
    let _ = element.set_attribute(MOUNTED, "");
    element.set_inner_html("");
    let phase = RwSignal::new(Phase::Loading);
    let words = RwSignal::new(std::sync::Arc::new(crate::i18n::Messages::english()));
    // Start-up phases for scripts/measure-startup.mjs: the English messages are parsed here.
    shell::mark("throughline:messages");
    leptos::mount::mount_to(element, move || view! { <Root phase words/> }).forget();
    let options = raw.and_then(|mut raw| {
        if raw.now.is_none() {
            raw.now = page_param("now");
        }
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        Options::from_raw(raw, &query)
    });
    let result = match options {
        Ok(options) => {
            // The host's and the browser's language is known now: its file loads with the program.
            let host = options.languages.clone();
            let (first, tag) = shell::i18n::choose(&host, &[], "");
            let (messages, opened) =
                futures::future::join(shell::i18n::load(first), shell::session::open(options))
                    .await;
            shell::mark("throughline:session");
            words.set(messages.clone());
            opened
                .map(|mut session| {
                    session.messages = messages;
                    session.date_tag = tag;
                    session
                })
                .map(|session| (session, host, first))
        }
        Err(errors) => {
            // The page's settings are wrong: say so in the browser's language, then the details
            // (they name the options, for the page's author).
            let (lang, _) = shell::i18n::choose(&[], &[], "");
            let messages = shell::i18n::load(lang).await;
            words.set(messages.clone());
            let mut lines = vec![messages.get("problem-options")];
            lines.extend(errors.into_iter().map(|e| e.0));
            Err(lines)
        }
    };
    // The cmi5 learner preferences (read at connect) and the program's language come after.
    let result = match result {
        Ok((mut session, host, first)) => {
            let cmi5: Vec<String> = session
                .live
                .as_ref()
                .and_then(|l| l.cmi5.as_ref())
                .map(|c| {
                    c.preferences
                        .languages()
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let (last, tag) = shell::i18n::choose(&host, &cmi5, &session.program.locale);
            session.date_tag = tag;
            session.program = std::sync::Arc::new(session.source.in_language(last));
            if last != first {
                session.messages = shell::i18n::load(last).await;
                words.set(session.messages.clone());
            }
            Ok(session)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(session) => {
            phase.set(Phase::Ready(Box::new(session)));
            Ok(())
        }
        Err(lines) => {
            let message = lines.join("\n");
            shell::console_error(&message);
            phase.set(Phase::Failed(lines));
            Err(JsValue::from_str(&message))
        }
    }
}

fn page_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Mounts every `[data-throughline-program]` element not mounted yet.
/// Other settings come from `data-learner-id`, `data-learner-name`, `data-role` and `data-course-url`.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("[data-throughline-program]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if element.has_attribute(MOUNTED) {
            continue;
        }
        let attr = |name: &str| element.get_attribute(name).filter(|v| !v.trim().is_empty());
        let learner = match (attr("data-learner-id"), attr("data-learner-name")) {
            (None, None) => None,
            (id, name) => Some(RawLearner { id, name }),
        };
        let raw = RawOptions {
            program: attr("data-throughline-program"),
            learner,
            role: attr("data-role"),
            course_url: attr("data-course-url"),
            now: attr("data-now"),
            ..RawOptions::default()
        };
        wasm_bindgen_futures::spawn_local(async move {
            let _ = run(element, Ok(raw)).await;
        });
    }
}

/// Runs when the module is initialised: auto-mounts declarative embeds.
#[wasm_bindgen(start)]
pub fn start() {
    shell::mark("throughline:module-start");
    mount_all();
}

/// Validates `now` the same way `mount` does; exposed so host pages can check a date before passing it.
#[wasm_bindgen(js_name = checkDate)]
pub fn check_date(value: &str) -> Result<String, JsValue> {
    parse_now(value)
        .map(|d| d.to_string())
        .map_err(|e| JsValue::from_str(&e.0))
}
