//! Measuring adoption: turning repeated self-checks into a state per
//! behaviour (not started, trying, adopted, lapsed) and a personal trend.

use crate::plan::{Outcome, Plan};
use crate::program::{AdoptionRule, Program};

/// How far a committed behaviour has taken hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Not rated yet, or only ever rated at the bottom of the scale.
    NotStarted,
    /// Showing up, but not yet consistently enough.
    Trying,
    /// Rated at or above the program's level at enough consecutive checks.
    Adopted,
    /// Was adopted, then a later check fell below the level.
    Lapsed,
}

impl State {
    /// Plain-language label for learners and admins.
    pub fn label(self) -> &'static str {
        match self {
            State::NotStarted => "Not started",
            State::Trying => "Trying",
            State::Adopted => "Adopted",
            State::Lapsed => "Lapsed",
        }
    }
}

/// The state a series of ratings (oldest first) reaches under `rule`.
pub fn state(rule: AdoptionRule, ratings: &[u8]) -> State {
    if ratings.iter().all(|r| *r == 0) {
        return State::NotStarted;
    }
    let n = usize::from(rule.consecutive.max(1));
    let reached = |window: &[u8]| window.iter().all(|r| *r >= rule.at_least);
    if ratings.len() >= n && reached(&ratings[ratings.len() - n..]) {
        State::Adopted
    } else if ratings.windows(n).any(reached) {
        State::Lapsed
    } else {
        State::Trying
    }
}

/// One behaviour's self-check history.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Behaviour id.
    pub behaviour: String,
    /// Ratings as `(step day, scale index)`, oldest first.
    pub ratings: Vec<(u32, u8)>,
    /// The starting rating given at commitment, if any.
    pub baseline: Option<u8>,
    /// Where the behaviour stands now.
    pub state: State,
}

/// Self-check history and state for each behaviour the learner committed to.
pub fn progress(program: &Program, plan: &Plan) -> Vec<Progress> {
    plan.committed_behaviours()
        .into_iter()
        .map(|b| {
            let ratings: Vec<(u32, u8)> = plan
                .steps
                .iter()
                .filter(|(_, r)| matches!(r.outcome, Outcome::Answered { .. }))
                .filter_map(|(day, r)| r.ratings.get(b).map(|l| (*day, *l)))
                .collect();
            let levels: Vec<u8> = ratings.iter().map(|(_, l)| *l).collect();
            Progress {
                baseline: plan.baselines.get(b).copied(),
                behaviour: b.to_string(),
                state: state(program.adoption, &levels),
                ratings,
            }
        })
        .collect()
}

/// The learner's average self-rating at one check, scaled 0.0 (lowest) to 1.0 (highest).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    /// Step day of the check.
    pub day: u32,
    /// Mean rating across rated behaviours, 0..=1.
    pub mean: f64,
}

/// The learner's own trend: it starts at the baseline (day 0: the mean of the starting
/// ratings of the behaviours committed to, when they gave them), then one point per
/// answered self-check.
pub fn trend(program: &Program, plan: &Plan) -> Vec<TrendPoint> {
    let top = program.self_check.scale.len().saturating_sub(1).max(1) as f64;
    let starts: Vec<f64> = plan
        .committed_behaviours()
        .into_iter()
        .filter_map(|b| plan.baselines.get(b))
        .map(|l| f64::from(*l))
        .collect();
    let baseline = (!starts.is_empty()).then(|| TrendPoint {
        day: 0,
        mean: starts.iter().sum::<f64>() / starts.len() as f64 / top,
    });
    baseline
        .into_iter()
        .chain(
            plan.steps
                .iter()
                .filter(|(_, r)| {
                    !r.ratings.is_empty() && matches!(r.outcome, Outcome::Answered { .. })
                })
                .map(|(day, r)| {
                    let sum: f64 = r.ratings.values().map(|l| f64::from(*l)).sum();
                    TrendPoint {
                        day: *day,
                        mean: sum / r.ratings.len() as f64 / top,
                    }
                }),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{apply, Action, Commitment, Now};
    use crate::program::{parse, Format};
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use time::macros::date;

    #[test]
    fn the_trend_starts_at_the_baseline() {
        let p = parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid");
        let mut plan = Plan::default();
        let now = Now::local(date!(2027 - 01 - 01), 9, 0);
        apply(
            &p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now,
        )
        .expect("role");
        let c = Commitment {
            behaviour: "give-feedback".into(),
            text: "x".into(),
            when_where: "y".into(),
        };
        let baselines: BTreeMap<String, u8> = [("give-feedback".to_string(), 1)].into();
        let commit = Action::Commit {
            commitments: vec![c],
            baselines,
            why: String::new(),
        };
        apply(&p, &mut plan, commit, now).expect("commit");
        assert_eq!(trend(&p, &plan), vec![TrendPoint { day: 0, mean: 0.25 }]);
        let ratings: BTreeMap<String, u8> = [("give-feedback".to_string(), 3)].into();
        let answer = Action::Answer {
            day: 7,
            text: "ok".into(),
            ratings,
        };
        apply(
            &p,
            &mut plan,
            answer,
            Now::local(date!(2027 - 01 - 08), 9, 0),
        )
        .expect("answer");
        let t = trend(&p, &plan);
        assert_eq!(t.iter().map(|x| x.day).collect::<Vec<_>>(), [0, 7]);
        assert_eq!(t[1].mean, 0.75);
        let pr = progress(&p, &plan);
        assert_eq!(
            (pr[0].baseline, pr[0].state),
            (Some(1), State::Trying),
            "the baseline is not a self-check"
        );
        // A plan from before baselines existed has no starting point.
        plan.baselines.clear();
        assert_eq!(trend(&p, &plan).len(), 1);
    }

    const RULE: AdoptionRule = AdoptionRule {
        at_least: 3,
        consecutive: 2,
    };

    #[test]
    fn states_follow_the_rule() {
        assert_eq!(state(RULE, &[]), State::NotStarted);
        assert_eq!(state(RULE, &[0, 0]), State::NotStarted);
        assert_eq!(state(RULE, &[1]), State::Trying);
        assert_eq!(state(RULE, &[4]), State::Trying, "one check is not enough");
        assert_eq!(state(RULE, &[2, 3, 4]), State::Adopted);
        assert_eq!(state(RULE, &[3, 4, 2]), State::Lapsed);
        assert_eq!(state(RULE, &[3, 4, 2, 3, 3]), State::Adopted, "re-adopted");
        assert_eq!(
            state(RULE, &[3, 2, 3, 2]),
            State::Trying,
            "never two in a row"
        );
    }

    proptest! {
        #[test]
        fn adopted_iff_last_checks_reach_level(ratings in proptest::collection::vec(0u8..5, 0..12)) {
            let s = state(RULE, &ratings);
            let tail_ok = ratings.len() >= 2 && ratings[ratings.len() - 2..].iter().all(|r| *r >= 3);
            prop_assert_eq!(s == State::Adopted, tail_ok && ratings.iter().any(|r| *r > 0));
            // Appending a top rating to an adopted series keeps it adopted.
            if s == State::Adopted {
                let mut more = ratings.clone();
                more.push(4);
                prop_assert_eq!(state(RULE, &more), State::Adopted);
            }
        }
    }
}
