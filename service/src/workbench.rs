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

use throughline::i18n::{Messages, WORKBENCH};

use crate::http::{escape, Lang, Origin};
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
        .route("/workbench/page.js", get(script))
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

/// `GET /workbench`: the page, prefilled with the data folder's coaching program, in the
/// designer's language (`?lang=`, else the browser's).
async fn page(State(wb): State<Arc<Workbench>>, Lang(words): Lang) -> Html<String> {
    let program = tokio::fs::read_to_string(wb.data_dir.join("programs").join("coaching.toml"))
        .await
        .unwrap_or_else(|_| EXAMPLE_PROGRAM.to_string());
    Html(render(&WORKBENCH.messages(words.lang()), &program))
}

/// The page: a Northwind bar, the program as a form and as text, its problems, the preview and
/// the package buttons. Placeholders: `{{lang}}`, `{{t:ID}}` (a message, HTML-escaped),
/// `{{words}}` and `{{program}}` (JSON in a script element, `<` escaped). Everything dynamic is
/// built by `page.js` with `textContent` / `createElement`.
const PAGE: &str = include_str!("workbench/page.html");

/// The page's script.
const SCRIPT: &str = include_str!("workbench/page.js");

/// JSON that is safe inside a `<script type="application/json">` element.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The page in `words`' language around `program`.
fn render(words: &Messages, program: &str) -> String {
    let mut out = PAGE.replace("{{lang}}", words.lang());
    while let Some(start) = out.find("{{t:") {
        let Some(len) = out[start..].find("}}") else {
            break;
        };
        let id = out[start + 4..start + len].to_string();
        out.replace_range(start..start + len + 2, &escape(&words.get(&id)));
    }
    // Every message of the page's language for the script (those with values are worded by the
    // checker bundle once it is loaded).
    let all: serde_json::Map<String, serde_json::Value> = message_ids()
        .map(|id| (id.to_string(), serde_json::Value::String(words.get(id))))
        .collect();
    out.replacen(
        "{{words}}",
        &script_json(&serde_json::Value::Object(all)),
        1,
    )
    .replacen(
        "{{program}}",
        &script_json(&serde_json::Value::String(program.to_string())),
        1,
    )
}

/// The ids of the workbench's English file.
fn message_ids() -> impl Iterator<Item = &'static str> {
    WORKBENCH.files[0]
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split('=').next())
        .map(str::trim)
}

/// `GET /workbench/page.js`.
async fn script() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        SCRIPT,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_json_and_toml() {
        assert_eq!(program_name("  {\"id\": 1}"), "program.json");
        assert_eq!(program_name("id = 1"), "program.toml");
    }

    #[test]
    fn the_program_is_placed_as_json_that_cannot_close_its_script() {
        let html = render(&WORKBENCH.messages("en"), "a = \"</script><b>\"");
        assert!(html.contains(r#"id="wb-start">"a = \"\u003c/script\u003e\u003cb\u003e\""#));
        assert_eq!(html.matches("</script>").count(), 3);
        assert!(!html.contains("{{"), "every placeholder filled");
    }

    #[test]
    fn the_page_speaks_the_designers_language() {
        let html = render(&WORKBENCH.messages("de"), "");
        assert!(html.contains(r#"<html lang="de">"#));
        let en = render(&WORKBENCH.messages("en"), "");
        assert!(
            en.contains("<h1>Designer's workbench</h1>")
                || en.contains("<h1>Designer&#39;s workbench</h1>")
        );
        assert_ne!(html, en);
    }
}
