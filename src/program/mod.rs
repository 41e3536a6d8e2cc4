//! Program files: what an instructional designer writes.
//!
//! A program describes one skill: its shared language (glossary), the roles
//! that take part, the behaviours each role commits to, the spaced
//! reflection schedule, the self-check scale and the adoption rule.
//! [`parse`] turns TOML or JSON text into a checked [`Program`], or into a
//! list of every problem found, each with its field path and position.

pub mod compiled;
pub mod connections;
mod diagnostic;
/// The workbench's form editor (the checker bundle and native tools only: learners never edit).
#[cfg(any(feature = "check", not(target_arch = "wasm32")))]
pub mod edit;
pub mod translations;
pub mod tree;
mod validate;

pub use translations::Translation;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use diagnostic::{line_column, Diagnostic, Diagnostics};

/// A checked program. Every cross-reference in it has been verified, so code
/// that consumes it may look ids up without handling "not found".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    /// Absolute IRI naming the program; also its xAPI activity id.
    pub id: String,
    /// Title shown to learners.
    pub title: String,
    /// BCP 47 language tag of the program's text.
    pub locale: String,
    /// Optional one-paragraph summary.
    pub description: Option<String>,
    /// The shared language: every role sees the same definitions.
    pub glossary: Vec<Term>,
    /// Roles taking part, in the order they are offered.
    pub roles: Vec<Role>,
    /// Behaviours learners commit to.
    pub behaviours: Vec<Behaviour>,
    /// Reflection steps, strictly increasing by day.
    pub schedule: Vec<Step>,
    /// How learners rate their own consistency.
    pub self_check: SelfCheck,
    /// When a behaviour counts as adopted.
    pub adoption: AdoptionRule,
    /// How far learners may move their own reflection days (the `[cadence]` table; defaults
    /// when absent, so programs compiled before it existed still load).
    #[serde(default)]
    pub cadence: Cadence,
    /// Behaviours of different roles that are two sides of one conversation.
    #[serde(default)]
    pub pairs: Vec<Pair>,
    /// Who is asked about whom: others' view of how often a behaviour shows up.
    #[serde(default)]
    pub observations: Vec<Observation>,
    /// The program's texts in other languages, by language tag (`[translations.de]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
    /// Each text's translations, worked out on first use (statements ask for them often).
    #[serde(skip)]
    pub translation_index: translations::Index,
}

/// Behaviours of different roles that are two sides of one conversation (the leader's
/// "give specific feedback" and the team member's "receive feedback openly"), so each
/// side sees what the other committed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// Stable identifier.
    pub id: String,
    /// What the conversation is, for people ("The feedback conversation").
    pub title: String,
    /// The behaviours, at least two, spanning at least two roles.
    pub behaviours: Vec<String>,
}

/// Others rating how often someone's behaviour shows up at work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// The behaviour observed.
    pub behaviour: String,
    /// The role of the people observed (the behaviour is developed in it).
    pub about: String,
    /// Roles whose members are asked; may include `about` itself (peers).
    pub by: Vec<String>,
    /// Schedule days (step `day`s) at which raters are asked.
    pub days: Vec<u32>,
    /// The question, with `{name}` where the observed person's name goes.
    pub question: String,
    /// Fewest distinct raters before anything observed is shown (at least 3).
    pub min_raters: u8,
}

impl Observation {
    /// Default for `min_raters`.
    pub const DEFAULT_MIN_RATERS: u8 = 3;
    /// The fewest `min_raters` a program may set: with two, each rater could work out the other's answer.
    pub const LEAST_MIN_RATERS: u8 = 3;

    /// The question about `name`.
    pub fn question_about(&self, name: &str) -> String {
        self.question.replace("{name}", name)
    }
}

/// Bounds within which a learner sets their own cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    /// How many days a learner may move one step earlier or later; 0 turns moving off.
    #[serde(default = "Cadence::default_shift")]
    pub max_shift_days: u8,
    /// Weekdays a learner may choose for their reflections; empty turns the choice off.
    #[serde(default = "Weekday::all")]
    pub weekdays: Vec<Weekday>,
    /// Longest pause ("on leave until ...") in days; 0 turns pausing off.
    #[serde(default = "Cadence::default_pause")]
    pub max_pause_days: u16,
}

impl Cadence {
    /// Default for `max_shift_days`.
    pub const DEFAULT_SHIFT: u8 = 3;
    /// Default for `max_pause_days`.
    pub const DEFAULT_PAUSE: u16 = 60;
    /// Largest `max_shift_days` a program may set.
    pub const MAX_SHIFT: u8 = 14;
    /// Largest `max_pause_days` a program may set.
    pub const MAX_PAUSE: u16 = 365;

    fn default_shift() -> u8 {
        Self::DEFAULT_SHIFT
    }

    fn default_pause() -> u16 {
        Self::DEFAULT_PAUSE
    }
}

impl Default for Cadence {
    fn default() -> Cadence {
        Cadence {
            max_shift_days: Self::DEFAULT_SHIFT,
            weekdays: Weekday::all(),
            max_pause_days: Self::DEFAULT_PAUSE,
        }
    }
}

/// A day of the week, as program files and stored plans write it (`monday`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Every day of the week, Monday first.
    pub fn all() -> Vec<Weekday> {
        Self::ALL.to_vec()
    }

    /// The lowercase English name, as written in files and statements.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }

    /// The name as shown to learners ("Monday").
    pub fn label(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// Reads a name, ignoring case; three-letter abbreviations are accepted.
    pub fn parse(s: &str) -> Option<Weekday> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|d| d.name() == s || (s.len() == 3 && d.name().starts_with(&s)))
    }

    /// The `time` crate's weekday.
    pub fn to_time(self) -> time::Weekday {
        match self {
            Weekday::Monday => time::Weekday::Monday,
            Weekday::Tuesday => time::Weekday::Tuesday,
            Weekday::Wednesday => time::Weekday::Wednesday,
            Weekday::Thursday => time::Weekday::Thursday,
            Weekday::Friday => time::Weekday::Friday,
            Weekday::Saturday => time::Weekday::Saturday,
            Weekday::Sunday => time::Weekday::Sunday,
        }
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// The term as it should be written.
    pub term: String,
    /// Plain-language definition.
    pub definition: String,
    /// Other forms (plurals, abbreviations) to recognise in running text.
    pub aliases: Vec<String>,
}

/// A role in the program (leader, team member, stakeholder, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Stable identifier used in stored plans and statements.
    pub id: String,
    /// Name shown to learners.
    pub label: String,
    /// Who this role is, in one sentence.
    pub description: String,
    /// LMS role names (e.g. LTI `Instructor`) that map to this role.
    pub lms_roles: Vec<String>,
    /// Suggested commitments offered to learners in this role.
    pub commitments: Vec<Suggestion>,
    /// Whether people in this role lead a team (create one and share its code).
    #[serde(default)]
    pub leads: bool,
}

/// A suggested commitment: a ready wording the learner may adapt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The behaviour this commitment puts into practice.
    pub behaviour: String,
    /// The suggested first-person wording.
    pub text: String,
}

/// A behaviour the program wants to see at work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Behaviour {
    /// Stable identifier.
    pub id: String,
    /// Short imperative title ("Set clear expectations").
    pub title: String,
    /// What doing it looks like at work.
    pub description: String,
    /// Roles this behaviour is developed in.
    pub roles: Vec<String>,
    /// Glossary terms (by `term`) the behaviour relies on.
    pub terms: Vec<String>,
}

/// One reflection step of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Days after the learner commits.
    pub day: u32,
    /// Short name of the step.
    pub title: String,
    /// Reflection prompt for every role without its own.
    pub prompt: String,
    /// Role-specific prompts, by role id.
    pub role_prompts: BTreeMap<String, String>,
    /// Whether the self-check is asked at this step.
    pub self_check: bool,
}

impl Step {
    /// The prompt a learner in `role` sees.
    pub fn prompt_for(&self, role: &str) -> &str {
        self.role_prompts.get(role).unwrap_or(&self.prompt)
    }
}

/// The self-check question and its frequency scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfCheck {
    /// The question asked for each committed behaviour.
    pub question: String,
    /// Scale labels, lowest first; a rating is an index into it.
    pub scale: Vec<String>,
}

/// The program's rule for "adopted".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionRule {
    /// Lowest scale index that counts.
    pub at_least: u8,
    /// How many consecutive self-checks must reach it.
    pub consecutive: u8,
}

/// The text formats a program file may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, the format designers are expected to write.
    Toml,
    /// JSON, for tools that generate programs.
    Json,
}

impl Format {
    /// Guesses the format from a file name, falling back to the content.
    pub fn detect(name: Option<&str>, text: &str) -> Format {
        match name.and_then(|n| n.rsplit('.').next()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Format::Toml,
            _ if text.trim_start().starts_with('{') => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Parses and checks a program file.
pub fn parse(text: &str, format: Format) -> Result<Program, Diagnostics> {
    let parsed = match format {
        Format::Toml => tree::from_toml(text),
        Format::Json => tree::from_json(text),
    };
    let root = parsed.map_err(|errors| {
        Diagnostics::new(
            errors
                .into_iter()
                .map(|e| Diagnostic::at(text, e.offset, "", format!("syntax error: {}", e.message)))
                .collect(),
        )
    })?;
    validate::program(text, &root)
}

impl Program {
    /// Looks up a role by id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// Looks up a behaviour by id.
    pub fn behaviour(&self, id: &str) -> Option<&Behaviour> {
        self.behaviours.iter().find(|b| b.id == id)
    }

    /// Behaviours developed in `role`, in program order.
    pub fn behaviours_for<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Behaviour> + 'a {
        self.behaviours
            .iter()
            .filter(move |b| b.roles.iter().any(|r| r == role))
    }

    /// The program role an LMS role name maps to, if any (case-insensitive).
    pub fn role_for_lms(&self, lms_role: &str) -> Option<&Role> {
        self.roles
            .iter()
            .find(|r| r.lms_roles.iter().any(|l| l.eq_ignore_ascii_case(lms_role)))
    }

    /// The pairs `behaviour` is part of, with the other behaviours of each.
    pub fn pairs_of<'a>(&'a self, behaviour: &'a str) -> impl Iterator<Item = &'a Pair> + 'a {
        self.pairs
            .iter()
            .filter(move |p| p.behaviours.iter().any(|b| b == behaviour))
    }

    /// What a rater in `role` is asked at the step on `day`.
    pub fn observations_at<'a>(
        &'a self,
        day: u32,
        role: &'a str,
    ) -> impl Iterator<Item = &'a Observation> + 'a {
        self.observations
            .iter()
            .filter(move |o| o.days.contains(&day) && o.by.iter().any(|r| r == role))
    }

    /// The label of scale level `level`, if it exists.
    pub fn scale_label(&self, level: u8) -> Option<&str> {
        self.self_check
            .scale
            .get(level as usize)
            .map(String::as_str)
    }
}

#[cfg(test)]
pub(crate) mod tests;
