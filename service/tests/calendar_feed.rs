//! A learner's calendar feed from the service: started with their own LRS key,
//! served at an unguessable URL that follows their plan (a snooze moves the
//! same event, with a higher SEQUENCE), replaced when they ask for a new link
//! and stopped when they revoke it. Read back with the `icalendar` crate's
//! parser.

mod common;
#[path = "common/database.rs"]
mod database;

use base64::Engine;
use icalendar::{Calendar, Component};
use serde_json::{json, Value};
use throughline::plan::{self, Moment, Outcome, Plan, StepRecord};
use throughline::program::{parse, Format};
use throughline_service::server::{Service, ServiceConfig, EXAMPLE_PROGRAM};

const ANA: &str = "mailto:ana@example.org";

fn basic(pair: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

fn call(method: &str, url: &str, auth: Option<&str>, body: Option<&str>) -> (u16, String) {
    let mut req = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("x-experience-api-version", "1.0.3")
        .header("content-type", "application/json");
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let req = req
        .body(body.unwrap_or_default().to_string())
        .expect("request");
    let mut res = http().run(req).expect("the service answers");
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_string().unwrap_or_default())
}

fn query(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// (UID, DTSTART line value, SEQUENCE) of each event.
fn events(text: &str) -> Vec<(String, String, String)> {
    let cal: Calendar = text.parse().expect("the feed parses as iCalendar");
    cal.components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            (
                e.get_uid().unwrap_or_default().to_string(),
                e.properties()
                    .get("DTSTART")
                    .map(|p| p.value().to_string())
                    .unwrap_or_default(),
                e.property_value("SEQUENCE").unwrap_or("0").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_feed_follows_the_plan_is_replaced_by_a_new_link_and_stops_when_revoked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bundle = dir.path().join("pkg");
    std::fs::create_dir_all(&bundle).expect("bundle dir");
    let service = Service::open(ServiceConfig {
        data_dir: dir.path().join("data"),
        bundle,
        database: database::fresh(),
        lti_program: "/compiled/coaching.json".into(),
        learners: vec![("ana".into(), json!({"objectType": "Agent", "mbox": ANA}))],
        hash_secrets: false,
    })
    .expect("open the service");
    let pair = |name: &str| {
        let c = service
            .credentials()
            .iter()
            .find(|c| c.name == name)
            .expect("a key");
        basic(&format!("{}:{}", c.key, c.secret))
    };
    let (ana, admin) = (pair("ana"), pair("admin"));
    let (base, _running) = common::serve(service.router());
    let program = parse(EXAMPLE_PROGRAM, Format::Toml).expect("the example program");
    let agent = json!({"objectType": "Agent", "mbox": ANA}).to_string();

    let today = time::OffsetDateTime::now_utc().date();
    let committed = today - time::Duration::days(2);
    let at = committed.midnight().assume_utc();
    let role = program.role("leader").expect("leader");
    let commitment: Value = json!({"behaviour": role.commitments[0].behaviour, "text": "Ask first", "when_where": "1:1s"});
    let mut p = Plan {
        role: Some("leader".into()),
        commitments: vec![serde_json::from_value(commitment).expect("commitment")],
        committed: Some(Moment {
            date: committed,
            at,
        }),
        updated: Some(Moment {
            date: committed,
            at,
        }),
        ..Default::default()
    };
    let state = format!(
        "{base}/xapi/activities/state?{}",
        query(&[
            ("stateId", throughline::enrolment::PLAN_STATE),
            ("activityId", &program.id),
            ("agent", &agent)
        ])
    );
    assert_eq!(
        call("PUT", &state, Some(&ana), Some(&plan::store(&p))).0,
        204
    );

    let feeds = format!(
        "{base}/calendar/feeds?{}",
        query(&[("program", &program.id)])
    );
    assert_eq!(call("POST", &feeds, None, None).0, 401, "no key");
    assert_eq!(
        call("POST", &feeds, Some(&admin), None).0,
        403,
        "a key with no learner"
    );
    let (status, body) = call("POST", &feeds, Some(&ana), None);
    assert_eq!(status, 201, "{body}");
    let url = serde_json::from_str::<Value>(&body).expect("JSON")["url"]
        .as_str()
        .expect("a url")
        .to_string();
    assert!(
        url.starts_with(&format!("{base}/calendar/")) && url.ends_with(".ics"),
        "{url}"
    );
    let token = url
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".ics");
    assert!(token.len() >= 32, "unguessable: {token}");

    let (status, first) = call("GET", &url, None, None);
    assert_eq!(status, 200);
    let before = events(&first);
    assert_eq!(
        before.len(),
        program.schedule.len(),
        "one event per open step"
    );
    assert!(before.iter().all(|(_, _, seq)| seq == "0"));

    // Snoozed by three days: the same event moves, with a higher SEQUENCE.
    p.steps.insert(
        2,
        StepRecord {
            outcome: Outcome::Snoozed {
                on: today,
                until: today + time::Duration::days(3),
            },
            ratings: Default::default(),
        },
    );
    assert_eq!(
        call("PUT", &state, Some(&ana), Some(&plan::store(&p))).0,
        204
    );
    let after = events(&call("GET", &url, None, None).1);
    assert_eq!(after.len(), before.len());
    assert_eq!(after[0].0, before[0].0, "same UID");
    assert_ne!(after[0].1, before[0].1, "moved");
    assert!(
        after[0].2.parse::<u32>().expect("a number") > 0,
        "newer SEQUENCE"
    );
    assert_eq!(&after[1..], &before[1..], "the other steps are unchanged");

    // A new link replaces the old one; revoking stops the new one.
    let (_, body) = call("POST", &feeds, Some(&ana), None);
    let second = serde_json::from_str::<Value>(&body).expect("JSON")["url"]
        .as_str()
        .expect("url")
        .to_string();
    assert_ne!(second, url);
    assert_eq!(call("GET", &url, None, None).0, 404, "the old link stopped");
    assert_eq!(call("GET", &second, None, None).0, 200);
    assert_eq!(call("DELETE", &feeds, Some(&ana), None).0, 204);
    assert_eq!(call("GET", &second, None, None).0, 404, "revoked");
    for bad in [
        "nope.ics",
        "..%2F..%2Fetc.ics",
        "0123456789abcdef0123456789abcdef",
    ] {
        assert_eq!(
            call("GET", &format!("{base}/calendar/{bad}"), None, None).0,
            404,
            "{bad}"
        );
    }
}
