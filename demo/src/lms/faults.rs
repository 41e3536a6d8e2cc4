//! Test hooks (only with `--test-hooks`): make the LRS fail on purpose so
//! end-to-end tests can watch the widget's outbox retry.
//!
//! `POST /_test/faults` with `{"fail_statements": N, "status": 500}` makes
//! the next N requests to `/xapi/statements` (any method except CORS
//! preflights) answer that status without reaching the LRS, with `body` as
//! the answer's text when given (a player's refusal, say); `GET
//! /_test/faults` tells how many are left. `GET /_test/cmi5/refusals` lists
//! what the cmi5 player refused, so a test can tell a refused duplicate from
//! one never sent.

use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::json;

use throughline_service::lrs::VERSION_HEADER;

#[derive(Debug, Clone)]
struct Plan {
    remaining: u32,
    status: StatusCode,
    body: Option<String>,
}

/// The pending faults, shared by the routes and the middleware.
#[derive(Clone)]
pub(crate) struct Faults(Arc<Mutex<Plan>>);

impl Default for Faults {
    fn default() -> Faults {
        Faults(Arc::new(Mutex::new(Plan {
            remaining: 0,
            status: StatusCode::INTERNAL_SERVER_ERROR,
            body: None,
        })))
    }
}

impl Faults {
    fn plan(&self) -> std::sync::MutexGuard<'_, Plan> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRequest {
    fail_statements: u32,
    #[serde(default = "default_status")]
    status: u16,
    #[serde(default)]
    body: Option<String>,
}

fn default_status() -> u16 {
    500
}

fn report(plan: &Plan) -> Json<serde_json::Value> {
    Json(json!({"fail_statements": plan.remaining, "status": plan.status.as_u16()}))
}

/// `/_test/faults`.
pub(crate) fn routes<S: Clone + Send + Sync + 'static>(faults: Faults) -> Router<S> {
    Router::new()
        .route(
            "/_test/faults",
            get(|State(f): State<Faults>| async move { report(&f.plan()) }).post(
                |State(f): State<Faults>, body: axum::body::Bytes| async move {
                    let asked: FaultRequest = match serde_json::from_slice(&body) {
                        Ok(r) => r,
                        Err(e) => {
                            return (
                                StatusCode::BAD_REQUEST,
                                format!(
                                    "expected {{\"fail_statements\": N, \"status\": 500}}: {e}"
                                ),
                            )
                                .into_response()
                        }
                    };
                    let status = match StatusCode::from_u16(asked.status) {
                        Ok(s) if s.is_client_error() || s.is_server_error() => s,
                        _ => {
                            return (
                                StatusCode::BAD_REQUEST,
                                "status must be an HTTP error status (400-599)",
                            )
                                .into_response()
                        }
                    };
                    let mut plan = f.plan();
                    *plan = Plan {
                        remaining: asked.fail_statements,
                        status,
                        body: asked.body,
                    };
                    report(&plan).into_response()
                },
            ),
        )
        .with_state(faults)
}

/// Middleware on `/xapi`: answers the planned status instead of the LRS.
pub(crate) async fn inject(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    if req.method() != Method::OPTIONS && req.uri().path().ends_with("/statements") {
        let fault = {
            let mut plan = faults.plan();
            if plan.remaining > 0 {
                plan.remaining -= 1;
                Some((plan.status, plan.body.clone()))
            } else {
                None
            }
        };
        if let Some((status, body)) = fault {
            let body =
                body.unwrap_or_else(|| format!("fault injected by /_test/faults ({status})"));
            return (status, [(VERSION_HEADER, "1.0.3")], body).into_response();
        }
    }
    next.run(req).await
}
