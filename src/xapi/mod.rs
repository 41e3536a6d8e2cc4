//! xAPI statements: the model, the catalogue of what each learner action
//! sends, and the spec's rules a statement must pass before it is queued.
//!
//! Pure: ids and clock readings come in from the caller, so the same inputs
//! always give the same statements and tests can check them exactly.

mod catalogue;
pub mod cmi5;
mod model;
mod rules;

pub use catalogue::{
    activity_iri, observations_for, statements_for, team_membership, Observed, Setting, Verbs, NS,
    VERBS,
};
pub use model::{
    Activity, Agent, AgentAccount, Context, ContextActivities, Definition, Group, LanguageMap,
    Outcome, Score, Statement, Verb,
};
pub use rules::validate;

/// The instant `ms` milliseconds after the Unix epoch, to the millisecond: a browser clock
/// reading (a float) turned into nanoseconds by float arithmetic would end in residue
/// (`...26.203000064Z`) that no clock measured.
pub fn at_millis(ms: f64) -> time::OffsetDateTime {
    let ms = if ms.is_finite() { ms.floor() as i64 } else { 0 };
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// xAPI versions the widget can speak; 1.0.3 unless the launch asks for 2.0.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// xAPI 1.0.3, what almost every LRS in use today accepts.
    #[default]
    V103,
    /// xAPI 2.0.0 (IEEE 9274.1.1).
    V200,
}

impl Version {
    /// The `X-Experience-API-Version` header value.
    pub fn header(self) -> &'static str {
        match self {
            Version::V103 => "1.0.3",
            Version::V200 => "2.0.0",
        }
    }

    /// Reads a configured version; anything but 1.0.x and 2.0.x is refused.
    pub fn parse(s: &str) -> Option<Version> {
        match s.trim() {
            v if v.starts_with("1.0") => Some(Version::V103),
            v if v.starts_with("2.0") => Some(Version::V200),
            _ => None,
        }
    }
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn clock_readings_become_whole_milliseconds() {
        // 1_796_300_306_203 ms * 1e6 in f64 is 1_796_300_306_203_000_064 ns.
        let at = at_millis(1_796_300_306_203.0);
        assert_eq!(at.nanosecond(), 203_000_000);
        let text = time::OffsetDateTime::format(at, &time::format_description::well_known::Rfc3339)
            .expect("formats");
        assert!(text.ends_with(".203Z"), "{text}");
        assert_eq!(at_millis(f64::NAN), time::OffsetDateTime::UNIX_EPOCH);
    }
}
