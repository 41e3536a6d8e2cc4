//! A learner's plan for one program: role, commitments and what they did at
//! each reflection step. [`apply`] is the only way it changes, so every rule
//! (what may be answered when, what a commitment needs) lives in one place.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::program::{Program, Weekday};
use crate::schedule::{self, Status};

/// Longest commitment wording or "when / where" line.
pub const MAX_COMMITMENT_CHARS: usize = 500;
/// Longest "why this matters to me".
pub const MAX_WHY_CHARS: usize = 500;
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
    /// Starting self-ratings by behaviour id (index into the program's scale), given when the
    /// behaviour was first committed to; the learner's trend starts here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub baselines: BTreeMap<String, u8>,
    /// Why this matters to the learner, in their own words (only ever in their own statements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The learner's own cadence: steps moved, a weekday, pauses.
    #[serde(default, skip_serializing_if = "Rhythm::is_empty")]
    pub rhythm: Rhythm,
}

/// The cadence a learner set within the program's bounds (`program::Cadence`).
/// [`schedule::due_dates`] turns it into due dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rhythm {
    /// Days each step was moved (negative: earlier), by step day.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub moves: BTreeMap<u32, i32>,
    /// Weekday choices, oldest first; each applies to steps that fall after the day it was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<WeekdayChoice>,
    /// Pauses, by start date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// How many changes were made, so a newer calendar file outranks an older one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub changes: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Rhythm {
    /// Whether the learner kept the program's own days.
    pub fn is_empty(&self) -> bool {
        *self == Rhythm::default()
    }

    /// The weekday in force for a step falling on `date`: the latest choice made before that
    /// day (a step due the day a choice is made has come due and stays).
    pub fn weekday_for(&self, date: Date) -> Option<Weekday> {
        self.weekdays
            .iter()
            .rev()
            .find(|c| c.on.date < date)
            .and_then(|c| c.weekday)
    }

    /// The weekday chosen most recently, if any.
    pub fn weekday(&self) -> Option<Weekday> {
        self.weekdays.last().and_then(|c| c.weekday)
    }

    /// The pause `today` falls in, if any.
    pub fn paused_on(&self, today: Date) -> Option<&Pause> {
        self.pauses
            .iter()
            .find(|p| p.from <= today && today < p.until)
    }
}

/// A weekday choice: from the day it was made, steps fall on the next such weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekdayChoice {
    /// When the choice was made.
    pub on: Moment,
    /// The weekday; `None` goes back to the program's own days.
    pub weekday: Option<Weekday>,
}

/// A pause ("on leave until ..."): the schedule's clock stops from `from` until `until`,
/// so steps that would fall due in between come after it, spaced as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// First day of the pause.
    pub from: Date,
    /// First day back.
    pub until: Date,
    /// When the pause was last set or changed.
    pub changed: Moment,
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
        /// Starting self-ratings by behaviour id; required for each behaviour newly committed
        /// to, ignored for behaviours that already have one.
        baselines: BTreeMap<String, u8>,
        /// Why this matters to the learner; empty for none.
        why: String,
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
    /// Move a step still to come by a few days (within the program's `max_shift_days`); 0 puts it back.
    MoveStep {
        /// The step's day offset.
        day: u32,
        /// Days from the program's date (negative: earlier).
        by_days: i32,
    },
    /// Have reflections due after today fall on the next chosen weekday; `None` goes back to
    /// the program's own days.
    ChooseWeekday {
        /// The weekday, one of the program's `weekdays`.
        weekday: Option<Weekday>,
    },
    /// Pause from today until `until` (first day back): steps due after today move past the
    /// pause, a step due now waits; again while paused to change the date.
    Pause {
        /// First day back.
        until: Date,
    },
    /// End the pause today.
    Resume,
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
    /// A newly committed behaviour has no starting self-rating.
    MissingBaseline(String),
    /// The schedule can be changed only after committing.
    NotCommitted,
    /// The program does not allow this kind of change (what, in words).
    CadenceOff(&'static str),
    /// A move further than the program allows (the limit).
    MoveTooFar(u8),
    /// The step has come due (or was answered, skipped, snoozed or missed), or does not exist.
    CannotMove(u32),
    /// The move would carry the step past its neighbour.
    MovePastNeighbour,
    /// The move would put the step before today.
    MoveIntoPast,
    /// The weekday is not one the program offers (the ones it offers, in words).
    WeekdayNotOffered(String),
    /// The return date is not after today.
    BadPause,
    /// The pause is longer than the program allows (the limit).
    PauseTooLong(u16),
    /// Resume while not paused.
    NotPaused,
}

impl crate::i18n::Worded for PlanError {
    fn words(&self) -> crate::i18n::Words {
        use crate::i18n::Words;
        let one = |id, name, value: String| Words {
            id,
            args: vec![(name, value.into())],
        };
        let count = |id, name, n: u32| Words {
            id,
            args: vec![(name, n.into())],
        };
        match self {
            PlanError::UnknownRole(r) => one("plan-error-unknown-role", "role", r.clone()),
            PlanError::RoleLocked => Words::plain("plan-error-role-locked"),
            PlanError::NoRole => Words::plain("plan-error-no-role"),
            PlanError::NoCommitments => Words::plain("plan-error-no-commitments"),
            PlanError::TooManyCommitments => {
                count("plan-error-too-many", "max", MAX_COMMITMENTS as u32)
            }
            PlanError::BehaviourNotForRole(b) => {
                one("plan-error-behaviour-not-for-role", "behaviour", b.clone())
            }
            PlanError::Empty(what) => Words::plain(match *what {
                "what you will do" => "plan-error-empty-what",
                "when or where you will do it" => "plan-error-empty-when",
                _ => "plan-error-empty-reflection",
            }),
            PlanError::TooLong(what, max) => count(
                match *what {
                    "what you will do" => "plan-error-long-what",
                    "when or where you will do it" => "plan-error-long-when",
                    _ => "plan-error-long-reflection",
                },
                "max",
                u32::try_from(*max).unwrap_or(u32::MAX),
            ),
            PlanError::NotDue(_) => Words::plain("plan-error-not-due"),
            PlanError::MissingRating(b) => one("plan-error-missing-rating", "behaviour", b.clone()),
            PlanError::BadRating(b) => one("plan-error-bad-rating", "behaviour", b.clone()),
            PlanError::BadSnooze => Words::plain("plan-error-bad-snooze"),
            PlanError::MissingBaseline(b) => {
                one("plan-error-missing-baseline", "behaviour", b.clone())
            }
            PlanError::NotCommitted => Words::plain("plan-error-not-committed"),
            PlanError::CadenceOff(what) => Words::plain(match *what {
                "moving reflections" => "plan-error-no-moving",
                "choosing a weekday" => "plan-error-no-weekday",
                _ => "plan-error-no-pausing",
            }),
            PlanError::MoveTooFar(max) => count("plan-error-move-too-far", "max", u32::from(*max)),
            PlanError::CannotMove(_) => Words::plain("plan-error-cannot-move"),
            PlanError::MovePastNeighbour => Words::plain("plan-error-move-past-neighbour"),
            PlanError::MoveIntoPast => Words::plain("plan-error-move-into-past"),
            PlanError::WeekdayNotOffered(days) => {
                one("plan-error-weekday-not-offered", "days", days.clone())
            }
            PlanError::BadPause => Words::plain("plan-error-bad-pause"),
            PlanError::PauseTooLong(max) => {
                count("plan-error-pause-too-long", "max", u32::from(*max))
            }
            PlanError::NotPaused => Words::plain("plan-error-not-paused"),
        }
    }
}

/// The English words (`en.ftl`), which is what the service and logs show.
impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::english().say(self))
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
        Action::Commit {
            commitments,
            baselines,
            why,
        } => {
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
            let why = why.trim();
            if why.chars().count() > MAX_WHY_CHARS {
                return Err(PlanError::TooLong("Why this matters to you", MAX_WHY_CHARS));
            }
            let mut starts = plan.baselines.clone();
            for c in &checked {
                let b = c.behaviour.as_str();
                let new = !plan.commitments.iter().any(|o| o.behaviour == b);
                if !new || starts.contains_key(b) {
                    continue;
                }
                let title = program
                    .behaviour(b)
                    .map_or_else(|| b.to_string(), |x| x.title.clone());
                let level = *baselines
                    .get(b)
                    .ok_or_else(|| PlanError::MissingBaseline(title.clone()))?;
                if program.scale_label(level).is_none() {
                    return Err(PlanError::BadRating(title));
                }
                starts.insert(b.to_string(), level);
            }
            plan.commitments = checked;
            plan.baselines = starts;
            plan.why = (!why.is_empty()).then(|| why.to_string());
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
        Action::MoveStep { day, by_days } => {
            let start = plan.committed.ok_or(PlanError::NotCommitted)?.date;
            let max = program.cadence.max_shift_days;
            if max == 0 {
                return Err(PlanError::CadenceOff("moving reflections"));
            }
            if by_days.unsigned_abs() > u32::from(max) {
                return Err(PlanError::MoveTooFar(max));
            }
            let index = program
                .schedule
                .iter()
                .position(|s| s.day == day)
                .ok_or(PlanError::CannotMove(day))?;
            let views = schedule::timeline(program, plan, now.today);
            // Only steps still to come: moving one that has come due could reopen one it closed.
            let open = views.get(index).is_some_and(|v| {
                !plan.steps.contains_key(&day) && matches!(v.status, Status::Upcoming)
            });
            if !open {
                return Err(PlanError::CannotMove(day));
            }
            let raw = |i: usize, by: i32| {
                program
                    .schedule
                    .get(i)
                    .map(|s| schedule::shifted(schedule::due_date(start, s.day), by))
            };
            let mine = raw(index, by_days);
            let moved = |i: usize| {
                let d = program.schedule.get(i).map_or(0, |s| s.day);
                raw(i, plan.rhythm.moves.get(&d).copied().unwrap_or(0))
            };
            let before = index.checked_sub(1).and_then(moved);
            let after = moved(index + 1);
            if before.is_some_and(|b| Some(b) >= mine) || after.is_some_and(|a| Some(a) <= mine) {
                return Err(PlanError::MovePastNeighbour);
            }
            let mut next = plan.rhythm.clone();
            if by_days == 0 {
                next.moves.remove(&day);
            } else {
                next.moves.insert(day, by_days);
            }
            let due = schedule::due_dates(program, start, &next);
            if due.get(index).is_some_and(|d| *d < now.today) {
                return Err(PlanError::MoveIntoPast);
            }
            next.changes += 1;
            plan.rhythm = next;
        }
        Action::ChooseWeekday { weekday } => {
            plan.committed.ok_or(PlanError::NotCommitted)?;
            let offered = &program.cadence.weekdays;
            if offered.is_empty() {
                return Err(PlanError::CadenceOff("choosing a weekday"));
            }
            if weekday.is_some_and(|w| !offered.contains(&w)) {
                let days: Vec<&str> = offered.iter().map(|d| d.label()).collect();
                return Err(PlanError::WeekdayNotOffered(days.join(", ")));
            }
            let choice = WeekdayChoice {
                on: now.into(),
                weekday,
            };
            let rhythm = &mut plan.rhythm;
            // Several choices on one day: the last one is what the learner meant.
            if rhythm
                .weekdays
                .last()
                .is_some_and(|c| c.on.date == now.today)
            {
                rhythm.weekdays.pop();
            }
            rhythm.weekdays.push(choice);
            rhythm.changes += 1;
        }
        Action::Pause { until } => {
            plan.committed.ok_or(PlanError::NotCommitted)?;
            let max = program.cadence.max_pause_days;
            if max == 0 {
                return Err(PlanError::CadenceOff("pausing"));
            }
            if until <= now.today {
                return Err(PlanError::BadPause);
            }
            let rhythm = &mut plan.rhythm;
            let active = rhythm
                .pauses
                .iter()
                .position(|p| p.from <= now.today && now.today < p.until);
            let from = active
                .and_then(|i| rhythm.pauses.get(i))
                .map_or(now.today, |p| p.from);
            if (until - from).whole_days() > i64::from(max) {
                return Err(PlanError::PauseTooLong(max));
            }
            let pause = Pause {
                from,
                until,
                changed: now.into(),
            };
            match active {
                Some(i) => rhythm.pauses[i] = pause,
                None => {
                    rhythm.pauses.push(pause);
                    rhythm.pauses.sort_by_key(|p| p.from);
                }
            }
            rhythm.changes += 1;
        }
        Action::Resume => {
            let rhythm = &mut plan.rhythm;
            let i = rhythm
                .pauses
                .iter()
                .position(|p| p.from <= now.today && now.today < p.until)
                .ok_or(PlanError::NotPaused)?;
            if rhythm.pauses[i].from == now.today {
                rhythm.pauses.remove(i);
            } else {
                rhythm.pauses[i].until = now.today;
                rhythm.pauses[i].changed = now.into();
            }
            rhythm.changes += 1;
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
        out.why = newer.why.clone();
    }
    // The first starting rating given stands: the one in the copy that committed first.
    for plan in [older, newer].into_iter().filter(|p| p.role == out.role) {
        for (b, level) in &plan.baselines {
            out.baselines.entry(b.clone()).or_insert(*level);
        }
    }
    out.rhythm = merge_rhythm(
        [older, newer]
            .into_iter()
            .filter(|p| p.role == out.role)
            .map(|p| &p.rhythm),
    );
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

/// Unites the rhythms of several copies, oldest copy first: a later copy's move of a step
/// wins, weekday choices are kept in the order they were made, a pause changed later wins.
fn merge_rhythm<'a>(copies: impl Iterator<Item = &'a Rhythm>) -> Rhythm {
    let mut out = Rhythm::default();
    for r in copies {
        out.moves.extend(r.moves.iter().map(|(d, by)| (*d, *by)));
        for c in &r.weekdays {
            if !out.weekdays.contains(c) {
                out.weekdays.push(*c);
            }
        }
        for p in &r.pauses {
            match out.pauses.iter_mut().find(|o| o.from == p.from) {
                Some(o) if o.changed.at < p.changed.at => *o = *p,
                Some(_) => {}
                None => out.pauses.push(*p),
            }
        }
        out.changes = out.changes.max(r.changes);
    }
    out.weekdays.sort_by_key(|c| c.on.at);
    out.pauses.sort_by_key(|p| p.from);
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
    plan.baselines
        .retain(|b, level| (*level as usize) < scale && program.behaviour(b).is_some());
    // The program's bounds may have tightened since: what no longer fits is set back.
    let cadence = &program.cadence;
    let rhythm = &mut plan.rhythm;
    let moves = rhythm.moves.len();
    rhythm.moves.retain(|day, by| {
        program.schedule.iter().any(|s| s.day == *day)
            && by.unsigned_abs() <= u32::from(cadence.max_shift_days)
    });
    let weekdays = rhythm
        .weekdays
        .iter()
        .filter(|c| c.weekday.is_some())
        .count();
    for c in &mut rhythm.weekdays {
        if c.weekday.is_some_and(|w| !cadence.weekdays.contains(&w)) {
            c.weekday = None;
        }
    }
    let pauses = rhythm.pauses.len();
    rhythm.pauses.retain(|p| {
        p.from < p.until && (p.until - p.from).whole_days() <= i64::from(cadence.max_pause_days)
    });
    if rhythm.moves.len() < moves
        || rhythm.pauses.len() < pauses
        || rhythm
            .weekdays
            .iter()
            .filter(|c| c.weekday.is_some())
            .count()
            < weekdays
    {
        notes.push(
            "The program's limits on moving reflections changed, so some of your changes to its days were set back.".into(),
        );
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
pub(crate) mod tests {
    use super::*;
    use crate::program::{parse, Format};
    use time::macros::date;

    /// Starting ratings for every behaviour of the test fixture ("Rarely").
    pub(crate) fn starts() -> BTreeMap<String, u8> {
        [
            ("give-feedback".to_string(), 1),
            ("ask-feedback".to_string(), 1),
        ]
        .into_iter()
        .collect()
    }

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
                baselines: crate::plan::tests::starts(),
                why: String::new(),
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
                    commitments: vec![commitment("give-feedback")],
                    baselines: crate::plan::tests::starts(),
                    why: String::new(),
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
                    commitments: vec![commitment("ask-feedback")],
                    baselines: crate::plan::tests::starts(),
                    why: String::new(),
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
                    commitments: vec![blank],
                    baselines: crate::plan::tests::starts(),
                    why: String::new(),
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
                baselines: crate::plan::tests::starts(),
                why: String::new(),
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
                baselines: crate::plan::tests::starts(),
                why: String::new(),
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
                baselines: crate::plan::tests::starts(),
                why: String::new(),
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

    #[test]
    fn a_new_behaviour_needs_a_baseline_and_the_first_one_stands() {
        let p = program();
        let mut plan = Plan::default();
        apply(
            &p,
            &mut plan,
            Action::ChooseRole {
                role: "leader".into(),
            },
            now(),
        )
        .expect("role");
        let commit = |baselines: BTreeMap<String, u8>, why: &str| Action::Commit {
            commitments: vec![commitment("give-feedback")],
            baselines,
            why: why.into(),
        };
        assert!(matches!(
            apply(&p, &mut plan, commit(BTreeMap::new(), ""), now()),
            Err(PlanError::MissingBaseline(t)) if t == "Give specific feedback"
        ));
        let off_scale = [("give-feedback".to_string(), 5)].into();
        assert!(matches!(
            apply(&p, &mut plan, commit(off_scale, ""), now()),
            Err(PlanError::BadRating(_))
        ));
        let long = "x".repeat(MAX_WHY_CHARS + 1);
        assert!(matches!(
            apply(&p, &mut plan, commit(starts(), &long), now()),
            Err(PlanError::TooLong(_, MAX_WHY_CHARS))
        ));
        assert_eq!(plan.committed, None);
        apply(
            &p,
            &mut plan,
            commit(starts(), "  My team needs it. "),
            now(),
        )
        .expect("commit");
        assert_eq!(
            plan.baselines,
            [("give-feedback".to_string(), 1)].into(),
            "only committed behaviours"
        );
        assert_eq!(plan.why.as_deref(), Some("My team needs it."));
        // Rewording later needs no baseline, and a new one does not replace the first.
        let later = [("give-feedback".to_string(), 4)].into();
        apply(&p, &mut plan, commit(later, ""), now()).expect("reword");
        assert_eq!(plan.baselines["give-feedback"], 1);
        assert_eq!(plan.why, None, "an empty why clears it");
        // A plan stored before baselines existed still restores, and rewords without one.
        let mut old: serde_json::Value = serde_json::from_str(&store(&plan)).expect("json");
        old["plan"]
            .as_object_mut()
            .expect("plan")
            .remove("baselines");
        let mut restored = restore(&p, Some(&old.to_string())).plan;
        assert!(restored.baselines.is_empty() && restored.committed.is_some());
        apply(&p, &mut restored, commit(BTreeMap::new(), ""), now()).expect("old plans reword");
    }

    fn day(d: Date) -> Now {
        Now::local(d, 9, 0)
    }

    #[test]
    fn moves_stay_within_the_programs_bounds() {
        let p = program();
        let mut plan = leader_plan(&p);
        let mv = |day, by_days| Action::MoveStep { day, by_days };
        let on = day(date!(2027 - 01 - 02));
        assert_eq!(
            apply(&p, &mut plan, mv(7, 4), on),
            Err(PlanError::MoveTooFar(3))
        );
        assert_eq!(
            apply(&p, &mut plan, mv(8, 1), on),
            Err(PlanError::CannotMove(8))
        );
        assert_eq!(
            apply(&p, &mut plan, mv(2, -2), on),
            Err(PlanError::MoveIntoPast)
        );
        apply(&p, &mut plan, mv(2, 3), on).expect("day 2 to day 5");
        assert_eq!(plan.rhythm.moves, [(2, 3)].into());
        assert_eq!(
            apply(&p, &mut plan, mv(7, -2), on),
            Err(PlanError::MovePastNeighbour)
        );
        apply(&p, &mut plan, mv(7, -1), on).expect("day 7 to day 6");
        let dues: Vec<Date> = schedule::timeline(&p, &plan, on.today)
            .iter()
            .map(|v| v.due)
            .collect();
        assert_eq!(dues[..2], [date!(2027 - 01 - 06), date!(2027 - 01 - 07)]);
        apply(&p, &mut plan, mv(2, 0), on).expect("back to the program's day");
        assert_eq!(plan.rhythm.moves, [(7, -1)].into());
        assert_eq!(plan.rhythm.changes, 3);
        // Answered steps stay where they were.
        apply(
            &p,
            &mut plan,
            Action::Skip { day: 2 },
            day(date!(2027 - 01 - 03)),
        )
        .expect("skip");
        assert_eq!(
            apply(&p, &mut plan, mv(2, 1), day(date!(2027 - 01 - 03))),
            Err(PlanError::CannotMove(2))
        );
        let mut strict = p.clone();
        strict.cadence.max_shift_days = 0;
        assert_eq!(
            apply(&strict, &mut plan, mv(21, 1), on),
            Err(PlanError::CadenceOff("moving reflections"))
        );
        assert_eq!(
            apply(&p, &mut Plan::default(), mv(2, 1), on),
            Err(PlanError::NotCommitted)
        );
    }

    #[test]
    fn weekdays_are_the_programs_and_pauses_have_a_limit() {
        let mut p = program();
        p.cadence.weekdays = vec![Weekday::Tuesday, Weekday::Friday];
        let mut plan = leader_plan(&p);
        let on = day(date!(2027 - 01 - 02));
        let choose = |w| Action::ChooseWeekday { weekday: w };
        assert_eq!(
            apply(&p, &mut plan, choose(Some(Weekday::Monday)), on),
            Err(PlanError::WeekdayNotOffered("Tuesday, Friday".into()))
        );
        apply(&p, &mut plan, choose(Some(Weekday::Tuesday)), on).expect("tuesday");
        apply(&p, &mut plan, choose(Some(Weekday::Friday)), on).expect("friday, same day");
        assert_eq!(
            plan.rhythm.weekdays.len(),
            1,
            "the day's last choice stands"
        );
        assert_eq!(plan.rhythm.weekday(), Some(Weekday::Friday));
        apply(&p, &mut plan, choose(None), day(date!(2027 - 01 - 04))).expect("program days");
        assert_eq!(plan.rhythm.weekday(), None);
        p.cadence.weekdays.clear();
        assert_eq!(
            apply(&p, &mut plan, choose(None), on),
            Err(PlanError::CadenceOff("choosing a weekday"))
        );

        let p = program();
        let pause = |until| Action::Pause { until };
        assert_eq!(
            apply(&p, &mut plan, pause(on.today), on),
            Err(PlanError::BadPause)
        );
        assert_eq!(
            apply(&p, &mut plan, pause(date!(2027 - 03 - 04)), on),
            Err(PlanError::PauseTooLong(60))
        );
        assert_eq!(
            apply(&p, &mut plan, Action::Resume, on),
            Err(PlanError::NotPaused)
        );
        apply(&p, &mut plan, pause(date!(2027 - 01 - 10)), on).expect("pause");
        // Changing the date while paused counts from the pause's start.
        let later = day(date!(2027 - 01 - 05));
        assert_eq!(
            apply(&p, &mut plan, pause(date!(2027 - 03 - 04)), later),
            Err(PlanError::PauseTooLong(60))
        );
        apply(&p, &mut plan, pause(date!(2027 - 01 - 20)), later).expect("longer");
        assert_eq!(plan.rhythm.pauses.len(), 1);
        assert_eq!(
            (plan.rhythm.pauses[0].from, plan.rhythm.pauses[0].until),
            (on.today, date!(2027 - 01 - 20))
        );
        apply(&p, &mut plan, Action::Resume, later).expect("back early");
        assert_eq!(plan.rhythm.pauses[0].until, later.today);
        assert_eq!(plan.rhythm.paused_on(later.today), None);
        // A pause ended the day it began leaves nothing behind.
        apply(&p, &mut plan, pause(date!(2027 - 01 - 09)), later).expect("pause again");
        apply(&p, &mut plan, Action::Resume, later).expect("resume");
        assert_eq!(plan.rhythm.pauses.len(), 1);
        let mut no_pause = p.clone();
        no_pause.cadence.max_pause_days = 0;
        assert_eq!(
            apply(&no_pause, &mut plan, pause(date!(2027 - 01 - 09)), later),
            Err(PlanError::CadenceOff("pausing"))
        );
    }

    #[test]
    fn cadence_survives_storage_and_merges_from_two_devices() {
        let p = program();
        let mut laptop = leader_plan(&p);
        let mut phone = laptop.clone();
        apply(
            &p,
            &mut laptop,
            Action::MoveStep {
                day: 21,
                by_days: 2,
            },
            day(date!(2027 - 01 - 02)),
        )
        .expect("move");
        apply(
            &p,
            &mut phone,
            Action::ChooseWeekday {
                weekday: Some(Weekday::Friday),
            },
            day(date!(2027 - 01 - 03)),
        )
        .expect("weekday");
        apply(
            &p,
            &mut phone,
            Action::Pause {
                until: date!(2027 - 01 - 20),
            },
            day(date!(2027 - 01 - 04)),
        )
        .expect("pause");
        let merged = merge(&laptop, &phone);
        assert_eq!(merged, merge(&phone, &laptop), "order does not matter");
        assert_eq!(merged.rhythm.moves, [(21, 2)].into());
        assert_eq!(merged.rhythm.weekday(), Some(Weekday::Friday));
        assert_eq!(merged.rhythm.pauses.len(), 1);
        assert_eq!(merged.rhythm.changes, 2);
        assert_eq!(merged.baselines, laptop.baselines);
        // The later change of one pause wins.
        let mut back = merged.clone();
        apply(&p, &mut back, Action::Resume, day(date!(2027 - 01 - 06))).expect("resume");
        assert_eq!(
            merge(&merged, &back).rhythm.pauses[0].until,
            date!(2027 - 01 - 06)
        );
        assert_eq!(
            merge(&back, &merged).rhythm.pauses[0].until,
            date!(2027 - 01 - 06)
        );
        assert_eq!(restore(&p, Some(&store(&merged))).plan, merged);
        assert!(
            !store(&leader_plan(&p)).contains("rhythm"),
            "nothing stored while unused"
        );
        // Bounds tightened since: what no longer fits is set back, with a note.
        let mut tight = p.clone();
        tight.cadence.max_shift_days = 1;
        tight.cadence.weekdays = vec![Weekday::Monday];
        let r = restore(&tight, Some(&store(&merged)));
        assert!(r.plan.rhythm.moves.is_empty() && r.plan.rhythm.weekday().is_none());
        assert!(r.notice.expect("notice").contains("set back"));
    }
}
