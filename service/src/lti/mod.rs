//! The service as an LTI 1.3 Advantage tool: OIDC third-party login
//! initiation, then the launch, whose id_token is checked (RS256 signature
//! against the platform's JWKS, iss, aud, azp, nonce used once, exp/iat with a
//! small leeway, deployment id, message type, LTI version).
//!
//! - A resource-link launch serves the widget with the learner, the course
//!   context, the LMS roles and an LRS key of its own for this launch, so its
//!   statements reach the service's LRS; when the platform offers a line item,
//!   the learner's commitment becomes a grade there (`grades`).
//! - A Deep Linking launch lets an instructor pick the program to add
//!   (`deep_link`); the answer is signed with the tool's own key (`keys`,
//!   published at `/lti/jwks`).
//! - `/lti/roster` gives an instructor's widget the course roster (NRPS).
//!
//! Platforms are registered in `lti-platforms.json` in the data folder.

mod deep_link;
mod grades;
mod keys;
mod launch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use throughline::i18n::{Messages, SERVICE};

use crate::http::{escape, Lang};

pub(crate) use deep_link::programs_parsed;
pub(crate) use grades::{completion_score, secret_matches as launch_secret_matches, COMPLETION};
pub use keys::{ToolKeys, KEYS_FILE};
pub use launch::{validate, Launch, LtiError, Message};

/// Name of the registrations file in the data folder.
pub const PLATFORMS_FILE: &str = "lti-platforms.json";
/// How long a login may take before its state expires.
const LOGIN_TTL_NS: i64 = 600 * 1_000_000_000;

/// One LMS registered with the tool.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Platform {
    /// The platform's issuer (`iss`), e.g. `https://canvas.instructure.com`.
    pub issuer: String,
    /// The client id the platform gave this tool.
    pub client_id: String,
    /// Deployment ids accepted from this platform.
    pub deployment_ids: Vec<String>,
    /// The platform's OIDC authorization endpoint.
    pub auth_login_url: String,
    /// The platform's JWKS URL (fetched on each launch, so key rotation just works).
    #[serde(default)]
    pub jwks_url: Option<String>,
    /// Or the platform's keys inline.
    #[serde(default)]
    pub jwks: Option<jsonwebtoken::jwk::JwkSet>,
    /// The platform's OAuth 2 token endpoint, for grades and rosters (LTI Advantage services).
    #[serde(default)]
    pub auth_token_url: Option<String>,
    /// Also keep a grade line of adoption progress (the share of a learner's committed
    /// behaviours adopted, 0 to 100) beside completion; off unless the admin turns it on.
    #[serde(default)]
    pub adoption_grade: bool,
}

#[derive(Debug, Default, Deserialize)]
struct PlatformsFile {
    #[serde(default)]
    platforms: Vec<Platform>,
}

struct Inner {
    platforms: Vec<Platform>,
    program_url: String,
    /// Logins in progress, nonces seen, launches and grades owed live in the service's
    /// database, so a restart or a second process behind the same address sees them too.
    lrs: crate::lrs::Lrs,
    /// The tool's own keys (Deep Linking answers, service tokens); none in tool-only tests.
    keys: Option<ToolKeys>,
    /// The programs folder, for the Deep Linking picker.
    programs: Option<PathBuf>,
    /// Service tokens from platforms, until they expire (a cache: losing it costs a request).
    tokens: grades::Tokens,
}

/// The LTI tool; cheap to clone.
#[derive(Clone)]
pub struct Lti(Arc<Inner>);

impl Lti {
    /// Reads the registrations (none when the file is missing). `program_url` is the program the
    /// launch page embeds; `lrs` holds the logins in progress and the nonces seen.
    pub fn load(data: &Path, program_url: &str, lrs: crate::lrs::Lrs) -> Result<Lti, String> {
        let path = data.join(PLATFORMS_FILE);
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str::<PlatformsFile>(&text)
                .map_err(|e| format!("{} is not valid: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => PlatformsFile::default(),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let keys = ToolKeys::load_or_create(data)?;
        Ok(Lti::with(
            file.platforms,
            program_url,
            lrs,
            Some(keys),
            Some(data.join("programs")),
        ))
    }

    /// A tool for these platforms, without keys of its own (no Deep Linking, grades or roster).
    pub fn new(platforms: Vec<Platform>, program_url: &str, lrs: crate::lrs::Lrs) -> Lti {
        Lti::with(platforms, program_url, lrs, None, None)
    }

    /// A tool for these platforms with its keys and programs folder.
    pub fn with(
        platforms: Vec<Platform>,
        program_url: &str,
        lrs: crate::lrs::Lrs,
        keys: Option<ToolKeys>,
        programs: Option<PathBuf>,
    ) -> Lti {
        Lti(Arc::new(Inner {
            platforms,
            program_url: program_url.to_string(),
            lrs,
            keys,
            programs,
            tokens: Default::default(),
        }))
    }

    /// Sends the grades owed to platforms, retrying with backoff, for as long as the runtime
    /// runs; every service process may run one (each grade is leased to one sender).
    pub fn spawn_grade_sender(&self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(grades::run(self.clone()))
    }

    /// How the grade queue stands, for the status page.
    pub async fn grade_summary(&self) -> Option<crate::lrs::store::GradeSummary> {
        let lrs = self.0.lrs.clone();
        crate::lrs::blocking(move || lrs.store().lti_grade_summary())
            .await
            .ok()
    }

    fn platform(&self, issuer: &str, client_id: &str) -> Option<&Platform> {
        self.0
            .platforms
            .iter()
            .find(|p| p.issuer == issuer && p.client_id == client_id)
    }

    /// How many platforms are registered (printed at start).
    pub fn platform_count(&self) -> usize {
        self.0.platforms.len()
    }

    /// `/lti/login` (GET or POST) and `/lti/launch` (POST).
    pub fn router(&self) -> Router {
        Router::new()
            .route("/lti/login", get(login_get).post(login_post))
            .route("/lti/launch", axum::routing::post(launch_post))
            .route("/lti/jwks", get(jwks))
            .route("/lti/deep-link", axum::routing::post(deep_link::choose))
            .route("/lti/roster", get(grades::roster))
            .route("/lti/roster/team", axum::routing::post(grades::roster_team))
            .with_state(self.clone())
    }
}

/// OIDC third-party login initiation parameters.
#[derive(Debug, Deserialize)]
struct LoginParams {
    iss: Option<String>,
    login_hint: Option<String>,
    target_link_uri: Option<String>,
    lti_message_hint: Option<String>,
    client_id: Option<String>,
    lti_deployment_id: Option<String>,
}

/// The page a refused launch shows: what went wrong and what the learner can do, in the
/// browser's language (the platform's locale is not known before the id_token is checked).
fn refuse(w: &Messages, status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/throughline.css\"></head><body><main><h1>{heading}</h1><p role=\"alert\">{message}</p><p>{help}</p></main></body></html>",
        lang = w.lang(),
        title = escape(&w.get("launch-refused-title")),
        heading = escape(&w.get("launch-refused-heading")),
        message = escape(message),
        help = escape(&w.get("launch-refused-help")),
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
}

fn now_ns() -> i64 {
    i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

fn random() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

async fn login_get(
    State(lti): State<Lti>,
    Lang(w): Lang,
    Query(p): Query<LoginParams>,
) -> Response {
    login(lti, w, p).await
}

async fn login_post(State(lti): State<Lti>, Lang(w): Lang, Form(p): Form<LoginParams>) -> Response {
    login(lti, w, p).await
}

async fn login(lti: Lti, w: Messages, p: LoginParams) -> Response {
    let (Some(iss), Some(login_hint), Some(target)) = (p.iss, p.login_hint, p.target_link_uri)
    else {
        return refuse(
            &w,
            StatusCode::BAD_REQUEST,
            &w.get("launch-login-incomplete"),
        );
    };
    let platform =
        lti.0.platforms.iter().find(|pl| {
            pl.issuer == iss && p.client_id.as_deref().is_none_or(|c| c == pl.client_id)
        });
    let Some(platform) = platform else {
        return refuse(
            &w,
            StatusCode::BAD_REQUEST,
            &w.get("launch-platform-unknown"),
        );
    };
    if let Some(d) = &p.lti_deployment_id {
        if !platform.deployment_ids.contains(d) {
            return refuse(
                &w,
                StatusCode::BAD_REQUEST,
                &w.get("launch-deployment-unknown"),
            );
        }
    }
    let (state, nonce) = (random(), random());
    let login = crate::lrs::store::LtiLogin {
        nonce: nonce.clone(),
        issuer: platform.issuer.clone(),
        client_id: platform.client_id.clone(),
    };
    let lrs = lti.0.lrs.clone();
    let begin = {
        let state = state.clone();
        crate::lrs::blocking(move || {
            lrs.store()
                .lti_begin(&state, &login, now_ns(), LOGIN_TTL_NS)
        })
    };
    if begin.await.is_err() {
        return refuse(
            &w,
            StatusCode::INTERNAL_SERVER_ERROR,
            &w.get("launch-login-not-recorded"),
        );
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs([
        ("scope", "openid"),
        ("response_type", "id_token"),
        ("response_mode", "form_post"),
        ("prompt", "none"),
        ("client_id", platform.client_id.as_str()),
        ("redirect_uri", target.as_str()),
        ("login_hint", login_hint.as_str()),
        ("state", state.as_str()),
        ("nonce", nonce.as_str()),
    ]);
    if let Some(hint) = &p.lti_message_hint {
        query.append_pair("lti_message_hint", hint);
    }
    let sep = if platform.auth_login_url.contains('?') {
        '&'
    } else {
        '?'
    };
    Redirect::to(&format!(
        "{}{sep}{}",
        platform.auth_login_url,
        query.finish()
    ))
    .into_response()
}

#[derive(Debug, Deserialize)]
struct LaunchForm {
    id_token: Option<String>,
    state: Option<String>,
}

async fn keys_for(platform: &Platform) -> Result<jsonwebtoken::jwk::JwkSet, LtiError> {
    if let Some(set) = &platform.jwks {
        return Ok(set.clone());
    }
    let url = platform
        .jwks_url
        .clone()
        .ok_or(LtiError::Keys("the platform has no keys configured".into()))?;
    tokio::task::spawn_blocking(move || {
        let mut response = grades::http().get(&url).call().map_err(|e| {
            LtiError::Keys(format!("the platform's keys could not be fetched ({e})"))
        })?;
        response
            .body_mut()
            .with_config()
            .limit(grades::MAX_PLATFORM_ANSWER)
            .read_json::<jsonwebtoken::jwk::JwkSet>()
            .map_err(|_| LtiError::Keys("the platform's keys are not a JWKS".into()))
    })
    .await
    .map_err(|_| LtiError::Keys("the platform's keys could not be fetched".into()))?
}

/// `/lti/jwks`: the tool's public keys (during a rotation, the new one and the one before).
async fn jwks(State(lti): State<Lti>) -> Response {
    match &lti.0.keys {
        Some(keys) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            keys.jwks().to_string(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "This tool has no keys.").into_response(),
    }
}

async fn launch_post(
    State(lti): State<Lti>,
    origin: crate::http::Origin,
    Lang(w): Lang,
    Form(f): Form<LaunchForm>,
) -> Response {
    let (Some(token), Some(state)) = (f.id_token, f.state) else {
        return refuse(&w, StatusCode::BAD_REQUEST, &w.get("launch-incomplete"));
    };
    let lrs = lti.0.lrs.clone();
    let pending =
        crate::lrs::blocking(move || lrs.store().lti_take(&state, now_ns(), LOGIN_TTL_NS))
            .await
            .ok()
            .flatten();
    let Some(pending) = pending else {
        return refuse(&w, StatusCode::UNAUTHORIZED, &w.get("launch-no-login"));
    };
    let Some(platform) = lti
        .0
        .platforms
        .iter()
        .find(|p| p.issuer == pending.issuer && p.client_id == pending.client_id)
    else {
        return refuse(
            &w,
            StatusCode::UNAUTHORIZED,
            &w.get("launch-platform-unknown"),
        );
    };
    let keys = match keys_for(platform).await {
        Ok(k) => k,
        Err(e) => {
            return refuse(
                &w,
                StatusCode::BAD_GATEWAY,
                &w.with("launch-invalid", &[("reason", e.to_string().into())]),
            )
        }
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let launch = match validate(&token, platform, &keys, &pending.nonce, now) {
        Ok(l) => l,
        Err(e) => {
            return refuse(
                &w,
                StatusCode::UNAUTHORIZED,
                &w.with("launch-invalid", &[("reason", e.to_string().into())]),
            )
        }
    };
    let (lrs, nonce) = (lti.0.lrs.clone(), launch.nonce.clone());
    let fresh = crate::lrs::blocking(move || lrs.store().lti_first_use(&nonce, now_ns()))
        .await
        .unwrap_or(false);
    if !fresh {
        return refuse(&w, StatusCode::UNAUTHORIZED, &w.get("launch-replayed"));
    }
    // From here on, the platform's locale for the launch wins over the browser's.
    let w = match launch.locale.as_deref() {
        Some(locale) => SERVICE.negotiate([locale, w.lang()]),
        None => w,
    };
    if let Message::DeepLinking { return_url, data } = &launch.message {
        return deep_link::picker(&lti, &w, platform, &launch, return_url, data.as_deref());
    }
    let program = launch
        .custom_program
        .clone()
        .filter(|p| deep_link::program_url_is_local(p))
        .unwrap_or_else(|| lti.0.program_url.clone());
    let lrs = match grades::launch_key(&lti, platform, &launch, &program).await {
        Ok((key, secret, actor)) => serde_json::json!({
            "endpoint": format!("{}/xapi/", origin.0), "key": key, "secret": secret, "actor": actor,
        }),
        Err(e) => {
            eprintln!(
                "LTI launch from {}: no LRS key could be made: {}",
                platform.issuer, e.message
            );
            return refuse(
                &w,
                StatusCode::INTERNAL_SERVER_ERROR,
                &w.get("launch-not-recorded"),
            );
        }
    };
    let options = serde_json::json!({
        "program": program,
        "learner": { "id": launch.subject, "name": launch.name },
        "lti": {
            "roles": launch.roles,
            "contextId": launch.context_id,
            "contextTitle": launch.context_title,
            "locale": launch.locale,
            "roster": launch.roster_url.is_some() && grades::may_see_roster(&launch.roles),
        },
        "lrs": lrs,
    });
    let json = options.to_string().replace('<', "\\u003c");
    let title = launch
        .context_title
        .clone()
        .unwrap_or_else(|| w.get("launch-title"));
    let page = format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><link rel="stylesheet" href="/pkg/throughline.css">{hints}</head><body><main><h1>{title}</h1><div id="throughline"></div></main><script type="application/json" id="throughline-options">{json}</script><script type="module">import init, {{ mount }} from '/pkg/throughline.js'; await init(); const options = JSON.parse(document.getElementById('throughline-options').textContent); options.courseUrl = location.origin + location.pathname; await mount(document.getElementById('throughline'), options);</script></body></html>"#,
        lang = w.lang(),
        title = escape(&title),
        hints = throughline::package::preload_hints("/pkg/", Some(program.as_str())),
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
}
