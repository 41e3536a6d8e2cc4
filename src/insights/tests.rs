use std::collections::BTreeMap;

use serde_json::{json, Value};
use time::macros::date;

use super::*;
use crate::cohort::{generate, Cohort, CohortConfig, Figures, TrueLearner};
use crate::program::{parse, Format};

fn coaching() -> Program {
    parse(
        include_str!("../../service/programs/coaching.toml"),
        Format::Toml,
    )
    .expect("coaching program is valid")
}

fn config(learners: usize, seed: u64) -> CohortConfig {
    CohortConfig {
        learners,
        seed,
        start: date!(2027 - 01 - 04),
        cohorts: 8,
        home_page: "https://lms.example.org".into(),
        course_ids: vec![
            "https://lms.example.org/course/101".into(),
            "https://lms.example.org/course/202".into(),
            "https://lms.example.org/course/303".into(),
        ],
        as_of: date!(2027 - 05 - 10),
    }
}

fn json_of(cohort: &Cohort) -> Vec<Value> {
    cohort
        .statements
        .iter()
        .map(|s| serde_json::to_value(s).expect("statement serializes"))
        .collect()
}

fn insights(p: &Program, as_of: Date, statements: &[Value]) -> Insights {
    let mut i = Insights::new(p, as_of);
    for s in statements {
        i.add(s);
    }
    i
}

/// The report's figures for one role group (`None`: all roles), shaped like the truth.
fn figures(p: &Program, r: &Report, role: Option<&str>) -> Figures {
    let group = role.map(str::to_string);
    let stage = |s: Stage| {
        r.funnel
            .rows
            .iter()
            .find(|x| x.role == group && x.stage == s)
            .map_or(0, |x| x.learners)
    };
    let mut roles: BTreeMap<String, usize> = p.roles.iter().map(|x| (x.id.clone(), 0)).collect();
    for row in &r.roles.rows {
        roles.insert(row.role.clone(), row.learners);
    }
    let terms: Vec<&TermRow> = r.terms.rows.iter().filter(|x| x.role == group).collect();
    Figures {
        learners: stage(Stage::Selected),
        roles,
        committed: stage(Stage::Committed),
        answered: p
            .schedule
            .iter()
            .map(|s| (s.day, stage(Stage::Answered(s.day))))
            .collect(),
        self_checked: stage(Stage::SelfChecked),
        adopted: stage(Stage::Adopted),
        reflections: terms.first().map_or(0, |t| t.reflections),
        terms: terms
            .iter()
            .map(|t| {
                (
                    t.term.clone(),
                    TermUse {
                        uses: t.uses,
                        learners: t.learners,
                    },
                )
            })
            .collect(),
        steps: r
            .reinforcement
            .rows
            .iter()
            .map(|x| (x.day, x.counts))
            .collect(),
        sustained: r
            .adoption
            .sustained
            .iter()
            .map(|x| (x.days, x.share))
            .collect(),
        behaviours: r
            .adoption
            .behaviours
            .iter()
            .map(|x| (x.behaviour.clone(), x.share))
            .collect(),
        weekly: r
            .adoption
            .trend
            .iter()
            .map(|x| ((x.behaviour.clone(), x.week), x.share))
            .collect(),
        paused: r.reinforcement.paused,
        baseline: r
            .baseline
            .rows
            .iter()
            .filter(|x| x.role == group)
            .map(|x| (x.behaviour.clone(), x.clone()))
            .collect(),
    }
}

/// Only the figures the per-role groups of an unfiltered report carry (funnel and terms).
fn per_role_part(f: &Figures) -> Figures {
    Figures {
        learners: f.learners,
        committed: f.committed,
        answered: f.answered.clone(),
        self_checked: f.self_checked,
        adopted: f.adopted,
        reflections: f.reflections,
        terms: f.terms.clone(),
        ..Figures::default()
    }
}

#[test]
fn every_panel_equals_the_truth_for_several_seeds_and_sizes() {
    let p = coaching();
    for (n, seed) in [(50, 1), (50, 2), (400, 7), (400, 1234)] {
        let cfg = config(n, seed);
        let cohort = generate(&p, &cfg);
        let report = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
        assert_eq!(
            figures(&p, &report, None),
            cohort.truth.overall(),
            "seed {seed}, {n} learners"
        );
        for role in &p.roles {
            let truth = cohort.truth.for_role(&role.id);
            assert_eq!(
                per_role_part(&figures(&p, &report, Some(&role.id))),
                per_role_part(&truth),
                "role {} in the unfiltered report, seed {seed}",
                role.id
            );
            let filtered = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter {
                role: Some(role.id.clone()),
                ..Filter::default()
            });
            assert_eq!(
                figures(&p, &filtered, None),
                truth,
                "role filter {}, seed {seed}",
                role.id
            );
        }
    }
}

#[test]
fn shuffled_pages_and_duplicates_give_the_same_report() {
    let p = coaching();
    let cfg = config(400, 99);
    let cohort = generate(&p, &cfg);
    let statements = json_of(&cohort);
    let in_order = insights(&p, cfg.as_of, &statements).report(&Filter::default());

    let mut rng = fastrand::Rng::with_seed(5);
    let mut pages: Vec<Vec<Value>> = statements.chunks(100).map(<[Value]>::to_vec).collect();
    rng.shuffle(&mut pages);
    let mut agg = Insights::new(&p, cfg.as_of);
    for page in &mut pages {
        rng.shuffle(page);
        for s in page.iter() {
            agg.add(s);
        }
    }
    // An LRS answering a retried page sends some statements again.
    let mut again = 0;
    for s in statements.iter().filter(|_| rng.f64() < 0.1) {
        agg.add(s);
        again += 1;
    }
    let shuffled = agg.report(&Filter::default());
    assert_eq!(shuffled.intake.duplicates, again);
    assert_eq!(shuffled.intake.kept, statements.len());
    assert!(again > 0);
    assert_eq!(
        Report {
            intake: in_order.intake,
            ..shuffled.clone()
        },
        in_order
    );
    assert_eq!(figures(&p, &shuffled, None), cohort.truth.overall());
}

#[test]
fn every_generated_statement_is_valid_and_the_cohort_is_deterministic() {
    let p = coaching();
    let cfg = config(400, 3);
    let cohort = generate(&p, &cfg);
    for s in &cohort.statements {
        assert_eq!(crate::xapi::validate(s), Ok(()), "{s:?}");
    }
    let again = generate(&p, &cfg);
    assert_eq!(cohort.statements, again.statements);
    assert_eq!(cohort.truth.learners, again.truth.learners);
    let other = generate(&p, &config(400, 4));
    assert_ne!(cohort.statements, other.statements);
    let ids: std::collections::HashSet<_> = cohort.statements.iter().map(|s| s.id).collect();
    assert_eq!(
        ids.len(),
        cohort.statements.len(),
        "statement ids are unique"
    );
}

#[test]
fn the_simulation_exercises_every_path() {
    // If the cohort never produced late answers, skips, lapses, ... the equality tests would prove little.
    let p = coaching();
    let cfg = config(400, 11);
    let cohort = generate(&p, &cfg);
    let f = cohort.truth.overall();
    let (tm, leader, sh) = (
        f.roles["team-member"],
        f.roles["leader"],
        f.roles["stakeholder"],
    );
    assert!(tm > leader && leader > sh && sh > 0, "{:?}", f.roles);
    assert!(sh * 100 < f.learners * FEW_PERCENT, "stakeholders are few");
    assert!(f.committed < f.learners, "some never commit");
    for c in f.steps.values() {
        assert!(c.on_time > 0 && c.missed > 0, "{c:?}");
    }
    let total = |g: fn(&StepCounts) -> usize| f.steps.values().map(g).sum::<usize>();
    assert!(total(|c| c.late) > 0 && total(|c| c.skipped) > 0 && total(|c| c.snoozed) > 0);
    assert!(
        total(|c| c.open) > 0,
        "late cohorts still have steps to come"
    );
    assert!(f.terms.values().all(|t| t.uses > 0), "{:?}", f.terms);
    let adopted_then = |w: u32| {
        let (a, l) = f
            .weekly
            .iter()
            .filter(|((_, week), _)| *week == w)
            .fold((0, 0), |(a, l), (_, s)| (a + s.adopted, l + s.learners));
        a as f64 / l.max(1) as f64
    };
    assert!(adopted_then(4) < adopted_then(7) && adopted_then(7) < adopted_then(13));
    assert!(f.sustained[&90].learners > 0 && f.sustained[&90].adopted > 0);
    let lapsed = cohort
        .statements
        .iter()
        .any(|s| s.verb.id.ends_with("/lapsed"));
    assert!(lapsed, "some behaviours lapse");
    let days: std::collections::BTreeSet<_> = cohort
        .statements
        .iter()
        .filter(|s| s.timestamp.date() != s.timestamp.to_offset(time::UtcOffset::UTC).date())
        .map(|s| s.id)
        .collect();
    assert!(!days.is_empty(), "some local dates differ from UTC dates");
    let aliases = cohort.statements.iter().any(|s| {
        s.result
            .as_ref()
            .and_then(|r| r.response.as_deref())
            .is_some_and(|t| t.contains("PEER-COACH") || t.contains("check-ins"))
    });
    assert!(aliases, "reflections use aliases and other cases");
}

#[test]
fn filters_select_consistent_learners() {
    let p = coaching();
    let cfg = config(400, 21);
    let cohort = generate(&p, &cfg);
    let agg = insights(&p, cfg.as_of, &json_of(&cohort));
    let all = agg.report(&Filter::default());

    // Courses partition the learners.
    let mut seen = 0;
    for course in &cfg.course_ids {
        let r = agg.report(&Filter {
            course: Some(course.clone()),
            ..Filter::default()
        });
        let truth = cohort
            .truth
            .figures(|l: &TrueLearner| l.course.as_deref() == Some(course.as_str()));
        assert!(truth.learners > 0);
        assert_eq!(figures(&p, &r, None), truth, "course {course}");
        assert!(r
            .learners
            .iter()
            .all(|l| l.course.as_deref() == Some(course.as_str())));
        seen += r.learners.len();
    }
    assert_eq!(seen, all.learners.len());

    // A role filter keeps that role's rows of the unfiltered report.
    for role in &p.roles {
        let r = agg.report(&Filter {
            role: Some(role.id.clone()),
            ..Filter::default()
        });
        let mine: Vec<&FunnelRow> = all
            .funnel
            .rows
            .iter()
            .filter(|x| x.role.as_deref() == Some(role.id.as_str()))
            .collect();
        let theirs: Vec<&FunnelRow> = r
            .funnel
            .rows
            .iter()
            .filter(|x| x.role.as_deref() == Some(role.id.as_str()))
            .collect();
        assert_eq!(mine, theirs);
        assert_eq!(r.roles.rows.len(), 1);
        assert_eq!(
            r.roles.rows[0].learners,
            all.roles
                .rows
                .iter()
                .find(|x| x.role == role.id)
                .map_or(0, |x| x.learners)
        );
    }

    // Cohorts by commitment date.
    let (from, to) = (date!(2027 - 01 - 11), date!(2027 - 01 - 31));
    let r = agg.report(&Filter {
        cohort_from: Some(from),
        cohort_to: Some(to),
        ..Filter::default()
    });
    let truth = cohort
        .truth
        .figures(|l: &TrueLearner| l.committed.is_some_and(|c| c >= from && c <= to));
    assert!(truth.learners > 0 && truth.learners < cohort.truth.overall().committed);
    assert_eq!(figures(&p, &r, None), truth);
    let combined = agg.report(&Filter {
        role: Some("leader".into()),
        course: Some(cfg.course_ids[0].clone()),
        cohort_from: Some(from),
        cohort_to: None,
    });
    let truth = cohort.truth.figures(|l: &TrueLearner| {
        l.role == "leader"
            && l.course.as_deref() == Some(cfg.course_ids[0].as_str())
            && l.committed.is_some_and(|c| c >= from)
    });
    assert_eq!(figures(&p, &combined, None), truth);
}

#[test]
fn csv_round_trips_with_the_same_numbers() {
    let p = coaching();
    let cfg = config(50, 8);
    let cohort = generate(&p, &cfg);
    let r = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
    let parse = |text: &str| -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|rec| rec.expect("valid CSV").iter().map(str::to_string).collect())
            .collect()
    };
    let num = |s: &str| s.parse::<i64>().expect("a number");

    let funnel = parse(&r.funnel.to_csv());
    assert_eq!(funnel.len(), r.funnel.rows.len());
    for (row, rec) in r.funnel.rows.iter().zip(&funnel) {
        assert_eq!(rec[1], row.label, "labels survive");
        assert_eq!(num(&rec[2]), row.learners as i64);
        assert_eq!(num(&rec[3]), row.drop_off);
    }
    let roles = parse(&r.roles.to_csv());
    for (row, rec) in r.roles.rows.iter().zip(&roles) {
        assert_eq!(
            (rec[0].as_str(), num(&rec[2]), num(&rec[3])),
            (row.role.as_str(), row.learners as i64, row.committed as i64)
        );
        assert_eq!(rec[4], row.coverage.label());
    }
    assert_eq!(roles.len(), 3);
    let terms = parse(&r.terms.to_csv());
    assert_eq!(terms.len(), r.terms.rows.len());
    for (row, rec) in r.terms.rows.iter().zip(&terms) {
        assert_eq!(rec[1], row.term);
        assert_eq!(
            (num(&rec[2]), num(&rec[3]), num(&rec[4])),
            (row.uses as i64, row.learners as i64, row.reflections as i64)
        );
    }
    let steps = parse(&r.reinforcement.to_csv());
    for (row, rec) in r.reinforcement.rows.iter().zip(&steps) {
        let c = row.counts;
        let got: Vec<i64> = rec[2..].iter().map(|s| num(s)).collect();
        let want: Vec<i64> = [
            row.learners,
            c.on_time,
            c.late,
            c.skipped,
            c.missed,
            c.open,
            c.snoozed,
            c.rescheduled,
        ]
        .iter()
        .map(|n| *n as i64)
        .collect();
        assert_eq!(got, want);
        assert_eq!(rec[1], row.title);
    }
    let adoption = parse(&r.adoption.to_csv());
    let a = &r.adoption;
    assert_eq!(
        adoption.len(),
        a.sustained.len() + a.behaviours.len() + a.trend.len()
    );
    let shares: Vec<Share> = a
        .sustained
        .iter()
        .map(|x| x.share)
        .chain(a.behaviours.iter().map(|x| x.share))
        .chain(a.trend.iter().map(|x| x.share))
        .collect();
    for (share, rec) in shares.iter().zip(&adoption) {
        assert_eq!(
            (num(&rec[3]), num(&rec[4]), num(&rec[5])),
            (
                share.learners as i64,
                share.adopted as i64,
                (share.learners - share.adopted) as i64
            )
        );
        match share.percent() {
            Some(pct) => assert!((rec[6].parse::<f64>().expect("percent") - pct).abs() < 0.05),
            None => assert_eq!(rec[6], ""),
        }
    }
}

#[test]
fn csv_quotes_what_rfc_4180_needs() {
    assert_eq!(field("plain"), "plain");
    assert_eq!(field("a,b"), "\"a,b\"");
    assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(field("two\nlines"), "\"two\nlines\"");
    let doc = csv(
        &["a", "b"],
        std::iter::once(vec!["x,y".to_string(), "q\"".to_string()]),
    );
    assert_eq!(doc, "a,b\r\n\"x,y\",\"q\"\"\"\r\n");
    let tricky = vec!["x,y".to_string(), "say \"hi\"\r\nthen go".to_string()];
    let doc = csv(&["a", "b"], std::iter::once(tricky.clone()));
    let mut reader = csv::Reader::from_reader(doc.as_bytes());
    let back: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(back, vec![tricky]);
}

fn forged_answer(cohort: &Cohort, id: &str) -> Value {
    // A copy of some learner's day-2 answer, for a step they did not answer, full of glossary terms.
    let mut v = cohort
        .statements
        .iter()
        .find(|s| s.verb.id.ends_with("/answered"))
        .map(|s| serde_json::to_value(s).expect("json"))
        .expect("an answer");
    v["id"] = json!(id);
    v["result"]["response"] = json!("Feedback, feedback and more FEEDBACK.");
    v
}

#[test]
fn voided_statements_do_not_count_whatever_the_order() {
    let p = coaching();
    let cfg = config(50, 17);
    let cohort = generate(&p, &cfg);
    let truth = cohort.truth.overall();
    let id = "9b1d3c5e-0000-4000-8000-000000000001";
    let void = json!({
        "id": "9b1d3c5e-0000-4000-8000-0000000000ff",
        "actor": {"mbox": "mailto:admin@example.org"},
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": id.to_uppercase()},
        "timestamp": "2027-05-01T10:00:00Z"
    });
    let mut statements = json_of(&cohort);
    statements.push(forged_answer(&cohort, id));
    let without_void = insights(&p, cfg.as_of, &statements).report(&Filter::default());
    assert_ne!(
        figures(&p, &without_void, None),
        truth,
        "the forged answer counts until voided"
    );

    let mut after = statements.clone();
    after.push(void.clone());
    let mut before = vec![void];
    before.extend(statements);
    for order in [after, before] {
        let r = insights(&p, cfg.as_of, &order).report(&Filter::default());
        assert_eq!(figures(&p, &r, None), truth);
        assert_eq!(r.intake.voiding, 1);
    }
}

#[test]
fn odd_statements_are_counted_and_ignored_without_panicking() {
    let p = coaching();
    let mut agg = Insights::new(&p, date!(2027 - 05 - 10));
    let parent = json!({"contextActivities": {"parent": [{"id": p.id}]}});
    for odd in [
        json!(null),
        json!([]),
        json!({"id": 7}),
        json!({"id": "a"}),
        json!({"id": "b", "context": {"contextActivities": {"parent": {"id": "https://other.example/p"}}}}),
        json!({"id": "c", "context": parent, "actor": {"name": "no identifier"}, "timestamp": "2027-01-01T10:00:00Z"}),
        json!({"id": "d", "context": parent, "actor": {"mbox": "mailto:a@b.c"}, "timestamp": "yesterday"}),
        json!({"id": "e", "context": {"contextActivities": {"parent": p.id}}, "actor": {"mbox": "mailto:a@b.c"}}),
        json!({"id": "f", "verb": {"id": VOIDED}, "object": "nothing"}),
        json!({"id": "g", "context": {"contextActivities": {"parent": {"id": p.id}}, "extensions": {"https://throughline.app/xapi/extensions/step": "x"}},
               "actor": {"mbox": "mailto:a@b.c"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
               "object": {"id": 5}, "result": {"response": 12}, "timestamp": "2027-01-01T10:00:00+02:00"}),
    ] {
        agg.add(&odd);
    }
    let intake = agg.intake();
    assert_eq!(intake.unreadable, 5, "{intake:?}");
    assert_eq!(intake.other_programs, 3, "{intake:?}");
    assert_eq!(intake.voiding, 1);
    assert_eq!(intake.kept, 1);
    let r = agg.report(&Filter::default());
    assert!(
        r.learners.is_empty(),
        "a learner without a role is not counted"
    );
    assert_eq!(r.roles.rows.len(), 3);
    assert!(r.roles.rows.iter().all(|x| x.coverage == Coverage::None));
    assert!(r
        .adoption
        .sustained
        .iter()
        .all(|x| x.share.percent().is_none()));
}

#[test]
fn pages_read_from_text_count_exactly_as_json_trees_do() {
    let p = coaching();
    let cfg = config(300, 11);
    let cohort = generate(&p, &cfg);
    let statements = json_of(&cohort);
    let by_tree = insights(&p, cfg.as_of, &statements);
    let mut by_text = Insights::new(&p, cfg.as_of);
    let mut read = 0;
    for (i, chunk) in statements.chunks(97).enumerate() {
        let more = format!("/xapi/statements?more={i}");
        let page = json!({"statements": chunk, "more": more}).to_string();
        // The link read ahead of the fold is the one the fold finds.
        assert_eq!(Insights::page_more(&page).as_deref(), Some(more.as_str()));
        let got = by_text.add_page_text(&page).expect("a page");
        assert_eq!(got.more.as_deref(), Some(more.as_str()));
        let newest = chunk
            .iter()
            .filter_map(|s| s["stored"].as_str())
            .max()
            .map(str::to_string);
        assert_eq!(got.newest_stored, newest);
        read += got.statements;
    }
    assert_eq!(read, statements.len());
    assert_eq!(by_text.intake(), by_tree.intake());
    for f in [
        Filter::default(),
        Filter {
            role: Some("leader".into()),
            ..Filter::default()
        },
    ] {
        assert_eq!(
            format!("{:?}", by_text.report(&f)),
            format!("{:?}", by_tree.report(&f))
        );
    }
    // A bare array (an export) reads the same, with no `more`.
    let total = statements.len();
    let mut bare = Insights::new(&p, cfg.as_of);
    let got = bare
        .add_page_text(&Value::Array(statements).to_string())
        .expect("an array");
    assert_eq!((got.statements, got.more), (total, None));
    assert_eq!(bare.intake(), by_tree.intake());
    for none in [
        r#"[]"#,
        r#"{"statements": [], "more": ""}"#,
        r#"{"statements": []}"#,
        r#"{"statements": [], "more": null}"#,
        r#"{"statements": [{"result": {"response": "\"more\": \"/x\"}"}}]}"#,
        r#"{"statements": [{"more": "/inside"}]}"#,
        "not json",
    ] {
        assert_eq!(Insights::page_more(none), None, "{none}");
    }
    // Wherever `more` is and however it is written, the link read ahead is the page's own.
    for (page, link) in [
        (
            r#"{"more": "/first", "statements": [{"more": "/inside"}]}"#,
            "/first",
        ),
        (
            r#"{"statements": [{"more": "/inside"}], "more" : "\/escaped\u0021" }  "#,
            "/escaped!",
        ),
        (
            r#"{"statements": [], "x": {"more": "/nested"}, "more": "/last"}"#,
            "/last",
        ),
        (
            r#"{"statements": [], "more": "/a", "extra": {"more": "/nested"}}"#,
            "/a",
        ),
    ] {
        assert_eq!(Insights::page_more(page).as_deref(), Some(link), "{page}");
        let mut i = Insights::new(&p, cfg.as_of);
        let got = i.add_page_text(page).expect("a page");
        assert_eq!(got.more.as_deref(), Some(link), "{page}");
    }
}

#[test]
fn odd_pages_and_statements_read_from_text_as_from_trees() {
    let p = coaching();
    let parent = json!({"contextActivities": {"parent": [{"id": p.id}]}});
    let odd = json!([
        null, [], {"id": 7}, {"id": "a"},
        {"id": "c", "context": parent, "actor": {"name": "no identifier"}, "timestamp": "2027-01-01T10:00:00Z"},
        {"id": "e", "context": {"contextActivities": {"parent": p.id}}, "actor": {"mbox": "mailto:a@b.c"}},
        {"id": "f", "verb": {"id": VOIDED}, "object": "nothing"},
        {"id": "g", "context": {"contextActivities": {"parent": {"id": p.id}, "grouping": [3, {"id": "https://x.example/c"}]},
                                "extensions": {"https://throughline.app/xapi/extensions/step": "7", "https://throughline.app/xapi/extensions/role": ["x"]}},
         "actor": {"mbox": "mailto:A@b.c", "account": {"homePage": 1, "name": "n"}}, "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
         "object": {"id": 5}, "result": {"response": "escaped \"feedback\" \u{e9}"}, "timestamp": "2027-01-01T10:00:00+02:00",
         "stored": "2027-01-01T10:00:01Z"}
    ]);
    let as_of = date!(2027 - 05 - 10);
    let by_tree = insights(&p, as_of, odd.as_array().expect("array"));
    let mut by_text = Insights::new(&p, as_of);
    let read = by_text
        .add_page_text(&json!({"statements": odd}).to_string())
        .expect("a page");
    assert_eq!(read.newest_stored.as_deref(), Some("2027-01-01T10:00:01Z"));
    assert_eq!(by_text.intake(), by_tree.intake());
    assert_eq!(by_text.intake().kept, 1);
    assert_eq!(
        format!("{:?}", by_text.report(&Filter::default())),
        format!("{:?}", by_tree.report(&Filter::default()))
    );
    // A repeated key is refused by the typed reading; the forgiving one keeps the last, as before.
    let repeated =
        format!(r#"{{"statements": [{{"id": "x", "id": "y", "context": {parent}}}], "more": ""}}"#);
    let read = Insights::new(&p, as_of)
        .add_page_text(&repeated)
        .expect("read the slow way");
    assert_eq!((read.statements, read.more), (1, None));
    for malformed in [
        "",
        "{",
        "[1,",
        "{\"more\": \"x\"}",
        "{\"statements\": 3}",
        "7",
        "\"text\"",
    ] {
        assert_eq!(
            Insights::new(&p, as_of).add_page_text(malformed),
            Err(MalformedPage),
            "{malformed}"
        );
    }
}

#[test]
fn local_dates_are_the_timestamps_own_and_later_statements_wait() {
    let p = coaching();
    let mut agg = Insights::new(&p, date!(2027 - 01 - 10));
    let statement = |id: &str, verb: &str, object: String, ts: &str, step: Option<u32>| {
        let mut ext = json!({"https://throughline.app/xapi/extensions/role": "leader"});
        if let Some(d) = step {
            ext["https://throughline.app/xapi/extensions/step"] = json!(d);
        }
        json!({"id": id, "actor": {"account": {"homePage": "https://lms.example.org", "name": "x1"}, "name": "Ana"},
               "verb": {"id": verb}, "object": {"id": object}, "timestamp": ts,
               "context": {"contextActivities": {"parent": [{"id": p.id}]}, "extensions": ext}})
    };
    let verb = |k: &str| {
        VERBS
            .iter()
            .find(|v| v.key == k)
            .map(|v| v.iri)
            .unwrap_or_default()
    };
    // Committed late on 1 January in Los Angeles: 2 January in UTC, but the schedule counts from the 1st.
    agg.add(&statement(
        "1",
        verb("committed"),
        activity_iri(&p, "behaviours", "set-expectations"),
        "2027-01-01T22:30:00-08:00",
        None,
    ));
    // Day 2 is due on 3 January; answered early on 6 January in Sydney (5 January UTC): late by local date.
    agg.add(&statement(
        "2",
        verb("answered"),
        activity_iri(&p, "reflections", "day-2"),
        "2027-01-06T07:00:00+10:00",
        Some(2),
    ));
    // After as_of: ignored.
    agg.add(&statement(
        "3",
        verb("skipped"),
        activity_iri(&p, "reflections", "day-7"),
        "2027-01-11T09:00:00Z",
        Some(7),
    ));
    let r = agg.report(&Filter::default());
    assert_eq!(r.learners.len(), 1);
    assert_eq!(r.learners[0].commitment, Some(date!(2027 - 01 - 01)));
    assert_eq!(r.learners[0].name.as_deref(), Some("Ana"));
    assert_eq!(
        r.learners[0].id,
        pseudonym(b"", "account:https://lms.example.org|x1")
    );
    let day2 = r.reinforcement.rows[0].counts;
    assert_eq!((day2.on_time, day2.late), (0, 1));
    let day7 = r.reinforcement.rows[1].counts;
    assert_eq!(
        (day7.skipped, day7.open, day7.missed),
        (0, 0, 1),
        "due 8 January, before as_of"
    );
}

#[test]
fn pseudonyms_are_stable_distinct_and_hide_names() {
    let p = coaching();
    let cfg = config(400, 5);
    let cohort = generate(&p, &cfg);
    let r = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
    let ids: std::collections::BTreeSet<_> = r.learners.iter().map(|l| l.id.clone()).collect();
    assert_eq!(ids.len(), r.learners.len());
    assert_eq!(r.learners.len(), cohort.truth.learners.len());
    assert!(r
        .learners
        .iter()
        .all(|l| l.id.starts_with("learner-") && l.name.is_some()));
    assert!(r
        .learners
        .iter()
        .all(|l| !l.id.contains(l.name.as_deref().unwrap_or("?"))));
    assert_eq!(
        pseudonym(b"k", "account:a|b"),
        pseudonym(b"k", "account:a|b")
    );
    assert_ne!(
        pseudonym(b"k", "account:a|b"),
        pseudonym(b"k", "account:a|c")
    );
    // Keyed: another secret gives other ids, so a known identity cannot be looked up without it.
    assert_ne!(
        pseudonym(b"k", "account:a|b"),
        pseudonym(b"j", "account:a|b")
    );
    let keyed = insights(&p, cfg.as_of, &json_of(&cohort))
        .keyed(b"Basic c2VjcmV0")
        .report(&Filter::default());
    let by_name = |r: &Report| -> BTreeMap<Option<String>, String> {
        r.learners
            .iter()
            .map(|l| (l.name.clone(), l.id.clone()))
            .collect()
    };
    let (plain, secret) = (by_name(&r), by_name(&keyed));
    assert_eq!(plain.len(), secret.len());
    assert!(plain
        .iter()
        .all(|(name, id)| secret.get(name).is_some_and(|k| k != id)));
    // 48 bits of HMAC-SHA-256 (RFC 4231 test case 2 starts 5bdcc146bf60).
    assert_eq!(
        pseudonym(b"Jefe", "what do ya want for nothing?"),
        "learner-5bdcc146bf60"
    );
}

#[test]
fn team_pseudonyms_follow_the_key_from_one_report_to_the_next() {
    let p = coaching();
    let cfg = config(300, 9);
    let mut fold = insights(&p, cfg.as_of, &json_of(&generate(&p, &cfg))).keyed(b"first");
    let teams =
        |r: &Report| -> Vec<String> { r.teams.rows.iter().map(|t| t.team.clone()).collect() };
    let first = teams(&fold.report(&Filter::default()));
    assert!(!first.is_empty());
    // Asked again (a filter, the service's next request): the same names, kept.
    assert_eq!(teams(&fold.report(&Filter::default())), first);
    fold.rekey(b"second");
    let second = teams(&fold.report(&Filter::default()));
    assert_eq!(second.len(), first.len());
    assert!(second.iter().all(|t| !first.contains(t)), "{second:?}");
    let mut again = fold.clone();
    again.rekey(b"first");
    assert_eq!(teams(&again.report(&Filter::default())), first);
    assert_eq!(teams(&fold.report(&Filter::default())), second);
}

#[test]
fn extension_keys_are_the_catalogues() {
    use crate::xapi::NS;
    assert_eq!(STEP, format!("{NS}/extensions/step"));
    assert_eq!(ROLE, format!("{NS}/extensions/role"));
}

#[test]
fn pages_as_the_lrs_sends_them() {
    let p = coaching();
    let cfg = config(50, 31);
    let cohort = generate(&p, &cfg);
    let statements = json_of(&cohort);
    let mut agg = Insights::new(&p, cfg.as_of);
    let pages: Vec<Value> = statements
        .chunks(40)
        .enumerate()
        .map(|(i, c)| json!({"statements": c, "more": format!("/xapi/statements?page={}", i + 1)}))
        .collect();
    for (i, page) in pages.iter().enumerate() {
        let more = format!("/xapi/statements?page={}", i + 1);
        assert_eq!(agg.add_page(page), Some(more.as_str()));
    }
    assert_eq!(agg.add_page(&json!({"statements": [], "more": ""})), None);
    assert_eq!(agg.add_page(&json!(statements.clone())), None);
    assert_eq!(agg.add_page(&json!({"error": true})), None);
    assert_eq!(agg.intake().kept, statements.len());
    assert_eq!(agg.intake().duplicates, statements.len());
    assert_eq!(
        figures(&p, &agg.report(&Filter::default()), None),
        cohort.truth.overall()
    );
}

#[test]
fn the_latest_display_name_wins_whatever_the_arrival_order() {
    let p = coaching();
    let selected = VERBS.iter().find(|v| v.key == "selected").map(|v| v.iri);
    let s = |id: &str, name: &str, ts: &str| {
        json!({"id": id, "actor": {"mbox": "mailto:ana@example.org", "name": name},
               "verb": {"id": selected}, "object": {"id": activity_iri(&p, "roles", "leader")},
               "timestamp": ts, "context": {"contextActivities": {"parent": [{"id": p.id}]}}})
    };
    let early = s("1", "Ana", "2027-01-01T09:00:00Z");
    let late = s("2", "Ana Brandt", "2027-01-02T09:00:00Z");
    for order in [[&early, &late], [&late, &early]] {
        let mut agg = Insights::new(&p, date!(2027 - 02 - 01));
        for st in order {
            agg.add(st);
        }
        let r = agg.report(&Filter::default());
        assert_eq!(r.learners.len(), 1);
        assert_eq!(r.learners[0].name.as_deref(), Some("Ana Brandt"));
        assert_eq!(
            r.learners[0].role, "leader",
            "role from `selected` when no extension"
        );
    }
}

#[test]
fn the_simulation_exercises_cadence_and_baselines() {
    let p = coaching();
    let cfg = config(400, 11);
    let cohort = generate(&p, &cfg);
    let learners = &cohort.truth.learners;
    let any = |f: &dyn Fn(&TrueLearner) -> bool| learners.iter().filter(|l| f(l)).count();
    assert!(
        any(&|l| !l.rhythm.pauses.is_empty()) > 5,
        "some go on leave"
    );
    assert!(any(&|l| !l.rhythm.moves.is_empty()) > 5, "some move a step");
    assert!(
        any(&|l| l.rhythm.weekday().is_some()) > 5,
        "some choose a weekday"
    );
    assert!(
        any(&|l| l.committed.is_some() && l.baselines.len() == l.behaviours.len()) > 300,
        "committed learners give a baseline per behaviour"
    );
    let f = cohort.truth.overall();
    assert!(f.steps.values().any(|c| c.rescheduled > 0));
    assert!(
        f.baseline.values().all(|r| r.learners > 0),
        "{:?}",
        f.baseline
    );
    let (up, down) = f
        .baseline
        .values()
        .fold((0, 0), |(u, d), r| (u + r.improved, d + r.declined));
    assert!(up > down && down > 0, "most improve, some decline");
    // The learner's own "why" reaches their statements, never the dashboard's figures.
    assert!(cohort
        .statements
        .iter()
        .any(|s| s.result.as_ref().is_some_and(|r| r
            .extensions
            .contains_key(&format!("{}/extensions/why", crate::xapi::NS)))));
}

#[test]
fn paused_steps_are_not_missed_and_moved_steps_are_on_time_on_their_new_day() {
    let p = coaching();
    let cfg = config(400, 11);
    let cohort = generate(&p, &cfg);
    let report = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
    // Every learner paused on the report's day has no missed step after the pause began.
    let paused: Vec<&TrueLearner> = cohort
        .truth
        .learners
        .iter()
        .filter(|l| l.rhythm.paused_on(cfg.as_of).is_some())
        .collect();
    assert_eq!(report.reinforcement.paused, paused.len());
    // Counted as the simulation would count it without the learner's cadence, some steps would be missed.
    let naive_missed: usize = cohort
        .truth
        .learners
        .iter()
        .filter_map(|l| l.committed.map(|c| (l, c)))
        .map(|(l, start)| {
            p.schedule
                .iter()
                .filter(|s| {
                    let rec = l.steps.get(&s.day).cloned().unwrap_or_default();
                    rec.answered.is_none()
                        && rec.skipped.is_none()
                        && schedule::due_date(start, s.day) < cfg.as_of
                })
                .count()
        })
        .sum();
    let missed: usize = report
        .reinforcement
        .rows
        .iter()
        .map(|r| r.counts.missed)
        .sum();
    assert!(missed < naive_missed, "{missed} < {naive_missed}");

    // One learner by hand: paused over day 7, nothing missed; day 2 moved and answered on its new day.
    let mut s = crate::plan::Plan::default();
    let learner = crate::xapi::Agent::account("https://lms.example.org", "hand", None);
    let mut out = Vec::new();
    let mut n = 0u8;
    let mut ids = || {
        n += 1;
        uuid::Builder::from_random_bytes([n; 16]).into_uuid()
    };
    let starts: BTreeMap<String, u8> = p.behaviours.iter().map(|b| (b.id.clone(), 1)).collect();
    let role = &p.roles[0];
    let c = &role.commitments[0];
    let actions = [
        (
            crate::plan::Action::ChooseRole {
                role: role.id.clone(),
            },
            date!(2027 - 01 - 04),
        ),
        (
            crate::plan::Action::Commit {
                commitments: vec![crate::plan::Commitment {
                    behaviour: c.behaviour.clone(),
                    text: c.text.clone(),
                    when_where: "Mondays".into(),
                }],
                baselines: starts,
                why: "secret words".into(),
            },
            date!(2027 - 01 - 04),
        ),
        (
            crate::plan::Action::MoveStep { day: 2, by_days: 3 },
            date!(2027 - 01 - 05),
        ),
        (
            crate::plan::Action::Answer {
                day: 2,
                text: "Done".into(),
                ratings: BTreeMap::new(),
            },
            date!(2027 - 01 - 09),
        ),
        (
            crate::plan::Action::Pause {
                until: date!(2027 - 02 - 01),
            },
            date!(2027 - 01 - 10),
        ),
    ];
    for (action, on) in actions {
        let before = s.clone();
        let now = crate::plan::Now::local(on, 9, 0);
        crate::plan::apply(&p, &mut s, action.clone(), now).expect("accepted");
        let setting = crate::xapi::Setting {
            learner: &learner,
            registration: None,
            course: None,
            now: now.at,
            team: None,
        };
        out.extend(crate::xapi::statements_for(
            &p, &before, &s, &action, &setting, &mut ids,
        ));
    }
    let values: Vec<Value> = out
        .iter()
        .map(|x| serde_json::to_value(x).expect("json"))
        .collect();
    let r = insights(&p, date!(2027 - 01 - 25), &values).report(&Filter::default());
    let counts: Vec<StepCounts> = r.reinforcement.rows.iter().map(|x| x.counts).collect();
    assert_eq!(
        (counts[0].on_time, counts[0].rescheduled),
        (1, 1),
        "answered on its new day"
    );
    assert_eq!(
        (counts[1].missed, counts[1].open, counts[1].rescheduled),
        (0, 1, 1),
        "waits out the pause"
    );
    assert_eq!(r.reinforcement.paused, 1);
    let text = values.iter().map(Value::to_string).collect::<String>();
    assert!(
        text.contains("secret words"),
        "the why is in the learner's own statement"
    );
    assert!(
        !format!("{r:?}").contains("secret words"),
        "but in no figure"
    );
}

#[test]
fn change_from_baseline_per_role_equals_the_truth() {
    let p = coaching();
    for seed in [11, 12] {
        let cfg = config(400, seed);
        let cohort = generate(&p, &cfg);
        let report = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
        for role in &p.roles {
            let truth = cohort.truth.for_role(&role.id);
            let rows: Vec<&BaselineRow> = report
                .baseline
                .rows
                .iter()
                .filter(|r| r.role.as_deref() == Some(role.id.as_str()))
                .collect();
            let mine: Vec<&str> = p.behaviours_for(&role.id).map(|b| b.id.as_str()).collect();
            assert_eq!(
                rows.iter()
                    .map(|r| r.behaviour.as_str())
                    .collect::<Vec<_>>(),
                mine
            );
            for r in rows {
                let t = &truth.baseline[&r.behaviour];
                assert_eq!(
                    BaselineRow {
                        role: r.role.clone(),
                        ..t.clone()
                    },
                    *r,
                    "seed {seed}"
                );
            }
        }
        let all = report.baseline.rows.iter().filter(|r| r.role.is_none());
        let change: Vec<f64> = all.filter_map(BaselineRow::mean_change).collect();
        assert!(change.iter().any(|c| *c > 0.5), "{change:?}");
    }
}

#[test]
fn success_cases_are_the_strongest_and_weakest_trajectories() {
    let p = coaching();
    let cfg = config(400, 13);
    let cohort = generate(&p, &cfg);
    let secret = b"dashboard key";
    let agg = insights(&p, cfg.as_of, &json_of(&cohort)).keyed(secret);
    let report = agg.report(&Filter::default());
    let truth = cohort.truth.success_cases(secret, SUCCESS_CASES, |_| true);
    assert_eq!(report.success.rows, truth);
    assert_eq!(report.success.per, 5);
    for b in &p.behaviours {
        let rows: Vec<&SuccessRow> = report
            .success
            .rows
            .iter()
            .filter(|r| r.behaviour == b.id)
            .collect();
        let strong: Vec<i32> = rows
            .iter()
            .filter(|r| r.group == Group::Strongest)
            .map(|r| r.change())
            .collect();
        let weak: Vec<i32> = rows
            .iter()
            .filter(|r| r.group == Group::Weakest)
            .map(|r| r.change())
            .collect();
        assert_eq!(strong.len(), rows.len().min(5), "{}", b.id);
        assert!(weak.len() <= 5 && (weak.len() == 5 || strong.len() + weak.len() == rows.len()));
        assert!(strong.windows(2).all(|w| w[0] >= w[1]) && weak.windows(2).all(|w| w[0] <= w[1]));
        assert!(weak.iter().max() <= strong.iter().min());
        let ids: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.learner.as_str()).collect();
        assert_eq!(ids.len(), rows.len(), "nobody in both groups");
    }
    // The sample follows the report's filter.
    let leaders = agg.report(&Filter {
        role: Some("leader".into()),
        ..Filter::default()
    });
    assert_eq!(
        leaders.success.rows,
        cohort
            .truth
            .success_cases(secret, 5, |l| l.role == "leader")
    );
    assert!(leaders.success.rows.iter().all(|r| r.role == "leader"));

    // CSV: pseudonyms and scale labels, never names.
    let text = report.success.to_csv(&p);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "behaviour",
            "group",
            "rank",
            "learner",
            "role",
            "start",
            "latest",
            "change",
            "self_checks",
            "adopted"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    assert_eq!(records.len(), report.success.rows.len());
    for (row, rec) in report.success.rows.iter().zip(&records) {
        assert_eq!(&rec[3], row.learner.as_str());
        assert_eq!(&rec[5], p.scale_label(row.start).unwrap_or_default());
        assert_eq!(rec[7].parse::<i32>().expect("number"), row.change());
        if let Some(name) = &row.name {
            assert!(!text.contains(name.as_str()), "names stay out of the CSV");
        }
    }
    let base = report.baseline.to_csv();
    let mut reader = csv::Reader::from_reader(base.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    assert_eq!(rows.len(), report.baseline.rows.len());
    for (row, rec) in report.baseline.rows.iter().zip(&rows) {
        assert_eq!(rec[2].parse::<usize>().expect("n"), row.learners);
        match row.mean_change() {
            Some(m) => assert!((rec[5].parse::<f64>().expect("mean") - m).abs() < 0.006),
            None => assert_eq!(&rec[5], ""),
        }
    }
}

#[test]
fn sampling_splits_small_groups_and_breaks_ties_plainly() {
    let row = |learner: &str, start: u8, latest: u8, checks: usize| SuccessRow {
        behaviour: "b".into(),
        group: Group::Strongest,
        rank: 0,
        learner: learner.into(),
        name: None,
        role: "r".into(),
        start,
        latest,
        checks,
        adopted: false,
    };
    let picked = sample(
        vec![
            row("a", 1, 2, 2),
            row("b", 0, 4, 3),
            row("c", 2, 2, 1),
            row("d", 1, 2, 4),
            row("e", 3, 1, 2),
        ],
        2,
    );
    let got: Vec<(&str, &str, usize)> = picked
        .iter()
        .map(|r| (r.learner.as_str(), r.group.label(), r.rank))
        .collect();
    assert_eq!(
        got,
        [
            ("b", "strongest", 1),
            ("d", "strongest", 2),
            ("e", "weakest", 1),
            ("c", "weakest", 2)
        ]
    );
    let three = sample(
        vec![row("a", 1, 2, 2), row("b", 0, 4, 3), row("c", 2, 2, 1)],
        5,
    );
    assert_eq!(
        three.iter().filter(|r| r.group == Group::Weakest).count(),
        0,
        "too few: all strongest"
    );
    assert_eq!(
        trajectory(None, Some(&vec![(date!(2027 - 01 - 01), 2)])),
        None,
        "one point is no trajectory"
    );
    assert_eq!(
        trajectory(Some(1), Some(&vec![(date!(2027 - 01 - 01), 3)])).map(|t| (t.start, t.latest)),
        Some((1, 3))
    );
}

mod teams;

/// Every filter a dashboard offers, to compare two folds on each.
fn filters(p: &Program) -> Vec<Filter> {
    let mut out = vec![
        Filter::default(),
        Filter {
            course: Some("https://lms.example.org/course/202".into()),
            ..Filter::default()
        },
        Filter {
            cohort_from: Some(date!(2027 - 01 - 11)),
            cohort_to: Some(date!(2027 - 02 - 20)),
            ..Filter::default()
        },
    ];
    out.extend(p.roles.iter().map(|r| Filter {
        role: Some(r.id.clone()),
        ..Filter::default()
    }));
    out
}

#[test]
fn saved_fold_state_restores_to_the_same_reports() {
    let p = coaching();
    let cfg = config(300, 21);
    let cohort = generate(&p, &cfg);
    let all = json_of(&cohort);
    let mut with_voids = all.clone();
    // A void and a duplicate, so both sets travel through the saved state.
    let target = all[10]["id"].as_str().expect("id").to_string();
    with_voids.push(json!({
        "id": "9c2f3f4e-0000-4000-8000-000000000001",
        "actor": all[10]["actor"].clone(),
        "verb": {"id": VOIDED},
        "object": {"objectType": "StatementRef", "id": target},
        "timestamp": "2027-03-01T10:00:00Z",
    }));
    with_voids.push(all[20].clone());
    let folded = insights(&p, cfg.as_of, &with_voids).keyed(b"admin secret");
    let bytes = folded.save();
    let restored = Insights::restore(&p, cfg.as_of, b"admin secret", &bytes).expect("restores");
    for f in filters(&p) {
        assert_eq!(restored.report(&f), folded.report(&f), "{f:?}");
    }
    assert_eq!(restored.intake(), folded.intake());
    // Restored, the fold goes on: the voided statement stays out, a duplicate stays a duplicate.
    let mut again = restored;
    again.add(&all[10]);
    assert_eq!(again.intake().duplicates, folded.intake().duplicates + 1);
}

#[test]
fn a_fold_shrunk_to_fit_reports_and_goes_on_folding_as_before() {
    let p = coaching();
    let cfg = config(80, 9);
    let all = json_of(&generate(&p, &cfg));
    let (head, tail) = all.split_at(all.len() / 2);
    let mut shrunk = insights(&p, cfg.as_of, head);
    let mut grown = shrunk.clone();
    shrunk.shrink_to_fit();
    for f in filters(&p) {
        assert_eq!(shrunk.report(&f), grown.report(&f), "{f:?}");
    }
    for s in tail {
        shrunk.add(s);
        grown.add(s);
    }
    assert_eq!(shrunk.intake(), grown.intake());
    assert_eq!(
        shrunk.report(&Filter::default()),
        grown.report(&Filter::default())
    );
}

#[test]
fn a_fold_saved_in_pieces_is_the_same_bytes_in_pieces_of_about_the_size_asked() {
    let p = coaching();
    let cfg = config(60, 5);
    let folded = insights(&p, cfg.as_of, &json_of(&generate(&p, &cfg))).keyed(b"k");
    let whole = folded.save();
    assert!(
        whole.len() > 10_000,
        "a cohort's fold is more than a few pieces"
    );
    for piece in [1, 7, 4096, whole.len() * 2] {
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        folded.save_in_pieces(piece, &mut |b| pieces.push(b.to_vec()));
        assert_eq!(pieces.concat(), whole, "pieces of {piece}");
        assert!(
            pieces.iter().all(|b| !b.is_empty()),
            "no empty piece ({piece})"
        );
        // Every piece but the last is full; none is much over (a long string goes in one).
        let (last, full) = pieces.split_last().expect("at least one piece");
        assert!(last.len() <= piece.max(1) + 256, "the last of {piece}");
        assert!(
            full.iter()
                .all(|b| b.len() >= piece && b.len() <= piece + 256),
            "pieces of {piece}: {:?}",
            full.iter().map(Vec::len).collect::<Vec<_>>()
        );
    }
    // The pieces restore as the whole does.
    let mut pieces = Vec::new();
    folded.save_in_pieces(4096, &mut |b| pieces.extend_from_slice(b));
    let restored = Insights::restore(&p, cfg.as_of, b"k", &pieces).expect("restores");
    assert_eq!(
        restored.report(&Filter::default()),
        folded.report(&Filter::default())
    );
}

#[test]
fn saved_pseudonyms_are_used_only_under_the_key_they_were_made_with() {
    let p = coaching();
    let cfg = config(120, 4);
    let all = json_of(&generate(&p, &cfg));
    let under_a = insights(&p, cfg.as_of, &all).keyed(b"key A");
    let under_b = insights(&p, cfg.as_of, &all).keyed(b"key B");
    let ids = |i: &Insights| -> Vec<String> {
        i.report(&Filter::default())
            .learners
            .iter()
            .map(|l| l.id.clone())
            .collect()
    };
    assert_ne!(
        ids(&under_a),
        ids(&under_b),
        "the keys give other pseudonyms"
    );
    // A report before saving, and none: the saved pseudonyms are the same either way.
    let reported = under_a.clone();
    let _ = reported.report(&Filter::default());
    for saved in [under_a.save(), reported.save()] {
        let again = Insights::restore(&p, cfg.as_of, b"key A", &saved).expect("restores");
        assert_eq!(ids(&again), ids(&under_a));
        let other = Insights::restore(&p, cfg.as_of, b"key B", &saved).expect("restores");
        assert_eq!(ids(&other), ids(&under_b), "saved under A, shown under B");
    }
}

#[test]
fn saved_fold_state_of_another_format_or_program_is_refused() {
    let p = coaching();
    let cfg = config(40, 2);
    let cohort = generate(&p, &cfg);
    let bytes = insights(&p, cfg.as_of, &json_of(&cohort)).save();
    let mut other = p.clone();
    other.title.push_str(" (revised)");
    assert_eq!(
        Insights::restore(&other, cfg.as_of, b"", &bytes).err(),
        Some(RestoreError::OtherProgram)
    );
    let mut old = bytes.clone();
    // The format number is the first varint: an older one is told apart, not misread.
    old[0] = 0;
    assert_eq!(
        Insights::restore(&p, cfg.as_of, b"", &old).err(),
        Some(RestoreError::OtherFormat(0))
    );
    assert_eq!(
        Insights::restore(&p, cfg.as_of, b"", &bytes[..bytes.len() / 2]).err(),
        Some(RestoreError::Unreadable)
    );
    assert_eq!(
        Insights::restore(&p, cfg.as_of, b"", b"").err(),
        Some(RestoreError::Unreadable)
    );
}

/// [`sample`] as first written (two stable sorts of every candidate): the selection must pick
/// the same rows in the same order.
fn sample_by_sorting(mut all: Vec<SuccessRow>, n: usize) -> Vec<SuccessRow> {
    all.sort_by(|a, b| {
        b.change()
            .cmp(&a.change())
            .then(b.latest.cmp(&a.latest))
            .then(b.checks.cmp(&a.checks))
            .then(a.learner.cmp(&b.learner))
    });
    let strong = n.min(all.len());
    let weak = n.min(all.len() - strong);
    let mut tail = all.split_off(strong);
    tail.sort_by(|a, b| {
        a.change()
            .cmp(&b.change())
            .then(a.latest.cmp(&b.latest))
            .then(b.checks.cmp(&a.checks))
            .then(a.learner.cmp(&b.learner))
    });
    let mut out = Vec::new();
    for (i, mut r) in all.into_iter().enumerate() {
        r.group = Group::Strongest;
        r.rank = i + 1;
        out.push(r);
    }
    for (i, mut r) in tail.into_iter().take(weak).enumerate() {
        r.group = Group::Weakest;
        r.rank = i + 1;
        out.push(r);
    }
    out
}

proptest::proptest! {
    #[test]
    fn sampling_by_selection_picks_what_sorting_everything_picks(
        rows in proptest::collection::vec((0u8..6, 0u8..5, 0u8..5, 1usize..4, proptest::bool::ANY), 0..60),
        n in 0usize..12,
    ) {
        // Few ids and levels, so ties of every kind occur (the same learner twice included).
        let rows: Vec<SuccessRow> = rows
            .into_iter()
            .map(|(id, start, latest, checks, adopted)| SuccessRow {
                behaviour: "b".into(),
                group: Group::Strongest,
                rank: 0,
                learner: format!("learner-{id}"),
                name: adopted.then(|| format!("Name {start}")),
                role: "r".into(),
                start,
                latest,
                checks,
                adopted,
            })
            .collect();
        proptest::prop_assert_eq!(sample(rows.clone(), n), sample_by_sorting(rows, n));
    }
}

#[test]
fn only_an_answer_with_no_statement_and_no_more_is_an_empty_page() {
    assert!(Insights::page_is_empty(r#"{"statements":[],"more":""}"#));
    assert!(Insights::page_is_empty(r#"{"statements":[]}"#));
    assert!(!Insights::page_is_empty(
        r#"{"statements":[],"more":"/xapi/statements?page=2"}"#
    ));
    assert!(!Insights::page_is_empty(
        r#"{"statements":[{"id":"x"}],"more":""}"#
    ));
    // An answer that is not a page is not "nothing new": the dashboard reads the usual way.
    for not_a_page in [
        "",
        "[]",
        "{}",
        r#"{"statements":null}"#,
        "<html>",
        r#"{"statements":[]"#,
    ] {
        assert!(!Insights::page_is_empty(not_a_page), "{not_a_page:?}");
    }
}

#[test]
fn kept_figures_read_back_as_the_report_they_were_counted_from_and_only_for_that_visit() {
    let p = coaching();
    let cfg = config(600, 13);
    let cohort = generate(&p, &cfg);
    let folded = insights(&p, cfg.as_of, &json_of(&cohort)).keyed(b"admin secret");
    let report = folded.report(&Filter::default());
    assert!(
        report.learners.len() > SNAPSHOT_LEARNERS,
        "enough learners to cut the list"
    );
    let since = Some("2027-05-09T10:00:00Z".to_string());
    for names in [false, true] {
        let kept = KeptFigures::of(&p, &report, 1234, names, since.clone());
        let back = KeptFigures::read(&kept.to_json(), &p, cfg.as_of, names).expect("reads back");
        assert_eq!(back, kept);
        assert_eq!(back.since, since);
        // What the dashboard shows from them is what a service snapshot of the same fold shows.
        assert_eq!(
            back.snapshot,
            Snapshot::of(report.clone(), report.courses(), 1234, names)
        );
        assert_eq!(back.snapshot.learners, report.learners.len());
        let ids = |rows: &[LearnerRow]| rows.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&back.snapshot.report.learners),
            ids(&report.learners[..SNAPSHOT_LEARNERS]),
            "the first learners of the list, as a snapshot has them"
        );
        let has_names = back
            .snapshot
            .report
            .learners
            .iter()
            .any(|l| l.name.is_some());
        assert_eq!(has_names, names, "names kept only where they may be shown");
        // Another choice of names, another day or another program: not these figures.
        assert_eq!(
            KeptFigures::read(&kept.to_json(), &p, cfg.as_of, !names).err(),
            Some(StaleFigures::OtherNames)
        );
        assert_eq!(
            KeptFigures::read(
                &kept.to_json(),
                &p,
                cfg.as_of.next_day().expect("a day"),
                names
            )
            .err(),
            Some(StaleFigures::OtherDay)
        );
    }
    let kept = KeptFigures::of(&p, &report, 1234, false, since);
    let mut other = p.clone();
    other.title.push_str(" (revised)");
    assert_eq!(
        KeptFigures::read(&kept.to_json(), &other, cfg.as_of, false).err(),
        Some(StaleFigures::OtherProgram)
    );
    let mut old = kept.clone();
    old.format = KEPT_FIGURES_FORMAT + 1;
    assert_eq!(
        KeptFigures::read(&old.to_json(), &p, cfg.as_of, false).err(),
        Some(StaleFigures::Unreadable)
    );
    let text = kept.to_json();
    assert_eq!(
        KeptFigures::read(&text[..text.len() / 2], &p, cfg.as_of, false).err(),
        Some(StaleFigures::Unreadable)
    );
    assert_eq!(
        KeptFigures::read("", &p, cfg.as_of, false).err(),
        Some(StaleFigures::Unreadable)
    );
}

#[test]
fn folding_a_then_b_equals_folding_both_whatever_is_saved_between() {
    let p = coaching();
    let cfg = config(250, 5);
    let cohort = generate(&p, &cfg);
    let all = json_of(&cohort);
    let whole = insights(&p, cfg.as_of, &all);
    for cut in [0, 1, all.len() / 3, all.len() - 1, all.len()] {
        let (a, b) = all.split_at(cut);
        let first = insights(&p, cfg.as_of, a);
        let mut later = Insights::restore(&p, cfg.as_of, b"", &first.save()).expect("restores");
        for s in b {
            later.add_text(&s.to_string());
        }
        for f in filters(&p) {
            assert_eq!(later.report(&f), whole.report(&f), "cut {cut}, {f:?}");
        }
    }
}

#[test]
fn a_snapshot_keeps_the_figures_and_drops_names_unless_allowed() {
    let p = coaching();
    let cfg = config(700, 8);
    let cohort = generate(&p, &cfg);
    let report = insights(&p, cfg.as_of, &json_of(&cohort)).report(&Filter::default());
    assert!(report.learners.len() > SNAPSHOT_LEARNERS, "enough to cut");
    assert!(
        report.learners.iter().any(|l| l.name.is_some()),
        "names to drop"
    );
    let courses = report.courses();
    let sent = Snapshot::of(report.clone(), courses.clone(), 1, false);
    let read: Snapshot =
        serde_json::from_str(&serde_json::to_string(&sent).expect("writes")).expect("reads");
    assert_eq!(read, sent);
    assert_eq!(read.learners, report.learners.len());
    assert_eq!(read.report.learners.len(), SNAPSHOT_LEARNERS);
    assert_eq!(read.courses, courses);
    assert_eq!(courses.len(), 3);
    assert!(read.report.learners.iter().all(|l| l.name.is_none()));
    assert!(read.report.success.rows.iter().all(|s| s.name.is_none()));
    assert!(read
        .report
        .teams
        .rows
        .iter()
        .all(|t| t.leader_name.is_none()));
    assert_eq!(read.report.funnel, report.funnel);
    assert_eq!(read.report.seen, report.seen);
    let named = Snapshot::of(report.clone(), courses, 1, true);
    assert_eq!(
        named.report.learners[..],
        report.learners[..SNAPSHOT_LEARNERS]
    );
}

#[test]
fn a_refusal_late_in_a_streamed_page_counts_each_statement_once() {
    let p = coaching();
    let cfg = config(30, 4);
    let cohort = generate(&p, &cfg);
    let all = json_of(&cohort);
    // A repeated key in the last statement: the typed reading has folded the others by then.
    let mut items: Vec<String> = all.iter().map(Value::to_string).collect();
    items.push(all[0].to_string());
    let last = items.last_mut().expect("a statement");
    last.insert_str(1, r#""id": "not-this-one", "#);
    let text = format!(r#"{{"statements": [{}], "more": ""}}"#, items.join(","));
    let mut streamed = Insights::new(&p, cfg.as_of);
    streamed.add_page_text(&text).expect("reads");
    let mut tree = Insights::new(&p, cfg.as_of);
    tree.add_page(&serde_json::from_str(&text).expect("JSON"));
    assert_eq!(streamed.intake(), tree.intake());
    assert_eq!(streamed.intake().duplicates, 1);
    assert_eq!(
        streamed.report(&Filter::default()),
        tree.report(&Filter::default())
    );
}

/// The report adds each learner's facts into one reused `Facts`: what one learner leaves there
/// (a pause, a moved step, a rating) must not reach the next. So each learner's row, and every
/// summed panel, must equal what a fold of that learner's statements alone gives.
#[test]
fn each_learners_part_of_a_report_is_their_statements_alone() {
    let p = coaching();
    let cfg = config(60, 11);
    let statements = json_of(&generate(&p, &cfg));
    let whole = insights(&p, cfg.as_of, &statements).report(&Filter::default());
    let mut by_actor: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for s in &statements {
        by_actor
            .entry(s["actor"].to_string())
            .or_default()
            .push(s.clone());
    }
    assert!(by_actor.len() > 40, "the cohort has learners enough");
    let mut rows = Vec::new();
    let mut steps = vec![StepCounts::default(); p.schedule.len()];
    let mut funnel = vec![0; whole.funnel.rows.len()];
    let mut baseline = vec![(0, 0, 0, 0); whole.baseline.rows.len()];
    let mut adopted = vec![(0, 0); whole.adoption.trend.len()];
    for own in by_actor.values() {
        let alone = insights(&p, cfg.as_of, own).report(&Filter::default());
        rows.extend(alone.learners);
        for (sum, r) in steps.iter_mut().zip(&alone.reinforcement.rows) {
            let c = r.counts;
            sum.on_time += c.on_time;
            sum.late += c.late;
            sum.skipped += c.skipped;
            sum.missed += c.missed;
            sum.open += c.open;
            sum.snoozed += c.snoozed;
            sum.rescheduled += c.rescheduled;
        }
        for (sum, r) in funnel.iter_mut().zip(&alone.funnel.rows) {
            *sum += r.learners;
        }
        for (sum, r) in baseline.iter_mut().zip(&alone.baseline.rows) {
            *sum = (
                sum.0 + r.learners,
                sum.1 + r.latest_sum,
                sum.2 + r.not_rated_yet,
                sum.3 + r.without_baseline,
            );
        }
        for (sum, r) in adopted.iter_mut().zip(&alone.adoption.trend) {
            *sum = (sum.0 + r.share.learners, sum.1 + r.share.adopted);
        }
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(rows, whole.learners);
    let whole_steps: Vec<StepCounts> = whole.reinforcement.rows.iter().map(|r| r.counts).collect();
    assert_eq!(steps, whole_steps);
    let whole_funnel: Vec<usize> = whole.funnel.rows.iter().map(|r| r.learners).collect();
    assert_eq!(funnel, whole_funnel);
    let whole_baseline: Vec<_> = whole
        .baseline
        .rows
        .iter()
        .map(|r| {
            (
                r.learners,
                r.latest_sum,
                r.not_rated_yet,
                r.without_baseline,
            )
        })
        .collect();
    assert_eq!(baseline, whole_baseline);
    let whole_adopted: Vec<_> = whole
        .adoption
        .trend
        .iter()
        .map(|r| (r.share.learners, r.share.adopted))
        .collect();
    assert_eq!(adopted, whole_adopted);
    assert!(
        steps.iter().any(|c| c.rescheduled > 0) && steps.iter().any(|c| c.missed > 0),
        "the cohort moves and misses steps, so a leak would show"
    );
}
