//! Loads a program file from a URL or inline text.

use gloo_net::http::Request;

use crate::launch::ProgramSource;
use crate::program::{parse, Format, Program};

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
    let name_only = name.map(|n| n.split(['?', '#']).next().unwrap_or(n));
    parse(&text, Format::detect(name_only, &text))
        .map_err(|d| LoadError::Invalid(d.0.iter().map(ToString::to_string).collect()))
}

async fn fetch(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| LoadError::Fetch(format!("The program file at {url} could not be reached. Check the address and your connection.")))?;
    if !response.ok() {
        return Err(LoadError::Fetch(format!(
            "The program file at {url} could not be loaded (the server answered {}).",
            response.status()
        )));
    }
    response
        .text()
        .await
        .map_err(|_| LoadError::Fetch(format!("The program file at {url} is not readable text.")))
}
