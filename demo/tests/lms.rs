//! End-to-end tests of the demo LMS over real HTTP: each test starts the
//! whole site (LMS pages, launch routes and the LRS under `/xapi`) on a free
//! loopback port with a fresh data dir and a stub widget bundle.

#[path = "../../service/tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::path::Path;

use base64::Engine;
use serde_json::{json, Value};
use throughline_demo::lms::{Lms, LmsConfig, Seeded};
use throughline_service::lrs::Credential;

struct Server {
    base: String,
    addr: std::net::SocketAddr,
    credentials: Vec<Credential>,
    // Held only so the server stops when the test drops it.
    _running: common::Running,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    fn start(test_hooks: bool) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut server, _) = Server::start_in(dir.path(), test_hooks, 0);
        server._dir = Some(dir);
        server
    }

    /// Starts the site with its data (and stub bundle) under `root`, which
    /// may hold an earlier run's data; seeds a cohort of `seed` learners
    /// first when `seed > 0`, as the binary's `--seed-cohort` does.
    fn start_in(root: &Path, test_hooks: bool, seed: usize) -> (Server, Option<Seeded>) {
        let bundle = root.join("pkg");
        std::fs::create_dir_all(&bundle).expect("bundle dir");
        std::fs::write(bundle.join("throughline.js"), "").expect("stub bundle");
        let lms = Lms::open(LmsConfig {
            data_dir: root.join("data"),
            bundle,
            test_hooks,
        })
        .expect("open the LMS");
        let credentials = lms.credentials().to_vec();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let seeded = (seed > 0).then(|| lms.seed_cohort(seed, addr).expect("seed the cohort"));
        let router = lms.router();
        drop(lms);
        let server = Server {
            base: format!("http://{addr}"),
            addr,
            credentials,
            _running: common::serve_on(listener, router),
            _dir: None,
        };
        (server, seeded)
    }

    fn cred(&self, name: &str) -> &Credential {
        self.credentials
            .iter()
            .find(|c| c.name == name)
            .expect("credential")
    }

    fn basic(&self, name: &str) -> String {
        let c = self.cred(name);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.key, c.secret))
        )
    }

    /// One request; redirects are not followed.
    fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        let e = common::exchange(
            method,
            &format!("{}{}", self.base, path),
            headers,
            body.map(str::as_bytes),
        );
        Resp {
            status: e.status,
            headers: e.headers,
            body: String::from_utf8_lossy(&e.body).into_owned(),
        }
    }

    fn get(&self, path: &str) -> Resp {
        self.call("GET", path, &[], None)
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

    fn location(&self) -> &str {
        self.headers
            .get("location")
            .map(String::as_str)
            .expect("a Location header")
    }

    /// The JSON in `<script type="application/json" id="throughline-options">`.
    fn options(&self) -> Value {
        let start_tag = "<script type=\"application/json\" id=\"throughline-options\">";
        let start = self.body.find(start_tag).expect("options script") + start_tag.len();
        let end = start + self.body[start..].find("</script>").expect("end of script");
        serde_json::from_str(&self.body[start..end]).expect("options JSON")
    }
}

/// The query parameters of a `path?query` address, decoded.
fn query_of(location: &str) -> HashMap<String, String> {
    let (_, query) = location.split_once('?').expect("a query");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn decode_basic(auth: &str) -> String {
    let token = auth.strip_prefix("Basic ").expect("Basic auth");
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(token)
            .expect("base64"),
    )
    .expect("utf-8")
}

#[test]
fn home_page_lists_people_courses_and_launch_routes() {
    let s = Server::start(false);
    let anonymous = s.get("/");
    assert_eq!(anonymous.status, 200);
    for text in [
        "Northwind Learning",
        "Ana Ruiz",
        "Ben Okafor",
        "Chloe Martin",
        "href=\"/?as=admin\"",
        "href=\"/course/coaching-leaders\"",
        "href=\"/course/feedback-teams\"",
        "Launch routes",
    ] {
        assert!(anonymous.body.contains(text), "missing {text}");
    }

    let ana = s.get("/?as=ana");
    assert_eq!(ana.status, 200);
    for link in [
        "href=\"/course/coaching-leaders?as=ana\"",
        "href=\"/launch/tincan/coaching-leaders?as=ana\"",
        "href=\"/launch/cmi5/coaching-leaders?as=ana\"",
        "href=\"/launch/lti/coaching-leaders?as=ana&amp;lti_role=Instructor\"",
        "href=\"/launch/cmi5/feedback-teams?as=ana\"",
    ] {
        assert!(ana.body.contains(link), "missing {link}");
    }
    assert!(ana.body.contains("href=\"/?as=ana\" aria-current=\"page\""));
    // A learner's page never shows another key.
    assert!(!ana.body.contains(&s.cred("admin").secret));

    let admin = s.get("/?as=admin");
    assert_eq!(admin.status, 200);
    let admin_pair = format!("{}:{}", s.cred("admin").key, s.cred("admin").secret);
    assert!(admin.body.contains(&admin_pair));
    assert!(admin.body.contains(&format!("{}/xapi/", s.base)));
    assert!(admin.body.contains("href=\"/xapi/about\""));
    assert!(admin
        .body
        .contains("<a href=\"/admin?as=admin\">Adoption dashboard</a>"));
    assert!(!ana.body.contains("/admin?as=admin"));

    let stranger = s.get("/?as=%3Cscript%3Ex");
    assert_eq!(stranger.status, 400);
    assert!(!stranger.body.contains("<script>x"));
    assert!(stranger.body.contains("&lt;script&gt;x"));
}

#[test]
fn course_page_embeds_the_learners_options() {
    let s = Server::start(false);
    let page = s.get("/course/coaching-leaders?as=ana&now=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("<link rel=\"stylesheet\" href=\"/pkg/throughline.css\">"));
    assert!(page.body.contains("<section class=\"lesson\""));
    assert!(page.body.contains("<div id=\"throughline\"></div>"));
    assert!(page.body.contains("<script type=\"module\">"));
    assert!(page
        .body
        .contains("mount(document.getElementById('throughline'), options)"));
    assert!(
        !page.body.contains("<script>alert"),
        "the hostile now= is reflected"
    );
    let ana = s.cred("ana");
    assert_eq!(
        page.options(),
        json!({
            "program": "/compiled/coaching.json",
            "learner": {"id": "ana", "name": "Ana Ruiz"},
            "role": "leader",
            "lrs": {
                "endpoint": format!("{}/xapi/", s.base),
                "key": ana.key,
                "secret": ana.secret,
                "homePage": "http://127.0.0.1",
            },
        })
    );

    // The endpoint follows the Host header the browser used.
    let other_host = s.call(
        "GET",
        "/course/feedback-teams?as=ben",
        &[("Host", "lms.localhost:9999")],
        None,
    );
    assert_eq!(other_host.status, 200);
    assert_eq!(
        other_host.options()["lrs"]["endpoint"],
        "http://lms.localhost:9999/xapi/"
    );
    assert_eq!(other_host.options()["lrs"]["key"], s.cred("ben").key);

    // Anonymous: local only, with a hint to pick a person.
    let anonymous = s.get("/course/coaching-leaders");
    assert_eq!(anonymous.status, 200);
    assert_eq!(
        anonymous.options(),
        json!({"program": "/compiled/coaching.json"})
    );
    assert!(anonymous.body.contains("Pick a person on the home page"));

    // Both courses embed the same program; the program file is served.
    assert_eq!(
        s.get("/course/feedback-teams").options()["program"],
        "/compiled/coaching.json"
    );
    let program = s.get("/programs/coaching.toml");
    assert_eq!(program.status, 200);
    assert!(program.body.contains("coaching-for-performance"));
}

#[test]
fn options_json_cannot_close_its_script() {
    let s = Server::start(false);
    let page = s.get("/course/coaching-leaders?as=chloe");
    let start = page
        .body
        .find("id=\"throughline-options\">")
        .expect("options");
    let rest = &page.body[start..];
    let json_text = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    assert!(!json_text.contains('<'));
}

#[test]
fn unknown_course_is_404() {
    let s = Server::start(false);
    for path in [
        "/course/nope",
        "/course/nope?as=ana",
        "/play/nope",
        "/launch/tincan/nope?as=ana",
        "/launch/cmi5/nope?as=ana",
        "/launch/lti/nope?as=ana",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("Not found"), "{path}");
    }
    let hostile = s.get("/course/%3Cimg%20src=x%3E");
    assert_eq!(hostile.status, 404);
    assert!(!hostile.body.contains("<img"));
    assert_eq!(s.get("/launch/tincan/coaching-leaders").status, 400);
    assert_eq!(s.get("/launch/cmi5/coaching-leaders?as=admin").status, 400);
}

#[test]
fn tincan_launch_redirects_with_all_parameters() {
    let s = Server::start(false);
    let r = s.get("/launch/tincan/coaching-leaders?as=ana");
    assert_eq!(r.status, 302);
    let location = r.location();
    assert!(
        location.starts_with("/play/coaching-leaders?"),
        "{location}"
    );
    assert!(location.contains("auth=Basic%20"), "{location}");
    let q = query_of(location);
    assert_eq!(q["endpoint"], format!("{}/xapi/", s.base));
    let ana = s.cred("ana");
    assert_eq!(
        decode_basic(&q["auth"]),
        format!("{}:{}", ana.key, ana.secret)
    );
    let actor: Value = serde_json::from_str(&q["actor"]).expect("actor JSON");
    assert_eq!(
        actor["account"],
        json!({"homePage": "http://127.0.0.1", "name": "ana"})
    );
    assert_eq!(actor["objectType"], "Agent");
    let registration = uuid::Uuid::parse_str(&q["registration"]).expect("uuid");
    assert_eq!(registration.get_version_num(), 4);
    assert_eq!(
        q["activity_id"],
        format!("{}/course/coaching-leaders", s.base)
    );

    // A new registration per launch.
    let again = query_of(s.get("/launch/tincan/coaching-leaders?as=ana").location());
    assert_ne!(again["registration"], q["registration"]);

    // The player mounts with only program and courseUrl; the URL carries the rest.
    let play = s.get(location);
    assert_eq!(play.status, 200);
    assert_eq!(
        play.options(),
        json!({
            "program": "/compiled/coaching.json",
            "courseUrl": format!("{}/course/coaching-leaders", s.base),
        })
    );
    assert!(!play.body.contains(&ana.secret));

    // The launched key really works as that actor.
    let statement = json!({
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": q["activity_id"]},
    });
    let posted = s.call(
        "POST",
        "/xapi/statements",
        &[
            ("Authorization", q["auth"].as_str()),
            ("X-Experience-API-Version", "1.0.3"),
            ("Content-Type", "application/json"),
        ],
        Some(&statement.to_string()),
    );
    assert_eq!(posted.status, 200, "{}", posted.body);
}

#[test]
fn cmi5_launch_writes_launch_data_and_a_one_time_token() {
    let s = Server::start(false);
    let r = s.get("/launch/cmi5/feedback-teams?as=ana");
    assert_eq!(r.status, 302);
    let location = r.location();
    assert!(location.starts_with("/play/feedback-teams?"), "{location}");
    let q = query_of(location);
    assert_eq!(
        q["endpoint"],
        format!("{}/cmi5/xapi/", s.base),
        "the player's own endpoint"
    );
    let au = format!("{}/au/feedback-teams", s.base);
    assert_eq!(q["activityId"], au);
    uuid::Uuid::parse_str(&q["registration"]).expect("registration uuid");
    let fetch = q["fetch"].clone();
    let fetch_path = fetch
        .strip_prefix(&s.base)
        .expect("fetch URL on this host")
        .to_string();
    assert!(fetch_path.starts_with("/cmi5/fetch/"), "{fetch}");

    // The launch data, read as the AU would, with ana's own key.
    let state_path = format!(
        "/xapi/activities/state?stateId=LMS.LaunchData&activityId={}&agent={}&registration={}",
        urlenc(&au),
        urlenc(&q["actor"]),
        q["registration"]
    );
    let data = s.call(
        "GET",
        &state_path,
        &[
            ("Authorization", s.basic("ana").as_str()),
            ("X-Experience-API-Version", "1.0.3"),
        ],
        None,
    );
    assert_eq!(data.status, 200, "{}", data.body);
    let data = data.json();
    assert_eq!(data["launchMode"], "Normal");
    assert_eq!(data["moveOn"], "Completed");
    assert_eq!(data["returnURL"], format!("{}/?as=ana", s.base));
    let session = data["contextTemplate"]["extensions"]
        ["https://w3id.org/xapi/cmi5/context/extensions/sessionid"]
        .as_str()
        .expect("session id");
    uuid::Uuid::parse_str(session).expect("session uuid");
    assert!(data["contextTemplate"]["contextActivities"]["grouping"].is_array());

    // The fetch URL answers the token once.
    let first = s.call("POST", &fetch_path, &[], None);
    assert_eq!(first.status, 200);
    let token = first.json()["auth-token"]
        .as_str()
        .expect("auth-token")
        .to_string();
    let ana = s.cred("ana");
    assert_ne!(
        decode_basic(&format!("Basic {token}")),
        format!("{}:{}", ana.key, ana.secret),
        "a session token, never the learner's LRS key"
    );
    let second = s.call("POST", &fetch_path, &[], None).json();
    assert_eq!(second["error-code"], "1");
    assert!(second["error-text"].as_str().is_some());
    let unknown = s.call("POST", "/cmi5/fetch/not-a-token", &[], None).json();
    assert_eq!(unknown["error-code"], "3");

    // Ben's key cannot read Ana's launch data.
    let other = s.call(
        "GET",
        &state_path,
        &[
            ("Authorization", s.basic("ben").as_str()),
            ("X-Experience-API-Version", "1.0.3"),
        ],
        None,
    );
    assert_eq!(other.status, 403);
}

#[test]
fn lti_page_carries_the_role_uri_and_context() {
    let s = Server::start(false);
    let page = s.get("/launch/lti/feedback-teams?as=chloe&lti_role=Mentor");
    assert_eq!(page.status, 200);
    let options = page.options();
    assert_eq!(
        options["lti"],
        json!({
            "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"],
            "contextId": "feedback-teams",
            "contextTitle": "Feedback for teams",
        })
    );
    assert!(options.get("role").is_none(), "{options}");
    assert_eq!(options["learner"]["id"], "chloe");
    assert_eq!(options["lrs"]["key"], s.cred("chloe").key);

    let default_role = s.get("/launch/lti/coaching-leaders?as=ana").options();
    assert_eq!(
        default_role["lti"]["roles"][0],
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
    );
    assert_eq!(
        s.get("/launch/lti/coaching-leaders?as=ana&lti_role=Dean")
            .status,
        400
    );
}

#[test]
fn fault_hook_fails_the_next_statements_requests_then_recovers() {
    let s = Server::start(true);
    let statement = json!({
        "actor": {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": "ana"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "http://example.com/a"},
    })
    .to_string();
    let auth = s.basic("ana");
    let post = || {
        s.call(
            "POST",
            "/xapi/statements",
            &[
                ("Authorization", auth.as_str()),
                ("X-Experience-API-Version", "1.0.3"),
                ("Content-Type", "application/json"),
            ],
            Some(&statement),
        )
    };
    let set = s.call(
        "POST",
        "/_test/faults",
        &[("Content-Type", "application/json")],
        Some(r#"{"fail_statements": 1, "status": 500}"#),
    );
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(s.get("/_test/faults").json()["fail_statements"], 1);

    assert_eq!(post().status, 500);
    assert_eq!(s.get("/_test/faults").json()["fail_statements"], 0);
    // No side effect: nothing was stored by the failed request.
    let admin = s.basic("admin");
    let stored = s.call(
        "GET",
        "/xapi/statements",
        &[
            ("Authorization", admin.as_str()),
            ("X-Experience-API-Version", "1.0.3"),
        ],
        None,
    );
    assert_eq!(stored.status, 200);
    assert_eq!(stored.json()["statements"], json!([]));

    let ok = post();
    assert_eq!(ok.status, 200, "{}", ok.body);
    // Other resources are never affected.
    s.call(
        "POST",
        "/_test/faults",
        &[],
        Some(r#"{"fail_statements": 5, "status": 503}"#),
    );
    assert_eq!(s.get("/xapi/about").status, 200);
    assert_eq!(post().status, 503);
    assert_eq!(
        s.call(
            "POST",
            "/_test/faults",
            &[],
            Some(r#"{"fail_statements": 1, "status": 200}"#)
        )
        .status,
        400
    );
}

#[test]
fn fault_hook_is_absent_without_the_flag() {
    let s = Server::start(false);
    assert_eq!(s.get("/_test/faults").status, 404);
    let set = s.call(
        "POST",
        "/_test/faults",
        &[],
        Some(r#"{"fail_statements": 1, "status": 500}"#),
    );
    assert_eq!(set.status, 404);
    assert_eq!(s.get("/health").status, 200);
}

/// A cmi5 launch of `course` for `who`, its token fetched: (launch query, session auth header).
fn cmi5_session(s: &Server, who: &str, course: &str) -> (HashMap<String, String>, String) {
    let q = query_of(s.get(&format!("/launch/cmi5/{course}?as={who}")).location());
    let fetch = q["fetch"]
        .strip_prefix(&s.base)
        .expect("fetch on this host")
        .to_string();
    let token = s.call("POST", &fetch, &[], None).json()["auth-token"]
        .as_str()
        .expect("auth-token")
        .to_string();
    (q, format!("Basic {token}"))
}

/// A statement of the session as a conformant AU sends it: the template's grouping first.
fn cmi5_statement(
    s: &Server,
    q: &HashMap<String, String>,
    session: &str,
    verb: &str,
    defined: bool,
) -> Value {
    let course = q["activityId"].replace("/au/", "/course/");
    let mut category = vec![];
    if defined {
        category.push(json!({"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}));
    }
    json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "actor": serde_json::from_str::<Value>(&q["actor"]).expect("actor"),
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}"), "display": {"en-US": verb}},
        "object": {"id": if defined { q["activityId"].clone() } else { format!("{}/programs/x", s.base) }},
        "result": if verb == "terminated" { json!({"duration": "PT1.00S"}) } else { json!({"response": "ok"}) },
        "context": {
            "registration": q["registration"],
            "contextActivities": {"grouping": [{"id": course}, {"id": q["activityId"]}], "category": category},
            "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": session}
        },
        "timestamp": "2027-01-01T10:00:00.123Z"
    })
}

#[test]
fn the_cmi5_player_refuses_what_a_real_player_refuses() {
    let s = Server::start(false);
    let (q, auth) = cmi5_session(&s, "ben", "coaching-leaders");
    let h = [
        ("Authorization", auth.as_str()),
        ("X-Experience-API-Version", "1.0.3"),
        ("Content-Type", "application/json"),
    ];
    let post = |body: &Value| s.call("POST", "/cmi5/xapi/statements", &h, Some(&body.to_string()));
    let stored = |r: Resp| assert_eq!(r.status, 200, "{}", r.body);
    let refused = |r: Resp, rule: &str| {
        assert_eq!(r.status, 403, "{}", r.body);
        let message = r.json()["message"].as_str().unwrap_or_default().to_string();
        assert!(
            message.starts_with(&format!("{rule} - ")),
            "expected {rule}: {message}"
        );
    };
    let data_path = format!(
        "/cmi5/xapi/activities/state?stateId=LMS.LaunchData&activityId={}&agent={}&registration={}",
        urlenc(&q["activityId"]),
        urlenc(&q["actor"]),
        q["registration"]
    );
    let data = s.call("GET", &data_path, &h, None);
    assert_eq!(
        data.status, 200,
        "the launch data through the player: {}",
        data.body
    );
    let session = data.json()["contextTemplate"]["extensions"]
        ["https://w3id.org/xapi/cmi5/context/extensions/sessionid"]
        .as_str()
        .expect("session id")
        .to_string();
    let initialized = cmi5_statement(&s, &q, &session, "initialized", true);
    refused(post(&initialized), "11.0.0.0-3");
    let prefs = format!(
        "/cmi5/xapi/agents/profile?profileId=cmi5LearnerPreferences&agent={}",
        urlenc(&q["actor"])
    );
    assert_eq!(s.call("GET", &prefs, &h, None).status, 404, "none kept yet");
    assert_eq!(
        s.call("PUT", &prefs, &h, Some("{}")).status,
        403,
        "the LMS's document"
    );
    refused(
        post(&cmi5_statement(&s, &q, &session, "experienced", false)),
        "9.3.0.0-4",
    );
    stored(post(&initialized));
    refused(
        post(&cmi5_statement(&s, &q, &session, "initialized", true)),
        "9.3.0.0-2",
    );
    // The template's grouping must come first, as the widget once got wrong.
    let mut swapped = cmi5_statement(&s, &q, &session, "experienced", false);
    let grouping = swapped["context"]["contextActivities"]["grouping"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    swapped["context"]["contextActivities"]["grouping"] =
        Value::Array(grouping.into_iter().rev().collect());
    refused(post(&swapped), "10.2.1.0-6");
    refused(
        post(&cmi5_statement(&s, &q, "s-old", "experienced", false)),
        "10.2.1.0-6",
    );
    refused(s.call("PUT", &data_path, &h, Some("{}")), "10.2.1.0-5");
    stored(post(&cmi5_statement(
        &s,
        &q,
        &session,
        "experienced",
        false,
    )));
    let two = json!([
        cmi5_statement(&s, &q, &session, "terminated", true),
        cmi5_statement(&s, &q, &session, "experienced", false)
    ]);
    refused(post(&two), "9.3.0.0-5");
    stored(post(&cmi5_statement(&s, &q, &session, "terminated", true)));
    // After terminated the token is spent: a second terminated, or anything else, is refused.
    refused(
        post(&cmi5_statement(&s, &q, &session, "terminated", true)),
        "8.1.2.0-2",
    );
    refused(s.call("GET", &data_path, &h, None), "8.1.2.0-2");
    assert_eq!(
        s.call(
            "GET",
            "/cmi5/xapi/about",
            &[("Authorization", "Basic bm9wZTpub3Bl")],
            None
        )
        .status,
        401
    );

    // The LRS got what the player accepted, and only that.
    let stored = all_statements(&s, &format!("registration={}", q["registration"]));
    let verbs: Vec<&str> = stored
        .iter()
        .filter_map(|x| x["verb"]["id"].as_str())
        .map(|v| v.rsplit('/').next().unwrap_or(v))
        .collect();
    assert_eq!(verbs.len(), 3, "{verbs:?}");

    // A relaunch continues the registration in a new session; launching again abandons an open one.
    let (again, auth2) = cmi5_session(&s, "ben", "coaching-leaders");
    assert_eq!(again["registration"], q["registration"]);
    let _third = cmi5_session(&s, "ben", "coaching-leaders");
    refused(
        s.call(
            "GET",
            "/cmi5/xapi/about",
            &[("Authorization", auth2.as_str())],
            None,
        ),
        "8.1.2.0-2",
    );
}

fn urlenc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[test]
fn binary_prints_the_address_first_then_the_lrs_keys() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let bundle = dir.path().join("pkg");
    std::fs::create_dir_all(&bundle).expect("bundle dir");
    std::fs::write(bundle.join("throughline.js"), "").expect("stub bundle");
    let data = dir.path().join("data");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_throughline-demo"))
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .arg("--bundle")
        .arg(&bundle)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the demo binary");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut next = || lines.next().expect("a line").expect("text");
    let first = next();
    let printed: Vec<String> = (0..5).map(|_| next()).collect();
    let _ = child.kill();
    let _ = child.wait();

    let prefix = "Throughline demo: open http://127.0.0.1:";
    assert!(first.starts_with(prefix), "{first}");
    assert!(
        first.ends_with(&format!("/ (data in {})", data.display())),
        "{first}"
    );
    let port = first[prefix.len()..].split('/').next().expect("port");
    assert!(
        printed[0].contains(&format!("http://127.0.0.1:{port}/xapi/")),
        "{}",
        printed[0]
    );
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("lrs").join("lrs-credentials.json"))
            .expect("credentials file"),
    )
    .expect("credentials JSON");
    for (line, c) in printed[1..]
        .iter()
        .zip(file["credentials"].as_array().expect("list"))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        let pair = format!(
            "{}:{}",
            c["key"].as_str().unwrap(),
            c["secret"].as_str().unwrap()
        );
        assert_eq!(
            words,
            [
                c["name"].as_str().unwrap(),
                c["scope"].as_str().unwrap(),
                pair.as_str()
            ]
        );
    }
}

/// The JSON in `<script type="application/json" id="throughline-dashboard-options">`.
fn dashboard_options(page: &str) -> Value {
    let start_tag = "<script type=\"application/json\" id=\"throughline-dashboard-options\">";
    let start = page.find(start_tag).expect("dashboard options script") + start_tag.len();
    let end = start + page[start..].find("</script>").expect("end of script");
    serde_json::from_str(&page[start..end]).expect("options JSON")
}

#[test]
fn admin_page_mounts_the_dashboard_with_the_admin_key() {
    let s = Server::start(false);
    let page = s.get("/admin?as=admin");
    assert_eq!(page.status, 200);
    for text in [
        "Northwind Learning",
        "<link rel=\"stylesheet\" href=\"/pkg/throughline.css\">",
        "<div id=\"dashboard\"></div>",
        "import init, { mountDashboard } from '/pkg/admin/throughline_admin.js';",
        "await mountDashboard(document.getElementById('dashboard'), o);",
    ] {
        assert!(page.body.contains(text), "missing {text}");
    }
    let admin = s.cred("admin");
    assert_eq!(
        dashboard_options(&page.body),
        json!({
            "endpoint": format!("{}/xapi/", s.base),
            "key": admin.key,
            "secret": admin.secret,
            "program": "/compiled/coaching.json",
        })
    );

    for path in [
        "/admin?as=ana",
        "/admin?as=chloe",
        "/admin",
        "/admin?as=nobody",
    ] {
        let refused = s.get(path);
        assert_eq!(refused.status, 403, "{path}");
        assert!(
            refused
                .body
                .contains("Only the admin may see the adoption dashboard."),
            "{path}: {}",
            refused.body
        );
        assert!(!refused.body.contains(&admin.secret), "{path}");
        assert!(
            !refused.body.contains("throughline-dashboard-options"),
            "{path}"
        );
    }
}

/// Every statement a query returns, following `more` links.
fn all_statements(s: &Server, query: &str) -> Vec<Value> {
    let auth = s.basic("admin");
    let mut out = Vec::new();
    let mut path = format!("/xapi/statements?{query}");
    loop {
        let res = s.call(
            "GET",
            &path,
            &[
                ("Authorization", auth.as_str()),
                ("X-Experience-API-Version", "1.0.3"),
            ],
            None,
        );
        assert_eq!(res.status, 200, "{}", res.body);
        let page = res.json();
        out.extend(page["statements"].as_array().expect("statements").clone());
        match page["more"].as_str() {
            Some(more) if !more.is_empty() => path = more.to_string(),
            _ => return out,
        }
    }
}

#[test]
fn seeded_cohort_lands_in_the_lrs_once() {
    use throughline::cohort;
    use throughline::program::{self, Format};
    use throughline_demo::lms::{seed, DEFAULT_PROGRAM};

    let program = program::parse(DEFAULT_PROGRAM, Format::Toml).expect("program");
    let query = format!("activity={}&related_activities=true", urlenc(&program.id));
    let dir = tempfile::tempdir().expect("temp dir");

    let (s, seeded) = Server::start_in(dir.path(), false, 30);
    let seeded = seeded.expect("seeded");
    assert!(!seeded.already);
    assert_eq!(seeded.learners, 30);
    assert!(seeded.summary().starts_with("Seeded 30 learners, "));
    // The same cohort, simulated again for the day the marker recorded.
    let marker: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("data/lrs").join(seed::MARKER_FILE))
            .expect("marker file"),
    )
    .expect("marker JSON");
    let as_of = time::Date::parse(
        marker["as_of"].as_str().expect("as_of"),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .expect("as_of date");
    let expected = cohort::generate(&program, &seed::cohort_config(30, s.addr, as_of));
    assert_eq!(seeded.statements, expected.statements.len());
    assert!(seeded.statements > 30, "{}", seeded.statements);

    let stored = all_statements(&s, &query);
    assert_eq!(stored.len(), expected.statements.len());
    let admin_name = stored[0]["authority"]["account"]["name"].clone();
    assert_eq!(admin_name, json!(s.cred("admin").name));
    for st in &stored {
        assert_eq!(st["version"], "1.0.0");
        assert!(st["stored"].is_string());
        assert_eq!(st["actor"]["account"]["homePage"], "http://127.0.0.1");
    }
    // Course ids are those live pages on this address send.
    let course = format!("{}/course/coaching-leaders", s.base);
    assert!(stored
        .iter()
        .any(|st| st["context"]["contextActivities"]["grouping"][0]["id"] == course.as_str()));
    let addr = s.addr;
    drop(s);

    // Starting again with the same flag adds nothing.
    let (s, again) = Server::start_in(dir.path(), false, 30);
    let again = again.expect("seeded");
    assert!(again.already);
    assert_eq!(again.statements, expected.statements.len());
    assert_eq!(all_statements(&s, &query).len(), expected.statements.len());
    drop(s);

    // Another cohort size is refused rather than mixed in.
    let lms = Lms::open(LmsConfig {
        data_dir: dir.path().join("data"),
        bundle: dir.path().join("pkg"),
        test_hooks: false,
    })
    .expect("open the LMS");
    let err = lms.seed_cohort(31, addr).expect_err("a second cohort");
    assert!(err.contains("already holds a seeded cohort of 30"), "{err}");
}

#[test]
fn binary_seeds_a_cohort_and_says_so() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let bundle = dir.path().join("pkg");
    std::fs::create_dir_all(&bundle).expect("bundle dir");
    std::fs::write(bundle.join("throughline.js"), "").expect("stub bundle");
    let data = dir.path().join("data");
    let run = || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_throughline-demo"))
            .args(["--addr", "127.0.0.1:0", "--seed-cohort", "5", "--data"])
            .arg(&data)
            .arg("--bundle")
            .arg(&bundle)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the demo binary");
        let line = BufReader::new(child.stdout.take().expect("stdout"))
            .lines()
            .map(|l| l.expect("text"))
            .find(|l| l.starts_with("Seeded ") || l.starts_with("Cohort of "));
        let _ = child.kill();
        let _ = child.wait();
        line.expect("a seeding line")
    };
    let first = run();
    let words: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(&words[..3], ["Seeded", "5", "learners,"], "{first}");
    assert_eq!(words[4], "statements", "{first}");
    assert!(words[3].parse::<usize>().expect("count") > 5, "{first}");
    assert_eq!(words[7], "ms", "{first}");
    let second = run();
    assert!(
        second.starts_with("Cohort of 5 learners")
            && second.ends_with("already seeded; nothing added"),
        "{second}"
    );
}

#[test]
fn programs_are_served_compiled_and_their_problems_as_lines() {
    use throughline::program::{compiled, parse, Format};
    let s = Server::start(false);
    let served = s.get("/compiled/coaching.json");
    assert_eq!(served.status, 200);
    let source = parse(throughline_demo::lms::DEFAULT_PROGRAM, Format::Toml).expect("valid");
    assert_eq!(compiled::load(&served.body), Ok(Some(source)));

    // A designer's broken edit shows on the next request, as the checker's own lines.
    let programs = s
        ._dir
        .as_ref()
        .expect("temp dir")
        .path()
        .join("data")
        .join("programs");
    let broken = throughline_demo::lms::DEFAULT_PROGRAM.replacen("day = 7", "day = 1", 1);
    std::fs::write(programs.join("coaching.toml"), broken).expect("edit");
    let refused = s.get("/compiled/coaching.json");
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.starts_with("coaching.toml:") && refused.body.contains("schedule"),
        "{}",
        refused.body
    );

    for missing in [
        "/compiled/nothing.json",
        "/compiled/..%2Flrs%2Fx.json",
        "/compiled/coaching.toml",
    ] {
        assert_eq!(s.get(missing).status, 404, "{missing}");
    }
}
