//! The small read-only resources: About (so clients can discover which xAPI
//! versions to speak before authenticating), Activities (the definitions
//! learned from statements) and Agents (the Person behind an agent).

use axum::extract::{OriginalUri, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};

use super::auth::Principal;
use super::query::Params;
use super::validate;
use super::{blocking, ApiError, Shared};

/// The About extension that tells a dashboard this LRS is a Throughline service, and where
/// its figures are (`/insights`, relative to the xAPI endpoint): it then reads a snapshot
/// instead of every statement.
pub use throughline::insights::INSIGHTS_EXTENSION;

/// `GET /about`: the versions this LRS speaks. Needs no credentials and no
/// version header, as the spec asks.
pub async fn about() -> Response {
    Json(json!({"version": ["1.0.3", "2.0.0"], "extensions": {INSIGHTS_EXTENSION: "../insights"}}))
        .into_response()
}

/// `GET /activities?activityId=…`: the Activity with the definition
/// assembled from the statements stored so far (just the id if none).
pub async fn activities(
    State(shared): State<Shared>,
    Extension(principal): Extension<Principal>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, ApiError> {
    principal.require_admin("the Activities resource")?;
    let params = Params::parse(uri.query())?;
    params.only(&["activityId"])?;
    let id = params
        .iri("activityId")?
        .ok_or_else(|| ApiError::bad_request("parameter activityId is required"))?;
    let lookup = id.clone();
    let definition = blocking(move || shared.store.activity(&lookup)).await?;
    let mut activity = json!({"objectType": "Activity", "id": id});
    if let Some(def) = definition {
        activity["definition"] = def;
    }
    Ok(Json(activity).into_response())
}

/// `GET /agents?agent=…`: the Person object for an agent — its identifier
/// and the last name statements gave it. This LRS does not link several
/// identifiers to one person, so each list has at most one entry.
pub async fn agents(
    State(shared): State<Shared>,
    Extension(principal): Extension<Principal>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query())?;
    params.only(&["agent"])?;
    let (agent, ifi) = validate::agent_param(params.required("agent")?, "parameter agent")?;
    if agent.get("objectType").and_then(Value::as_str) == Some("Group") {
        return Err(ApiError::bad_request(
            "parameter agent must be an Agent, not a Group",
        ));
    }
    if !principal.may_act_for(&ifi) {
        return Err(ApiError::forbidden(format!(
            "learner credentials ({}) may only look up their own agent",
            principal.name
        )));
    }
    let known = blocking(move || shared.store.agent(&ifi)).await?;
    let mut person = Map::new();
    person.insert("objectType".into(), json!("Person"));
    let name = agent
        .get("name")
        .cloned()
        .or_else(|| known.as_ref().and_then(|k| k.get("name").cloned()));
    if let Some(name) = name {
        person.insert("name".into(), json!([name]));
    }
    for key in ["mbox", "mbox_sha1sum", "openid", "account"] {
        if let Some(v) = agent.get(key) {
            person.insert(key.into(), json!([v]));
        }
    }
    Ok(Json(Value::Object(person)).into_response())
}
