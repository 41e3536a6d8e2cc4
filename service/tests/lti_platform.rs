//! The LTI 1.3 Advantage tool against a platform nobody here wrote: PyPI's
//! `lti1p3platform`, behind the small harness in `tests/lti-platform/`. A real
//! `throughline serve` process and the harness talk over HTTP the way an LMS
//! and the tool do, and the test plays the browser between them.
//!
//! Needs Python with `lti1p3platform`: `.ci/run` makes a virtual environment
//! and runs this with `THROUGHLINE_LTI_PYTHON` set and `--include-ignored`,
//! on PostgreSQL (`THROUGHLINE_TEST_POSTGRES`), so launches and the grade
//! queue are tested there; without it, on SQLite.

#[path = "common/database.rs"]
mod database;
#[path = "common/process.rs"]
mod process;

use process::{first_url, Running};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

fn page(mut res: ureq::http::Response<ureq::Body>) -> Page {
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    Page {
        status: res.status().as_u16(),
        location,
        body: res.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn get(url: &str) -> Page {
    page(http().get(url).call().expect("GET"))
}

fn post_form(url: &str, fields: &[(&str, &str)]) -> Page {
    page(
        http()
            .post(url)
            .send_form(fields.iter().copied())
            .expect("POST"),
    )
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `attr` right after `anchor` in `html`.
fn attr_after(html: &str, anchor: &str, attr: &str) -> Option<String> {
    let from = html.find(anchor)?;
    let rest = &html[from..];
    let start = rest.find(&format!("{attr}=\""))? + attr.len() + 2;
    let end = rest[start..].find('"')?;
    Some(unescape(&rest[start..start + end]))
}

fn hidden(html: &str, name: &str) -> Option<String> {
    attr_after(html, &format!("name=\"{name}\""), "value")
}

fn form_action(html: &str) -> Option<String> {
    attr_after(html, "<form", "action")
}

struct World {
    platform: String,
    tool: String,
    config: PathBuf,
    _platform_process: Running,
    tool_process: Option<Running>,
    /// PostgreSQL when the test run has a server for it, else SQLite in the data folder.
    database: Option<String>,
    _dir: tempfile::TempDir,
}

impl World {
    fn start() -> World {
        let python = std::env::var("THROUGHLINE_LTI_PYTHON")
            .expect("set THROUGHLINE_LTI_PYTHON to a Python that has lti1p3platform");
        let harness =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lti-platform/platform.py");
        let tool = format!("http://127.0.0.1:{}", free_port());
        let mut child = Command::new(python)
            .arg(&harness)
            .arg(&tool)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the platform harness starts");
        let platform = first_url(&mut child);
        let platform_process = Running(child);
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("pkg")).expect("bundle dir");
        std::fs::write(dir.path().join("pkg/throughline.js"), "// stub").expect("stub");
        std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
        let registration = json!({"platforms": [{
            "issuer": platform, "client_id": "throughline-harness", "deployment_ids": ["deployment-1"],
            "auth_login_url": format!("{platform}/auth"), "jwks_url": format!("{platform}/jwks"),
            "auth_token_url": format!("{platform}/token"), "adoption_grade": true,
        }]});
        std::fs::write(
            dir.path().join("data/lti-platforms.json"),
            registration.to_string(),
        )
        .expect("registration");
        let config = dir.path().join("throughline.toml");
        std::fs::write(
            &config,
            format!(
                "[server]\naddr = \"{}\"\n[storage]\ndata = \"data\"\n[widget]\nbundle = \"pkg\"\n",
                tool.trim_start_matches("http://")
            ),
        )
        .expect("config");
        let mut world = World {
            platform,
            tool,
            config,
            _platform_process: platform_process,
            tool_process: None,
            database: database::fresh(),
            _dir: dir,
        };
        world.restart_tool();
        world
    }

    fn restart_tool(&mut self) {
        self.tool_process = None;
        let mut command = Command::new(env!("CARGO_BIN_EXE_throughline"));
        command
            .args(["serve", "--config"])
            .arg(&self.config)
            .env_remove("THROUGHLINE_ADDR")
            .env_remove("THROUGHLINE_DATA")
            .env_remove("THROUGHLINE_DATABASE_URL");
        if let Some(url) = &self.database {
            command.env("THROUGHLINE_DATABASE_URL", url);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .expect("the service starts");
        let base = first_url(&mut child);
        assert_eq!(base, self.tool);
        self.tool_process = Some(Running(child));
    }

    /// Plays the browser from the platform's launch link to the tool's page.
    fn launch(&self, query: &str) -> Page {
        let start = get(&format!("{}/start?{query}", self.platform));
        assert_eq!(start.status, 302, "{}", start.body);
        let login = get(&start.location.expect("to the tool's login"));
        assert_eq!(login.status, 303, "{}", login.body);
        let auth_url = login.location.expect("to the platform's auth");
        assert!(auth_url.starts_with(&self.platform), "{auth_url}");
        let form = get(&auth_url);
        assert_eq!(
            form.status, 200,
            "the platform accepted the tool's auth request: {}",
            form.body
        );
        let action = form_action(&form.body).expect("a form");
        assert_eq!(action, format!("{}/lti/launch", self.tool));
        let (id_token, state) = (
            hidden(&form.body, "id_token").expect("id_token"),
            hidden(&form.body, "state").expect("state"),
        );
        let page = post_form(&action, &[("id_token", &id_token), ("state", &state)]);
        // The same form again is a replay.
        let again = post_form(&action, &[("id_token", &id_token), ("state", &state)]);
        assert_eq!(again.status, 401, "a replayed launch is refused");
        page
    }

    fn state(&self) -> Value {
        serde_json::from_str(&get(&format!("{}/_state", self.platform)).body).expect("state")
    }
}

fn options(page: &Page) -> Value {
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page
        .body
        .find(r#"id="throughline-options">"#)
        .expect("widget options")
        + r#"id="throughline-options">"#.len();
    let end = page.body[start..].find("</script>").expect("end") + start;
    serde_json::from_str(&page.body[start..end]).expect("options JSON")
}

fn basic(o: &Value) -> String {
    let pair = format!(
        "{}:{}",
        o["lrs"]["key"].as_str().expect("key"),
        o["lrs"]["secret"].as_str().expect("secret")
    );
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn post_statement(tool: &str, auth: &str, statement: &Value) -> u16 {
    http()
        .post(&format!("{tool}/xapi/statements"))
        .header("Authorization", auth)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .send(statement.to_string())
        .expect("POST")
        .status()
        .as_u16()
}

/// Whether `done` came true within 40 seconds.
fn within_a_while(mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(40);
    while !done() {
        if Instant::now() > until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    true
}

#[test]
#[ignore = "needs Python with lti1p3platform in THROUGHLINE_LTI_PYTHON (.ci/run makes one)"]
fn the_tool_works_with_a_third_party_platform() {
    let mut world = World::start();

    // A learner's launch: the widget gets the course, the learner and an LRS key of its own.
    let ben = options(&world.launch("user=ben&message=resource&link=link-1"));
    assert_eq!(ben["learner"]["id"], "ben");
    assert_eq!(ben["lti"]["contextTitle"], "Coaching for leaders");
    assert_eq!(ben["program"], "/compiled/coaching.json");
    assert_eq!(ben["lrs"]["endpoint"], format!("{}/xapi/", world.tool));
    assert_eq!(ben["lrs"]["actor"]["account"]["homePage"], world.platform);
    let ben_auth = basic(&ben);
    // The widget reads these options as they are (its own, pure launch checks).
    let raw: throughline::launch::RawOptions =
        serde_json::from_value(ben.clone()).expect("the widget's option names");
    let read = throughline::launch::Options::from_raw(raw, "").expect("options the widget accepts");
    assert!(
        read.connection.is_some(),
        "the widget reports to the service's LRS"
    );

    // Committing is a grade in the platform's gradebook, sent again after the platform fails:
    // first a token answer that is not JSON, then one too large, then a 503 to the score.
    assert_eq!(
        post_form(&format!("{}/_fail?token=garbage", world.platform), &[]).status,
        204
    );
    let committed = json!({
        "actor": ben["lrs"]["actor"],
        "verb": {"id": "https://throughline.app/xapi/verbs/committed", "display": {"en": "committed to"}},
        "object": {"id": "https://throughline.app/xapi/programs/coaching/behaviours/feedback"},
    });
    assert_eq!(post_statement(&world.tool, &ben_auth, &committed), 200);
    assert_eq!(
        post_statement(&world.tool, &ben_auth, &committed),
        200,
        "a second commitment owes nothing new"
    );
    let shown = within_a_while(|| {
        get(&format!("{}/", world.tool))
            .body
            .contains("without a readable token")
    });
    assert!(shown, "the admin sees why the grade waits");
    assert_eq!(
        post_form(
            &format!("{}/_fail?token=huge&scores=1", world.platform),
            &[]
        )
        .status,
        204
    );
    let arrived = within_a_while(|| {
        world.state()["scores"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    });
    assert!(arrived, "no score reached the gradebook: {}", world.state());
    let state = world.state();
    let scores: Vec<&Value> = state["scores"]
        .as_array()
        .expect("scores")
        .iter()
        .filter(|s| s["lineitem"] == "1")
        .collect();
    assert_eq!(scores.len(), 1, "{state}");
    assert_eq!(scores[0]["userId"], "ben");
    assert_eq!(scores[0]["scoreGiven"], 1);
    assert_eq!(scores[0]["activityProgress"], "Completed");
    assert_eq!(scores[0]["gradingProgress"], "FullyGraded");
    assert!(
        state["tokens"].as_u64() >= Some(1),
        "the platform checked our token request against our JWKS"
    );
    let shown = within_a_while(|| {
        get(&format!("{}/", world.tool))
            .body
            .contains("sent, 0 waiting")
    });
    assert!(shown, "{}", get(&format!("{}/", world.tool)).body);

    // Adoption progress, as this platform is registered for it: a line item the tool adds,
    // scored with the share of committed behaviours adopted, as the dashboard counts them
    // (statements as the widget sends them: the program as parent, the learner's role).
    let program = throughline::program::parse(
        throughline_service::server::EXAMPLE_PROGRAM,
        throughline::program::Format::Toml,
    )
    .expect("the example program");
    let about = |verb: &str, behaviour: &str| {
        json!({
            "actor": ben["lrs"]["actor"],
            "verb": {"id": format!("{verb}")},
            "object": {"id": throughline::xapi::activity_iri(&program, "behaviours", behaviour)},
            "context": {
                "contextActivities": {"parent": [{"id": program.id}]},
                "extensions": {"https://throughline.app/xapi/extensions/role": program.roles[0].id},
            },
        })
    };
    let (first, second) = (&program.behaviours[0].id, &program.behaviours[1].id);
    let committed_iri = "https://throughline.app/xapi/verbs/committed";
    let batch = json!([
        about(committed_iri, first),
        about(committed_iri, second),
        about("http://adlnet.gov/expapi/verbs/mastered", first)
    ]);
    assert_eq!(post_statement(&world.tool, &ben_auth, &batch), 200);
    let adoption = || {
        world.state()["scores"]
            .as_array()
            .into_iter()
            .flatten()
            .rfind(|s| s["lineitem"] == "2")
            .cloned()
    };
    assert!(
        within_a_while(|| adoption().is_some()),
        "no adoption score: {}",
        world.state()
    );
    let score = adoption().expect("score");
    assert_eq!(
        (score["scoreGiven"].as_u64(), score["scoreMaximum"].as_u64()),
        (Some(50), Some(100)),
        "{score}"
    );
    assert_eq!(score["activityProgress"], "InProgress");
    let line = &world.state()["lineitems"]["2"];
    assert_eq!(line["resourceId"], "throughline-adoption:coaching");
    assert!(
        line["label"]
            .as_str()
            .is_some_and(|l| l.contains("behaviours adopted")),
        "{line}"
    );
    // The second behaviour adopted: the same line item, now 100.
    assert_eq!(
        post_statement(
            &world.tool,
            &ben_auth,
            &about("http://adlnet.gov/expapi/verbs/mastered", second)
        ),
        200
    );
    assert!(
        within_a_while(|| adoption().is_some_and(|s| s["scoreGiven"] == 100)),
        "{}",
        world.state()
    );
    assert_eq!(
        world.state()["lineitems"].as_object().map(|o| o.len()),
        Some(1),
        "one adoption line item"
    );

    // A learner's key cannot reach another learner's data, nor the roster.
    let roster = |auth: &str| {
        page(
            http()
                .get(&format!("{}/lti/roster", world.tool))
                .header("Authorization", auth)
                .call()
                .expect("roster"),
        )
    };
    assert_eq!(roster(&ben_auth).status, 403);
    assert_eq!(roster("Basic bHRpLXg6eQ==").status, 401);

    // An instructor's launch reads the course roster from the platform, without emails.
    let ana = options(&world.launch("user=ana&message=resource&link=link-1"));
    let members = roster(&basic(&ana));
    assert_eq!(members.status, 200, "{}", members.body);
    let members: Value = serde_json::from_str(&members.body).expect("json");
    let ids: Vec<&str> = members["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(ids, vec!["ana", "ben", "chloe"]);
    assert!(!members.to_string().contains('@'), "no emails passed on");

    // The instructor seeds a team she leads with the roster: her learners join it, she leads
    // it, and Ben's own launch then finds it. A learner's launch may not.
    const COACHING: &str = "https://throughline.example/programs/coaching-for-performance";
    assert_eq!(
        ana["lti"]["roster"], true,
        "the launch page offers the roster to instructors"
    );
    assert_eq!(ben["lti"]["roster"], false);
    let q = |extra: &str| {
        format!(
            "program={}{extra}",
            form_urlencoded::byte_serialize(COACHING.as_bytes()).collect::<String>()
        )
    };
    let team = page(
        http()
            .post(&format!("{}/teams?{}", world.tool, q("")))
            .header("Authorization", &basic(&ana))
            .header("Content-Type", "application/json")
            .send(r#"{"name": "Ana Ruiz", "role": "leader"}"#)
            .expect("create a team"),
    );
    assert_eq!(team.status, 201, "{}", team.body);
    let team: Value = serde_json::from_str(&team.body).expect("team");
    let id = team["id"].as_str().expect("id").to_string();
    let seed = |auth: &str| {
        page(
            http()
                .post(&format!(
                    "{}/lti/roster/team?{}",
                    world.tool,
                    q(&format!("&team={id}"))
                ))
                .header("Authorization", auth)
                .send_empty()
                .expect("seed"),
        )
    };
    assert_eq!(seed(&ben_auth).status, 403);
    let seeded = seed(&basic(&ana));
    assert_eq!(seeded.status, 200, "{}", seeded.body);
    let seeded: Value = serde_json::from_str(&seeded.body).expect("team");
    let people: Vec<(&str, &str, bool)> = seeded["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap_or(""),
                m["role"].as_str().unwrap_or(""),
                m["leads"] == true,
            )
        })
        .collect();
    assert_eq!(
        people,
        vec![
            ("Ana Ruiz", "leader", true),
            ("Ben Okafor", "team-member", false),
            ("Chloe Martin", "team-member", false)
        ]
    );
    let mine = page(
        http()
            .get(&format!("{}/teams?{}", world.tool, q("")))
            .header("Authorization", &ben_auth)
            .call()
            .expect("Ben's teams"),
    );
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert!(
        mine.body.contains(&id),
        "Ben's launch finds the team: {}",
        mine.body
    );

    // Deep Linking: the instructor picks the program; the platform checks our signed answer.
    let picker = world.launch("user=ana&message=deeplink");
    assert_eq!(picker.status, 200, "{}", picker.body);
    assert_eq!(
        form_action(&picker.body).as_deref(),
        Some("/lti/deep-link?lang=en"),
        "the picker answers in the launch's language"
    );
    let context = hidden(&picker.body, "context").expect("context");
    let tampered = post_form(
        &format!("{}/lti/deep-link", world.tool),
        &[("context", &format!("{context}x")), ("program", "coaching")],
    );
    assert_eq!(tampered.status, 400, "a changed picker token is refused");
    let answer = post_form(
        &format!("{}/lti/deep-link", world.tool),
        &[("context", &context), ("program", "coaching")],
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let back = form_action(&answer.body).expect("a form back to the platform");
    assert_eq!(back, format!("{}/deep_link_return", world.platform));
    let added = post_form(
        &back,
        &[("JWT", &hidden(&answer.body, "JWT").expect("JWT"))],
    );
    assert_eq!(
        added.status, 200,
        "the platform accepted the answer: {}",
        added.body
    );
    let item = world.state()["deep_links"][0][0].clone();
    assert_eq!(item["type"], "ltiResourceLink");
    assert_eq!(item["custom"]["program"], "/compiled/coaching.json");
    assert_eq!(item["url"], format!("{}/lti/launch", world.tool));

    // The link it made opens that program; a program elsewhere is not followed.
    let linked =
        options(&world.launch("user=chloe&message=resource&program=/compiled/coaching.json"));
    assert_eq!(linked["program"], "/compiled/coaching.json");
    let elsewhere =
        options(&world.launch("user=chloe&message=resource&program=https://evil.example/p.json"));
    assert_eq!(elsewhere["program"], "/compiled/coaching.json");

    // A rotated key: both keys are published, the new one signs, the platform still agrees.
    let before: Value =
        serde_json::from_str(&get(&format!("{}/lti/jwks", world.tool)).body).expect("jwks");
    let rotated = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["rotate-lti-key", "--config"])
        .arg(&world.config)
        .output()
        .expect("rotate");
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    let new_kid = String::from_utf8_lossy(&rotated.stdout).trim().to_string();
    world.restart_tool();
    let after: Value =
        serde_json::from_str(&get(&format!("{}/lti/jwks", world.tool)).body).expect("jwks");
    let kids: Vec<&str> = after["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    assert_eq!(kids.len(), 2);
    assert_eq!(kids[0], new_kid);
    assert_eq!(
        Some(kids[1]),
        before["keys"][0]["kid"].as_str(),
        "the previous key stays published"
    );
    let picker = world.launch("user=ana&message=deeplink");
    let answer = post_form(
        &format!("{}/lti/deep-link", world.tool),
        &[
            (
                "context",
                &hidden(&picker.body, "context").expect("context"),
            ),
            ("program", "coaching"),
        ],
    );
    let added = post_form(
        &form_action(&answer.body).expect("form"),
        &[("JWT", &hidden(&answer.body, "JWT").expect("JWT"))],
    );
    assert_eq!(added.status, 200, "signed with the new key: {}", added.body);

    // Expired, and meant for another tool: refused with a plain page.
    for (query, words) in [
        ("user=ben&message=resource&expired=1", "expired"),
        ("user=ben&message=resource&aud=another-tool", "another tool"),
    ] {
        let start = get(&format!("{}/start?{query}", world.platform));
        let login = get(&start.location.expect("login"));
        let form = get(&login.location.expect("auth"));
        let refused = post_form(
            &format!("{}/lti/launch", world.tool),
            &[
                (
                    "id_token",
                    &hidden(&form.body, "id_token").expect("id_token"),
                ),
                ("state", &hidden(&form.body, "state").expect("state")),
            ],
        );
        assert_eq!(refused.status, 401, "{query}: {}", refused.body);
        assert!(
            refused.body.contains(words) && !refused.body.contains("mount("),
            "{query}: {}",
            refused.body
        );
    }

    // A forged id_token (its payload changed) is refused by the tool.
    let start = get(&format!(
        "{}/start?user=ben&message=resource",
        world.platform
    ));
    let login = get(&start.location.expect("login"));
    let form = get(&login.location.expect("auth"));
    let token = hidden(&form.body, "id_token").expect("id_token");
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&parts[1])
        .expect("payload");
    let forged = String::from_utf8(claims)
        .expect("utf8")
        .replace("\"ben\"", "\"ana\"");
    parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(forged);
    let refused = post_form(
        &format!("{}/lti/launch", world.tool),
        &[
            ("id_token", &parts.join(".")),
            ("state", &hidden(&form.body, "state").expect("state")),
        ],
    );
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(refused.body.contains("signature"), "{}", refused.body);
}
