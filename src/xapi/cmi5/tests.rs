use serde_json::json;

use super::*;
use crate::xapi::validate;

const DATA: &str = r#"{"contextTemplate":{"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s-1"},
    "contextActivities":{"grouping":[{"id":"https://lms.example.org/course/7"}]}},
    "launchMode":"Normal","moveOn":"Completed","returnURL":"https://lms.example.org/course/7"}"#;

fn registration() -> Uuid {
    Uuid::parse_str("6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21").expect("uuid")
}

fn id(n: u8) -> Uuid {
    uuid::Builder::from_random_bytes([n; 16]).into_uuid()
}

/// The template check ADL's cmi5 player applies (`matchContextTemplate`): every template
/// context activity at the same index by id, every other template property deep-equal.
fn follows_template(context: &Value, template: &Map<String, Value>) -> bool {
    template.iter().all(|(prop, expected)| match prop.as_str() {
        "contextActivities" => expected.as_object().is_some_and(|lists| {
            lists.iter().all(|(k, list)| {
                as_list(list).iter().enumerate().all(|(i, a)| {
                    context.pointer(&format!("/contextActivities/{k}/{i}/id")) == a.get("id")
                })
            })
        }),
        _ => match expected.as_object() {
            Some(fields) => fields
                .iter()
                .all(|(k, v)| context.get(prop).and_then(|p| p.get(k)) == Some(v)),
            None => context.get(prop) == Some(expected),
        },
    })
}

#[test]
fn launch_data_is_read_and_checked() {
    let data = LaunchData::parse(DATA).expect("valid");
    assert_eq!(data.move_on.as_deref(), Some("Completed"));
    assert_eq!(data.session_id(), Some("s-1"));
    assert!(data.records_completion());
    for mode in ["Browse", "Review"] {
        let d = LaunchData::parse(&DATA.replace("Normal", mode)).expect("valid");
        assert!(
            !d.records_completion(),
            "{mode} launches never record completion"
        );
    }
    assert!(LaunchData::parse(&DATA.replace("Normal", "Skim")).is_err());
    assert!(
        LaunchData::parse(r#"{"contextTemplate":{},"launchMode":"Normal"}"#)
            .unwrap_err()
            .contains("no session id")
    );
    assert!(LaunchData::parse("[]").is_err());
    let bad = r#"{"contextTemplate":{"contextActivities":[],"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s"}},"launchMode":"Normal"}"#;
    assert!(LaunchData::parse(bad).is_err());
}

#[test]
fn learner_preferences_are_read_leniently() {
    let p = LearnerPreferences::parse(
        r#"{"languagePreference":"de-CH, fr-FR,en-US","audioPreference":"off"}"#,
    );
    assert_eq!(p.languages(), ["de-CH", "fr-FR", "en-US"]);
    assert_eq!(p.audio_preference.as_deref(), Some("off"));
    assert_eq!(
        LearnerPreferences::parse("not json"),
        LearnerPreferences::default()
    );
    assert!(LearnerPreferences::parse("{}").languages().is_empty());
}

#[test]
fn the_template_comes_first_in_every_list_and_its_properties_win() {
    let template = json!({
        "contextActivities": {
            "grouping": [{"id": "https://lms.example.org/course/7"}],
            "category": {"id": "https://lms.example.org/category/x"},
            "other": [{"id": "https://lms.example.org/o/1"}, {"id": "https://lms.example.org/o/2"}]
        },
        "extensions": {SESSION_ID: "s-2", "https://lms.example.org/ext": {"k": [1, 2]}},
        "instructor": {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "t"}},
        "revision": "r3"
    });
    let template = template.as_object().expect("object").clone();
    // What the widget's own statements look like: its course first in grouping, its own category and extensions.
    let mut statement = json!({
        "id": id(1).to_string(),
        "context": {
            "registration": id(9).to_string(),
            "contextActivities": {
                "parent": [{"id": "https://programs.example.org/coaching"}],
                "grouping": [{"id": "https://throughline.example.org/course"}, {"id": "https://lms.example.org/course/7"}],
                "category": [{"id": "https://throughline.example.org/profile"}]
            },
            "extensions": {SESSION_ID: "stale", "https://throughline.example.org/role": "leader"},
            "platform": "Throughline"
        }
    });
    apply_template(&mut statement, &template, registration());
    let context = &statement["context"];
    assert!(follows_template(context, &template), "{context:#}");
    let ids = |list: &str| -> Vec<String> {
        context["contextActivities"][list]
            .as_array()
            .expect("array")
            .iter()
            .map(|a| a["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        ids("grouping"),
        [
            "https://lms.example.org/course/7",
            "https://throughline.example.org/course"
        ],
        "the template's activity first, not repeated"
    );
    assert_eq!(
        ids("category"),
        [
            "https://lms.example.org/category/x",
            "https://throughline.example.org/profile"
        ]
    );
    assert_eq!(
        ids("parent"),
        ["https://programs.example.org/coaching"],
        "lists the template lacks stay"
    );
    assert_eq!(context["extensions"][SESSION_ID], "s-2");
    assert_eq!(
        context["extensions"]["https://throughline.example.org/role"],
        "leader"
    );
    assert_eq!(context["revision"], "r3");
    assert_eq!(context["platform"], "Throughline");
    assert_eq!(context["registration"], registration().to_string());

    // Applying it again changes nothing (a resend of a statement already templated).
    let before = statement.clone();
    apply_template(&mut statement, &template, registration());
    assert_eq!(statement, before);
}

#[test]
fn defined_statements_carry_the_template_and_categories() {
    let data = LaunchData::parse(DATA).expect("valid");
    let actor = Agent::account("https://lms.example.org", "ana", None);
    let session = Session {
        actor: &actor,
        au: "https://lms.example.org/au/1",
        registration: registration(),
        data: &data,
    };
    let at = time::macros::datetime!(2027-01-01 10:00 UTC);
    let s = completed(&session, id(1), at, 61_234.0);
    assert_eq!(validate(&s), Ok(()));
    let mut json = serde_json::to_value(&s).expect("json");
    apply_template(&mut json, &data.context_template, registration());
    assert!(follows_template(&json["context"], &data.context_template));
    assert_eq!(
        json["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/completed"
    );
    assert_eq!(json["result"]["completion"], true);
    assert_eq!(json["result"]["duration"], "PT61.23S");
    assert_eq!(json["context"]["registration"], registration().to_string());
    assert_eq!(json["context"]["extensions"][SESSION_ID], "s-1");
    assert!(is_defined(&json));
    let categories: Vec<&str> = json["context"]["contextActivities"]["category"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(categories, [CATEGORY, MOVE_ON]);
    let t = terminated(&session, id(2), at, 0.0);
    assert_eq!(validate(&t), Ok(()));
    assert!(t.result.and_then(|r| r.completion).is_none());
    assert_eq!(initialized(&session, id(3), at).result, None);
}

#[test]
fn waiting_statements_of_an_earlier_session_are_resent_or_dropped() {
    let of = |session: &str, defined: bool, registration: Uuid| {
        let mut category = vec![json!({"id": "https://throughline.example.org/profile"})];
        if defined {
            category.push(json!({"id": CATEGORY}));
        }
        json!({"context": {"registration": registration.to_string(),
            "contextActivities": {"category": category},
            "extensions": {SESSION_ID: session}}})
    };
    let r = registration();
    assert_eq!(carry(&of("s-1", false, r), r, "s-2"), Carry::Resend);
    assert_eq!(carry(&of("s-1", true, r), r, "s-2"), Carry::Drop);
    assert_eq!(
        carry(&of("s-2", true, r), r, "s-2"),
        Carry::Keep,
        "a reload of the same session"
    );
    assert_eq!(
        carry(&of("s-1", false, id(4)), r, "s-2"),
        Carry::Keep,
        "another registration"
    );
    assert_eq!(
        carry(
            &json!({"context": {"registration": r.to_string()}}),
            r,
            "s-2"
        ),
        Carry::Keep,
        "not from a cmi5 session"
    );
    assert_eq!(carry(&json!("odd"), r, "s-2"), Carry::Keep);
}

#[test]
fn player_refusals_name_their_rule() {
    let boom = r#"{"statusCode":403,"error":"Forbidden","message":"9.3.0.0-5 - Terminated MUST be the last statement (abc)"}"#;
    let r = refusal(boom).expect("a rule");
    assert_eq!(r.rule, "9.3.0.0-5");
    assert!(r.text.starts_with("9.3.0.0-5 - Terminated"));
    assert!(r.ends_session());
    let prefs = refusal("11.0.0.0-3 - The AU MUST retrieve the Learner Preferences document")
        .expect("plain text");
    assert_eq!(prefs.rule, "11.0.0.0-3");
    assert!(!prefs.ends_session());
    assert!(
        refusal(r#"{"message":"8.1.2.0-2 - ... (Session abandoned)"}"#)
            .expect("rule")
            .ends_session()
    );
    assert!(
        refusal(r#"{"message":"9.3.0.0-6 - ... Already completed"}"#)
            .expect("rule")
            .already_completed()
    );
    for none in [
        "",
        "Forbidden",
        r#"{"error":"invalid credentials"}"#,
        "version 1.0.3-2",
        "1.2.3-4",
    ] {
        assert_eq!(refusal(none), None, "{none}");
    }
}

#[test]
fn durations_are_iso_8601() {
    assert_eq!(duration(0.0), "PT0.00S");
    assert_eq!(duration(1_005.0), "PT1.01S");
    assert_eq!(duration(3_600_000.0), "PT3600.00S");
}
