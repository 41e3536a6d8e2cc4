use std::collections::{BTreeMap, BTreeSet};

use super::*;

const FILES: [(&str, &str); 5] = [
    ("en", include_str!("en.ftl")),
    ("de", include_str!("de.ftl")),
    ("fr", include_str!("fr.ftl")),
    ("es", include_str!("es.ftl")),
    ("ja", include_str!("ja.ftl")),
];

/// Each message of a file with the `$variables` it uses (a message is its `id =` line and the
/// indented lines after it).
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            let id = line
                .split('=')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            current = Some(id.clone());
            out.entry(id).or_default();
        } else if !line.starts_with([' ', '}']) {
            current = None;
        }
        let Some(id) = &current else { continue };
        let vars = out.entry(id.clone()).or_default();
        let mut rest = line;
        while let Some(i) = rest.find('$') {
            rest = &rest[i + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            vars.insert(name);
        }
    }
    out
}

/// Every file of a set parses and has exactly the English messages, each with the English
/// variables, and formats to words (no id in its place).
fn check_set(name: &str, files: [(&'static str, &str); 5], at_least: usize) {
    let english = messages(files[0].1);
    assert!(
        english.len() >= at_least,
        "{name}: {} messages",
        english.len()
    );
    for (lang, text) in files {
        let m = Messages::new(lang, text).unwrap_or_else(|e| panic!("{name} {lang}: {e:?}"));
        assert_eq!(m.lang(), lang);
        let theirs = messages(text);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        let extra: Vec<_> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name} {lang}: missing {missing:?}, not in English {extra:?}"
        );
        for (id, vars) in &english {
            assert_eq!(
                &theirs[id], vars,
                "{name} {lang}: {id} uses other variables than English"
            );
        }
        let bundle = super::bundle(lang, text).expect("parses");
        for (id, vars) in &english {
            let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), 2u32.into())).collect();
            let mut fluent = FluentArgs::new();
            for (k, v) in &args {
                if let Arg::Count(n) = v {
                    fluent.set(*k, FluentValue::from(*n));
                }
            }
            let pattern = bundle
                .get_message(id)
                .and_then(|m| m.value())
                .unwrap_or_else(|| panic!("{name} {lang}: {id} has no value"));
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
            assert!(
                errors.is_empty() && !text.trim().is_empty(),
                "{name} {lang}: {id} formats to {text:?} ({errors:?})"
            );
        }
    }
}

#[test]
fn every_language_file_parses_and_has_exactly_the_english_messages_and_variables() {
    check_set("widget", FILES, 150);
    for (c, at_least) in [(&DASHBOARD, 150), (&SERVICE, 80), (&WORKBENCH, 90)] {
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        let files = [0, 1, 2, 3, 4].map(|i| (LANGUAGES[i], c.files[i]));
        check_set(c.name, files, at_least);
    }
}

#[test]
fn a_catalogue_speaks_the_negotiated_language_over_its_english() {
    assert_eq!(
        accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
        ["fr-CH", "fr", "en", "de"]
    );
    assert_eq!(accept_language("de;q=0.5, ja"), ["ja", "de"]);
    assert_eq!(accept_language("sv;q=0, ;q=x, "), Vec::<&str>::new());
    assert_eq!(SERVICE.negotiate(accept_language("sv, de-AT")).lang(), "de");
    assert_eq!(SERVICE.negotiate(accept_language("")).lang(), "en");
    assert_eq!(SERVICE.messages("pt").lang(), "en");
}

#[test]
fn plural_forms_follow_each_language() {
    let en = Messages::english();
    let de = Messages::new("de", include_str!("de.ftl")).expect("de");
    let ja = Messages::new("ja", include_str!("ja.ftl")).expect("ja");
    assert_eq!(
        en.with("sync-sending", &[("count", 1usize.into())]),
        "Sending 1 record…"
    );
    assert_eq!(
        en.with("sync-sending", &[("count", 3usize.into())]),
        "Sending 3 records…"
    );
    assert_eq!(
        de.with("sync-sending", &[("count", 1usize.into())]),
        "1 Eintrag wird gesendet …"
    );
    assert_eq!(
        de.with("sync-sending", &[("count", 3usize.into())]),
        "3 Einträge werden gesendet …"
    );
    assert_eq!(
        ja.with("sync-sending", &[("count", 1usize.into())]),
        "1 件の記録を送信しています…"
    );
    assert_eq!(
        en.with("due-overdue", &[("days", 1u32.into())])
            .split('.')
            .next(),
        Some("This was due yesterday")
    );
    assert!(en
        .with("due-overdue", &[("days", 4u32.into())])
        .starts_with("This was due 4 days ago."));
}

#[test]
fn a_message_missing_in_a_language_falls_back_to_english_and_a_broken_file_is_refused() {
    let partial = Messages::new("de", "continue = Weiter\n").expect("parses");
    assert_eq!(partial.get("continue"), "Weiter");
    assert_eq!(partial.get("cancel"), "Cancel");
    assert_eq!(partial.get("no-such-message"), "no-such-message");
    let broken = Messages::new("de", "continue = { $\n");
    assert!(broken.is_err());
    // Values are placed as given: no isolation marks around names.
    assert_eq!(
        Messages::english().with("greeting", &[("name", "Ana".into())]),
        "Ana, here is your plan"
    );
}

#[test]
fn the_language_follows_the_documented_order_with_the_program_last() {
    // The host's option first, then LTI, cmi5, the browser; region ignored.
    assert_eq!(negotiate(["de-CH", "fr", "en-US"], "en"), "de");
    assert_eq!(negotiate(["sv", "ja-JP"], "en"), "ja");
    // Nothing shipped among them: the program's language when shipped, else English.
    assert_eq!(negotiate(["sv", "fi"], "es"), "es");
    assert_eq!(negotiate(["sv"], "pt-BR"), "en");
    // Junk is skipped, not a reason to fail.
    assert_eq!(negotiate(["", "not a tag!", "fr-CA"], "en"), "fr");
    assert_eq!(negotiate([], ""), "en");
    // Dates follow the learner's region within the chosen language.
    assert_eq!(region(["fr-CA", "en-GB", "en-US"], "en"), "en-GB");
    assert_eq!(region(["sv"], "de"), "de");
    assert_eq!(region(["ja_JP"], "ja"), "ja-JP");
}

#[test]
fn every_refusal_of_the_plan_is_worded_in_every_language() {
    use crate::plan::PlanError as E;
    let all = [
        E::UnknownRole("x".into()),
        E::RoleLocked,
        E::NoRole,
        E::NoCommitments,
        E::TooManyCommitments,
        E::BehaviourNotForRole("b".into()),
        E::Empty("what you will do"),
        E::Empty("when or where you will do it"),
        E::Empty("your reflection"),
        E::TooLong("what you will do", 500),
        E::TooLong("when or where you will do it", 500),
        E::TooLong("your reflection", 4000),
        E::NotDue(2),
        E::MissingRating("b".into()),
        E::BadRating("b".into()),
        E::BadSnooze,
        E::MissingBaseline("b".into()),
        E::NotCommitted,
        E::CadenceOff("moving reflections"),
        E::CadenceOff("choosing a weekday"),
        E::CadenceOff("pausing"),
        E::MoveTooFar(3),
        E::CannotMove(2),
        E::MovePastNeighbour,
        E::MoveIntoPast,
        E::WeekdayNotOffered("Monday".into()),
        E::BadPause,
        E::PauseTooLong(30),
        E::NotPaused,
    ];
    assert_eq!(
        E::Empty("what you will do").to_string(),
        "Please fill in what you will do."
    );
    assert_eq!(
        E::MoveTooFar(3).to_string(),
        "A reflection can move at most 3 days from its planned day."
    );
    let mut ids = BTreeSet::new();
    for e in &all {
        let w = e.words();
        assert!(ids.insert(w.id), "{} worded twice", w.id);
        for (lang, text) in FILES {
            let m = Messages::new(lang, text).expect("parses");
            let said = m.say(e);
            assert!(said != w.id && !said.contains("{"), "{lang}: {said}");
            if lang != "en" {
                assert_ne!(said, english().say(e), "{lang} says {} in English", w.id);
            }
        }
    }
}

/// The message ids a source file names (`"word-word"` literals with one of `prefixes`).
fn ids_named<'a>(source: &'a str, prefixes: &[&str]) -> BTreeSet<&'a str> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && prefixes.iter().any(|p| s.starts_with(&format!("{p}-")))
        })
        .collect()
}

#[test]
fn every_message_the_code_names_is_in_the_english_file() {
    let widget = messages(ENGLISH);
    let shell = [
        include_str!("../shell/outbox.rs"),
        include_str!("../shell/session.rs"),
        include_str!("../shell/storage.rs"),
        include_str!("../shell/sync.rs"),
        include_str!("../shell/teams.rs"),
        include_str!("../shell/download.rs"),
        include_str!("../shell/program.rs"),
        include_str!("../shell/checker.rs"),
        include_str!("../shell/connect.rs"),
    ];
    let named: BTreeSet<&str> = shell
        .iter()
        .flat_map(|s| ids_named(s, &["problem"]))
        .collect();
    assert!(named.len() > 30, "{named:?}");
    for id in named {
        assert!(
            widget.contains_key(id),
            "the shell names {id}, en.ftl lacks it"
        );
    }
    let dashboard = messages(DASHBOARD.files[0]);
    let prefixes = [
        "dash",
        "funnel",
        "stage",
        "roles",
        "coverage",
        "terms",
        "reinforcement",
        "adoption",
        "baseline",
        "seen",
        "teams",
        "success",
        "learners",
        "lrs",
        "progress",
    ];
    let mut named = ids_named(include_str!("../ui/dashboard.rs"), &prefixes);
    named.extend(ids_named(include_str!("../admin.rs"), &prefixes));
    named.extend(ids_named(include_str!("../launch/admin.rs"), &prefixes));
    // Panel ids, not messages.
    named.remove("success-cases");
    assert!(named.len() > 120, "{}", named.len());
    for id in &named {
        assert!(
            dashboard.contains_key(*id),
            "the dashboard names {id}, its en.ftl lacks it"
        );
    }
    // And every message of the dashboard's file is used.
    let unused: Vec<_> = dashboard
        .keys()
        .filter(|k| !named.contains(k.as_str()))
        .collect();
    assert!(unused.is_empty(), "unused dashboard messages: {unused:?}");
}

#[test]
fn every_service_message_is_named_by_the_service_and_exists() {
    let service = messages(SERVICE.files[0]);
    let sources = [
        include_str!("../../service/src/http.rs"),
        include_str!("../../service/src/server.rs"),
        include_str!("../../service/src/nudges/mail.rs"),
        include_str!("../../service/src/nudges/chat.rs"),
        include_str!("../../service/src/nudges/routes.rs"),
        include_str!("../../service/src/lti/mod.rs"),
        include_str!("../../service/src/lti/deep_link.rs"),
    ];
    let prefixes = [
        "bad",
        "nudge",
        "unsubscribe",
        "unsubscribed",
        "link",
        "try",
        "launch",
        "picker",
        "status",
        "dashboard",
    ];
    let mut named: BTreeSet<&str> = sources
        .iter()
        .flat_map(|s| ids_named(s, &prefixes))
        .collect();
    // The one id of a single word.
    if sources.iter().any(|s| s.contains("\"unsubscribed\"")) {
        named.insert("unsubscribed");
    }
    for id in &named {
        assert!(
            service.contains_key(*id),
            "the service names {id}, its en.ftl lacks it"
        );
    }
    let unused: Vec<_> = service
        .keys()
        .filter(|k| !named.contains(k.as_str()))
        .collect();
    assert!(unused.is_empty(), "unused service messages: {unused:?}");
}

#[test]
fn every_workbench_message_the_page_names_exists() {
    let workbench = messages(WORKBENCH.files[0]);
    let page = include_str!("../../service/src/workbench/page.html");
    let script = include_str!("../../service/src/workbench/page.js");
    // The script words through `say('id'…)` and, before the checker loads, `WORDS['id']`.
    let mut named: BTreeSet<&str> = ["say('", "WORDS['"]
        .iter()
        .flat_map(|open| script.split(open).skip(1))
        .filter_map(|s| s.split('\'').next())
        .filter(|id| !id.contains('$'))
        .collect();
    named.extend(
        page.split("{{t:")
            .skip(1)
            .filter_map(|s| s.split("}}").next()),
    );
    assert!(named.len() > 50, "{}", named.len());
    for id in &named {
        assert!(
            workbench.contains_key(*id),
            "the workbench names {id}, its en.ftl lacks it"
        );
    }
    // The form's sections and fields are named from the editor's spec.
    let form = crate::program::edit::form(include_str!("../../service/programs/coaching.toml"))
        .expect("a form");
    for s in &form.sections {
        let id = format!("section-{}", s.id.replace('.', "-"));
        assert!(workbench.contains_key(&id), "{id}");
        for item in &s.items {
            for f in &item.fields {
                assert!(
                    workbench.contains_key(&format!("field-{}", f.key)),
                    "field-{}",
                    f.key
                );
            }
        }
    }
}
