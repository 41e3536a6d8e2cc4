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

/// One page's text, and the LRS's consistent-through time when it gave one.
pub struct Page {
    /// The StatementResult as text.
    pub body: String,
    /// `X-Experience-API-Consistent-Through`.
    pub consistent_through: Option<String>,
}

fn refused(status: Option<u16>) -> Result<(), PageError> {
    match status {
        Some(200) => Ok(()),
        Some(401 | 403) => Err(PageError::Refused),
        Some(s) => Err(PageError::Status(s)),
        None => Err(PageError::Offline),
    }
}

/// Reads one page's text; `insights::Insights::add_page_text` reads the statements from it
/// (and refuses anything but a StatementResult as [`PageError::Malformed`]).
pub async fn page(lrs: &Lrs, next: &Next) -> Result<Page, PageError> {
    let answer = match next {
        Next::Path(path) => lrs.get(path).await,
        Next::Url(url) => lrs.get_url(url).await,
    };
    refused(answer.status)?;
    Ok(Page {
        body: answer.body,
        consistent_through: answer.consistent_through,
    })
}

/// Where a Throughline service's figures are (`/insights`), as its About says; `None` for any
/// other LRS (or an About that cannot be read: the dashboard then reads the statements).
pub async fn snapshot_url(lrs: &Lrs) -> Option<String> {
    let answer = lrs.get("about").await;
    if answer.status != Some(200) {
        return None;
    }
    let about: serde_json::Value = serde_json::from_str(&answer.body).ok()?;
    let path = about
        .get("extensions")?
        .get(crate::insights::INSIGHTS_EXTENSION)?
        .as_str()?;
    resolve_more(&lrs.endpoint, path)
}

/// How long the service may take to answer: its first answer after a start reads every
/// statement of the program (about 30 s for a million on a small machine).
const SNAPSHOT_TIMEOUT_MS: i32 = 180_000;

/// The service's figures for one filter (the query is the caller's), with the same credentials.
pub async fn snapshot(lrs: &Lrs, url: &str) -> Result<crate::insights::Snapshot, PageError> {
    let answer = lrs.get_url_waiting(url, SNAPSHOT_TIMEOUT_MS).await;
    refused(answer.status)?;
    let snapshot: crate::insights::Snapshot =
        serde_json::from_str(&answer.body).map_err(|_| PageError::Malformed)?;
    if snapshot.format != crate::insights::SNAPSHOT_FORMAT {
        return Err(PageError::Malformed);
    }
    Ok(snapshot)
}

/// Resolves a `more` link (relative to the LRS's origin, as the spec allows) against the endpoint.
pub fn resolve_more(endpoint: &str, more: &str) -> Option<String> {
    web_sys::Url::new_with_base(more, endpoint)
        .ok()
        .map(|u| u.href())
}
