//! Reinforcement by design: when each reflection step is due and what the
//! learner sees now.
//!
//! Due dates are calendar dates in the learner's own time zone (day offsets
//! from the day they committed), so a prompt never moves with daylight saving
//! or travel. A learner who comes back late gets exactly one catch-up prompt:
//! the latest step that has come due; earlier unresolved steps count as missed.
//!
//! Learners set their own cadence within the program's bounds ([`crate::plan::Rhythm`]):
//! a step moved a few days, a weekday (a step falls on the next chosen weekday on or after
//! its day), pauses (the schedule's clock stops, so steps that would fall due during a pause
//! come after it, spaced as before, and a paused learner has nothing due). A change never
//! moves a step that has already come due, so a closed step never reopens.
//! [`due_dates`] is the one place that turns these into dates; the dashboard uses it too.

use time::{Date, Duration};

use crate::plan::{Outcome, Plan, Rhythm};
use crate::program::{Program, Step, Weekday};

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
    /// Came due before the learner paused; due again when the pause ends.
    Paused {
        /// First day back.
        until: Date,
    },
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
    /// Calendar date it falls due, with the learner's own cadence (not snoozes).
    pub due: Date,
    /// The date the program planned, before the learner's cadence.
    pub planned: Date,
    /// Where it stands today.
    pub status: Status,
}

/// The date `day` days after `start`; saturates at the calendar's end rather than failing.
pub fn due_date(start: Date, day: u32) -> Date {
    start
        .checked_add(time::Duration::days(day.into()))
        .unwrap_or(Date::MAX)
}

/// `date` moved by `days` (negative: earlier), saturating at the calendar's ends.
pub fn shifted(date: Date, days: i32) -> Date {
    date.checked_add(Duration::days(days.into()))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// The first `weekday` on or after `date`.
pub fn on_or_after(date: Date, weekday: Weekday) -> Date {
    let want = weekday.to_time().number_days_from_monday();
    let have = date.weekday().number_days_from_monday();
    shifted(date, i32::from((7 + want - have) % 7))
}

/// Every step's due date in the learner's calendar, in schedule order: the program's day
/// after `start`, moved as the learner asked, then counted past pauses (the clock stops
/// while paused), then on the weekday in force. Dates always increase, and none falls
/// inside a pause (a step due on a pause's first day had come due when it began).
pub fn due_dates(program: &Program, start: Date, rhythm: &Rhythm) -> Vec<Date> {
    // Pauses as disjoint spans in date order (two devices may have recorded overlapping ones).
    let mut spans: Vec<(Date, Date)> = rhythm
        .pauses
        .iter()
        .filter(|p| p.from < p.until)
        .map(|p| (p.from, p.until))
        .collect();
    spans.sort();
    let mut pauses: Vec<(Date, Date)> = Vec::with_capacity(spans.len());
    for (from, until) in spans {
        match pauses.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(until),
            _ => pauses.push((from, until)),
        }
    }
    let outside = |mut d: Date, weekday: Option<Weekday>| {
        // Each pass leaves a pause or moves to a later weekday, so this ends.
        for _ in 0..=pauses.len() * 2 {
            if let Some(w) = weekday {
                d = on_or_after(d, w);
            }
            match pauses.iter().find(|(from, until)| *from < d && d < *until) {
                Some((_, until)) => d = *until,
                None => break,
            }
        }
        d
    };
    let mut out: Vec<Date> = Vec::with_capacity(program.schedule.len());
    for step in &program.schedule {
        let by = rhythm.moves.get(&step.day).copied().unwrap_or(0);
        let mut d = shifted(due_date(start, step.day), by);
        for (from, until) in &pauses {
            // A step due on the pause's first day has come due: it waits (paused), unmoved.
            if d > *from {
                d = d.checked_add(*until - *from).unwrap_or(Date::MAX);
            }
        }
        let weekday = rhythm.weekday_for(d);
        d = outside(d, weekday);
        if let Some(prev) = out.last().copied().filter(|p| d <= *p) {
            d = outside(prev.next_day().unwrap_or(prev), weekday);
        }
        out.push(d);
    }
    out
}

/// Every step of the learner's schedule as of `today`; empty before they commit.
pub fn timeline<'p>(program: &'p Program, plan: &Plan, today: Date) -> Vec<StepView<'p>> {
    let Some(start) = plan.committed.as_ref().map(|m| m.date) else {
        return Vec::new();
    };
    let dues = due_dates(program, start, &plan.rhythm);
    let paused = plan.rhythm.paused_on(today).map(|p| p.until);
    let records: Vec<Option<&Outcome>> = program
        .schedule
        .iter()
        .map(|s| plan.steps.get(&s.day).map(|r| &r.outcome))
        .collect();
    let resolved =
        |o: Option<&Outcome>| matches!(o, Some(Outcome::Answered { .. } | Outcome::Skipped { .. }));
    let effective_due = |i: usize| match records[i] {
        Some(Outcome::Snoozed { until, .. }) => *until,
        _ => dues.get(i).copied().unwrap_or(Date::MAX),
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
                _ if candidate[i] => match paused {
                    Some(until) => Status::Paused { until },
                    None => Status::Due {
                        overdue_days: (today - effective_due(i)).whole_days().max(0) as u32,
                    },
                },
                Some(Outcome::Snoozed { until, .. }) => Status::Snoozed { until: *until },
                None => Status::Upcoming,
            };
            StepView {
                index: i,
                step,
                due: dues.get(i).copied().unwrap_or(Date::MAX),
                planned: due_date(start, step.day),
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
    let dues = due_dates(program, start, &plan.rhythm);
    match dues.get(index + 1) {
        Some(next) => next.previous_day(),
        None => dues.get(index)?.checked_add(time::Duration::days(30)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{apply, Action, Commitment, Now};
    use crate::program::{parse, Format, Weekday};
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
                baselines: crate::plan::tests::starts(),
                why: String::new(),
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

    #[test]
    fn a_chosen_weekday_takes_each_step_to_the_next_such_day() {
        let p = program();
        // Friday 1 January 2027: steps on days 2, 7, 21, 45 are Sun 3, Fri 8, Fri 22, Mon 15 Feb.
        let mut plan = committed(&p, date!(2027 - 01 - 01));
        let w = Action::ChooseWeekday {
            weekday: Some(Weekday::Tuesday),
        };
        apply(&p, &mut plan, w, now(date!(2027 - 01 - 01))).expect("tuesday");
        let views = timeline(&p, &plan, date!(2027 - 01 - 01));
        let dues: Vec<Date> = views.iter().map(|v| v.due).collect();
        assert_eq!(
            dues,
            [
                date!(2027 - 01 - 05),
                date!(2027 - 01 - 12),
                date!(2027 - 01 - 26),
                date!(2027 - 02 - 16)
            ]
        );
        assert_eq!(views[0].planned, date!(2027 - 01 - 03));
        assert!(dues.iter().all(|d| d.weekday() == time::Weekday::Tuesday));
        // A later change leaves steps already past where they fell.
        let mut later = plan.clone();
        let back = Action::ChooseWeekday { weekday: None };
        apply(&p, &mut later, back, now(date!(2027 - 01 - 13))).expect("program days");
        let dues: Vec<Date> = timeline(&p, &later, date!(2027 - 01 - 13))
            .iter()
            .map(|v| v.due)
            .collect();
        assert_eq!(
            dues,
            [
                date!(2027 - 01 - 05),
                date!(2027 - 01 - 12),
                date!(2027 - 01 - 22),
                date!(2027 - 02 - 15)
            ]
        );
    }

    #[test]
    fn due_dates_keep_their_order_and_stay_out_of_pauses() {
        let mut p = program();
        p.schedule[1].day = 3;
        let start = date!(2027 - 01 - 01);
        let at = |d| crate::plan::Moment::from(now(d));
        let mut r = Rhythm::default();
        // Days 2 and 3 (Sun 3, Mon 4) would both land on Wednesday 6: the second goes a week on.
        r.weekdays.push(crate::plan::WeekdayChoice {
            on: at(start),
            weekday: Some(Weekday::Wednesday),
        });
        let dues = due_dates(&p, start, &r);
        assert_eq!(dues[..2], [date!(2027 - 01 - 06), date!(2027 - 01 - 13)]);
        // Two overlapping pauses (from two devices) stop the clock once, not twice.
        r.weekdays.clear();
        for (from, until) in [
            (date!(2027 - 01 - 02), date!(2027 - 01 - 10)),
            (date!(2027 - 01 - 05), date!(2027 - 01 - 12)),
        ] {
            r.pauses.push(crate::plan::Pause {
                from,
                until,
                changed: at(from),
            });
        }
        let dues = due_dates(&p, start, &r);
        assert_eq!(dues[..2], [date!(2027 - 01 - 13), date!(2027 - 01 - 14)]);
        assert!(dues.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_paused_learner_has_nothing_due_and_misses_nothing() {
        let p = program();
        let mut plan = committed(&p, date!(2027 - 01 - 01));
        // Day 2 (3 January) came due and waits; on the 5th they go on leave until 1 February.
        let on = date!(2027 - 01 - 05);
        apply(
            &p,
            &mut plan,
            Action::Pause {
                until: date!(2027 - 02 - 01),
            },
            now(on),
        )
        .expect("pause");
        let back = date!(2027 - 02 - 01);
        let s = statuses(&p, &plan, date!(2027 - 01 - 25));
        assert_eq!(
            s,
            [
                Status::Paused { until: back },
                Status::Upcoming,
                Status::Upcoming,
                Status::Upcoming
            ]
        );
        assert_eq!(current(&timeline(&p, &plan, date!(2027 - 01 - 25))), None);
        // Steps that fell in the pause come after it, spaced as before (27 days later).
        let dues: Vec<Date> = timeline(&p, &plan, on).iter().map(|v| v.due).collect();
        assert_eq!(
            dues,
            [
                date!(2027 - 01 - 03),
                date!(2027 - 02 - 04),
                date!(2027 - 02 - 18),
                date!(2027 - 03 - 14)
            ]
        );
        // Back: the waiting step is the one catch-up prompt, and nothing was missed.
        assert_eq!(
            statuses(&p, &plan, back)[..2],
            [Status::Due { overdue_days: 29 }, Status::Upcoming]
        );
        assert_eq!(
            statuses(&p, &plan, date!(2027 - 02 - 05))[..2],
            [Status::Missed, Status::Due { overdue_days: 1 }]
        );
        assert!(matches!(
            apply(
                &p,
                &mut plan,
                Action::Skip { day: 2 },
                now(date!(2027 - 01 - 25))
            ),
            Err(crate::plan::PlanError::NotDue(2))
        ));
        // Resuming early brings the schedule back sooner; a snooze cannot pass the next step.
        apply(&p, &mut plan, Action::Resume, now(date!(2027 - 01 - 10))).expect("resume");
        assert_eq!(
            timeline(&p, &plan, date!(2027 - 01 - 10))[1].due,
            date!(2027 - 01 - 13)
        );
        assert_eq!(latest_snooze(&p, &plan, 0), Some(date!(2027 - 01 - 12)));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Whatever the learner does and however long they stay away, at most one
        /// step is due, and a closed step never reopens.
        #[test]
        fn one_prompt_at_a_time_and_closed_stays_closed(
            gaps in proptest::collection::vec(0u32..40, 1..25),
            choices in proptest::collection::vec(0u8..8, 25),
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
                // Cadence changes at any time: refused or not, the rules above must hold.
                match choice {
                    4 => { let _ = apply(&p, &mut plan, Action::Pause { until: today + time::Duration::days(i64::from(*gap % 20 + 1)) }, now(today)); }
                    5 => { let _ = apply(&p, &mut plan, Action::Resume, now(today)); }
                    6 => {
                        let w = Weekday::ALL[(*gap as usize) % 7];
                        let _ = apply(&p, &mut plan, Action::ChooseWeekday { weekday: (gap % 3 != 0).then_some(w) }, now(today));
                    }
                    7 => {
                        if let Some(next) = next_up(&views) {
                            let by = (*gap as i32 % 7) - 3;
                            let _ = apply(&p, &mut plan, Action::MoveStep { day: next.step.day, by_days: by }, now(today));
                        }
                    }
                    _ => {}
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
