//! xAPI statements: the model, the catalogue of what each learner action
//! sends, and the spec's rules a statement must pass before it is queued.
//!
//! Pure: ids and clock readings come in from the caller, so the same inputs
//! always give the same statements and tests can check them exactly.

mod catalogue;
pub mod cmi5;
mod model;
mod rules;

pub use catalogue::{activity_iri, statements_for, Setting, Verbs, NS, VERBS};
pub use model::{
    Activity, Agent, AgentAccount, Context, ContextActivities, Definition, LanguageMap, Outcome,
    Score, Statement, Verb,
};
pub use rules::validate;

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
