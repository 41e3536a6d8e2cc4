//! Reading statements page by page from an LRS for the dashboard, with every
//! way an LRS can answer badly turned into one plain sentence.

use super::lrs::Lrs;

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// 401/403.
    Refused,
    /// Another non-success status.
    Status(u16),
    /// No answer.
    Offline,
    /// The body is not a statement result.
    Malformed,
    /// The LRS sent a `more` link it had sent before.
    Loop,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Refused => f.write_str("The learning record store refused these credentials (401/403). Check the admin key and secret."),
            PageError::Status(s) if *s >= 500 => write!(f, "The learning record store had a problem ({s}). Try again in a moment; the figures so far are kept."),
            PageError::Status(s) => write!(f, "The learning record store did not accept the query ({s})."),
            PageError::Offline => f.write_str("The learning record store could not be reached. Check the address and your connection."),
            PageError::Malformed => f.write_str("The learning record store answered with something that is not a list of statements."),
            PageError::Loop => f.write_str("The learning record store kept sending the same page, so loading stopped to avoid an endless loop."),
        }
    }
}

/// Where the next page is: the first query (relative to the endpoint) or a `more` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// `statements?...` relative to the endpoint.
    Path(String),
    /// An absolute URL built from a `more` link.
    Url(String),
}

/// Reads one page's text; `insights::Insights::add_page_text` reads the statements from it
/// (and refuses anything but a StatementResult as [`PageError::Malformed`]).
pub async fn page(lrs: &Lrs, next: &Next) -> Result<String, PageError> {
    let answer = match next {
        Next::Path(path) => lrs.get(path).await,
        Next::Url(url) => lrs.get_url(url).await,
    };
    match answer.status {
        Some(200) => {}
        Some(401 | 403) => return Err(PageError::Refused),
        Some(s) => return Err(PageError::Status(s)),
        None => return Err(PageError::Offline),
    }
    Ok(answer.body)
}

/// Resolves a `more` link (relative to the LRS's origin, as the spec allows) against the endpoint.
pub fn resolve_more(endpoint: &str, more: &str) -> Option<String> {
    web_sys::Url::new_with_base(more, endpoint)
        .ok()
        .map(|u| u.href())
}
