//! cmi5 launch: the LMS side of "launching an AU", as strict as ADL's player.
//! A launch writes the `LMS.LaunchData` State document into the LRS, mints a
//! session with a one-time fetch URL for its auth token, and redirects to the
//! player page with the cmi5 launch parameters. The AU talks to the LRS through
//! this player's endpoint (`/cmi5/xapi/`), which checks every request against
//! the session (`rules`) and forwards what passes to the LRS with the learner's
//! own key, answering a broken rule with 403 and the rule's id as players do.
//!
//! One registration per learner and course, kept while the demo runs, so a
//! relaunch continues it; a new launch abandons the learner's unfinished session.

mod rules;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Method, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Json, Response};
use axum::Router;
use base64::Engine;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

use super::launch::{learner_launch, no_key, LearnerLaunch};
use super::pages::Refused;
use super::{found, with_query, AppState, Origin};
use throughline_service::lrs::store::{DocKey, DocKind, DocWrite};
use throughline_service::lrs::validate;

/// cmi5's session id context extension.
pub const SESSION_ID_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
/// State id of the launch data.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";
/// Agent Profile id of the learner preferences.
const LEARNER_PREFERENCES: &str = "cmi5LearnerPreferences";

/// One launch of an AU.
#[derive(Debug, Clone)]
struct Session {
    registration: String,
    actor: Value,
    au: String,
    template: Map<String, Value>,
    launch_mode: &'static str,
    /// The learner's own LRS credential, which this player forwards with.
    learner_auth: String,
    /// Learner, course: the registration's key.
    owner: (String, String),
    fetched: bool,
    preferences_read: bool,
    initialized: bool,
    terminated: bool,
    abandoned: bool,
}

/// The player's memory: sessions by auth token, fetch URLs, registrations.
pub(crate) struct Player {
    sessions: Mutex<HashMap<String, Session>>,
    /// Fetch id to the session's auth token, `None` once fetched.
    fetch: Mutex<HashMap<String, Option<String>>>,
    /// (learner, course) to (registration, completed).
    registrations: Mutex<HashMap<(String, String), (String, bool)>>,
    /// The LRS the player forwards to.
    lrs: Router,
    /// Every refusal, as answered, for tests (`/_test/cmi5/refusals`).
    refusals: Mutex<Vec<String>>,
}

impl Player {
    pub(crate) fn new(lrs: Router) -> Arc<Player> {
        Arc::new(Player {
            sessions: Mutex::default(),
            fetch: Mutex::default(),
            registrations: Mutex::default(),
            lrs,
            refusals: Mutex::default(),
        })
    }

    fn refuse(&self, request: String, message: String) -> Response {
        lock(&self.refusals).push(format!("{request}: {message}"));
        forbidden(message)
    }
}

/// `GET /_test/cmi5/refusals` (test hooks only): what the player refused so far.
pub async fn refusals(State(state): State<AppState>) -> Json<Value> {
    Json(json!(lock(&state.player.refusals).clone()))
}

/// A poisoned lock only means a handler panicked mid-update; the maps stay usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

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
    let owner = (person.id.to_string(), course.slug.to_string());
    let registration = lock(&state.player.registrations)
        .entry(owner.clone())
        .or_insert_with(|| (uuid::Uuid::new_v4().to_string(), false))
        .0
        .clone();
    let session = uuid::Uuid::new_v4().to_string();
    let au = format!("{}/au/{}", origin.0, course.slug);
    let template = json!({
            "extensions": { SESSION_ID_EXTENSION: session },
            "contextActivities": {
                "grouping": [{
                    "objectType": "Activity",
                    "id": format!("{}/course/{}", origin.0, course.slug),
                }],
            },
    });
    let launch_data = json!({
        "contextTemplate": template,
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
    // The session's own token: the AU never sees the learner's LRS key.
    let auth_token = base64::engine::general_purpose::STANDARD
        .encode(format!("cmi5:{}", uuid::Uuid::new_v4().simple()));
    {
        let mut sessions = lock(&state.player.sessions);
        for s in sessions.values_mut() {
            if s.owner == owner && !s.terminated {
                s.abandoned = true;
            }
        }
        sessions.insert(
            format!("Basic {auth_token}"),
            Session {
                registration: registration.clone(),
                actor: actor.clone(),
                au: au.clone(),
                template: template.as_object().cloned().unwrap_or_default(),
                launch_mode: "Normal",
                learner_auth: format!("Basic {token}"),
                owner,
                fetched: false,
                preferences_read: false,
                initialized: false,
                terminated: false,
                abandoned: false,
            },
        );
    }
    let token_id = uuid::Uuid::new_v4().simple().to_string();
    lock(&state.player.fetch).insert(token_id.clone(), Some(auth_token));
    let target = with_query(
        &format!("/play/{}", course.slug),
        &[
            ("endpoint", &format!("{}/cmi5/xapi/", origin.0)),
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
    let mut tokens = lock(&state.player.fetch);
    match tokens.get_mut(&token_id) {
        Some(slot) => match slot.take() {
            Some(token) => {
                if let Some(s) = lock(&state.player.sessions).get_mut(&format!("Basic {token}")) {
                    s.fetched = true;
                }
                Json(json!({ "auth-token": token }))
            }
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

/// A 403 in the form ADL's player answers, which AUs read the rule id from.
fn forbidden(message: String) -> Response {
    (
        StatusCode::FORBIDDEN,
        Json(json!({ "statusCode": 403, "error": "Forbidden", "message": message })),
    )
        .into_response()
}

/// What a checked request changes in its session once the LRS has stored it.
enum After {
    Nothing,
    PreferencesRead,
    Recorded(Vec<&'static str>),
}

/// `/cmi5/xapi/{*resource}`: the player's LRS endpoint for AUs in a session.
pub async fn lrs(
    State(state): State<AppState>,
    Path(resource): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let query: HashMap<String, String> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    // Checked under the lock, forwarded without it.
    let (learner_auth, after) = {
        let sessions = lock(&state.player.sessions);
        let Some(session) = sessions.get(&auth) else {
            return (
                StatusCode::UNAUTHORIZED,
                "This is not the token of a session this player launched.",
            )
                .into_response();
        };
        let ended = if !session.fetched {
            Some("Token not yet fetched")
        } else if session.terminated {
            Some("Session terminated")
        } else if session.abandoned {
            Some("Session abandoned")
        } else {
            None
        };
        if let Some(why) = ended {
            return state.player.refuse(format!("{method} {resource}"), format!("8.1.2.0-2 - The AU MUST use the auth token only in the session it was fetched for ({why})"));
        }
        let after = match (resource.as_str(), &method) {
            ("statements", &Method::POST | &Method::PUT) => {
                let statements = match serde_json::from_slice::<Value>(&body) {
                    Ok(Value::Array(a)) => a,
                    Ok(one @ Value::Object(_)) => vec![one],
                    _ => {
                        return (
                            StatusCode::BAD_REQUEST,
                            "The body is not a statement or an array of statements.",
                        )
                            .into_response()
                    }
                };
                let completed = lock(&state.player.registrations)
                    .get(&session.owner)
                    .is_some_and(|r| r.1);
                let facts = rules::Facts {
                    actor: &session.actor,
                    registration: &session.registration,
                    au: &session.au,
                    template: &session.template,
                    launch_mode: session.launch_mode,
                    preferences_read: session.preferences_read,
                    initialized: session.initialized,
                    terminated: session.terminated,
                    completed,
                };
                match rules::check(&facts, &statements) {
                    Ok(recorded) => After::Recorded(recorded),
                    Err(v) => {
                        return state
                            .player
                            .refuse(format!("{method} {resource}"), v.to_string())
                    }
                }
            }
            ("activities/state", m)
                if m != Method::GET
                    && query.get("stateId").map(String::as_str) == Some(LAUNCH_DATA) =>
            {
                return state.player.refuse(
                    format!("{method} {resource}"),
                    rules::launch_data_write(m.as_str()).to_string(),
                );
            }
            ("agents/profile", m)
                if query.get("profileId").map(String::as_str) == Some(LEARNER_PREFERENCES) =>
            {
                if m != Method::GET {
                    return state.player.refuse(
                        format!("{method} {resource}"),
                        "The learner preferences are the LMS's: an AU may only read them".into(),
                    );
                }
                After::PreferencesRead
            }
            _ => After::Nothing,
        };
        (session.learner_auth.clone(), after)
    };
    let mut forward = Request::builder().method(method).uri(match uri.query() {
        Some(q) => format!("/{resource}?{q}"),
        None => format!("/{resource}"),
    });
    for (name, value) in &headers {
        if name != header::AUTHORIZATION {
            forward = forward.header(name, value);
        }
    }
    let Ok(request) = forward
        .header(header::AUTHORIZATION, learner_auth)
        .body(Body::from(body))
    else {
        return (
            StatusCode::BAD_REQUEST,
            "The request could not be forwarded.",
        )
            .into_response();
    };
    let response = match state.player.lrs.clone().oneshot(request).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    if let Some(session) = lock(&state.player.sessions).get_mut(&auth) {
        match after {
            After::PreferencesRead if status == 200 || status == 404 => {
                session.preferences_read = true
            }
            After::Recorded(verbs) if status == 200 || status == 204 => {
                for verb in verbs {
                    match verb.rsplit('/').next() {
                        Some("initialized") => session.initialized = true,
                        Some("terminated") => session.terminated = true,
                        Some("completed") => {
                            if let Some(r) =
                                lock(&state.player.registrations).get_mut(&session.owner)
                            {
                                r.1 = true;
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    response
}
