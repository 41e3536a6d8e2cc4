//! cmi5: what the LMS hands the AU (`LMS.LaunchData`) and the three
//! statements cmi5 defines for it (initialized, completed, terminated), plus
//! the context every other statement of the session must carry.

use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::*;

/// cmi5's category for statements it defines.
pub const CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// cmi5's category for the statement that satisfies moveOn.
pub const MOVE_ON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// State id of the launch data document.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";

/// The `LMS.LaunchData` state document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LaunchData {
    /// Context every statement of the session starts from (carries the session id).
    pub context_template: Context,
    /// "Normal", "Browse" or "Review".
    pub launch_mode: String,
    /// The criterion the LMS uses to satisfy the AU.
    #[serde(default)]
    pub move_on: Option<String>,
    /// Where to send the learner when they are done.
    #[serde(rename = "returnURL", default)]
    pub return_url: Option<String>,
}

impl LaunchData {
    /// Reads the document, with a plain reason when it is not cmi5 launch data.
    pub fn parse(body: &str) -> Result<LaunchData, String> {
        let data: LaunchData = serde_json::from_str(body)
            .map_err(|e| format!("The course's launch data is not valid cmi5 ({e})."))?;
        if !["Normal", "Browse", "Review"].contains(&data.launch_mode.as_str()) {
            return Err(format!(
                "The course's launch mode “{}” is not one cmi5 defines.",
                data.launch_mode
            ));
        }
        Ok(data)
    }

    /// Only a Normal launch may record completion.
    pub fn records_completion(&self) -> bool {
        self.launch_mode == "Normal"
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

/// Merges the session's context template into a statement's context (cmi5 "allowed" statements).
pub fn apply_template(context: &mut Context, session: &Session<'_>) {
    let template = &session.data.context_template;
    context.registration = Some(session.registration);
    for (k, v) in &template.extensions {
        context.extensions.insert(k.clone(), v.clone());
    }
    if let Some(t) = &template.context_activities {
        let ca = context
            .context_activities
            .get_or_insert_with(ContextActivities::default);
        for (mine, theirs) in [
            (&mut ca.parent, &t.parent),
            (&mut ca.grouping, &t.grouping),
            (&mut ca.category, &t.category),
            (&mut ca.other, &t.other),
        ] {
            for a in theirs {
                if !mine.iter().any(|m| m.id == a.id) {
                    mine.push(a.clone());
                }
            }
        }
    }
}

fn defined(
    session: &Session<'_>,
    id: Uuid,
    verb: (&str, &str),
    result: Option<Outcome>,
    move_on: bool,
    at: OffsetDateTime,
) -> Statement {
    let mut context = Context::default();
    apply_template(&mut context, session);
    let ca = context
        .context_activities
        .get_or_insert_with(ContextActivities::default);
    ca.category.push(Activity::id_only(CATEGORY));
    if move_on {
        ca.category.push(Activity::id_only(MOVE_ON));
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
        context: Some(context),
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
mod tests {
    use super::*;
    use crate::xapi::validate;

    const DATA: &str = r#"{"contextTemplate":{"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s-1"},
        "contextActivities":{"grouping":[{"id":"https://lms.example.org/course/7"}]}},
        "launchMode":"Normal","moveOn":"Completed","returnURL":"https://lms.example.org/course/7"}"#;

    #[test]
    fn launch_data_is_read_and_checked() {
        let data = LaunchData::parse(DATA).expect("valid");
        assert_eq!(data.move_on.as_deref(), Some("Completed"));
        assert!(data.records_completion());
        assert!(LaunchData::parse(r#"{"contextTemplate":{},"launchMode":"Skim"}"#).is_err());
        assert!(LaunchData::parse("[]").is_err());
    }

    #[test]
    fn defined_statements_carry_the_template_and_categories() {
        let data = LaunchData::parse(DATA).expect("valid");
        let actor = Agent::account("https://lms.example.org", "ana", None);
        let registration = Uuid::parse_str("6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21").expect("uuid");
        let session = Session {
            actor: &actor,
            au: "https://lms.example.org/au/1",
            registration,
            data: &data,
        };
        let at = time::macros::datetime!(2027-01-01 10:00 UTC);
        let id = |n: u8| uuid::Builder::from_random_bytes([n; 16]).into_uuid();
        let s = completed(&session, id(1), at, 61_234.0);
        assert_eq!(validate(&s), Ok(()));
        let json = serde_json::to_value(&s).expect("json");
        assert_eq!(
            json["verb"]["id"],
            "http://adlnet.gov/expapi/verbs/completed"
        );
        assert_eq!(json["result"]["completion"], true);
        assert_eq!(json["result"]["duration"], "PT61.23S");
        assert_eq!(
            json["context"]["registration"],
            "6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21"
        );
        assert_eq!(
            json["context"]["extensions"]
                ["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
            "s-1"
        );
        let categories: Vec<&str> = json["context"]["contextActivities"]["category"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|c| c["id"].as_str())
            .collect();
        assert_eq!(categories, [CATEGORY, MOVE_ON]);
        assert_eq!(
            json["context"]["contextActivities"]["grouping"][0]["id"],
            "https://lms.example.org/course/7"
        );
        let t = terminated(&session, id(2), at, 0.0);
        assert_eq!(validate(&t), Ok(()));
        assert!(t.result.and_then(|r| r.completion).is_none());
        assert_eq!(initialized(&session, id(3), at).result, None);
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(duration(0.0), "PT0.00S");
        assert_eq!(duration(1_005.0), "PT1.01S");
        assert_eq!(duration(3_600_000.0), "PT3600.00S");
    }
}
