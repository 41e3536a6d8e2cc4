//! Teams through a real `throughline serve`: a leader creates a team, people join it with
//! its code as they type it, see each other and what each shares; the leader removes
//! someone, who cannot come back; whoever sends what body, each key acts only as its own
//! person; teams people are not in stay hidden; a team of sixty is full; and members
//! joining at once through two processes on one database are all kept. And how the team
//! sees its leader: nothing below three raters, figures that one new rating never moves,
//! forged or unasked raters not counted, members seeing only their own figures.
//!
//! On PostgreSQL when `THROUGHLINE_TEST_POSTGRES` is set (`.ci/run`), else on SQLite (the
//! two processes then share one SQLite file).

#[path = "common/database.rs"]
mod database;
#[path = "common/process.rs"]
mod process;

use process::Process;

use base64::Engine;
use serde_json::{json, Value};
use throughline_service::lrs::auth::{Credential, CREDENTIALS_FILE};
use throughline_service::lrs::Scope;

/// The example program every new data folder starts with.
const PROGRAM: &str = "https://throughline.example/programs/coaching-for-performance";

/// A data folder, its configuration and its database.
struct Site {
    dir: tempfile::TempDir,
    database: Option<String>,
}

fn site() -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    process::configure(dir.path(), "");
    Site {
        dir,
        database: database::fresh(),
    }
}

fn basic(pair: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn agent(name: &str) -> Value {
    json!({"objectType": "Agent", "mbox": format!("mailto:{name}@example.org")})
}

/// A key made as an admin makes one: `throughline add-key`, bound to the person's agent
/// (`None`: an admin key, bound to no one).
fn add_key(site: &Site, name: &str, bound: Option<&Value>) -> String {
    let mut cmd = process::throughline(site.dir.path(), site.database.as_deref());
    cmd.args(["add-key", name]);
    match bound {
        Some(a) => cmd.args(["--agent", &a.to_string()]),
        None => cmd.arg("--admin"),
    };
    let out = cmd
        .args(["--config", "throughline.toml"])
        .output()
        .expect("add-key runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    basic(String::from_utf8_lossy(&out.stdout).trim())
}

/// Many learner keys at once, written into a new credentials file with plain secrets
/// (as the demo keeps them), since hashing sixty secrets in a debug build is slow.
fn many_keys(site: &Site, names: &[String]) -> Vec<String> {
    let path = site.dir.path().join("data/lrs").join(CREDENTIALS_FILE);
    assert!(!path.exists(), "many_keys makes the credentials file");
    let mut credentials = vec![Credential {
        name: "admin".into(),
        key: "admin-key".into(),
        secret: uuid::Uuid::new_v4().simple().to_string(),
        secret_hash: None,
        scope: Scope::Admin,
        agent: None,
    }];
    for (i, n) in names.iter().enumerate() {
        credentials.push(Credential {
            name: n.clone(),
            key: format!("learner-{i}"),
            secret: uuid::Uuid::new_v4().simple().to_string(),
            secret_hash: None,
            scope: Scope::Learner,
            agent: Some(agent(n)),
        });
    }
    std::fs::write(&path, json!({ "credentials": credentials }).to_string())
        .expect("credentials file");
    credentials[1..]
        .iter()
        .map(|c| basic(&format!("{}:{}", c.key, c.secret)))
        .collect()
}

fn serve(site: &Site) -> Process {
    process::serve(site.dir.path(), site.database.as_deref())
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `METHOD base/path?program=PROGRAM` with the key and JSON body; status and JSON answer.
fn call(
    p: &Process,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    call_in(p, method, path, PROGRAM, auth, body.map(Value::to_string))
}

fn call_in(
    p: &Process,
    method: &str,
    path: &str,
    program: &str,
    auth: Option<&str>,
    body: Option<String>,
) -> (u16, Value) {
    let url = format!("{}{path}?program={}", p.base, urlencode(program));
    let mut req = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json");
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let req = req.body(body.unwrap_or_default()).expect("request");
    let mut res = process::http().run(req).expect("the service answers");
    let status = res.status().as_u16();
    let text = res
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_string()
        .unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

fn names(team: &Value) -> Vec<String> {
    team["members"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| m["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn key_of(team: &Value, name: &str) -> String {
    team["members"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["name"] == name))
        .and_then(|m| m["key"].as_str())
        .unwrap_or_else(|| panic!("{name} in {team}"))
        .to_string()
}

fn ids(list: &Value) -> Vec<String> {
    list["teams"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of teams: {list}"))
        .iter()
        .filter_map(|t| t["id"].as_str().map(str::to_string))
        .collect()
}

fn error(answer: &Value) -> &str {
    answer["error"]
        .as_str()
        .unwrap_or_else(|| panic!("an error in words: {answer}"))
}

#[test]
fn a_team_is_led_joined_by_code_shared_and_seen_only_by_its_members() {
    let site = site();
    let admin = add_key(&site, "lms-admin", None);
    let ana = add_key(&site, "ana", Some(&agent("ana")));
    let ben = add_key(&site, "ben", Some(&agent("ben")));
    let chloe = add_key(&site, "chloe", Some(&agent("chloe")));
    let dan = add_key(&site, "dan", Some(&agent("dan")));
    let s = serve(&site);
    let (ana, ben, chloe, dan, admin) = (
        Some(ana.as_str()),
        Some(ben.as_str()),
        Some(chloe.as_str()),
        Some(dan.as_str()),
        Some(admin.as_str()),
    );
    let lead = json!({"name": "  Ana Ramos ", "role": "leader"});

    // Who may create: a key bound to a person whose role leads.
    assert_eq!(call(&s, "POST", "/teams", None, Some(&lead)).0, 401);
    let (status, answer) = call(&s, "POST", "/teams", admin, Some(&lead));
    assert_eq!(status, 403, "the admin key is no one: {answer}");
    let (status, answer) = call(
        &s,
        "POST",
        "/teams",
        ben,
        Some(&json!({"name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 403);
    assert!(error(&answer).contains("does not lead"), "{answer}");
    let (status, answer) = call(
        &s,
        "POST",
        "/teams",
        ben,
        Some(&json!({"name": "Ben", "role": "astronaut"})),
    );
    assert_eq!(
        (status, error(&answer)),
        (
            400,
            "Choose your role in this program before joining a team."
        )
    );
    for bad in ["", "   ", &"x".repeat(121)] {
        let (status, answer) = call(
            &s,
            "POST",
            "/teams",
            ana,
            Some(&json!({"name": bad, "role": "leader"})),
        );
        assert_eq!(status, 400, "{bad:?}: {answer}");
        assert!(error(&answer).contains("1 to 120 characters"));
    }

    let (status, team) = call(&s, "POST", "/teams", ana, Some(&lead));
    assert_eq!(status, 201, "{team}");
    let id = team["id"].as_str().expect("an id").to_string();
    let code = team["code"].as_str().expect("a code").to_string();
    assert!(
        id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    assert_eq!(code.len(), 8);
    assert_eq!(team["name"], "Ana Ramos's team");
    assert_eq!(team["program"], PROGRAM);
    assert_eq!(names(&team), ["Ana Ramos"]);
    assert_eq!(team["members"][0]["leads"], true);

    // Two people join by code as they type it: any case, with a dash and spaces.
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let (status, joined) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": typed, "name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 200, "{joined}");
    assert_eq!(names(&joined), ["Ana Ramos", "Ben"]);
    let (status, _) = call(
        &s,
        "POST",
        "/teams/join",
        chloe,
        Some(
            &json!({"code": format!(" {} - {} ", &code[..4], &code[4..]), "name": "Chloe", "role": "stakeholder"}),
        ),
    );
    assert_eq!(status, 200);
    let (status, again) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": code, "name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 200, "joining twice is fine");
    assert_eq!(names(&again), ["Ana Ramos", "Ben", "Chloe"]);
    for who in [ana, ben, chloe] {
        let (status, seen) = call(&s, "GET", &format!("/teams/{id}"), who, None);
        assert_eq!(status, 200, "{seen}");
        assert_eq!(names(&seen), ["Ana Ramos", "Ben", "Chloe"]);
        let (status, list) = call(&s, "GET", "/teams", who, None);
        assert_eq!((status, ids(&list)), (200, vec![id.clone()]));
    }
    let (status, seen) = call(&s, "GET", &format!("/teams/{id}"), admin, None);
    assert_eq!(
        (status, names(&seen).len()),
        (200, 3),
        "the admin key may read"
    );

    // Codes that are not codes, and codes of no team.
    let (status, answer) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": "K7QF-M2X0", "name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 400);
    assert!(
        error(&answer).starts_with("That is not a team code"),
        "{answer}"
    );
    let unused = if code == "ZZZZZZZZ" {
        "YYYYYYYY"
    } else {
        "ZZZZZZZZ"
    };
    let (status, answer) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": unused, "name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 404);
    assert!(
        error(&answer).starts_with("No team has this code"),
        "{answer}"
    );

    // Programs the service does not have, or none.
    let (status, answer) = call_in(
        &s,
        "GET",
        &format!("/teams/{id}"),
        "https://elsewhere.example/p",
        ana,
        None,
    );
    assert_eq!(status, 404);
    assert!(error(&answer).contains("no program"), "{answer}");
    let (status, answer) = call_in(&s, "GET", "/teams", "", ana, None);
    assert_eq!(status, 400, "{answer}");

    // A member cannot remove; nor can Ben by saying in the body that he is Ana.
    let chloe_key = key_of(&again, "Chloe");
    let ben_key = key_of(&again, "Ben");
    let (status, answer) = call(
        &s,
        "POST",
        &format!("/teams/{id}/remove"),
        ben,
        Some(&json!({"member": chloe_key})),
    );
    assert_eq!(
        (status, error(&answer)),
        (403, "Only the team's leader can do that.")
    );
    let forged = json!({
        "member": chloe_key,
        "agent": agent("ana"), "actor": agent("ana"), "name": "Ana Ramos", "key": key_of(&again, "Ana Ramos"),
    });
    let (status, _) = call(
        &s,
        "POST",
        &format!("/teams/{id}/remove"),
        ben,
        Some(&forged),
    );
    assert_eq!(status, 403, "Ben's key acts as Ben whatever the body says");
    let (status, joined) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": code, "name": "Ben", "role": "team-member", "agent": agent("dan")})),
    );
    assert_eq!(status, 200);
    assert_eq!(
        names(&joined),
        ["Ana Ramos", "Ben", "Chloe"],
        "no one joined as Dan"
    );
    let (status, _) = call(&s, "GET", &format!("/teams/{id}"), dan, None);
    assert_eq!(status, 404, "Dan is not in the team");

    // The leader removes Ben: he cannot come back, and no longer sees the team.
    let (status, after) = call(
        &s,
        "POST",
        &format!("/teams/{id}/remove"),
        ana,
        Some(&json!({"member": ben_key})),
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(names(&after), ["Ana Ramos", "Chloe"]);
    let (status, answer) = call(
        &s,
        "POST",
        "/teams/join",
        ben,
        Some(&json!({"code": code, "name": "Ben", "role": "team-member"})),
    );
    assert_eq!(status, 409);
    assert!(
        error(&answer).starts_with("The leader removed you"),
        "{answer}"
    );
    let (status, answer) = call(&s, "GET", &format!("/teams/{id}"), ben, None);
    assert_eq!(status, 404);
    assert_eq!(error(&answer), "You are not in this team (any more).");
    let (status, list) = call(&s, "GET", "/teams", ben, None);
    assert_eq!((status, ids(&list)), (200, Vec::<String>::new()));
    let (status, _) = call(
        &s,
        "POST",
        &format!("/teams/{id}/remove"),
        ana,
        Some(&json!({"member": ben_key})),
    );
    assert_eq!(status, 404, "no one has that key any more");

    // Another team's id: the same 404 as a team that does not exist.
    let (status, dans) = call(
        &s,
        "POST",
        "/teams",
        dan,
        Some(&json!({"name": "Dan", "role": "leader"})),
    );
    assert_eq!(status, 201);
    let dans_id = dans["id"].as_str().expect("an id").to_string();
    assert_ne!(dans["code"], team["code"]);
    let missing = "0123456789abcdef0123456789abcdef";
    for path in [
        format!("/teams/{dans_id}"),
        format!("/teams/{missing}"),
        "/teams/not-an-id".into(),
    ] {
        let (status, answer) = call(&s, "GET", &path, ana, None);
        assert_eq!(
            (status, error(&answer)),
            (404, "You are not in this team (any more)."),
            "{path}"
        );
    }
    let (status, _) = call(&s, "POST", &format!("/teams/{dans_id}/leave"), ana, None);
    assert_eq!(status, 404);
    let (status, _) = call(
        &s,
        "PUT",
        &format!("/teams/{dans_id}/shared"),
        ana,
        Some(&json!({"shared": []})),
    );
    assert_eq!(status, 404);
    let (_, list) = call(&s, "GET", "/teams", ana, None);
    assert_eq!(
        ids(&list),
        std::slice::from_ref(&id),
        "Dan's team is not Ana's"
    );

    // The leader stays.
    let (status, answer) = call(&s, "POST", &format!("/teams/{id}/leave"), ana, None);
    assert_eq!(status, 409);
    assert!(error(&answer).starts_with("You lead this team"), "{answer}");

    // Sharing: what Ana shares Chloe sees, but not a behaviour Ana keeps private.
    let shared = json!({
        "shared": [
            {"behaviour": "give-specific-feedback", "text": "Feedback every Friday", "when_where": "Fridays"},
            {"behaviour": "set-expectations", "text": "One expectation per 1:1", "when_where": "1:1s"},
            {"behaviour": "not-in-the-program", "text": "x", "when_where": "y"}
        ],
        "private": ["set-expectations"],
        "agent": agent("chloe")
    });
    let (status, after) = call(
        &s,
        "PUT",
        &format!("/teams/{id}/shared"),
        ana,
        Some(&shared),
    );
    assert_eq!(status, 200, "{after}");
    let (status, seen) = call(&s, "GET", &format!("/teams/{id}"), chloe, None);
    assert_eq!(status, 200);
    let ana_entry = &seen["members"][0];
    assert_eq!(ana_entry["name"], "Ana Ramos");
    assert_eq!(
        ana_entry["shared"],
        json!([{"behaviour": "give-specific-feedback", "text": "Feedback every Friday", "when_where": "Fridays"}])
    );
    assert_eq!(ana_entry["private"], json!(["set-expectations"]));
    assert_eq!(
        seen["members"][1]["shared"],
        json!([]),
        "Chloe's entry is untouched"
    );
    assert!(!seen.to_string().contains("One expectation per 1:1"));

    // Bodies are bounded.
    let (status, answer) = call_in(
        &s,
        "PUT",
        &format!("/teams/{id}/shared"),
        PROGRAM,
        ana,
        Some(format!(
            "{{\"shared\": [], \"pad\": \"{}\"}}",
            "x".repeat(70 * 1024)
        )),
    );
    assert_eq!(status, 413, "{answer}");
    let (status, answer) = call_in(
        &s,
        "POST",
        "/teams/join",
        PROGRAM,
        chloe,
        Some("not json".into()),
    );
    assert_eq!(status, 400);
    assert!(
        error(&answer).starts_with("The body must be JSON"),
        "{answer}"
    );

    // Course pages on other origins may call (CORS preflight).
    let preflight = ureq::http::Request::builder()
        .method("OPTIONS")
        .uri(format!("{}/teams/join", s.base))
        .header("origin", "https://lms.example.org")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .body(String::new())
        .expect("request");
    let res = process::http().run(preflight).expect("the service answers");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );

    // A member leaves: gone from the team and from their list.
    let (status, answer) = call(&s, "POST", &format!("/teams/{id}/leave"), chloe, None);
    assert_eq!((status, answer), (200, json!({})));
    let (_, list) = call(&s, "GET", "/teams", chloe, None);
    assert_eq!(ids(&list), Vec::<String>::new());
    let (_, seen) = call(&s, "GET", &format!("/teams/{id}"), ana, None);
    assert_eq!(names(&seen), ["Ana Ramos"]);
}

#[test]
fn a_team_of_sixty_is_full() {
    let site = site();
    let people: Vec<String> = (0..61).map(|i| format!("p{i:02}")).collect();
    let keys = many_keys(&site, &people);
    let s = serve(&site);
    let (status, team) = call(
        &s,
        "POST",
        "/teams",
        Some(&keys[0]),
        Some(&json!({"name": "Lead", "role": "leader"})),
    );
    assert_eq!(status, 201, "{team}");
    let code = team["code"].as_str().expect("a code").to_string();
    for (i, key) in keys.iter().enumerate().take(60).skip(1) {
        let (status, answer) = call(
            &s,
            "POST",
            "/teams/join",
            Some(key),
            Some(&json!({"code": code, "name": people[i], "role": "team-member"})),
        );
        assert_eq!(status, 200, "{i}: {answer}");
    }
    let (status, answer) = call(
        &s,
        "POST",
        "/teams/join",
        Some(&keys[60]),
        Some(&json!({"code": code, "name": "Late", "role": "team-member"})),
    );
    assert_eq!(status, 409);
    assert!(error(&answer).starts_with("This team is full"), "{answer}");
    let (status, again) = call(
        &s,
        "POST",
        "/teams/join",
        Some(&keys[59]),
        Some(&json!({"code": code, "name": people[59], "role": "team-member"})),
    );
    assert_eq!(
        (status, names(&again).len()),
        (200, 60),
        "a member may still join again"
    );
}

#[test]
fn people_joining_at_once_through_two_processes_are_all_kept() {
    let site = site();
    let people: Vec<String> = (0..41).map(|i| format!("q{i:02}")).collect();
    let keys = many_keys(&site, &people);
    let a = serve(&site);
    let b = serve(&site);
    assert_ne!(a.base, b.base);
    let (status, team) = call(
        &a,
        "POST",
        "/teams",
        Some(&keys[0]),
        Some(&json!({"name": "Lead", "role": "leader"})),
    );
    assert_eq!(status, 201, "{team}");
    let id = team["id"].as_str().expect("an id").to_string();
    let code = team["code"].as_str().expect("a code").to_string();

    // Eight people at a time, through both processes.
    std::thread::scope(|scope| {
        for lane in 0..8 {
            let (keys, people, code, a, b) = (&keys, &people, &code, &a, &b);
            scope.spawn(move || {
                for i in (1..people.len()).filter(|i| i % 8 == lane) {
                    let p = if i % 2 == 0 { a } else { b };
                    let (status, answer) = call(
                        p,
                        "POST",
                        "/teams/join",
                        Some(&keys[i]),
                        Some(&json!({"code": code, "name": people[i], "role": "team-member"})),
                    );
                    assert_eq!(status, 200, "{}: {answer}", people[i]);
                }
            });
        }
    });
    for p in [&a, &b] {
        let (status, seen) = call(p, "GET", &format!("/teams/{id}"), Some(&keys[0]), None);
        assert_eq!(status, 200);
        let mut got = names(&seen);
        got.sort();
        let mut want = people[1..].to_vec();
        want.push("Lead".into());
        want.sort();
        assert_eq!(got, want, "no join lost");
    }
    for (i, key) in keys.iter().enumerate() {
        let p = if i % 2 == 0 { &b } else { &a };
        let (_, list) = call(p, "GET", "/teams", Some(key), None);
        assert_eq!(
            ids(&list),
            std::slice::from_ref(&id),
            "{} lists the team",
            people[i]
        );
    }
}

/// An `observed` statement as the widget sends it: `rater` rates `about`'s `behaviour` at
/// schedule step `step`, with `team` in the context.
fn observation(
    rater: &str,
    about: &str,
    behaviour: &str,
    step: u32,
    level: u8,
    team: &Value,
    role: &str,
) -> Value {
    json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "actor": agent(rater),
        "verb": {"id": "https://throughline.app/xapi/verbs/observed", "display": {"en-US": "observed"}},
        "object": {"objectType": "Activity", "id": format!("{PROGRAM}/behaviours/{behaviour}")},
        "result": {"score": {"raw": level, "min": 0, "max": 4, "scaled": f64::from(level) / 4.0}},
        "context": {
            "team": {"objectType": "Group", "name": team["name"], "account": {"homePage": PROGRAM, "name": format!("team:{}", team["id"].as_str().unwrap_or_default())}},
            "extensions": {
                "https://throughline.app/xapi/extensions/observed": agent(about),
                "https://throughline.app/xapi/extensions/step": step,
                "https://throughline.app/xapi/extensions/role": role
            }
        },
        "timestamp": "2027-01-25T10:00:00Z"
    })
}

fn post_statement(p: &Process, auth: &str, statement: &Value) -> u16 {
    let req = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/xapi/statements", p.base))
        .header("content-type", "application/json")
        .header("x-experience-api-version", "1.0.3")
        .header("authorization", auth)
        .body(statement.to_string())
        .expect("request");
    process::http()
        .run(req)
        .expect("the LRS answers")
        .status()
        .as_u16()
}

/// The round of `behaviour` in a member's insights: (counted, needed, mean).
fn round(insights: &Value, behaviour: &str) -> (u64, u64, Option<f64>) {
    let seen = insights["seen"]
        .as_array()
        .unwrap_or_else(|| panic!("{insights}"));
    let Some(b) = seen.iter().find(|s| s["behaviour"] == behaviour) else {
        return (0, 0, None);
    };
    let r = &b["rounds"][0];
    (
        r["counted"].as_u64().unwrap_or(0),
        r["needed"].as_u64().unwrap_or(0),
        r["mean"].as_f64(),
    )
}

#[test]
fn how_the_team_sees_its_leader_shows_only_over_three_raters_and_resists_differencing() {
    let site = site();
    let people: Vec<String> = [
        "ana", "ben", "cai", "dee", "eve", "fox", "gil", "zed", "sam",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let keys = many_keys(&site, &people);
    let key = |n: &str| keys[people.iter().position(|p| p == n).expect("a person")].clone();
    let s = serve(&site);
    let (status, team) = call(
        &s,
        "POST",
        "/teams",
        Some(&key("ana")),
        Some(&json!({"name": "Ana", "role": "leader"})),
    );
    assert_eq!(status, 201, "{team}");
    let code = team["code"].as_str().expect("code").to_string();
    for (n, role) in [
        ("ben", "team-member"),
        ("cai", "team-member"),
        ("dee", "team-member"),
        ("eve", "team-member"),
        ("fox", "team-member"),
        ("gil", "team-member"),
        ("sam", "stakeholder"),
    ] {
        let (status, answer) = call(
            &s,
            "POST",
            "/teams/join",
            Some(&key(n)),
            Some(&json!({"code": code, "name": n, "role": role})),
        );
        assert_eq!(status, 200, "{n}: {answer}");
    }
    let id = team["id"].as_str().expect("id").to_string();
    let path = format!("/teams/{id}/insights");
    let ana_view = || {
        let (status, v) = call(&s, "GET", &path, Some(&key("ana")), None);
        assert_eq!(status, 200, "{v}");
        v
    };
    const B: &str = "give-specific-feedback";
    assert_eq!(round(&ana_view(), B), (0, 0, None), "nothing rated yet");

    // Ratings that must not count: Zed is in no team (he knows the id); Sam is a stakeholder,
    // whom the program does not ask (whatever role his statement claims); Ben at a step
    // with no observation; Ana rating herself.
    let ignored = [
        observation("zed", "ana", B, 21, 0, &team, "team-member"),
        observation("sam", "ana", B, 21, 0, &team, "team-member"),
        observation("ben", "ana", B, 7, 0, &team, "team-member"),
        observation("ana", "ana", B, 21, 0, &team, "team-member"),
    ];
    for (st, who) in ignored.iter().zip(["zed", "sam", "ben", "ana"]) {
        assert_eq!(post_statement(&s, &key(who), st), 200, "{who}");
    }
    // A learner key cannot post as someone else.
    assert_eq!(
        post_statement(
            &s,
            &key("zed"),
            &observation("cai", "ana", B, 21, 0, &team, "team-member")
        ),
        403
    );

    // Two raters: still nothing, and how many more are needed.
    for (who, level) in [("ben", 3), ("cai", 4)] {
        assert_eq!(
            post_statement(
                &s,
                &key(who),
                &observation(who, "ana", B, 21, level, &team, "team-member")
            ),
            200
        );
    }
    assert_eq!(round(&ana_view(), B), (0, 1, None));
    // The third: a figure over three people (3 + 4 + 2) / 3.
    assert_eq!(
        post_statement(
            &s,
            &key("dee"),
            &observation("dee", "ana", B, 21, 2, &team, "team-member")
        ),
        200
    );
    assert_eq!(round(&ana_view(), B), (3, 3, Some(3.0)));
    // Differencing: the fourth and fifth ratings, and Ben changing his, leave it as it was.
    let before = round(&ana_view(), B);
    for (who, level) in [("eve", 0), ("fox", 0), ("ben", 0)] {
        assert_eq!(
            post_statement(
                &s,
                &key(who),
                &observation(who, "ana", B, 21, level, &team, "team-member")
            ),
            200
        );
        let now = round(&ana_view(), B);
        assert_eq!(
            now.2, before.2,
            "after {who}: one new rating never moves the figure"
        );
    }
    // The sixth rater completes the next block: (3 + 4 + 2 + 0 + 0 + 0) / 6.
    assert_eq!(
        post_statement(
            &s,
            &key("gil"),
            &observation("gil", "ana", B, 21, 0, &team, "team-member")
        ),
        200
    );
    assert_eq!(round(&ana_view(), B), (6, 3, Some(1.5)));

    // The answer holds figures only: no rater, no single level.
    let text = ana_view().to_string();
    for who in ["ben", "cai", "dee", "eve", "fox", "gil"] {
        assert!(!text.contains(&format!("{who}@")), "{text}");
    }
    // Members see only their own figures, never their leader's.
    let (status, ben_view) = call(&s, "GET", &path, Some(&key("ben")), None);
    assert_eq!(status, 200);
    assert_eq!(round(&ben_view, B), (0, 0, None), "{ben_view}");
    assert!(
        ben_view["adoption"].as_array().is_some_and(Vec::is_empty),
        "members get no adoption table"
    );
    // Not in the team, another team's id, or no agent: nothing.
    assert_eq!(call(&s, "GET", &path, Some(&key("zed")), None).0, 404);
    let (_, other) = call(
        &s,
        "POST",
        "/teams",
        Some(&key("zed")),
        Some(&json!({"name": "Zed", "role": "leader"})),
    );
    let other_path = format!("/teams/{}/insights", other["id"].as_str().expect("id"));
    assert_eq!(call(&s, "GET", &other_path, Some(&key("ana")), None).0, 404);
    assert_eq!(
        call(&s, "GET", &path, Some("Basic bm9ib2R5Om5vcGU="), None).0,
        401
    );

    // The leader's view of the team's adoption: a paired behaviour shows once three members
    // committed to it, as counts.
    let adoption = || {
        ana_view()["adoption"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    for (i, who) in ["ben", "cai", "dee"].iter().enumerate() {
        save_plan(&s, &key(who), who, "receive-feedback");
        let rows = adoption();
        if i < 2 {
            assert!(rows.is_empty(), "{} committed: {rows:?}", i + 1);
        } else {
            assert_eq!(rows.len(), 1, "{rows:?}");
            assert_eq!(
                (
                    rows[0]["behaviour"].as_str(),
                    rows[0]["members"].as_u64(),
                    rows[0]["not_started"].as_u64()
                ),
                (Some("receive-feedback"), Some(3), Some(3))
            );
        }
    }
}

/// Stores `who`'s plan, committed to `behaviour` on 2027-01-04, as the widget syncs it.
fn save_plan(p: &Process, auth: &str, who: &str, behaviour: &str) {
    let date = time::macros::date!(2027 - 01 - 04);
    let at = date.midnight().assume_utc();
    let plan = throughline::plan::Plan {
        role: Some("team-member".into()),
        commitments: vec![throughline::plan::Commitment {
            behaviour: behaviour.into(),
            text: "Ask for it".into(),
            when_where: "Fridays".into(),
        }],
        committed: Some(throughline::plan::Moment { date, at }),
        updated: Some(throughline::plan::Moment { date, at }),
        ..Default::default()
    };
    let url = format!(
        "{}/xapi/activities/state?activityId={}&stateId={}&agent={}",
        p.base,
        urlencode(PROGRAM),
        urlencode(throughline::enrolment::PLAN_STATE),
        urlencode(&agent(who).to_string())
    );
    let req = ureq::http::Request::builder()
        .method("PUT")
        .uri(url)
        .header("content-type", "application/json")
        .header("x-experience-api-version", "1.0.3")
        .header("authorization", auth)
        .body(throughline::plan::store(&plan))
        .expect("request");
    assert_eq!(
        process::http()
            .run(req)
            .expect("the LRS answers")
            .status()
            .as_u16(),
        204
    );
}
