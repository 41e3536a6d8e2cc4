//! The subset of the xAPI statement model the widget sends, as serde types
//! whose JSON is what goes on the wire.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// Language tag to text; never empty in a valid statement.
pub type LanguageMap = BTreeMap<String, String>;

/// An xAPI statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Set by the widget when the learner acts, so a resend is recognised as the same statement.
    pub id: Uuid,
    /// The learner.
    pub actor: Agent,
    /// What they did.
    pub verb: Verb,
    /// What they did it to.
    pub object: Activity,
    /// Outcome: response text, score, success.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub result: Option<Outcome>,
    /// Registration, parent program, course, role and step.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub context: Option<Context>,
    /// When the learner acted (not when it was sent).
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

/// An Agent with exactly one inverse functional identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// Always "Agent".
    #[serde(default = "agent_type")]
    pub object_type: String,
    /// Display name, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// `mailto:` IRI.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mbox: Option<String>,
    /// Hex SHA-1 of the mbox IRI.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mbox_sha1sum: Option<String>,
    /// OpenID URI.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub openid: Option<String>,
    /// LMS account.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub account: Option<AgentAccount>,
}

impl Agent {
    /// An agent known by an account on `home_page`, the usual form for LMS learners.
    pub fn account(home_page: &str, name: &str, display: Option<&str>) -> Agent {
        Agent {
            object_type: "Agent".into(),
            name: display.map(str::to_string),
            mbox: None,
            mbox_sha1sum: None,
            openid: None,
            account: Some(AgentAccount {
                home_page: home_page.to_string(),
                name: name.to_string(),
            }),
        }
    }

    /// How many inverse functional identifiers are set; exactly one is valid.
    pub fn identifier_count(&self) -> usize {
        [
            self.mbox.is_some(),
            self.mbox_sha1sum.is_some(),
            self.openid.is_some(),
            self.account.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }

    /// A stable key for this agent (the identifier, not the display name), for storage keys.
    pub fn key(&self) -> String {
        if let Some(a) = &self.account {
            format!("{}|{}", a.home_page, a.name)
        } else {
            self.mbox
                .clone()
                .or_else(|| self.mbox_sha1sum.clone())
                .or_else(|| self.openid.clone())
                .unwrap_or_default()
        }
    }
}

fn agent_type() -> String {
    "Agent".into()
}

/// An account on some system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentAccount {
    /// The system's home page IRL.
    pub home_page: String,
    /// The account's unique name there.
    pub name: String,
}

/// A verb: IRI and display text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    /// Verb IRI.
    pub id: String,
    /// Display in at least one language.
    pub display: LanguageMap,
}

/// An Activity object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    /// Always "Activity".
    #[serde(default = "activity_type")]
    pub object_type: String,
    /// Activity IRI.
    pub id: String,
    /// Name, description and type.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub definition: Option<Definition>,
}

fn activity_type() -> String {
    "Activity".into()
}

/// An Activity definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    /// Name in the program's language.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<LanguageMap>,
    /// Description in the program's language.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<LanguageMap>,
    /// Activity type IRI.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<String>,
    /// For cmi.interaction activities, e.g. "long-fill-in" or "likert".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub interaction_type: Option<String>,
}

/// A statement's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Outcome {
    /// The learner's own words, or the chosen scale label.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub response: Option<String>,
    /// A self-check rating.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<Score>,
    /// Adopted (true) or lapsed (false).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub success: Option<bool>,
    /// Set on cmi5 "completed".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub completion: Option<bool>,
    /// ISO 8601 duration, e.g. "PT42S".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub duration: Option<String>,
    /// Extra facts, keyed by IRI.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

/// A score; `scaled` in -1..=1 and `raw` within `min..=max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Scaled score.
    pub scaled: f64,
    /// Raw score.
    pub raw: f64,
    /// Lowest possible raw score.
    pub min: f64,
    /// Highest possible raw score.
    pub max: f64,
}

/// A statement's context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Context {
    /// Groups the statements of one enrolment (from the launch, or the widget's own).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub registration: Option<Uuid>,
    /// Parent (program), grouping (course), category (profile).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub context_activities: Option<ContextActivities>,
    /// Software that sent the statement.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub platform: Option<String>,
    /// Language of the learner's text and the program.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
    /// Role and schedule step, keyed by IRI.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub extensions: BTreeMap<String, serde_json::Value>,
    /// The learner's team, as an identified Group (xAPI's `context.team`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub team: Option<Group>,
    /// The team's leader (xAPI's `context.instructor`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub instructor: Option<Agent>,
}

/// An identified Group: a team, known by an account so LRSs tell teams apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Always "Group".
    pub object_type: String,
    /// Shown to people.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// The group's identifier.
    pub account: AgentAccount,
}

/// Context activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ContextActivities {
    /// The program.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parent: Vec<Activity>,
    /// The course the widget sits in.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub grouping: Vec<Activity>,
    /// Profiles the statement follows (e.g. cmi5).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub category: Vec<Activity>,
    /// Anything else the launching system asks to carry along.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub other: Vec<Activity>,
}

impl Activity {
    /// An activity with just an id, as context activities usually are.
    pub fn id_only(id: &str) -> Activity {
        Activity {
            object_type: "Activity".into(),
            id: id.to_string(),
            definition: None,
        }
    }
}
