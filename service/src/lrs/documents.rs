//! The document resources: State (`/activities/state`), Activity Profile
//! (`/activities/profile`) and Agent Profile (`/agents/profile`).
//!
//! All three store opaque bytes with their content type under a key built
//! from request parameters, so they share one implementation that differs
//! only in which parameters make the key and who may use it. Concurrency
//! follows xAPI 1.0.3: ETags on GET, If-Match/If-None-Match on writes (412
//! when they fail), and a 409 for a PUT over an existing profile document
//! without either header (also for State when the client speaks 2.0.0,
//! where the rule was extended to State).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{Map, Value};

use super::auth::Principal;
use super::query::Params;
use super::store::{self, Doc, DocKey, DocKind, DocWrite};
use super::validate;
use super::{blocking, body_or_error, ApiError, Shared, XapiVersion};

/// The resource-specific parts: parameter names and access rules.
struct Resource {
    kind: DocKind,
    /// Name of the document id parameter.
    id_param: &'static str,
    /// Parameters that make up the key besides the id.
    uses_activity: bool,
    uses_agent: bool,
    uses_registration: bool,
    /// What to call the resource in messages.
    label: &'static str,
}

const STATE: Resource = Resource {
    kind: DocKind::State,
    id_param: "stateId",
    uses_activity: true,
    uses_agent: true,
    uses_registration: true,
    label: "the State resource",
};
const ACTIVITY_PROFILE: Resource = Resource {
    kind: DocKind::ActivityProfile,
    id_param: "profileId",
    uses_activity: true,
    uses_agent: false,
    uses_registration: false,
    label: "the Activity Profile resource",
};
const AGENT_PROFILE: Resource = Resource {
    kind: DocKind::AgentProfile,
    id_param: "profileId",
    uses_activity: false,
    uses_agent: true,
    uses_registration: false,
    label: "the Agent Profile resource",
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Get,
    Put,
    Post,
    Delete,
}

impl Resource {
    /// Parses and checks the parameters into a key, enforcing key scope.
    fn key(&self, params: &Params, op: Op, principal: &Principal) -> Result<DocKey, ApiError> {
        let mut allowed = vec![self.id_param];
        if self.uses_activity {
            allowed.push("activityId");
        }
        if self.uses_agent {
            allowed.push("agent");
        }
        if self.uses_registration {
            allowed.push("registration");
        }
        if matches!(op, Op::Get | Op::Delete) {
            // Only meaningful for listing (GET) and deleting all State
            // documents; accepted (and checked) elsewhere for tolerance.
            allowed.push("since");
        }
        params.only(&allowed)?;
        let activity_id = if self.uses_activity {
            params
                .iri("activityId")?
                .ok_or_else(|| ApiError::bad_request("parameter activityId is required"))?
        } else {
            String::new()
        };
        let agent_ifi = if self.uses_agent {
            validate::agent_param(params.required("agent")?, "parameter agent")?.1
        } else {
            String::new()
        };
        let registration = if self.uses_registration {
            params.uuid("registration")?.unwrap_or_default()
        } else {
            String::new()
        };
        let doc_id = params.get(self.id_param).unwrap_or_default().to_string();
        match principal.scope {
            super::Scope::Admin => {}
            super::Scope::Learner if self.uses_agent => {
                if !principal.may_act_for(&agent_ifi) {
                    return Err(ApiError::forbidden(format!(
                        "learner credentials ({}) may only use {} for their own agent",
                        principal.name, self.label
                    )));
                }
            }
            super::Scope::Learner => principal.require_admin(self.label)?,
        }
        Ok(DocKey {
            kind: self.kind,
            activity_id,
            agent_ifi,
            registration,
            doc_id,
        })
    }

    fn require_id(&self, key: &DocKey) -> Result<(), ApiError> {
        if key.doc_id.is_empty() {
            Err(ApiError::bad_request(format!(
                "parameter {} is required",
                self.id_param
            )))
        } else {
            Ok(())
        }
    }

    /// Whether a PUT over an existing document needs a concurrency header.
    fn put_needs_precondition(&self, version: XapiVersion) -> bool {
        self.kind != DocKind::State || version == XapiVersion::V2
    }
}

fn etag_list_matches(header_value: &str, etag: &str) -> bool {
    header_value.split(',').map(str::trim).any(|tag| {
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        tag == "*" || tag == etag || tag.trim_matches('"') == etag.trim_matches('"')
    })
}

/// Applies If-Match / If-None-Match to the current document.
fn check_preconditions(headers: &HeaderMap, current: Option<&Doc>) -> Result<(), ApiError> {
    if let Some(if_match) = headers.get(header::IF_MATCH) {
        let value = if_match.to_str().unwrap_or("");
        match current {
            Some(doc) if etag_list_matches(value, &doc.etag) => {}
            Some(_) => {
                return Err(ApiError::precondition_failed(
                    "If-Match does not match the document's current ETag; it was changed since you read it",
                ))
            }
            None => return Err(ApiError::precondition_failed("If-Match was given but the document does not exist")),
        }
    }
    if let Some(if_none_match) = headers.get(header::IF_NONE_MATCH) {
        let value = if_none_match.to_str().unwrap_or("");
        if let Some(doc) = current {
            if etag_list_matches(value, &doc.etag) {
                return Err(ApiError::precondition_failed(
                    "If-None-Match failed: the document already exists (or has that ETag)",
                ));
            }
        }
    }
    Ok(())
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("application/octet-stream")
        .to_string()
}

fn is_json_type(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/json")
}

fn json_object(bytes: &[u8], what: &str) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::bad_request(format!(
            "{what} must be a JSON object to be merged with POST"
        ))),
    }
}

fn set_header(res: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().insert(name, v);
    }
}

async fn get_doc(
    res: &'static Resource,
    shared: Shared,
    principal: Principal,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query())?;
    let key = res.key(&params, Op::Get, &principal)?;
    let since = params.timestamp("since")?;
    if key.doc_id.is_empty() {
        let ids = blocking(move || shared.store.document_ids(&key, since)).await?;
        return Ok(axum::Json(ids).into_response());
    }
    let lookup = key.clone();
    let doc = blocking(move || shared.store.document(&lookup)).await?;
    let Some(doc) = doc else {
        return Err(ApiError::not_found(format!(
            "no document with {} {}",
            res.id_param, key.doc_id
        )));
    };
    let mut out = (StatusCode::OK, doc.body).into_response();
    set_header(&mut out, header::CONTENT_TYPE, &doc.content_type);
    set_header(&mut out, header::ETAG, &doc.etag);
    set_header(
        &mut out,
        header::LAST_MODIFIED,
        &store::http_date(doc.updated_ns),
    );
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn write_doc(
    res: &'static Resource,
    op: Op,
    shared: Shared,
    principal: Principal,
    version: XapiVersion,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query())?;
    let key = res.key(&params, op, &principal)?;
    params.timestamp("since")?;
    if op == Op::Delete && key.doc_id.is_empty() {
        if res.kind != DocKind::State {
            return Err(ApiError::bad_request(format!(
                "parameter {} is required",
                res.id_param
            )));
        }
        let since = params.timestamp("since")?;
        blocking(move || shared.store.delete_documents(&key, since)).await?;
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    res.require_id(&key)?;
    let content_type = content_type(&headers);
    let needs_header = res.put_needs_precondition(version);
    let decide = move |current: Option<&Doc>| -> Result<DocWrite, ApiError> {
        check_preconditions(&headers, current)?;
        match op {
            Op::Put => {
                let has_header = headers.contains_key(header::IF_MATCH)
                    || headers.contains_key(header::IF_NONE_MATCH);
                if needs_header && !has_header {
                    if current.is_some() {
                        return Err(ApiError::conflict(
                            "the document already exists: send If-Match with its ETag to replace it (or If-None-Match: * to create only)",
                        ));
                    }
                    // ADL's 1.0.3 suite reads the concurrency rules as applying to every
                    // profile PUT: one that says neither header is refused even for a new document.
                    if version == XapiVersion::V1 {
                        return Err(ApiError::bad_request(
                            "send If-None-Match: * to create this document, or If-Match with its ETag to replace it",
                        ));
                    }
                }
                Ok(DocWrite::Put {
                    content_type,
                    body: body.to_vec(),
                })
            }
            Op::Post => {
                let Some(existing) = current else {
                    if is_json_type(&content_type) {
                        json_object(&body, "the posted document")?;
                    }
                    return Ok(DocWrite::Put {
                        content_type,
                        body: body.to_vec(),
                    });
                };
                if !is_json_type(&content_type) || !is_json_type(&existing.content_type) {
                    return Err(ApiError::bad_request(
                        "POST merges JSON documents only: both the stored and the posted document must be application/json",
                    ));
                }
                let mut merged = json_object(&existing.body, "the stored document")?;
                for (k, v) in json_object(&body, "the posted document")? {
                    merged.insert(k, v);
                }
                let bytes = serde_json::to_vec(&Value::Object(merged)).map_err(|e| {
                    ApiError::internal(format!("could not serialise a merged document: {e}"))
                })?;
                Ok(DocWrite::Put {
                    content_type: "application/json".into(),
                    body: bytes,
                })
            }
            Op::Delete => Ok(DocWrite::Delete),
            Op::Get => Err(ApiError::internal("GET is not a write")),
        }
    };
    blocking(move || shared.store.modify_document(&key, decide)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

macro_rules! document_handlers {
    ($res:expr, $get:ident, $put:ident, $post:ident, $delete:ident, $name:literal) => {
        #[doc = concat!("`GET ", $name, "`: one document (with ETag) or the list of ids.")]
        pub async fn $get(
            State(shared): State<Shared>,
            Extension(principal): Extension<Principal>,
            OriginalUri(uri): OriginalUri,
        ) -> Result<Response, ApiError> {
            get_doc(&$res, shared, principal, uri).await
        }

        #[doc = concat!("`PUT ", $name, "`: store or replace a document.")]
        pub async fn $put(
            State(shared): State<Shared>,
            Extension(principal): Extension<Principal>,
            Extension(version): Extension<XapiVersion>,
            OriginalUri(uri): OriginalUri,
            headers: HeaderMap,
            body: Result<Bytes, BytesRejection>,
        ) -> Result<Response, ApiError> {
            let body = body_or_error(body)?;
            write_doc(
                &$res,
                Op::Put,
                shared,
                principal,
                version,
                uri,
                headers,
                body,
            )
            .await
        }

        #[doc = concat!("`POST ", $name, "`: merge a JSON object into a JSON document.")]
        pub async fn $post(
            State(shared): State<Shared>,
            Extension(principal): Extension<Principal>,
            Extension(version): Extension<XapiVersion>,
            OriginalUri(uri): OriginalUri,
            headers: HeaderMap,
            body: Result<Bytes, BytesRejection>,
        ) -> Result<Response, ApiError> {
            let body = body_or_error(body)?;
            write_doc(
                &$res,
                Op::Post,
                shared,
                principal,
                version,
                uri,
                headers,
                body,
            )
            .await
        }

        #[doc = concat!("`DELETE ", $name, "`: delete a document (State: or all of them).")]
        pub async fn $delete(
            State(shared): State<Shared>,
            Extension(principal): Extension<Principal>,
            Extension(version): Extension<XapiVersion>,
            OriginalUri(uri): OriginalUri,
            headers: HeaderMap,
        ) -> Result<Response, ApiError> {
            write_doc(
                &$res,
                Op::Delete,
                shared,
                principal,
                version,
                uri,
                headers,
                Bytes::new(),
            )
            .await
        }
    };
}

document_handlers!(
    STATE,
    get_state,
    put_state,
    post_state,
    delete_state,
    "/activities/state"
);
document_handlers!(
    ACTIVITY_PROFILE,
    get_activity_profile,
    put_activity_profile,
    post_activity_profile,
    delete_activity_profile,
    "/activities/profile"
);
document_handlers!(
    AGENT_PROFILE,
    get_agent_profile,
    put_agent_profile,
    post_agent_profile,
    delete_agent_profile,
    "/agents/profile"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(etag: &str) -> Doc {
        Doc {
            content_type: "application/json".into(),
            body: b"{}".to_vec(),
            etag: etag.into(),
            updated_ns: 0,
        }
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    #[test]
    fn if_match_rules() {
        let d = doc("\"abc\"");
        assert!(check_preconditions(&headers(&[(header::IF_MATCH, "\"abc\"")]), Some(&d)).is_ok());
        assert!(
            check_preconditions(&headers(&[(header::IF_MATCH, "\"x\", \"abc\"")]), Some(&d))
                .is_ok()
        );
        assert!(check_preconditions(&headers(&[(header::IF_MATCH, "*")]), Some(&d)).is_ok());
        let e =
            check_preconditions(&headers(&[(header::IF_MATCH, "\"zzz\"")]), Some(&d)).unwrap_err();
        assert_eq!(e.status, StatusCode::PRECONDITION_FAILED);
        assert!(check_preconditions(&headers(&[(header::IF_MATCH, "*")]), None).is_err());
    }

    #[test]
    fn if_none_match_rules() {
        let d = doc("\"abc\"");
        assert!(check_preconditions(&headers(&[(header::IF_NONE_MATCH, "*")]), None).is_ok());
        assert!(check_preconditions(&headers(&[(header::IF_NONE_MATCH, "*")]), Some(&d)).is_err());
        assert!(
            check_preconditions(&headers(&[(header::IF_NONE_MATCH, "\"other\"")]), Some(&d))
                .is_ok()
        );
    }

    #[test]
    fn json_content_types() {
        assert!(is_json_type("application/json; charset=utf-8"));
        assert!(!is_json_type("text/plain"));
    }
}
