//! `/mail`: the demo's local mailbox, so a visitor sees the reflection emails
//! the service sent (it writes them as `.eml` files; a real deployment hands
//! them to an SMTP server instead). `POST /mail/send` runs a nudge pass now
//! rather than waiting for the next one.

use std::path::Path;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use throughline_service::http::escape;

use super::pages::layout;
use super::people::Visitor;
use super::AppState;

/// At most this many messages on the page, newest first.
const SHOWN: usize = 50;

struct Letter {
    modified: std::time::SystemTime,
    from: String,
    to: String,
    subject: String,
    date: String,
    unsubscribe: String,
    body: String,
}

fn read(dir: &Path) -> Vec<Letter> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut letters: Vec<Letter> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| {
            let modified = e.metadata().and_then(|m| m.modified()).ok()?;
            let raw = std::fs::read(e.path()).ok()?;
            let m = mail_parser::MessageParser::default().parse(&raw)?;
            let addresses = |a: Option<&mail_parser::Address>| {
                a.map(|a| {
                    a.iter()
                        .map(|x| match (x.name(), x.address()) {
                            (Some(n), Some(e)) => format!("{n} <{e}>"),
                            (None, Some(e)) => e.to_string(),
                            (Some(n), None) => n.to_string(),
                            (None, None) => String::new(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
            };
            Some(Letter {
                modified,
                from: addresses(m.from()),
                to: addresses(m.to()),
                subject: m.subject().unwrap_or_default().to_string(),
                date: m.date().map(|d| d.to_rfc822()).unwrap_or_default(),
                unsubscribe: m
                    .header_raw("List-Unsubscribe")
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                body: m.body_text(0).map(|b| b.to_string()).unwrap_or_default(),
            })
        })
        .collect();
    letters.sort_by_key(|l| std::cmp::Reverse(l.modified));
    letters.truncate(SHOWN);
    letters
}

/// Escaped text with its http(s) URLs as links.
fn linked(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                if w.starts_with("http://") || w.starts_with("https://") {
                    format!("<a href=\"{0}\">{0}</a>", escape(w))
                } else {
                    escape(w)
                }
            })
            .collect();
        out += &words.join(" ");
    }
    out
}

/// The mailbox page.
pub(crate) async fn mailbox(State(state): State<AppState>) -> Response {
    let Some(nudger) = state.nudger.clone() else {
        return (
            StatusCode::NOT_FOUND,
            "Reflection emails are off in this demo.",
        )
            .into_response();
    };
    let Some(dir) = nudger.mailbox().map(Path::to_path_buf) else {
        return (
            StatusCode::NOT_FOUND,
            "This demo sends its emails to a mail server, not the local mailbox.",
        )
            .into_response();
    };
    let letters = tokio::task::spawn_blocking(move || read(&dir))
        .await
        .unwrap_or_default();
    let mut body = String::from(
        "    <h1>Mailbox</h1>\n    <p>The reflection emails the Throughline service sent, newest first. \
         A step that comes due earns one email and, if it stays open, one reminder; \
         emails wait for the end of the learner's quiet hours.</p>\n    \
         <form method=\"post\" action=\"/mail/send\"><button type=\"submit\">Send what is due now</button></form>\n",
    );
    if letters.is_empty() {
        body += "    <p>No emails yet. Commit on a course page, then come back once a reflection is due.</p>\n";
    }
    for l in &letters {
        body += &format!(
            "    <article class=\"letter\" aria-label=\"{subject}\">\n      <h2>{subject}</h2>\n      <dl>\
             <dt>From</dt><dd>{from}</dd><dt>To</dt><dd>{to}</dd><dt>Date</dt><dd>{date}</dd>\
             <dt>List-Unsubscribe</dt><dd>{unsub}</dd></dl>\n      <pre>{text}</pre>\n    </article>\n",
            subject = escape(&l.subject),
            from = escape(&l.from),
            to = escape(&l.to),
            date = escape(&l.date),
            unsub = escape(&l.unsubscribe),
            text = linked(&l.body),
        );
    }
    Html(
        layout(
            "Mailbox",
            Visitor::Nobody,
            super::pages::Bundle::None,
            &body,
        ) + "</body>\n</html>\n",
    )
    .into_response()
}

/// Runs a nudge pass now, then shows the mailbox.
pub(crate) async fn send_now(State(state): State<AppState>) -> Response {
    let Some(nudger) = state.nudger.clone() else {
        return (
            StatusCode::NOT_FOUND,
            "Reflection emails are off in this demo.",
        )
            .into_response();
    };
    let outcome =
        tokio::task::spawn_blocking(move || nudger.pass(time::OffsetDateTime::now_utc())).await;
    match outcome {
        Ok(Ok(_)) => super::found("/mail"),
        Ok(Err(e)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("The nudge pass stopped: {e}"),
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("The nudge pass failed: {e}"),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_become_links_and_text_is_escaped() {
        let html =
            linked("Reflect now: https://lms/c?a=1&b=2\n<script>x</script> javascript:alert(1)");
        assert!(html.contains("<a href=\"https://lms/c?a=1&amp;b=2\">"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("href=\"javascript"));
    }
}
