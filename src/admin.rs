//! The admin bundle's JavaScript entry point: `mountDashboard(element, options)`.
//! Built only with the `admin` feature, so learners never download the dashboard.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::launch::admin::{AdminOptions, RawAdminOptions};
use crate::launch::LaunchError;
use crate::shell;
use crate::shell::lrs::Lrs;
use crate::ui::dashboard::{Dashboard, Words};

fn failed(element: web_sys::HtmlElement, words: &Words, lines: Vec<String>) -> JsValue {
    let heading = words.t("dash-failed");
    let message = lines.join("\n");
    shell::console_error(&message);
    leptos::mount::mount_to(element, move || {
        let items = lines
            .clone()
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view();
        view! {
            <section class="tl-widget tl-failed" role="alert">
                <h2 class="tl-title">{heading.clone()}</h2>
                <ul class="tl-problems">{items}</ul>
            </section>
        }
    })
    .forget();
    JsValue::from_str(&message)
}

/// Mounts the adoption dashboard. `options`: `{ endpoint, key, secret | auth, program | programText, now, namesAllowed, snapshot, cache, locale }`
/// (`snapshot: false` reads every statement even from a Throughline service; `cache: false` keeps nothing in the browser).
/// Rejects (and shows why in the element) when options, program or credentials are wrong.
#[wasm_bindgen(js_name = mountDashboard)]
pub async fn mount_dashboard(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<(), JsValue> {
    element.set_inner_html("");
    let raw = serde_wasm_bindgen::from_value::<RawAdminOptions>(options);
    // The admin's language: the page's option, else the browser's.
    let asked: Vec<String> = raw
        .as_ref()
        .ok()
        .and_then(|r| r.locale.clone())
        .into_iter()
        .collect();
    let (lang, tag) = shell::i18n::choose(&asked, &[], "");
    let words = Words::new(lang, &tag);
    let raw = raw.map_err(|e| {
        vec![LaunchError(words.ta(
            "dash-options-invalid",
            &[("reason", e.to_string().into())],
        ))]
    });
    let options = match raw.and_then(AdminOptions::from_raw) {
        Ok(o) => o,
        Err(errors) => {
            return Err(failed(
                element,
                &words,
                errors.into_iter().map(|e| e.0).collect(),
            ))
        }
    };
    let program = match shell::program::load(&options.program).await {
        Ok(p) => Arc::new(p),
        Err(shell::program::LoadError::Fetch(m)) => return Err(failed(element, &words, vec![m])),
        Err(shell::program::LoadError::Invalid(lines)) => {
            let mut all = vec![words.t("dash-program-problems")];
            all.extend(lines);
            return Err(failed(element, &words, all));
        }
    };
    let as_of = options.now.unwrap_or_else(|| shell::clock::now(None).today);
    let lrs = send_wrapper::SendWrapper::new(Lrs::new(&options.lrs));
    let (names_allowed, snapshot, cache) = (options.names_allowed, options.snapshot, options.cache);
    leptos::mount::mount_to(
        element,
        move || view! { <Dashboard program=program.clone() lrs=lrs.clone() as_of names_allowed snapshot cache words=words.clone()/> },
    )
    .forget();
    Ok(())
}

/// Computes the dashboard's figures from a statements export (a JSON array, or a StatementResult),
/// as of `as_of` (YYYY-MM-DD), for a compiled program (`throughline compile`), without any LRS: for offline analysis and for measuring aggregation
/// speed in the browser. Returns `{ statements, learners, aggregateMs (reading the text included), reportMs, csv: {panel: text} }`.
#[wasm_bindgen(js_name = summarizeStatements)]
pub fn summarize_statements(
    program_text: &str,
    statements_json: &str,
    as_of: &str,
) -> Result<JsValue, JsValue> {
    use crate::insights::{Filter, Insights};
    use crate::program::compiled;
    let clock = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    };
    let program = match compiled::load(program_text) {
        Ok(Some(program)) => program,
        Ok(None) => {
            return Err(JsValue::from_str(
                "give the compiled program: `throughline compile FILE`",
            ))
        }
        Err(lines) => return Err(JsValue::from_str(&lines.join("\n"))),
    };
    let as_of = crate::launch::parse_now(as_of).map_err(|e| JsValue::from_str(&e.0))?;
    // Read straight from the text, as the dashboard reads LRS pages: parse and aggregation are one pass.
    let t0 = clock();
    let mut insights = Insights::new(&program, as_of);
    insights
        .add_page_text(statements_json)
        .map_err(|_| JsValue::from_str("the statements are not a JSON array or StatementResult"))?;
    let t2 = clock();
    let report = insights.report(&Filter::default());
    let t3 = clock();
    let out = serde_json::json!({
        "statements": report.intake.kept,
        "learners": report.learners.len(),
        "aggregateMs": t2 - t0,
        "reportMs": t3 - t2,
        "csv": {
            "funnel": report.funnel.to_csv(),
            "roles": report.roles.to_csv(),
            "terms": report.terms.to_csv(),
            "reinforcement": report.reinforcement.to_csv(),
            "adoption": report.adoption.to_csv(),
            "seen": report.seen.to_csv(),
            "teams": report.teams.to_csv(),
        }
    });
    // As plain JS objects (not Maps), so callers can read `result.csv.funnel`.
    serde::Serialize::serialize(&out, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}
