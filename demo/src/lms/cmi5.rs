//! cmi5 launch: the LMS side of "launching an AU". It writes the
//! `LMS.LaunchData` State document into the LRS, mints a one-time fetch
//! URL for the auth token, and redirects to the player with the cmi5
//! launch parameters.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{Json, Response};
use serde_json::{json, Value};

use super::launch::{learner_launch, no_key, LearnerLaunch};
use super::pages::Refused;
use super::{found, with_query, AppState, Origin};
use crate::lrs::store::{DocKey, DocKind, DocWrite};
use crate::lrs::validate;

/// cmi5's session id context extension.
pub const SESSION_ID_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
/// State id of the launch data.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";

/// `GET /launch/cmi5/{slug}?as=`.
pub async fn launch(
    State(state): State<AppState>,
    origin: Origin,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let LearnerLaunch {
        course,
        person,
        actor,
        token,
    } = learner_launch(&state, &slug, &query)?;
    let Some(agent_ifi) = validate::ifi_key(&actor) else {
        return Err(no_key(&person));
    };
    let registration = uuid::Uuid::new_v4().to_string();
    let session = uuid::Uuid::new_v4().to_string();
    let au = format!("{}/au/{}", origin.0, course.slug);
    let launch_data = json!({
        "contextTemplate": {
            "extensions": { SESSION_ID_EXTENSION: session },
            "contextActivities": {
                "grouping": [{
                    "objectType": "Activity",
                    "id": format!("{}/course/{}", origin.0, course.slug),
                }],
            },
        },
        "launchMode": "Normal",
        "moveOn": "Completed",
        "returnURL": format!("{}/?as={}", origin.0, person.id),
    });
    let key = DocKey {
        kind: DocKind::State,
        activity_id: au.clone(),
        agent_ifi,
        registration: registration.clone(),
        doc_id: LAUNCH_DATA.into(),
    };
    let lrs = state.lrs.clone();
    let body = launch_data.to_string().into_bytes();
    let written = tokio::task::spawn_blocking(move || {
        lrs.store().modify_document(&key, |_| {
            Ok(DocWrite::Put {
                content_type: "application/json".into(),
                body,
            })
        })
    })
    .await;
    if !matches!(written, Ok(Ok(()))) {
        return Err(Refused::internal(
            "The launch data could not be written to the LRS.",
        ));
    }
    let token_id = uuid::Uuid::new_v4().simple().to_string();
    state
        .fetch_tokens
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(token_id.clone(), Some(token));
    let target = with_query(
        &format!("/play/{}", course.slug),
        &[
            ("endpoint", &format!("{}/xapi/", origin.0)),
            ("fetch", &format!("{}/cmi5/fetch/{token_id}", origin.0)),
            ("actor", &actor.to_string()),
            ("registration", &registration),
            ("activityId", &au),
        ],
    );
    Ok(found(&target))
}

/// `POST /cmi5/fetch/{token}`: the auth token once, then cmi5 error 1;
/// error 3 for ids this LMS never handed out (HTTP 200 either way, as cmi5 asks).
pub async fn fetch(State(state): State<AppState>, Path(token_id): Path<String>) -> Json<Value> {
    let mut tokens = state.fetch_tokens.lock().unwrap_or_else(|e| e.into_inner());
    match tokens.get_mut(&token_id) {
        Some(slot) => match slot.take() {
            Some(token) => Json(json!({ "auth-token": token })),
            None => Json(json!({
                "error-code": "1",
                "error-text": "already used: this launch's token was fetched before; launch the course again",
            })),
        },
        None => Json(json!({
            "error-code": "3",
            "error-text": "unknown fetch URL: this LMS did not launch it (or was restarted since)",
        })),
    }
}
