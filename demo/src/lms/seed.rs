//! `--seed-cohort N`: fills the LRS with a simulated cohort of learners
//! (`throughline::cohort`), so the adoption dashboard has a realistic
//! amount of data to show without real learners.
//!
//! The statements are exactly what the widget would send from this LMS's
//! course pages (same `homePage` as the learner keys, same course activity
//! ids), stored as the admin key would store them through `POST
//! /statements`. A marker file in the LRS folder records what was seeded,
//! so starting again with the same flag adds nothing.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use throughline::cohort::{self, CohortConfig};
use throughline::program::{self, Format};
use time::{Date, Duration, OffsetDateTime};

use super::people::COURSES;
use super::LEARNER_HOME_PAGE;
use throughline_service::lrs::Lrs;

/// The seed of every seeded cohort: the same N gives the same learners.
pub const COHORT_SEED: u64 = 2027;

/// How many cohorts the learners are spread over (a week apart).
pub const COHORTS: usize = 8;

/// How long before today the first cohort started.
pub const COHORT_WEEKS_AGO: i64 = 16;

/// The marker file in the LRS folder.
pub const MARKER_FILE: &str = "seeded-cohort.json";

/// Statements per database transaction.
const BATCH: usize = 500;

/// What [`seed_cohort`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// Learners in the cohort.
    pub learners: usize,
    /// Statements the cohort sent (stored now, or earlier when `already`).
    pub statements: usize,
    /// The LRS already held this cohort, so nothing was added.
    pub already: bool,
    /// Time taken, in milliseconds (simulation and storage).
    pub millis: u128,
}

impl Seeded {
    /// The line the demo prints at start.
    pub fn summary(&self) -> String {
        if self.already {
            format!(
                "Cohort of {} learners ({} statements, seed {COHORT_SEED}) already seeded; nothing added",
                self.learners, self.statements
            )
        } else {
            format!(
                "Seeded {} learners, {} statements in {} ms",
                self.learners, self.statements, self.millis
            )
        }
    }
}

/// What the marker file records.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Marker {
    learners: usize,
    seed: u64,
    statements: usize,
    /// The day the cohort was simulated up to (information only).
    as_of: String,
    /// The course activity ids used (information only).
    course_ids: Vec<String>,
}

fn marker_path(lrs: &Lrs) -> PathBuf {
    lrs.data_dir().join(MARKER_FILE)
}

/// The course activity ids live pages send when the LMS is reached at
/// `addr`. An unspecified address (`0.0.0.0`, `::`) is reached through
/// loopback, so that is what the ids use.
pub fn course_ids(mut addr: SocketAddr) -> Vec<String> {
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
        });
    }
    COURSES
        .iter()
        .map(|c| format!("http://{addr}/course/{}", c.slug))
        .collect()
}

/// The cohort config the demo seeds with `learners` learners, reached at
/// `addr`, on `today`.
pub fn cohort_config(learners: usize, addr: SocketAddr, today: Date) -> CohortConfig {
    CohortConfig {
        learners,
        seed: COHORT_SEED,
        start: today
            .checked_sub(Duration::weeks(COHORT_WEEKS_AGO))
            .unwrap_or(Date::MIN),
        cohorts: COHORTS,
        home_page: LEARNER_HOME_PAGE.to_string(),
        course_ids: course_ids(addr),
        as_of: today,
    }
}

/// Seeds `learners` simulated learners of the program in `program_text`
/// (TOML or JSON) into `lrs`, unless its marker says this cohort is already
/// there. `addr` is the address the LMS serves on, for the course ids.
/// Blocks (simulation and SQLite): call it off the async runtime.
///
/// A data folder seeded with another number of learners is refused: the
/// two cohorts would share learners, and a cohort simulated on another day
/// reuses statement ids with different content.
pub fn seed_cohort(
    lrs: &Lrs,
    program_text: &str,
    learners: usize,
    addr: SocketAddr,
) -> Result<Seeded, String> {
    let started = Instant::now();
    let path = marker_path(lrs);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let marker: Marker = serde_json::from_str(&text)
            .map_err(|e| format!("the seeding marker {} is not usable: {e}", path.display()))?;
        if marker.learners == learners && marker.seed == COHORT_SEED {
            return Ok(Seeded {
                learners,
                statements: marker.statements,
                already: true,
                millis: started.elapsed().as_millis(),
            });
        }
        return Err(format!(
            "this data folder already holds a seeded cohort of {} learners (seed {}, see {}); start with a fresh --data folder to seed {learners}",
            marker.learners,
            marker.seed,
            path.display()
        ));
    }
    let program = program::parse(program_text, Format::detect(None, program_text))
        .map_err(|d| format!("the program to seed a cohort for does not parse: {d}"))?;
    let today = OffsetDateTime::now_utc().date();
    let config = cohort_config(learners, addr, today);
    let cohort = cohort::generate(&program, &config);
    let total = cohort.statements.len();
    let mut rest = cohort.statements.into_iter().peekable();
    while rest.peek().is_some() {
        let batch = rest
            .by_ref()
            .take(BATCH)
            .map(|st| serde_json::to_value(&st))
            .collect::<Result<Vec<Value>, _>>()
            .map_err(|e| format!("cannot serialise a cohort statement: {e}"))?;
        lrs.insert_as_admin(batch)
            .map_err(|e| format!("the LRS refused a seeded statement: {}", e.message))?;
    }
    let marker = Marker {
        learners,
        seed: COHORT_SEED,
        statements: total,
        as_of: today.to_string(),
        course_ids: config.course_ids,
    };
    let text = serde_json::to_string_pretty(&marker).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(Seeded {
        learners,
        statements: total,
        already: false,
        millis: started.elapsed().as_millis(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_ids_use_the_address_pages_are_reached_at() {
        let ids = course_ids("127.0.0.1:4321".parse().expect("addr"));
        assert_eq!(
            ids,
            [
                "http://127.0.0.1:4321/course/coaching-leaders",
                "http://127.0.0.1:4321/course/feedback-teams"
            ]
        );
        let any = course_ids("0.0.0.0:8080".parse().expect("addr"));
        assert_eq!(any[0], "http://127.0.0.1:8080/course/coaching-leaders");
        let any6 = course_ids("[::]:8080".parse().expect("addr"));
        assert_eq!(any6[0], "http://[::1]:8080/course/coaching-leaders");
    }

    #[test]
    fn config_starts_sixteen_weeks_before_today() {
        let today = time::macros::date!(2027 - 03 - 01);
        let c = cohort_config(10, "127.0.0.1:1".parse().expect("addr"), today);
        assert_eq!(c.start, time::macros::date!(2026 - 11 - 09));
        assert_eq!((c.seed, c.cohorts, c.learners), (2027, 8, 10));
        assert_eq!(c.home_page, "http://127.0.0.1");
        assert_eq!(c.as_of, today);
    }
}
