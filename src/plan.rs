//! A learner's plan for one program: role, commitments and what they did at
//! each reflection step. [`apply`] is the only way it changes, so every rule
//! (what may be answered when, what a commitment needs) lives in one place.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::program::Program;
use crate::schedule::{self, Status};

/// Longest commitment wording or "when / where" line.
pub const MAX_COMMITMENT_CHARS: usize = 500;
/// Longest reflection answer.
pub const MAX_REFLECTION_CHARS: usize = 4000;
/// Most commitments one learner can hold in a program.
pub const MAX_COMMITMENTS: usize = 6;

/// The learner's clock reading: their local calendar date and the instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The learner's local date, which schedules are counted in.
    pub today: Date,
    /// The instant, with the learner's UTC offset.
    pub at: OffsetDateTime,
}

impl Now {
    /// A reading at `hour:minute` UTC on `today`; convenient for tests and `?now=` overrides.
    pub fn local(today: Date, hour: u8, minute: u8) -> Now {
        let time =
            time::Time::from_hms(hour.min(23), minute.min(59), 0).unwrap_or(time::Time::MIDNIGHT);
        Now {
            today,
            at: today.with_time(time).assume_offset(UtcOffset::UTC),
        }
    }
}

/// When something happened, as the learner's calendar saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// Local calendar date.
    pub date: Date,
    /// Exact instant, kept for statements and ordering.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl From<Now> for Moment {
    fn from(now: Now) -> Moment {
        Moment {
            date: now.today,
            at: now.at,
        }
    }
}

/// One commitment, in the learner's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The behaviour it puts into practice.
    pub behaviour: String,
    /// What the learner will do.
    pub text: String,
    /// When or where they will do it: the implementation intention.
    pub when_where: String,
}

/// What the learner did with a reflection step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Reflected, in their own words.
    Answered {
        /// Local date of the answer.
        on: Date,
        /// The reflection.
        text: String,
    },
    /// Chose not to reflect this time.
    Skipped {
        /// Local date of the skip.
        on: Date,
    },
    /// Asked to be reminded later.
    Snoozed {
        /// Local date the snooze was asked for.
        on: Date,
        /// First day it is due again.
        until: Date,
    },
}

/// What is stored for one schedule step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// What the learner did.
    pub outcome: Outcome,
    /// Self-check ratings by behaviour id (index into the program's scale).
    #[serde(default)]
    pub ratings: BTreeMap<String, u8>,
}

/// Everything one learner did in one program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Chosen role id.
    #[serde(default)]
    pub role: Option<String>,
    /// Current commitments.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// When the learner first committed; the schedule counts from here.
    #[serde(default)]
    pub committed: Option<Moment>,
    /// Step records keyed by the step's day offset, so schedule edits keep history aligned.
    #[serde(default)]
    pub steps: BTreeMap<u32, StepRecord>,
    /// Last accepted change; decides which copy wins when two devices disagree.
    #[serde(default)]
    pub updated: Option<Moment>,
    /// When the learner last started over: [`merge`] sets aside any copy last changed before
    /// it, so an older copy kept in the LRS or another browser cannot bring the old plan back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleared: Option<Moment>,
}

impl Plan {
    /// Behaviour ids the learner committed to, each once, in commitment order.
    pub fn committed_behaviours(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.commitments {
            if !out.contains(&c.behaviour.as_str()) {
                out.push(&c.behaviour);
            }
        }
        out
    }
}

/// Something the learner does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Pick (or change, before committing) the role.
    ChooseRole {
        /// Role id.
        role: String,
    },
    /// Commit to behaviours; again later to reword them (the schedule keeps its start).
    Commit {
        /// The full list of commitments.
        commitments: Vec<Commitment>,
    },
    /// Answer the due reflection (and self-check, when the step asks it).
    Answer {
        /// The step's day offset.
        day: u32,
        /// The reflection.
        text: String,
        /// Ratings by behaviour id; required on self-check steps.
        ratings: BTreeMap<String, u8>,
    },
    /// Skip the due reflection.
    Skip {
        /// The step's day offset.
        day: u32,
    },
    /// Put off the due reflection until `until`.
    Snooze {
        /// The step's day offset.
        day: u32,
        /// First day it should be due again.
        until: Date,
    },
    /// Forget everything and start again.
    StartOver,
}

/// Why an action was refused, in words a learner can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The role id is not in the program.
    UnknownRole(String),
    /// A role change after committing would orphan the commitments.
    RoleLocked,
    /// Committing needs a role first.
    NoRole,
    /// Committing needs at least one commitment.
    NoCommitments,
    /// More commitments than the widget keeps.
    TooManyCommitments,
    /// A commitment names a behaviour outside the learner's role.
    BehaviourNotForRole(String),
    /// A required text is empty.
    Empty(&'static str),
    /// A text is longer than allowed.
    TooLong(&'static str, usize),
    /// The step is not the one due now.
    NotDue(u32),
    /// A committed behaviour was not rated on a self-check step.
    MissingRating(String),
    /// A rating is not on the program's scale.
    BadRating(String),
    /// The snooze date is not after today, or passes the next step.
    BadSnooze,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::UnknownRole(r) => write!(f, "The role “{r}” is not part of this program. Please choose one of the roles shown."),
            PlanError::RoleLocked => write!(f, "Your role is set once you commit. Use “Start over” to choose another role."),
            PlanError::NoRole => write!(f, "Please choose your role first."),
            PlanError::NoCommitments => write!(f, "Choose at least one commitment to continue."),
            PlanError::TooManyCommitments => write!(f, "Keep it to {MAX_COMMITMENTS} commitments or fewer: a few done well beat many started."),
            PlanError::BehaviourNotForRole(b) => write!(f, "“{b}” is not one of the behaviours for your role."),
            PlanError::Empty(what) => write!(f, "Please fill in {what}."),
            PlanError::TooLong(what, max) => write!(f, "{what} is too long: please keep it under {max} characters."),
            PlanError::NotDue(_) => write!(f, "This reflection is not open right now. Reload the page to see what is due."),
            PlanError::MissingRating(b) => write!(f, "Please rate how often “{b}” happened before you save."),
            PlanError::BadRating(b) => write!(f, "The rating for “{b}” is not on the scale."),
            PlanError::BadSnooze => write!(f, "Choose a later day that is before your next reflection."),
        }
    }
}

impl std::error::Error for PlanError {}

fn clean(text: &str, what: &'static str, max: usize) -> Result<String, PlanError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(PlanError::Empty(what));
    }
    if t.chars().count() > max {
        return Err(PlanError::TooLong(what, max));
    }
    Ok(t.to_string())
}

/// Applies one learner action to the plan, or explains why it cannot be done.
/// On error the plan is unchanged.
pub fn apply(
    program: &Program,
    plan: &mut Plan,
    action: Action,
    now: Now,
) -> Result<(), PlanError> {
    match action {
        Action::ChooseRole { role } => {
            if program.role(&role).is_none() {
                return Err(PlanError::UnknownRole(role));
            }
            if plan.committed.is_some() && plan.role.as_deref() != Some(role.as_str()) {
                return Err(PlanError::RoleLocked);
            }
            plan.role = Some(role);
        }
        Action::Commit { commitments } => {
            let role = plan.role.as_deref().ok_or(PlanError::NoRole)?;
            if commitments.is_empty() {
                return Err(PlanError::NoCommitments);
            }
            if commitments.len() > MAX_COMMITMENTS {
                return Err(PlanError::TooManyCommitments);
            }
            let mut checked = Vec::with_capacity(commitments.len());
            for c in commitments {
                let behaviour = program
                    .behaviour(&c.behaviour)
                    .filter(|b| b.roles.iter().any(|r| r == role))
                    .ok_or_else(|| PlanError::BehaviourNotForRole(c.behaviour.clone()))?;
                checked.push(Commitment {
                    behaviour: behaviour.id.clone(),
                    text: clean(&c.text, "what you will do", MAX_COMMITMENT_CHARS)?,
                    when_where: clean(
                        &c.when_where,
                        "when or where you will do it",
                        MAX_COMMITMENT_CHARS,
                    )?,
                });
            }
            plan.commitments = checked;
            plan.committed.get_or_insert(now.into());
        }
        Action::Answer { day, text, ratings } => {
            let step = due_step(program, plan, day, now.today)?;
            let text = clean(&text, "your reflection", MAX_REFLECTION_CHARS)?;
            let mut kept = BTreeMap::new();
            if step.self_check {
                for b in plan.committed_behaviours() {
                    let title = program
                        .behaviour(b)
                        .map(|x| x.title.clone())
                        .unwrap_or_else(|| b.to_string());
                    let level = *ratings
                        .get(b)
                        .ok_or_else(|| PlanError::MissingRating(title.clone()))?;
                    if program.scale_label(level).is_none() {
                        return Err(PlanError::BadRating(title));
                    }
                    kept.insert(b.to_string(), level);
                }
            }
            plan.steps.insert(
                day,
                StepRecord {
                    outcome: Outcome::Answered {
                        on: now.today,
                        text,
                    },
                    ratings: kept,
                },
            );
        }
        Action::Skip { day } => {
            due_step(program, plan, day, now.today)?;
            plan.steps.insert(
                day,
                StepRecord {
                    outcome: Outcome::Skipped { on: now.today },
                    ratings: BTreeMap::new(),
                },
            );
        }
        Action::Snooze { day, until } => {
            due_step(program, plan, day, now.today)?;
            let index = program
                .schedule
                .iter()
                .position(|s| s.day == day)
                .ok_or(PlanError::NotDue(day))?;
            let latest =
                schedule::latest_snooze(program, plan, index).ok_or(PlanError::BadSnooze)?;
            if until <= now.today || until > latest {
                return Err(PlanError::BadSnooze);
            }
            plan.steps.insert(
                day,
                StepRecord {
                    outcome: Outcome::Snoozed {
                        on: now.today,
                        until,
                    },
                    ratings: BTreeMap::new(),
                },
            );
        }
        Action::StartOver => {
            *plan = Plan {
                cleared: Some(now.into()),
                ..Plan::default()
            }
        }
    }
    plan.updated = Some(now.into());
    Ok(())
}

impl Outcome {
    /// How much a record says: an answer beats a skip, a skip beats a snooze.
    fn weight(&self) -> u8 {
        match self {
            Outcome::Answered { .. } => 3,
            Outcome::Skipped { .. } => 2,
            Outcome::Snoozed { .. } => 1,
        }
    }
}

/// Merges two copies of one learner's plan (this browser's and the LRS's), so a learner who
/// switches device loses nothing. The copy that committed first sets the role, the schedule start
/// and (unless the other changed later) the commitments; step records are united, and where both
/// have one, an answer beats a skip, a skip beats a snooze, and then the later copy wins.
/// A start-over on either side outranks every copy last changed before it.
pub fn merge(local: &Plan, remote: &Plan) -> Plan {
    let cleared = match (local.cleared, remote.cleared) {
        (Some(a), Some(b)) => Some(if a.at >= b.at { a } else { b }),
        (a, b) => a.or(b),
    };
    let mut out = merge_live(&live(local, cleared), &live(remote, cleared));
    out.cleared = cleared;
    out
}

/// The copy as it stands after the latest start-over: empty when it was last changed before it.
fn live(plan: &Plan, cleared: Option<Moment>) -> std::borrow::Cow<'_, Plan> {
    match cleared {
        Some(c) if plan.updated.is_none_or(|u| u.at < c.at) => std::borrow::Cow::Owned(Plan {
            updated: plan.updated,
            ..Plan::default()
        }),
        _ => std::borrow::Cow::Borrowed(plan),
    }
}

fn merge_live(local: &Plan, remote: &Plan) -> Plan {
    let later = |a: &Plan, b: &Plan| a.updated.map(|m| m.at) >= b.updated.map(|m| m.at);
    let (newer, older) = if later(local, remote) {
        (local, remote)
    } else {
        (remote, local)
    };
    let base = match (local.committed, remote.committed) {
        (Some(a), Some(b)) if a.at <= b.at => local,
        (Some(_), Some(_)) => remote,
        (Some(_), None) => local,
        (None, Some(_)) => remote,
        (None, None) => return newer.clone(),
    };
    let mut out = base.clone();
    if newer.committed.is_some() && newer.role == base.role {
        out.commitments = newer.commitments.clone();
    }
    for (plan, other) in [(older, newer), (newer, older)] {
        if plan.role != out.role {
            continue;
        }
        for (day, record) in &plan.steps {
            let keep_other = other.role == out.role
                && other
                    .steps
                    .get(day)
                    .is_some_and(|o| o.outcome.weight() > record.outcome.weight());
            if !keep_other {
                out.steps.insert(*day, record.clone());
            }
        }
    }
    out.updated = newer.updated;
    out
}

fn due_step<'p>(
    program: &'p Program,
    plan: &Plan,
    day: u32,
    today: Date,
) -> Result<&'p crate::program::Step, PlanError> {
    let views = schedule::timeline(program, plan, today);
    match schedule::current(&views) {
        Some(v) if v.step.day == day && matches!(v.status, Status::Due { .. }) => Ok(v.step),
        _ => Err(PlanError::NotDue(day)),
    }
}

/// Version of the stored envelope; bump it with a migration in [`restore`].
pub const STORED_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    plan: Plan,
}

/// Serializes a plan for browser storage.
pub fn store(plan: &Plan) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string(&Stored {
        format: STORED_FORMAT,
        plan: plan.clone(),
    })
    .unwrap_or_default()
}

/// What came back from storage, and what the learner should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The plan to continue with.
    pub plan: Plan,
    /// A plain-language note when something had to be repaired or reset.
    pub notice: Option<String>,
    /// Whether the stored text was unusable and should be kept aside.
    pub discarded: bool,
}

/// Reads a stored plan, repairing what can be repaired against the current program.
/// Never fails: the worst case is a fresh plan and a notice saying so.
pub fn restore(program: &Program, raw: Option<&str>) -> Restored {
    let Some(raw) = raw else {
        return Restored {
            plan: Plan::default(),
            notice: None,
            discarded: false,
        };
    };
    let value: serde_json::Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(_) => return reset("Your saved plan could not be read, so a fresh one was started. A copy of the old data was kept in this browser."),
    };
    let (format, body) = match value.get("format").and_then(|f| f.as_u64()) {
        Some(f) => (
            f,
            value
                .get("plan")
                .cloned()
                .unwrap_or(serde_json::Value::Null),
        ),
        // Format 0 stored the bare plan with no envelope.
        None => (0, value),
    };
    if !body.is_object() {
        return reset("Your saved plan could not be read, so a fresh one was started. A copy of the old data was kept in this browser.");
    }
    if format > u64::from(STORED_FORMAT) {
        return reset("Your saved plan was written by a newer version of this widget, so a fresh one was started here. A copy was kept.");
    }
    let mut plan: Plan = match serde_json::from_value(body) {
        Ok(p) => p,
        Err(_) => return reset("Part of your saved plan was damaged, so a fresh one was started. A copy of the old data was kept in this browser."),
    };
    let mut notes = Vec::new();
    if let Some(role) = plan.role.clone() {
        if program.role(&role).is_none() {
            plan = Plan::default();
            notes.push(format!(
                "The program no longer has the role “{role}”, so please choose your role again."
            ));
        }
    }
    let role = plan.role.clone().unwrap_or_default();
    let before = plan.commitments.len();
    plan.commitments.retain(|c| {
        program
            .behaviour(&c.behaviour)
            .is_some_and(|b| b.roles.contains(&role))
    });
    if plan.commitments.len() < before {
        notes.push(
            "Some of your commitments are no longer part of this program and were removed.".into(),
        );
    }
    let scale = program.self_check.scale.len();
    for record in plan.steps.values_mut() {
        record.ratings.retain(|_, level| (*level as usize) < scale);
    }
    if plan.commitments.is_empty() && plan.committed.is_some() {
        plan.committed = None;
        plan.steps.clear();
    }
    Restored {
        plan,
        notice: (!notes.is_empty()).then(|| notes.join(" ")),
        discarded: false,
    }
}

fn reset(notice: &str) -> Restored {
    Restored {
        plan: Plan::default(),
        notice: Some(notice.to_string()),
        discarded: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{parse, Format};
    use time::macros::date;

    fn program() -> Program {
        parse(crate::program::tests::MINIMAL, Format::Toml).expect("valid fixture")
    }

    fn commitment(b: &str) -> Commitment {
        Commitment {
            behaviour: b.into(),
            text: "Do it".into(),
            when_where: "Mondays".into(),
        }
    }

    fn now() -> Now {
        Now::local(date!(2027 - 01 - 01), 10, 0)
    }

    /// A leader who committed to giving feedback on 1 January 2027.
    fn leader_plan(p: &Program) -> Plan {
        let mut plan = Plan::default();
        apply(
            p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now(),
        )
        .expect("role");
        apply(
            p,
            &mut plan,
            Action::Commit {
                commitments: vec![commitment("give-feedback")],
            },
            now(),
        )
        .expect("commit");
        plan
    }

    #[test]
    fn commit_needs_role_and_role_behaviours() {
        let p = program();
        let mut plan = Plan::default();
        assert_eq!(
            apply(
                &p,
                &mut plan,
                Action::Commit {
                    commitments: vec![commitment("give-feedback")]
                },
                now()
            ),
            Err(PlanError::NoRole)
        );
        assert_eq!(
            apply(
                &p,
                &mut plan,
                Action::ChooseRole {
                    role: "boss".into()
                },
                now()
            ),
            Err(PlanError::UnknownRole("boss".into()))
        );
        apply(
            &p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now(),
        )
        .expect("role");
        assert_eq!(
            apply(
                &p,
                &mut plan,
                Action::Commit {
                    commitments: vec![commitment("ask-feedback")]
                },
                now()
            ),
            Err(PlanError::BehaviourNotForRole("ask-feedback".into()))
        );
        let blank = Commitment {
            when_where: "  ".into(),
            ..commitment("give-feedback")
        };
        assert!(matches!(
            apply(
                &p,
                &mut plan,
                Action::Commit {
                    commitments: vec![blank]
                },
                now()
            ),
            Err(PlanError::Empty(_))
        ));
        assert_eq!(
            plan.committed, None,
            "failed actions leave the plan unchanged"
        );
        apply(
            &p,
            &mut plan,
            Action::Commit {
                commitments: vec![commitment("give-feedback")],
            },
            now(),
        )
        .expect("commit");
        assert_eq!(plan.committed.map(|m| m.date), Some(date!(2027 - 01 - 01)));
        assert_eq!(
            apply(
                &p,
                &mut plan,
                Action::ChooseRole {
                    role: "member".into()
                },
                now()
            ),
            Err(PlanError::RoleLocked)
        );
    }

    #[test]
    fn self_check_steps_need_every_rating() {
        let p = program();
        let mut plan = leader_plan(&p);
        let day7 = Now::local(date!(2027 - 01 - 08), 10, 0);
        let answer = |ratings: BTreeMap<String, u8>| Action::Answer {
            day: 7,
            text: "It went well".into(),
            ratings,
        };
        assert!(matches!(
            apply(&p, &mut plan, answer(BTreeMap::new()), day7),
            Err(PlanError::MissingRating(_))
        ));
        let bad = [("give-feedback".to_string(), 9)].into_iter().collect();
        assert!(matches!(
            apply(&p, &mut plan, answer(bad), day7),
            Err(PlanError::BadRating(_))
        ));
        let good = [("give-feedback".to_string(), 4)].into_iter().collect();
        apply(&p, &mut plan, answer(good), day7).expect("answer");
        assert_eq!(plan.steps[&7].ratings["give-feedback"], 4);
        assert_eq!(
            apply(&p, &mut plan, Action::Skip { day: 7 }, day7),
            Err(PlanError::NotDue(7))
        );
    }

    #[test]
    fn plans_from_two_devices_merge_without_losing_work() {
        let p = program();
        let day = |d| Now::local(d, 9, 0);
        let mut laptop = leader_plan(&p);
        let mut phone = laptop.clone();
        // The laptop skips day 2; the phone (later) answers day 7 and rewords the commitment.
        apply(
            &p,
            &mut laptop,
            Action::Skip { day: 2 },
            day(date!(2027 - 01 - 03)),
        )
        .expect("skip");
        let rated = [("give-feedback".to_string(), 3)].into_iter().collect();
        apply(
            &p,
            &mut phone,
            Action::Answer {
                day: 7,
                text: "Good week".into(),
                ratings: rated,
            },
            day(date!(2027 - 01 - 08)),
        )
        .expect("answer");
        let reworded = Commitment {
            text: "Two specific notes".into(),
            ..commitment("give-feedback")
        };
        apply(
            &p,
            &mut phone,
            Action::Commit {
                commitments: vec![reworded.clone()],
            },
            day(date!(2027 - 01 - 08)),
        )
        .expect("reword");
        let merged = merge(&laptop, &phone);
        assert_eq!(merged, merge(&phone, &laptop), "order does not matter");
        assert_eq!(merged.steps.len(), 2);
        assert!(matches!(merged.steps[&2].outcome, Outcome::Skipped { .. }));
        assert!(matches!(merged.steps[&7].outcome, Outcome::Answered { .. }));
        assert_eq!(merged.commitments, vec![reworded]);
        assert_eq!(merged.committed, laptop.committed);
        // A fresh device (nothing chosen yet) never wipes a committed plan.
        assert_eq!(merge(&Plan::default(), &merged), merged);
        assert_eq!(merge(&merged, &Plan::default()), merged);
    }

    #[test]
    fn a_start_over_is_not_undone_by_an_older_copy() {
        let p = program();
        let day = |d| Now::local(d, 9, 0);
        let mut phone = leader_plan(&p);
        apply(
            &p,
            &mut phone,
            Action::Skip { day: 2 },
            day(date!(2027 - 01 - 03)),
        )
        .expect("skip");
        // The LRS still holds the phone's plan when the laptop starts over.
        let in_lrs = phone.clone();
        let mut laptop = phone.clone();
        apply(
            &p,
            &mut laptop,
            Action::StartOver,
            day(date!(2027 - 01 - 05)),
        )
        .expect("start over");
        let merged = merge(&laptop, &in_lrs);
        assert_eq!(merged, merge(&in_lrs, &laptop), "order does not matter");
        assert!(merged.role.is_none() && merged.commitments.is_empty() && merged.steps.is_empty());
        assert!(merged.committed.is_none());
        assert_eq!(merged.cleared, laptop.cleared);

        // The learner commits again; the old copy still cannot bring back the old steps.
        apply(
            &p,
            &mut laptop,
            Action::ChooseRole {
                role: "member".into(),
            },
            day(date!(2027 - 01 - 06)),
        )
        .expect("role");
        let mine = vec![commitment("ask-feedback")];
        apply(
            &p,
            &mut laptop,
            Action::Commit {
                commitments: mine.clone(),
            },
            day(date!(2027 - 01 - 06)),
        )
        .expect("commit");
        let merged = merge(&in_lrs, &laptop);
        assert_eq!(merged, merge(&laptop, &in_lrs));
        assert_eq!(
            (merged.role.as_deref(), &merged.commitments),
            (Some("member"), &mine)
        );
        assert!(merged.steps.is_empty());
        assert_eq!(merged.committed, laptop.committed);

        // Work done elsewhere after the start-over is kept, as in any merge.
        let mut later = merged.clone();
        apply(
            &p,
            &mut later,
            Action::Skip { day: 2 },
            day(date!(2027 - 01 - 08)),
        )
        .expect("skip");
        assert_eq!(merge(&merged, &later).steps.len(), 1);
        // The mark survives storage, and a stored plan without it still reads.
        assert_eq!(restore(&p, Some(&store(&merged))).plan, merged);
        assert!(!store(&phone).contains("cleared"));
    }

    #[test]
    fn stored_plans_round_trip_and_recover() {
        let p = program();
        let plan = leader_plan(&p);
        let raw = store(&plan);
        assert_eq!(
            restore(&p, Some(&raw)),
            Restored {
                plan: plan.clone(),
                notice: None,
                discarded: false
            }
        );
        // Format 0: the bare plan, no envelope.
        let bare = serde_json::to_string(&plan).expect("json");
        assert_eq!(restore(&p, Some(&bare)).plan, plan);
        for junk in [
            "{not json",
            "[]",
            "{\"format\":1,\"plan\":{\"role\":7}}",
            "{\"format\":99,\"plan\":{}}",
        ] {
            let r = restore(&p, Some(junk));
            assert_eq!(r.plan, Plan::default(), "{junk}");
            assert!(r.discarded && r.notice.is_some(), "{junk}");
        }
        let renamed = raw.replace("give-feedback", "old-behaviour");
        let r = restore(&p, Some(&renamed));
        assert!(r.plan.commitments.is_empty() && r.plan.committed.is_none());
        assert!(r.notice.expect("notice").contains("no longer part"));
    }
}
