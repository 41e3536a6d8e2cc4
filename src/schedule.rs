//! Reinforcement by design: when each reflection step is due and what the
//! learner sees now.
//!
//! Due dates are calendar dates in the learner's own time zone (day offsets
//! from the day they committed), so a prompt never moves with daylight saving
//! or travel. A learner who comes back late gets exactly one catch-up prompt:
//! the latest step that has come due; earlier unresolved steps count as missed.

use time::Date;

use crate::plan::{Outcome, Plan};
use crate::program::{Program, Step};

/// Where a reflection step stands for one learner on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not yet due.
    Upcoming,
    /// The one prompt to answer now; `overdue_days` is 0 on its due day.
    Due {
        /// Whole days since it came due.
        overdue_days: u32,
    },
    /// Put off by the learner until `until`.
    Snoozed {
        /// First day it is due again.
        until: Date,
    },
    /// Reflected on.
    Answered {
        /// Local date of the answer.
        on: Date,
    },
    /// Deliberately skipped.
    Skipped {
        /// Local date of the skip.
        on: Date,
    },
    /// Came due but was overtaken by a later step.
    Missed,
}

impl Status {
    /// Whether the learner can no longer act on this step.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Answered { .. } | Status::Skipped { .. } | Status::Missed
        )
    }
}

/// One step of a learner's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct StepView<'p> {
    /// Position in the program's schedule.
    pub index: usize,
    /// The step as the program defines it.
    pub step: &'p Step,
    /// Calendar date it falls due.
    pub due: Date,
    /// Where it stands today.
    pub status: Status,
}

/// The date `day` days after `start`; saturates at the calendar's end rather than failing.
pub fn due_date(start: Date, day: u32) -> Date {
    start
        .checked_add(time::Duration::days(day.into()))
        .unwrap_or(Date::MAX)
}

/// Every step of the learner's schedule as of `today`; empty before they commit.
pub fn timeline<'p>(program: &'p Program, plan: &Plan, today: Date) -> Vec<StepView<'p>> {
    let Some(start) = plan.committed.as_ref().map(|m| m.date) else {
        return Vec::new();
    };
    let records: Vec<Option<&Outcome>> = program
        .schedule
        .iter()
        .map(|s| plan.steps.get(&s.day).map(|r| &r.outcome))
        .collect();
    let resolved =
        |o: Option<&Outcome>| matches!(o, Some(Outcome::Answered { .. } | Outcome::Skipped { .. }));
    let effective_due = |i: usize| match records[i] {
        Some(Outcome::Snoozed { until, .. }) => *until,
        _ => due_date(start, program.schedule[i].day),
    };
    let candidate: Vec<bool> = (0..records.len())
        .map(|i| !resolved(records[i]) && effective_due(i) <= today)
        .collect();
    program
        .schedule
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // Any later step the learner has touched, or that has come due, overtakes this one.
            let overtaken = (i + 1..records.len()).any(|j| records[j].is_some() || candidate[j]);
            let status = match records[i] {
                Some(Outcome::Answered { on, .. }) => Status::Answered { on: *on },
                Some(Outcome::Skipped { on }) => Status::Skipped { on: *on },
                _ if overtaken
                    && (candidate[i] || effective_due(i) <= today || records[i].is_some()) =>
                {
                    Status::Missed
                }
                _ if candidate[i] => Status::Due {
                    overdue_days: (today - effective_due(i)).whole_days().max(0) as u32,
                },
                Some(Outcome::Snoozed { until, .. }) => Status::Snoozed { until: *until },
                None => Status::Upcoming,
            };
            StepView {
                index: i,
                step,
                due: due_date(start, step.day),
                status,
            }
        })
        .collect()
}

/// The step to answer now, if any.
pub fn current<'a, 'p>(views: &'a [StepView<'p>]) -> Option<&'a StepView<'p>> {
    views
        .iter()
        .find(|v| matches!(v.status, Status::Due { .. }))
}

/// The next step that will come due after today.
pub fn next_up<'a, 'p>(views: &'a [StepView<'p>]) -> Option<&'a StepView<'p>> {
    views
        .iter()
        .find(|v| matches!(v.status, Status::Upcoming | Status::Snoozed { .. }))
}

/// The last day a step may be snoozed to: the day before the next step falls due,
/// so a snooze never silently swallows a step.
pub fn latest_snooze(program: &Program, plan: &Plan, index: usize) -> Option<Date> {
    let start = plan.committed.as_ref()?.date;
    match program.schedule.get(index + 1) {
        Some(next) => due_date(start, next.day).previous_day(),
        None => {
            due_date(start, program.schedule.get(index)?.day).checked_add(time::Duration::days(30))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{apply, Action, Commitment, Now};
    use crate::program::{parse, Format};
    use proptest::prelude::*;
    use time::macros::date;

    fn program() -> Program {
        parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid fixture")
    }

    fn now(d: Date) -> Now {
        Now::local(d, 9, 0)
    }

    fn committed(p: &Program, on: Date) -> Plan {
        let mut plan = Plan::default();
        apply(
            p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now(on),
        )
        .expect("role");
        let c = Commitment {
            behaviour: "give-feedback".into(),
            text: "Feedback every check-in".into(),
            when_where: "Mondays".into(),
        };
        apply(
            p,
            &mut plan,
            Action::Commit {
                commitments: vec![c],
            },
            now(on),
        )
        .expect("commit");
        plan
    }

    fn statuses(p: &Program, plan: &Plan, today: Date) -> Vec<Status> {
        timeline(p, plan, today)
            .into_iter()
            .map(|v| v.status)
            .collect()
    }

    #[test]
    fn due_dates_follow_calendar_days() {
        let p = program();
        let plan = committed(&p, date!(2027 - 03 - 27));
        let dues: Vec<Date> = timeline(&p, &plan, date!(2027 - 03 - 27))
            .iter()
            .map(|v| v.due)
            .collect();
        assert_eq!(
            dues,
            [
                date!(2027 - 03 - 29),
                date!(2027 - 04 - 03),
                date!(2027 - 04 - 17),
                date!(2027 - 05 - 11)
            ]
        );
    }

    #[test]
    fn nothing_due_on_commit_day_then_one_at_a_time() {
        let p = program();
        let start = date!(2027 - 01 - 01);
        let plan = committed(&p, start);
        assert_eq!(current(&timeline(&p, &plan, start)), None);
        assert_eq!(
            next_up(&timeline(&p, &plan, start)).map(|v| v.index),
            Some(0)
        );
        let day2 = date!(2027 - 01 - 03);
        assert_eq!(
            statuses(&p, &plan, day2)[0],
            Status::Due { overdue_days: 0 }
        );
        assert_eq!(
            statuses(&p, &plan, date!(2027 - 01 - 05))[0],
            Status::Due { overdue_days: 2 }
        );
    }

    #[test]
    fn late_return_gets_one_catch_up_prompt() {
        let p = program();
        let plan = committed(&p, date!(2027 - 01 - 01));
        let s = statuses(&p, &plan, date!(2027 - 01 - 25));
        assert_eq!(
            s,
            [
                Status::Missed,
                Status::Missed,
                Status::Due { overdue_days: 3 },
                Status::Upcoming
            ]
        );
    }

    #[test]
    fn answered_catch_up_does_not_resurrect_earlier_steps() {
        let p = program();
        let mut plan = committed(&p, date!(2027 - 01 - 01));
        let today = date!(2027 - 01 - 25);
        let ratings = [("give-feedback".to_string(), 3u8)].into_iter().collect();
        apply(
            &p,
            &mut plan,
            Action::Answer {
                day: 21,
                text: "Better".into(),
                ratings,
            },
            now(today),
        )
        .expect("answer");
        let s = statuses(&p, &plan, today);
        assert_eq!(
            s,
            [
                Status::Missed,
                Status::Missed,
                Status::Answered { on: today },
                Status::Upcoming
            ]
        );
        assert_eq!(current(&timeline(&p, &plan, today)), None);
    }

    #[test]
    fn snooze_and_skip_are_remembered() {
        let p = program();
        let mut plan = committed(&p, date!(2027 - 01 - 01));
        let day2 = date!(2027 - 01 - 03);
        apply(
            &p,
            &mut plan,
            Action::Snooze {
                day: 2,
                until: date!(2027 - 01 - 05),
            },
            now(day2),
        )
        .expect("snooze");
        assert_eq!(
            statuses(&p, &plan, day2)[0],
            Status::Snoozed {
                until: date!(2027 - 01 - 05)
            }
        );
        assert_eq!(
            statuses(&p, &plan, date!(2027 - 01 - 05))[0],
            Status::Due { overdue_days: 0 }
        );
        apply(
            &p,
            &mut plan,
            Action::Skip { day: 2 },
            now(date!(2027 - 01 - 05)),
        )
        .expect("skip");
        assert_eq!(
            statuses(&p, &plan, date!(2027 - 01 - 06))[0],
            Status::Skipped {
                on: date!(2027 - 01 - 05)
            }
        );
    }

    #[test]
    fn snooze_cannot_pass_the_next_step() {
        let p = program();
        let mut plan = committed(&p, date!(2027 - 01 - 01));
        assert_eq!(latest_snooze(&p, &plan, 0), Some(date!(2027 - 01 - 07)));
        let err = apply(
            &p,
            &mut plan,
            Action::Snooze {
                day: 2,
                until: date!(2027 - 01 - 08),
            },
            now(date!(2027 - 01 - 03)),
        );
        assert!(err.is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Whatever the learner does and however long they stay away, at most one
        /// step is due, and a closed step never reopens.
        #[test]
        fn one_prompt_at_a_time_and_closed_stays_closed(
            gaps in proptest::collection::vec(0u32..40, 1..25),
            choices in proptest::collection::vec(0u8..4, 25),
        ) {
            let p = program();
            let mut today = date!(2027 - 06 - 01);
            let mut plan = committed(&p, today);
            let mut closed = vec![false; p.schedule.len()];
            for (gap, choice) in gaps.iter().zip(&choices) {
                today += time::Duration::days((*gap).into());
                let views = timeline(&p, &plan, today);
                let due_count = views.iter().filter(|v| matches!(v.status, Status::Due { .. })).count();
                prop_assert!(due_count <= 1);
                prop_assert!(views.windows(2).all(|w| w[0].due < w[1].due));
                for v in &views {
                    prop_assert!(!closed[v.index] || v.status.is_closed(), "step {} reopened", v.index);
                    closed[v.index] |= v.status.is_closed();
                    let earlier_closed = views[..v.index].iter().all(|e| e.status.is_closed());
                    let is_due = matches!(v.status, Status::Due { .. });
                    prop_assert!(!is_due || earlier_closed);
                }
                if let Some(cur) = current(&views) {
                    let day = cur.step.day;
                    let action = match choice {
                        0 => Action::Answer { day, text: "ok".into(), ratings: [("give-feedback".to_string(), 4u8)].into_iter().collect() },
                        1 => Action::Skip { day },
                        2 => match latest_snooze(&p, &plan, cur.index) {
                            Some(last) if last > today => Action::Snooze { day, until: today.next_day().unwrap_or(today) },
                            _ => Action::Skip { day },
                        },
                        _ => continue,
                    };
                    prop_assert!(apply(&p, &mut plan, action, now(today)).is_ok());
                }
            }
        }
    }
}
