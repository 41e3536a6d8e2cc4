//! cmi5: what the LMS hands the AU (`LMS.LaunchData`, the learner preferences),
//! the three statements cmi5 defines for it (initialized, completed,
//! terminated), the context template every statement of a session must follow,
//! what a player's refusal means, and what becomes of statements a session could
//! not send.
//!
//! Templates are applied to the statement's JSON, not to the typed model, so
//! whatever an LMS puts in its template (instructor, team, revision, extensions
//! the widget does not know) reaches the LRS unchanged, at the place cmi5 asks.

use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::*;

/// cmi5's category for statements it defines.
pub const CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// cmi5's category for the statement that satisfies moveOn.
pub const MOVE_ON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// cmi5's session id context extension.
pub const SESSION_ID: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
/// State id of the launch data document.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";
/// Agent Profile id of the learner preferences document.
pub const LEARNER_PREFERENCES: &str = "cmi5LearnerPreferences";

/// How the LMS launched the AU (cmi5 section 10.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum LaunchMode {
    /// The learner's attempt counts.
    Normal,
    /// Looking around: nothing counts towards completion.
    Browse,
    /// Looking back at a finished attempt: nothing counts towards completion.
    Review,
}

/// The `LMS.LaunchData` state document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LaunchData {
    /// The context every statement of the session starts from (carries the session id).
    pub context_template: Map<String, Value>,
    /// Normal, Browse or Review.
    pub launch_mode: LaunchMode,
    /// The criterion the LMS uses to satisfy the AU ("Completed", "Passed", ...).
    #[serde(default)]
    pub move_on: Option<String>,
    /// Where to send the learner when they are done.
    #[serde(rename = "returnURL", default)]
    pub return_url: Option<String>,
    /// Only for passed/failed, which the widget never sends (it has no test to score).
    #[serde(default)]
    pub mastery_score: Option<f64>,
    /// The course author's parameters for this AU, passed through untouched.
    #[serde(default)]
    pub launch_parameters: Option<String>,
}

impl LaunchData {
    /// Reads the document, with a plain reason when it is not cmi5 launch data.
    pub fn parse(body: &str) -> Result<LaunchData, String> {
        let data: LaunchData = serde_json::from_str(body).map_err(|e| {
            format!("Your learning platform's launch data is not valid cmi5 ({e}). Please tell your platform's administrator.")
        })?;
        if data.session_id().is_none() {
            return Err("Your learning platform's launch data has no session id, which cmi5 requires. Please tell your platform's administrator.".into());
        }
        if let Some(Value::Object(_)) | None = data.context_template.get("contextActivities") {
        } else {
            return Err("Your learning platform's launch data has a context template whose contextActivities is not an object. Please tell your platform's administrator.".into());
        }
        Ok(data)
    }

    /// The session id the LMS gave this launch.
    pub fn session_id(&self) -> Option<&str> {
        self.context_template
            .get("extensions")
            .and_then(|e| e.get(SESSION_ID))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Only a Normal launch may record completion (cmi5 10.2.2.0-2 and -3).
    pub fn records_completion(&self) -> bool {
        self.launch_mode == LaunchMode::Normal
    }
}

/// The `cmi5LearnerPreferences` Agent Profile document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LearnerPreferences {
    /// Language tags in the learner's order of preference, comma-separated.
    #[serde(default)]
    pub language_preference: Option<String>,
    /// "on" or "off".
    #[serde(default)]
    pub audio_preference: Option<String>,
}

impl LearnerPreferences {
    /// Reads the document; one the widget cannot read counts as no preferences, since
    /// cmi5 asks the AU to fetch it, not to refuse to run without it.
    pub fn parse(body: &str) -> LearnerPreferences {
        serde_json::from_str(body).unwrap_or_default()
    }

    /// The preferred languages, first choice first.
    pub fn languages(&self) -> Vec<&str> {
        self.language_preference
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// A session's fixed parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Session<'a> {
    /// The learner, as launched.
    pub actor: &'a Agent,
    /// The AU's activity id (`activityId` from the launch).
    pub au: &'a str,
    /// The launch registration.
    pub registration: Uuid,
    /// Launch data from the LMS.
    pub data: &'a LaunchData,
}

/// ISO 8601 duration of `ms` milliseconds, to the hundredth of a second as cmi5 asks.
pub fn duration(ms: f64) -> String {
    let hundredths = (ms.max(0.0) / 10.0).round() as u64;
    format!("PT{}.{:02}S", hundredths / 100, hundredths % 100)
}

/// Lays the session's context template over a statement's JSON (cmi5 10.2.1.0-6):
/// each template property is set as the template has it; in every context activity
/// list the template's activities come first, in the template's order, followed by
/// the statement's own (those the template already names are not repeated); the
/// template's extensions replace the statement's of the same key. The registration is
/// the launch's.
pub fn apply_template(statement: &mut Value, template: &Map<String, Value>, registration: Uuid) {
    let Some(s) = statement.as_object_mut() else {
        return;
    };
    let context = s
        .entry("context")
        .or_insert_with(|| Value::Object(Map::new()));
    if !context.is_object() {
        *context = Value::Object(Map::new());
    }
    let Some(context) = context.as_object_mut() else {
        return;
    };
    for (key, theirs) in template {
        match (key.as_str(), theirs) {
            ("contextActivities", Value::Object(lists)) => {
                let mine = object_at(context, key);
                for (list, activities) in lists {
                    let template_list = as_list(activities);
                    let own = as_list(mine.get(list).unwrap_or(&Value::Null));
                    let mut merged = template_list.clone();
                    merged.extend(
                        own.into_iter()
                            .filter(|a| !template_list.iter().any(|t| t.get("id") == a.get("id"))),
                    );
                    mine.insert(list.clone(), Value::Array(merged));
                }
            }
            ("extensions", Value::Object(extensions)) => {
                let mine = object_at(context, key);
                for (k, v) in extensions {
                    mine.insert(k.clone(), v.clone());
                }
            }
            _ => {
                context.insert(key.clone(), theirs.clone());
            }
        }
    }
    context.insert(
        "registration".into(),
        Value::String(registration.to_string()),
    );
}

fn object_at<'m>(map: &'m mut Map<String, Value>, key: &str) -> &'m mut Map<String, Value> {
    let slot = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    match slot {
        Value::Object(m) => m,
        _ => unreachable!("just made an object"),
    }
}

/// xAPI lets a context activity list be one object; cmi5 templates and players index them.
fn as_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

/// The session id a queued statement was made in, if it was made in a cmi5 session.
pub fn session_of(statement: &Value) -> Option<&str> {
    statement
        .pointer("/context/extensions")
        .and_then(|e| e.get(SESSION_ID))
        .and_then(Value::as_str)
}

/// Whether a statement is one cmi5 defines (it carries cmi5's category).
pub fn is_defined(statement: &Value) -> bool {
    statement
        .pointer("/context/contextActivities/category")
        .map(as_list)
        .is_some_and(|c| {
            c.iter()
                .any(|a| a.get("id").and_then(Value::as_str) == Some(CATEGORY))
        })
}

/// What to do, at the start of a session, with a statement still waiting from earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// Not of this registration, or of this very session (a reload): leave it as it is.
    Keep,
    /// A cmi5-defined statement of an earlier session: that session is over and the LMS
    /// records it as abandoned, so sending it now would break cmi5's order.
    Drop,
    /// Something the learner did in an earlier session: send it in this one, under this
    /// session's context template, with the same id (so a copy the LRS already has is
    /// recognised rather than doubled).
    Resend,
}

/// Decides what becomes of a waiting statement when session `session` of `registration` starts.
pub fn carry(statement: &Value, registration: Uuid, session: &str) -> Carry {
    let same_registration = statement
        .pointer("/context/registration")
        .and_then(Value::as_str)
        .and_then(|r| Uuid::try_parse(r).ok())
        == Some(registration);
    match session_of(statement) {
        Some(s) if same_registration && s != session => {
            if is_defined(statement) {
                Carry::Drop
            } else {
                Carry::Resend
            }
        }
        _ => Carry::Keep,
    }
}

/// A cmi5 player's refusal of a request: the requirement the player says was broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The requirement id, e.g. `9.3.0.0-5`.
    pub rule: String,
    /// The player's words, as given.
    pub text: String,
}

impl Refusal {
    /// The session can take nothing more: the token's session ended or was abandoned,
    /// or `terminated` was recorded. What waits is kept for the next session.
    pub fn ends_session(&self) -> bool {
        matches!(self.rule.as_str(), "8.1.2.0-2" | "9.3.0.0-5" | "9.3.6.0-2")
    }

    /// The registration is already completed (9.3.0.0-6): the LMS has what a
    /// `completed` would tell it, so the statement counts as recorded.
    pub fn already_completed(&self) -> bool {
        self.rule == "9.3.0.0-6"
    }
}

/// Reads a refusal from a 403 body that names a cmi5 requirement (ADL's player answers
/// `{"statusCode":403,"error":"Forbidden","message":"9.3.0.0-5 - ..."}`); `None` when the
/// body names none, which means the credentials themselves were refused.
pub fn refusal(body: &str) -> Option<Refusal> {
    let text = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| body.to_string());
    let rule = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .find(|w| is_requirement_id(w))?
        .to_string();
    let text: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    Some(Refusal { rule, text })
}

/// `N.N.N.N-N`, the form of cmi5 requirement ids.
fn is_requirement_id(word: &str) -> bool {
    let Some((dotted, last)) = word.split_once('-') else {
        return false;
    };
    let parts: Vec<&str> = dotted.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .chain(std::iter::once(&last))
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn defined(
    session: &Session<'_>,
    id: Uuid,
    verb: (&str, &str),
    result: Option<Outcome>,
    move_on: bool,
    at: OffsetDateTime,
) -> Statement {
    let mut category = vec![Activity::id_only(CATEGORY)];
    if move_on {
        category.push(Activity::id_only(MOVE_ON));
    }
    Statement {
        id,
        actor: session.actor.clone(),
        verb: Verb {
            id: verb.0.to_string(),
            display: [("en-US".to_string(), verb.1.to_string())]
                .into_iter()
                .collect(),
        },
        object: Activity::id_only(session.au),
        result,
        context: Some(Context {
            registration: Some(session.registration),
            context_activities: Some(ContextActivities {
                category,
                ..ContextActivities::default()
            }),
            ..Context::default()
        }),
        timestamp: at,
    }
}

/// The first statement of a session.
pub fn initialized(session: &Session<'_>, id: Uuid, at: OffsetDateTime) -> Statement {
    defined(
        session,
        id,
        ("http://adlnet.gov/expapi/verbs/initialized", "initialized"),
        None,
        false,
        at,
    )
}

/// The learner finished what the AU asks (the widget: committed to a plan).
pub fn completed(
    session: &Session<'_>,
    id: Uuid,
    at: OffsetDateTime,
    elapsed_ms: f64,
) -> Statement {
    let result = Outcome {
        completion: Some(true),
        duration: Some(duration(elapsed_ms)),
        ..Outcome::default()
    };
    defined(
        session,
        id,
        ("http://adlnet.gov/expapi/verbs/completed", "completed"),
        Some(result),
        true,
        at,
    )
}

/// The last statement of a session.
pub fn terminated(
    session: &Session<'_>,
    id: Uuid,
    at: OffsetDateTime,
    elapsed_ms: f64,
) -> Statement {
    let result = Outcome {
        duration: Some(duration(elapsed_ms)),
        ..Outcome::default()
    };
    defined(
        session,
        id,
        ("http://adlnet.gov/expapi/verbs/terminated", "terminated"),
        Some(result),
        false,
        at,
    )
}

#[cfg(test)]
mod tests;
