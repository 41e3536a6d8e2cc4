//! The dashboard's snapshot through a real `throughline serve`: `GET /insights` answers only
//! admin keys (401 without one, 403 for a learner's), its figures are those the dashboard
//! folds in the browser from the same statements (a simulated cohort from
//! `throughline::cohort`), statements stored after a first answer are in the next one, names
//! go out only when asked for, and About tells a dashboard where the snapshot is.
//!
//! On PostgreSQL when `THROUGHLINE_TEST_POSTGRES` is set (`.ci/run`), else on SQLite.

#[path = "common/database.rs"]
mod database;
#[path = "common/process.rs"]
mod process;

use process::Process;

use base64::Engine;
use serde_json::{json, Value};
use throughline::cohort::{generate, CohortConfig};
use throughline::insights::{Filter, Insights, Snapshot, SNAPSHOT_LEARNERS};
use throughline::program::{parse, Format, Program};
use throughline_service::lrs::auth::{Credential, CREDENTIALS_FILE};
use throughline_service::lrs::Scope;
use time::macros::date;

fn coaching() -> Program {
    parse(include_str!("../programs/coaching.toml"), Format::Toml).expect("the example program")
}

fn basic(key: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"))
    )
}

struct Site {
    dir: tempfile::TempDir,
    database: Option<String>,
    admin: String,
    learner: String,
}

/// A data folder with an admin key and a learner key (plain secrets, as the demo keeps them:
/// hashing is slow in a debug build and is not what is tested here).
fn site() -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    process::configure(dir.path(), "");
    let credentials = vec![
        Credential {
            name: "admin".into(),
            key: "admin-key".into(),
            secret: uuid::Uuid::new_v4().simple().to_string(),
            secret_hash: None,
            scope: Scope::Admin,
            agent: None,
        },
        Credential {
            name: "Ana".into(),
            key: "ana-key".into(),
            secret: uuid::Uuid::new_v4().simple().to_string(),
            secret_hash: None,
            scope: Scope::Learner,
            agent: Some(json!({"objectType": "Agent", "mbox": "mailto:ana@example.org"})),
        },
    ];
    std::fs::write(
        dir.path().join("data/lrs").join(CREDENTIALS_FILE),
        json!({ "credentials": credentials }).to_string(),
    )
    .expect("credentials file");
    Site {
        dir,
        database: database::fresh(),
        admin: basic(&credentials[0].key, &credentials[0].secret),
        learner: basic(&credentials[1].key, &credentials[1].secret),
    }
}

fn serve(site: &Site) -> Process {
    process::serve(site.dir.path(), site.database.as_deref())
}

/// `GET base+path` with the key; status and body text.
fn get(p: &Process, path: &str, auth: Option<&str>) -> (u16, String) {
    let mut req = ureq::http::Request::builder()
        .method("GET")
        .uri(format!("{}{path}", p.base))
        .header("x-experience-api-version", "1.0.3");
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let mut res = process::http()
        .run(req.body(()).expect("request"))
        .expect("the service answers");
    let status = res.status().as_u16();
    let text = res
        .body_mut()
        .with_config()
        .limit(256 << 20)
        .read_to_string()
        .unwrap_or_default();
    (status, text)
}

fn post_statements(p: &Process, auth: &str, batch: &[Value]) {
    let req = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/xapi/statements", p.base))
        .header("content-type", "application/json")
        .header("x-experience-api-version", "1.0.3")
        .header("authorization", auth)
        .body(Value::Array(batch.to_vec()).to_string())
        .expect("request");
    let status = process::http()
        .run(req)
        .expect("the LRS answers")
        .status()
        .as_u16();
    assert_eq!(status, 200, "statements stored");
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// What the dashboard computes in the browser: every page of its statements query, folded.
fn browser_fold(p: &Process, auth: &str, program: &Program, as_of: time::Date) -> Insights {
    let mut insights = Insights::new(program, as_of).keyed(auth.as_bytes());
    let mut next = format!(
        "/xapi/{}",
        throughline::launch::admin::statements_query(&program.id, None, false)
    );
    loop {
        let (status, body) = get(p, &next, Some(auth));
        assert_eq!(status, 200, "{body}");
        let read = insights.add_page_text(&body).expect("a statement page");
        match read.more {
            Some(more) => next = more,
            None => break,
        }
    }
    insights
}

fn snapshot(p: &Process, auth: &str, query: &str) -> Snapshot {
    let (status, body) = get(p, &format!("/insights?{query}"), Some(auth));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("a snapshot")
}

#[test]
fn the_snapshot_is_for_admins_equals_the_browser_fold_and_sees_new_statements() {
    let program = coaching();
    let as_of = date!(2027 - 04 - 20);
    let cohort = generate(
        &program,
        &CohortConfig {
            learners: 160,
            seed: 15,
            start: date!(2027 - 01 - 04),
            cohorts: 4,
            home_page: "https://lms.example.org".into(),
            course_ids: vec![
                "https://lms.example.org/course/101".into(),
                "https://lms.example.org/course/202".into(),
            ],
            as_of,
        },
    );
    let all: Vec<Value> = cohort
        .statements
        .iter()
        .map(|s| serde_json::to_value(s).expect("statement"))
        .collect();
    let (first, later) = all.split_at(all.len() * 2 / 3);
    let site = site();
    let p = serve(&site);
    for batch in first.chunks(500) {
        post_statements(&p, &site.admin, batch);
    }
    let query = format!(
        "program={}&as_of=2027-04-20&names=true",
        urlencode(&program.id)
    );

    // Only admin keys: none is a 401, a learner's a 403, whatever the program.
    let (status, _) = get(&p, &format!("/insights?{query}"), None);
    assert_eq!(status, 401);
    let (status, body) = get(&p, &format!("/insights?{query}"), Some(&site.learner));
    assert_eq!(status, 403, "{body}");
    let (status, _) = get(
        &p,
        "/insights?program=https%3A%2F%2Fnone.example",
        Some(&site.admin),
    );
    assert_eq!(status, 404);
    let (status, _) = get(
        &p,
        &format!("/insights?{query}&as_of=soon"),
        Some(&site.admin),
    );
    assert_eq!(status, 400);

    // About says where the snapshot is.
    let (_, about) = get(&p, "/xapi/about", None);
    let about: Value = serde_json::from_str(&about).expect("about");
    assert_eq!(
        about["extensions"]["https://throughline.app/xapi/extensions/insights"],
        "../insights"
    );

    let check = |snap: &Snapshot, filter: &Filter| {
        let mut expected = browser_fold(&p, &site.admin, &program, as_of).report(filter);
        assert_eq!(snap.learners, expected.learners.len());
        expected.learners.truncate(SNAPSHOT_LEARNERS);
        assert_eq!(snap.report, expected, "{filter:?}");
    };
    let before = snapshot(&p, &site.admin, &query);
    check(&before, &Filter::default());
    assert_eq!(before.statements, first.len());
    assert!(before.report.learners.iter().any(|l| l.name.is_some()));

    // Statements stored after the first answer are folded into the next.
    for batch in later.chunks(500) {
        post_statements(&p, &site.admin, batch);
    }
    let after = snapshot(&p, &site.admin, &query);
    assert_eq!(after.statements, all.len());
    assert_ne!(
        after.report.funnel, before.report.funnel,
        "new statements count"
    );
    check(&after, &Filter::default());
    // The same figures as folding the cohort's statements straight away.
    let mut direct = Insights::new(&program, as_of).keyed(site.admin.as_bytes());
    for s in &all {
        direct.add(s);
    }
    assert_eq!(
        after.report.funnel,
        direct.report(&Filter::default()).funnel
    );
    assert_eq!(after.report.teams, direct.report(&Filter::default()).teams);

    // Filters as the dashboard's, and the course list whatever the filter.
    let role = &program.roles[0].id;
    let filtered = snapshot(
        &p,
        &site.admin,
        &format!(
            "{query}&role={}&course={}&from=2027-01-10",
            urlencode(role),
            urlencode("https://lms.example.org/course/202")
        ),
    );
    check(
        &filtered,
        &Filter {
            role: Some(role.clone()),
            course: Some("https://lms.example.org/course/202".into()),
            cohort_from: Some(date!(2027 - 01 - 10)),
            cohort_to: None,
        },
    );
    assert_eq!(filtered.courses, after.courses);
    assert_eq!(after.courses.len(), 2);

    // Names only when asked for.
    let unnamed = snapshot(
        &p,
        &site.admin,
        &format!("program={}&as_of=2027-04-20", urlencode(&program.id)),
    );
    assert!(unnamed.report.learners.iter().all(|l| l.name.is_none()));
    assert!(unnamed.report.success.rows.iter().all(|r| r.name.is_none()));
    assert!(unnamed
        .report
        .teams
        .rows
        .iter()
        .all(|t| t.leader_name.is_none()));
    assert_eq!(unnamed.report.funnel, after.report.funnel);

    // A void stored later takes its statement out of the next answer.
    let committed = all
        .iter()
        .find(|s| {
            s["verb"]["id"]
                .as_str()
                .is_some_and(|v| v.ends_with("/committed"))
        })
        .expect("a commitment");
    post_statements(
        &p,
        &site.admin,
        &[json!({
            "actor": {"objectType": "Agent", "mbox": "mailto:admin@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": committed["id"]},
        })],
    );
    let mut voided = snapshot(&p, &site.admin, &query);
    assert_ne!(voided.report, after.report);
    assert_eq!(voided.report.intake.voiding, 1);
    // The service had kept the statement before its void arrived; a browser reading now never
    // sees it (the LRS leaves voided statements out). Only that count differs.
    assert_eq!(voided.report.intake.kept, after.report.intake.kept);
    voided.report.intake.kept -= 1;
    check(&voided, &Filter::default());
}
