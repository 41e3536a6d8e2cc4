//! A simulated cohort whose true figures are known, so the adoption dashboard
//! can be checked exactly (and demonstrated) without real learners.
//!
//! Every learner is driven through the real rules: each action goes through
//! [`plan::apply`] (a refused action is simply not taken) and the statements
//! are those [`xapi::statements_for`] builds, exactly what the widget sends.
//! The [`Truth`] is kept from the simulation's own bookkeeping of what each
//! learner did, never by reading the statements back.

use std::collections::BTreeMap;

use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};
use uuid::Uuid;

use crate::adoption::{self, State};
use crate::insights::{
    self, BaselineRow, Share, StepCounts, SuccessRow, TermUse, ON_TIME_GRACE_DAYS, SUSTAINED_DAYS,
};
use crate::plan::{self, Action, Commitment, Now, Plan, Rhythm};
use crate::program::Program;
use crate::schedule;
use crate::xapi::{self, Agent, Setting, Statement};

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
    Cohort {
        statements,
        truth: Truth {
            program: program.clone(),
            as_of: config.as_of,
            learners,
            home_page: config.home_page.clone(),
        },
    }
}
