//! The learner's reflection schedule as an RFC 5545 calendar file, so the
//! follow-up lands in the calendar they already live in.
//!
//! Written by hand rather than with a calendar crate: the format needed is a
//! few all-day events, and the crates pull a date library the size budget of
//! the learner bundle cannot carry. Tests read the output back with the
//! `icalendar` parser.

use std::fmt::Write;

use time::OffsetDateTime;

use crate::plan::{Outcome, Plan};
use crate::program::Program;

/// Builds the `.ics` text: one all-day event per step not yet closed, each with
/// a reminder at 09:00 on the day. `course_url` links each event back to the
/// course when it is an http(s) URL.
///
/// Dates are the learner's effective ones: their own cadence (moved steps, a
/// weekday, pauses) and snoozes.
///
/// Re-importing a newer download updates events rather than adding copies:
/// every step keeps its UID, and `SEQUENCE` rises with every move (the days a
/// snooze put it off, plus one for each change the learner made to the
/// schedule's days), which calendar clients take as the newer version of the
/// same event.
pub fn ics(
    program: &Program,
    plan: &Plan,
    learner_id: &str,
    course_url: Option<&str>,
    stamp: OffsetDateTime,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Throughline//Learner widget//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&program.title)),
    ];
    let url = course_url.filter(|u| is_plain_http_url(u));
    let role = plan.role.as_deref().unwrap_or_default();
    let utc = stamp.to_offset(time::UtcOffset::UTC);
    let dtstamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    );
    if plan.committed.is_some() {
        let today = stamp.date();
        for view in crate::schedule::timeline(program, plan, today) {
            if view.status.is_closed() {
                continue;
            }
            let due = view.due;
            // A snoozed step stays on the day asked for, also once it is due again there.
            let date = match plan.steps.get(&view.step.day).map(|r| &r.outcome) {
                Some(Outcome::Snoozed { until, .. }) => *until,
                _ => due,
            };
            let sequence = (date - due).whole_days().max(0) + i64::from(plan.rhythm.changes);
            let next = date.next_day().unwrap_or(date);
            let mut description = format!(
                "{}\n\n{}",
                view.step.prompt_for(role),
                "Open the course to answer it in your Throughline plan."
            );
            if let Some(u) = url {
                let _ = write!(description, "\n{u}");
            }
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!(
                "UID:tl-{:016x}-d{}@throughline",
                fnv1a(&[&program.id, learner_id]),
                view.step.day
            ));
            lines.push(format!("DTSTAMP:{dtstamp}"));
            lines.push(format!("SEQUENCE:{sequence}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", ymd(date)));
            lines.push(format!("DTEND;VALUE=DATE:{}", ymd(next)));
            let summary = escape(&format!("Reflect: {} ({})", view.step.title, program.title));
            lines.push(format!("SUMMARY:{summary}"));
            lines.push(format!("DESCRIPTION:{}", escape(&description)));
            if let Some(u) = url {
                lines.push(format!("URL:{u}"));
            }
            lines.push("TRANSP:TRANSPARENT".into());
            // 09:00 on the day, in the learner's own time (the date is floating).
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("DESCRIPTION:{summary}"));
            lines.push("TRIGGER;RELATED=START:PT9H".into());
            lines.push("END:VALARM".into());
            lines.push("END:VEVENT".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Where the learner asks the Throughline service for a calendar feed: the service that
/// holds the LRS endpoint (`…/xapi/`), with the program's id. `None` when the endpoint is
/// not a Throughline service's (another LRS has no feeds, and guessing would send the
/// learner's key elsewhere).
pub fn feed_request(endpoint: &str, program_id: &str) -> Option<String> {
    let base = endpoint.strip_suffix("xapi/")?;
    if !is_plain_http_url(base) || !base.ends_with('/') {
        return None;
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("program", program_id)
        .finish();
    Some(format!("{base}calendar/feeds?{query}"))
}

/// Why a calendar feed could not be started or stopped, in words for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError(pub String);

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads the service's answer to starting a feed (`status` is `None` when no answer came):
/// the feed's address, which must be an http(s) URL ending in `.ics`.
pub fn feed_started(status: Option<u16>, body: &str) -> Result<String, FeedError> {
    match status {
        Some(200 | 201) => {
            let url = serde_json::from_str::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_owned))
                .filter(|u| is_plain_http_url(u) && u.ends_with(".ics"));
            url.ok_or_else(|| FeedError("The service's answer held no calendar link. Download the calendar file instead.".into()))
        }
        other => Err(feed_failed(other)),
    }
}

/// Reads the service's answer to stopping a feed.
pub fn feed_stopped(status: Option<u16>) -> Result<(), FeedError> {
    match status {
        Some(200 | 204) => Ok(()),
        other => Err(feed_failed(other)),
    }
}

fn feed_failed(status: Option<u16>) -> FeedError {
    FeedError(match status {
        None => "No answer from the service (offline or unreachable). Try again when you are connected.".into(),
        Some(401 | 403) => "The service did not accept this page's sign-in for calendar links. Download the calendar file instead.".into(),
        Some(404 | 405) => "This course's record store does not offer calendar links. Download the calendar file instead.".into(),
        Some(s) if s >= 500 => format!("The service had a problem (error {s}). Try again in a few minutes."),
        Some(s) => format!("The service refused the calendar link (error {s})."),
    })
}

/// The feed's address for calendar apps that subscribe from a link (`webcal://`).
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

fn ymd(d: time::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Stable across builds and platforms, unlike `DefaultHasher`, so re-downloads update events instead of duplicating them.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn is_plain_http_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://"))
        && u.len() < 2000
        && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// RFC 5545 §3.3.11 TEXT escaping.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space, never splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{apply, Action, Commitment, Now};
    use crate::program::{parse, Format};
    use icalendar::{Calendar, Component};
    use time::macros::date;

    #[test]
    fn feed_requests_go_only_to_a_throughline_service() {
        assert_eq!(
            feed_request("https://lrs.example/xapi/", "urn:p:coaching").as_deref(),
            Some("https://lrs.example/calendar/feeds?program=urn%3Ap%3Acoaching")
        );
        assert_eq!(
            feed_request("http://127.0.0.1:9/tl/xapi/", "https://x.example/p?a=1&b").as_deref(),
            Some("http://127.0.0.1:9/tl/calendar/feeds?program=https%3A%2F%2Fx.example%2Fp%3Fa%3D1%26b")
        );
        for other in [
            "https://lrs.example/data/xAPI/",
            "https://lrs.example/cmi5/",
            "javascript:xapi/",
            "xapi/",
        ] {
            assert_eq!(feed_request(other, "urn:p"), None, "{other}");
        }
    }

    #[test]
    fn feed_answers_read_into_a_link_or_plain_words() {
        assert_eq!(
            feed_started(
                Some(201),
                r#"{"url":"https://lrs.example/calendar/abc.ics"}"#
            ),
            Ok("https://lrs.example/calendar/abc.ics".to_string())
        );
        for body in [
            "",
            "{}",
            r#"{"url":"javascript:alert(1)//.ics"}"#,
            r#"{"url":"https://x.example/a b.ics"}"#,
            r#"{"url":"https://x.example/page"}"#,
        ] {
            assert!(
                feed_started(Some(201), body)
                    .unwrap_err()
                    .0
                    .contains("no calendar link"),
                "{body}"
            );
        }
        assert!(feed_started(None, "").unwrap_err().0.contains("No answer"));
        assert!(feed_started(Some(404), "")
            .unwrap_err()
            .0
            .contains("does not offer"));
        assert!(feed_started(Some(403), "")
            .unwrap_err()
            .0
            .contains("sign-in"));
        assert!(feed_started(Some(503), "")
            .unwrap_err()
            .0
            .contains("error 503"));
        assert_eq!(feed_stopped(Some(204)), Ok(()));
        assert!(feed_stopped(Some(500)).is_err());
        assert_eq!(
            webcal("https://a.example/calendar/t.ics"),
            "webcal://a.example/calendar/t.ics"
        );
        assert_eq!(webcal("http://a.example/c.ics"), "webcal://a.example/c.ics");
    }

    #[test]
    fn calendar_parses_back_with_one_event_per_open_step() {
        let mut p = parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid");
        p.schedule[0].title = "First try; with, commas \\ and a very long title that will need folding across lines ✓✓✓".into();
        let mut plan = Plan::default();
        let now = Now::local(date!(2027 - 01 - 01), 10, 0);
        apply(
            &p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now,
        )
        .expect("role");
        let c = Commitment {
            behaviour: "give-feedback".into(),
            text: "x".into(),
            when_where: "y".into(),
        };
        apply(
            &p,
            &mut plan,
            Action::Commit {
                commitments: vec![c],
                baselines: crate::plan::tests::starts(),
                why: String::new(),
            },
            now,
        )
        .expect("commit");
        let text = ics(
            &p,
            &plan,
            "learner-1",
            Some("https://lms.example/course/7"),
            now.at,
        );
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "folded");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let cal: Calendar = text.parse().expect("parses as iCalendar");
        let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events.len(), p.schedule.len());
        assert_eq!(
            events[0].get_summary(),
            Some(format!("Reflect: {} ({})", p.schedule[0].title, p.title).as_str())
        );
        assert_eq!(events[0].get_url(), Some("https://lms.example/course/7"));
        assert!(text.contains("DTSTART;VALUE=DATE:20270103"));
        assert!(text.contains("DTSTART;VALUE=DATE:20270215"), "day 45");
        let again = ics(&p, &plan, "learner-1", None, now.at);
        assert_eq!(text.matches("UID:").count(), again.matches("UID:").count());
        assert!(!again.contains("URL:"));
        assert!(
            ics(&p, &plan, "learner-1", Some("javascript:alert(1)"), now.at)
                .find("javascript")
                .is_none()
        );
        assert_eq!(text.matches("BEGIN:VALARM").count(), p.schedule.len());
        assert!(text.contains("TRIGGER;RELATED=START:PT9H"));
        assert_eq!(text.matches("SEQUENCE:0").count(), p.schedule.len());

        // A snooze moves the event: same UID, higher SEQUENCE, new date.
        let uid_of = |t: &str| {
            t.split("\r\n")
                .find(|l| l.starts_with("UID:") && l.ends_with("-d2@throughline"))
                .map(str::to_string)
        };
        let due_day = Now::local(date!(2027 - 01 - 03), 10, 0);
        apply(
            &p,
            &mut plan,
            Action::Snooze {
                day: 2,
                until: date!(2027 - 01 - 05),
            },
            due_day,
        )
        .expect("snoozed");
        let moved = ics(&p, &plan, "learner-1", None, due_day.at);
        assert_eq!(uid_of(&moved), uid_of(&text), "the same event");
        assert!(moved.contains("SEQUENCE:2"), "moved two days later");
        assert!(moved.contains("DTSTART;VALUE=DATE:20270105"));
        let cal: Calendar = moved.parse().expect("parses as iCalendar");
        assert_eq!(
            cal.components.iter().filter_map(|c| c.as_event()).count(),
            p.schedule.len()
        );
    }

    #[test]
    fn every_move_raises_the_sequence_and_events_use_the_learners_dates() {
        let p = parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid");
        let mut plan = Plan::default();
        let now = Now::local(date!(2027 - 01 - 01), 10, 0);
        apply(
            &p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now,
        )
        .expect("role");
        let c = Commitment {
            behaviour: "give-feedback".into(),
            text: "x".into(),
            when_where: "y".into(),
        };
        let commit = Action::Commit {
            commitments: vec![c],
            baselines: crate::plan::tests::starts(),
            why: String::new(),
        };
        apply(&p, &mut plan, commit, now).expect("commit");
        let seq = |plan: &Plan| {
            let text = ics(&p, plan, "l", None, now.at);
            text.split("\r\n")
                .filter_map(|l| l.strip_prefix("SEQUENCE:"))
                .map(|n| n.parse::<i64>().expect("number"))
                .collect::<Vec<_>>()
        };
        assert_eq!(seq(&plan), [0, 0, 0, 0]);
        let mut last = seq(&plan);
        for action in [
            Action::MoveStep {
                day: 7,
                by_days: -2,
            },
            Action::ChooseWeekday {
                weekday: Some(crate::program::Weekday::Thursday),
            },
            Action::Pause {
                until: date!(2027 - 01 - 20),
            },
            Action::MoveStep {
                day: 21,
                by_days: 0,
            },
            Action::Resume,
        ] {
            let on = if matches!(action, Action::Resume) {
                date!(2027 - 01 - 05)
            } else {
                now.today
            };
            apply(&p, &mut plan, action.clone(), Now::local(on, 10, 0)).expect("accepted");
            let next = seq(&plan);
            assert!(
                next.iter().zip(&last).all(|(n, l)| n > l),
                "{action:?}: {last:?} -> {next:?}"
            );
            last = next;
        }
        // Day 2 (Sunday 3 January) waits out the pause (1 to 5 January, four days) and then
        // falls on the next Thursday, 7 January.
        let text = ics(&p, &plan, "l", None, now.at);
        let dues = crate::schedule::timeline(&p, &plan, now.today);
        assert!(text.contains(&format!("DTSTART;VALUE=DATE:{}", ymd(dues[0].due))));
        assert_eq!(dues[0].due, date!(2027 - 01 - 07));
    }
}
