//! HTTP pieces the service's pages and the demo share.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use throughline::i18n::{self, Messages, SERVICE};

/// `http://<Host header>` (`https://` behind a TLS proxy that says so with
/// `X-Forwarded-Proto: https`): links, the LRS endpoint and launch URLs are
/// built from it so the service works on any port and any name it is reached by.
/// A missing or odd Host is refused rather than echoed into pages.
#[derive(Debug, Clone)]
pub struct Origin(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Origin, Response> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("");
        let ok = !host.is_empty()
            && host.len() <= 255
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        let scheme = match parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
        {
            Some(p) if p.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        if ok {
            Ok(Origin(format!("{scheme}://{host}")))
        } else {
            let words = words_of(parts);
            Err(page(
                &words,
                StatusCode::BAD_REQUEST,
                &words.get("bad-host-title"),
                &format!("<p>{}</p>", escape(&words.get("bad-host"))),
            ))
        }
    }
}

/// The visitor's language for the service's pages and answers: `?lang=` (the links the
/// service sends carry the learner's), else the browser's `Accept-Language`, else English.
pub struct Lang(pub Messages);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, Self::Rejection> {
        Ok(Lang(words_of(parts)))
    }
}

fn words_of(parts: &Parts) -> Messages {
    let asked = parts.uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.into_owned())
    });
    let accept = parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let mut wanted: Vec<&str> = asked.as_deref().into_iter().collect();
    wanted.extend(i18n::accept_language(accept));
    SERVICE.negotiate(wanted)
}

/// A whole page of the service in `words`' language: `title` as title and heading, `body`
/// (HTML, its text escaped by the caller) under it. Never cached: pages carry tokens and state.
pub fn page(words: &Messages, status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{t}</title><link rel="stylesheet" href="/pkg/throughline.css"></head><body><main><h1>{t}</h1>{body}</main></body></html>"#,
        lang = words.lang(),
        t = escape(title)
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
