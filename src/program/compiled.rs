//! The compiled form of a program: the designer's tools check the source file
//! once (`throughline compile`, `throughline package`, the demo server) and
//! write the checked [`Program`] as JSON. Learners' browsers load this form,
//! so the learner bundle carries no TOML parser and no checker: that is most
//! of what keeps it small.
//!
//! A compiled file is still input from the network, so [`load`] re-checks the
//! invariants every consumer relies on (see [`verify`]) before handing it out.

use std::collections::HashSet;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::Program;
use crate::ident::{is_absolute_iri, is_language_tag};

/// Marks a compiled program and its layout; bumped when [`Program`]'s serialised shape changes.
pub const FORMAT: &str = "throughline-program/1";

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    program: &'a Program,
}

#[derive(Deserialize)]
struct In {
    program: Program,
}

/// Just enough of a JSON document to tell a compiled program from a source file.
#[derive(Deserialize)]
struct Probe {
    format: Option<String>,
    #[serde(default)]
    program: Option<IgnoredAny>,
}

/// Writes a checked program in the compiled form.
pub fn compile(program: &Program) -> String {
    // Serialising plain structs of strings and numbers to a String cannot fail.
    serde_json::to_string(&Out {
        format: FORMAT,
        program,
    })
    .unwrap_or_default()
}

/// Reads a compiled program. `Ok(None)` means the text is not a compiled
/// program at all (a TOML or JSON source file: check it with the full
/// checker); an error lists what is wrong, one plain line each.
pub fn load(text: &str) -> Result<Option<Program>, Vec<String>> {
    let Ok(probe) = serde_json::from_str::<Probe>(text) else {
        return Ok(None);
    };
    match probe.format.as_deref() {
        None if probe.program.is_none() => return Ok(None),
        Some(FORMAT) => {}
        Some(other) if other.starts_with("throughline-program/") => {
            return Err(vec![format!(
                "this compiled program has format `{other}`, which this widget does not read; compile the program again with this version's `throughline compile`"
            )])
        }
        _ => {
            return Err(vec![format!(
                "this is not a compiled Throughline program: `format` must be `{FORMAT}`"
            )])
        }
    }
    let program = serde_json::from_str::<In>(text)
        .map_err(|e| vec![format!("the compiled program is damaged: {e}")])?
        .program;
    verify(&program)?;
    Ok(Some(program))
}

/// Checks the invariants code relies on when it looks ids up in a [`Program`]:
/// unique ids, every reference resolved, a usable schedule, scale and rule.
/// The source checker (`program::parse`) enforces all of these and more, with
/// positions; this guards the compiled form against hand edits and damage.
pub fn verify(p: &Program) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let mut fail = |path: String, message: &str| errors.push(format!("{path}: {message}"));
    if !is_absolute_iri(&p.id) {
        fail("id".into(), "must be an absolute IRI");
    }
    if !is_language_tag(&p.locale) {
        fail(
            "locale".into(),
            "must be a language tag such as en or en-GB",
        );
    }
    let role_ids = ids(p.roles.iter().map(|r| r.id.as_str()), "roles", &mut fail);
    ids(
        p.behaviours.iter().map(|b| b.id.as_str()),
        "behaviours",
        &mut fail,
    );
    // Behaviours name terms ignoring ASCII case, as the checker allows.
    let terms: HashSet<String> = p
        .glossary
        .iter()
        .map(|t| t.term.to_ascii_lowercase())
        .collect();
    for (i, b) in p.behaviours.iter().enumerate() {
        for (j, r) in b.roles.iter().enumerate() {
            if !role_ids.contains(r.as_str()) {
                fail(
                    format!("behaviours[{i}].roles[{j}]"),
                    "names a role that does not exist",
                );
            }
        }
        for (j, t) in b.terms.iter().enumerate() {
            if !terms.contains(&t.to_ascii_lowercase()) {
                fail(
                    format!("behaviours[{i}].terms[{j}]"),
                    "names a term that is not in the glossary",
                );
            }
        }
    }
    for (i, r) in p.roles.iter().enumerate() {
        if r.commitments.is_empty() {
            fail(
                format!("roles[{i}].commitments"),
                "must have at least one entry",
            );
        }
        for (j, c) in r.commitments.iter().enumerate() {
            let fits = p
                .behaviour(&c.behaviour)
                .is_some_and(|b| b.roles.contains(&r.id));
            if !fits {
                fail(
                    format!("roles[{i}].commitments[{j}].behaviour"),
                    "names a behaviour that does not exist or is not developed in this role",
                );
            }
        }
    }
    if p.schedule.is_empty() {
        fail("schedule".into(), "must have at least one entry");
    }
    for (i, pair) in p.schedule.windows(2).enumerate() {
        if pair[1].day <= pair[0].day {
            fail(
                format!("schedule[{}].day", i + 1),
                "must come after the previous step's day",
            );
        }
    }
    for (i, s) in p.schedule.iter().enumerate() {
        if s.role_prompts
            .keys()
            .any(|r| !role_ids.contains(r.as_str()))
        {
            fail(
                format!("schedule[{i}].role_prompts"),
                "names a role that does not exist",
            );
        }
    }
    let levels = p.self_check.scale.len();
    if levels < 2 {
        fail("self_check.scale".into(), "must have at least two levels");
    }
    if usize::from(p.adoption.at_least) >= levels {
        fail("adoption.at_least".into(), "must be a level of the scale");
    }
    let checks = p.schedule.iter().filter(|s| s.self_check).count();
    if p.adoption.consecutive == 0 || usize::from(p.adoption.consecutive) > checks {
        fail(
            "adoption.consecutive".into(),
            "must be at least 1 and no more than the steps that ask the self-check",
        );
    }
    let c = &p.cadence;
    if c.max_shift_days > super::Cadence::MAX_SHIFT {
        fail("cadence.max_shift_days".into(), "is more than 14 days");
    }
    if c.max_pause_days > super::Cadence::MAX_PAUSE {
        fail("cadence.max_pause_days".into(), "is more than 365 days");
    }
    if c.weekdays.iter().collect::<HashSet<_>>().len() != c.weekdays.len() {
        fail("cadence.weekdays".into(), "lists a day more than once");
    }
    let mut pair_ids = HashSet::new();
    for (i, pair) in p.pairs.iter().enumerate() {
        if pair.id.is_empty() || !pair_ids.insert(pair.id.as_str()) {
            fail(format!("pairs[{i}].id"), "must be present and unique");
        }
        let found: Vec<_> = pair
            .behaviours
            .iter()
            .filter_map(|b| p.behaviour(b))
            .collect();
        let distinct: HashSet<&str> = pair.behaviours.iter().map(String::as_str).collect();
        let two_roles = found.iter().enumerate().any(|(j, a)| {
            found[j + 1..]
                .iter()
                .any(|b| a.roles.iter().any(|ra| b.roles.iter().any(|rb| ra != rb)))
        });
        if found.len() != pair.behaviours.len() || distinct.len() < 2 || !two_roles {
            fail(
                format!("pairs[{i}].behaviours"),
                "must name two or more distinct behaviours of different roles",
            );
        }
    }
    for (i, o) in p.observations.iter().enumerate() {
        if !p
            .behaviour(&o.behaviour)
            .is_some_and(|b| b.roles.contains(&o.about))
        {
            fail(
                format!("observations[{i}]"),
                "must observe a behaviour developed in the role observed",
            );
        }
        if o.by.is_empty() || o.by.iter().any(|r| !role_ids.contains(r.as_str())) {
            fail(format!("observations[{i}].by"), "must name existing roles");
        }
        if o.days.is_empty()
            || o.days
                .iter()
                .any(|d| !p.schedule.iter().any(|s| s.day == *d))
        {
            fail(format!("observations[{i}].days"), "must be schedule days");
        }
        if o.min_raters < super::Observation::LEAST_MIN_RATERS {
            fail(
                format!("observations[{i}].min_raters"),
                "must be at least 3",
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The set of ids, reporting a missing list, empty ids and repeats.
fn ids<'p>(
    all: impl Iterator<Item = &'p str>,
    what: &str,
    fail: &mut impl FnMut(String, &str),
) -> HashSet<&'p str> {
    let mut seen = HashSet::new();
    for (i, id) in all.enumerate() {
        if id.is_empty() || !seen.insert(id) {
            fail(format!("{what}[{i}].id"), "must be present and unique");
        }
    }
    if seen.is_empty() {
        fail(what.to_string(), "must have at least one entry");
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::tests::{coaching, MINIMAL};
    use crate::program::{parse, Format};

    fn minimal() -> Program {
        parse(MINIMAL, Format::Toml).expect("valid fixture")
    }

    #[test]
    fn compiled_programs_load_back_equal() {
        for program in [minimal(), coaching()] {
            let text = compile(&program);
            assert!(text.starts_with(r#"{"format":"throughline-program/1","program":{"#));
            assert_eq!(load(&text), Ok(Some(program)));
        }
    }

    #[test]
    fn programs_compiled_before_cadence_existed_still_load_with_its_defaults() {
        let mut p = minimal();
        p.cadence.max_shift_days = 2;
        let text = compile(&p);
        assert!(text.contains(r#""cadence":{"max_shift_days":2,"#));
        let old = text.replace(
            r#","cadence":{"max_shift_days":2,"weekdays":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"],"max_pause_days":60}"#,
            "",
        );
        assert!(!old.contains("cadence"), "{old}");
        let loaded = load(&old).expect("loads").expect("compiled");
        assert_eq!(loaded.cadence, crate::program::Cadence::default());
        let mut bad = minimal();
        bad.cadence.max_shift_days = 20;
        bad.cadence.weekdays = vec![crate::program::Weekday::Friday; 2];
        let errors = verify(&bad).unwrap_err().join("\n");
        assert!(errors.contains("cadence.max_shift_days") && errors.contains("cadence.weekdays"));
    }

    #[test]
    fn source_files_are_not_mistaken_for_compiled_ones() {
        assert_eq!(load(MINIMAL), Ok(None));
        let json = serde_json::to_string(&minimal()).expect("json");
        assert_eq!(load(&json), Ok(None), "a JSON source file has no `format`");
        assert_eq!(load(""), Ok(None));
        assert_eq!(load("[1, 2]"), Ok(None));
    }

    #[test]
    fn other_formats_and_damage_are_refused_in_plain_words() {
        let text = compile(&minimal());
        let newer = text.replace("throughline-program/1", "throughline-program/9");
        assert!(load(&newer).unwrap_err()[0].contains("compile the program again"));
        let alien = text.replace("throughline-program/1", "something-else");
        assert!(load(&alien).unwrap_err()[0].contains("not a compiled Throughline program"));
        let cut = &text[..text.len() / 2];
        assert_eq!(
            load(cut),
            Ok(None),
            "truncated JSON is not recognisable as compiled"
        );
        let wrong_type = text.replacen(r#""title":"#, r#""title":7,"x":"#, 1);
        assert!(load(&wrong_type).unwrap_err()[0].starts_with("the compiled program is damaged"));
    }

    #[test]
    fn every_invariant_consumers_rely_on_is_verified() {
        let mut p = minimal();
        assert_eq!(verify(&p), Ok(()));
        p.id = "not an iri".into();
        p.roles[0].commitments[0].behaviour = "missing".into();
        p.behaviours[0].roles.push("ghost".into());
        p.behaviours[0].terms.push("no such term".into());
        p.schedule.reverse();
        p.schedule[0]
            .role_prompts
            .insert("ghost".into(), "?".into());
        p.adoption.at_least = 99;
        p.adoption.consecutive = 0;
        p.roles.push(p.roles[0].clone());
        let errors = verify(&p).unwrap_err().join("\n");
        for path in [
            "id:",
            "roles[0].commitments[0].behaviour:",
            "behaviours[0].roles[",
            "behaviours[0].terms[",
            "schedule[1].day:",
            "schedule[0].role_prompts:",
            "adoption.at_least:",
            "adoption.consecutive:",
        ] {
            assert!(errors.contains(path), "{path} missing from:\n{errors}");
        }
        assert!(errors.contains(&format!("roles[{}].id:", p.roles.len() - 1)));
        let mut empty = minimal();
        empty.roles.clear();
        empty.self_check.scale.truncate(1);
        empty.schedule.clear();
        let errors = verify(&empty).unwrap_err().join("\n");
        for path in ["roles:", "schedule:", "self_check.scale:"] {
            assert!(errors.contains(path), "{path} missing from:\n{errors}");
        }
    }

    #[test]
    fn verify_refuses_broken_pairs_and_observations() {
        let mut p = coaching();
        p.pairs[0].behaviours = vec!["set-expectations".into(), "give-specific-feedback".into()];
        p.observations[0].days = vec![3];
        p.observations[1].min_raters = 1;
        p.observations[1].about = "stakeholder".into();
        let errors = verify(&p).expect_err("broken");
        for path in [
            "pairs[0].behaviours",
            "observations[0].days",
            "observations[1].min_raters",
            "observations[1]:",
        ] {
            assert!(
                errors.iter().any(|e| e.starts_with(path)),
                "{path}: {errors:#?}"
            );
        }
    }
}
