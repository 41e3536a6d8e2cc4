//! Two `throughline serve` processes on one PostgreSQL database, behind what
//! would be one address, serve one learner's journey alternately: documents
//! and their ETags, statements, paging, concurrent writes, and the LTI tool's
//! logins and nonces. Nothing either process keeps in memory may matter.
//!
//! Needs a PostgreSQL server: `.ci/run` starts a throwaway one and runs this
//! with `THROUGHLINE_TEST_POSTGRES` set and `--include-ignored`.

#[path = "common/database.rs"]
mod database;
#[path = "common/lti_platform.rs"]
mod lti_platform;
#[path = "common/process.rs"]
mod process;

use std::collections::HashSet;
use std::path::Path;

use base64::Engine;
use serde_json::{json, Value};

const ANA: &str = "mailto:ana@example.org";
const PLAN: &str = "https://throughline.example/programs/coaching";

use process::Process;

fn serve(dir: &Path, database: &str) -> Process {
    process::serve(dir, Some(database))
}

fn command(dir: &Path, database: &str) -> std::process::Command {
    process::throughline(dir, Some(database))
}

struct Reply {
    status: u16,
    etag: Option<String>,
    through: Option<String>,
    body: String,
}

fn call(
    method: &str,
    url: &str,
    auth: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> Reply {
    let mut req = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("authorization", auth)
        .header("x-experience-api-version", "1.0.3");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let text = body.map(Value::to_string).unwrap_or_default();
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req.body(text).expect("request");
    let mut res = process::http().run(req).expect("the service answers");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, through) = (
        header("etag"),
        header("x-experience-api-consistent-through"),
    );
    Reply {
        status: res.status().as_u16(),
        etag,
        through,
        body: res.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn statement(id: &str, verb: &str) -> Value {
    json!({
        "id": id,
        "actor": {"objectType": "Agent", "mbox": ANA},
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}")},
        "object": {"id": format!("{PLAN}/behaviours/feedback")}
    })
}

/// Follows `more` links, alternating between the processes, from `first`.
fn all_pages(procs: [&Process; 2], auth: &str, first: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut next = Some(first.to_string());
    let mut turn = 0;
    while let Some(path) = next.take() {
        let r = call(
            "GET",
            &format!("{}{path}", procs[turn % 2].base),
            auth,
            &[],
            None,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let page: Value = serde_json::from_str(&r.body).expect("a statement result");
        out.extend(page["statements"].as_array().cloned().unwrap_or_default());
        next = page["more"]
            .as_str()
            .filter(|m| !m.is_empty())
            .map(str::to_string);
        turn += 1;
    }
    out
}

#[test]
#[ignore = "needs a PostgreSQL server in THROUGHLINE_TEST_POSTGRES (.ci/run starts one)"]
fn two_processes_on_one_postgres_serve_one_learner_alternately() {
    let server = std::env::var(database::SERVER_VAR)
        .unwrap_or_else(|_| panic!("set {} to a PostgreSQL server URL", database::SERVER_VAR));
    let url = database::create_on(&server);
    let dir = tempfile::tempdir().expect("temp dir");
    process::configure(dir.path(), "");
    let platforms = json!({"platforms": [{
        "issuer": lti_platform::ISS, "client_id": lti_platform::CLIENT, "deployment_ids": ["dep-1"],
        "auth_login_url": "https://lms.example.org/auth",
        "jwks": serde_json::from_str::<Value>(lti_platform::JWKS).expect("jwks")
    }]});
    std::fs::write(
        dir.path().join("data/lti-platforms.json"),
        platforms.to_string(),
    )
    .expect("platforms");
    // Both processes read the same credentials file, as every instance of a deployment must.
    let out = command(dir.path(), &url)
        .args([
            "add-key",
            "ana",
            "--agent",
            &json!({"mbox": ANA}).to_string(),
        ])
        .args(["--config", "throughline.toml"])
        .output()
        .expect("add-key runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pair = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
    );
    let a = serve(dir.path(), &url);
    let b = serve(dir.path(), &url);
    assert_ne!(a.base, b.base);

    // The plan document: created on A, seen and guarded on B.
    let state = format!(
        "/xapi/activities/state?activityId={}&agent={}&stateId=plan",
        urlencode(PLAN),
        urlencode(&json!({"mbox": ANA}).to_string())
    );
    let put = |p: &Process, headers: &[(&str, &str)], body: Value| {
        call(
            "PUT",
            &format!("{}{state}", p.base),
            &auth,
            headers,
            Some(&body),
        )
        .status
    };
    assert_eq!(put(&a, &[("if-none-match", "*")], json!({"step": 1})), 204);
    assert_eq!(
        put(&b, &[("if-none-match", "*")], json!({"step": 0})),
        412,
        "B sees A's document"
    );
    let read = call("GET", &format!("{}{state}", b.base), &auth, &[], None);
    assert_eq!((read.status, read.body.as_str()), (200, r#"{"step":1}"#));
    let first_etag = read.etag.expect("an ETag");
    assert_eq!(
        put(&a, &[("if-match", &first_etag)], json!({"step": 2})),
        204
    );
    assert_eq!(
        put(&b, &[("if-match", &first_etag)], json!({"step": 3})),
        412,
        "B refuses a stale ETag that A replaced"
    );

    // A statement posted on A; re-sent on B it is the same, changed it is a conflict.
    let id = "0a9bcd12-3456-4789-8abc-def012345678";
    let post = |p: &Process, body: Value| {
        call(
            "POST",
            &format!("{}/xapi/statements", p.base),
            &auth,
            &[],
            Some(&body),
        )
    };
    assert_eq!(post(&a, json!([statement(id, "committed")])).status, 200);
    assert_eq!(post(&b, json!([statement(id, "committed")])).status, 200);
    assert_eq!(post(&b, json!([statement(id, "completed")])).status, 409);

    // Both processes take writes at once: 4 writers, 2 on each, 25 batches of 4.
    std::thread::scope(|s| {
        for w in 0..4 {
            let target = if w % 2 == 0 { &a } else { &b };
            let post = &post;
            s.spawn(move || {
                for n in 0..25 {
                    let batch: Vec<Value> = (0..4)
                        .map(|i| {
                            let id = format!("{w:08x}-0000-4000-8000-{:012x}", n * 4 + i);
                            statement(&id, "experienced")
                        })
                        .collect();
                    let r = post(target, Value::Array(batch));
                    assert_eq!(r.status, 200, "{}", r.body);
                }
            });
        }
    });
    let last = call(
        "GET",
        &format!("{}/xapi/statements?limit=1", b.base),
        &auth,
        &[],
        None,
    );
    let newest: Value = serde_json::from_str(&last.body).expect("json");
    let newest_stored = newest["statements"][0]["stored"]
        .as_str()
        .expect("stored")
        .to_string();
    let through = last.through.expect("consistent-through");
    assert!(
        through >= newest_stored,
        "{through} is before the newest statement {newest_stored}"
    );
    let agent = urlencode(&json!({"mbox": ANA}).to_string());
    let all = all_pages(
        [&a, &b],
        &auth,
        &format!("/xapi/statements?agent={agent}&ascending=true&limit=37"),
    );
    let ids: HashSet<&str> = all.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(
        (all.len(), ids.len()),
        (401, 401),
        "every statement once, across pages from both"
    );
    let stored: Vec<&str> = all.iter().filter_map(|s| s["stored"].as_str()).collect();
    assert!(
        stored.windows(2).all(|w| w[0] < w[1]),
        "stored times rise in paging order across both processes"
    );

    // LTI: a login started on one process completes on the other, once.
    let http = process::http();
    let login = |p: &Process| {
        let url = format!(
            "{0}/lti/login?iss={1}&login_hint=u17&target_link_uri={0}/lti/launch&client_id={2}&lti_deployment_id=dep-1",
            p.base,
            lti_platform::ISS,
            lti_platform::CLIENT
        );
        let r = http.get(&url).call().expect("login");
        assert_eq!(r.status().as_u16(), 303);
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let params: std::collections::HashMap<String, String> =
            form_urlencoded::parse(location.split_once('?').map_or("", |q| q.1).as_bytes())
                .into_owned()
                .collect();
        (params["state"].clone(), params["nonce"].clone())
    };
    let launch = |p: &Process, state: &str, token: &str| {
        http.post(&format!("{}/lti/launch", p.base))
            .send_form([("id_token", token), ("state", state)])
            .expect("launch")
            .status()
            .as_u16()
    };
    let (state_1, nonce_1) = login(&a);
    let token_1 = lti_platform::sign(&lti_platform::claims(&nonce_1), lti_platform::KEY);
    assert_eq!(launch(&b, &state_1, &token_1), 200, "A's login is B's too");
    assert_eq!(launch(&a, &state_1, &token_1), 401, "a used state, on A");
    let (state_2, nonce_2) = login(&b);
    let token_2 = lti_platform::sign(&lti_platform::claims(&nonce_2), lti_platform::KEY);
    assert_eq!(launch(&a, &state_2, &token_2), 200, "and B's is A's");
    assert_eq!(launch(&b, &state_2, &token_2), 401, "a used state, on B");
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
