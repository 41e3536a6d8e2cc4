//! What a statement contributes to the query index, and the two comparisons
//! storing needs (is a re-send the same statement; how definitions merge).
//! Pure: no database here.

use serde_json::{Map, Value};

use super::{ROLE_ACTOR, ROLE_OBJECT, ROLE_RELATED};
use crate::lrs::validate::{self, VOIDED_VERB};

/// Whether a re-sent statement matches the stored one, ignoring what the
/// LRS itself added (`stored`, `authority`, `version`, and `timestamp` when
/// the client did not send one). JSON object key order never matters.
pub fn same_statement(stored: &Value, incoming: &Value) -> bool {
    let strip = |v: &Value, drop_timestamp: bool| -> Value {
        let mut v = v.clone();
        if let Some(obj) = v.as_object_mut() {
            for key in ["stored", "authority", "version"] {
                obj.remove(key);
            }
            if drop_timestamp {
                obj.remove("timestamp");
            }
        }
        v
    };
    // Timestamps are compared as instants: "Z" and "+00:00" mean the same.
    let instant = |v: &Value| {
        v.get("timestamp")
            .and_then(Value::as_str)
            .and_then(validate::parse_timestamp)
    };
    let no_timestamp = incoming.get("timestamp").is_none();
    if !no_timestamp && instant(stored) != instant(incoming) {
        return false;
    }
    let a = strip(stored, true);
    let mut b = strip(incoming, true);
    if let (Some(obj), Some(id)) = (b.as_object_mut(), stored.get("id")) {
        obj.entry("id").or_insert_with(|| id.clone());
    }
    a == b
}

/// The side-table rows a statement contributes to.
pub(super) struct Index {
    pub(super) verb: String,
    pub(super) registration: Option<String>,
    pub(super) voids: Option<String>,
    pub(super) refs: Option<String>,
    pub(super) agents: Vec<(String, i64)>,
    pub(super) activities: Vec<(String, i64)>,
    pub(super) definitions: Vec<(String, Map<String, Value>)>,
    pub(super) named_agents: Vec<(String, Value)>,
}

impl Index {
    pub(super) fn of(st: &Value) -> Index {
        let verb = validate::verb_id(st).unwrap_or_default().to_string();
        let object = st.get("object").unwrap_or(&Value::Null);
        let refs = (object.get("objectType").and_then(Value::as_str) == Some("StatementRef"))
            .then(|| {
                object
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase)
            })
            .flatten();
        let voids = refs.clone().filter(|_| verb == VOIDED_VERB);
        let registration = st
            .get("context")
            .and_then(|c| c.get("registration"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let mut ix = Index {
            verb,
            registration,
            voids,
            refs,
            agents: Vec::new(),
            activities: Vec::new(),
            definitions: Vec::new(),
            named_agents: Vec::new(),
        };
        ix.add_agent(st.get("actor"), ROLE_ACTOR);
        ix.add_object(object, ROLE_OBJECT);
        ix.add_agent(st.get("authority"), ROLE_RELATED);
        ix.add_context(st.get("context"));
        if object.get("objectType").and_then(Value::as_str) == Some("SubStatement") {
            ix.add_agent(object.get("actor"), ROLE_RELATED);
            ix.add_object(object.get("object").unwrap_or(&Value::Null), ROLE_RELATED);
            ix.add_context(object.get("context"));
        }
        ix.agents.sort();
        ix.agents.dedup();
        ix.activities.sort();
        ix.activities.dedup();
        ix
    }

    fn add_agent(&mut self, agent: Option<&Value>, role: i64) {
        let Some(agent) = agent else { return };
        if let Some(ifi) = validate::ifi_key(agent) {
            if agent.get("name").is_some()
                && agent.get("objectType").and_then(Value::as_str) != Some("Group")
            {
                self.named_agents.push((ifi.clone(), agent.clone()));
            }
            self.agents.push((ifi, role));
        }
        // A Group matches the agent filter for each of its members too.
        if let Some(members) = agent.get("member").and_then(Value::as_array) {
            for m in members {
                if let Some(ifi) = validate::ifi_key(m) {
                    self.agents.push((ifi, role));
                }
            }
        }
    }

    fn add_object(&mut self, object: &Value, role: i64) {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => self.add_activity(object, role),
            Some("Agent") | Some("Group") => self.add_agent(Some(object), role),
            _ => {}
        }
    }

    fn add_activity(&mut self, activity: &Value, role: i64) {
        let Some(id) = activity.get("id").and_then(Value::as_str) else {
            return;
        };
        self.activities.push((id.to_string(), role));
        if let Some(def) = activity.get("definition").and_then(Value::as_object) {
            self.definitions.push((id.to_string(), def.clone()));
        }
    }

    fn add_context(&mut self, context: Option<&Value>) {
        let Some(context) = context else { return };
        self.add_agent(context.get("instructor"), ROLE_RELATED);
        self.add_agent(context.get("team"), ROLE_RELATED);
        if let Some(ca) = context.get("contextActivities").and_then(Value::as_object) {
            for value in ca.values() {
                match value {
                    Value::Array(items) => items
                        .iter()
                        .for_each(|a| self.add_activity(a, ROLE_RELATED)),
                    other => self.add_activity(other, ROLE_RELATED),
                }
            }
        }
    }
}

/// Folds a newly seen activity definition into the stored one. Language
/// maps and extensions are merged key by key, so two statements describing
/// an activity in different languages leave both languages (the Activities
/// resource must return "all available information"); anything else is
/// replaced by the newer value.
pub(super) fn merge_definition(stored: &mut Map<String, Value>, new: &Map<String, Value>) {
    for (k, v) in new {
        let mergeable = matches!(k.as_str(), "name" | "description" | "extensions");
        match (stored.get_mut(k), v) {
            (Some(Value::Object(old)), Value::Object(add)) if mergeable => {
                for (ik, iv) in add {
                    old.insert(ik.clone(), iv.clone());
                }
            }
            _ => {
                stored.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resend_comparison_ignores_lrs_fields_and_key_order() {
        let stored = json!({"id": "x", "actor": {"mbox": "mailto:a@x.org", "name": "A"}, "verb": {"id": "http://v"},
            "object": {"id": "http://o"}, "stored": "2024-01-01T00:00:00Z", "timestamp": "2024-01-01T00:00:00Z",
            "authority": {"mbox": "mailto:admin@x.org"}, "version": "1.0.0"});
        let resent = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"}, "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x"});
        assert!(same_statement(&stored, &resent));
        let changed = json!({"object": {"id": "http://o2"}, "verb": {"id": "http://v"}, "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x"});
        assert!(!same_statement(&stored, &changed));
        let other_time = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"},
            "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x", "timestamp": "2025-01-01T00:00:00Z"});
        assert!(!same_statement(&stored, &other_time));
        let same_instant = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"},
            "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x", "timestamp": "2024-01-01T01:00:00+01:00"});
        assert!(same_statement(&stored, &same_instant));
    }

    #[test]
    fn index_covers_roles() {
        let st = json!({
            "actor": {"objectType": "Group", "mbox": "mailto:team@x.org", "member": [{"mbox": "mailto:a@x.org"}]},
            "verb": {"id": "http://v"},
            "object": {"id": "http://o", "definition": {"name": {"en": "O"}}},
            "context": {"registration": "5B4C8F2E-7A52-4CF1-A8A2-3C6B2F0E0F11",
                "instructor": {"mbox": "mailto:i@x.org"},
                "contextActivities": {"parent": {"id": "http://p"}, "grouping": [{"id": "http://g"}]}}
        });
        let ix = Index::of(&st);
        assert!(ix
            .agents
            .contains(&("mbox:mailto:team@x.org".into(), ROLE_ACTOR)));
        assert!(ix
            .agents
            .contains(&("mbox:mailto:a@x.org".into(), ROLE_ACTOR)));
        assert!(ix
            .agents
            .contains(&("mbox:mailto:i@x.org".into(), ROLE_RELATED)));
        assert!(ix.activities.contains(&("http://o".into(), ROLE_OBJECT)));
        assert!(ix.activities.contains(&("http://p".into(), ROLE_RELATED)));
        assert!(ix.activities.contains(&("http://g".into(), ROLE_RELATED)));
        assert_eq!(
            ix.registration.as_deref(),
            Some("5b4c8f2e-7a52-4cf1-a8a2-3c6b2f0e0f11")
        );
        assert_eq!(ix.definitions.len(), 1);
    }

    #[test]
    fn definitions_merge_language_maps() {
        let mut stored = json!({"name": {"en-US": "Meeting"}, "type": "http://t/1"});
        let new =
            json!({"name": {"fr": "Réunion"}, "type": "http://t/2", "description": {"en-US": "d"}});
        let (Value::Object(stored_map), Value::Object(new_map)) = (&mut stored, &new) else {
            panic!("objects");
        };
        merge_definition(stored_map, new_map);
        assert_eq!(
            stored,
            json!({"name": {"en-US": "Meeting", "fr": "Réunion"}, "type": "http://t/2", "description": {"en-US": "d"}})
        );
    }
}
