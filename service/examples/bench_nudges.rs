//! Figures for the reflection emails (run by `scripts/bench-nudges.sh`, not a
//! test):
//! 1. deciding who is due across LEARNERS learners: plans and program lists
//!    in the service's SQLite LRS (seeded straight into its documents table in
//!    one transaction, as the widget would have left them), read and decided
//!    by `Nudger::decide` as every pass does;
//! 2. with SMTP_PORT, messages per second to that SMTP server: a pass over
//!    SMTP_LEARNERS learners who are all due, each message claimed, sent and
//!    recorded.
//!
//! Usage: `bench_nudges [LEARNERS] [SMTP_PORT] [SMTP_LEARNERS]` (defaults 100000, none, 2000).

use std::path::Path;
use std::time::Instant;

use serde_json::json;
use throughline::enrolment::{PLAN_STATE, PROGRAMS_PROFILE};
use throughline::plan::{self, Moment, Plan};
use throughline::program::{parse, Format, Program};
use throughline_service::lrs::{Lrs, LrsConfig};
use throughline_service::nudges::{Nudger, Settings};
use throughline_service::server::EXAMPLE_PROGRAM;

const ZONES: [&str; 6] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/London",
    "America/Sao_Paulo",
    "Australia/Sydney",
];

fn arg(n: usize) -> Option<String> {
    std::env::args().nth(n)
}

/// A service data folder with `learners` learners' plans, committed 0 to 119 days ago
/// (`all_due`: 2 to 6 days ago, so everyone has step 2 open).
fn seed(dir: &Path, program: &Program, learners: usize, all_due: bool) -> Result<Lrs, String> {
    let programs = dir.join("programs");
    std::fs::create_dir_all(&programs).map_err(|e| e.to_string())?;
    std::fs::write(programs.join("coaching.toml"), EXAMPLE_PROGRAM).map_err(|e| e.to_string())?;
    let lrs = Lrs::open(LrsConfig {
        data_dir: dir.join("lrs"),
        database: None,
        learners: Vec::new(),
        hash_secrets: false,
    })
    .map_err(|e| e.to_string())?;
    let mut conn = rusqlite::Connection::open(
        dir.join("lrs")
            .join(throughline_service::lrs::store::DB_FILE),
    )
    .map_err(|e| e.to_string())?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let today = time::OffsetDateTime::now_utc().date();
    let role = program.role("leader").ok_or("no leader role")?;
    let commitment: throughline::plan::Commitment = serde_json::from_value(json!({
        "behaviour": role.commitments[0].behaviour, "text": "One piece of specific feedback a week",
        "when_where": "Tuesdays"
    }))
    .map_err(|e| e.to_string())?;
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO documents (kind, activity_id, agent_ifi, registration, doc_id, content_type, body, etag, updated_ns) \
                 VALUES (?1, ?2, ?3, '', ?4, 'application/json', ?5, ?6, ?7)",
            )
            .map_err(|e| e.to_string())?;
        for i in 0..learners {
            let ifi = format!("mbox:mailto:learner{i}@example.org");
            let days = if all_due { 2 + (i % 5) } else { i % 120 } as i64;
            let date = today - time::Duration::days(days);
            let at = date.midnight().assume_utc() + time::Duration::hours(9);
            let plan = Plan {
                role: Some("leader".into()),
                commitments: vec![commitment.clone()],
                committed: Some(Moment { date, at }),
                updated: Some(Moment { date, at }),
                ..Default::default()
            };
            let profile = json!({"programs": [{
                "id": program.id, "title": program.title,
                "course_url": "https://lms.example/course/coaching", "time_zone": ZONES[i % ZONES.len()]
            }]})
            .to_string();
            for (kind, activity, doc, body) in [
                ("state", program.id.as_str(), PLAN_STATE, plan::store(&plan)),
                ("agent_profile", "", PROGRAMS_PROFILE, profile),
            ] {
                insert
                    .execute(rusqlite::params![
                        kind,
                        activity,
                        ifi,
                        doc,
                        body.as_bytes(),
                        format!("\"{i}\""),
                        1i64
                    ])
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    tx.commit().map_err(|e| e.to_string())?;
    Ok(lrs)
}

fn nudger(dir: &Path, lrs: Lrs, transport: &str) -> Result<Nudger, String> {
    let settings = Settings {
        transport: transport.into(),
        quiet_hours: String::new(),
        ..Default::default()
    };
    Nudger::new(
        &settings,
        lrs,
        dir.join("programs"),
        dir,
        "http://127.0.0.1:8080",
    )
}

fn main() -> Result<(), String> {
    let learners: usize = arg(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let smtp_port: Option<u16> = arg(2).and_then(|a| a.parse().ok());
    let smtp_learners: usize = arg(3).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let program = parse(EXAMPLE_PROGRAM, Format::Toml).map_err(|e| format!("{e:?}"))?;

    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let lrs = seed(dir.path(), &program, learners, false)?;
    println!(
        "seeded {learners} learners' plans and program lists in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let n = nudger(dir.path(), lrs, "off")?;
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        last = Some(n.decide(time::OffsetDateTime::now_utc())?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pass = last.ok_or("no pass ran")?;
    println!(
        "decide who is due: {} plans, {} nudges owed; median {:.0} ms (min {:.0}, max {:.0}) over 5 passes",
        pass.plans, pass.owed, times[2], times[0], times[4]
    );

    if let Some(port) = smtp_port {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let lrs = seed(dir.path(), &program, smtp_learners, true)?;
        let n = nudger(dir.path(), lrs, &format!("smtp://127.0.0.1:{port}"))?;
        let t = Instant::now();
        let pass = n.pass(time::OffsetDateTime::now_utc())?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "send through SMTP (127.0.0.1:{port}): {} messages, {} failed, in {:.2} s = {:.0} messages/s (claimed, sent and recorded each)",
            pass.messages,
            pass.failed,
            secs,
            pass.messages as f64 / secs
        );
        if let Some(e) = pass.last_error {
            println!("  last refusal: {e}");
        }
    }
    Ok(())
}
