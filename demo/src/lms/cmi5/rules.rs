//! The cmi5 rules a player enforces on what an AU sends in a session, as ADL's
//! player does (requirement ids from the cmi5 specification), so the demo refuses
//! what a real LMS refuses. Pure: the session's facts in, a verdict out.

use serde_json::{Map, Value};

use throughline_service::lrs::validate::ifi_key;

const CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVE_ON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const SESSION_ID: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
const TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";

/// A broken requirement: its id, its text, and which statement or request broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Requirement id, e.g. `9.3.0.0-5`.
    pub rule: &'static str,
    /// What the requirement says.
    pub text: &'static str,
    /// What broke it.
    pub detail: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The form ADL's player answers with, which AUs read the rule id from.
        write!(f, "{} - {} ({})", self.rule, self.text, self.detail)
    }
}

fn broke(rule: &'static str, text: &'static str, detail: impl Into<String>) -> Violation {
    Violation {
        rule,
        text,
        detail: detail.into(),
    }
}

/// What the player knows of a session when a request comes in.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    /// The launched learner.
    pub actor: &'a Value,
    /// The registration.
    pub registration: &'a str,
    /// The AU's activity id.
    pub au: &'a str,
    /// The session's context template.
    pub template: &'a Map<String, Value>,
    /// Normal, Browse or Review.
    pub launch_mode: &'a str,
    /// The AU read `cmi5LearnerPreferences` in this session.
    pub preferences_read: bool,
    /// `initialized` was recorded in this session.
    pub initialized: bool,
    /// `terminated` was recorded in this session.
    pub terminated: bool,
    /// `completed` was recorded in this registration (any session).
    pub completed: bool,
}

/// The cmi5-defined verbs a batch records, in order, to apply once the LRS has stored it.
pub type Recorded = Vec<&'static str>;

/// Checks a POST or PUT of statements; `Ok` lists the cmi5-defined verbs it records.
pub fn check(facts: &Facts<'_>, statements: &[Value]) -> Result<Recorded, Violation> {
    if !facts.preferences_read {
        return Err(broke("11.0.0.0-3", "The AU MUST retrieve the Learner Preferences document from the Agent Profile on startup", "Learner Prefs not yet retrieved"));
    }
    let mut recorded: Recorded = Vec::new();
    for st in statements {
        let id = st
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if id.is_empty() {
            return Err(broke("9.1.0.0-1", "The AU MUST assign a statement id property in UUID format for all statements it issues", "Statement id missing"));
        }
        let verb = st.pointer("/verb/id").and_then(Value::as_str).unwrap_or("");
        if verb == VOIDED {
            return Err(broke("6.3.0.0-1", "The AU MUST NOT void statements", id));
        }
        let Some(timestamp) = st.get("timestamp").and_then(Value::as_str) else {
            return Err(broke(
                "9.7.0.0-1",
                "The AU MUST include a timestamp in all statements",
                id,
            ));
        };
        if !(timestamp.ends_with('Z')
            || timestamp.ends_with("+00:00")
            || timestamp.ends_with("+0000")
            || timestamp.ends_with("+00"))
        {
            return Err(broke("9.7.0.0-2", "Timestamps MUST be in UTC", id));
        }
        if st.get("actor").and_then(ifi_key) != ifi_key(facts.actor) {
            return Err(broke(
                "8.1.3.0-3",
                "The AU MUST use the actor of the launch in every statement",
                id,
            ));
        }
        let Some(context) = st.get("context").and_then(Value::as_object) else {
            return Err(broke(
                "9.6.0.0-1",
                "Statements MUST have a context",
                format!("no context: {id}"),
            ));
        };
        if !context.contains_key("contextActivities") {
            return Err(broke("10.2.1.0-6", "The AU MUST use the contextTemplate as a template for the 'context' property in all xAPI statements it sends", format!("no contextActivities: {id}")));
        }
        follows_template(context, facts.template).map_err(|why| {
            broke("10.2.1.0-6", "The AU MUST use the contextTemplate as a template for the 'context' property in all xAPI statements it sends", format!("{why}: {id}"))
        })?;
        let categories = ids(context
            .get("contextActivities")
            .and_then(|c| c.get("category")));
        let defined = categories.contains(&CATEGORY);
        if categories.contains(&MOVE_ON)
            && !(defined && [PASSED, FAILED, COMPLETED].contains(&verb))
        {
            return Err(broke("9.6.2.2-2", "The moveOn category MUST only be used on cmi5-defined completed, passed or failed statements", id));
        }
        if context.get("registration").and_then(Value::as_str) != Some(facts.registration) {
            return Err(broke(
                "9.6.1.0-1",
                "The registration of the launch MUST be in the context of every statement",
                id,
            ));
        }
        if context
            .get("extensions")
            .and_then(|e| e.get(SESSION_ID))
            .is_none()
        {
            return Err(broke(
                "9.6.3.1-4",
                "Every statement MUST carry the session id extension",
                id,
            ));
        }
        // As ADL's player: only an initialized already stored counts, not one earlier in the batch.
        let initialized = facts.initialized;
        if !initialized && verb != INITIALIZED {
            return Err(broke(
                "9.3.0.0-4",
                "The AU MUST NOT issue statements before initialized",
                id,
            ));
        }
        if facts.terminated || recorded.contains(&TERMINATED) {
            return Err(broke(
                "9.3.0.0-5",
                "Terminated MUST be the last statement of a session",
                id,
            ));
        }
        if !defined {
            continue;
        }
        if st.pointer("/object/id").and_then(Value::as_str) != Some(facts.au) {
            return Err(broke(
                "8.1.5.0-6",
                "The object of cmi5-defined statements MUST be the AU's activity id",
                id,
            ));
        }
        let completion = st.pointer("/result/completion");
        let duration = st.pointer("/result/duration");
        match verb {
            INITIALIZED if initialized || recorded.contains(&INITIALIZED) => {
                return Err(broke("9.3.0.0-2", "The AU MUST NOT issue more than one initialized, completed or terminated statement per session", format!("Already initialized: {id}")))
            }
            INITIALIZED => recorded.push(INITIALIZED),
            TERMINATED if duration.is_none() => {
                return Err(broke("9.5.4.1-1", "Terminated statements MUST include a duration", id))
            }
            TERMINATED => recorded.push(TERMINATED),
            COMPLETED if facts.launch_mode != "Normal" => {
                return Err(broke("10.2.2.0-2", "In Browse and Review launches the AU MUST NOT issue completed, passed or failed", id))
            }
            COMPLETED if completion != Some(&Value::Bool(true)) => {
                return Err(broke("9.5.3.0-1", "Completed statements MUST have result.completion true", id))
            }
            COMPLETED if duration.is_none() => {
                return Err(broke("9.5.4.1-2", "Completed statements MUST include a duration", id))
            }
            COMPLETED if recorded.contains(&COMPLETED) => {
                return Err(broke("9.3.0.0-2", "The AU MUST NOT issue more than one initialized, completed or terminated statement per session", format!("Already completed: {id}")))
            }
            COMPLETED if facts.completed => {
                return Err(broke("9.3.0.0-6", "The AU MUST NOT issue more than one completed statement per registration", format!("Already completed: {id}")))
            }
            COMPLETED => recorded.push(COMPLETED),
            _ => {
                return Err(broke("9.3.0.0-1", "cmi5-defined statements MUST use a verb cmi5 defines for AUs", format!("Unrecognized cmi5 defined statement: {verb} - {id}")))
            }
        }
        if completion.is_some() && verb != COMPLETED {
            return Err(broke(
                "9.5.3.0-2",
                "Only completed statements may carry result.completion",
                id,
            ));
        }
    }
    Ok(recorded)
}

/// The launch data is the LMS's: an AU may only read it (10.2.1.0-5).
pub fn launch_data_write(method: &str) -> Violation {
    broke(
        "10.2.1.0-5",
        "The AU MUST NOT modify or delete the LMS.LaunchData State document",
        method.to_string(),
    )
}

/// What ADL's player checks of a template (`matchContextTemplate`): each template context
/// activity at the same index, by id; every other template property's fields deep-equal.
fn follows_template(
    context: &Map<String, Value>,
    template: &Map<String, Value>,
) -> Result<(), String> {
    for (prop, expected) in template {
        if prop == "contextActivities" {
            let Some(lists) = expected.as_object() else {
                continue;
            };
            for (list, activities) in lists {
                let want = ids(Some(activities));
                let have = ids(context.get(prop).and_then(|c| c.get(list)));
                for (i, w) in want.iter().enumerate() {
                    if have.get(i) != Some(w) {
                        return Err(format!("context does not match template: '{prop}' '{list}' '{i}' value differs"));
                    }
                }
            }
            continue;
        }
        let Some(provided) = context.get(prop) else {
            return Err(format!("context does not match template: '{prop}' missing"));
        };
        match expected.as_object() {
            Some(fields) => {
                for (k, v) in fields {
                    if provided.get(k) != Some(v) {
                        return Err(format!(
                            "context does not match template: '{prop}' '{k}' value differs"
                        ));
                    }
                }
            }
            None if provided != expected => {
                return Err(format!(
                    "context does not match template: '{prop}' value differs"
                ))
            }
            None => {}
        }
    }
    Ok(())
}

/// The ids of a context activity list (one object or an array).
fn ids(list: Option<&Value>) -> Vec<&str> {
    match list {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.get("id").and_then(Value::as_str))
            .collect(),
        Some(one @ Value::Object(_)) => one.get("id").and_then(Value::as_str).into_iter().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const REG: &str = "6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21";
    const AU: &str = "http://lms.example.org/au/1";

    fn template() -> Map<String, Value> {
        json!({"extensions": {SESSION_ID: "s-1"}, "contextActivities": {"grouping": [{"id": "http://lms.example.org/course/1"}]}})
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    fn actor() -> Value {
        json!({"objectType": "Agent", "account": {"homePage": "http://lms.example.org", "name": "ana"}})
    }

    fn statement(n: u8, verb: &str, defined: bool) -> Value {
        let mut category = vec![];
        if defined {
            category.push(json!({"id": CATEGORY}));
        }
        if verb == COMPLETED {
            category.push(json!({"id": MOVE_ON}));
        }
        json!({
            "id": format!("00000000-0000-4000-8000-0000000000{n:02}"),
            "actor": actor(),
            "verb": {"id": verb},
            "object": {"id": if defined { AU.to_string() } else { "http://programs.example.org/x".to_string() }},
            "result": if verb == COMPLETED { json!({"completion": true, "duration": "PT1S"}) } else if verb == TERMINATED { json!({"duration": "PT2S"}) } else { json!({}) },
            "context": {
                "registration": REG,
                "extensions": {SESSION_ID: "s-1"},
                "contextActivities": {"grouping": [{"id": "http://lms.example.org/course/1"}, {"id": "http://throughline.example.org/c"}], "category": category}
            },
            "timestamp": "2027-01-01T10:00:00.123Z"
        })
    }

    fn facts<'a>(actor: &'a Value, template: &'a Map<String, Value>) -> Facts<'a> {
        Facts {
            actor,
            registration: REG,
            au: AU,
            template,
            launch_mode: "Normal",
            preferences_read: true,
            initialized: false,
            terminated: false,
            completed: false,
        }
    }

    fn rule(r: Result<Recorded, Violation>) -> &'static str {
        r.err().map(|v| v.rule).unwrap_or("accepted")
    }

    #[test]
    fn a_session_in_cmi5_order_is_accepted() {
        let (a, t) = (actor(), template());
        let f = facts(&a, &t);
        assert_eq!(
            check(&f, &[statement(1, INITIALIZED, true)]),
            Ok(vec![INITIALIZED])
        );
        let rest = [
            statement(2, "http://example.org/verbs/selected", false),
            statement(3, COMPLETED, true),
            statement(4, TERMINATED, true),
        ];
        let started = Facts {
            initialized: true,
            ..f.clone()
        };
        assert_eq!(check(&started, &rest), Ok(vec![COMPLETED, TERMINATED]));
        // Sent with initialized in one request, the rest is refused, as ADL's player does.
        let together = [statement(1, INITIALIZED, true), rest[0].clone()];
        assert_eq!(rule(check(&f, &together)), "9.3.0.0-4");
    }

    #[test]
    fn each_rule_the_widget_once_broke_is_refused() {
        let (a, t) = (actor(), template());
        let f = facts(&a, &t);
        let first = statement(1, INITIALIZED, true);
        let no_prefs = Facts {
            preferences_read: false,
            ..f.clone()
        };
        assert_eq!(
            rule(check(&no_prefs, std::slice::from_ref(&first))),
            "11.0.0.0-3"
        );
        // The template's grouping must come first.
        let mut swapped = statement(2, "http://example.org/verbs/selected", false);
        swapped["context"]["contextActivities"]["grouping"] = json!([{"id": "http://throughline.example.org/c"}, {"id": "http://lms.example.org/course/1"}]);
        let started = Facts {
            initialized: true,
            ..f.clone()
        };
        assert_eq!(rule(check(&started, &[swapped])), "10.2.1.0-6");
        let mut other_session = statement(2, "http://example.org/verbs/selected", false);
        other_session["context"]["extensions"][SESSION_ID] = json!("s-0");
        assert_eq!(rule(check(&started, &[other_session])), "10.2.1.0-6");
        // Nothing after terminated, and terminated only once.
        let ended = Facts {
            initialized: true,
            terminated: true,
            ..f.clone()
        };
        assert_eq!(
            rule(check(&ended, &[statement(5, TERMINATED, true)])),
            "9.3.0.0-5"
        );
        assert_eq!(
            rule(check(
                &started,
                &[
                    statement(4, TERMINATED, true),
                    statement(5, TERMINATED, true)
                ]
            )),
            "9.3.0.0-5"
        );
        // Order: initialized first, once; completed once per registration.
        assert_eq!(
            rule(check(
                &f,
                &[statement(2, "http://example.org/verbs/selected", false)]
            )),
            "9.3.0.0-4"
        );
        assert_eq!(
            rule(check(&started, std::slice::from_ref(&first))),
            "9.3.0.0-2"
        );
        let done = Facts {
            completed: true,
            ..started.clone()
        };
        assert_eq!(
            rule(check(&done, &[statement(3, COMPLETED, true)])),
            "9.3.0.0-6"
        );
        let browse = Facts {
            launch_mode: "Browse",
            ..started.clone()
        };
        assert_eq!(
            rule(check(&browse, &[statement(3, COMPLETED, true)])),
            "10.2.2.0-2"
        );
        // Registration, actor, timestamps.
        let mut wrong_reg = statement(2, "http://example.org/verbs/selected", false);
        wrong_reg["context"]["registration"] = json!("00000000-0000-4000-8000-000000000000");
        assert_eq!(rule(check(&started, &[wrong_reg])), "9.6.1.0-1");
        let mut someone_else = statement(2, "http://example.org/verbs/selected", false);
        someone_else["actor"]["account"]["name"] = json!("ben");
        assert_eq!(rule(check(&started, &[someone_else])), "8.1.3.0-3");
        let mut local_time = statement(2, "http://example.org/verbs/selected", false);
        local_time["timestamp"] = json!("2027-01-01T10:00:00+01:00");
        assert_eq!(rule(check(&started, &[local_time])), "9.7.0.0-2");
        let mut move_on = statement(2, "http://example.org/verbs/selected", false);
        move_on["context"]["contextActivities"]["category"] = json!([{"id": MOVE_ON}]);
        assert_eq!(rule(check(&started, &[move_on])), "9.6.2.2-2");
    }

    #[test]
    fn violations_read_as_adls_player_writes_them() {
        let v = launch_data_write("put");
        assert!(v.to_string().starts_with("10.2.1.0-5 - "));
        assert!(v.to_string().ends_with("(put)"));
    }
}
