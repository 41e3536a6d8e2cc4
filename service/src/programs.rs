//! `/compiled/{name}.json`: the data folder's program source files, checked
//! and served in the compiled form learners' widgets load (no checker in
//! their bundle). Compiled on every request, so a designer's edit shows on
//! the next reload; a file with problems answers 422 with the checker's lines,
//! which the widget shows as they are.

use std::path::PathBuf;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use throughline::program::{compiled, parse, Format};

/// Answers `/compiled/{file}` from the programs folder in `State`.
pub(crate) async fn serve(State(programs): State<PathBuf>, Path(file): Path<String>) -> Response {
    let Some(name) = file.strip_suffix(".json").filter(|n| plain_name(n)) else {
        return (StatusCode::NOT_FOUND, "No such program.").into_response();
    };
    for (source, format) in [
        (format!("{name}.toml"), Format::Toml),
        (format!("{name}.json"), Format::Json),
    ] {
        let Ok(text) = tokio::fs::read_to_string(programs.join(&source)).await else {
            continue;
        };
        return match parse(&text, format) {
            Ok(program) => (
                [(header::CONTENT_TYPE, "application/json")],
                compiled::compile(&program),
            )
                .into_response(),
            Err(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                problems
                    .0
                    .iter()
                    .map(|d| format!("{source}:{d}\n"))
                    .collect::<String>(),
            )
                .into_response(),
        };
    }
    (StatusCode::NOT_FOUND, "No such program.").into_response()
}

/// Only plain file names: nothing that could climb out of the programs folder.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
