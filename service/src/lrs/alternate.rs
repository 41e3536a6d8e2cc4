//! xAPI's alternate request syntax (1.0.3 section 1.3; for clients that can
//! only POST, such as a cross-origin form): `POST ...?method=PUT` with a
//! form-encoded body carrying the headers, the resource's parameters and the
//! `content`. Rewritten here into the request it stands for, before the
//! version and credential checks, so every resource treats both forms alike.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{with_version, ApiError, XapiVersion, MAX_BODY_BYTES};

/// The request an alternate-syntax POST stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    /// The method named by `method=`.
    pub method: Method,
    /// The resource's parameters, form-encoded.
    pub query: String,
    /// Headers given as form fields (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The `content` field.
    pub body: Vec<u8>,
}

/// Form fields that are headers, as the spec lists them.
const HEADER_FIELDS: [&str; 6] = [
    "authorization",
    "x-experience-api-version",
    "content-type",
    "content-length",
    "if-match",
    "if-none-match",
];

/// Reads an alternate-syntax request: `Ok(None)` when the query has no `method`.
/// `header_version` is the request's own X-Experience-API-Version, if any: 1.0.x only (2.0.0
/// dropped the syntax).
pub fn read(
    query: Option<&str>,
    content_type: &str,
    header_version: Option<&str>,
    body: &[u8],
) -> Result<Option<Rewritten>, String> {
    let params: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let Some((_, method)) = params.iter().find(|(k, _)| k == "method") else {
        return Ok(None);
    };
    if params.len() > 1 {
        return Err("the alternate request syntax takes only `method` in the query; send the other parameters in the form body".into());
    }
    let method = match method.to_ascii_uppercase().as_str() {
        "GET" => Method::GET,
        "PUT" => Method::PUT,
        "POST" => Method::POST,
        "DELETE" => Method::DELETE,
        other => {
            return Err(format!(
                "method={other} is not one xAPI resources take (GET, PUT, POST, DELETE)"
            ))
        }
    };
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(
            "an alternate-syntax request's body must be application/x-www-form-urlencoded".into(),
        );
    }
    let mut out = Rewritten {
        method,
        query: String::new(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(body) {
        let lower = k.to_ascii_lowercase();
        if lower == "content" {
            out.body = v.into_owned().into_bytes();
        } else if HEADER_FIELDS.contains(&lower.as_str()) {
            out.headers.push((lower, v.into_owned()));
        } else {
            rest.append_pair(&k, &v);
        }
    }
    out.query = rest.finish();
    let version = out
        .headers
        .iter()
        .find(|(k, _)| k == "x-experience-api-version")
        .map(|(_, v)| v.as_str())
        .or(header_version);
    if version.is_some_and(|v| v.trim().starts_with("2.")) {
        return Err("xAPI 2.0.0 has no alternate request syntax: send the request with its own method and headers".into());
    }
    if !out.body.is_empty() && !out.headers.iter().any(|(k, _)| k == "content-type") {
        out.headers
            .push(("content-type".into(), "application/json".into()));
    }
    Ok(Some(out))
}

/// Middleware: turns an alternate-syntax POST into the request it stands for.
pub async fn rewrite(req: Request, next: Next) -> Response {
    if req.method() != Method::POST || !req.uri().query().is_some_and(|q| q.contains("method=")) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return ApiError {
            status: axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            message: format!("the request body is larger than the {MAX_BODY_BYTES}-byte limit"),
        }
        .into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let header_version = parts
        .headers
        .get(super::VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let rewritten = match read(
        parts.uri.query(),
        &content_type,
        header_version.as_deref(),
        &bytes,
    ) {
        Ok(Some(r)) => r,
        Ok(None) => {
            return next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(why) => {
            return with_version(ApiError::bad_request(why).into_response(), XapiVersion::V1)
        }
    };
    let path = parts.uri.path().to_string();
    let uri = if rewritten.query.is_empty() {
        path
    } else {
        format!("{path}?{}", rewritten.query)
    };
    let Ok(uri) = uri.parse() else {
        return ApiError::bad_request("the form's parameters do not make a valid address")
            .into_response();
    };
    // Handlers read the query from the address as the client wrote it (for `more` links).
    if let Some(axum::extract::OriginalUri(original)) =
        parts.extensions.get::<axum::extract::OriginalUri>()
    {
        let full = if rewritten.query.is_empty() {
            original.path().to_string()
        } else {
            format!("{}?{}", original.path(), rewritten.query)
        };
        if let Ok(full) = full.parse() {
            parts.extensions.insert(axum::extract::OriginalUri(full));
        }
    }
    parts.uri = uri;
    parts.method = rewritten.method;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &rewritten.headers {
        if name == "content-length" {
            continue;
        }
        match (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => {
                parts.headers.insert(n, v);
            }
            _ => {
                return ApiError::bad_request(format!(
                    "the form field {name} is not a valid header value"
                ))
                .into_response()
            }
        }
    }
    next.run(Request::from_parts(parts, Body::from(rewritten.body)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "application/x-www-form-urlencoded";

    #[test]
    fn a_put_issued_as_a_post() {
        let body = b"statementId=00000000-0000-4000-8000-000000000001&content=%7B%22a%22%3A1%7D&X-Experience-API-Version=1.0.3&Authorization=Basic%20eA%3D%3D";
        let r = read(Some("method=PUT"), FORM, None, body)
            .expect("valid")
            .expect("alternate");
        assert_eq!(r.method, Method::PUT);
        assert_eq!(r.query, "statementId=00000000-0000-4000-8000-000000000001");
        assert_eq!(r.body, br#"{"a":1}"#);
        assert!(r
            .headers
            .contains(&("authorization".into(), "Basic eA==".into())));
        assert!(r
            .headers
            .contains(&("x-experience-api-version".into(), "1.0.3".into())));
        assert!(
            r.headers
                .contains(&("content-type".into(), "application/json".into())),
            "content defaults to JSON"
        );
    }

    #[test]
    fn a_get_issued_as_a_post() {
        let r = read(Some("method=GET"), FORM, Some("1.0.3"), b"limit=1")
            .expect("valid")
            .expect("alternate");
        assert_eq!(
            (r.method, r.query.as_str(), r.body.len()),
            (Method::GET, "limit=1", 0)
        );
    }

    #[test]
    fn mistakes_are_refused_in_plain_words() {
        assert_eq!(
            read(Some("limit=1"), FORM, None, b""),
            Ok(None),
            "not the alternate syntax"
        );
        assert!(read(Some("method=PUT&statementId=x"), FORM, None, b"")
            .unwrap_err()
            .contains("only `method`"));
        assert!(read(Some("method=PATCH"), FORM, None, b"")
            .unwrap_err()
            .contains("PATCH"));
        assert!(read(Some("method=PUT"), "application/json", None, b"{}")
            .unwrap_err()
            .contains("x-www-form-urlencoded"));
        // 2.0.0 dropped the syntax, whether the version comes in the form or the header.
        assert!(read(Some("method=GET"), FORM, Some("2.0.0"), b"")
            .unwrap_err()
            .contains("2.0.0"));
        assert!(read(
            Some("method=GET"),
            FORM,
            None,
            b"X-Experience-API-Version=2.0.0"
        )
        .is_err());
    }
}
