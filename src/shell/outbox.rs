//! The outbox in the browser: every statement is written to localStorage
//! (one key per statement, so tabs never overwrite each other's) before any
//! attempt to send it, and removed only when the LRS has acknowledged it.
//! One tab at a time sends, under a lease kept in storage. The rules for
//! batches, answers and retries are the core's (`crate::outbox`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::lrs::{Call, Lrs};
use crate::outbox::{self as rules, Entry, Reply};

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
    /// Opens the outbox for `lrs`. Sending starts with [`Outbox::start`], once credentials are known.
    pub fn new(lrs: Lrs, tab: String) -> Outbox {
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
            // Strictly increasing within this tab, so statements queued in the same millisecond
            // (a commitment and cmi5's "completed") keep the order the learner caused them in.
            let at = now_ms().max(self.0.last_queued.get() + 0.001);
            self.0.last_queued.set(at);
            self.save(&Entry::new(id, statement, at))?;
        }
        self.publish();
        self.kick();
        Ok(())
    }

    fn key(&self, id: &str) -> String {
        format!("{}{id}", self.0.prefix)
    }

    fn save(&self, entry: &Entry) -> Result<(), String> {
        let text = serde_json::to_string(entry)
            .map_err(|_| "A record could not be prepared for sending.".to_string())?;
        LocalStorage::raw()
            .set_item(&self.key(&entry.id), &text)
            .map_err(|_| "Your browser's storage is full or turned off, so this step could not be recorded. Free some space or allow storage for this site, then try again.".to_string())
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
            .collect()
    }

    fn publish(&self) {
        let counts = rules::counts(&self.entries());
        let status = Status {
            waiting: counts.waiting,
            failed: counts.failed,
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
            let mut entries = self.entries();
            let batch = rules::next_batch(&entries, now_ms(), rules::MAX_BATCH);
            if batch.is_empty() {
                return;
            }
            let body = body_of(&entries, &batch, usize::MAX);
            let lrs = self.0.lrs.borrow().clone();
            let answer = lrs
                .send(Call {
                    method: "POST",
                    path: "statements",
                    body: Some(&body),
                    ..Call::default()
                })
                .await;
            let reply = Reply::from_status(answer.status, &answer.body);
            let settled = rules::settle(
                &mut entries,
                &batch,
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
            if matches!(reply, Reply::Retry(_)) {
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

    /// Last chance before the tab goes: one keepalive POST of what is waiting. Entries stay
    /// queued; the next visit re-sends them and the LRS recognises the ids.
    fn send_before_leaving(&self) {
        if !self.0.ready.get() || self.0.stopped.borrow().is_some() || !self.claim_lease() {
            return;
        }
        let entries = self.entries();
        let batch = rules::next_batch(&entries, f64::MAX, rules::MAX_BATCH);
        if batch.is_empty() {
            return;
        }
        let body = body_of(&entries, &batch, KEEPALIVE_BYTES);
        let lrs = self.0.lrs.borrow().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = lrs
                .send(Call {
                    method: "POST",
                    path: "statements",
                    body: Some(&body),
                    keepalive: true,
                    ..Call::default()
                })
                .await;
        });
    }
}

/// The JSON array of the batch's statements, in batch order, cut to `limit` bytes.
fn body_of(entries: &[Entry], batch: &[String], limit: usize) -> String {
    let mut body = String::from("[");
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
    }
    body.push(']');
    body
}
