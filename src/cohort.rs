//! A simulated cohort whose true figures are known, so the adoption dashboard
//! can be checked exactly (and demonstrated) without real learners.
//!
//! Every learner is driven through the real rules: each action goes through
//! [`plan::apply`] (a refused action is simply not taken) and the statements
//! are those [`xapi::statements_for`] builds, exactly what the widget sends.
//! The [`Truth`] is kept from the simulation's own bookkeeping of what each
//! learner did, never by reading the statements back.
//!
//! Teams come on top of the learners, from a pseudo-random stream of their own (so the
//! learners do exactly what they did before teams existed): learners of a leading role start
//! teams ([`team::Team::create`]), others join them ([`team::apply`]), a few leave (and some
//! come back); a few teams get only members who never commit. From joining on, each member's
//! statements carry the team and its leader, as the widget's do. At the observation days,
//! members who answered that step (not those who skipped or missed it) rate their leader, and
//! leaders rate their members, around a true level each person has; a few change their answer
//! in the same round. Those statements are what [`xapi::team_membership`] and
//! [`xapi::observations_for`] build.

use std::collections::BTreeMap;

use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};
use uuid::Uuid;

use crate::adoption::{self, State};
use crate::insights::{
    self, BaselineRow, SeenRow, SelfObserved, Share, StepCounts, SuccessRow, TeamRow, Teams,
    TermUse, ON_TIME_GRACE_DAYS, SUSTAINED_DAYS,
};
use crate::plan::{self, Action, Commitment, Now, Plan, Rhythm};
use crate::program::Program;
use crate::schedule;
use crate::team::{self, Op, Person, Team};
use crate::xapi::{self, Agent, Observed, Setting, Statement};

/// What to simulate; the same config always gives the same cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortConfig {
    /// How many learners arrive.
    pub learners: usize,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
    /// Start of the first cohort.
    pub start: Date,
    /// How many cohorts, starting a week apart, learners are spread over.
    pub cohorts: usize,
    /// The LMS's account `homePage`, as in real launches.
    pub home_page: String,
    /// Course activity IRIs the widget sits in; learners are spread across them (none: no grouping).
    pub course_ids: Vec<String>,
    /// The day the simulation stops; nothing happens after it.
    pub as_of: Date,
}

/// The statements a cohort sent, and what really happened.
#[derive(Debug, Clone)]
pub struct Cohort {
    /// Every statement, in the order the learners sent them.
    pub statements: Vec<Statement>,
    /// The figures a correct dashboard must show.
    pub truth: Truth,
}

/// What one simulated step saw, kept from the simulation itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrueStep {
    /// Local date of the answer, if answered.
    pub answered: Option<Date>,
    /// Local date of the skip, if skipped.
    pub skipped: Option<Date>,
    /// Whether it was put off at least once.
    pub snoozed: bool,
}

/// One learner as the simulation knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrueLearner {
    /// Account name on the home page (the actor's identity).
    pub account: String,
    /// Display name sent with statements.
    pub name: String,
    /// Role finally chosen.
    pub role: String,
    /// Course activity IRI, if any.
    pub course: Option<String>,
    /// Local date of commitment; `None` for learners who never committed.
    pub committed: Option<Date>,
    /// Behaviours committed to.
    pub behaviours: Vec<String>,
    /// Accepted step outcomes by step day.
    pub steps: BTreeMap<u32, TrueStep>,
    /// Self-check ratings per behaviour, oldest first, with their local date.
    pub ratings: BTreeMap<String, Vec<(Date, u8)>>,
    /// Glossary term (as the program writes it) to times used in reflections.
    pub terms: BTreeMap<String, usize>,
    /// Reflections answered.
    pub reflections: usize,
    /// Starting self-rating per behaviour, given at commitment.
    pub baselines: BTreeMap<String, u8>,
    /// The cadence the learner set (moves, weekday, pauses), as their plan holds it.
    pub rhythm: Rhythm,
    /// Due date of each step by step day, with that cadence.
    pub due: BTreeMap<u32, Date>,
}

impl TrueLearner {
    /// Whether `behaviour` counts as adopted on `date`, by the program's rule over ratings given by then.
    pub fn adopted_on(&self, program: &Program, behaviour: &str, date: Date) -> bool {
        let levels: Vec<u8> = self
            .ratings
            .get(behaviour)
            .map(|r| {
                r.iter()
                    .filter(|(d, _)| *d <= date)
                    .map(|(_, l)| *l)
                    .collect()
            })
            .unwrap_or_default();
        adoption::state(program.adoption, &levels) == State::Adopted
    }

    /// Whether any committed behaviour counts as adopted on `date`.
    pub fn any_adopted_on(&self, program: &Program, date: Date) -> bool {
        self.behaviours
            .iter()
            .any(|b| self.adopted_on(program, b, date))
    }
}

/// The dashboard's figures for one set of learners, as plain maps so they compare exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Learners who chose a role.
    pub learners: usize,
    /// Learners per program role (every role listed, zero included).
    pub roles: BTreeMap<String, usize>,
    /// Learners who committed.
    pub committed: usize,
    /// Learners who answered each step, by step day.
    pub answered: BTreeMap<u32, usize>,
    /// Learners who rated at least one behaviour.
    pub self_checked: usize,
    /// Learners with at least one behaviour adopted on `as_of`.
    pub adopted: usize,
    /// Reflections answered.
    pub reflections: usize,
    /// Glossary use by term (every term listed).
    pub terms: BTreeMap<String, TermUse>,
    /// Reinforcement by step day.
    pub steps: BTreeMap<u32, StepCounts>,
    /// Committed learners whose day N has come, and of them adopted on day N; by N.
    pub sustained: BTreeMap<u32, Share>,
    /// Learners committed to each program behaviour, and of them adopted on `as_of`.
    pub behaviours: BTreeMap<String, Share>,
    /// The same on day 7×week after commitment, for learners whose that day has come.
    pub weekly: BTreeMap<(String, u32), Share>,
    /// Committed learners on a pause on `as_of`.
    pub paused: usize,
    /// Change from baseline per program behaviour (rows with no role: all learners counted).
    pub baseline: BTreeMap<String, BaselineRow>,
}

/// What really happened in a simulated cohort.
#[derive(Debug, Clone)]
pub struct Truth {
    /// The program simulated.
    pub program: Program,
    /// The simulation's last day.
    pub as_of: Date,
    /// Every learner who chose a role, in arrival order.
    pub learners: Vec<TrueLearner>,
    /// The LMS's account `homePage` (with the account name, the learner's identity).
    pub home_page: String,
    /// Every team started, in the order they were.
    pub teams: Vec<TrueTeam>,
    /// Every observer rating given, in the order given.
    pub ratings: Vec<TrueRating>,
}

/// One simulated team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrueTeam {
    /// The team's id (its activity is `<program>/teams/<id>`).
    pub id: String,
    /// The leader, by index into [`Truth::learners`].
    pub leader: usize,
    /// The members in it on `as_of`, the leader aside, by index into [`Truth::learners`].
    pub members: Vec<usize>,
    /// Whether it was meant to be filled with members who never commit.
    pub idle: bool,
}

/// One observer rating, as the simulation gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrueRating {
    /// Who rated, by index into [`Truth::learners`].
    pub rater: usize,
    /// Who was rated.
    pub about: usize,
    /// The behaviour rated.
    pub behaviour: String,
    /// The schedule step (round) it was asked at.
    pub round: u32,
    /// The level chosen.
    pub level: u8,
    /// When it was given.
    pub at: OffsetDateTime,
    /// The true level of the person rated, around which raters answer.
    pub true_level: u8,
}

impl Truth {
    /// Figures over all learners.
    pub fn overall(&self) -> Figures {
        self.figures(|_| true)
    }

    /// Figures over the learners of one role.
    pub fn for_role(&self, role: &str) -> Figures {
        self.figures(|l| l.role == role)
    }

    /// Figures over the learners `keep` accepts, counted straight from the bookkeeping.
    pub fn figures(&self, keep: impl Fn(&TrueLearner) -> bool) -> Figures {
        let p = &self.program;
        let as_of = self.as_of;
        let mut f = Figures {
            roles: p.roles.iter().map(|r| (r.id.clone(), 0)).collect(),
            answered: p.schedule.iter().map(|s| (s.day, 0)).collect(),
            terms: p
                .glossary
                .iter()
                .map(|t| (t.term.clone(), TermUse::default()))
                .collect(),
            steps: p
                .schedule
                .iter()
                .map(|s| (s.day, StepCounts::default()))
                .collect(),
            sustained: SUSTAINED_DAYS
                .iter()
                .map(|d| (*d, Share::default()))
                .collect(),
            behaviours: p
                .behaviours
                .iter()
                .map(|b| (b.id.clone(), Share::default()))
                .collect(),
            baseline: p
                .behaviours
                .iter()
                .map(|b| {
                    let row = BaselineRow {
                        behaviour: b.id.clone(),
                        title: b.title.clone(),
                        ..BaselineRow::default()
                    };
                    (b.id.clone(), row)
                })
                .collect(),
            ..Figures::default()
        };
        for b in &p.behaviours {
            for w in 1..=insights::trend_weeks(p) {
                f.weekly.insert((b.id.clone(), w), Share::default());
            }
        }
        for l in self.learners.iter().filter(|l| keep(l)) {
            f.learners += 1;
            if let Some(n) = f.roles.get_mut(&l.role) {
                *n += 1;
            }
            f.reflections += l.reflections;
            for (term, uses) in &l.terms {
                if let Some(t) = f.terms.get_mut(term) {
                    t.uses += uses;
                    t.learners += usize::from(*uses > 0);
                }
            }
            let Some(start) = l.committed else { continue };
            f.committed += 1;
            f.paused += usize::from(l.rhythm.paused_on(as_of).is_some());
            for b in &l.behaviours {
                let Some(row) = f.baseline.get_mut(b) else {
                    continue;
                };
                let Some(first) = l.baselines.get(b) else {
                    row.without_baseline += 1;
                    continue;
                };
                match l.ratings.get(b).and_then(|r| r.last()) {
                    None => row.not_rated_yet += 1,
                    Some((_, latest)) => {
                        row.learners += 1;
                        row.baseline_sum += u64::from(*first);
                        row.latest_sum += u64::from(*latest);
                        match latest.cmp(first) {
                            std::cmp::Ordering::Greater => row.improved += 1,
                            std::cmp::Ordering::Equal => row.unchanged += 1,
                            std::cmp::Ordering::Less => row.declined += 1,
                        }
                    }
                }
            }
            for s in &p.schedule {
                let rec = l.steps.get(&s.day).cloned().unwrap_or_default();
                let planned = schedule::due_date(start, s.day);
                let due = l.due.get(&s.day).copied().unwrap_or(planned);
                let grace = schedule::due_date(due, ON_TIME_GRACE_DAYS);
                let c = f.steps.entry(s.day).or_default();
                match (rec.answered, rec.skipped) {
                    (Some(on), _) => {
                        *f.answered.entry(s.day).or_default() += 1;
                        if on <= grace {
                            c.on_time += 1;
                        } else {
                            c.late += 1;
                        }
                    }
                    (None, Some(_)) => c.skipped += 1,
                    (None, None) if due < as_of => c.missed += 1,
                    (None, None) => c.open += 1,
                }
                c.snoozed += usize::from(rec.snoozed);
                c.rescheduled += usize::from(due != planned);
            }
            f.self_checked += usize::from(l.ratings.values().any(|r| !r.is_empty()));
            f.adopted += usize::from(l.any_adopted_on(p, as_of));
            for n in SUSTAINED_DAYS {
                let day_n = schedule::due_date(start, n);
                if day_n <= as_of {
                    let s = f.sustained.entry(n).or_default();
                    s.learners += 1;
                    s.adopted += usize::from(l.any_adopted_on(p, day_n));
                }
            }
            for b in &l.behaviours {
                if let Some(s) = f.behaviours.get_mut(b) {
                    s.learners += 1;
                    s.adopted += usize::from(l.adopted_on(p, b, as_of));
                }
                for w in 1..=insights::trend_weeks(p) {
                    let day_w = schedule::due_date(start, 7 * w);
                    if day_w <= as_of {
                        if let Some(s) = f.weekly.get_mut(&(b.clone(), w)) {
                            s.learners += 1;
                            s.adopted += usize::from(l.adopted_on(p, b, day_w));
                        }
                    }
                }
            }
        }
        f
    }

    /// The learner's identity as the dashboard keys it.
    fn identity(&self, l: &TrueLearner) -> String {
        format!("account:{}|{}", self.home_page, l.account)
    }

    /// The team coverage a correct dashboard shows, with pseudonyms keyed by `secret`: the teams
    /// with anyone (leader or member) `keep` accepts (give it the role and course parts of a
    /// filter only: cohort dates do not apply to teams).
    pub fn teams(&self, secret: &[u8], keep: impl Fn(&TrueLearner) -> bool) -> Teams {
        let mut rows = Vec::new();
        for t in &self.teams {
            let Some(leader) = self.learners.get(t.leader) else {
                continue;
            };
            let members: Vec<&TrueLearner> = t
                .members
                .iter()
                .filter_map(|m| self.learners.get(*m))
                .collect();
            if !keep(leader) && !members.iter().any(|m| keep(m)) {
                continue;
            }
            rows.push(TeamRow {
                team: insights::team_pseudonym(secret, &self.program.id, &t.id),
                leader: Some(insights::pseudonym(secret, &self.identity(leader))),
                leader_name: Some(leader.name.clone()),
                leader_role: Some(leader.role.clone()),
                leader_committed: leader.committed.is_some(),
                members: members.len(),
                members_committed: members.iter().filter(|m| m.committed.is_some()).count(),
            });
        }
        rows.sort_by(|a, b| a.team.cmp(&b.team));
        Teams { rows }
    }

    /// How others see each behaviour, as a correct dashboard shows it for the learners `keep`
    /// accepts (the people observed; raters are whoever rated).
    pub fn seen(&self, keep: impl Fn(&TrueLearner) -> bool) -> SelfObserved {
        let p = &self.program;
        let mut rows = Vec::new();
        for o in &p.observations {
            let min = o.min_raters.max(1);
            let mut row = SeenRow {
                behaviour: o.behaviour.clone(),
                title: p
                    .behaviour(&o.behaviour)
                    .map_or(o.behaviour.clone(), |b| b.title.clone()),
                about: o.about.clone(),
                about_label: p
                    .role(&o.about)
                    .map_or(o.about.clone(), |r| r.label.clone()),
                min_raters: min,
                ..SeenRow::default()
            };
            let observed = |i: usize| {
                self.learners
                    .get(i)
                    .filter(|l| keep(l) && l.role == o.about)
            };
            for l in self
                .learners
                .iter()
                .filter(|l| keep(l) && l.role == o.about)
            {
                if let Some((_, level)) = l.ratings.get(&o.behaviour).and_then(|r| r.last()) {
                    row.self_learners += 1;
                    row.self_sum += u64::from(*level);
                }
            }
            // Per rater and person rated: the first answer of the latest round.
            let mut pairs: BTreeMap<(usize, usize), &TrueRating> = BTreeMap::new();
            let mut given: Vec<&TrueRating> = self
                .ratings
                .iter()
                .filter(|r| r.behaviour == o.behaviour && r.rater != r.about)
                .filter(|r| {
                    self.learners
                        .get(r.rater)
                        .is_some_and(|l| o.by.contains(&l.role))
                })
                .filter(|r| observed(r.about).is_some())
                .collect();
            given.sort_by_key(|r| r.at);
            for r in given.iter().copied() {
                let slot = pairs.entry((r.rater, r.about)).or_insert(r);
                if r.round > slot.round {
                    *slot = r;
                }
            }
            // Raters in line by their first answer, whatever the round.
            let mut first: BTreeMap<usize, OffsetDateTime> = BTreeMap::new();
            for r in &given {
                let t = first.entry(r.rater).or_insert(r.at);
                *t = (*t).min(r.at);
            }
            let mut order: Vec<(OffsetDateTime, String, usize)> = first
                .into_iter()
                .filter_map(|(i, t)| Some((t, self.identity(self.learners.get(i)?), i)))
                .collect();
            order.sort();
            let counted = order.len() / usize::from(min) * usize::from(min);
            row.raters = counted;
            row.waiting = order.len() - counted;
            let raters: Vec<usize> = order.iter().take(counted).map(|(_, _, i)| *i).collect();
            let mut people = std::collections::BTreeSet::new();
            for r in pairs.values().filter(|r| raters.contains(&r.rater)) {
                row.observed_ratings += 1;
                row.observed_sum += u64::from(r.level);
                people.insert(r.about);
            }
            row.observed_people = people.len();
            rows.push(row);
        }
        SelfObserved { rows }
    }

    /// The Success Case sample a correct dashboard shows for the learners `keep` accepts, with
    /// pseudonyms keyed by `secret`: per behaviour, the `n` strongest and `n` weakest trajectories.
    pub fn success_cases(
        &self,
        secret: &[u8],
        n: usize,
        keep: impl Fn(&TrueLearner) -> bool,
    ) -> Vec<SuccessRow> {
        let p = &self.program;
        let mut out = Vec::new();
        for b in &p.behaviours {
            let mut candidates = Vec::new();
            for l in self
                .learners
                .iter()
                .filter(|l| keep(l) && l.committed.is_some())
            {
                if !l.behaviours.contains(&b.id) {
                    continue;
                }
                let Some(t) =
                    insights::trajectory(l.baselines.get(&b.id).copied(), l.ratings.get(&b.id))
                else {
                    continue;
                };
                let identity = format!("account:{}|{}", self.home_page, l.account);
                candidates.push(SuccessRow {
                    behaviour: b.id.clone(),
                    group: insights::Group::Strongest,
                    rank: 0,
                    learner: insights::pseudonym(secret, &identity),
                    name: Some(l.name.clone()),
                    role: l.role.clone(),
                    start: t.start,
                    latest: t.latest,
                    checks: t.checks,
                    adopted: l.adopted_on(p, &b.id, self.as_of),
                });
            }
            out.extend(insights::sample(candidates, n));
        }
        out
    }
}

/// Why it matters, as some simulated learners put it (never read by the dashboard).
const WHY: &[&str] = &[
    "My team deserves clearer expectations.",
    "I want my next review to be a conversation, not a surprise.",
    "Coaching is how I want to lead.",
    "I keep putting this off and it costs us.",
];

/// Openings of reflections; none contains a glossary word of the demo programs,
/// so every term in a reflection is one the simulation put there.
const FILLERS: &[&str] = &[
    "This week I tried it twice.",
    "It went better than last time.",
    "I want to keep going.",
    "It was harder than I expected.",
    "I noticed a small change in how the team talks.",
    "Next time I will start earlier in the day.",
    "Busy week, but I made room for it.",
];

const WHEN_WHERE: &[&str] = &[
    "Mondays after the team call",
    "After each ride-along",
    "Friday afternoons",
    "Before every one-to-one",
];

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Esra", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kavya",
    "Luis", "Maren", "Noor", "Owen", "Priya",
];
const LAST: &[&str] = &[
    "Almeida",
    "Brandt",
    "Chen",
    "Dubois",
    "Eze",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "O'Brien",
    "Patel",
];

/// Learners' UTC offsets in hours: a field team across time zones, so local and UTC dates differ.
const OFFSETS: &[i8] = &[-8, -5, 0, 1, 2, 10];

/// Share of learners by role: the role LMSs call "Learner" is most of the cohort, the first other
/// role about a quarter, and the rest very few (who is expected to change but was not developed).
fn role_weights(program: &Program) -> Vec<(String, f64)> {
    let learner = program
        .roles
        .iter()
        .position(|r| {
            r.lms_roles
                .iter()
                .any(|l| l.eq_ignore_ascii_case("learner"))
        })
        .unwrap_or(0);
    let others = program.roles.len().saturating_sub(2).max(1) as f64;
    let mut second = true;
    program
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let w = if i == learner {
                0.68
            } else if std::mem::take(&mut second) {
                0.27
            } else {
                0.05 / others
            };
            (r.id.clone(), w)
        })
        .collect()
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty())
        .then(|| rng.usize(..items.len()))
        .and_then(|i| items.get(i))
}

/// `date` moved by `days`, saturating at the calendar's ends rather than failing.
fn plus(date: Date, days: i64) -> Date {
    date.checked_add(Duration::days(days))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

fn at(date: Date, hour: u8, minute: u8, offset: UtcOffset) -> Now {
    let t = Time::from_hms(hour.min(23), minute.min(59), 0).unwrap_or(Time::MIDNIGHT);
    Now {
        today: date,
        at: OffsetDateTime::new_in_offset(date, t, offset),
    }
}

struct Sim<'a> {
    program: &'a Program,
    config: &'a CohortConfig,
    rng: &'a mut fastrand::Rng,
    out: &'a mut Vec<Statement>,
    agent: Agent,
    registration: Uuid,
    course: Option<String>,
    offset: UtcOffset,
    plan: Plan,
    last: Option<OffsetDateTime>,
}

impl Sim<'_> {
    /// `date`, or the day of the last action if that is later: time only moves forward.
    fn not_before_last(&self, date: Date) -> Date {
        self.last.map_or(date, |l| l.date().max(date))
    }

    /// Takes `action` on `date` if it is within the simulation and the rules accept it.
    fn act(&mut self, action: Action, date: Date) -> bool {
        if date > self.config.as_of {
            return false;
        }
        let mut now = at(date, self.rng.u8(6..23), self.rng.u8(0..60), self.offset);
        // Two actions on one day happen in the order they are taken.
        if let Some(last) = self.last.filter(|l| l.date() == date && now.at <= *l) {
            now.at = last + Duration::seconds(1);
        }
        let before = self.plan.clone();
        if plan::apply(self.program, &mut self.plan, action.clone(), now).is_err() {
            return false;
        }
        self.last = Some(now.at);
        let setting = Setting {
            learner: &self.agent,
            registration: Some(self.registration),
            course: self.course.as_deref(),
            now: now.at,
            team: None,
        };
        let rng = &mut *self.rng;
        let mut ids = || uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid();
        self.out.extend(xapi::statements_for(
            self.program,
            &before,
            &self.plan,
            &action,
            &setting,
            &mut ids,
        ));
        true
    }
}

/// Writes a reflection using a few glossary terms (mostly those of the learner's behaviours),
/// returning the text and the terms it used.
fn reflection(
    rng: &mut fastrand::Rng,
    program: &Program,
    behaviours: &[String],
) -> (String, Vec<String>) {
    let mut text = pick(rng, FILLERS).copied().unwrap_or("Done.").to_string();
    let own: Vec<&str> = behaviours
        .iter()
        .filter_map(|b| program.behaviour(b))
        .flat_map(|b| b.terms.iter().map(String::as_str))
        .collect();
    let count = if rng.f64() < 0.35 { 0 } else { rng.usize(1..4) };
    let mut used = Vec::new();
    for _ in 0..count {
        let term_name = if rng.f64() < 0.75 {
            pick(rng, &own).copied()
        } else {
            pick(rng, &program.glossary).map(|t| t.term.as_str())
        };
        let Some(term) = term_name.and_then(|n| program.glossary.iter().find(|t| t.term == n))
        else {
            continue;
        };
        let forms: Vec<&str> = std::iter::once(term.term.as_str())
            .chain(term.aliases.iter().map(String::as_str))
            .collect();
        let form = pick(rng, &forms).copied().unwrap_or(term.term.as_str());
        let form = match rng.u8(0..3) {
            0 => form.to_string(),
            1 => form.to_ascii_lowercase(),
            _ => form.to_ascii_uppercase(),
        };
        text.push_str(&format!(" I thought about {form} today."));
        used.push(term.term.clone());
    }
    (text, used)
}

/// Simulates the cohort. Deterministic: the same program and config give the same statements.
pub fn generate(program: &Program, config: &CohortConfig) -> Cohort {
    let mut rng = fastrand::Rng::with_seed(config.seed);
    let mut statements = Vec::new();
    let mut learners = Vec::new();
    let weights = role_weights(program);
    let top = program.self_check.scale.len().saturating_sub(1) as u8;
    for i in 0..config.learners {
        let x = rng.f64() * weights.iter().map(|(_, w)| w).sum::<f64>();
        let mut acc = 0.0;
        let role = weights
            .iter()
            .find(|(_, w)| {
                acc += w;
                x < acc
            })
            .or(weights.last())
            .map(|(r, _)| r.clone());
        let Some(role) = role else { break };
        let cohort = rng.usize(..config.cohorts.max(1));
        let start = plus(config.start, 7 * cohort as i64 + rng.i64(0..3));
        let name = format!(
            "{} {}",
            pick(&mut rng, FIRST).copied().unwrap_or("Ana"),
            pick(&mut rng, LAST).copied().unwrap_or("Chen")
        );
        let account = format!("u{:04}-{i:05}", config.seed % 10_000);
        let course = if config.course_ids.is_empty() {
            None
        } else {
            config.course_ids.get(i % config.course_ids.len()).cloned()
        };
        let hours = pick(&mut rng, OFFSETS).copied().unwrap_or(0);
        let offset = UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC);
        let registration = uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid();
        let mut sim = Sim {
            program,
            config,
            rng: &mut rng,
            out: &mut statements,
            agent: Agent::account(&config.home_page, &account, Some(&name)),
            registration,
            course: course.clone(),
            offset,
            plan: Plan::default(),
            last: None,
        };
        // A few learners look at another role first.
        if sim.rng.f64() < 0.05 {
            if let Some(other) = program.roles.iter().find(|r| r.id != role) {
                sim.act(
                    Action::ChooseRole {
                        role: other.id.clone(),
                    },
                    start,
                );
            }
        }
        if !sim.act(Action::ChooseRole { role: role.clone() }, start) {
            continue;
        }
        let mut learner = TrueLearner {
            account,
            name,
            role: role.clone(),
            course,
            committed: None,
            behaviours: Vec::new(),
            steps: BTreeMap::new(),
            ratings: BTreeMap::new(),
            terms: BTreeMap::new(),
            reflections: 0,
            baselines: BTreeMap::new(),
            rhythm: Rhythm::default(),
            due: BTreeMap::new(),
        };
        if sim.rng.f64() < 0.06 {
            learners.push(learner);
            continue;
        }
        let mut options: Vec<&str> = program
            .behaviours_for(&role)
            .map(|b| b.id.as_str())
            .collect();
        sim.rng.shuffle(&mut options);
        let n = 1 + sim.rng.usize(..options.len().clamp(1, 3));
        let commitments: Vec<Commitment> = options
            .iter()
            .take(n)
            .map(|b| {
                let suggested = program
                    .role(&role)
                    .and_then(|r| r.commitments.iter().find(|c| c.behaviour == *b))
                    .map(|c| c.text.clone());
                let title = program.behaviour(b).map_or(*b, |x| x.title.as_str());
                Commitment {
                    behaviour: b.to_string(),
                    text: suggested.unwrap_or_else(|| format!("I will practise this: {title}.")),
                    when_where: pick(sim.rng, WHEN_WHERE)
                        .copied()
                        .unwrap_or("Mondays")
                        .to_string(),
                }
            })
            .collect();
        let mut behaviours: Vec<String> = Vec::new();
        for c in &commitments {
            if !behaviours.contains(&c.behaviour) {
                behaviours.push(c.behaviour.clone());
            }
        }
        // Where each behaviour starts: the baseline given at commitment.
        let mut levels: BTreeMap<String, u8> = behaviours
            .iter()
            .map(|b| (b.clone(), sim.rng.u8(0..3)))
            .collect();
        let why = if sim.rng.f64() < 0.4 {
            pick(sim.rng, WHY).copied().unwrap_or_default().to_string()
        } else {
            String::new()
        };
        if !sim.act(
            Action::Commit {
                commitments: commitments.clone(),
                baselines: levels.clone(),
                why,
            },
            start,
        ) {
            learners.push(learner);
            continue;
        }
        learner.committed = Some(start);
        learner.baselines = sim.plan.baselines.clone();
        learner.behaviours = sim
            .plan
            .committed_behaviours()
            .into_iter()
            .map(str::to_string)
            .collect();
        let ghost = sim.rng.f64() < 0.2;
        let engagement = 0.45 + 0.5 * sim.rng.f64();
        // A few choose a weekday for their reflections the day they commit.
        if sim.rng.f64() < 0.12 {
            let offered = &program.cadence.weekdays;
            if let Some(w) = pick(sim.rng, offered).copied() {
                sim.act(Action::ChooseWeekday { weekday: Some(w) }, start);
            }
        }
        for (index, step) in program.schedule.iter().enumerate() {
            if ghost {
                break;
            }
            let due_of = |plan: &Plan| {
                schedule::due_dates(program, start, &plan.rhythm)
                    .get(index)
                    .copied()
                    .unwrap_or(Date::MAX)
            };
            let mut due = due_of(&sim.plan);
            // A few go on leave shortly before a step (some come back early), or move a step.
            let cadence = &program.cadence;
            if sim.rng.f64() < 0.07 && cadence.max_pause_days > 0 {
                let before = sim.rng.i64(0..4);
                let from = sim.not_before_last(plus(due, -before));
                let days = sim.rng.i64(5..=i64::from(cadence.max_pause_days.min(30)));
                if sim.act(
                    Action::Pause {
                        until: plus(from, days),
                    },
                    from,
                ) && sim.rng.f64() < 0.3
                {
                    let back = plus(from, sim.rng.i64(1..days));
                    sim.act(Action::Resume, back);
                }
                due = due_of(&sim.plan);
            }
            if sim.rng.f64() < 0.08 && cadence.max_shift_days > 0 {
                let max = i32::from(cadence.max_shift_days);
                let by = [-1, 1][sim.rng.usize(..2)] * sim.rng.i32(1..=max);
                let on = sim.not_before_last(plus(due, -2));
                sim.act(
                    Action::MoveStep {
                        day: step.day,
                        by_days: by,
                    },
                    on,
                );
                due = due_of(&sim.plan);
            }
            if due > config.as_of {
                break;
            }
            if sim.rng.f64() > engagement {
                continue; // misses this one
            }
            let r = sim.rng.f64();
            let (mut date, mut answer) = if r < 0.55 {
                (plus(due, [0, 0, 0, 1, 2][sim.rng.usize(..5)]), true)
            } else if r < 0.72 {
                (plus(due, sim.rng.i64(3..8)), true)
            } else if r < 0.84 {
                let until = plus(due, sim.rng.i64(1..5));
                let ok = schedule::latest_snooze(program, &sim.plan, index)
                    .is_some_and(|last| until <= last)
                    && sim.act(
                        Action::Snooze {
                            day: step.day,
                            until,
                        },
                        due,
                    );
                if ok {
                    learner.steps.entry(step.day).or_default().snoozed = true;
                }
                let then = sim.rng.f64();
                if !ok || then >= 0.85 {
                    continue;
                }
                (until, then < 0.7)
            } else {
                (plus(due, sim.rng.i64(0..2)), false)
            };
            if date > config.as_of {
                date = config.as_of;
                answer = answer && date >= due;
            }
            if answer {
                let mut next = levels.clone();
                if step.self_check {
                    for level in next.values_mut() {
                        if sim.rng.f64() < 0.12 {
                            *level = level.saturating_sub(1 + sim.rng.u8(0..2));
                        } else if sim.rng.f64() < engagement {
                            *level = (*level + 1).min(top);
                        }
                    }
                }
                let (text, used) = reflection(sim.rng, program, &learner.behaviours);
                let ratings = if step.self_check {
                    next.clone()
                } else {
                    BTreeMap::new()
                };
                let action = Action::Answer {
                    day: step.day,
                    text,
                    ratings,
                };
                if sim.act(action, date) {
                    levels = next;
                    learner.steps.entry(step.day).or_default().answered = Some(date);
                    learner.reflections += 1;
                    for t in used {
                        *learner.terms.entry(t).or_default() += 1;
                    }
                    if step.self_check {
                        for (b, l) in &levels {
                            learner
                                .ratings
                                .entry(b.clone())
                                .or_default()
                                .push((date, *l));
                        }
                    }
                    // A few reword a commitment when they come back (same behaviours).
                    if sim.rng.f64() < 0.04 {
                        let mut reworded = sim.plan.commitments.clone();
                        if let Some(first) = reworded.first_mut() {
                            first.text = format!("{} (every week)", first.text);
                        }
                        let why = sim.plan.why.clone().unwrap_or_default();
                        sim.act(
                            Action::Commit {
                                commitments: reworded,
                                baselines: BTreeMap::new(),
                                why,
                            },
                            date,
                        );
                    }
                }
            } else if sim.act(Action::Skip { day: step.day }, date) {
                learner.steps.entry(step.day).or_default().skipped = Some(date);
            }
            if sim.rng.f64() < 0.06 {
                break; // drops out
            }
        }
        learner.rhythm = sim.plan.rhythm.clone();
        learner.due = program
            .schedule
            .iter()
            .map(|s| s.day)
            .zip(schedule::due_dates(program, start, &sim.plan.rhythm))
            .collect();
        learners.push(learner);
    }
    let (teams, ratings) = add_teams(program, config, &learners, &mut statements);
    Cohort {
        statements,
        truth: Truth {
            program: program.clone(),
            as_of: config.as_of,
            learners,
            home_page: config.home_page.clone(),
            teams,
            ratings,
        },
    }
}

/// Share of the leading role's learners who start a team.
const STARTS_TEAM: f64 = 0.6;
/// Share of teams meant for members who never commit.
const IDLE_TEAM: f64 = 0.12;
/// Share of the other learners who join a team.
const JOINS_TEAM: f64 = 0.8;

/// Where a learner's statements are and how they send them, read back from the statements
/// the simulation made (the learners' own loop is left as it was).
struct Sender {
    agent: Agent,
    registration: Option<Uuid>,
    course: Option<String>,
    offset: UtcOffset,
    start: Date,
    statements: Vec<usize>,
}

/// One stretch of membership: from joining until leaving (`None`: still in on `as_of`).
#[derive(Clone, Copy)]
struct Stint {
    from: OffsetDateTime,
    until: Option<OffsetDateTime>,
}

struct SimTeam {
    team: Team,
    leader: usize,
    idle: bool,
    /// Per learner index: their stints in the team (the leader's too).
    stints: BTreeMap<usize, Vec<Stint>>,
}

impl SimTeam {
    fn in_on(&self, who: usize, at: OffsetDateTime) -> bool {
        self.stints.get(&who).is_some_and(|s| {
            s.iter()
                .any(|s| s.from <= at && s.until.is_none_or(|u| at < u))
        })
    }
}

/// Teams and observer ratings on top of the learners (see the module's introduction).
fn add_teams(
    program: &Program,
    config: &CohortConfig,
    learners: &[TrueLearner],
    statements: &mut Vec<Statement>,
) -> (Vec<TrueTeam>, Vec<TrueRating>) {
    let mut rng = fastrand::Rng::with_seed(config.seed ^ 0x7ea3_5eed_0b5e_77ed);
    let top = program.self_check.scale.len().saturating_sub(1) as u8;
    // Each learner's statements, from the statements themselves.
    let mut by_account: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, l) in learners.iter().enumerate() {
        by_account.insert(l.account.as_str(), i);
    }
    let mut senders: Vec<Option<Sender>> = (0..learners.len()).map(|_| None).collect();
    for (n, st) in statements.iter().enumerate() {
        let Some(i) = st
            .actor
            .account
            .as_ref()
            .and_then(|a| by_account.get(a.name.as_str()))
        else {
            continue;
        };
        let Some(slot) = senders.get_mut(*i) else {
            continue;
        };
        let s = slot.get_or_insert_with(|| Sender {
            agent: st.actor.clone(),
            registration: st.context.as_ref().and_then(|c| c.registration),
            course: learners.get(*i).and_then(|l| l.course.clone()),
            offset: st.timestamp.offset(),
            start: st.timestamp.date(),
            statements: Vec::new(),
        });
        s.statements.push(n);
    }
    let when = |rng: &mut fastrand::Rng, s: &Sender, date: Date| {
        at(date, rng.u8(6..23), rng.u8(0..60), s.offset).at
    };
    let id = |rng: &mut fastrand::Rng| {
        uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid()
    };
    let person = |i: usize| -> Option<Person> {
        let l = learners.get(i)?;
        let s = senders.get(i)?.as_ref()?;
        Some(Person {
            agent: s.agent.clone(),
            name: l.name.clone(),
            role: l.role.clone(),
        })
    };
    let leads = |i: usize| {
        learners
            .get(i)
            .and_then(|l| program.role(&l.role))
            .is_some_and(|r| r.leads)
    };

    // Leaders start teams the day after they arrive, or a few days later.
    let mut teams: Vec<SimTeam> = Vec::new();
    for i in (0..learners.len()).filter(|i| leads(*i)) {
        if rng.f64() >= STARTS_TEAM {
            continue;
        }
        let idle = rng.f64() < IDLE_TEAM;
        let (Some(who), Some(s)) = (person(i), senders.get(i).and_then(Option::as_ref)) else {
            continue;
        };
        let day = plus(s.start, rng.i64(1..4));
        let team_id = format!("{:032x}", rng.u128(..));
        let mut code = [0u8; team::CODE_LEN];
        rng.fill(&mut code);
        if day > config.as_of {
            continue;
        }
        let Ok(t) = Team::create(program, &who, &team_id, &team::code_from(code), day) else {
            continue;
        };
        let from = when(&mut rng, s, day);
        teams.push(SimTeam {
            team: t,
            leader: i,
            idle,
            stints: [(i, vec![Stint { from, until: None }])]
                .into_iter()
                .collect(),
        });
    }
    // The others join one: those who never commit mostly the idle teams, the rest the others.
    let idle: Vec<usize> = (0..teams.len()).filter(|t| teams[*t].idle).collect();
    let busy: Vec<usize> = (0..teams.len()).filter(|t| !teams[*t].idle).collect();
    for i in (0..learners.len()).filter(|i| !leads(*i)) {
        if rng.f64() >= JOINS_TEAM {
            continue;
        }
        let never = learners.get(i).is_some_and(|l| l.committed.is_none());
        let pool = if never && !idle.is_empty() && rng.f64() < 0.9 {
            &idle
        } else {
            &busy
        };
        let Some(&t) = pick(&mut rng, pool) else {
            continue;
        };
        let (Some(who), Some(s)) = (person(i), senders.get(i).and_then(Option::as_ref)) else {
            continue;
        };
        let Some(st) = teams.get_mut(t) else { continue };
        let day = plus(s.start.max(st.team.created), rng.i64(1..6));
        if day > config.as_of {
            continue;
        }
        let Ok(joined) = team::apply(program, st.team.clone(), &who, &Op::Join, day) else {
            continue;
        };
        st.team = joined;
        let from = when(&mut rng, s, day);
        let mut stints = vec![Stint { from, until: None }];
        // A few leave later; some of them come back.
        if rng.f64() < 0.08 {
            let gone = plus(day, rng.i64(5..40));
            if gone <= config.as_of {
                if let Ok(left) = team::apply(program, st.team.clone(), &who, &Op::Leave, gone) {
                    st.team = left;
                    let until = when(&mut rng, s, gone).max(from + Duration::minutes(1));
                    stints[0].until = Some(until);
                    let back = plus(gone, rng.i64(1..10));
                    if rng.f64() < 0.35 && back <= config.as_of {
                        if let Ok(again) =
                            team::apply(program, st.team.clone(), &who, &Op::Join, back)
                        {
                            st.team = again;
                            let from = when(&mut rng, s, back).max(until + Duration::minutes(1));
                            stints.push(Stint { from, until: None });
                        }
                    }
                }
            }
        }
        st.stints.insert(i, stints);
    }

    // Join and leave statements, and the team on every statement sent while in it.
    let mut out: Vec<Statement> = Vec::new();
    for st in &teams {
        let group = st.team.group();
        let Some(leader) = senders
            .get(st.leader)
            .and_then(Option::as_ref)
            .map(|s| s.agent.clone())
        else {
            continue;
        };
        for (who, stints) in &st.stints {
            let (Some(s), Some(l)) = (
                senders.get(*who).and_then(Option::as_ref),
                learners.get(*who),
            ) else {
                continue;
            };
            let setting = |now: OffsetDateTime| Setting {
                learner: &s.agent,
                registration: s.registration,
                course: s.course.as_deref(),
                now,
                team: Some((&group, &leader)),
            };
            for stint in stints {
                let iri = st.team.iri();
                let leads = *who == st.leader;
                let mut ids = || id(&mut rng);
                out.extend(xapi::team_membership(
                    program,
                    &setting(stint.from),
                    &l.role,
                    &iri,
                    true,
                    leads,
                    &mut ids,
                ));
                if let Some(until) = stint.until {
                    out.extend(xapi::team_membership(
                        program,
                        &setting(until),
                        &l.role,
                        &iri,
                        false,
                        false,
                        &mut ids,
                    ));
                }
            }
        }
    }
    for st in &teams {
        let group = st.team.group();
        let Some(leader) = senders
            .get(st.leader)
            .and_then(Option::as_ref)
            .map(|s| s.agent.clone())
        else {
            continue;
        };
        for who in st.stints.keys() {
            let Some(s) = senders.get(*who).and_then(Option::as_ref) else {
                continue;
            };
            for n in &s.statements {
                let Some(statement) = statements.get_mut(*n) else {
                    continue;
                };
                if st.in_on(*who, statement.timestamp) {
                    if let Some(c) = statement.context.as_mut() {
                        c.team = Some(group.clone());
                        c.instructor = Some(leader.clone());
                    }
                }
            }
        }
    }

    // Observer checks: at each observation day, who answered that step rates the others of
    // the team in the role observed (members their leader, the leader their members).
    let mut ratings: Vec<TrueRating> = Vec::new();
    let mut true_levels: BTreeMap<(usize, &str), u8> = BTreeMap::new();
    for st in &teams {
        let group = st.team.group();
        let Some(leader) = senders
            .get(st.leader)
            .and_then(Option::as_ref)
            .map(|s| s.agent.clone())
        else {
            continue;
        };
        for o in &program.observations {
            for &day in &o.days {
                for &rater in st.stints.keys() {
                    let (Some(r), Some(s)) = (
                        learners.get(rater),
                        senders.get(rater).and_then(Option::as_ref),
                    ) else {
                        continue;
                    };
                    if !o.by.contains(&r.role) || r.role == o.about {
                        continue;
                    }
                    // Only who answered the step is asked; skipped or missed, no rating.
                    let Some(date) = r.steps.get(&day).and_then(|x| x.answered) else {
                        continue;
                    };
                    if date > config.as_of {
                        continue;
                    }
                    let now = when(&mut rng, s, date);
                    if !st.in_on(rater, now) {
                        continue;
                    }
                    for &about in st.stints.keys() {
                        let Some(a) = learners.get(about) else {
                            continue;
                        };
                        let Some(about_agent) = senders
                            .get(about)
                            .and_then(Option::as_ref)
                            .map(|x| &x.agent)
                        else {
                            continue;
                        };
                        if about == rater || a.role != o.about || !st.in_on(about, now) {
                            continue;
                        }
                        let truth = *true_levels
                            .entry((about, o.behaviour.as_str()))
                            .or_insert_with(|| rng.u8(0..=top));
                        let mut answers = vec![(now, noisy(&mut rng, truth, top))];
                        // A few change their answer in the same round.
                        if rng.f64() < 0.05 {
                            answers.push((now + Duration::minutes(2), noisy(&mut rng, truth, top)));
                        }
                        for (at_time, level) in answers {
                            let setting = Setting {
                                learner: &s.agent,
                                registration: s.registration,
                                course: s.course.as_deref(),
                                now: at_time,
                                team: Some((&group, &leader)),
                            };
                            let rated = [Observed {
                                behaviour: &o.behaviour,
                                about: about_agent,
                                level,
                            }];
                            let mut ids = || id(&mut rng);
                            let sent = xapi::observations_for(
                                program, &setting, &r.role, day, &rated, &mut ids,
                            );
                            if sent.is_empty() {
                                continue;
                            }
                            out.extend(sent);
                            ratings.push(TrueRating {
                                rater,
                                about,
                                behaviour: o.behaviour.clone(),
                                round: day,
                                level,
                                at: at_time,
                                true_level: truth,
                            });
                        }
                    }
                }
            }
        }
    }
    statements.extend(out);
    let teams = teams
        .into_iter()
        .map(|st| TrueTeam {
            id: st.team.id.clone(),
            leader: st.leader,
            members: st
                .stints
                .iter()
                .filter(|(who, stints)| {
                    **who != st.leader && stints.last().is_some_and(|s| s.until.is_none())
                })
                .map(|(who, _)| *who)
                .collect(),
            idle: st.idle,
        })
        .collect();
    (teams, ratings)
}

/// A rater's answer around the true level: mostly right, sometimes one level off.
fn noisy(rng: &mut fastrand::Rng, truth: u8, top: u8) -> u8 {
    match rng.u8(0..10) {
        0 | 1 => truth.saturating_sub(1),
        2 | 3 => (truth + 1).min(top),
        _ => truth,
    }
}
