//! Connecting to the LRS for one visit: the cmi5 token and launch data, the
//! learner's registration, and the outbox every statement goes through.

use std::rc::Rc;

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::lrs::{query, Lrs};
use super::outbox::Outbox;
use crate::launch::lms::{Connection, Route};
use crate::xapi::cmi5::{self, LaunchData, LearnerPreferences};
use crate::xapi::{self, Agent, Statement};

/// A new random statement id from the browser's CSPRNG.
pub fn new_id() -> Uuid {
    let from_crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| Uuid::try_parse(&c.random_uuid()).ok());
    from_crypto.unwrap_or_else(|| {
        let mut bytes = [0u8; 16];
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    })
}

/// A cmi5 session in progress.
#[derive(Debug, Clone)]
pub struct Cmi5 {
    /// The AU's activity id.
    pub au: String,
    /// The LMS's launch data.
    pub data: LaunchData,
    /// The session id from the launch data's context template.
    pub session: String,
    /// The learner's preferences from the LMS (languages, audio), read at start as cmi5 asks.
    pub preferences: LearnerPreferences,
    /// When the session started (ms since the epoch), for durations.
    pub started_ms: f64,
}

/// The LRS side of a visit.
#[derive(Clone)]
pub struct Live {
    /// The LRS, with working credentials.
    pub lrs: Lrs,
    /// Where statements wait until acknowledged.
    pub outbox: Outbox,
    /// The learner as the LMS knows them.
    pub actor: Agent,
    /// The launch registration, or this browser's own for the learner and program.
    pub registration: Uuid,
    /// The course activity id, for statements' grouping.
    pub course: Option<String>,
    /// Set when launched by cmi5.
    pub cmi5: Option<Rc<Cmi5>>,
}

fn cmi5_session<'a>(c: &'a Cmi5, live: &'a Live) -> cmi5::Session<'a> {
    cmi5::Session {
        actor: &live.actor,
        au: &c.au,
        registration: live.registration,
        data: &c.data,
    }
}

impl Live {
    /// Validates and queues statements. A statement that breaks the spec's rules is a bug: it is
    /// reported on the console and not sent, so it cannot poison a batch. In a cmi5 session each
    /// statement is laid over the session's context template first.
    pub fn queue(&self, statements: Vec<Statement>) -> Result<(), String> {
        let mut ready = Vec::with_capacity(statements.len());
        for s in statements {
            if let Err(problems) = xapi::validate(&s) {
                super::console_error(&format!(
                    "a statement was not sent because it breaks xAPI rules: {}",
                    problems.join("; ")
                ));
                continue;
            }
            match serde_json::to_value(&s) {
                Ok(mut v) => {
                    if let Some(c) = &self.cmi5 {
                        cmi5::apply_template(&mut v, &c.data.context_template, self.registration);
                    }
                    ready.push((s.id.to_string(), v));
                }
                Err(e) => {
                    super::console_error(&format!("a statement could not be serialized: {e}"))
                }
            }
        }
        self.outbox.enqueue(ready)
    }

    /// Where this registration's `completed` is remembered: the id of the one queued, until a
    /// later session finds it was never sent and drops it (then it is sent again).
    fn completed_key(&self, c: &Cmi5) -> String {
        format!(
            "throughline:v1:cmi5-completed:{}:{}",
            self.registration, c.au
        )
    }

    /// cmi5: records completion once per registration, when the learner has committed (Normal
    /// launches only). Called on commit and at the start of every session with a committed plan.
    pub fn completed(&self) {
        let Some(c) = &self.cmi5 else { return };
        let key = self.completed_key(c);
        if !c.data.records_completion()
            || LocalStorage::raw().get_item(&key).ok().flatten().is_some()
        {
            return;
        }
        let s = cmi5::completed(
            &cmi5_session(c, self),
            new_id(),
            now(),
            js_sys::Date::now() - c.started_ms,
        );
        let id = s.id.to_string();
        if self.queue(vec![s]).is_ok() {
            let _ = LocalStorage::raw().set_item(&key, &id);
        }
    }

    /// cmi5, when the page goes without "Return to the course": `terminated`, unless a request
    /// is still under way, which could arrive after it and be refused (a player takes nothing
    /// after `terminated`). Then the session is left open and the LMS records it as abandoned.
    pub fn leave(&self) {
        if !self.lrs.busy() {
            self.terminate();
        }
    }

    /// cmi5: the session's last statement, once per session (the Return button and `pagehide`
    /// both call it).
    pub fn terminate(&self) {
        let Some(c) = &self.cmi5 else { return };
        let flag = format!("throughline:cmi5:terminated:{}", c.session);
        if SessionStorage::raw()
            .get_item(&flag)
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        let s = cmi5::terminated(
            &cmi5_session(c, self),
            new_id(),
            now(),
            js_sys::Date::now() - c.started_ms,
        );
        if self.queue(vec![s]).is_ok() {
            self.outbox.end_session();
            let _ = SessionStorage::raw().set_item(&flag, "1");
        }
    }
}

/// This moment, to the millisecond: statements carry when the learner acted.
pub fn now() -> time::OffsetDateTime {
    xapi::at_millis(js_sys::Date::now())
}

/// The cmi5 auth token: fetched once per launch and kept for this tab, so a reload still works.
async fn cmi5_token(fetch: &str) -> Result<String, String> {
    let key = format!("throughline:cmi5:token:{fetch}");
    if let Some(token) = SessionStorage::raw().get_item(&key).ok().flatten() {
        return Ok(token);
    }
    let response = gloo_net::http::Request::post(fetch)
        .send()
        .await
        .map_err(|_| super::say("problem-cmi5-no-answer", &[]))?;
    let body: serde_json::Value = response
        .json()
        .await
        .map_err(|_| super::say("problem-cmi5-unreadable", &[]))?;
    if let Some(token) = body.get("auth-token").and_then(|t| t.as_str()) {
        let _ = SessionStorage::raw().set_item(&key, token);
        return Ok(token.to_string());
    }
    let code = body
        .get("error-code")
        .and_then(|c| {
            c.as_str()
                .map(str::to_string)
                .or_else(|| Some(c.to_string()))
        })
        .unwrap_or_default();
    Err(match code.as_str() {
        "1" => super::say("problem-cmi5-used", &[]),
        _ => super::say("problem-cmi5-no-token", &[]),
    })
}

/// cmi5 11.0.0.0-3: the AU reads the learner preferences before it sends anything. Players
/// refuse every statement of a session that did not.
async fn learner_preferences(lrs: &Lrs, agent: &str) -> Result<LearnerPreferences, String> {
    let path = format!(
        "agents/profile?{}",
        query(&[("profileId", cmi5::LEARNER_PREFERENCES), ("agent", agent)])
    );
    let answer = lrs.get(&path).await;
    match answer.status {
        Some(200) => Ok(LearnerPreferences::parse(&answer.body)),
        None => Err(super::say("problem-lrs-unreachable-start", &[])),
        // None kept yet (404), or the LMS keeps them elsewhere: the widget's defaults apply.
        Some(_) => Ok(LearnerPreferences::default()),
    }
}

/// This browser's own registration for a learner and program, for launches that do not give one.
fn own_registration(program_id: &str, actor: &Agent) -> Uuid {
    let key = format!("throughline:v1:registration:{program_id}:{}", actor.key());
    if let Some(r) = LocalStorage::raw()
        .get_item(&key)
        .ok()
        .flatten()
        .and_then(|r| Uuid::try_parse(&r).ok())
    {
        return r;
    }
    let r = new_id();
    let _ = LocalStorage::raw().set_item(&key, &r.to_string());
    r
}

/// Connects for this visit. Only a cmi5 launch can fail here (token or launch data).
pub async fn connect(
    connection: Connection,
    program_id: &str,
    course_url: Option<&str>,
) -> Result<Live, String> {
    let mut lrs = Lrs::new(&connection);
    let tab = new_id().to_string();
    let mut cmi5 = None;
    if let Route::Cmi5 { fetch } = &connection.route {
        let token = cmi5_token(fetch).await?;
        lrs = lrs.with_auth(format!("Basic {token}"));
        let au = connection.activity_id.clone().unwrap_or_default();
        let registration = connection
            .registration
            .map(|r| r.to_string())
            .unwrap_or_default();
        let agent = serde_json::to_string(&connection.actor).unwrap_or_default();
        let path = format!(
            "activities/state?{}",
            query(&[
                ("stateId", cmi5::LAUNCH_DATA),
                ("activityId", &au),
                ("agent", &agent),
                ("registration", &registration)
            ])
        );
        let answer = lrs.get(&path).await;
        let data = match answer.status {
            Some(200) => LaunchData::parse(&answer.body)?,
            Some(404) => return Err(super::say("problem-cmi5-no-launch-data", &[])),
            None => return Err(super::say("problem-lrs-unreachable-start", &[])),
            Some(s) => {
                return Err(super::say(
                    "problem-lrs-status-start",
                    &[("status", s.to_string().into())],
                ))
            }
        };
        let preferences = learner_preferences(&lrs, &agent).await?;
        let Some(session) = data.session_id().map(str::to_string) else {
            return Err(super::say("problem-cmi5-no-session", &[]));
        };
        cmi5 = Some(Rc::new(Cmi5 {
            au,
            data,
            session,
            preferences,
            started_ms: js_sys::Date::now(),
        }));
    }
    let registration = connection
        .registration
        .unwrap_or_else(|| own_registration(program_id, &connection.actor));
    let course = connection.activity_id.clone().or_else(|| {
        course_url
            .filter(|u| u.starts_with("http"))
            .map(|u| u.split(['?', '#']).next().unwrap_or(u).to_string())
    });
    let outbox = Outbox::new(lrs.clone(), tab, cmi5.as_ref().map(|c| c.session.clone()));
    let live = Live {
        lrs,
        outbox,
        actor: connection.actor,
        registration,
        course,
        cmi5,
    };
    if let Some(c) = live.cmi5.clone() {
        // Once per session: a reload of the launch page is the same session.
        let flag = format!("throughline:cmi5:initialized:{}", c.session);
        if SessionStorage::raw()
            .get_item(&flag)
            .ok()
            .flatten()
            .is_none()
        {
            live.queue(vec![cmi5::initialized(
                &cmi5_session(&c, &live),
                new_id(),
                now(),
            )])?;
            let _ = SessionStorage::raw().set_item(&flag, "1");
        }
        // After "initialized": what earlier sessions of this registration could not send.
        let dropped =
            live.outbox
                .carry_over(live.registration, &c.session, &c.data.context_template);
        let key = live.completed_key(&c);
        if let Some(id) = LocalStorage::raw().get_item(&key).ok().flatten() {
            // "1" is the mark earlier versions set when `completed` was queued, not when it
            // arrived, and players refused those sessions: such a completion is sent again.
            if id == "1" || dropped.contains(&id) {
                let _ = LocalStorage::raw().remove_item(&key);
            }
        }
        // Registered before the outbox's own pagehide handler, so "terminated" goes in the last send.
        let on_hide = live.clone();
        let hide = Closure::<dyn FnMut()>::new(move || on_hide.leave());
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("pagehide", hide.as_ref().unchecked_ref());
        }
        hide.forget();
    }
    live.outbox.start(None);
    Ok(live)
}
