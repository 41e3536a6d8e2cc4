//! Panels 8 and 9: how others see each behaviour, and team coverage.

use super::*;
use crate::cohort::Truth;
use crate::team::{team_iri, Team};
use crate::xapi::{observations_for, team_membership, Agent, Group, Observed, Setting};

const SECRET: &[u8] = b"dashboard key";

fn report_of(p: &Program, cohort: &Cohort, as_of: Date, filter: &Filter) -> Report {
    insights(p, as_of, &json_of(cohort))
        .keyed(SECRET)
        .report(filter)
}

fn role_and_course(filter: &Filter) -> impl Fn(&TrueLearner) -> bool + '_ {
    move |l: &TrueLearner| {
        filter.role.as_deref().is_none_or(|r| r == l.role)
            && filter
                .course
                .as_deref()
                .is_none_or(|c| l.course.as_deref() == Some(c))
    }
}

fn keeps<'f>(filter: &'f Filter) -> impl Fn(&TrueLearner) -> bool + 'f {
    move |l: &TrueLearner| {
        role_and_course(filter)(l)
            && match (filter.cohort_from, filter.cohort_to) {
                (None, None) => true,
                (from, to) => l
                    .committed
                    .is_some_and(|c| from.is_none_or(|d| c >= d) && to.is_none_or(|d| c <= d)),
            }
    }
}

fn check(p: &Program, cohort: &Cohort, filter: &Filter, what: &str) {
    let truth: &Truth = &cohort.truth;
    let r = report_of(p, cohort, truth.as_of, filter);
    let mut seen = truth.seen(keeps(filter));
    if let Some(role) = &filter.role {
        seen.rows.retain(|row| &row.about == role);
    }
    assert_eq!(r.seen, seen, "how others see: {what}");
    assert_eq!(
        r.teams,
        truth.teams(SECRET, role_and_course(filter)),
        "team coverage: {what}"
    );
}

#[test]
fn self_and_observed_and_team_coverage_equal_the_truth_under_every_filter() {
    let p = coaching();
    for (n, seed) in [(60, 1), (400, 7), (400, 1234)] {
        let cfg = config(n, seed);
        let cohort = generate(&p, &cfg);
        check(&p, &cohort, &Filter::default(), &format!("seed {seed}"));
        for role in &p.roles {
            let filter = Filter {
                role: Some(role.id.clone()),
                ..Filter::default()
            };
            check(
                &p,
                &cohort,
                &filter,
                &format!("role {}, seed {seed}", role.id),
            );
        }
        for course in &cfg.course_ids {
            let filter = Filter {
                course: Some(course.clone()),
                ..Filter::default()
            };
            check(
                &p,
                &cohort,
                &filter,
                &format!("course {course}, seed {seed}"),
            );
        }
        let filter = Filter {
            cohort_from: Some(date!(2027 - 01 - 18)),
            cohort_to: Some(date!(2027 - 02 - 07)),
            ..Filter::default()
        };
        check(&p, &cohort, &filter, &format!("cohort dates, seed {seed}"));
    }
}

#[test]
fn the_simulated_teams_exercise_every_flag_and_observers_see_the_true_level() {
    let p = coaching();
    let cfg = config(400, 7);
    let cohort = generate(&p, &cfg);
    let t = &cohort.truth;
    let r = report_of(&p, &cohort, t.as_of, &Filter::default());
    let teams = &r.teams;
    assert!(teams.count() >= 40, "{} teams", teams.count());
    assert!(
        teams.leaders_not_committed() >= 1,
        "a leader never committed"
    );
    assert!(
        teams.members_not_started() >= 1,
        "a team whose members never started"
    );
    assert!(t.teams.iter().any(|x| x.idle));
    assert!(teams.members() > teams.count(), "teams have members");
    // Some left (and are not counted), some came back; ratings were changed in a round.
    let left = cohort
        .statements
        .iter()
        .filter(|s| s.verb.id.ends_with("/leave"))
        .count();
    assert!(left > 0, "someone left a team");
    let mut rounds = std::collections::BTreeMap::new();
    for x in &t.ratings {
        *rounds.entry((x.rater, x.about, x.round)).or_insert(0) += 1;
    }
    assert!(
        rounds.values().any(|n| *n > 1),
        "an answer changed in a round"
    );
    // Members who skipped or missed an observation step were not asked.
    for x in &t.ratings {
        let answered = t.learners[x.rater]
            .steps
            .get(&x.round)
            .and_then(|s| s.answered);
        assert_eq!(
            answered,
            Some(x.at.date()),
            "rating only with the step's answer"
        );
    }
    // Both observations are shown, over at least their minimum of raters, near the true level.
    assert_eq!(r.seen.rows.len(), p.observations.len());
    for row in &r.seen.rows {
        let mean = row.mean_observed().expect("enough raters in 400 learners");
        assert!(row.raters >= usize::from(row.min_raters));
        assert_eq!(row.raters % usize::from(row.min_raters), 0);
        let truths: Vec<f64> = t
            .ratings
            .iter()
            .filter(|x| x.behaviour == row.behaviour)
            .map(|x| f64::from(x.true_level))
            .collect();
        let true_mean = truths.iter().sum::<f64>() / truths.len() as f64;
        assert!(
            (mean - true_mean).abs() < 0.5,
            "{}: observed {mean:.2}, true {true_mean:.2}",
            row.behaviour
        );
        assert!(row.mean_self().is_some() && row.self_learners > 0);
    }
    // Every statement the teams added is valid, and the cohort stays deterministic.
    for s in &cohort.statements {
        assert_eq!(crate::xapi::validate(s), Ok(()), "{s:?}");
    }
    let again = generate(&p, &cfg);
    assert_eq!(again.statements, cohort.statements);
    assert_eq!(again.truth.teams, t.teams);
    // Members' statements carry their team and its leader.
    let carried = cohort
        .statements
        .iter()
        .filter(|s| s.context.as_ref().is_some_and(|c| c.team.is_some()))
        .count();
    assert!(
        carried > cohort.statements.len() / 4,
        "{carried} carry a team"
    );
}

#[test]
fn the_cohort_without_teams_keeps_its_learners_exactly() {
    // Teams come on top: the learners' own statements are those they sent before teams,
    // only with the team in their context.
    let p = coaching();
    let cohort = generate(&p, &config(120, 5));
    let own: std::collections::BTreeSet<&str> = ["join", "leave", "observed"].into();
    let mut stripped: Vec<Value> = Vec::new();
    for s in &cohort.statements {
        let verb = s.verb.id.rsplit('/').next().unwrap_or_default();
        if own.contains(verb) {
            continue;
        }
        let mut s = s.clone();
        if let Some(c) = s.context.as_mut() {
            c.team = None;
            c.instructor = None;
        }
        stripped.push(serde_json::to_value(&s).expect("serializes"));
    }
    let plain = insights(&p, date!(2027 - 05 - 10), &stripped).report(&Filter::default());
    let full = insights(&p, date!(2027 - 05 - 10), &json_of(&cohort)).report(&Filter::default());
    assert_eq!(
        figures(&p, &plain, None),
        figures(&p, &full, None),
        "the other panels do not change with teams"
    );
    assert!(plain.teams.rows.is_empty() && plain.seen.rows.iter().all(|r| r.raters == 0));
}

/// A hand-made program setting: learners on one LMS, one team led by `lead`.
struct Hand {
    p: Program,
    group: Group,
    lead: Agent,
    ids: u128,
    out: Vec<Value>,
}

impl Hand {
    fn new() -> Hand {
        let p = coaching();
        let lead = agent("lead");
        let team = Team::create(
            &p,
            &crate::team::Person {
                agent: lead.clone(),
                name: "Lead".into(),
                role: "leader".into(),
            },
            "0123456789abcdef0123456789abcdef",
            "K7QFM2XP",
            date!(2027 - 01 - 04),
        )
        .expect("a leader starts a team");
        Hand {
            group: team.group(),
            p,
            lead,
            ids: 1,
            out: Vec::new(),
        }
    }

    fn setting<'a>(&'a self, who: &'a Agent, day: u32, minute: i64) -> Setting<'a> {
        Setting {
            learner: who,
            registration: None,
            course: None,
            now: time::macros::datetime!(2027-01-04 09:00 UTC)
                + time::Duration::days(i64::from(day))
                + time::Duration::minutes(minute),
            team: Some((&self.group, &self.lead)),
        }
    }

    fn push(&mut self, statements: Vec<crate::xapi::Statement>) {
        for s in statements {
            self.out.push(serde_json::to_value(&s).expect("serializes"));
        }
    }

    fn choose(&mut self, who: &Agent, role: &str) {
        let mut s = serde_json::to_value(selected(&self.p, who, role)).expect("serializes");
        s["id"] = json!(
            uuid::Builder::from_random_bytes((self.ids + 1_000_000).to_le_bytes())
                .into_uuid()
                .to_string()
        );
        self.ids += 1;
        self.out.push(s);
    }

    fn join(&mut self, who: &Agent, role: &str, joined: bool, leads: bool, day: u32) {
        let iri = team_iri(&self.p.id, "0123456789abcdef0123456789abcdef");
        let p = self.p.clone();
        let (group, lead) = (self.group.clone(), self.lead.clone());
        let setting = Setting {
            team: Some((&group, &lead)),
            ..self.setting(who, day, 0)
        };
        let mut n = self.ids;
        let mut ids = || {
            n += 1;
            uuid::Builder::from_random_bytes(n.to_le_bytes()).into_uuid()
        };
        let s = team_membership(&p, &setting, role, &iri, joined, leads, &mut ids);
        self.ids = n;
        self.push(s);
    }

    fn rate(&mut self, rater: &Agent, about: &Agent, round: u32, level: u8, minute: i64) {
        self.rate_as("team-member", rater, about, round, level, minute);
    }

    fn rate_as(
        &mut self,
        role: &str,
        rater: &Agent,
        about: &Agent,
        round: u32,
        level: u8,
        minute: i64,
    ) {
        let p = self.p.clone();
        let (group, lead) = (self.group.clone(), self.lead.clone());
        let setting = Setting {
            team: Some((&group, &lead)),
            ..self.setting(rater, round, minute)
        };
        let mut n = self.ids;
        let mut ids = || {
            n += 1;
            uuid::Builder::from_random_bytes(n.to_le_bytes()).into_uuid()
        };
        let rated = [Observed {
            behaviour: "give-specific-feedback",
            about,
            level,
        }];
        let s = observations_for(&p, &setting, role, round, &rated, &mut ids);
        self.ids = n;
        self.push(s);
    }

    fn report(&self) -> Report {
        insights(&self.p, date!(2027 - 06 - 30), &self.out)
            .keyed(SECRET)
            .report(&Filter::default())
    }
}

fn agent(name: &str) -> Agent {
    Agent::account("https://lms.example.org", name, Some(name))
}

/// A `selected` statement for `role`, made by the catalogue.
fn selected(p: &Program, who: &Agent, role: &str) -> crate::xapi::Statement {
    let before = crate::plan::Plan::default();
    let mut after = before.clone();
    let now = crate::plan::Now {
        today: date!(2027 - 01 - 04),
        at: time::macros::datetime!(2027-01-04 08:00 UTC),
    };
    let action = crate::plan::Action::ChooseRole { role: role.into() };
    crate::plan::apply(p, &mut after, action.clone(), now).expect("a role of the program");
    let setting = Setting {
        learner: who,
        registration: None,
        course: None,
        now: now.at,
        team: None,
    };
    let mut ids = || uuid::Uuid::from_u128(0x0123_4567_89ab_4def_8123_4567_89ab_cdef);
    crate::xapi::statements_for(p, &before, &after, &action, &setting, &mut ids)
        .into_iter()
        .next()
        .expect("choosing a role sends `selected`")
}

fn leader_row(r: &Report) -> SeenRow {
    r.seen
        .rows
        .iter()
        .find(|x| x.about == "leader")
        .cloned()
        .expect("the leader observation")
}

#[test]
fn observed_means_wait_for_the_minimum_and_one_new_rater_never_moves_them() {
    let mut h = Hand::new();
    let lead = h.lead.clone();
    h.choose(&lead, "leader");
    h.join(&lead, "leader", true, true, 0);
    let raters: Vec<Agent> = ["ben", "chloe", "dev", "eve", "finn", "gus"]
        .iter()
        .map(|n| agent(n))
        .collect();
    for r in &raters {
        h.choose(r, "team-member");
        h.join(r, "team-member", true, false, 1);
    }
    h.rate(&raters[0], &lead, 21, 4, 0);
    h.rate(&raters[1], &lead, 21, 2, 1);
    let two = leader_row(&h.report());
    assert_eq!((two.raters, two.waiting, two.mean_observed()), (0, 2, None));
    assert_eq!(
        (two.observed_people, two.observed_sum, two.needed()),
        (0, 0, 1)
    );
    h.rate(&raters[2], &lead, 21, 3, 2);
    let three = leader_row(&h.report());
    assert_eq!((three.raters, three.mean_observed()), (3, Some(3.0)));
    assert_eq!(three.observed_people, 1);
    // A fourth and fifth rater, and a changed answer in the same round: no change.
    h.rate(&raters[3], &lead, 21, 0, 3);
    h.rate(&raters[4], &lead, 21, 0, 4);
    h.rate(&raters[0], &lead, 21, 0, 5);
    let five = leader_row(&h.report());
    assert_eq!(
        (five.raters, five.waiting, five.mean_observed()),
        (3, 2, Some(3.0))
    );
    // A later round is the rater's latest view of the person; raters keep their place in line.
    h.rate(&raters[0], &lead, 45, 1, 0);
    let later = leader_row(&h.report());
    assert_eq!(later.mean_observed(), Some(2.0), "(1 + 2 + 3) / 3");
    // The sixth completes a block of three more.
    h.rate(&raters[5], &lead, 21, 0, 6);
    let six = leader_row(&h.report());
    assert_eq!((six.raters, six.mean_observed()), (6, Some(1.0)));
    // The leader rating themselves, or a stakeholder (not among the raters asked), counts not.
    h.rate_as("leader", &lead, &lead, 45, 4, 9);
    let sam = agent("sam");
    h.choose(&sam, "stakeholder");
    h.rate_as("stakeholder", &sam, &lead, 45, 4, 10);
    assert_eq!(leader_row(&h.report()), six);
}

#[test]
fn membership_is_the_latest_join_or_leave_and_teams_are_pseudonymous() {
    let mut h = Hand::new();
    let lead = h.lead.clone();
    let (ana, ben) = (agent("ana"), agent("ben"));
    h.choose(&lead, "leader");
    h.choose(&ana, "team-member");
    h.choose(&ben, "team-member");
    h.join(&lead, "leader", true, true, 0);
    h.join(&ana, "team-member", true, false, 1);
    h.join(&ben, "team-member", true, false, 1);
    h.join(&ben, "team-member", false, false, 5);
    let r = h.report();
    assert_eq!(r.teams.count(), 1);
    let row = &r.teams.rows[0];
    assert_eq!(row.members, 1, "Ben left");
    assert!(row.team.starts_with("team-") && row.team.len() == 17);
    assert_eq!(
        row.team,
        team_pseudonym(SECRET, &h.p.id, "0123456789abcdef0123456789abcdef")
    );
    assert_ne!(
        row.team,
        team_pseudonym(b"other", &h.p.id, "0123456789abcdef0123456789abcdef")
    );
    assert_eq!(
        row.leader.as_deref(),
        Some(pseudonym(SECRET, "account:https://lms.example.org|lead").as_str())
    );
    assert!(row.leader_never_committed() && row.members_never_started());
    assert_eq!(
        (
            r.teams.leaders_not_committed(),
            r.teams.members_not_started()
        ),
        (1, 1)
    );
    // Voiding Ben's leave puts him back in; voiding a join takes him out.
    let leave_id = h
        .out
        .iter()
        .find(|s| {
            s["verb"]["id"]
                .as_str()
                .is_some_and(|v| v.ends_with("/leave"))
        })
        .map(|s| s["id"].clone())
        .expect("Ben's leave");
    let mut voided = h.out.clone();
    let mut void = h.out[0].clone();
    void["id"] = json!("6b1f3c2e-0000-4000-8000-00000000fee1");
    void["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/voided");
    void["object"] = json!({"objectType": "StatementRef", "id": leave_id});
    voided.insert(0, void);
    let r = insights(&h.p, date!(2027 - 06 - 30), &voided).report(&Filter::default());
    assert_eq!(r.teams.rows[0].members, 2, "the leave was voided");
    // Ben back: the latest wins, whatever order the statements arrive in.
    h.join(&ben, "team-member", true, false, 9);
    h.out.reverse();
    assert_eq!(h.report().teams.rows[0].members, 2);
    // The CSV names teams and leaders by pseudonym only.
    let csv = h.report().teams.to_csv();
    assert!(csv.starts_with("team,leader,leader_role,leader_committed,members,"));
    assert!(!csv.contains("lead|") && !csv.contains("Lead"));
    assert!(csv.contains(&row.team) && csv.contains(",yes,yes\r\n"));
}

#[test]
fn odd_team_and_observer_statements_are_skipped_without_panicking() {
    let mut h = Hand::new();
    let lead = h.lead.clone();
    let ana = agent("ana");
    h.choose(&lead, "leader");
    h.choose(&ana, "team-member");
    h.join(&lead, "leader", true, true, 0);
    h.rate(&ana, &lead, 21, 3, 0);
    let good = h.report();
    let base = h.out.clone();
    let join = base
        .iter()
        .find(|s| {
            s["verb"]["id"]
                .as_str()
                .is_some_and(|v| v.ends_with("/join"))
        })
        .cloned()
        .expect("a join");
    let rating = base
        .iter()
        .find(|s| {
            s["verb"]["id"]
                .as_str()
                .is_some_and(|v| v.ends_with("/observed"))
        })
        .cloned()
        .expect("a rating");
    let ext = |s: &mut Value, k: &str, v: Value| {
        s["context"]["extensions"][format!("https://throughline.app/xapi/extensions/{k}")] = v;
    };
    let mut odd = Vec::new();
    let mut n = 0u128;
    let mut with = |mut s: Value, change: &dyn Fn(&mut Value)| {
        n += 1;
        s["id"] =
            json!(uuid::Uuid::from_u128(0xabcd_0000_0000_4000_8000_0000_0000_0000 + n).to_string());
        change(&mut s);
        odd.push(s);
    };
    with(join.clone(), &|s| {
        s["object"]["id"] = json!(format!("{}/teams/", h.p.id))
    });
    with(join.clone(), &|s| {
        s["object"]["id"] = json!(format!("{}/teams/a/b", h.p.id))
    });
    with(join.clone(), &|s| s["object"] = json!(7));
    with(join.clone(), &|s| ext(s, "leads", json!("maybe")));
    with(rating.clone(), &|s| ext(s, "observed", json!("lead")));
    with(rating.clone(), &|s| {
        ext(s, "observed", json!({"name": "no identifier"}))
    });
    with(rating.clone(), &|s| ext(s, "step", json!(null)));
    with(rating.clone(), &|s| s["result"]["score"]["raw"] = json!(99));
    with(rating.clone(), &|s| s["result"]["score"]["raw"] = json!(-1));
    with(rating.clone(), &|s| s["result"] = json!([]));
    with(rating.clone(), &|s| {
        s["object"]["id"] = json!("https://elsewhere.example/behaviours/x")
    });
    let all: Vec<Value> = base.iter().cloned().chain(odd.iter().cloned()).collect();
    let r = insights(&h.p, date!(2027 - 06 - 30), &all)
        .keyed(SECRET)
        .report(&Filter::default());
    assert_eq!(
        r.teams, good.teams,
        "odd joins name no team, nor unmake a leader"
    );
    assert_eq!(r.seen, good.seen);
    assert_eq!(
        r.intake.kept,
        base.len() + odd.len(),
        "all are of the program still"
    );
    // `leads` written as text counts; `"maybe"` does not.
    let mut text_leads = join.clone();
    ext(&mut text_leads, "leads", json!("true"));
    let mut plain = base
        .iter()
        .filter(|s| s["verb"]["id"] != join["verb"]["id"])
        .cloned()
        .collect::<Vec<_>>();
    plain.push(text_leads);
    let r = insights(&h.p, date!(2027 - 06 - 30), &plain).report(&Filter::default());
    assert!(r.teams.rows[0].leader.is_some());
}

#[test]
fn the_new_panels_export_as_csv_with_the_reports_numbers() {
    let p = coaching();
    let cfg = config(400, 7);
    let cohort = generate(&p, &cfg);
    let r = report_of(&p, &cohort, cfg.as_of, &Filter::default());
    let seen = r.seen.to_csv();
    let lines: Vec<&str> = seen.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "behaviour,role_observed,self_learners,mean_self,raters,people_observed,mean_observed,min_raters,raters_waiting"
    );
    assert_eq!(lines.len(), 1 + r.seen.rows.len());
    for (line, row) in lines[1..].iter().zip(&r.seen.rows) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], row.behaviour);
        assert_eq!(cells[4], row.raters.to_string());
        assert_eq!(
            cells[6],
            row.mean_observed()
                .map_or(String::new(), |m| format!("{m:.2}"))
        );
    }
    let teams = r.teams.to_csv();
    assert_eq!(
        teams.split("\r\n").filter(|l| !l.is_empty()).count(),
        1 + r.teams.count()
    );
    assert_eq!(
        teams.matches(",yes\r\n").count(),
        r.teams.members_not_started()
    );
}
