//! A small load figure for the embedded LRS (run by `scripts/bench-lrs.sh`,
//! not a test): starts the LRS on a free loopback port with a temp data dir,
//! POSTs statements in batches, then times filtered queries that follow the
//! `more` links to the end.
//!
//! Usage: `bench_lrs [STATEMENTS] [BATCH] [PAGE]` (defaults 10000, 100, 100).

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};

const VERBS: [&str; 5] = [
    "attempted",
    "completed",
    "experienced",
    "answered",
    "commented",
];

fn statement(i: usize) -> Value {
    let verb = VERBS[i % VERBS.len()];
    json!({
        "actor": {"objectType": "Agent", "name": format!("Learner {}", i % 50),
                  "account": {"homePage": "http://127.0.0.1", "name": format!("learner{}", i % 50)}},
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}"), "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": format!("http://example.com/course/module/{}", i % 20),
                   "definition": {"name": {"en-US": format!("Module {}", i % 20)}}},
        "result": {"completion": i.is_multiple_of(3), "duration": "PT5M"},
        "context": {"registration": "0f3a4c1e-5b2d-4e6f-8a9b-0c1d2e3f4a5b",
                    "contextActivities": {"parent": [{"id": format!("http://example.com/course/{}", i % 2)}]}}
    })
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total = arg(1, 10_000);
    let batch = arg(2, 100).max(1);
    let page = arg(3, 100).max(1);

    // Another LRS to compare with (scripts/bench-lrs.sh starts Learning Locker's statements
    // service): BENCH_ENDPOINT is its endpoint without the trailing slash, BENCH_AUTH its
    // Authorization value. Without them, this crate's LRS on SQLite in a temp dir, or on the
    // PostgreSQL database BENCH_DATABASE names.
    let external = std::env::var("BENCH_ENDPOINT")
        .ok()
        .zip(std::env::var("BENCH_AUTH").ok());
    let running = match external {
        Some(_) => None,
        None => Some(support::start(2)?),
    };
    let (endpoint, auth) = match (&running, external) {
        (Some(r), _) => (format!("{}/xapi", r.base), r.auth.clone()),
        (None, Some(e)) => e,
        (None, None) => return Err("no LRS".into()),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();

    println!("LRS bench: {total} statements in batches of {batch}, pages of {page}, on {endpoint}");
    let started = Instant::now();
    let mut sent = 0;
    while sent < total {
        let n = batch.min(total - sent);
        let body = Value::Array((sent..sent + n).map(statement).collect()).to_string();
        let ids: Vec<String> = agent
            .post(format!("{endpoint}/statements"))
            .header("Authorization", &auth)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json")
            .send(body)?
            .body_mut()
            .read_json()?;
        if ids.len() != n {
            return Err(format!("expected {n} ids, got {}", ids.len()).into());
        }
        sent += n;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "POST: {total} statements in {secs:.2} s = {:.0} statements/s ({:.1} ms per batch of {batch})",
        total as f64 / secs,
        secs * 1000.0 / total.div_ceil(batch) as f64
    );
    // What a database needs between a bulk load and reads, run by the script: PostgreSQL's
    // planner statistics, which autovacuum refreshes within a minute of a load.
    if let Ok(command) = std::env::var("BENCH_BEFORE_READS") {
        println!("before the reads: {command}");
        std::process::Command::new("sh")
            .args(["-c", &command])
            .status()?;
    }

    let learner7 =
        r#"{"objectType":"Agent","account":{"homePage":"http://127.0.0.1","name":"learner7"}}"#;
    let queries = [
        (
            "by verb (completed)",
            format!("verb={}", enc("http://adlnet.gov/expapi/verbs/completed")),
        ),
        (
            "by activity, related_activities (course/1)",
            format!(
                "activity={}&related_activities=true",
                enc("http://example.com/course/1")
            ),
        ),
        ("by agent (learner7)", format!("agent={}", enc(learner7))),
        ("unfiltered", String::new()),
    ];
    // `more` links are relative to the server's origin.
    let origin: String = endpoint
        .splitn(4, '/')
        .take(3)
        .collect::<Vec<_>>()
        .join("/");
    for (label, query) in queries {
        let mut next = format!("{endpoint}/statements?{query}&limit={page}");
        let mut pages = 0usize;
        let mut statements = 0usize;
        let started = Instant::now();
        // Bounded: at most one page per stored statement.
        for _ in 0..=total {
            let answer = agent
                .get(&next)
                .header("Authorization", &auth)
                .header("X-Experience-API-Version", "1.0.3")
                .call();
            // One query an LRS refuses does not stop the others being measured.
            let mut answer = match answer {
                Ok(a) => a,
                Err(e) => {
                    println!("GET {label}: page {} refused: {e}", pages + 1);
                    break;
                }
            };
            let res: Value = answer
                .body_mut()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_json()?;
            pages += 1;
            statements += res["statements"].as_array().map_or(0, Vec::len);
            match res["more"].as_str() {
                Some(more) if !more.is_empty() => {
                    // Learning Locker's links carry raw JSON (`agent={...}`), which a URI may not.
                    let more: String = more
                        .chars()
                        .map(|c| match c {
                            '"' | '{' | '}' | ' ' | '|' | '\\' | '^' | '`' | '<' | '>' => {
                                format!("%{:02X}", c as u32)
                            }
                            c => c.to_string(),
                        })
                        .collect();
                    next = if more.starts_with("http") {
                        more
                    } else {
                        format!("{origin}{more}")
                    };
                }
                _ => break,
            }
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "GET {label}: {statements} statements in {pages} pages, {ms:.0} ms = {:.2} ms/page, {:.0} statements/s",
            ms / pages as f64,
            statements as f64 / (ms / 1000.0)
        );
    }
    match running {
        Some(r) => Ok(r.stop()?),
        None => Ok(()),
    }
}
