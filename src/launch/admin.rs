//! Options for the adoption dashboard (`mountDashboard`): which LRS to read,
//! with which admin credentials, for which program, as of which day.

use crate::i18n::{Arg, Words};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use super::lms::{self, Connection, RawLrs};
use super::{parse_now, LaunchError, ProgramSource};

/// Options as a host page writes them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawAdminOptions {
    /// LRS endpoint.
    pub endpoint: Option<String>,
    /// Full Authorization header value.
    pub auth: Option<String>,
    /// Basic auth key (with `secret`).
    pub key: Option<String>,
    /// Basic auth secret.
    pub secret: Option<String>,
    /// "1.0.3" (default) or "2.0.0".
    pub version: Option<String>,
    /// URL of the program file.
    pub program: Option<String>,
    /// The program's text, instead of a URL.
    pub program_text: Option<String>,
    /// The day the figures are for (YYYY-MM-DD); today when absent.
    pub now: Option<String>,
    /// Whether this admin may switch learner names on (pseudonymous ids otherwise).
    #[serde(default)]
    pub names_allowed: bool,
    /// Whether to ask a Throughline service for its figures (its `/insights` snapshot, found
    /// through the LRS's About) instead of reading every statement; on unless `false`.
    pub snapshot: Option<bool>,
    /// Whether to keep the figures folded so far in this browser (IndexedDB), so a later
    /// visit reads only newer statements; on unless `false`.
    pub cache: Option<bool>,
    /// The admin's language (`de`, `ja-JP`, ...); the browser's languages come after it.
    pub locale: Option<String>,
}

/// Checked dashboard options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminOptions {
    /// The LRS, as a connection (the actor is unused: the dashboard only reads).
    pub lrs: Connection,
    /// Where the program comes from.
    pub program: ProgramSource,
    /// Day of the report.
    pub now: Option<Date>,
    /// See [`RawAdminOptions::names_allowed`].
    pub names_allowed: bool,
    /// See [`RawAdminOptions::snapshot`].
    pub snapshot: bool,
    /// See [`RawAdminOptions::cache`].
    pub cache: bool,
    /// See [`RawAdminOptions::locale`].
    pub locale: Option<String>,
}

impl AdminOptions {
    /// Checks the options; every problem is listed, credentials never repeated.
    pub fn from_raw(raw: RawAdminOptions) -> Result<AdminOptions, Vec<LaunchError>> {
        let mut errors = Vec::new();
        let program = match (
            raw.program.filter(|s| !s.trim().is_empty()),
            raw.program_text.filter(|s| !s.trim().is_empty()),
        ) {
            (Some(url), None) => Some(ProgramSource::Url(url.trim().to_string())),
            (None, Some(text)) => Some(ProgramSource::Inline(text)),
            _ => {
                errors.push(LaunchError(
                    "give the program as `program` (a URL) or `programText`, one of them".into(),
                ));
                None
            }
        };
        let lrs = RawLrs {
            endpoint: raw.endpoint,
            auth: raw.auth,
            key: raw.key,
            secret: raw.secret,
            version: raw.version,
            // The dashboard reads as the admin; statements are never written with this actor.
            actor: Some(
                serde_json::json!({ "objectType": "Agent", "account": { "homePage": "https://throughline.app", "name": "dashboard" } }),
            ),
            ..RawLrs::default()
        };
        let lrs = lms::from_host(lrs, None, None)
            .map_err(|e| errors.extend(e))
            .ok();
        let now = raw
            .now
            .as_deref()
            .map(parse_now)
            .transpose()
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        match (lrs, program) {
            (Some(lrs), Some(program)) if errors.is_empty() => Ok(AdminOptions {
                lrs,
                program,
                now,
                names_allowed: raw.names_allowed,
                snapshot: raw.snapshot.unwrap_or(true),
                cache: raw.cache.unwrap_or(true),
                locale: raw.locale.filter(|l| !l.trim().is_empty()),
            }),
            _ => Err(errors),
        }
    }
}

/// The first page of the statements a program's dashboard needs: everything in the program's
/// context, oldest first (so a cut-short read resumes from the newest `stored` it saw). With
/// `ids`, agents come as their identifiers only (`format=ids`): lighter, and enough unless
/// names may be shown.
pub fn statements_query(program_id: &str, since: Option<&str>, ids: bool) -> String {
    window_query(program_id, since, None, ids)
}

/// [`statements_query`] for one time window of [`windows`]: stored after `since`, at or
/// before `until`.
pub fn window_query(
    program_id: &str,
    since: Option<&str>,
    until: Option<&str>,
    ids: bool,
) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.extend_pairs([
        ("activity", program_id),
        ("related_activities", "true"),
        ("ascending", "true"),
        ("limit", "500"),
    ]);
    if ids {
        q.append_pair("format", "ids");
    }
    if let Some(s) = since {
        q.append_pair("since", s);
    }
    if let Some(u) = until {
        q.append_pair("until", u);
    }
    format!("statements?{}", q.finish())
}

/// How many windows of stored time the rest of a long read is split into, each read page by
/// page at the same time as the others: one chain of requests spends most of its time waiting
/// (on the LRS, then on the browser's network stack), four keep both busy.
pub const WINDOWS: usize = 4;

/// How far before the first page's newest `stored` the windows start: statements stored at
/// the same instant as it (a batch shares one) may not all have fitted in that page. Statements
/// read twice are dropped by id.
pub const WINDOW_OVERLAP_MS: i64 = 1;

/// One window of stored time, `(since, until]`, as `since` and `until` parameters take them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Stored after this.
    pub since: String,
    /// Stored at or before this.
    pub until: String,
}

/// The rest of a read after its first page, as `n` adjoining windows from just before that
/// page's newest `stored` to `through` (the LRS's consistent-through time): every statement
/// stored in between is in exactly one, and the fold is the same whatever order they arrive in.
/// Empty when the times do not allow it; the caller then follows the `more` links one by one.
pub fn windows(newest: &str, through: &str, n: usize) -> Vec<Window> {
    let at = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    let (Some(from), Some(to)) = (at(newest), at(through)) else {
        return Vec::new();
    };
    let from =
        from.to_offset(time::UtcOffset::UTC) - time::Duration::milliseconds(WINDOW_OVERLAP_MS);
    let to = to.to_offset(time::UtcOffset::UTC);
    if n == 0 || to <= from {
        return Vec::new();
    }
    let step = (to - from) / n as u32;
    // The last bound is `through` itself, not a sum that rounding may leave short; windows
    // too short to split (a span of a few nanoseconds) merge.
    let mut bounds: Vec<OffsetDateTime> = (0..n).map(|i| from + step * i as u32).collect();
    bounds.push(to);
    bounds.dedup();
    let text: Option<Vec<String>> = bounds.iter().map(|t| t.format(&Rfc3339).ok()).collect();
    text.unwrap_or_default()
        .windows(2)
        .map(|b| Window {
            since: b[0].clone(),
            until: b[1].clone(),
        })
        .collect()
}

/// How one window's read ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRead {
    /// The window.
    pub window: Window,
    /// The newest `stored` read in it.
    pub newest: Option<String>,
    /// Whether it was read to its end.
    pub complete: bool,
}

/// The `since` the next read asks with after a read split into windows (in time order), the
/// first page before them read whole: the end when every window was read to its end
/// ([`next_since`] with `through`), else where the first window left unfinished stopped (before
/// it, everything was read; after it, what is read again is dropped by id).
pub fn windows_since(reads: &[WindowRead], through: &str) -> Option<String> {
    match reads.iter().find(|r| !r.complete) {
        None => {
            let newest = reads
                .iter()
                .filter_map(|r| r.newest.as_deref())
                .max_by_key(|s| OffsetDateTime::parse(s, &Rfc3339).ok());
            newest.and_then(|n| next_since(Some(n), true, Some(through)))
        }
        Some(r) => match &r.newest {
            Some(n) => resume_since(n),
            None => Some(r.window.since.clone()),
        },
    }
}

/// Seconds left of a read split into windows: how much of the windows' stored time is behind
/// their newest statements after `elapsed` seconds. `None` until something has moved.
pub fn windows_left(reads: &[WindowRead], elapsed: f64) -> Option<f64> {
    let at = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    let mut span = 0.0;
    let mut done = 0.0;
    for r in reads {
        let (since, until) = (at(&r.window.since)?, at(&r.window.until)?);
        let whole = (until - since).as_seconds_f64();
        span += whole;
        done += if r.complete {
            whole
        } else {
            r.newest
                .as_deref()
                .and_then(at)
                .map_or(0.0, |n| (n - since).as_seconds_f64().clamp(0.0, whole))
        };
    }
    if span <= 0.0 || done <= 0.0 || elapsed <= 0.0 {
        return None;
    }
    Some(elapsed * (span - done) / done)
}

/// The service snapshot's address for one filter: `base` (from the LRS's About) with the
/// program, the day and the dashboard's filters; names only where the admin may see them.
pub fn snapshot_query(
    base: &str,
    program_id: &str,
    as_of: Date,
    filter: &crate::insights::Filter,
    names: bool,
) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("program", program_id);
    q.append_pair("as_of", &as_of.to_string());
    for (k, v) in [("role", &filter.role), ("course", &filter.course)] {
        if let Some(v) = v {
            q.append_pair(k, v);
        }
    }
    for (k, v) in [("from", filter.cohort_from), ("to", filter.cohort_to)] {
        if let Some(v) = v {
            q.append_pair(k, &v.to_string());
        }
    }
    if names {
        q.append_pair("names", "true");
    }
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{}", q.finish())
}

/// How far before the newest `stored` already read a later visit asks from: statements stored
/// in the same instant, or being written while the last page was read, are read again rather
/// than missed (the fold drops what it has seen by id).
pub const RESUME_OVERLAP_SECONDS: i64 = 1;

/// The `since` a later visit asks with, from the newest `stored` read so far.
pub fn resume_since(newest_stored: &str) -> Option<String> {
    let t = OffsetDateTime::parse(newest_stored, &Rfc3339).ok()?;
    let back = t.to_offset(time::UtcOffset::UTC) - time::Duration::seconds(RESUME_OVERLAP_SECONDS);
    back.format(&Rfc3339).ok()
}

/// The `since` the next read asks with, from the newest `stored` read. Exactly that time when the
/// read went to the end and the LRS said everything stored up to at least then was visible
/// (`through`, its consistent-through time on the last page): no statement at or before it can
/// still appear. Otherwise (Cancel, an error, no such time) [`resume_since`]'s overlap.
pub fn next_since(newest: Option<&str>, complete: bool, through: Option<&str>) -> Option<String> {
    let newest = newest?;
    let at = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    match (complete, at(newest), through.and_then(at)) {
        (true, Some(n), Some(t)) if n <= t => Some(newest.to_string()),
        _ => resume_since(newest),
    }
}

/// Where the folded figures of one program are kept in this browser: a SHA-256 of the
/// endpoint, the credential and the program id, so another key or LRS never reads them and
/// the credential is not written down.
pub fn cache_key(endpoint: &str, auth: &str, program_id: &str) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let mut h = sha2::Sha256::new();
    for part in [endpoint, auth, program_id] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let mut out = String::from("throughline-dashboard-");
    for b in h.finalize() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Seconds left, estimated from how far the pages' `stored` times have come from `start` towards
/// `through` (the LRS's consistent-through time) in `elapsed` seconds. `None` when the times do
/// not allow it (the LRS gave none, or nothing has moved yet).
pub fn seconds_left(start: &str, newest: &str, through: &str, elapsed: f64) -> Option<f64> {
    let at = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    let (start, newest, through) = (at(start)?, at(newest)?, at(through)?);
    let span = (through - start).as_seconds_f64();
    let done = (newest - start).as_seconds_f64();
    if span <= 0.0 || done <= 0.0 || elapsed <= 0.0 {
        return None;
    }
    let fraction = (done / span).min(1.0);
    Some(elapsed * (1.0 - fraction) / fraction)
}

/// What can be said about the time left while reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Left {
    /// The LRS gives no consistent-through time, so no total can be told.
    Unknown,
    /// Not enough pages yet to tell.
    Estimating,
    /// About this many seconds ([`seconds_left`]).
    Seconds(f64),
}

/// The progress line while statements are read: how many, how fast, and how long is left when
/// that can be told (and plainly that it cannot, otherwise), as words of the dashboard's files.
pub fn progress_line(read: usize, elapsed: f64, left: Left) -> Words {
    let rate = if elapsed > 0.0 {
        (read as f64 / elapsed).round() as u64
    } else {
        0
    };
    let (id, seconds) = match left {
        Left::Seconds(s) if s < 1.0 => ("progress-almost-done", None),
        Left::Seconds(s) => ("progress-left", Some(s.ceil() as u64)),
        Left::Estimating => ("progress-estimating", None),
        Left::Unknown => ("progress-unknown", None),
    };
    let mut args = vec![("count", Arg::from(read)), ("rate", Arg::Count(rate))];
    if let Some(s) = seconds {
        args.push(("seconds", Arg::Count(s)));
    }
    Words { id, args }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked() {
        let raw = RawAdminOptions {
            endpoint: Some("http://127.0.0.1:8080/xapi".into()),
            key: Some("k".into()),
            secret: Some("s".into()),
            program: Some("/p.toml".into()),
            ..Default::default()
        };
        let o = AdminOptions::from_raw(raw).expect("valid");
        assert_eq!(o.lrs.endpoint, "http://127.0.0.1:8080/xapi/");
        assert!(!o.names_allowed);
        let errors = AdminOptions::from_raw(RawAdminOptions {
            now: Some("soon".into()),
            ..Default::default()
        })
        .expect_err("invalid");
        let text: Vec<String> = errors.into_iter().map(|e| e.0).collect();
        assert!(
            text.iter().any(|e| e.contains("program"))
                && text.iter().any(|e| e.contains("endpoint"))
                && text.iter().any(|e| e.contains("YYYY-MM-DD")),
            "{text:?}"
        );
        assert!(
            serde_json::from_str::<RawAdminOptions>(r#"{"endpont":"x"}"#).is_err(),
            "typos are refused"
        );
    }

    #[test]
    fn the_query_asks_for_the_program_context_oldest_first() {
        let q = statements_query("https://example.org/p", Some("2027-01-01T00:00:00Z"), false);
        assert!(q.starts_with("statements?activity=https%3A%2F%2Fexample.org%2Fp&related_activities=true&ascending=true&limit=500&since=2027"));
        let ids = statements_query("https://example.org/p", None, true);
        assert!(ids.ends_with("&limit=500&format=ids"), "{ids}");
    }

    #[test]
    fn the_snapshot_query_carries_the_filters() {
        let f = crate::insights::Filter {
            role: Some("leader".into()),
            course: None,
            cohort_from: Some(time::macros::date!(2027 - 01 - 02)),
            cohort_to: None,
        };
        let q = snapshot_query(
            "https://svc/insights",
            "https://p/x",
            time::macros::date!(2027 - 05 - 01),
            &f,
            false,
        );
        assert_eq!(q, "https://svc/insights?program=https%3A%2F%2Fp%2Fx&as_of=2027-05-01&role=leader&from=2027-01-02");
        let named = snapshot_query(
            "https://svc/insights",
            "p",
            time::macros::date!(2027 - 05 - 01),
            &Default::default(),
            true,
        );
        assert!(named.ends_with("&names=true"));
    }

    #[test]
    fn a_later_visit_reads_from_a_second_before_the_newest_stored() {
        assert_eq!(
            resume_since("2027-03-01T10:00:00.5+01:00").as_deref(),
            Some("2027-03-01T08:59:59.5Z")
        );
        assert_eq!(resume_since("yesterday"), None);
    }

    #[test]
    fn the_next_read_starts_at_the_newest_only_when_nothing_can_still_appear() {
        let newest = Some("2027-03-01T10:00:00Z");
        assert_eq!(
            next_since(newest, true, Some("2027-03-01T10:00:05Z")).as_deref(),
            newest
        );
        let overlap = Some("2027-03-01T09:59:59Z");
        assert_eq!(
            next_since(newest, false, Some("2027-03-01T10:00:05Z")).as_deref(),
            overlap
        );
        assert_eq!(next_since(newest, true, None).as_deref(), overlap);
        assert_eq!(
            next_since(newest, true, Some("2027-03-01T09:00:00Z")).as_deref(),
            overlap
        );
        assert_eq!(next_since(None, true, None), None);
    }

    #[test]
    fn windows_adjoin_from_just_before_the_first_page_to_consistent_through() {
        let w = windows("2027-03-01T10:00:00.001Z", "2027-03-01T10:00:04Z", 4);
        let pairs: Vec<(&str, &str)> = w.iter().map(|w| (&*w.since, &*w.until)).collect();
        assert_eq!(
            pairs,
            [
                ("2027-03-01T10:00:00Z", "2027-03-01T10:00:01Z"),
                ("2027-03-01T10:00:01Z", "2027-03-01T10:00:02Z"),
                ("2027-03-01T10:00:02Z", "2027-03-01T10:00:03Z"),
                ("2027-03-01T10:00:03Z", "2027-03-01T10:00:04Z"),
            ]
        );
        // Other offsets are read as the instants they are; the last bound is `through` exactly.
        let w = windows("2027-03-01T11:00:00+01:00", "2027-03-01T10:00:00.01Z", 3);
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].since, "2027-03-01T09:59:59.999Z");
        assert_eq!(w[2].until, "2027-03-01T10:00:00.01Z");
        // Nothing to split, or times that are not times: read on one by one.
        assert_eq!(
            windows("2027-03-01T10:00:00Z", "2027-03-01T09:00:00Z", 4),
            []
        );
        assert_eq!(windows("soon", "2027-03-01T09:00:00Z", 4), []);
        assert_eq!(
            windows("2027-03-01T10:00:00Z", "2027-03-01T10:00:01Z", 0),
            []
        );
        // A span too short for four windows gives fewer, still adjoining.
        let w = windows(
            "2027-03-01T10:00:00.001Z",
            "2027-03-01T10:00:00.000000002Z",
            4,
        );
        assert!(!w.is_empty() && w.len() <= 4);
        assert!(w.windows(2).all(|p| p[0].until == p[1].since));
    }

    #[test]
    fn after_windows_the_next_read_starts_where_the_first_unfinished_one_stopped() {
        let w = windows("2027-03-01T10:00:00.001Z", "2027-03-01T10:00:04Z", 4);
        let read = |i: usize, newest: Option<&str>, complete: bool| WindowRead {
            window: w[i].clone(),
            newest: newest.map(str::to_string),
            complete,
        };
        let through = "2027-03-01T10:00:04Z";
        let all = [
            read(0, Some("2027-03-01T10:00:00.9Z"), true),
            read(1, None, true),
            read(2, Some("2027-03-01T10:00:02.5Z"), true),
            read(3, Some("2027-03-01T10:00:03.5Z"), true),
        ];
        assert_eq!(
            windows_since(&all, through).as_deref(),
            Some("2027-03-01T10:00:03.5Z"),
            "all read: from the newest"
        );
        assert_eq!(windows_left(&all, 2.0), Some(0.0));
        let cut = [
            read(0, Some("2027-03-01T10:00:00.9Z"), true),
            read(1, Some("2027-03-01T10:00:01.5Z"), false),
            read(2, None, false),
            read(3, Some("2027-03-01T10:00:03.5Z"), false),
        ];
        assert_eq!(
            windows_since(&cut, through).as_deref(),
            Some("2027-03-01T10:00:00.5Z"),
            "cut short: a second before where the first unfinished window stopped"
        );
        let untouched = [read(0, None, false), read(1, None, false)];
        assert_eq!(
            windows_since(&untouched, through).as_deref(),
            Some(w[0].since.as_str()),
            "nothing read in it: from its start"
        );
        // The first window, half of the second, none of the third, half of the fourth: 2 s of
        // stored time done of 4 s in 2 s, so 2 s left.
        let left = windows_left(&cut, 2.0).expect("an estimate");
        assert!((left - 2.0).abs() < 1e-6, "{left}");
        assert_eq!(windows_left(&untouched, 2.0), None);
    }

    #[test]
    fn cache_keys_differ_by_lrs_credential_and_program_and_hide_the_credential() {
        let a = cache_key("https://lrs/", "Basic c2VjcmV0", "p");
        assert_eq!(a, cache_key("https://lrs/", "Basic c2VjcmV0", "p"));
        assert_ne!(a, cache_key("https://lrs/", "Basic b3RoZXI=", "p"));
        assert_ne!(a, cache_key("https://other/", "Basic c2VjcmV0", "p"));
        assert_ne!(a, cache_key("https://lrs/", "Basic c2VjcmV0", "q"));
        // Parts cannot be shifted into each other.
        assert_ne!(cache_key("ab", "c", "p"), cache_key("a", "bc", "p"));
        assert!(!a.contains("c2VjcmV0"));
    }

    #[test]
    fn time_left_is_estimated_from_store_times_or_not_at_all() {
        let left = seconds_left(
            "2027-01-01T00:00:00Z",
            "2027-01-01T00:15:00Z",
            "2027-01-01T01:00:00Z",
            10.0,
        );
        assert_eq!(left, Some(30.0));
        assert_eq!(
            seconds_left(
                "2027-01-01T00:00:00Z",
                "2027-01-01T00:00:00Z",
                "2027-01-01T01:00:00Z",
                3.0
            ),
            None
        );
        assert_eq!(
            seconds_left("x", "2027-01-01T00:00:00Z", "2027-01-01T01:00:00Z", 3.0),
            None
        );
        let en = crate::i18n::DASHBOARD.messages("en");
        let say = |w: Words| en.with(w.id, &w.args);
        let line = say(progress_line(2000, 2.0, Left::Unknown));
        assert!(
            line.contains("2000 read, 1000 a second") && line.contains("does not say"),
            "{line}"
        );
        assert!(say(progress_line(10, 1.0, Left::Seconds(4.2))).contains("about 5 s left"));
        assert!(say(progress_line(10, 1.0, Left::Estimating)).contains("estimating"));
        let de = crate::i18n::DASHBOARD.messages("de");
        let w = progress_line(10, 1.0, Left::Seconds(4.2));
        assert!(
            de.with(w.id, &w.args).contains("5 s"),
            "German says the seconds too"
        );
    }
}
