//! The xAPI 1.0.3 rules a statement must pass before the widget queues it:
//! a statement an LRS would refuse is a bug here, not a surprise in production.

use super::model::*;
use crate::ident::{is_absolute_iri, is_language_tag};

fn language_map(map: &LanguageMap, path: &str, errors: &mut Vec<String>) {
    if map.is_empty() {
        errors.push(format!("{path}: a language map needs at least one entry"));
    }
    for key in map.keys() {
        if !is_language_tag(key) {
            errors.push(format!("{path}: `{key}` is not a language tag"));
        }
    }
}

fn activity(a: &Activity, path: &str, errors: &mut Vec<String>) {
    if a.object_type != "Activity" {
        errors.push(format!("{path}.objectType must be Activity"));
    }
    if !is_absolute_iri(&a.id) {
        errors.push(format!("{path}.id: `{}` is not an absolute IRI", a.id));
    }
    if let Some(d) = &a.definition {
        for (name, map) in [("name", &d.name), ("description", &d.description)] {
            if let Some(map) = map {
                language_map(map, &format!("{path}.definition.{name}"), errors);
            }
        }
        if d.kind.as_deref().is_some_and(|k| !is_absolute_iri(k)) {
            errors.push(format!("{path}.definition.type is not an absolute IRI"));
        }
    }
}

fn extensions(
    map: &std::collections::BTreeMap<String, serde_json::Value>,
    path: &str,
    errors: &mut Vec<String>,
) {
    for key in map.keys().filter(|k| !is_absolute_iri(k)) {
        errors.push(format!(
            "{path}: extension key `{key}` is not an absolute IRI"
        ));
    }
}

/// Checks a statement against the spec's rules; every problem is listed.
pub fn validate(s: &Statement) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    if s.id.get_variant() != uuid::Variant::RFC4122 {
        errors.push("id: not an RFC 4122 UUID".to_string());
    }
    let actor = &s.actor;
    if actor.object_type != "Agent" {
        errors.push("actor.objectType must be Agent".into());
    }
    if actor.identifier_count() != 1 {
        errors.push(format!("actor: exactly one identifier (mbox, mbox_sha1sum, openid or account) is required, found {}", actor.identifier_count()));
    }
    if actor
        .mbox
        .as_deref()
        .is_some_and(|m| !m.starts_with("mailto:") || !m.contains('@'))
    {
        errors.push("actor.mbox must be a mailto: IRI".into());
    }
    if actor
        .mbox_sha1sum
        .as_deref()
        .is_some_and(|h| h.len() != 40 || !h.chars().all(|c| c.is_ascii_hexdigit()))
    {
        errors.push("actor.mbox_sha1sum must be 40 hex digits".into());
    }
    if let Some(a) = &actor.account {
        if !is_absolute_iri(&a.home_page) {
            errors.push("actor.account.homePage is not an absolute IRL".into());
        }
        if a.name.is_empty() {
            errors.push("actor.account.name is empty".into());
        }
    }
    if !is_absolute_iri(&s.verb.id) {
        errors.push(format!("verb.id: `{}` is not an absolute IRI", s.verb.id));
    }
    language_map(&s.verb.display, "verb.display", &mut errors);
    activity(&s.object, "object", &mut errors);
    if let Some(r) = &s.result {
        if let Some(score) = r.score {
            if !(-1.0..=1.0).contains(&score.scaled) || !score.scaled.is_finite() {
                errors.push(format!(
                    "result.score.scaled {} is outside -1..1",
                    score.scaled
                ));
            }
            if score.min > score.max || score.raw < score.min || score.raw > score.max {
                errors.push(format!(
                    "result.score.raw {} is outside min {}..max {}",
                    score.raw, score.min, score.max
                ));
            }
        }
        extensions(&r.extensions, "result.extensions", &mut errors);
    }
    if let Some(c) = &s.context {
        if let Some(lang) = c.language.as_deref().filter(|l| !is_language_tag(l)) {
            errors.push(format!("context.language `{lang}` is not a language tag"));
        }
        if let Some(ca) = &c.context_activities {
            for (name, list) in [
                ("parent", &ca.parent),
                ("grouping", &ca.grouping),
                ("category", &ca.category),
            ] {
                for (i, a) in list.iter().enumerate() {
                    activity(
                        a,
                        &format!("context.contextActivities.{name}[{i}]"),
                        &mut errors,
                    );
                }
            }
        }
        extensions(&c.extensions, "context.extensions", &mut errors);
        if let Some(t) = &c.team {
            if t.object_type != "Group" {
                errors.push("context.team must be a Group".into());
            }
            if !is_absolute_iri(&t.account.home_page) || t.account.name.is_empty() {
                errors.push(
                    "context.team must be identified by an account (homePage IRI and name)".into(),
                );
            }
        }
        if let Some(i) = &c.instructor {
            if i.identifier_count() != 1 {
                errors.push("context.instructor must have exactly one identifier".into());
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use time::macros::{date, datetime};
    use uuid::Uuid;

    use super::*;
    use crate::plan::{apply, Action, Commitment, Now, Plan};
    use crate::program::{parse, Format};
    use crate::xapi::{statements_for, Setting, NS, VERBS};

    fn program() -> crate::program::Program {
        parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid fixture")
    }

    fn ids() -> impl FnMut() -> Uuid {
        let mut n = 0u8;
        move || {
            n += 1;
            uuid::Builder::from_random_bytes([n; 16]).into_uuid()
        }
    }

    /// Applies actions in turn and collects the statements each one sends.
    fn journey(actions: Vec<(Action, Now)>) -> Vec<Statement> {
        let p = program();
        let learner = Agent::account("https://lms.example.org", "u-42", Some("Ana"));
        let registration = Uuid::parse_str("6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21").ok();
        let mut next_id = ids();
        let mut plan = Plan::default();
        let mut out = Vec::new();
        for (action, now) in actions {
            let before = plan.clone();
            apply(&p, &mut plan, action.clone(), now).expect("accepted");
            let setting = Setting {
                learner: &learner,
                registration,
                course: Some("https://lms.example.org/course/7"),
                now: now.at,
                team: None,
            };
            out.extend(statements_for(
                &p,
                &before,
                &plan,
                &action,
                &setting,
                &mut next_id,
            ));
        }
        out
    }

    fn full_journey() -> Vec<Statement> {
        let day = |d| Now::local(d, 9, 30);
        let rate = |level| -> BTreeMap<String, u8> {
            [("give-feedback".to_string(), level)].into_iter().collect()
        };
        journey(vec![
            (
                Action::ChooseRole {
                    role: "leader".into(),
                },
                day(date!(2027 - 01 - 01)),
            ),
            (
                Action::Commit {
                    commitments: vec![Commitment {
                        behaviour: "give-feedback".into(),
                        text: "One specific note per check-in".into(),
                        when_where: "Mondays".into(),
                    }],
                    baselines: crate::plan::tests::starts(),
                    why: String::new(),
                },
                day(date!(2027 - 01 - 01)),
            ),
            (Action::Skip { day: 2 }, day(date!(2027 - 01 - 03))),
            (
                Action::Answer {
                    day: 7,
                    text: "Went well".into(),
                    ratings: rate(3),
                },
                day(date!(2027 - 01 - 08)),
            ),
            (
                Action::Snooze {
                    day: 21,
                    until: date!(2027 - 01 - 24),
                },
                day(date!(2027 - 01 - 22)),
            ),
            (
                Action::Answer {
                    day: 21,
                    text: "Still going".into(),
                    ratings: rate(4),
                },
                day(date!(2027 - 01 - 24)),
            ),
            (
                Action::Answer {
                    day: 45,
                    text: "Slipped".into(),
                    ratings: rate(1),
                },
                day(date!(2027 - 02 - 15)),
            ),
        ])
    }

    #[test]
    fn a_journey_sends_the_catalogued_statements_in_order() {
        let statements = full_journey();
        let verbs: Vec<&str> = statements
            .iter()
            .map(|s| {
                VERBS
                    .iter()
                    .find(|v| v.iri == s.verb.id)
                    .map(|v| v.key)
                    .unwrap_or("?")
            })
            .collect();
        assert_eq!(
            verbs,
            [
                "selected",
                "committed",
                "skipped",
                "answered",
                "rated",
                "snoozed",
                "answered",
                "rated",
                "mastered",
                "answered",
                "rated",
                "lapsed"
            ]
        );
        let ids: std::collections::HashSet<Uuid> = statements.iter().map(|s| s.id).collect();
        assert_eq!(
            ids.len(),
            statements.len(),
            "every statement has its own id"
        );
        for s in &statements {
            assert_eq!(
                validate(s),
                Ok(()),
                "{}",
                serde_json::to_string(s).unwrap_or_default()
            );
            let ctx = s.context.as_ref().expect("context");
            assert_eq!(
                ctx.registration.map(|r| r.to_string()).as_deref(),
                Some("6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21")
            );
            let ca = ctx.context_activities.as_ref().expect("context activities");
            assert_eq!(ca.parent[0].id, "https://example.org/programs/feedback");
            assert_eq!(ca.grouping[0].id, "https://lms.example.org/course/7");
            assert_eq!(ctx.language.as_deref(), Some("en-GB"));
        }
        let committed = &statements[1];
        assert_eq!(
            committed.object.id,
            "https://example.org/programs/feedback/behaviours/give-feedback"
        );
        assert_eq!(
            committed
                .result
                .as_ref()
                .and_then(|r| r.response.as_deref()),
            Some("One specific note per check-in")
        );
        let rated = &statements[4];
        let score = rated.result.as_ref().and_then(|r| r.score).expect("score");
        assert_eq!(
            (score.raw, score.min, score.max, score.scaled),
            (3.0, 0.0, 4.0, 0.75)
        );
        assert_eq!(
            rated
                .context
                .as_ref()
                .map(|c| c.extensions[&format!("{NS}/extensions/step")].clone()),
            Some(serde_json::json!(7))
        );
        assert_eq!(
            statements[3].timestamp,
            datetime!(2027-01-08 09:30 UTC),
            "timestamp is when the learner acted"
        );
    }

    #[test]
    fn serialized_statements_use_xapi_property_names() {
        let s = &full_journey()[4];
        let json = serde_json::to_value(s).expect("json");
        assert_eq!(json["actor"]["objectType"], "Agent");
        assert_eq!(
            json["actor"]["account"]["homePage"],
            "https://lms.example.org"
        );
        assert_eq!(
            json["object"]["definition"]["type"],
            format!("{NS}/activities/behaviour")
        );
        assert_eq!(
            json["context"]["contextActivities"]["parent"][0]["objectType"],
            "Activity"
        );
        assert_eq!(json["timestamp"], "2027-01-08T09:30:00Z");
        assert!(
            json.get("result").and_then(|r| r.get("success")).is_none(),
            "absent fields are left out, not null"
        );
        let back: Statement = serde_json::from_value(json).expect("round trip");
        assert_eq!(&back, s);
    }

    #[test]
    fn broken_statements_are_caught() {
        let mut s = full_journey()[4].clone();
        s.actor.mbox = Some("ana@example.org".into());
        s.verb.display.clear();
        s.object.id = "behaviours/give feedback".into();
        if let Some(r) = s.result.as_mut() {
            r.score = Some(Score {
                scaled: 1.5,
                raw: 9.0,
                min: 0.0,
                max: 4.0,
            });
        }
        if let Some(c) = s.context.as_mut() {
            c.language = Some("english please".into());
            c.extensions.insert("role".into(), serde_json::json!("x"));
        }
        let errors = validate(&s).expect_err("invalid");
        for needle in [
            "exactly one identifier",
            "mailto",
            "verb.display",
            "object.id",
            "scaled 1.5",
            "raw 9",
            "context.language",
            "extension key `role`",
        ] {
            assert!(
                errors.iter().any(|e| e.contains(needle)),
                "{needle} not in {errors:?}"
            );
        }
    }

    #[test]
    fn cadence_changes_baselines_and_why_are_recorded() {
        let day = |d| Now::local(d, 9, 30);
        let statements = journey(vec![
            (
                Action::ChooseRole {
                    role: "leader".into(),
                },
                day(date!(2027 - 01 - 01)),
            ),
            (
                Action::Commit {
                    commitments: vec![Commitment {
                        behaviour: "give-feedback".into(),
                        text: "One note per check-in".into(),
                        when_where: "Mondays".into(),
                    }],
                    baselines: [("give-feedback".to_string(), 2)].into(),
                    why: "My team asked for it".into(),
                },
                day(date!(2027 - 01 - 01)),
            ),
            (
                Action::MoveStep { day: 7, by_days: 2 },
                day(date!(2027 - 01 - 02)),
            ),
            (
                Action::ChooseWeekday {
                    weekday: Some(crate::program::Weekday::Friday),
                },
                day(date!(2027 - 01 - 02)),
            ),
            (
                Action::Pause {
                    until: date!(2027 - 01 - 20),
                },
                day(date!(2027 - 01 - 04)),
            ),
            (Action::Resume, day(date!(2027 - 01 - 10))),
        ]);
        let keys: Vec<&str> = statements
            .iter()
            .map(|s| {
                VERBS
                    .iter()
                    .find(|v| v.iri == s.verb.id)
                    .map_or("?", |v| v.key)
            })
            .collect();
        assert_eq!(
            keys,
            [
                "selected",
                "committed",
                "rescheduled",
                "rescheduled",
                "paused",
                "resumed"
            ]
        );
        for s in &statements {
            assert_eq!(validate(s), Ok(()), "{s:?}");
        }
        let ext = |i: usize, name: &str| {
            statements[i]
                .result
                .as_ref()
                .and_then(|r| {
                    r.extensions
                        .get(&format!("{NS}/extensions/{name}"))
                        .cloned()
                })
                .unwrap_or_default()
        };
        assert_eq!(ext(1, "baseline"), serde_json::json!(2));
        assert_eq!(ext(1, "why"), serde_json::json!("My team asked for it"));
        assert_eq!(ext(2, "moved-by"), serde_json::json!(2));
        assert_eq!(ext(2, "due"), serde_json::json!("2027-01-10"));
        assert_eq!(
            statements[2].object.id,
            "https://example.org/programs/feedback/reflections/day-7"
        );
        assert_eq!(ext(3, "weekday"), serde_json::json!("friday"));
        assert_eq!(ext(3, "due-dates")["7"], serde_json::json!("2027-01-15"));
        assert_eq!(
            statements[3].object.id,
            "https://example.org/programs/feedback/schedule"
        );
        assert_eq!(
            (ext(4, "from"), ext(4, "until")),
            (
                serde_json::json!("2027-01-04"),
                serde_json::json!("2027-01-20")
            )
        );
        assert_eq!(
            (ext(5, "from"), ext(5, "until")),
            (
                serde_json::json!("2027-01-04"),
                serde_json::json!("2027-01-10")
            )
        );
        // Rewording without changing the why or baseline sends only the changed commitment.
        let more = journey(vec![
            (
                Action::ChooseRole {
                    role: "leader".into(),
                },
                day(date!(2027 - 01 - 01)),
            ),
            (
                Action::Commit {
                    commitments: vec![Commitment {
                        behaviour: "give-feedback".into(),
                        text: "a".into(),
                        when_where: "b".into(),
                    }],
                    baselines: crate::plan::tests::starts(),
                    why: String::new(),
                },
                day(date!(2027 - 01 - 01)),
            ),
        ]);
        assert!(more[1]
            .result
            .as_ref()
            .is_some_and(|r| !r.extensions.contains_key(&format!("{NS}/extensions/why"))));
    }
}
