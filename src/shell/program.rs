//! Loads a program from a URL or inline text: a compiled program directly,
//! a source file through the on-demand checker (`shell::checker`).

use gloo_net::http::Request;

use crate::launch::ProgramSource;
use crate::program::{compiled, Program};

/// Why the program could not be loaded, in words for whoever set up the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be fetched.
    Fetch(String),
    /// The file was fetched but is not a valid program; one line per problem.
    Invalid(Vec<String>),
}

/// Fetches (if needed) and checks the program.
pub async fn load(source: &ProgramSource) -> Result<Program, LoadError> {
    let (name, text) = match source {
        ProgramSource::Inline(text) => (None, text.clone()),
        ProgramSource::Url(url) => (Some(url.as_str()), fetch(url).await?),
    };
    super::mark("throughline:fetched");
    if let Some(program) = compiled::load(&text).map_err(LoadError::Invalid)? {
        return Ok(program);
    }
    let name_only = name.map(|n| n.split(['?', '#']).next().unwrap_or(n));
    let text = super::checker::compile(&text, name_only).await?;
    match compiled::load(&text) {
        Ok(Some(program)) => Ok(program),
        Ok(None) => Err(LoadError::Fetch(super::say("problem-checker-empty", &[]))),
        Err(lines) => Err(LoadError::Invalid(lines)),
    }
}

/// The most problem lines taken from a server's refusal.
const MAX_LINES: usize = 50;

async fn fetch(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url).send().await.map_err(|_| {
        LoadError::Fetch(super::say(
            "problem-program-unreachable",
            &[("url", url.into())],
        ))
    })?;
    if response.status() == 422 {
        // A server that compiles programs (like the demo's) answers 422 with the checker's lines.
        let body = response.text().await.unwrap_or_default();
        let lines: Vec<String> = body.lines().take(MAX_LINES).map(str::to_string).collect();
        if !lines.is_empty() {
            return Err(LoadError::Invalid(lines));
        }
    }
    if !response.ok() {
        return Err(LoadError::Fetch(super::say(
            "problem-program-status",
            &[
                ("url", url.into()),
                ("status", response.status().to_string().into()),
            ],
        )));
    }
    response.text().await.map_err(|_| {
        LoadError::Fetch(super::say(
            "problem-program-unreadable",
            &[("url", url.into())],
        ))
    })
}
