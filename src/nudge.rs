//! Reinforcement that reaches people: which reflection step earns a learner a
//! message now, under the admin's caps and quiet hours.
//!
//! The service calls this for each learner and program it holds a plan for;
//! the schedule core decides what is due, this module only decides whether a
//! message about it is owed. Nothing here sends or stores anything: the
//! service records each message it claims and hands that history back in.

use time::{Date, Time};

use crate::plan::Plan;
use crate::program::{Program, Step};
use crate::schedule::{self, Status};

/// The admin's limits on messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Days a due step stays open before its one reminder.
    pub remind_after_days: u32,
    /// At most this many messages about one step, reminders included.
    pub max_per_step: u32,
    /// Local times between which nothing is sent (`start`, `end`); the span may cross
    /// midnight (20:00 to 08:00).
    pub quiet: Option<(Time, Time)>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            remind_after_days: 3,
            max_per_step: 2,
            quiet: Some((hm(20, 0), hm(8, 0))),
        }
    }
}

fn hm(hour: u8, minute: u8) -> Time {
    Time::from_hms(hour, minute, 0).unwrap_or(Time::MIDNIGHT)
}

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The step has come due.
    Due,
    /// The step is still open days later.
    Reminder,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Due => "due",
            Kind::Reminder => "reminder",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "due" => Some(Kind::Due),
            "reminder" => Some(Kind::Reminder),
            _ => None,
        }
    }
}

/// A message already claimed for this learner and program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// The step's day offset.
    pub day: u32,
    /// The due date it was about (a snoozed step comes due again on a later date).
    pub due: Date,
    /// Due or reminder.
    pub kind: Kind,
}

/// A message owed now.
#[derive(Debug, Clone, PartialEq)]
pub struct Nudge<'p> {
    /// The step.
    pub step: &'p Step,
    /// The date it came due (after any snooze or move).
    pub due: Date,
    /// Due or reminder.
    pub kind: Kind,
    /// Whole days since it came due.
    pub overdue_days: u32,
}

/// Whether `local` falls in the policy's quiet hours.
pub fn is_quiet(policy: &Policy, local: Time) -> bool {
    match policy.quiet {
        None => false,
        Some((start, end)) if start <= end => start <= local && local < end,
        Some((start, end)) => local >= start || local < end,
    }
}

/// The message owed to a learner about `program` on their local `today`, if any.
///
/// Only the step the learner would be shown now counts (the schedule's one catch-up
/// prompt): nothing for steps answered, skipped, snoozed, missed or not yet due. A step
/// gets one message when it comes due and one reminder once it has stayed open for
/// `remind_after_days`, never more than `max_per_step` in all; a snoozed step that comes
/// due again may get its own message within the same cap, since the learner asked to be
/// reminded later.
pub fn owed<'p>(
    program: &'p Program,
    plan: &Plan,
    today: Date,
    sent: &[Sent],
    policy: &Policy,
) -> Option<Nudge<'p>> {
    let views = schedule::timeline(program, plan, today);
    let view = schedule::current(&views)?;
    let Status::Due { overdue_days } = view.status else {
        return None;
    };
    let due = today
        .checked_sub(time::Duration::days(overdue_days.into()))
        .unwrap_or(today);
    let day = view.step.day;
    let about_step = || sent.iter().filter(|s| s.day == day);
    if about_step().count() >= policy.max_per_step as usize {
        return None;
    }
    let already = |kind: Kind| about_step().any(|s| s.due == due && s.kind == kind);
    let kind = if !already(Kind::Due) {
        Kind::Due
    } else if overdue_days >= policy.remind_after_days && !already(Kind::Reminder) {
        Kind::Reminder
    } else {
        return None;
    };
    Some(Nudge {
        step: view.step,
        due,
        kind,
        overdue_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{apply, Action, Commitment, Now};
    use crate::program::{parse, Format};
    use time::macros::date;

    const PROGRAM: &str = include_str!("../tests/fixtures/minimal.toml");

    fn program() -> Program {
        match parse(PROGRAM, Format::Toml) {
            Ok(p) => p,
            Err(e) => panic!("test program: {e:?}"),
        }
    }

    fn committed(program: &Program, on: Date) -> Plan {
        let mut plan = Plan::default();
        let now = Now::local(on, 10, 0);
        apply(
            program,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now,
        )
        .expect("role");
        let c = Commitment {
            behaviour: "give-feedback".into(),
            text: "Do it".into(),
            when_where: "Mondays".into(),
        };
        let commit = Action::Commit {
            commitments: vec![c],
            baselines: [("give-feedback".to_string(), 0)].into_iter().collect(),
            why: String::new(),
        };
        apply(program, &mut plan, commit, now).expect("commit");
        plan
    }

    fn sent(day: u32, due: Date, kind: Kind) -> Sent {
        Sent { day, due, kind }
    }

    #[test]
    fn nothing_before_the_step_comes_due_then_one_message_then_one_reminder() {
        let p = program();
        let plan = committed(&p, date!(2026 - 03 - 01));
        let policy = Policy::default();
        assert_eq!(owed(&p, &plan, date!(2026 - 03 - 02), &[], &policy), None);
        let first = owed(&p, &plan, date!(2026 - 03 - 03), &[], &policy).expect("due");
        assert_eq!(
            (first.step.day, first.kind, first.due),
            (2, Kind::Due, date!(2026 - 03 - 03))
        );
        let history = [sent(2, date!(2026 - 03 - 03), Kind::Due)];
        assert_eq!(
            owed(&p, &plan, date!(2026 - 03 - 05), &history, &policy),
            None
        );
        let again = owed(&p, &plan, date!(2026 - 03 - 06), &history, &policy).expect("reminder");
        assert_eq!((again.kind, again.overdue_days), (Kind::Reminder, 3));
        let history = [history[0], sent(2, date!(2026 - 03 - 03), Kind::Reminder)];
        assert_eq!(
            owed(&p, &plan, date!(2026 - 03 - 07), &history, &policy),
            None
        );
    }

    #[test]
    fn answered_skipped_and_snoozed_steps_get_nothing() {
        let p = program();
        let on = date!(2026 - 03 - 03);
        let now = Now::local(on, 10, 0);
        let history = [sent(2, on, Kind::Due)];
        let later = date!(2026 - 03 - 05);
        let mut answered = committed(&p, date!(2026 - 03 - 01));
        let answer = Action::Answer {
            day: 2,
            text: "Went well".into(),
            ratings: Default::default(),
        };
        apply(&p, &mut answered, answer, now).expect("answer");
        assert_eq!(
            owed(&p, &answered, later, &history, &Policy::default()),
            None
        );
        let mut skipped = committed(&p, date!(2026 - 03 - 01));
        apply(&p, &mut skipped, Action::Skip { day: 2 }, now).expect("skip");
        assert_eq!(
            owed(&p, &skipped, later, &history, &Policy::default()),
            None
        );
        let mut snoozed = committed(&p, date!(2026 - 03 - 01));
        let until = date!(2026 - 03 - 07);
        apply(&p, &mut snoozed, Action::Snooze { day: 2, until }, now).expect("snooze");
        assert_eq!(
            owed(&p, &snoozed, later, &history, &Policy::default()),
            None
        );
        // Due again on the day the learner asked for: a message of its own, within the cap.
        let back = owed(&p, &snoozed, until, &history, &Policy::default()).expect("due again");
        assert_eq!((back.kind, back.due), (Kind::Due, until));
        let capped = Policy {
            max_per_step: 1,
            ..Policy::default()
        };
        assert_eq!(owed(&p, &snoozed, until, &history, &capped), None);
    }

    #[test]
    fn a_learner_back_late_is_told_of_the_one_catch_up_step_only() {
        let p = program();
        let plan = committed(&p, date!(2026 - 03 - 01));
        let late = owed(&p, &plan, date!(2026 - 03 - 20), &[], &Policy::default()).expect("due");
        assert_eq!((late.step.day, late.overdue_days), (7, 12));
        assert_eq!(
            owed(
                &p,
                &Plan::default(),
                date!(2026 - 03 - 20),
                &[],
                &Policy::default()
            ),
            None
        );
    }

    #[test]
    fn quiet_hours_may_cross_midnight() {
        let policy = Policy::default();
        assert!(is_quiet(&policy, hm(22, 30)));
        assert!(is_quiet(&policy, hm(7, 59)));
        assert!(!is_quiet(&policy, hm(8, 0)));
        assert!(!is_quiet(&policy, hm(19, 59)));
        let lunch = Policy {
            quiet: Some((hm(12, 0), hm(13, 0))),
            ..Policy::default()
        };
        assert!(is_quiet(&lunch, hm(12, 30)));
        assert!(!is_quiet(&lunch, hm(13, 0)));
        assert!(!is_quiet(
            &Policy {
                quiet: None,
                ..Policy::default()
            },
            hm(3, 0)
        ));
    }

    #[test]
    fn kinds_round_trip_their_stored_names() {
        for k in [Kind::Due, Kind::Reminder] {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("other"), None);
    }
}
