use super::*;

pub(crate) const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.toml");
pub(crate) const COACHING: &str = include_str!("../../service/programs/coaching.toml");

/// The shipped coaching program, checked.
pub(crate) fn coaching() -> Program {
    parse(COACHING, Format::Toml).expect("the shipped program is valid")
}

fn errors(text: &str) -> Vec<Diagnostic> {
    parse(text, Format::detect(None, text))
        .expect_err("expected errors")
        .0
}

fn has(errs: &[Diagnostic], path: &str, needle: &str) -> bool {
    errs.iter()
        .any(|d| d.path == path && d.message.contains(needle))
}

#[test]
fn minimal_program_parses() {
    let p = parse(MINIMAL, Format::Toml).expect("valid");
    assert_eq!(p.roles.len(), 2);
    assert_eq!(
        p.schedule.iter().map(|s| s.day).collect::<Vec<_>>(),
        [2, 7, 21, 45]
    );
    assert_eq!(
        p.adoption,
        AdoptionRule {
            at_least: 3,
            consecutive: 2
        }
    );
    assert_eq!(p.locale, "en-GB");
    assert_eq!(
        p.schedule[1].prompt_for("leader"),
        "How did your team respond to your feedback?"
    );
    assert_eq!(
        p.schedule[1].prompt_for("member"),
        "What is getting easier?"
    );
    assert_eq!(
        p.role_for_lms("instructor").map(|r| r.id.as_str()),
        Some("leader")
    );
}

#[test]
fn shipped_coaching_program_is_valid() {
    let p = parse(COACHING, Format::Toml).unwrap_or_else(|e| panic!("coaching.toml invalid:\n{e}"));
    assert_eq!(p.roles.len(), 3);
    for role in &p.roles {
        assert!(
            !role.commitments.is_empty(),
            "role {} has suggestions",
            role.id
        );
    }
}

#[test]
fn json_and_toml_give_the_same_program() {
    let p = parse(MINIMAL, Format::Toml).expect("valid");
    let json = serde_json::to_string(&serde_json::json!({
        "id": p.id, "title": p.title, "locale": p.locale,
        "self_check": {"question": p.self_check.question, "scale": p.self_check.scale},
        "adoption": {"at_least": "Often", "consecutive": 2},
        "glossary": p.glossary.iter().map(|g| serde_json::json!({"term": g.term, "definition": g.definition, "aliases": g.aliases})).collect::<Vec<_>>(),
        "roles": p.roles.iter().map(|r| serde_json::json!({"id": r.id, "label": r.label, "description": r.description, "lms_roles": r.lms_roles,
            "commitments": r.commitments.iter().map(|c| serde_json::json!({"behaviour": c.behaviour, "text": c.text})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "behaviours": p.behaviours.iter().map(|b| serde_json::json!({"id": b.id, "title": b.title, "description": b.description, "roles": b.roles, "terms": b.terms})).collect::<Vec<_>>(),
        "schedule": p.schedule.iter().map(|s| serde_json::json!({"day": s.day, "title": s.title, "prompt": s.prompt, "self_check": s.self_check, "role_prompts": s.role_prompts})).collect::<Vec<_>>(),
    }))
    .expect("json");
    assert_eq!(Format::detect(Some("x.json"), &json), Format::Json);
    assert_eq!(parse(&json, Format::Json).expect("valid json"), p);
}

#[test]
fn broken_reference_names_path_line_and_column() {
    let text = MINIMAL.replace(
        "behaviour = \"ask-feedback\"",
        "behaviour = \"ask-fedback\"",
    );
    let errs = errors(&text);
    let d = errs
        .iter()
        .find(|d| d.path == "roles[1].commitments[0].behaviour")
        .expect("reported");
    assert!(
        d.message.contains("did you mean `ask-feedback`"),
        "{}",
        d.message
    );
    let line = text
        .lines()
        .position(|l| l.contains("ask-fedback"))
        .expect("line")
        + 1;
    assert_eq!((d.line, d.column), (line, 13));
}

#[test]
fn every_error_is_reported_at_once() {
    let text = MINIMAL
        .replace("title = \"Feedback basics\"", "titel = \"Feedback basics\"")
        .replace("day = 21", "day = 5")
        .replace("at_least = \"Often\"", "at_least = \"Offen\"")
        .replace("roles = [\"member\"]", "roles = [\"membr\"]");
    let errs = errors(&text);
    assert!(has(&errs, "titel", "did you mean `title`"), "{errs:#?}");
    assert!(has(&errs, "title", "missing"));
    assert!(has(&errs, "schedule[2].day", "must increase"));
    assert!(has(&errs, "adoption.at_least", "did you mean `Often`"));
    assert!(has(
        &errs,
        "behaviours[1].roles[0]",
        "did you mean `member`"
    ));
    // Sorted top to bottom.
    assert!(errs
        .windows(2)
        .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)));
}

#[test]
fn role_without_commitments_and_wrong_role_behaviour() {
    let text = MINIMAL.replace(
        "[[roles.commitments]]\nbehaviour = \"ask-feedback\"\ntext = \"I will ask for feedback after each customer visit.\"\n",
        "",
    );
    assert!(has(
        &errors(&text),
        "roles[1].commitments",
        "no suggested commitments"
    ));
    let text = MINIMAL.replace(
        "behaviour = \"ask-feedback\"",
        "behaviour = \"give-feedback\"",
    );
    assert!(has(
        &errors(&text),
        "roles[1].commitments[0].behaviour",
        "not developed in role `member`"
    ));
}

#[test]
fn value_checks() {
    let text = MINIMAL.replace("https://example.org/programs/feedback", "programs/feedback");
    assert!(has(&errors(&text), "id", "absolute IRI"));
    let text = MINIMAL.replace("locale = \"en-GB\"", "locale = \"English\"");
    assert!(has(&errors(&text), "locale", "language tag"));
    let text = MINIMAL.replace("id = \"leader\"", "id = \"Team Leader\"");
    assert!(has(&errors(&text), "roles[0].id", "not a valid id"));
    let text = MINIMAL.replace("terms = [\"Feedback\"]", "terms = [\"Feedbak\"]");
    assert!(has(
        &errors(&text),
        "behaviours[0].terms[0]",
        "did you mean `Feedback`"
    ));
    let text = MINIMAL.replace("consecutive = 2", "consecutive = 5");
    assert!(has(&errors(&text), "adoption.consecutive", "asks only 3"));
    let text = MINIMAL.replace("consecutive = 2", "consecutive = \"two\"");
    assert!(has(
        &errors(&text),
        "adoption.consecutive",
        "expected a whole number"
    ));
    let text = MINIMAL.replace("leader = \"How did", "lead = \"How did");
    assert!(has(
        &errors(&text),
        "schedule[1].role_prompts.lead",
        "did you mean `leader`"
    ));
    let text = MINIMAL.replace(
        "self_check = true\n[schedule",
        "self_check = \"yes\"\n[schedule",
    );
    assert!(has(
        &errors(&text),
        "schedule[1].self_check",
        "true or false"
    ));
}

#[test]
fn syntax_errors_are_located() {
    let errs = errors("id = \"x\"\ntitle = \n");
    assert!(errs[0].message.starts_with("syntax error"));
    assert_eq!(errs[0].line, 2);
    let errs = errors("{\n  \"id\": \"https://x.org/p\",\n  \"title\": }\n");
    assert_eq!(errs[0].line, 3);
}

#[test]
fn wrong_shapes_do_not_panic() {
    for text in [
        "",
        "[]",
        "{}",
        "roles = 3",
        "[[roles]]\nid = 1",
        "{\"roles\": [1, \"x\", null]}",
        "glossary = [[]]",
        "\u{0}\u{ffff}",
    ] {
        let _ = parse(text, Format::detect(None, text));
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s, Format::Toml);
            let _ = parse(&s, Format::Json);
        }

        #[test]
        fn truncated_program_never_panics(cut in 0usize..2000) {
            let end = MINIMAL.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
            let _ = parse(&MINIMAL[..end], Format::Toml);
        }
    }
}

#[test]
fn cadence_defaults_and_bounds() {
    let p = parse(MINIMAL, Format::Toml).expect("valid");
    assert_eq!(p.cadence, Cadence::default());
    assert_eq!(p.cadence.max_shift_days, 3);
    assert_eq!(p.cadence.weekdays.len(), 7);
    assert_eq!(p.cadence.max_pause_days, 60);
    let text = format!(
        "{MINIMAL}\n[cadence]\nmax_shift_days = 2\nweekdays = [\"Fri\", \"monday\"]\nmax_pause_days = 0\n"
    );
    let p = parse(&text, Format::Toml).expect("valid cadence");
    assert_eq!(p.cadence.max_shift_days, 2);
    assert_eq!(p.cadence.weekdays, [Weekday::Monday, Weekday::Friday]);
    assert_eq!(p.cadence.max_pause_days, 0, "0 turns pausing off");
    let off = format!("{MINIMAL}\n[cadence]\nweekdays = []\n");
    assert!(parse(&off, Format::Toml)
        .expect("valid")
        .cadence
        .weekdays
        .is_empty());
}

#[test]
fn cadence_mistakes_are_located() {
    let text = format!(
        "{MINIMAL}\n[cadence]\nmax_shift_days = 30\nweekdays = [\"Fridy\", \"monday\", \"monday\", 3]\nmax_pause_day = 10\n"
    );
    let errs = errors(&text);
    assert!(
        has(
            &errs,
            "cadence.max_shift_days",
            "30 is out of range (0 to 14)"
        ),
        "{errs:?}"
    );
    assert!(
        has(&errs, "cadence.weekdays[0]", "did you mean `friday`?"),
        "{errs:?}"
    );
    assert!(
        has(&errs, "cadence.weekdays[2]", "more than once"),
        "{errs:?}"
    );
    assert!(
        has(&errs, "cadence.weekdays[3]", "expected text"),
        "{errs:?}"
    );
    assert!(
        has(
            &errs,
            "cadence.max_pause_day",
            "did you mean `max_pause_days`?"
        ),
        "{errs:?}"
    );
    let bad = errs
        .iter()
        .find(|d| d.path == "cadence.max_shift_days")
        .expect("located");
    let line = text
        .lines()
        .position(|l| l.starts_with("max_shift_days"))
        .expect("line")
        + 1;
    assert_eq!((bad.line, bad.column), (line, 18));
    let json = r#"{"cadence": {"max_pause_days": -1}}"#;
    assert!(has(&errors(json), "cadence.max_pause_days", "out of range"));
    assert!(has(
        &errors(&format!("cadence = 3\n{MINIMAL}")),
        "cadence",
        "expected a table"
    ));
}

#[test]
fn pairs_and_observations_are_read_with_defaults() {
    let p = coaching();
    assert_eq!(p.pairs.len(), 3);
    assert_eq!(
        p.pairs_of("receive-feedback")
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        ["feedback"]
    );
    let asked: Vec<&str> = p
        .observations_at(45, "team-member")
        .map(|o| o.behaviour.as_str())
        .collect();
    assert_eq!(asked, ["give-specific-feedback", "receive-feedback"]);
    assert_eq!(p.observations_at(7, "team-member").count(), 0);
    assert_eq!(p.observations_at(21, "leader").count(), 0);
    let member = &p.observations[1];
    assert_eq!(member.min_raters, Observation::DEFAULT_MIN_RATERS);
    assert!(member
        .question_about("Ben")
        .contains("how often did Ben take feedback"));
    // Programs written before pairs existed have none.
    assert!(parse(MINIMAL, Format::Toml)
        .expect("valid")
        .pairs
        .is_empty());
}

#[test]
fn pair_and_observation_mistakes_are_located() {
    let base = COACHING.split("# --- Pairs").next().expect("head");
    let schedule = COACHING.split("# --- Schedule").nth(1).expect("schedule");
    let with = |extra: &str| format!("{base}{extra}\n# --- Schedule{schedule}");
    let errs = errors(&with(
        r#"
[[pairs]]
id = "same-role"
title = "Two leader behaviours"
behaviours = ["set-expectations", "give-specific-feedback"]

[[pairs]]
id = "typo"
title = "A typo"
behaviours = ["give-specific-feedbak", "receive-feedback"]

[[pairs]]
id = "lonely"
title = "One side"
behaviours = ["receive-feedback"]

[[observations]]
behaviour = "give-specific-feedback"
about = "team-member"
by = ["team-member"]
days = [21]

[[observations]]
behaviour = "receive-feedback"
about = "team-member"
by = ["leaders"]
days = [22, 45]
min_raters = 2

[[observations]]
behaviour = "set-expectations"
about = "leader"
by = ["team-member"]
days = []
"#,
    ));
    assert!(
        has(
            &errs,
            "pairs[0].behaviours",
            "developed only in role `leader`"
        ),
        "{errs:#?}"
    );
    assert!(
        has(
            &errs,
            "pairs[1].behaviours[0]",
            "did you mean `give-specific-feedback`?"
        ),
        "{errs:#?}"
    );
    assert!(
        has(&errs, "pairs[2].behaviours", "at least two behaviours"),
        "{errs:#?}"
    );
    assert!(
        has(
            &errs,
            "observations[0].about",
            "nobody in it can be observed"
        ),
        "{errs:#?}"
    );
    assert!(
        has(&errs, "observations[1].by[0]", "did you mean `leader`?"),
        "{errs:#?}"
    );
    assert!(
        has(
            &errs,
            "observations[1].days[0]",
            "no schedule step is on day 22"
        ),
        "{errs:#?}"
    );
    assert!(
        has(
            &errs,
            "observations[1].min_raters",
            "out of range (3 to 100)"
        ),
        "{errs:#?}"
    );
    assert!(
        has(&errs, "observations[2].days", "nobody is ever asked"),
        "{errs:#?}"
    );
    // Every problem has a line: the designer can find it.
    assert!(errs.iter().all(|d| d.line > 0), "{errs:#?}");
}

#[test]
fn one_behaviour_of_one_role_is_observed_once() {
    let extra = r#"
[[observations]]
behaviour = "receive-feedback"
about = "team-member"
by = ["leader"]
days = [45]
"#;
    let text = COACHING.replace("# --- Schedule", &format!("{extra}\n# --- Schedule"));
    let errs = errors(&text);
    assert!(
        has(&errs, "observations[2]", "already observed above"),
        "{errs:#?}"
    );
}

#[test]
fn translations_replace_texts_for_their_language_and_keep_ids() {
    let p = coaching();
    assert!(
        p.missing_translations().is_empty(),
        "{:?}",
        p.missing_translations()
    );
    let de = p.in_language("de-AT");
    assert_eq!(de.title, "Coaching für Leistung");
    assert_eq!(
        de.role("leader").map(|r| r.label.as_str()),
        Some("Führungskraft")
    );
    assert_eq!(de.self_check.scale[3], "Oft");
    assert!(de.schedule[0]
        .prompt_for("leader")
        .starts_with("Wo haben Sie seit der Schulung"));
    assert_eq!(de.observations[0].question_about("Ana"), "Wie oft hat Ana Ihnen in den letzten zwei Wochen konkretes Feedback zu einem echten Moment in Ihrer Arbeit gegeben?");
    // Ids, days and rules are the program's own; glossary references follow the renamed terms.
    assert_eq!(
        de.roles.iter().map(|r| &r.id).collect::<Vec<_>>(),
        p.roles.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    assert_eq!(de.adoption, p.adoption);
    let terms = &de.behaviour("set-expectations").expect("behaviour").terms;
    assert_eq!(terms, &["Erwartung".to_string()]);
    assert!(de
        .glossary
        .iter()
        .any(|g| g.term == "Erwartung" && g.aliases == ["Erwartungen"]));
    // A language the program has no translation for reads the program as written.
    assert_eq!(p.in_language("ja"), p);
    // Statements name every language a text has.
    assert_eq!(
        p.translations_of("Set clear expectations"),
        vec![("de".to_string(), "Klare Erwartungen setzen".to_string())]
    );
    assert!(p.translations_of("not a program text").is_empty());
    // The dashboard counts a term in any language for its entry.
    let all = p.glossary_in_all_languages();
    assert_eq!(all.len(), p.glossary.len());
    assert!(
        all[0].aliases.contains(&"Erwartung".to_string())
            && all[0].aliases.contains(&"Erwartungen".to_string())
    );
    // The compiled form carries them.
    let compiled = compiled::compile(&p);
    assert_eq!(
        compiled::load(&compiled).expect("loads").expect("compiled"),
        p
    );
}

#[test]
fn translations_name_only_what_the_program_has_and_say_what_is_missing() {
    let base = MINIMAL.to_string();
    let p = parse(&base, Format::Toml).expect("valid");
    let role = &p.roles[0].id;
    let text = format!(
        "{base}\n[translations.fr]\ntitle = \"Titre\"\n[translations.fr.roles.{role}]\nlabel = \"Rôle\"\n"
    );
    let fr = parse(&text, Format::Toml).expect("valid with a partial translation");
    let missing = fr.missing_translations();
    assert!(missing.iter().all(|(l, _)| l == "fr"));
    assert!(missing
        .iter()
        .any(|(_, path)| path == &format!("roles.{role}.description")));
    assert!(!missing
        .iter()
        .any(|(_, path)| path == "title" || path == &format!("roles.{role}.label")));
    // Unknown ids, a wrong-length scale, a non-tag and the program's own language are errors, located.
    let bad = format!(
        "{base}\n[translations.fr.roles.nobody]\nlabel = \"x\"\n[translations.fr.self_check]\nscale = [\"a\"]\n[translations.fr.schedule.3]\ntitle = \"x\"\n[translations.\"not a tag\"]\ntitle = \"x\"\n[translations.{}]\ntitle = \"x\"\n",
        p.locale
    );
    let errs = errors(&bad);
    assert!(
        has(&errs, "translations.fr.roles.nobody", "no role"),
        "{errs:?}"
    );
    assert!(
        has(&errs, "translations.fr.self_check.scale", "entries"),
        "{errs:?}"
    );
    assert!(
        has(&errs, "translations.fr.schedule.3", "no step on day"),
        "{errs:?}"
    );
    assert!(
        has(&errs, "translations.not a tag", "language tag"),
        "{errs:?}"
    );
    assert!(
        has(&errs, &format!("translations.{}", p.locale), "own language"),
        "{errs:?}"
    );
    assert!(errs.iter().all(|d| d.line > 0));
    let typo = format!("{base}\n[translations.fr]\ntitel = \"x\"\n");
    assert!(has(
        &errors(&typo),
        "translations.fr.titel",
        "did you mean `title`"
    ));
}
