//! The nudges' HTTP side: one-click unsubscribe (`/nudges/unsubscribe/{token}`,
//! RFC 8058), the host's address API (`PUT /nudges/recipients`, admin key),
//! and each learner's calendar feed (`/calendar/feeds` to start or stop it
//! with their LRS key, `/calendar/{token}.ics` for their calendar app).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use throughline::enrolment::{Programs, PLAN_STATE, PROGRAMS_PROFILE};
use tower_http::cors::{Any, CorsLayer};

use crate::http::{escape, page, Lang, Origin};
use crate::lrs::store::{self, now_ns, DocKey, DocKind};
use crate::lrs::{blocking, validate, ApiError, Lrs, Scope};
use throughline::i18n::Messages;

/// What the routes share.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub lrs: Lrs,
    pub programs: std::path::PathBuf,
}

/// The routes, ready to merge into the service's router.
pub(crate) fn router(ctx: Ctx) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::POST, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]);
    Router::new()
        .route(
            "/nudges/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
        .route("/nudges/recipients", put(recipients))
        .route(
            "/calendar/feeds",
            post(feed_start).delete(feed_stop).layer(cors),
        )
        .route("/calendar/{file}", get(feed))
        .with_state(ctx)
}

fn plain_token(token: &str) -> bool {
    (16..=128).contains(&token.len()) && token.chars().all(|c| c.is_ascii_alphanumeric())
}

fn not_valid(words: &Messages) -> Response {
    page(
        words,
        StatusCode::NOT_FOUND,
        &words.get("link-not-valid-title"),
        &format!("<p>{}</p>", escape(&words.get("link-not-valid"))),
    )
}

/// The page an unsubscribe link opens: a button, since mail scanners open links on their
/// own and must not unsubscribe anyone. In the learner's language (the link carries it).
async fn unsubscribe_page(Lang(words): Lang, Path(token): Path<String>) -> Response {
    if !plain_token(&token) {
        return not_valid(&words);
    }
    page(
        &words,
        StatusCode::OK,
        &words.get("unsubscribe-title"),
        &format!(
            r#"<p>{explain}</p><form method="post" action="/nudges/unsubscribe/{token}?lang={lang}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">{button}</button></form>"#,
            explain = escape(&words.get("unsubscribe-explain")),
            token = escape(&token),
            lang = words.lang(),
            button = escape(&words.get("unsubscribe-button")),
        ),
    )
}

/// One-click unsubscribe (RFC 8058: a POST from the mail client, or the page's button);
/// honoured at once.
async fn unsubscribe(
    State(ctx): State<Ctx>,
    Lang(words): Lang,
    Path(token): Path<String>,
) -> Response {
    if !plain_token(&token) {
        return not_valid(&words);
    }
    let lrs = ctx.lrs.clone();
    match blocking(move || lrs.store().nudge_unsubscribe(&token, now_ns())).await {
        Ok(Some(_)) => page(
            &words,
            StatusCode::OK,
            &words.get("unsubscribed-title"),
            &format!("<p>{}</p>", escape(&words.get("unsubscribed"))),
        ),
        Ok(None) => not_valid(&words),
        Err(e) => page(
            &words,
            StatusCode::SERVICE_UNAVAILABLE,
            &words.get("try-again-title"),
            &format!(
                "<p>{}</p>",
                escape(&words.with("try-again", &[("reason", e.message.into())]))
            ),
        ),
    }
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn error(e: ApiError) -> Response {
    json_answer(e.status, json!({ "error": e.message }))
}

/// At most this many addresses in one `PUT /nudges/recipients`.
const MAX_RECIPIENTS: usize = 10_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Address {
    agent: Value,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    chat: Option<ChatHook>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChatHook {
    format: String,
    url: String,
}

/// The host (an LMS, an HR system) says where its learners are reached:
/// `[{"agent": {xAPI Agent}, "email": "ana@example.com"}, …]`, with the LRS admin key.
/// An entry may give a chat webhook instead of or beside the address,
/// `"chat": {"format": "slack" | "teams", "url": "https://…"}`; nudges then go there.
/// Each entry replaces what was recorded for the learner.
async fn recipients(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let principal = match ctx.lrs.principal(&headers).await {
        Ok(p) => p,
        Err(e) => return error(e),
    };
    if principal.scope != Scope::Admin {
        return error(ApiError::forbidden(
            "only the LRS admin key may set learners' addresses",
        ));
    }
    let list: Vec<Address> = match serde_json::from_slice(&body) {
        Ok(l) => l,
        Err(e) => {
            return error(ApiError::bad_request(format!(
                "the body must be a JSON list of {{\"agent\": …, \"email\": …, \"chat\": …}}: {e}"
            )))
        }
    };
    if list.len() > MAX_RECIPIENTS {
        return error(ApiError::bad_request(format!(
            "at most {MAX_RECIPIENTS} addresses at a time"
        )));
    }
    let mut checked = Vec::with_capacity(list.len());
    for (i, a) in list.into_iter().enumerate() {
        let Some(ifi) = validate::ifi_key(&a.agent) else {
            return error(ApiError::bad_request(format!(
                "entry {i}: agent has no identifier (mbox, openid or account)"
            )));
        };
        if let Some(email) = &a.email {
            if email.parse::<lettre::Address>().is_err() {
                return error(ApiError::bad_request(format!(
                    "entry {i}: “{email}” is not an email address"
                )));
            }
        }
        let chat = match a.chat {
            Some(c) if !super::chat::FORMATS.contains(&c.format.as_str()) => {
                return error(ApiError::bad_request(format!(
                    "entry {i}: chat format “{}” is not slack or teams",
                    c.format
                )))
            }
            Some(c) if !super::chat::webhook_ok(&c.url) => {
                return error(ApiError::bad_request(format!(
                    "entry {i}: the chat webhook must be an https:// URL (http:// only to this machine)"
                )))
            }
            Some(c) => Some(store::Chat { format: c.format, url: c.url }),
            None => None,
        };
        if a.email.is_none() && chat.is_none() {
            return error(ApiError::bad_request(format!(
                "entry {i}: give an email, a chat webhook, or both"
            )));
        }
        checked.push((ifi, a.email, chat));
    }
    let lrs = ctx.lrs.clone();
    let n = checked.len();
    match blocking(move || {
        let now = now_ns();
        for (ifi, email, chat) in &checked {
            lrs.store()
                .nudge_recipient_host(ifi, email.as_deref(), chat.as_ref(), now)?;
        }
        Ok(())
    })
    .await
    {
        Ok(()) => json_answer(StatusCode::OK, json!({ "recorded": n })),
        Err(e) => error(e),
    }
}

#[derive(Deserialize)]
struct FeedQuery {
    program: String,
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn learner(ctx: &Ctx, headers: &HeaderMap) -> Result<String, ApiError> {
    let principal = ctx.lrs.principal(headers).await?;
    principal.agent_ifi.clone().ok_or_else(|| {
        ApiError::forbidden("a calendar feed needs a learner's LRS key (one bound to an agent)")
    })
}

/// Starts the learner's feed for `?program=` and answers its URL; an earlier feed of theirs
/// for the program stops working.
async fn feed_start(
    State(ctx): State<Ctx>,
    origin: Origin,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Response {
    let ifi = match learner(&ctx, &headers).await {
        Ok(i) => i,
        Err(e) => return error(e),
    };
    if q.program.len() > 2000 || !q.program.contains(':') {
        return error(ApiError::bad_request(
            "parameter program must be the program's id (an IRI)",
        ));
    }
    let token =
        uuid::Uuid::new_v4().simple().to_string() + &uuid::Uuid::new_v4().simple().to_string();
    let hash = sha256_hex(&token);
    let lrs = ctx.lrs.clone();
    let program = q.program.clone();
    match blocking(move || {
        lrs.store()
            .calendar_feed_create(&ifi, &program, &hash, now_ns())
    })
    .await
    {
        Ok(()) => json_answer(
            StatusCode::CREATED,
            json!({ "url": format!("{}/calendar/{token}.ics", origin.0) }),
        ),
        Err(e) => error(e),
    }
}

/// Stops the learner's feed for `?program=`.
async fn feed_stop(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Response {
    let ifi = match learner(&ctx, &headers).await {
        Ok(i) => i,
        Err(e) => return error(e),
    };
    let lrs = ctx.lrs.clone();
    match blocking(move || lrs.store().calendar_feed_revoke(&ifi, &q.program, now_ns())).await {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(e),
    }
}

/// The feed a calendar app polls: the learner's schedule as it stands now, from their plan.
async fn feed(State(ctx): State<Ctx>, Path(file): Path<String>) -> Response {
    let not_found = || {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This calendar feed does not exist or was stopped. Get a new link on your course page.",
        )
            .into_response()
    };
    let Some(token) = file.strip_suffix(".ics").filter(|t| plain_token(t)) else {
        return not_found();
    };
    let hash = sha256_hex(token);
    let lrs = ctx.lrs.clone();
    let dir = ctx.programs.clone();
    let built = blocking(move || {
        let store = lrs.store();
        let Some((ifi, program_id)) = store.calendar_feed(&hash)? else {
            return Ok(None);
        };
        let Some(program) = crate::lti::programs_parsed(&dir)
            .into_iter()
            .map(|(_, p)| p)
            .find(|p| p.id == program_id)
        else {
            return Ok(None);
        };
        let doc = |kind, activity_id: &str, doc_id: &str| {
            store.document(&DocKey {
                kind,
                activity_id: activity_id.to_string(),
                agent_ifi: ifi.clone(),
                registration: String::new(),
                doc_id: doc_id.to_string(),
            })
        };
        let plan = doc(DocKind::State, &program.id, PLAN_STATE)?
            .and_then(|d| String::from_utf8(d.body).ok());
        let plan = throughline::plan::restore(&program, plan.as_deref()).plan;
        let course_url = doc(DocKind::AgentProfile, "", PROGRAMS_PROFILE)?
            .map(|d| Programs::read(&d.body))
            .and_then(|p| p.programs.into_iter().find(|e| e.id == program.id))
            .and_then(|e| e.course_url);
        let learner = sha256_hex(&ifi)[..16].to_string();
        let now = time::OffsetDateTime::now_utc();
        Ok(Some(throughline::calendar::ics(
            &program,
            &plan,
            &learner,
            course_url.as_deref(),
            now,
        )))
    })
    .await;
    match built {
        Ok(Some(text)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            text,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(e) => error(e),
    }
}
