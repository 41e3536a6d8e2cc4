//! End-to-end tests of the embedded LRS over real HTTP: each test starts the
//! router (nested under `/xapi`, as the demo mounts it) on a free loopback
//! port with a fresh data dir and talks to it with a plain HTTP client.

mod common;
#[path = "common/database.rs"]
mod database;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::{json, Value};
use throughline_service::lrs::{Credential, Lrs, LrsConfig, Scope};

const V: &str = "1.0.3";

struct Server {
    base: String,
    credentials: Vec<Credential>,
    running: common::Running,
}

impl Server {
    fn start(dir: &Path) -> Server {
        Server::start_with(dir, database::fresh())
    }

    /// Opens the LRS in `dir`, its data in `database` (PostgreSQL) when given.
    fn start_with(dir: &Path, database: Option<String>) -> Server {
        // Learner keys as an organisation would add them (the tests act as ana, ben and chloe).
        let learners = ["ana", "ben", "chloe"]
            .iter()
            .map(|n| {
                let agent = serde_json::json!({"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": n}});
                (n.to_string(), agent)
            })
            .collect();
        let lrs = Lrs::open(LrsConfig {
            data_dir: dir.to_path_buf(),
            database,
            learners,
            hash_secrets: false,
        })
        .expect("open the LRS");
        let credentials = lrs.credentials().to_vec();
        let (base, running) = common::serve(axum::Router::new().nest("/xapi", lrs.router()));
        Server {
            base,
            credentials,
            running,
        }
    }

    fn stop(&mut self) {
        self.running.stop();
    }

    fn cred(&self, name: &str) -> &Credential {
        self.credentials
            .iter()
            .find(|c| c.name == name)
            .expect("credential")
    }

    fn auth(&self, name: &str) -> String {
        let c = self.cred(name);
        basic(&c.key, &c.secret)
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Resp {
        let mut all: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        all.extend_from_slice(headers);
        let e = common::exchange(method, &format!("{}{}", self.base, path), &all, body);
        Resp {
            status: e.status,
            headers: e.headers,
            body: String::from_utf8_lossy(&e.body).into_owned(),
        }
    }

    /// An xAPI request with the version header and the named credential.
    fn x(&self, method: &str, path: &str, who: &str, body: Option<&Value>) -> Resp {
        let auth = self.auth(who);
        let text = body.map(|b| b.to_string());
        let mut headers = vec![("X-Experience-API-Version", V)];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        // Creating a profile document says so (1.0.3 refuses a profile PUT with neither header).
        if method == "PUT" && path.contains("/profile?") {
            headers.push(("If-None-Match", "*"));
        }
        self.call(
            method,
            path,
            Some(&auth),
            &headers,
            text.as_deref().map(str::as_bytes),
        )
    }

    fn post_statements(&self, who: &str, body: &Value) -> Vec<String> {
        let r = self.x("POST", "/xapi/statements", who, Some(body));
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).expect("ids")
    }

    /// Follows `more` links from `first` and returns every statement seen.
    fn all_pages(&self, who: &str, first: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut next = first.to_string();
        for _ in 0..1000 {
            let r = self.x("GET", &next, who, None);
            assert_eq!(r.status, 200, "{}: {}", next, r.body);
            let page = r.json();
            out.extend(
                page["statements"]
                    .as_array()
                    .expect("statements")
                    .iter()
                    .cloned(),
            );
            let more = page["more"].as_str().expect("more is a string");
            if more.is_empty() {
                return out;
            }
            assert!(more.starts_with("/xapi/statements?"), "{more}");
            next = more.to_string();
        }
        panic!("paging did not end");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

fn basic(key: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"))
    )
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn fresh() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    (dir, server)
}

fn mbox(name: &str) -> Value {
    json!({"objectType": "Agent", "mbox": format!("mailto:{name}@example.com")})
}

fn learner(name: &str) -> Value {
    json!({"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": name}})
}

fn statement(actor: Value, verb: &str, activity: &str) -> Value {
    json!({
        "actor": actor,
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}"), "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": activity, "definition": {"name": {"en-US": "Thing"}}}
    })
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn ids_of(statements: &[Value]) -> Vec<String> {
    statements
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn about_needs_no_credentials_or_version() {
    let (_dir, s) = fresh();
    let r = s.call("GET", "/xapi/about", None, &[], None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["version"], json!(["1.0.3", "2.0.0"]));
    assert_eq!(r.header("x-experience-api-version"), Some("1.0.3"));
    // HEAD answers like GET without a body.
    let auth = s.auth("admin");
    let r = s.call(
        "HEAD",
        "/xapi/statements",
        Some(&auth),
        &[("X-Experience-API-Version", V)],
        None,
    );
    assert_eq!((r.status, r.body.as_str()), (200, ""));
    assert!(r.header("x-experience-api-consistent-through").is_some());
}

#[test]
fn version_header_is_required_and_echoed() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let r = s.call("GET", "/xapi/statements", Some(&auth), &[], None);
    assert_eq!(r.status, 400);
    assert!(r.body.contains("X-Experience-API-Version"), "{}", r.body);
    let r = s.call(
        "GET",
        "/xapi/statements",
        Some(&auth),
        &[("X-Experience-API-Version", "0.95")],
        None,
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("0.95"), "{}", r.body);
    let r = s.call(
        "GET",
        "/xapi/statements",
        Some(&auth),
        &[("X-Experience-API-Version", "2.0.0")],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("x-experience-api-version"), Some("2.0.0"));
    let r = s.call(
        "GET",
        "/xapi/statements",
        Some(&auth),
        &[("X-Experience-API-Version", "1.0.1")],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("x-experience-api-version"), Some("1.0.3"));
}

#[test]
fn bad_credentials_are_401_with_challenge() {
    let (_dir, s) = fresh();
    let v = [("X-Experience-API-Version", V)];
    let none = s.call("GET", "/xapi/statements", None, &v, None);
    assert_eq!(none.status, 401);
    assert_eq!(
        none.header("www-authenticate"),
        Some("Basic realm=\"xAPI\"")
    );
    let admin = s.cred("admin");
    let wrong = basic(&admin.key, "not-the-secret");
    let r = s.call("GET", "/xapi/statements", Some(&wrong), &v, None);
    assert_eq!(r.status, 401);
    let r = s.call("GET", "/xapi/statements", Some("Bearer abc"), &v, None);
    assert_eq!(r.status, 401);
    assert_eq!(
        s.credentials
            .iter()
            .filter(|c| c.scope == Scope::Admin)
            .count(),
        1
    );
    assert_eq!(
        s.credentials
            .iter()
            .filter(|c| c.scope == Scope::Learner)
            .count(),
        3
    );
}

#[test]
fn put_then_get_a_statement() {
    let (_dir, s) = fresh();
    let id = uuid();
    let st = statement(mbox("ana"), "completed", "http://example.com/a/1");
    let r = s.x(
        "PUT",
        &format!("/xapi/statements?statementId={id}"),
        "admin",
        Some(&st),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    let r = s.x(
        "GET",
        &format!("/xapi/statements?statementId={id}"),
        "admin",
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let got = r.json();
    assert_eq!(got["id"], json!(id));
    assert_eq!(got["verb"], st["verb"]);
    assert_eq!(got["version"], json!("1.0.0"));
    assert!(got["stored"].is_string() && got["timestamp"].is_string());
    assert_eq!(got["authority"]["account"]["name"], json!("admin"));
    assert!(r
        .header("last-modified")
        .is_some_and(|h| h.ends_with("GMT")));
    assert!(r.header("x-experience-api-consistent-through").is_some());
    let missing = s.x(
        "GET",
        &format!("/xapi/statements?statementId={}", uuid()),
        "admin",
        None,
    );
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("x-experience-api-consistent-through")
            .is_some(),
        "also on errors"
    );
    let both = s.x(
        "GET",
        &format!("/xapi/statements?statementId={id}&voidedStatementId={id}"),
        "admin",
        None,
    );
    assert_eq!(both.status, 400);
    let extra = s.x(
        "GET",
        &format!("/xapi/statements?statementId={id}&limit=3"),
        "admin",
        None,
    );
    assert_eq!(extra.status, 400);
    let mismatch = s.x("PUT", &format!("/xapi/statements?statementId={}", uuid()), "admin", Some(&json!({
        "id": id, "actor": mbox("ana"), "verb": {"id": "http://x/v"}, "object": {"id": "http://x/o"}
    })));
    assert_eq!(mismatch.status, 400);
}

#[test]
fn post_single_and_array_answers_ids() {
    let (_dir, s) = fresh();
    let one = s.post_statements(
        "admin",
        &statement(mbox("ana"), "attempted", "http://example.com/a/1"),
    );
    assert_eq!(one.len(), 1);
    assert!(uuid::Uuid::parse_str(&one[0]).is_ok());
    let given = uuid();
    let mut second = statement(mbox("ben"), "attempted", "http://example.com/a/2");
    second["id"] = json!(given);
    let many = s.post_statements(
        "admin",
        &json!([
            statement(mbox("chloe"), "attempted", "http://example.com/a/3"),
            second
        ]),
    );
    assert_eq!(many.len(), 2);
    assert_eq!(many[1], given);
    let dup = json!([{"id": given, "actor": mbox("x"), "verb": {"id": "http://x/v"}, "object": {"id": "http://x/o"}},
                     {"id": given, "actor": mbox("x"), "verb": {"id": "http://x/v"}, "object": {"id": "http://x/o"}}]);
    let r = s.x("POST", "/xapi/statements", "admin", Some(&dup));
    assert_eq!(r.status, 400, "{}", r.body);
}

#[test]
fn resend_is_idempotent_but_changed_content_conflicts() {
    let (_dir, s) = fresh();
    let id = uuid();
    let mut st = statement(mbox("ana"), "completed", "http://example.com/a/1");
    st["context"] = json!({"contextActivities": {"parent": {"id": "http://example.com/course"}}});
    let put = |body: &Value| {
        s.x(
            "PUT",
            &format!("/xapi/statements?statementId={id}"),
            "admin",
            Some(body),
        )
    };
    assert_eq!(put(&st).status, 204);
    assert_eq!(put(&st).status, 204, "an identical re-send must succeed");
    let stored = s
        .x(
            "GET",
            &format!("/xapi/statements?statementId={id}"),
            "admin",
            None,
        )
        .json();
    assert_eq!(
        stored["context"]["contextActivities"]["parent"],
        json!([{"id": "http://example.com/course"}]),
        "single context activities come back as arrays"
    );
    // Same content with keys in another order, sent by POST with the id.
    let reordered: Value = serde_json::from_str(&format!(
        r#"{{"context": {}, "object": {}, "verb": {}, "id": "{id}", "actor": {}}}"#,
        st["context"], st["object"], st["verb"], st["actor"]
    ))
    .expect("json");
    assert_eq!(s.post_statements("admin", &reordered), vec![id.clone()]);
    let changed = statement(mbox("ana"), "failed", "http://example.com/a/1");
    let r = put(&changed);
    assert_eq!(r.status, 409, "{}", r.body);
    let mut batch_conflict = changed.clone();
    batch_conflict["id"] = json!(id);
    let fresh_one = statement(mbox("ben"), "completed", "http://example.com/a/1");
    let r = s.x(
        "POST",
        "/xapi/statements",
        "admin",
        Some(&json!([fresh_one, batch_conflict])),
    );
    assert_eq!(r.status, 409);
    // Nothing from the rejected batch was stored.
    let r = s.x(
        "GET",
        &format!("/xapi/statements?agent={}", enc(&mbox("ben").to_string())),
        "admin",
        None,
    );
    assert_eq!(r.json()["statements"].as_array().map(Vec::len), Some(0));
}

#[test]
fn queries_filter_by_each_parameter() {
    let (_dir, s) = fresh();
    let reg = uuid();
    let course = "http://example.com/course";
    let mut in_course = statement(mbox("ana"), "completed", "http://example.com/a/1");
    in_course["context"] = json!({"registration": reg, "instructor": mbox("teacher"),
        "contextActivities": {"parent": [{"id": course}]}});
    let about_ben = json!({"actor": mbox("ana"), "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
        "object": mbox("ben")});
    let team_actor = json!({"actor": {"objectType": "Group", "name": "Team", "member": [mbox("chloe"), mbox("dan")]},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"}, "object": {"id": "http://example.com/a/2"}});
    let ids = s.post_statements(
        "admin",
        &json!([
            in_course,
            about_ben,
            team_actor,
            statement(mbox("ben"), "attempted", course)
        ]),
    );
    let q = |query: &str| -> Vec<String> {
        let r = s.x("GET", &format!("/xapi/statements?{query}"), "admin", None);
        assert_eq!(r.status, 200, "{query}: {}", r.body);
        assert!(r.header("x-experience-api-consistent-through").is_some());
        let mut got = ids_of(r.json()["statements"].as_array().expect("statements"));
        got.sort();
        got
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let agent = |name: &str| enc(&mbox(name).to_string());
    assert_eq!(q(""), sorted(ids.clone()));
    assert_eq!(
        q(&format!("agent={}", agent("ana"))),
        sorted(vec![ids[0].clone(), ids[1].clone()])
    );
    assert_eq!(
        q(&format!("agent={}", agent("ben"))),
        sorted(vec![ids[1].clone(), ids[3].clone()])
    );
    assert_eq!(
        q(&format!("agent={}", agent("dan"))),
        vec![ids[2].clone()],
        "group members match"
    );
    assert_eq!(
        q(&format!("agent={}", agent("teacher"))),
        Vec::<String>::new()
    );
    assert_eq!(
        q(&format!("agent={}&related_agents=true", agent("teacher"))),
        vec![ids[0].clone()]
    );
    assert_eq!(
        q(&format!(
            "verb={}",
            enc("http://adlnet.gov/expapi/verbs/attempted")
        )),
        sorted(vec![ids[2].clone(), ids[3].clone()])
    );
    assert_eq!(
        q(&format!("activity={}", enc(course))),
        vec![ids[3].clone()]
    );
    assert_eq!(
        q(&format!("activity={}&related_activities=true", enc(course))),
        sorted(vec![ids[0].clone(), ids[3].clone()])
    );
    assert_eq!(q(&format!("registration={reg}")), vec![ids[0].clone()]);
    assert_eq!(
        q(&format!("registration={reg}&verb={}", enc("http://x/none"))),
        Vec::<String>::new()
    );

    // Order, limit, since/until and formats.
    let r = s
        .x("GET", "/xapi/statements?ascending=true", "admin", None)
        .json();
    assert_eq!(ids_of(r["statements"].as_array().expect("statements")), ids);
    let r = s.x("GET", "/xapi/statements", "admin", None).json();
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(
        ids_of(r["statements"].as_array().expect("statements")),
        newest_first
    );
    assert_eq!(r["more"], json!(""));
    let r = s.x("GET", "/xapi/statements?limit=1", "admin", None).json();
    assert_eq!(r["statements"].as_array().map(Vec::len), Some(1));
    assert_ne!(r["more"], json!(""));
    let second_stored = s
        .x(
            "GET",
            &format!("/xapi/statements?statementId={}", ids[1]),
            "admin",
            None,
        )
        .json()["stored"]
        .as_str()
        .expect("stored")
        .to_string();
    assert_eq!(
        q(&format!("since={}", enc(&second_stored))),
        sorted(vec![ids[2].clone(), ids[3].clone()])
    );
    assert_eq!(
        q(&format!("until={}", enc(&second_stored))),
        sorted(vec![ids[0].clone(), ids[1].clone()])
    );
    let r = s
        .x(
            "GET",
            &format!("/xapi/statements?statementId={}&format=ids", ids[0]),
            "admin",
            None,
        )
        .json();
    assert_eq!(
        r["verb"],
        json!({"id": "http://adlnet.gov/expapi/verbs/completed"})
    );
    assert!(r["object"].get("definition").is_none());
    let r = s
        .x(
            "GET",
            &format!("/xapi/statements?statementId={}&format=exact", ids[0]),
            "admin",
            None,
        )
        .json();
    assert_eq!(r["object"]["definition"]["name"]["en-US"], json!("Thing"));

    for bad in [
        "verb=completed",
        "agent=ana",
        "since=yesterday",
        "limit=-1",
        "format=full",
        "colour=red",
        "ascending=yes",
    ] {
        let r = s.x("GET", &format!("/xapi/statements?{bad}"), "admin", None);
        assert_eq!(r.status, 400, "{bad} should be refused");
    }
}

#[test]
fn paging_through_more_links_sees_every_statement_once() {
    let (_dir, s) = fresh();
    let mut posted = HashSet::new();
    for chunk in 0..3 {
        let batch: Vec<Value> = (0..25)
            .map(|i| {
                statement(
                    mbox(&format!("p{chunk}x{i}")),
                    "experienced",
                    "http://example.com/paged",
                )
            })
            .collect();
        posted.extend(s.post_statements("admin", &Value::Array(batch)));
    }
    let noise = statement(mbox("noise"), "experienced", "http://example.com/other");
    s.post_statements("admin", &noise);
    for order in ["false", "true"] {
        let first = format!(
            "/xapi/statements?activity={}&limit=7&ascending={order}",
            enc("http://example.com/paged")
        );
        let seen = ids_of(&s.all_pages("admin", &first));
        let unique: HashSet<String> = seen.iter().cloned().collect();
        assert_eq!(seen.len(), 75, "no duplicates ({order})");
        assert_eq!(unique, posted);
    }
}

#[test]
fn voiding_hides_statements_from_queries() {
    let (_dir, s) = fresh();
    let target = s.post_statements(
        "admin",
        &statement(mbox("ana"), "completed", "http://example.com/a/1"),
    )[0]
    .clone();
    let void = |id: &str| {
        json!({"actor": mbox("ana"), "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": id}})
    };
    let voiding = s.post_statements("admin", &void(&target))[0].clone();
    let r = s.x(
        "GET",
        &format!("/xapi/statements?statementId={target}"),
        "admin",
        None,
    );
    assert_eq!(r.status, 404);
    let r = s.x(
        "GET",
        &format!("/xapi/statements?voidedStatementId={target}"),
        "admin",
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["id"], json!(target));
    let r = s.x(
        "GET",
        &format!("/xapi/statements?voidedStatementId={voiding}"),
        "admin",
        None,
    );
    assert_eq!(r.status, 404, "the voiding statement itself is not voided");
    let listed = ids_of(
        s.x("GET", "/xapi/statements", "admin", None).json()["statements"]
            .as_array()
            .expect("list"),
    );
    assert_eq!(listed, vec![voiding.clone()]);
    let r = s.x("POST", "/xapi/statements", "admin", Some(&void(&voiding)));
    assert_eq!(
        r.status, 400,
        "a voiding statement cannot be voided: {}",
        r.body
    );
    let mut not_ref = void(&target);
    not_ref["object"] = json!({"id": "http://example.com/a/1"});
    assert_eq!(
        s.x("POST", "/xapi/statements", "admin", Some(&not_ref))
            .status,
        400
    );
}

#[test]
fn statements_targeting_matches_are_returned_by_filters() {
    let (_dir, s) = fresh();
    let reg = uuid();
    let mut target = statement(mbox("ana"), "completed", "http://example.com/a/1");
    target["context"] = json!({"registration": reg});
    let target_id = s.post_statements("admin", &target)[0].clone();
    let reference = |id: &str| {
        json!({"actor": mbox("ben"), "verb": {"id": "http://example.com/verbs/liked"},
            "object": {"objectType": "StatementRef", "id": id}})
    };
    let liked = s.post_statements("admin", &reference(&target_id))[0].clone();
    // Recursive: a statement targeting the targeting statement.
    let liked_again = s.post_statements("admin", &reference(&liked))[0].clone();
    // A target that arrives after the statement referring to it.
    let late_target = uuid();
    let early = s.post_statements("admin", &reference(&late_target))[0].clone();
    let mut late = statement(mbox("chloe"), "completed", "http://example.com/a/9");
    late["id"] = json!(late_target);
    s.post_statements("admin", &late);
    s.post_statements(
        "admin",
        &statement(mbox("dan"), "attempted", "http://example.com/a/2"),
    );

    let q = |query: &str| -> HashSet<String> {
        let r = s.x("GET", &format!("/xapi/statements?{query}"), "admin", None);
        assert_eq!(r.status, 200, "{query}: {}", r.body);
        ids_of(r.json()["statements"].as_array().expect("statements"))
            .into_iter()
            .collect()
    };
    let set = |ids: &[&String]| {
        ids.iter()
            .map(|s| s.to_string())
            .collect::<HashSet<String>>()
    };
    let chain = set(&[&target_id, &liked, &liked_again]);
    assert_eq!(
        q(&format!("agent={}", enc(&mbox("ana").to_string()))),
        chain
    );
    assert_eq!(
        q(&format!("activity={}", enc("http://example.com/a/1"))),
        chain
    );
    assert_eq!(q(&format!("registration={reg}")), chain);
    assert_eq!(
        q(&format!(
            "verb={}",
            enc("http://adlnet.gov/expapi/verbs/completed")
        )),
        set(&[&target_id, &liked, &liked_again, &late_target, &early])
    );
    assert_eq!(
        q(&format!("agent={}", enc(&mbox("chloe").to_string()))),
        set(&[&late_target, &early])
    );
    // The referring statements' own properties still match as usual.
    assert_eq!(
        q(&format!("agent={}", enc(&mbox("ben").to_string()))),
        set(&[&liked, &liked_again, &early])
    );
    // A learner does not become "the actor" of statements that merely target theirs.
    let mine = s.post_statements(
        "ana",
        &statement(learner("ana"), "completed", "http://example.com/a/3"),
    )[0]
    .clone();
    s.post_statements("admin", &reference(&mine));
    let r = s.x("GET", "/xapi/statements", "ana", None).json();
    assert_eq!(
        ids_of(r["statements"].as_array().expect("statements")),
        vec![mine]
    );
    // Voiding statements are found through the statement they void.
    let void = json!({"actor": mbox("ana"), "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": target_id}});
    let voiding = s.post_statements("admin", &void)[0].clone();
    assert_eq!(
        q(&format!("registration={reg}")),
        set(&[&liked, &liked_again, &voiding])
    );
}

#[test]
fn invalid_requests_are_400_naming_the_field() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let headers = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "application/json"),
    ];
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &headers,
        Some(b"{\"actor\": "),
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("JSON"), "{}", r.body);
    let duplicate = br#"{"actor": {"mbox": "mailto:a@x.org"}, "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/o"}, "verb": {"id": "http://x/w"}}"#;
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &headers,
        Some(duplicate),
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("\"verb\" appears twice"), "{}", r.body);
    let cases = [
        (json!({"result": {}}), "statement.result"),
        (json!({"context": null}), "statement.context"),
        (json!({"id": "nope"}), "statement.id"),
        (json!({"colour": "red"}), "statement.colour"),
        (json!({"actor": {"name": "no ifi"}}), "statement.actor"),
        (
            json!({"actor": {"mbox": "ana@example.com"}}),
            "statement.actor.mbox",
        ),
        (json!({"verb": {"id": "completed"}}), "statement.verb.id"),
        (
            json!({"verb": {"id": "http://x/v", "display": {"??": "x"}}}),
            "statement.verb.display",
        ),
        (
            json!({"object": {"objectType": "Thing", "id": "http://x"}}),
            "statement.object.objectType",
        ),
        (
            json!({"result": {"score": {"scaled": 2}}}),
            "statement.result.score.scaled",
        ),
        (
            json!({"result": {"score": {"raw": 12, "min": 0, "max": 10}}}),
            "statement.result.score.raw",
        ),
        (
            json!({"result": {"duration": "10 minutes"}}),
            "statement.result.duration",
        ),
        (json!({"timestamp": "yesterday"}), "statement.timestamp"),
        (
            json!({"context": {"registration": "abc"}}),
            "statement.context.registration",
        ),
        (
            json!({"context": {"contextActivities": {"parent": "http://x"}}}),
            "statement.context.contextActivities.parent",
        ),
        (
            json!({"context": {"extensions": {"colour": 1}}}),
            "statement.context.extensions",
        ),
    ];
    for (patch, field) in cases {
        let mut st = statement(mbox("ana"), "completed", "http://example.com/a/1");
        for (k, v) in patch.as_object().expect("patch") {
            st[k] = v.clone();
        }
        let r = s.x("POST", "/xapi/statements", "admin", Some(&st));
        assert_eq!(r.status, 400, "{field}: {}", r.body);
        assert!(
            r.body.contains(field),
            "message for {field} was: {}",
            r.body
        );
    }
    let text = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "text/plain"),
    ];
    let r = s.call("POST", "/xapi/statements", Some(&auth), &text, Some(b"{}"));
    assert_eq!(r.status, 400);
    assert!(r.body.contains("Content-Type"), "{}", r.body);
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &headers,
        Some(b"42"),
    );
    assert_eq!(r.status, 400);
}

/// U+0000 is valid JSON but PostgreSQL text cannot hold it: where it would become a key (an
/// account name, a document id) both backends answer 400 saying so, never a 500; inside a
/// statement's text it is kept, escaped.
#[test]
fn a_nul_character_in_a_key_is_400_and_in_text_is_kept() {
    let (_dir, s) = fresh();
    let nul_actor = json!({"objectType": "Agent", "account": {"homePage": "http://example.com", "name": "a\u{0}b"}});
    let r = s.x(
        "POST",
        "/xapi/statements",
        "admin",
        Some(&statement(nul_actor, "completed", "http://example.com/a/1")),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("U+0000"), "{}", r.body);
    let path = format!(
        "/xapi/activities/state?activityId={}&agent={}&stateId=a%00b",
        enc("http://example.com/a/1"),
        enc(&mbox("ana").to_string())
    );
    let r = s.x("PUT", &path, "admin", Some(&json!({"x": 1})));
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(s.x("GET", &path, "admin", None).status, 400);
    let mut kept = statement(mbox("ana"), "completed", "http://example.com/a/1");
    kept["result"] = json!({"response": "before\u{0}after"});
    let id = s.post_statements("admin", &kept)[0].clone();
    let back = s.x(
        "GET",
        &format!("/xapi/statements?statementId={id}"),
        "admin",
        None,
    );
    assert_eq!(back.json()["result"]["response"], "before\u{0}after");
}

#[test]
fn oversized_bodies_are_413() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let headers = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "application/json"),
    ];
    let mut big = statement(mbox("ana"), "completed", "http://example.com/a/1");
    big["result"] = json!({"response": "x".repeat(1024 * 1024 + 10)});
    let bytes = big.to_string();
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &headers,
        Some(bytes.as_bytes()),
    );
    assert_eq!(r.status, 413, "{}", r.body);
    let agent = enc(&mbox("ana").to_string());
    let path = format!(
        "/xapi/activities/state?activityId={}&agent={agent}&stateId=big",
        enc("http://example.com/a/1")
    );
    let r = s.call("PUT", &path, Some(&auth), &headers, Some(bytes.as_bytes()));
    assert_eq!(r.status, 413);
}

#[test]
fn state_documents_with_etags_and_merge() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let reg = uuid();
    let base = format!(
        "/xapi/activities/state?activityId={}&agent={}&registration={reg}",
        enc("http://example.com/course"),
        enc(&learner("ana").to_string())
    );
    let doc = format!("{base}&stateId=plan");
    let json_h = |extra: &[(&'static str, String)]| {
        let mut h: Vec<(&str, String)> = vec![
            ("X-Experience-API-Version", V.into()),
            ("Content-Type", "application/json".into()),
        ];
        h.extend(extra.iter().cloned());
        h
    };
    let send = |method: &str, path: &str, extra: &[(&'static str, String)], body: Option<&str>| {
        let h = json_h(extra);
        let refs: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
        s.call(method, path, Some(&auth), &refs, body.map(str::as_bytes))
    };
    assert_eq!(send("GET", &doc, &[], None).status, 404);
    assert_eq!(
        send(
            "PUT",
            &doc,
            &[("If-None-Match", "*".into())],
            Some(r#"{"goal":"listen"}"#)
        )
        .status,
        204
    );
    let r = send("GET", &doc, &[], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"goal": "listen"}));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("last-modified").is_some());
    let etag = r.header("etag").expect("etag").to_string();
    assert!(etag.starts_with('"') && etag.len() == 42, "{etag}");
    // Create-only fails now that it exists; a stale If-Match fails too.
    assert_eq!(
        send("PUT", &doc, &[("If-None-Match", "*".into())], Some("{}")).status,
        412
    );
    let stale = "\"0000000000000000000000000000000000000000\"".to_string();
    assert_eq!(
        send("PUT", &doc, &[("If-Match", stale.clone())], Some("{}")).status,
        412
    );
    assert_eq!(
        send("DELETE", &doc, &[("If-Match", stale)], None).status,
        412
    );
    assert_eq!(
        send("GET", &doc, &[], None).json(),
        json!({"goal": "listen"}),
        "unchanged after 412s"
    );
    assert_eq!(
        send(
            "PUT",
            &doc,
            &[("If-Match", etag.clone())],
            Some(r#"{"goal":"ask"}"#)
        )
        .status,
        204
    );
    // State PUT without a precondition is allowed in 1.0.3 …
    assert_eq!(
        send("PUT", &doc, &[], Some(r#"{"goal":"ask","step":1}"#)).status,
        204
    );
    // … but not when speaking 2.0.0.
    let h2 = [
        ("X-Experience-API-Version", "2.0.0"),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(
        s.call("PUT", &doc, Some(&auth), &h2, Some(b"{}")).status,
        409
    );
    // POST merges top-level properties.
    assert_eq!(
        send("POST", &doc, &[], Some(r#"{"step":2,"done":false}"#)).status,
        204
    );
    assert_eq!(
        send("GET", &doc, &[], None).json(),
        json!({"goal": "ask", "step": 2, "done": false})
    );
    assert_eq!(send("POST", &doc, &[], Some("[1,2]")).status, 400);
    // Non-JSON documents keep their bytes and type; POST cannot merge them.
    let note = format!("{base}&stateId=note");
    let text_h = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "text/plain"),
    ];
    assert_eq!(
        s.call("PUT", &note, Some(&auth), &text_h, Some(b"hello"))
            .status,
        204
    );
    let r = s.call("GET", &note, Some(&auth), &text_h, None);
    assert_eq!(
        (r.status, r.body.as_str(), r.header("content-type")),
        (200, "hello", Some("text/plain"))
    );
    assert_eq!(
        s.call("POST", &note, Some(&auth), &text_h, Some(b" world"))
            .status,
        400
    );
    // Id listing, since, delete one and delete all.
    let mut ids: Vec<String> =
        serde_json::from_str(&send("GET", &base, &[], None).body).expect("ids");
    ids.sort();
    assert_eq!(ids, vec!["note", "plan"]);
    let later = send(
        "GET",
        &format!("{base}&since={}", enc("2999-01-01T00:00:00Z")),
        &[],
        None,
    );
    assert_eq!(later.json(), json!([]));
    assert_eq!(send("DELETE", &note, &[], None).status, 204);
    assert_eq!(send("GET", &note, &[], None).status, 404);
    let future = format!("{base}&since={}", enc("2999-01-01T00:00:00Z"));
    assert_eq!(send("DELETE", &future, &[], None).status, 204);
    assert_eq!(
        send("GET", &base, &[], None).json(),
        json!(["plan"]),
        "nothing changed after since"
    );
    assert_eq!(send("DELETE", &base, &[], None).status, 204);
    assert_eq!(send("GET", &base, &[], None).json(), json!([]));
    // Missing or malformed key parameters.
    assert_eq!(
        send("GET", "/xapi/activities/state?stateId=x", &[], None).status,
        400
    );
    let bad_agent = format!(
        "/xapi/activities/state?activityId={}&agent=ana&stateId=x",
        enc("http://x/a")
    );
    assert_eq!(send("GET", &bad_agent, &[], None).status, 400);
}

#[test]
fn activity_and_agent_profiles() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let h = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "application/json"),
    ];
    let act = format!(
        "/xapi/activities/profile?activityId={}",
        enc("http://example.com/course")
    );
    let doc = format!("{act}&profileId=settings");
    let r = s.call("PUT", &doc, Some(&auth), &h, Some(br#"{"a":1}"#));
    assert_eq!(
        r.status, 400,
        "1.0.3: a profile PUT says If-None-Match or If-Match: {}",
        r.body
    );
    let create = [h[0], h[1], ("If-None-Match", "*")];
    assert_eq!(
        s.call("PUT", &doc, Some(&auth), &create, Some(br#"{"a":1}"#))
            .status,
        204
    );
    let r = s.call("PUT", &doc, Some(&auth), &h, Some(br#"{"a":2}"#));
    assert_eq!(
        r.status, 409,
        "PUT over an existing profile needs a precondition: {}",
        r.body
    );
    let etag = s
        .call("GET", &doc, Some(&auth), &h, None)
        .header("etag")
        .expect("etag")
        .to_string();
    let with_etag = [h[0], h[1], ("If-Match", etag.as_str())];
    assert_eq!(
        s.call("PUT", &doc, Some(&auth), &with_etag, Some(br#"{"a":2}"#))
            .status,
        204
    );
    assert_eq!(
        s.call("POST", &doc, Some(&auth), &h, Some(br#"{"b":3}"#))
            .status,
        204
    );
    assert_eq!(
        s.call("GET", &doc, Some(&auth), &h, None).json(),
        json!({"a": 2, "b": 3})
    );
    assert_eq!(
        s.call("GET", &act, Some(&auth), &h, None).json(),
        json!(["settings"])
    );
    assert_eq!(
        s.call("DELETE", &act, Some(&auth), &h, None).status,
        400,
        "profileId required"
    );
    assert_eq!(s.call("DELETE", &doc, Some(&auth), &h, None).status, 204);
    assert_eq!(s.call("GET", &doc, Some(&auth), &h, None).status, 404);

    let ag = format!(
        "/xapi/agents/profile?agent={}",
        enc(&mbox("ana").to_string())
    );
    let doc = format!("{ag}&profileId=prefs");
    let create_only = [h[0], h[1], ("If-None-Match", "*")];
    assert_eq!(
        s.call(
            "PUT",
            &doc,
            Some(&auth),
            &create_only,
            Some(br#"{"tz":"UTC"}"#)
        )
        .status,
        204
    );
    assert_eq!(
        s.call(
            "PUT",
            &doc,
            Some(&auth),
            &create_only,
            Some(br#"{"tz":"CET"}"#)
        )
        .status,
        412
    );
    assert_eq!(
        s.call("GET", &doc, Some(&auth), &h, None).json(),
        json!({"tz": "UTC"})
    );
    assert_eq!(
        s.call("GET", &ag, Some(&auth), &h, None).json(),
        json!(["prefs"])
    );
}

#[test]
fn activities_and_agents_resources() {
    let (_dir, s) = fresh();
    let mut st = statement(
        json!({"name": "Ana", "mbox": "mailto:ana@example.com"}),
        "completed",
        "http://example.com/a/1",
    );
    st["object"]["definition"]["description"] = json!({"en-US": "The first one"});
    s.post_statements("admin", &st);
    let mut french = statement(mbox("ben"), "completed", "http://example.com/a/1");
    french["object"]["definition"] = json!({"name": {"fr": "Chose"}});
    s.post_statements("admin", &french);
    let r = s.x(
        "GET",
        &format!(
            "/xapi/activities?activityId={}",
            enc("http://example.com/a/1")
        ),
        "admin",
        None,
    );
    assert_eq!(r.status, 200);
    let a = r.json();
    assert_eq!(a["objectType"], json!("Activity"));
    assert_eq!(
        a["definition"]["description"]["en-US"],
        json!("The first one")
    );
    assert_eq!(
        a["definition"]["name"],
        json!({"en-US": "Thing", "fr": "Chose"}),
        "languages accumulate"
    );
    let r = s.x(
        "GET",
        &format!(
            "/xapi/activities?activityId={}",
            enc("http://example.com/unknown")
        ),
        "admin",
        None,
    );
    assert_eq!(
        r.json(),
        json!({"objectType": "Activity", "id": "http://example.com/unknown"})
    );
    let r = s.x(
        "GET",
        &format!(
            "/xapi/agents?agent={}",
            enc(r#"{"mbox":"mailto:ana@example.com"}"#)
        ),
        "admin",
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json(),
        json!({"objectType": "Person", "name": ["Ana"], "mbox": ["mailto:ana@example.com"]})
    );
    assert_eq!(s.x("GET", "/xapi/agents", "admin", None).status, 400);
}

#[test]
fn learner_keys_only_reach_their_own_data() {
    let (_dir, s) = fresh();
    assert_eq!(s.cred("ana").agent, Some(learner("ana")));
    let own = s.post_statements(
        "ana",
        &statement(learner("ana"), "completed", "http://example.com/a/1"),
    )[0]
    .clone();
    let r = s.x(
        "POST",
        "/xapi/statements",
        "ana",
        Some(&statement(
            learner("ben"),
            "completed",
            "http://example.com/a/1",
        )),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    let bens = s.post_statements(
        "ben",
        &statement(learner("ben"), "completed", "http://example.com/a/1"),
    )[0]
    .clone();
    s.post_statements(
        "admin",
        &statement(mbox("someone"), "completed", "http://example.com/a/1"),
    );
    // Statements about Ana that she did not make are not hers to read either.
    let about_ana = json!({"actor": learner("ben"), "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
        "object": learner("ana"), "context": {"instructor": learner("ana")}});
    s.post_statements("admin", &about_ana);

    // Reading statements: filtered to her own, others refused.
    let mine = ids_of(
        s.x("GET", "/xapi/statements", "ana", None).json()["statements"]
            .as_array()
            .expect("list"),
    );
    assert_eq!(mine, vec![own.clone()]);
    let r = s.x(
        "GET",
        &format!("/xapi/statements?statementId={bens}"),
        "ana",
        None,
    );
    assert_eq!(r.status, 403);
    assert!(r.body.contains("learner"), "{}", r.body);
    let r = s.x(
        "GET",
        &format!(
            "/xapi/statements?agent={}",
            enc(&learner("ben").to_string())
        ),
        "ana",
        None,
    );
    assert_eq!(r.status, 403);
    assert_eq!(
        s.x(
            "GET",
            &format!("/xapi/statements?statementId={own}"),
            "ana",
            None
        )
        .status,
        200
    );
    let all = s.x("GET", "/xapi/statements", "admin", None).json();
    assert_eq!(all["statements"].as_array().map(Vec::len), Some(4));
    // Voiding someone else's statement is refused.
    let void = json!({"actor": learner("ana"), "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": bens}});
    assert_eq!(
        s.x("POST", "/xapi/statements", "ana", Some(&void)).status,
        403
    );

    // State: own agent yes, another learner's no.
    let state = |who: &str| {
        format!(
            "/xapi/activities/state?activityId={}&agent={}&stateId=plan",
            enc("http://example.com/course"),
            enc(&learner(who).to_string())
        )
    };
    let body = json!({"goal": "x"});
    assert_eq!(s.x("PUT", &state("ana"), "ana", Some(&body)).status, 204);
    assert_eq!(s.x("GET", &state("ana"), "ana", None).status, 200);
    assert_eq!(s.x("PUT", &state("ben"), "admin", Some(&body)).status, 204);
    let r = s.x("GET", &state("ben"), "ana", None);
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("own agent"), "{}", r.body);
    assert_eq!(s.x("PUT", &state("ben"), "ana", Some(&body)).status, 403);
    // Agent profile: own only; activity profile and activities: admin only.
    let ap = |who: &str| {
        format!(
            "/xapi/agents/profile?agent={}&profileId=p",
            enc(&learner(who).to_string())
        )
    };
    assert_eq!(s.x("PUT", &ap("ana"), "ana", Some(&body)).status, 204);
    assert_eq!(s.x("GET", &ap("chloe"), "ana", None).status, 403);
    let prof = format!(
        "/xapi/activities/profile?activityId={}&profileId=p",
        enc("http://example.com/course")
    );
    assert_eq!(s.x("GET", &prof, "ana", None).status, 403);
    assert_eq!(
        s.x(
            "GET",
            &format!("/xapi/activities?activityId={}", enc("http://x/a")),
            "ana",
            None
        )
        .status,
        403
    );
    assert_eq!(
        s.x(
            "GET",
            &format!("/xapi/agents?agent={}", enc(&learner("ana").to_string())),
            "ana",
            None
        )
        .status,
        200
    );
    assert_eq!(
        s.x(
            "GET",
            &format!("/xapi/agents?agent={}", enc(&learner("ben").to_string())),
            "ana",
            None
        )
        .status,
        403
    );
}

#[test]
fn data_survives_reopening_the_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().to_path_buf();
    let database = database::fresh();
    let mut first = Server::start_with(&path, database.clone());
    let id = first.post_statements(
        "admin",
        &statement(mbox("ana"), "completed", "http://example.com/a/1"),
    )[0]
    .clone();
    let state = format!(
        "/xapi/activities/state?activityId={}&agent={}&stateId=s",
        enc("http://example.com/a/1"),
        enc(&mbox("ana").to_string())
    );
    assert_eq!(
        first
            .x("PUT", &state, "admin", Some(&json!({"kept": true})))
            .status,
        204
    );
    let keys: Vec<String> = first.credentials.iter().map(|c| c.key.clone()).collect();
    first.stop();
    assert!(path.join("lrs-credentials.json").exists());
    assert_eq!(path.join("lrs.sqlite3").exists(), database.is_none());

    let second = Server::start_with(&path, database);
    let again: Vec<String> = second.credentials.iter().map(|c| c.key.clone()).collect();
    assert_eq!(keys, again, "credentials are reused");
    let r = second.x(
        "GET",
        &format!("/xapi/statements?statementId={id}"),
        "admin",
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        second.x("GET", &state, "admin", None).json(),
        json!({"kept": true})
    );
    // New statements still sort after the old ones.
    let newer = second.post_statements(
        "admin",
        &statement(mbox("ben"), "completed", "http://example.com/a/1"),
    )[0]
    .clone();
    let list = ids_of(
        second.x("GET", "/xapi/statements", "admin", None).json()["statements"]
            .as_array()
            .expect("list"),
    );
    assert_eq!(list, vec![newer, id]);
}

#[test]
fn concurrent_writers_all_land() {
    let (_dir, s) = fresh();
    std::thread::scope(|scope| {
        for t in 0..6 {
            let s = &s;
            scope.spawn(move || {
                for i in 0..10 {
                    let st = statement(
                        mbox(&format!("w{t}")),
                        "attempted",
                        &format!("http://example.com/c/{i}"),
                    );
                    s.post_statements("admin", &json!([st.clone(), st]));
                }
            });
        }
    });
    let all = s.all_pages("admin", "/xapi/statements?limit=50");
    assert_eq!(all.len(), 120);
    let stored: Vec<&str> = all
        .iter()
        .map(|s| s["stored"].as_str().expect("stored"))
        .collect();
    assert!(
        stored.windows(2).all(|w| w[0] >= w[1]),
        "newest first by stored"
    );
}

#[test]
fn cors_preflight_and_exposed_headers() {
    let (_dir, s) = fresh();
    let r = s.call(
        "OPTIONS",
        "/xapi/statements",
        None,
        &[
            ("Origin", "http://lms.example.org"),
            ("Access-Control-Request-Method", "PUT"),
            (
                "Access-Control-Request-Headers",
                "authorization, content-type, x-experience-api-version, if-match",
            ),
        ],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    for h in [
        "authorization",
        "content-type",
        "x-experience-api-version",
        "if-match",
        "if-none-match",
    ] {
        assert!(allowed.contains(h), "{h} missing from {allowed}");
    }
    assert!(r
        .header("access-control-allow-methods")
        .unwrap_or("")
        .contains("PUT"));
    let auth = s.auth("admin");
    let r = s.call(
        "GET",
        "/xapi/statements",
        Some(&auth),
        &[
            ("Origin", "http://lms.example.org"),
            ("X-Experience-API-Version", V),
        ],
        None,
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let exposed = r
        .header("access-control-expose-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    for h in [
        "etag",
        "last-modified",
        "x-experience-api-consistent-through",
        "x-experience-api-version",
    ] {
        assert!(exposed.contains(h), "{h} missing from {exposed}");
    }
    // Error answers carry CORS headers too, so the browser shows the message.
    let r = s.call(
        "GET",
        "/xapi/statements",
        None,
        &[
            ("Origin", "http://lms.example.org"),
            ("X-Experience-API-Version", V),
        ],
        None,
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn canonical_format_gives_merged_definitions_in_the_asked_language() {
    let (_dir, s) = fresh();
    let activity = "http://example.com/a/canonical";
    let mut first = statement(mbox("ana"), "completed", activity);
    first["verb"]["display"] = json!({"en-US": "completed", "de-DE": "abgeschlossen"});
    first["object"]["definition"] = json!({"name": {"en-US": "Coaching"}});
    let mut second = statement(mbox("ben"), "completed", activity);
    second["object"]["definition"] =
        json!({"name": {"de-DE": "Coaching (de)"}, "description": {"en-US": "Later"}});
    s.post_statements("admin", &json!([first, second]));
    let query = format!(
        "/xapi/statements?activity={}&format=canonical",
        enc(activity)
    );
    let auth = s.auth("admin");
    let german = s.call(
        "GET",
        &query,
        Some(&auth),
        &[
            ("X-Experience-API-Version", V),
            ("Accept-Language", "de-DE, en;q=0.5"),
        ],
        None,
    );
    assert_eq!(german.status, 200, "{}", german.body);
    let statements = german.json()["statements"]
        .as_array()
        .cloned()
        .expect("statements");
    assert_eq!(statements.len(), 2);
    for st in &statements {
        // Both statements carry the one merged definition, each map in one language.
        assert_eq!(
            st["object"]["definition"],
            json!({"name": {"de-DE": "Coaching (de)"}, "description": {"en-US": "Later"}})
        );
    }
    let ana = statements
        .iter()
        .find(|st| st["actor"]["mbox"] == "mailto:ana@example.com")
        .expect("ana");
    assert_eq!(ana["verb"]["display"], json!({"de-DE": "abgeschlossen"}));
    let english = s.call(
        "GET",
        &query,
        Some(&auth),
        &[
            ("X-Experience-API-Version", V),
            ("Accept-Language", "en-GB"),
        ],
        None,
    );
    let statements = english.json()["statements"]
        .as_array()
        .cloned()
        .expect("statements");
    assert!(statements
        .iter()
        .all(|st| st["object"]["definition"]["name"] == json!({"en-US": "Coaching"})));
    // `exact` is untouched: each statement as it was sent.
    let exact = s
        .x(
            "GET",
            &query.replace("format=canonical", "format=exact"),
            "admin",
            None,
        )
        .json();
    let names: Vec<&Value> = exact["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|st| &st["object"]["definition"]["name"])
        .collect();
    assert!(
        names.contains(&&json!({"en-US": "Coaching"}))
            && names.contains(&&json!({"de-DE": "Coaching (de)"}))
    );
}

/// xAPI 1.0.3 section 1.3: a client that can only POST sends the request as a form.
#[test]
fn the_alternate_request_syntax_stands_for_the_request() {
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let id = uuid();
    let st = statement(learner("ana"), "completed", "http://example.com/a");
    // PUT as POST: headers (the credential and version too) and the statement id in the form.
    let form = format!(
        "statementId={id}&content={}&Authorization={}&X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson",
        enc(&st.to_string()),
        enc(&auth)
    );
    let form_type = [("Content-Type", "application/x-www-form-urlencoded")];
    let r = s.call(
        "POST",
        "/xapi/statements?method=PUT",
        None,
        &form_type,
        Some(form.as_bytes()),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    // GET as POST.
    let with_version = [form_type[0], ("X-Experience-API-Version", V)];
    let r = s.call(
        "POST",
        "/xapi/statements?method=GET",
        Some(&auth),
        &with_version,
        Some(format!("statementId={id}").as_bytes()),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).expect("json")["id"],
        id.as_str()
    );
    // Anything but `method` in the query is refused, plainly.
    let r = s.call(
        "POST",
        &format!("/xapi/statements?method=GET&statementId={id}"),
        Some(&auth),
        &with_version,
        Some(b""),
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("only `method`"), "{}", r.body);
    // Without the credential, in the form or the header, it is 401 as any request.
    let r = s.call(
        "POST",
        "/xapi/statements?method=GET",
        None,
        &with_version,
        Some(b"limit=1"),
    );
    assert_eq!(r.status, 401);
}

/// Attachments sent with the statement (multipart/mixed), checked by hash, kept, and given back
/// with `attachments=true`.
#[test]
fn attachment_contents_are_kept_and_given_back() {
    use sha2::Digest;
    let (_dir, s) = fresh();
    let auth = s.auth("admin");
    let content = b"notes from the coaching session";
    let sha2: String = sha2::Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let id = uuid();
    let mut st = statement(learner("ana"), "completed", "http://example.com/a");
    st["id"] = json!(id);
    st["attachments"] = json!([{"usageType": "http://example.com/usage/notes", "display": {"en-US": "Notes"},
        "contentType": "text/plain", "length": content.len(), "sha2": sha2}]);
    let body = |hash: &str| {
        let mut b = format!("--XB\r\nContent-Type: application/json\r\n\r\n{st}\r\n--XB\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {hash}\r\n\r\n").into_bytes();
        b.extend_from_slice(content);
        b.extend_from_slice(b"\r\n--XB--\r\n");
        b
    };
    let h = [
        ("X-Experience-API-Version", V),
        ("Content-Type", "multipart/mixed; boundary=XB"),
    ];
    let wrong = "0".repeat(64);
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &h,
        Some(&body(&wrong)),
    );
    assert_eq!(
        r.status, 400,
        "a part whose hash is not its content's: {}",
        r.body
    );
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &[h[0], ("Content-Type", "application/json")],
        Some(st.to_string().as_bytes()),
    );
    assert_eq!(
        r.status, 400,
        "content declared without fileUrl must come along: {}",
        r.body
    );
    let r = s.call(
        "POST",
        "/xapi/statements",
        Some(&auth),
        &h,
        Some(&body(&sha2)),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = s.call(
        "GET",
        &format!("/xapi/statements?statementId={id}&attachments=true"),
        Some(&auth),
        &[h[0]],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let ct = r.header("content-type").unwrap_or_default().to_string();
    assert!(ct.starts_with("multipart/mixed; boundary="), "{ct}");
    assert!(
        r.body.contains(&format!("X-Experience-API-Hash: {sha2}"))
            && r.body.contains("notes from the coaching session"),
        "{}",
        r.body
    );
    // Without the flag, the same statement as JSON alone.
    let r = s.call(
        "GET",
        &format!("/xapi/statements?statementId={id}"),
        Some(&auth),
        &[h[0]],
        None,
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
}

/// The service's way: the credentials file keeps Argon2id hashes only, and the secret shown at
/// the first start still opens the LRS after a restart; a wrong one does not.
#[test]
fn hashed_secrets_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = database::fresh();
    let open = || {
        Lrs::open(LrsConfig {
            data_dir: dir.path().to_path_buf(),
            database: database.clone(),
            learners: Vec::new(),
            hash_secrets: true,
        })
        .expect("open the LRS")
    };
    let first = open();
    let admin = first.credentials()[0].clone();
    assert!(!admin.secret.is_empty(), "known to the first start");
    let file = std::fs::read_to_string(dir.path().join("lrs-credentials.json")).expect("file");
    assert!(!file.contains(&admin.secret) && file.contains("$argon2id$"));
    drop(first);
    let lrs = open();
    assert!(
        lrs.credentials()[0].secret.is_empty(),
        "not known after a restart"
    );
    let (base, running) = common::serve(axum::Router::new().nest("/xapi", lrs.router()));
    let mut s = Server {
        base,
        credentials: Vec::new(),
        running,
    };
    let basic = |secret: &str| {
        use base64::Engine;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{secret}", admin.key))
        )
    };
    let get = |auth: &str| {
        s.call(
            "GET",
            "/xapi/statements?limit=1",
            Some(auth),
            &[("X-Experience-API-Version", V)],
            None,
        )
        .status
    };
    assert_eq!(get(&basic(&admin.secret)), 200);
    assert_eq!(
        get(&basic(&admin.secret)),
        200,
        "again, from the verified cache"
    );
    assert_eq!(get(&basic("wrong")), 401);
    s.stop();
}
