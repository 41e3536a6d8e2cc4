//! The Statements resource: storing (PUT one, POST one or many) and reading
//! (one by id, or a filtered, paged query).
//!
//! Statements are immutable, so a client that retries a delivery after a
//! lost response must get success for the same content and a 409 only when
//! it tries to reuse an id for something else.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::Value;

use super::attachments;
use super::auth::Principal;
use super::canonical;
use super::query::{self, Format, Params};
use super::store::{self, NewStatement};
use super::validate;
use super::{
    blocking, body_or_error, ApiError, Scope, Shared, XapiVersion, CONSISTENT_THROUGH_HEADER,
};

/// The statements' JSON and any attachment parts of a PUT or POST body: `application/json`,
/// or `multipart/mixed` with the statements first.
async fn read_body(
    headers: &HeaderMap,
    body: Bytes,
) -> Result<(Vec<u8>, Vec<attachments::Part>), ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Some(boundary) = attachments::boundary(ct) {
        return attachments::split(body, &boundary?).await;
    }
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Ok((body.to_vec(), Vec::new())),
        "" => Err(ApiError::bad_request(
            "Content-Type must be application/json (or multipart/mixed with attachments)",
        )),
        other => Err(ApiError::bad_request(format!(
            "Content-Type must be application/json or multipart/mixed, not {other}"
        ))),
    }
}

/// Checks the attachment parts against the prepared statements, keeps their contents, then
/// stores the statements.
async fn store_with_attachments(
    shared: &Shared,
    batch: Vec<NewStatement>,
    parts: Vec<attachments::Part>,
    principal: &Principal,
    version: XapiVersion,
) -> Result<Vec<String>, ApiError> {
    let originals: Vec<&Value> = batch.iter().map(|b| &b.original).collect();
    let contents = attachments::check(&originals, &parts, version == XapiVersion::V2)?;
    if !contents.is_empty() {
        let shared = shared.clone();
        blocking(move || shared.store.put_attachments(&contents)).await?;
    }
    store_batch(shared, batch, principal).await
}

fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    validate::no_duplicate_keys(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))
}

/// Stores single context activities as one-element arrays, the form the
/// spec says an LRS returns them in.
fn normalise_context_activities(st: &mut Value) {
    fn fix(context: Option<&mut Value>) {
        let Some(ca) = context
            .and_then(|c| c.get_mut("contextActivities"))
            .and_then(Value::as_object_mut)
        else {
            return;
        };
        for value in ca.values_mut() {
            if value.is_object() {
                *value = Value::Array(vec![value.take()]);
            }
        }
    }
    fix(st.get_mut("context"));
    fix(st.get_mut("object").and_then(|o| o.get_mut("context")));
}

/// Validates one incoming statement and fills in what the LRS owns.
fn prepare(
    mut st: Value,
    principal: &Principal,
    version: XapiVersion,
    index: Option<usize>,
) -> Result<NewStatement, ApiError> {
    let at = |msg: String| match index {
        Some(i) => ApiError::bad_request(format!("statement {i} in the batch: {msg}")),
        None => ApiError::bad_request(msg),
    };
    validate::statement(&st, version == XapiVersion::V2).map_err(|e| at(e.0))?;
    if principal.scope == Scope::Learner {
        let actor = st.get("actor").and_then(validate::ifi_key);
        if actor.is_none() || actor != principal.agent_ifi {
            return Err(ApiError::forbidden(format!(
                "learner credentials ({}) may only store statements whose actor is their own agent",
                principal.name
            )));
        }
    }
    normalise_context_activities(&mut st);
    let obj = st
        .as_object_mut()
        .ok_or_else(|| ApiError::bad_request("a statement must be a JSON object"))?;
    let id = match obj.get("id").and_then(Value::as_str) {
        Some(id) => id.to_ascii_lowercase(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    obj.insert("id".into(), Value::String(id.clone()));
    let original = st.clone();
    let mut full = st;
    if let Some(obj) = full.as_object_mut() {
        obj.insert("authority".into(), principal.authority.clone());
        // A statement that names no version is of the version its request speaks.
        obj.entry("version").or_insert_with(|| {
            Value::String(
                if version == XapiVersion::V2 {
                    "2.0.0"
                } else {
                    "1.0.0"
                }
                .into(),
            )
        });
    }
    Ok(NewStatement { id, original, full })
}

/// Whose statements `principal` may void: a learner only their own, the admin any.
pub(crate) fn voider(principal: &Principal) -> Option<String> {
    match principal.scope {
        Scope::Learner => principal.agent_ifi.clone(),
        Scope::Admin => None,
    }
}

/// Prepares the statements of one `POST` (in order), refusing the whole
/// batch if one is invalid or an id appears twice.
pub(crate) fn prepare_batch(
    items: Vec<Value>,
    principal: &Principal,
    version: XapiVersion,
) -> Result<Vec<NewStatement>, ApiError> {
    let mut batch = Vec::with_capacity(items.len());
    for (i, st) in items.into_iter().enumerate() {
        batch.push(prepare(st, principal, version, Some(i))?);
    }
    let mut seen = std::collections::HashSet::with_capacity(batch.len());
    for st in &batch {
        if !seen.insert(st.id.as_str()) {
            return Err(ApiError::bad_request(format!(
                "statement id {} appears twice in the batch",
                st.id
            )));
        }
    }
    Ok(batch)
}

async fn store_batch(
    shared: &Shared,
    batch: Vec<NewStatement>,
    principal: &Principal,
) -> Result<Vec<String>, ApiError> {
    let shared = shared.clone();
    let voider = voider(principal);
    // A learner launched by LTI who commits owes their platform a completion grade; owed
    // in the same blocking step after the statements are stored, and again on a re-send
    // (once per learner and line item), so a crash in between loses nothing.
    // Adoption grades (where the platform is registered for them) follow every commitment
    // and every change of a behaviour's adoption.
    let has = |keys: &[&str]| {
        batch.iter().any(|st| {
            validate::verb_id(&st.full).is_some_and(|verb| {
                throughline::xapi::VERBS
                    .iter()
                    .any(|v| keys.contains(&v.key) && v.iri == verb)
            })
        })
    };
    let launch = principal.launch.clone();
    let (committed, adoption) = (
        has(&["committed"]),
        has(&["committed", "mastered", "lapsed"]),
    );
    blocking(move || {
        let ids = shared.store.insert_statements(batch, voider.as_deref())?;
        if let Some(launch) = launch {
            let now = store::now_ns();
            if committed {
                let at = store::format_timestamp(now);
                shared.store.lti_grade_owe(
                    &launch,
                    crate::lti::COMPLETION,
                    &crate::lti::completion_score(&at),
                    now,
                )?;
            }
            if adoption {
                shared.store.lti_adoption_owe(&launch, now)?;
            }
        }
        Ok(ids)
    })
    .await
}

/// `PUT /statements?statementId=…`: store one statement under a given id.
pub async fn put_statement(
    State(shared): State<Shared>,
    Extension(principal): Extension<Principal>,
    Extension(version): Extension<XapiVersion>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_or_error(body)?;
    let params = Params::parse(uri.query())?;
    params.only(&["statementId"])?;
    let id = params
        .uuid("statementId")?
        .ok_or_else(|| ApiError::bad_request("parameter statementId is required for PUT"))?;
    let (json, parts) = read_body(&headers, body).await?;
    let mut st = parse_json(&json)?;
    let Some(obj) = st.as_object_mut() else {
        return Err(ApiError::bad_request(
            "the body must be one statement (a JSON object)",
        ));
    };
    match obj.get("id") {
        None => {
            obj.insert("id".into(), Value::String(id.clone()));
        }
        Some(Value::String(given)) if given.eq_ignore_ascii_case(&id) => {}
        Some(_) => {
            return Err(ApiError::bad_request(
                "statement.id does not match the statementId parameter",
            ));
        }
    }
    let prepared = prepare(st, &principal, version, None)?;
    store_with_attachments(&shared, vec![prepared], parts, &principal, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /statements`: store one statement or an array, all or nothing,
/// answering the ids in order.
pub async fn post_statements(
    State(shared): State<Shared>,
    Extension(principal): Extension<Principal>,
    Extension(version): Extension<XapiVersion>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_or_error(body)?;
    let params = Params::parse(uri.query())?;
    params.only(&[])?;
    let (json, parts) = read_body(&headers, body).await?;
    let batch = match parse_json(&json)? {
        Value::Array(items) => prepare_batch(items, &principal, version)?,
        st @ Value::Object(_) => vec![prepare(st, &principal, version, None)?],
        _ => {
            return Err(ApiError::bad_request(
                "the body must be a statement or an array of statements",
            ))
        }
    };
    let ids = store_with_attachments(&shared, batch, parts, &principal, version).await?;
    Ok(axum::Json(ids).into_response())
}

/// `attachments=true`: the JSON and the contents its statements name, as `multipart/mixed`.
async fn multipart_response(shared: &Shared, json: String) -> Result<Response, ApiError> {
    let parsed: Value = serde_json::from_str(&json)
        .map_err(|e| ApiError::internal(format!("an answer is not JSON: {e}")))?;
    let statements = match parsed.get("statements").and_then(Value::as_array) {
        Some(list) => list.clone(),
        None => vec![parsed],
    };
    let hashes = attachments::named(&statements);
    let shared = shared.clone();
    let contents = blocking(move || shared.store.attachments(&hashes)).await?;
    let boundary = uuid::Uuid::new_v4().simple().to_string();
    let body = attachments::answer(&json, &contents, &boundary);
    let content_type = HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}"))
        .map_err(|_| ApiError::internal("a multipart boundary could not be written"))?;
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

fn json_response(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn set_header(res: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().insert(name, v);
    }
}

fn stored_not_json(e: serde_json::Error) -> ApiError {
    ApiError::internal(format!("a stored statement is not JSON: {e}"))
}

fn parse_stored(body: &str) -> Result<Value, ApiError> {
    serde_json::from_str(body).map_err(stored_not_json)
}

/// Renders stored statements in `format`. Canonical reads activity definitions from the
/// store (each id once per answer), so it runs off the async runtime.
async fn render(
    shared: &Shared,
    bodies: Vec<String>,
    format: Format,
    languages: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    match format {
        Format::Exact => Ok(bodies),
        Format::Ids => bodies
            .iter()
            .map(|b| query::ids_text(b).map_err(stored_not_json))
            .collect(),
        Format::Canonical => {
            let shared = shared.clone();
            blocking(move || {
                let mut known: std::collections::HashMap<String, Option<Value>> =
                    std::collections::HashMap::new();
                let mut definition = |id: &str| {
                    known
                        .entry(id.to_string())
                        .or_insert_with(|| shared.store.activity(id).ok().flatten())
                        .clone()
                };
                bodies
                    .iter()
                    .map(|b| {
                        parse_stored(b).map(|v| {
                            canonical::canonical(&v, &languages, &mut definition).to_string()
                        })
                    })
                    .collect()
            })
            .await
        }
    }
}

/// `GET /statements`: one statement by `statementId`/`voidedStatementId`,
/// or a StatementResult page whose `more` link continues the same query.
///
/// Every answer, errors included, carries `X-Experience-API-Consistent-Through`
/// as the spec asks.
pub async fn get_statements(
    State(shared): State<Shared>,
    Extension(principal): Extension<Principal>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    let languages = canonical::accept_languages(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut res = match read_statements(shared.clone(), principal, uri, languages).await {
        Ok(res) => res,
        Err(e) => e.into_response(),
    };
    if !res.headers().contains_key(CONSISTENT_THROUGH_HEADER) {
        let through = blocking(move || shared.store.consistent_through())
            .await
            .unwrap_or_else(|_| store::now_ns());
        set_header(
            &mut res,
            CONSISTENT_THROUGH_HEADER,
            &store::format_timestamp(through),
        );
    }
    res
}

async fn read_statements(
    shared: Shared,
    principal: Principal,
    uri: axum::http::Uri,
    languages: Vec<String>,
) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query())?;
    params.only(&query::STATEMENT_GET_PARAMS)?;
    let format = query::format(&params)?;
    let with_attachments = params.flag("attachments")?;
    let by_id = params.get("statementId").is_some();
    let by_voided_id = params.get("voidedStatementId").is_some();
    if by_id || by_voided_id {
        if by_id && by_voided_id {
            return Err(ApiError::bad_request(
                "give statementId or voidedStatementId, not both",
            ));
        }
        params.only(&["statementId", "voidedStatementId", "format", "attachments"])?;
        let name = if by_id {
            "statementId"
        } else {
            "voidedStatementId"
        };
        let id = params.uuid(name)?.unwrap_or_default();
        let lookup_id = id.clone();
        let store_shared = shared.clone();
        let (through, found) = blocking(move || {
            let through = store_shared.store.consistent_through()?;
            store_shared
                .store
                .statement(&lookup_id, by_voided_id)
                .map(|f| (through, f))
        })
        .await?;
        let Some((st, actors)) = found else {
            return Err(ApiError::not_found(format!(
                "no {} statement with id {id}",
                if by_id { "live" } else { "voided" }
            )));
        };
        if principal.scope == Scope::Learner
            && !actors
                .iter()
                .any(|a| Some(a) == principal.agent_ifi.as_ref())
        {
            return Err(ApiError::forbidden(format!(
                "learner credentials ({}) may only read statements whose actor is their own agent",
                principal.name
            )));
        }
        let body = render(&shared, vec![st.body.clone()], format, languages)
            .await?
            .concat();
        let mut res = if with_attachments {
            multipart_response(&shared, body).await?
        } else {
            json_response(body)
        };
        set_header(&mut res, "last-modified", &store::http_date(st.stored_ns));
        set_header(
            &mut res,
            CONSISTENT_THROUGH_HEADER,
            &store::format_timestamp(through),
        );
        return Ok(res);
    }

    let mut filter = query::statement_filter(&params)?;
    if principal.scope == Scope::Learner {
        if filter.agent.is_some() && filter.agent != principal.agent_ifi {
            return Err(ApiError::forbidden(format!(
                "learner credentials ({}) may only query statements about their own agent",
                principal.name
            )));
        }
        filter.actor_restrict = principal.agent_ifi.clone();
    }
    let store_shared = shared.clone();
    let (through, (page, cursor)) = blocking(move || {
        let through = store_shared.store.consistent_through()?;
        store_shared.store.query(&filter).map(|r| (through, r))
    })
    .await?;
    let bodies = render(
        &shared,
        page.into_iter().map(|s| s.body).collect(),
        format,
        languages,
    )
    .await?;
    let mut out = String::with_capacity(bodies.iter().map(|b| b.len() + 1).sum::<usize>() + 64);
    out.push_str("{\"statements\":[");
    out.push_str(&bodies.join(","));
    let more = cursor
        .map(|c| params.more_link(uri.path(), c))
        .unwrap_or_default();
    out.push_str("],\"more\":");
    out.push_str(&Value::String(more).to_string());
    out.push('}');
    let mut res = if with_attachments {
        multipart_response(&shared, out).await?
    } else {
        json_response(out)
    };
    set_header(
        &mut res,
        CONSISTENT_THROUGH_HEADER,
        &store::format_timestamp(through),
    );
    Ok(res)
}
