//! The outbox's rules: which queued statements go in the next batch, what an
//! LRS answer means for each of them, and when to try again. The browser
//! shell keeps the entries in storage and does the sending; nothing here
//! touches either, so every fault path is tested natively.

use serde::{Deserialize, Serialize};

/// Most statements sent in one POST.
pub const MAX_BATCH: usize = 50;
/// First retry delay after a server or network error, in milliseconds.
pub const BASE_DELAY_MS: f64 = 1_000.0;
/// Longest wait between retries, in milliseconds.
pub const MAX_DELAY_MS: f64 = 5.0 * 60.0 * 1_000.0;

/// One queued statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The statement id (a UUID string), also its storage key.
    pub id: String,
    /// The statement exactly as it will be sent.
    pub statement: serde_json::Value,
    /// When it was queued (ms since the epoch); batches keep this order.
    pub queued_at: f64,
    /// Failed attempts so far.
    #[serde(default)]
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    #[serde(default)]
    pub next_at: f64,
    /// Send on its own: a batch it was in was refused, so find out which statement the LRS objects to.
    #[serde(default)]
    pub solo: bool,
    /// Set aside: the LRS refused this statement; kept and shown, not retried on its own.
    #[serde(default)]
    pub failed: Option<String>,
}

impl Entry {
    /// A freshly queued statement.
    pub fn new(id: String, statement: serde_json::Value, now: f64) -> Entry {
        Entry {
            id,
            statement,
            queued_at: now,
            attempts: 0,
            next_at: 0.0,
            solo: false,
            failed: None,
        }
    }
}

/// What an LRS answer to a POST of statements means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// 200 or 204: stored.
    Stored,
    /// 409: a statement with this id is already there.
    Conflict,
    /// 401, or 403 naming no rule: our credentials are refused; sending stops until the page is set up again.
    Refused(u16),
    /// 403 from a cmi5 player naming a requirement this statement breaks: set it aside and say why.
    Rule(String),
    /// 403 from a cmi5 player saying the session is over (terminated or abandoned): stop sending
    /// in this session and keep everything for the next one.
    SessionOver(String),
    /// 413: the batch was too large.
    TooLarge,
    /// Another 4xx: the LRS rejects the content.
    Rejected(u16, String),
    /// 5xx, 429, or no answer at all (offline, connection dropped): try again later.
    Retry(Option<u16>),
}

impl Reply {
    /// Classifies an HTTP status (`None` when the request failed without one).
    pub fn from_status(status: Option<u16>, body: &str) -> Reply {
        match status {
            Some(200..=299) => Reply::Stored,
            Some(409) => Reply::Conflict,
            Some(403) => match crate::xapi::cmi5::refusal(body) {
                // The registration is completed already: what this statement says is recorded.
                Some(r) if r.already_completed() => Reply::Conflict,
                Some(r) if r.ends_session() => Reply::SessionOver(r.text),
                Some(r) => Reply::Rule(r.text),
                None => Reply::Refused(403),
            },
            Some(401) => Reply::Refused(401),
            Some(413) => Reply::TooLarge,
            Some(408 | 429) => Reply::Retry(status),
            Some(s @ 400..=499) => Reply::Rejected(s, short(body)),
            other => Reply::Retry(other),
        }
    }
}

fn short(body: &str) -> String {
    let line: String = body.chars().filter(|c| !c.is_control()).take(200).collect();
    if line.trim().is_empty() {
        "no reason given".into()
    } else {
        line
    }
}

/// The ids of the next batch to send at `now`: the oldest statements that are due, in queue order.
/// A statement marked `solo` goes alone. Set-aside statements never go.
pub fn next_batch(entries: &[Entry], now: f64, max: usize) -> Vec<String> {
    let mut due: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.failed.is_none() && e.next_at <= now)
        .collect();
    // Ids are unique, so the order is total and the smaller unstable sort is exact.
    due.sort_unstable_by(|a, b| {
        a.queued_at
            .total_cmp(&b.queued_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    match due.first() {
        None => Vec::new(),
        Some(first) if first.solo => vec![first.id.clone()],
        Some(_) => due
            .iter()
            .filter(|e| !e.solo)
            .take(max.max(1))
            .map(|e| e.id.clone())
            .collect(),
    }
}

/// Like [`next_batch`], for an LRS that needs statements in the order they were queued (a
/// cmi5 player: initialized first, terminated last): nothing overtakes a statement still
/// waiting out its backoff.
pub fn next_batch_in_order(entries: &[Entry], now: f64, max: usize) -> Vec<String> {
    let mut waiting: Vec<&Entry> = entries.iter().filter(|e| e.failed.is_none()).collect();
    waiting.sort_unstable_by(|a, b| {
        a.queued_at
            .total_cmp(&b.queued_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    let due: Vec<Entry> = waiting
        .into_iter()
        .take_while(|e| e.next_at <= now)
        .cloned()
        .collect();
    // Players record a session as started only once `initialized` is stored, and refuse
    // anything sent with it in one request (9.3.0.0-4): it goes alone.
    if due.first().is_some_and(|e| {
        crate::xapi::cmi5::is_defined(&e.statement)
            && e.statement
                .pointer("/verb/id")
                .and_then(serde_json::Value::as_str)
                == Some("http://adlnet.gov/expapi/verbs/initialized")
    }) {
        return next_batch(&due[..1], now, 1);
    }
    next_batch(&due, now, max)
}

/// What settling a batch changed, so the shell writes only that to storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settled {
    /// Delivered: remove from storage.
    pub delivered: Vec<String>,
    /// Changed (retry time, solo flag, set aside): write back.
    pub changed: Vec<String>,
    /// Why sending must stop, when the LRS refused our credentials.
    pub stop: Option<String>,
}

/// Retry delay after `attempts` failures; `jitter` in 0..1 spreads retries so tabs and learners do not stampede.
pub fn backoff_ms(attempts: u32, jitter: f64) -> f64 {
    let exp = BASE_DELAY_MS * 2f64.powi(attempts.saturating_sub(1).min(20) as i32);
    exp.min(MAX_DELAY_MS) * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// Applies an LRS answer for the batch `ids` to the entries (delivered ones are removed).
pub fn settle(
    entries: &mut Vec<Entry>,
    ids: &[String],
    reply: &Reply,
    now: f64,
    jitter: f64,
) -> Settled {
    let mut out = Settled::default();
    let alone = ids.len() == 1;
    let delivered = match reply {
        Reply::Stored => true,
        // Statements are immutable: an id the LRS already has was delivered by an earlier send.
        Reply::Conflict => alone,
        _ => false,
    };
    if delivered {
        entries.retain(|e| !ids.contains(&e.id));
        out.delivered = ids.to_vec();
        return out;
    }
    for e in entries.iter_mut().filter(|e| ids.contains(&e.id)) {
        match reply {
            Reply::Refused(status) => {
                out.stop = Some(format!("The learning record store refused the widget's credentials ({status}). Your progress is kept in this browser and will be sent when the course page is opened again from your learning platform."));
                continue;
            }
            Reply::SessionOver(why) => {
                out.stop = Some(format!("This course session has ended on your learning platform ({why}). Your progress is kept in this browser and will be sent the next time you open the course from the platform."));
                continue;
            }
            Reply::Retry(_) => {
                e.attempts += 1;
                e.next_at = now + backoff_ms(e.attempts, jitter);
            }
            Reply::Conflict | Reply::TooLarge | Reply::Rejected(..) | Reply::Rule(_) if !alone => {
                e.solo = true
            }
            Reply::Rule(why) => {
                e.failed = Some(format!("Your learning platform refused this record: {why}. It is kept here and will be sent again the next time you open the course from the platform."))
            }
            Reply::TooLarge => {
                e.failed = Some("The learning record store said this record is too large.".into())
            }
            Reply::Rejected(status, why) => {
                e.failed = Some(format!(
                    "The learning record store refused this record ({status}): {why}"
                ))
            }
            Reply::Stored | Reply::Conflict => {}
        }
        out.changed.push(e.id.clone());
    }
    out
}

/// Puts set-aside statements back in the queue, when the learner asks to try again.
pub fn retry_failed(entries: &mut [Entry]) -> Vec<String> {
    entries
        .iter_mut()
        .filter(|e| e.failed.is_some())
        .map(|e| {
            e.failed = None;
            e.solo = true;
            e.next_at = 0.0;
            e.id.clone()
        })
        .collect()
}

/// A tab's claim to be the one sender, kept in shared storage and renewed while it sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    /// The tab that holds it.
    pub owner: String,
    /// Expiry (ms since the epoch); a closed tab's lease simply runs out.
    pub until: f64,
}

/// The lease `me` should write now, or `None` while another live tab holds it.
pub fn claim(current: Option<&Lease>, me: &str, now: f64, ttl_ms: f64) -> Option<Lease> {
    match current {
        Some(l) if l.owner != me && l.until > now => None,
        _ => Some(Lease {
            owner: me.to_string(),
            until: now + ttl_ms,
        }),
    }
}

/// What the learner sees of the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Queued and not set aside.
    pub waiting: usize,
    /// Set aside after the LRS refused them.
    pub failed: usize,
}

/// Counts the entries by state.
pub fn counts(entries: &[Entry]) -> Counts {
    let failed = entries.iter().filter(|e| e.failed.is_some()).count();
    Counts {
        waiting: entries.len() - failed,
        failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn queue(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| {
                Entry::new(
                    format!("id-{i:03}"),
                    serde_json::json!({ "n": i }),
                    i as f64,
                )
            })
            .collect()
    }

    #[test]
    fn statuses_are_classified() {
        assert_eq!(Reply::from_status(Some(204), ""), Reply::Stored);
        assert_eq!(Reply::from_status(Some(200), "[\"a\"]"), Reply::Stored);
        assert_eq!(Reply::from_status(Some(409), ""), Reply::Conflict);
        assert_eq!(Reply::from_status(Some(401), ""), Reply::Refused(401));
        assert_eq!(Reply::from_status(Some(403), ""), Reply::Refused(403));
        assert_eq!(
            Reply::from_status(Some(400), "bad verb\n"),
            Reply::Rejected(400, "bad verb".into())
        );
        assert_eq!(Reply::from_status(Some(429), ""), Reply::Retry(Some(429)));
        assert_eq!(Reply::from_status(Some(503), ""), Reply::Retry(Some(503)));
        assert_eq!(Reply::from_status(None, ""), Reply::Retry(None));
    }

    #[test]
    fn batches_are_oldest_first_and_bounded() {
        let mut q = queue(120);
        q.reverse();
        let batch = next_batch(&q, 0.0, MAX_BATCH);
        assert_eq!(batch.len(), 50);
        assert_eq!(batch[0], "id-000");
        assert_eq!(batch[49], "id-049");
    }

    #[test]
    fn stored_removes_and_server_errors_back_off() {
        let mut q = queue(3);
        let batch = next_batch(&q, 0.0, 2);
        let s = settle(&mut q, &batch, &Reply::Retry(Some(500)), 1_000.0, 1.0);
        assert_eq!(s.changed, batch);
        assert_eq!(q[0].attempts, 1);
        assert_eq!(q[0].next_at, 2_000.0);
        assert_eq!(
            next_batch(&q, 1_500.0, 2),
            vec!["id-002".to_string()],
            "the others wait out their backoff"
        );
        let s = settle(&mut q, &batch, &Reply::Retry(None), 2_000.0, 1.0);
        assert_eq!(s.delivered.len(), 0);
        assert_eq!(q[0].next_at, 4_000.0, "exponential");
        let batch = next_batch(&q, 10_000.0, 5);
        let s = settle(&mut q, &batch, &Reply::Stored, 10_000.0, 0.3);
        assert_eq!(s.delivered.len(), 3);
        assert!(q.is_empty());
    }

    #[test]
    fn a_rejected_batch_is_split_and_only_the_bad_statement_is_set_aside() {
        let mut q = queue(3);
        let batch = next_batch(&q, 0.0, 10);
        settle(
            &mut q,
            &batch,
            &Reply::Rejected(400, "bad".into()),
            0.0,
            0.5,
        );
        assert!(q.iter().all(|e| e.solo && e.failed.is_none()));
        // Singles now: the first is fine, the second is the bad one, the third is already there.
        let one = next_batch(&q, 0.0, 10);
        assert_eq!(one, vec!["id-000".to_string()]);
        settle(&mut q, &one, &Reply::Stored, 0.0, 0.5);
        let two = next_batch(&q, 0.0, 10);
        settle(
            &mut q,
            &two,
            &Reply::Rejected(400, "object.id is not an IRI".into()),
            0.0,
            0.5,
        );
        let three = next_batch(&q, 0.0, 10);
        assert_eq!(three, vec!["id-002".to_string()]);
        settle(&mut q, &three, &Reply::Conflict, 0.0, 0.5);
        assert_eq!(q.len(), 1);
        assert!(q[0]
            .failed
            .as_deref()
            .is_some_and(|f| f.contains("object.id is not an IRI")));
        assert_eq!(
            next_batch(&q, f64::MAX, 10),
            Vec::<String>::new(),
            "set aside, not retried forever"
        );
        assert_eq!(
            counts(&q),
            Counts {
                waiting: 0,
                failed: 1
            }
        );
        assert_eq!(retry_failed(&mut q), vec!["id-001".to_string()]);
        assert_eq!(next_batch(&q, 0.0, 10), vec!["id-001".to_string()]);
    }

    #[test]
    fn refused_credentials_stop_sending_without_losing_anything() {
        let mut q = queue(2);
        let batch = next_batch(&q, 0.0, 10);
        let s = settle(&mut q, &batch, &Reply::Refused(401), 0.0, 0.5);
        assert!(s.stop.is_some());
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|e| e.failed.is_none() && e.attempts == 0));
    }

    #[test]
    fn a_cmi5_player_refusal_is_not_a_credentials_problem() {
        let body = |m: &str| format!(r#"{{"statusCode":403,"error":"Forbidden","message":"{m}"}}"#);
        let rule = Reply::from_status(
            Some(403),
            &body("10.2.1.0-6 - context does not match template"),
        );
        assert!(matches!(&rule, Reply::Rule(t) if t.contains("10.2.1.0-6")));
        // In a batch the refused statement is found first; alone it is set aside with the player's words.
        let mut q = queue(2);
        let batch = next_batch(&q, 0.0, 10);
        let s = settle(&mut q, &batch, &rule, 0.0, 0.5);
        assert_eq!(s.stop, None);
        assert!(q.iter().all(|e| e.solo && e.failed.is_none()));
        let one = next_batch(&q, 0.0, 10);
        settle(&mut q, &one, &rule, 0.0, 0.5);
        let failed = q[0].failed.as_deref().unwrap_or_default();
        assert!(
            failed.contains("learning platform refused") && failed.contains("10.2.1.0-6"),
            "{failed}"
        );
        assert!(!failed.contains("credentials"));

        // A session that is over stops sending and keeps everything, saying why in plain words.
        let over = Reply::from_status(Some(403), &body("8.1.2.0-2 - ... (Session terminated)"));
        assert!(matches!(over, Reply::SessionOver(_)));
        let mut q = queue(3);
        let batch = next_batch(&q, 0.0, 10);
        let s = settle(&mut q, &batch, &over, 0.0, 0.5);
        let why = s.stop.unwrap_or_default();
        assert!(
            why.contains("session has ended") && !why.contains("credentials"),
            "{why}"
        );
        assert_eq!(q.len(), 3);
        assert!(q.iter().all(|e| e.failed.is_none() && !e.solo));

        // An already completed registration has what "completed" says.
        let done = Reply::from_status(Some(403), &body("9.3.0.0-6 - ... (Already completed: x)"));
        let mut q = queue(1);
        let batch = next_batch(&q, 0.0, 10);
        assert_eq!(settle(&mut q, &batch, &done, 0.0, 0.5).delivered, batch);
        // A 403 that names no rule is the credentials.
        assert_eq!(
            Reply::from_status(Some(403), "Forbidden"),
            Reply::Refused(403)
        );
    }

    #[test]
    fn in_order_nothing_overtakes_a_statement_in_backoff() {
        let mut q = queue(3);
        let first = vec![q[0].id.clone()];
        settle(&mut q, &first, &Reply::Retry(None), 0.0, 1.0);
        // The unordered rule sends the others meanwhile; the ordered one waits for the first.
        assert_eq!(next_batch(&q, 10.0, 10), ["id-001", "id-002"]);
        assert!(next_batch_in_order(&q, 10.0, 10).is_empty());
        assert_eq!(
            next_batch_in_order(&q, 5_000.0, 10),
            ["id-000", "id-001", "id-002"]
        );
        // cmi5's initialized goes alone.
        let mut started = queue(3);
        started[0].statement = serde_json::json!({"verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
            "context": {"contextActivities": {"category": [{"id": crate::xapi::cmi5::CATEGORY}]}}});
        assert_eq!(next_batch_in_order(&started, 0.0, 10), ["id-000"]);
        // A statement set aside does not hold up the rest.
        q[0].failed = Some("refused".into());
        assert_eq!(next_batch_in_order(&q, 10.0, 10), ["id-001", "id-002"]);
    }

    #[test]
    fn leases_exclude_other_live_tabs() {
        let a = claim(None, "tab-a", 0.0, 5_000.0).expect("free");
        assert!(claim(Some(&a), "tab-b", 1_000.0, 5_000.0).is_none());
        assert_eq!(
            claim(Some(&a), "tab-a", 1_000.0, 5_000.0).map(|l| l.until),
            Some(6_000.0),
            "renewed"
        );
        assert_eq!(
            claim(Some(&a), "tab-b", 5_001.0, 5_000.0).map(|l| l.owner),
            Some("tab-b".into()),
            "expired"
        );
    }

    proptest! {
        /// Whatever the LRS answers and in whatever order, a statement leaves the queue only when
        /// delivered, and never appears in two batches at once.
        #[test]
        fn nothing_is_lost(replies in proptest::collection::vec(0u8..9, 1..60), n in 1usize..40, jitter in 0.0f64..1.0) {
            let mut q = queue(n);
            let mut delivered = Vec::new();
            let mut now = 0.0;
            for r in replies {
                let batch = next_batch(&q, now, 7);
                let unique: std::collections::HashSet<_> = batch.iter().collect();
                prop_assert_eq!(unique.len(), batch.len());
                let reply = match r { 0 => Reply::Stored, 1 => Reply::Conflict, 2 => Reply::Retry(None), 3 => Reply::Retry(Some(503)), 4 => Reply::TooLarge, 5 => Reply::Rejected(400, "x".into()), 6 => Reply::Rule("9.3.0.0-4".into()), 7 => Reply::SessionOver("8.1.2.0-2".into()), _ => Reply::Stored };
                let s = settle(&mut q, &batch, &reply, now, jitter);
                delivered.extend(s.delivered);
                now += MAX_DELAY_MS;
            }
            let mut all: Vec<String> = delivered.clone();
            all.extend(q.iter().map(|e| e.id.clone()));
            all.sort();
            prop_assert_eq!(all, (0..n).map(|i| format!("id-{i:03}")).collect::<Vec<_>>());
        }
    }
}
