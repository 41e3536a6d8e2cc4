//! The outbox in the browser: every statement is written to localStorage
//! (one key per statement, so tabs never overwrite each other's) before any
//! attempt to send it, and removed only when the LRS has acknowledged it.
//! One tab at a time sends, under a lease kept in storage. The rules for
//! batches, answers and retries are the core's (`crate::outbox`).

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::lrs::{Call, Lrs};
use crate::outbox::{self as rules, Entry, Reply};
use crate::xapi::cmi5;

const PREFIX: &str = "throughline:v1:outbox:";
const LEASE_MS: f64 = 6_000.0;
const TICK_MS: i32 = 2_000;
/// Browsers cap keepalive bodies at 64 KiB in total.
const KEEPALIVE_BYTES: usize = 60_000;

/// What the learner sees of sending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Statements not yet acknowledged.
    pub waiting: usize,
    /// Statements the LRS refused, kept aside.
    pub failed: usize,
    /// Why the first of them was refused, in plain words.
    pub failure: Option<String>,
    /// The last attempt got no answer at all.
    pub offline: bool,
    /// Sending stopped (credentials refused), with the reason in plain words.
    pub stopped: Option<String>,
}

struct Inner {
    lrs: RefCell<Lrs>,
    prefix: String,
    lease_key: String,
    tab: String,
    sending: Cell<bool>,
    last_queued: Cell<f64>,
    ready: Cell<bool>,
    offline: Cell<bool>,
    stopped: RefCell<Option<String>>,
    listener: RefCell<Option<Listener>>,
    /// Ids this tab has a request out for: never put in a second request while one is open,
    /// so the last send on `pagehide` cannot double what is already on its way.
    in_flight: RefCell<HashSet<String>>,
    /// In a cmi5 session, only its own statements go (others wait for their own session).
    session: Option<String>,
    /// Set when the session's last statement (cmi5 `terminated`) is queued: nothing queued
    /// after it goes in this session, and once it is delivered nothing is sent at all.
    until: Cell<Option<f64>>,
}

/// Told of every status change (the UI's sync line).
type Listener = Box<dyn Fn(Status)>;

/// A handle to the outbox for one LRS endpoint; cheap to clone.
#[derive(Clone)]
pub struct Outbox(Rc<Inner>);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn storage() -> Option<web_sys::Storage> {
    Some(LocalStorage::raw())
}

impl Outbox {
    /// Opens the outbox for `lrs`; in a cmi5 session, `session` is its id. Sending starts with
    /// [`Outbox::start`], once credentials are known.
    pub fn new(lrs: Lrs, tab: String, session: Option<String>) -> Outbox {
        let prefix = format!("{PREFIX}{}|", lrs.endpoint);
        let lease_key = format!("throughline:v1:lease:{}", lrs.endpoint);
        Outbox(Rc::new(Inner {
            lrs: RefCell::new(lrs),
            prefix,
            lease_key,
            tab,
            sending: Cell::new(false),
            last_queued: Cell::new(0.0),
            ready: Cell::new(false),
            offline: Cell::new(false),
            stopped: RefCell::new(None),
            listener: RefCell::new(None),
            in_flight: RefCell::new(HashSet::new()),
            session,
            until: Cell::new(None),
        }))
    }

    /// Calls `f` with the status after every change.
    pub fn on_status(&self, f: impl Fn(Status) + 'static) {
        *self.0.listener.borrow_mut() = Some(Box::new(f));
        self.publish();
    }

    /// Queues statements (already serialized as JSON values with their ids). Returns an error in
    /// plain words when storage refuses; the caller must tell the learner, as nothing can be kept.
    pub fn enqueue(&self, statements: Vec<(String, serde_json::Value)>) -> Result<(), String> {
        for (id, statement) in statements {
            let at = self.stamp();
            self.save(&Entry::new(id, statement, at))?;
        }
        self.publish();
        self.kick();
        Ok(())
    }

    /// Queue times strictly increasing within this tab, so statements queued in the same
    /// millisecond (a commitment and cmi5's "completed") keep the order the learner caused them in.
    fn stamp(&self) -> f64 {
        let at = now_ms().max(self.0.last_queued.get() + 0.001);
        self.0.last_queued.set(at);
        at
    }

    /// cmi5, at the start of session `session` of `registration` (after `initialized` is queued):
    /// what the learner did in earlier sessions and could not be sent then is queued again under
    /// this session's template, after `initialized`; earlier sessions' cmi5-defined statements are
    /// dropped (`cmi5::carry`). Looks under every endpoint, as a player may change its address.
    /// Returns the ids dropped.
    pub fn carry_over(
        &self,
        registration: uuid::Uuid,
        session: &str,
        template: &serde_json::Map<String, serde_json::Value>,
    ) -> Vec<String> {
        let store = LocalStorage::raw();
        let n = store.length().unwrap_or(0);
        let mut waiting: Vec<(String, Entry)> = (0..n)
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .filter_map(|k| {
                let text = store.get_item(&k).ok().flatten()?;
                Some((k, serde_json::from_str::<Entry>(&text).ok()?))
            })
            .collect();
        waiting.sort_unstable_by(|a, b| {
            a.1.queued_at
                .total_cmp(&b.1.queued_at)
                .then_with(|| a.0.cmp(&b.0))
        });
        let mut dropped = Vec::new();
        for (key, mut e) in waiting {
            match cmi5::carry(&e.statement, registration, session) {
                cmi5::Carry::Keep => {}
                cmi5::Carry::Drop => {
                    let _ = store.remove_item(&key);
                    dropped.push(e.id);
                }
                cmi5::Carry::Resend => {
                    cmi5::apply_template(&mut e.statement, template, registration);
                    let fresh = Entry::new(e.id, e.statement, self.stamp());
                    // Written under this endpoint before the old copy goes, so nothing is lost between.
                    if self.save(&fresh).is_ok() && key != self.key(&fresh.id) {
                        let _ = store.remove_item(&key);
                    }
                }
            }
        }
        self.publish();
        dropped
    }

    fn key(&self, id: &str) -> String {
        format!("{}{id}", self.0.prefix)
    }

    fn save(&self, entry: &Entry) -> Result<(), String> {
        let text = serde_json::to_string(entry)
            .map_err(|_| "A record could not be prepared for sending.".to_string())?;
        LocalStorage::raw()
            .set_item(&self.key(&entry.id), &text)
            .map_err(|_| super::say("problem-storage-step", &[]))
    }

    /// Every entry for this endpoint; unreadable ones are skipped, not deleted.
    pub fn entries(&self) -> Vec<Entry> {
        let Some(store) = storage() else {
            return Vec::new();
        };
        let n = store.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.starts_with(&self.0.prefix))
            .filter_map(|k| store.get_item(&k).ok().flatten())
            .filter_map(|text| serde_json::from_str::<Entry>(&text).ok())
            .filter(|e| match &self.0.session {
                Some(session) => cmi5::session_of(&e.statement) == Some(session.as_str()),
                None => true,
            })
            .collect()
    }

    /// Ends the session after what is queued so far (the last statement was just queued): what
    /// comes later waits for the next session, and after the last is delivered this outbox sends
    /// nothing more, as a cmi5 player refuses any request after `terminated`.
    pub fn end_session(&self) {
        self.0.until.set(Some(self.0.last_queued.get()));
    }

    /// Whether the session was ended ([`Outbox::end_session`]).
    pub fn ended(&self) -> bool {
        self.0.until.get().is_some()
    }

    /// Whether the session was ended and its last statement delivered.
    pub fn finished(&self) -> bool {
        self.ended() && self.0.stopped.borrow().is_some()
    }

    /// The next batch of what is due at `now` and not already on its way.
    fn next_batch(&self, now: f64) -> (Vec<Entry>, Vec<String>) {
        let in_flight = self.0.in_flight.borrow();
        let until = self.0.until.get().unwrap_or(f64::INFINITY);
        let entries: Vec<Entry> = self
            .entries()
            .into_iter()
            .filter(|e| !in_flight.contains(&e.id) && e.queued_at <= until)
            .collect();
        if self.ended() && entries.is_empty() && in_flight.is_empty() {
            *self.0.stopped.borrow_mut() = Some(super::say("problem-session-ended", &[]));
        }
        let batch = if self.0.session.is_some() {
            rules::next_batch_in_order(&entries, now, rules::MAX_BATCH)
        } else {
            rules::next_batch(&entries, now, rules::MAX_BATCH)
        };
        (entries, batch)
    }

    /// POSTs `batch` and settles the answer. Bodies small enough go with `keepalive`, so a
    /// request under way when the page goes still arrives (and is not sent again).
    async fn post(&self, entries: &[Entry], batch: &[String], limit: usize) -> Reply {
        let (body, sent) = body_of(entries, batch, limit);
        self.0.in_flight.borrow_mut().extend(sent.iter().cloned());
        let lrs = self.0.lrs.borrow().clone();
        let answer = lrs
            .send(Call {
                method: "POST",
                path: "statements",
                body: Some(&body),
                keepalive: body.len() <= KEEPALIVE_BYTES,
                ..Call::default()
            })
            .await;
        {
            let mut in_flight = self.0.in_flight.borrow_mut();
            for id in &sent {
                in_flight.remove(id);
            }
        }
        let reply = Reply::from_status(answer.status, &answer.body);
        // Settled against storage as it is now: another action may have changed it meanwhile.
        let mut entries = self.entries();
        let settled = rules::settle(
            &mut entries,
            &sent,
            &reply,
            now_ms(),
            js_sys::Math::random(),
        );
        let store = LocalStorage::raw();
        for id in &settled.delivered {
            let _ = store.remove_item(&self.key(id));
        }
        for e in entries.iter().filter(|e| settled.changed.contains(&e.id)) {
            let _ = self.save(e);
        }
        self.0.offline.set(matches!(reply, Reply::Retry(None)));
        if let Some(why) = settled.stop {
            *self.0.stopped.borrow_mut() = Some(why);
        }
        self.publish();
        reply
    }

    fn publish(&self) {
        let entries = self.entries();
        let counts = rules::counts(&entries);
        let status = Status {
            waiting: counts.waiting,
            failed: counts.failed,
            failure: entries.iter().find_map(|e| e.failed.clone()),
            offline: self.0.offline.get(),
            stopped: self.0.stopped.borrow().clone(),
        };
        if let Some(f) = self.0.listener.borrow().as_ref() {
            f(status);
        }
    }

    fn claim_lease(&self) -> bool {
        let store = LocalStorage::raw();
        let current = store
            .get_item(&self.0.lease_key)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<rules::Lease>(&t).ok());
        let Some(lease) = rules::claim(current.as_ref(), &self.0.tab, now_ms(), LEASE_MS) else {
            return false;
        };
        let Ok(text) = serde_json::to_string(&lease) else {
            return false;
        };
        if store.set_item(&self.0.lease_key, &text).is_err() {
            return false;
        }
        // Read back: if another tab wrote in between, it wins and we stand aside.
        store
            .get_item(&self.0.lease_key)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<rules::Lease>(&t).ok())
            .is_some_and(|l| l.owner == self.0.tab)
    }

    /// Starts sending (and a timer that retries and picks up other tabs' statements).
    pub fn start(&self, lrs: Option<Lrs>) {
        if let Some(lrs) = lrs {
            *self.0.lrs.borrow_mut() = lrs;
        }
        if self.0.ready.replace(true) {
            return;
        }
        let me = self.clone();
        let tick = Closure::<dyn FnMut()>::new(move || me.kick());
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                TICK_MS,
            );
            let me = self.clone();
            let online = Closure::<dyn FnMut()>::new(move || me.kick());
            let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
            online.forget();
            let me = self.clone();
            let hide = Closure::<dyn FnMut()>::new(move || me.send_before_leaving());
            let _ = w.add_event_listener_with_callback("pagehide", hide.as_ref().unchecked_ref());
            hide.forget();
        }
        tick.forget();
        self.kick();
    }

    /// Sends what is due now, unless a send is running or another tab holds the lease.
    pub fn kick(&self) {
        if !self.0.ready.get() || self.0.sending.replace(true) {
            return;
        }
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            me.drain().await;
            me.0.sending.set(false);
            me.publish();
        });
    }

    async fn drain(&self) {
        loop {
            if self.0.stopped.borrow().is_some() || !self.claim_lease() {
                return;
            }
            let (entries, batch) = self.next_batch(now_ms());
            if batch.is_empty() {
                return;
            }
            if matches!(
                self.post(&entries, &batch, usize::MAX).await,
                Reply::Retry(_)
            ) {
                return;
            }
        }
    }

    /// Puts refused statements back in the queue (the learner pressed "Try again").
    pub fn retry_failed(&self) {
        let mut entries = self.entries();
        let ids = rules::retry_failed(&mut entries);
        for e in entries.iter().filter(|e| ids.contains(&e.id)) {
            let _ = self.save(e);
        }
        self.publish();
        self.kick();
    }

    /// Last chance before the tab goes: one keepalive POST of what is waiting and not already
    /// on its way. Entries stay queued until an answer settles them; if none comes (the page is
    /// gone), the next visit sends them again and the LRS recognises the ids.
    fn send_before_leaving(&self) {
        if !self.0.ready.get() || self.0.stopped.borrow().is_some() || !self.claim_lease() {
            return;
        }
        // cmi5 statements must arrive in order (initialized first, terminated last): a second
        // request could overtake the one under way, so while one is, the rest waits for the
        // next session and the LMS records this one as abandoned.
        if self.0.session.is_some() && !self.0.in_flight.borrow().is_empty() {
            return;
        }
        let (entries, batch) = self.next_batch(f64::MAX);
        if batch.is_empty() {
            return;
        }
        let me = self.clone();
        // The request starts on this turn's microtasks, before the page is unloaded.
        wasm_bindgen_futures::spawn_local(async move {
            me.post(&entries, &batch, KEEPALIVE_BYTES).await;
        });
    }
}

/// The JSON array of the batch's statements, in batch order, cut to `limit` bytes, and the
/// ids it holds.
fn body_of(entries: &[Entry], batch: &[String], limit: usize) -> (String, Vec<String>) {
    let mut body = String::from("[");
    let mut sent = Vec::new();
    for id in batch {
        let Some(e) = entries.iter().find(|e| &e.id == id) else {
            continue;
        };
        let text = e.statement.to_string();
        if body.len() + text.len() + 2 > limit && body.len() > 1 {
            break;
        }
        if body.len() > 1 {
            body.push(',');
        }
        body.push_str(&text);
        sent.push(id.clone());
    }
    body.push(']');
    (body, sent)
}
