//! How fast the dashboard aggregates: a simulated cohort of about 100,000 statements
//! (teams, their join/leave statements and observer ratings included, as `cohort::generate`
//! makes them) goes through `Insights::add`, then one unfiltered `report` (every panel).
//!
//! `cargo run --release --example aggregate [TARGET_STATEMENTS] [--dump FILE]`
//! With `--dump`, the statements are also written to FILE as a JSON array (for the in-browser benchmark);
//! with `--program FILE`, the compiled program is written there too (what the dashboard is handed);
//! with `--from FILE`, the statements folded are read from FILE instead (the same cohort cut to
//! `format=ids`, say, so a profiler sees what the dashboard reads from an LRS).

use std::time::Instant;

use throughline::cohort::{generate, CohortConfig};
use throughline::insights::{Filter, Insights};
use throughline::program::{parse, Format};
use time::macros::date;

fn config(learners: usize) -> CohortConfig {
    CohortConfig {
        learners,
        seed: 2027,
        start: date!(2027 - 01 - 04),
        cohorts: 8,
        home_page: "https://lms.example.org".into(),
        course_ids: (1..=5)
            .map(|n| format!("https://lms.example.org/course/{n}"))
            .collect(),
        as_of: date!(2027 - 05 - 10),
    }
}

fn main() {
    let target: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let program = match parse(
        include_str!("../service/programs/coaching.toml"),
        Format::Toml,
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("the demo program does not parse: {e:?}");
            std::process::exit(1);
        }
    };
    // Find the cohort size that sends about `target` statements.
    let probe = generate(&program, &config(1_000)).statements.len().max(1);
    let learners = target * 1_000 / probe;
    let cohort = generate(&program, &config(learners));
    let statements: Vec<serde_json::Value> = cohort
        .statements
        .iter()
        .filter_map(|s| serde_json::to_value(s).ok())
        .collect();
    // The export as an LRS or a file hands it over: text, read by the dashboard's own path.
    let text = serde_json::to_string(&statements).unwrap_or_default();
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
    {
        if let Err(e) = std::fs::write(path, &text) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
        println!(
            "wrote {} statements to {path} (as of {})",
            statements.len(),
            config(learners).as_of
        );
    }

    if let Some(path) = args
        .iter()
        .position(|a| a == "--program")
        .and_then(|i| args.get(i + 1))
    {
        if let Err(e) = std::fs::write(path, throughline::program::compiled::compile(&program)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
    }

    let text = match args
        .iter()
        .position(|a| a == "--from")
        .and_then(|i| args.get(i + 1))
    {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        },
        None => text,
    };

    let started = Instant::now();
    let mut insights = Insights::new(&program, config(learners).as_of);
    if insights.add_page_text(&text).is_err() {
        eprintln!("the generated statements did not read back");
        std::process::exit(1);
    }
    let added = started.elapsed();
    let report = insights.report(&Filter::default());
    let total = started.elapsed();
    // Again, with every pseudonym worked out: a restored fold's report (it keeps them).
    let again = Instant::now();
    let _ = insights.report(&Filter::default());
    let again = again.elapsed();

    let per_second = statements.len() as f64 / added.as_secs_f64();
    println!("learners:            {learners}");
    println!(
        "teams:               {} ({} members), {} observer ratings",
        report.teams.count(),
        report.teams.members(),
        cohort.truth.ratings.len()
    );
    println!("statements:          {}", statements.len());
    println!("read + add:          {:.1} ms", added.as_secs_f64() * 1e3);
    println!(
        "report:              {:.1} ms",
        (total - added).as_secs_f64() * 1e3
    );
    println!(
        "report again:        {:.1} ms (pseudonyms known, as in a restored fold)",
        again.as_secs_f64() * 1e3
    );
    println!("total:               {:.1} ms", total.as_secs_f64() * 1e3);
    println!("statements/second:   {per_second:.0} (read + add)");
    println!(
        "check:               {} learners counted, {} kept, {} duplicates",
        report.learners.len(),
        report.intake.kept,
        report.intake.duplicates
    );
}
