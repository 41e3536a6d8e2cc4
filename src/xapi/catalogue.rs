//! The statement catalogue: which statements each learner action sends.
//! Established verb IRIs (ADL, the xAPI registry) where one fits; Throughline's
//! own namespace [`NS`] only for what none of them says.

use std::collections::BTreeMap;

use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::*;
use crate::adoption::{self, State};
use crate::plan::{Action, Plan};
use crate::program::Program;
use crate::schedule;

/// Throughline's namespace for its own verbs, activity types and extensions.
pub const NS: &str = "https://throughline.app/xapi";

/// One verb of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Verbs {
    /// Short name used in docs and tests.
    pub key: &'static str,
    /// Verb IRI.
    pub iri: &'static str,
    /// English display.
    pub display: &'static str,
    /// The learner action that sends it.
    pub when: &'static str,
}

/// Every verb the learner widget sends (cmi5 verbs live with the launch code).
pub const VERBS: &[Verbs] = &[
    Verbs {
        key: "selected",
        iri: "http://id.tincanapi.com/verb/selected",
        display: "selected",
        when: "chose a role",
    },
    Verbs {
        key: "committed",
        iri: "https://throughline.app/xapi/verbs/committed",
        display: "committed to",
        when: "committed to a behaviour",
    },
    Verbs {
        key: "answered",
        iri: "http://adlnet.gov/expapi/verbs/answered",
        display: "answered",
        when: "reflected at a schedule step",
    },
    Verbs {
        key: "rated",
        iri: "http://id.tincanapi.com/verb/rated",
        display: "rated",
        when: "self-assessed a behaviour",
    },
    Verbs {
        key: "joined",
        iri: "http://activitystrea.ms/schema/1.0/join",
        display: "joined",
        when: "started a team (as its leader) or joined one",
    },
    Verbs {
        key: "left",
        iri: "http://activitystrea.ms/schema/1.0/leave",
        display: "left",
        when: "left a team, or was removed from it by its leader",
    },
    Verbs {
        key: "observed",
        iri: "https://throughline.app/xapi/verbs/observed",
        display: "observed",
        when: "rated how often a teammate showed a behaviour (observer check)",
    },
    Verbs {
        key: "mastered",
        iri: "http://adlnet.gov/expapi/verbs/mastered",
        display: "mastered",
        when: "a behaviour became adopted",
    },
    Verbs {
        key: "lapsed",
        iri: "https://throughline.app/xapi/verbs/lapsed",
        display: "lapsed in",
        when: "an adopted behaviour fell back",
    },
    Verbs {
        key: "skipped",
        iri: "http://id.tincanapi.com/verb/skipped",
        display: "skipped",
        when: "skipped a reflection",
    },
    Verbs {
        key: "snoozed",
        iri: "https://throughline.app/xapi/verbs/snoozed",
        display: "snoozed",
        when: "put a reflection off",
    },
    Verbs {
        key: "rescheduled",
        iri: "https://throughline.app/xapi/verbs/rescheduled",
        display: "rescheduled",
        when: "moved a reflection or chose a weekday",
    },
    Verbs {
        key: "paused",
        iri: "https://throughline.app/xapi/verbs/paused",
        display: "paused",
        when: "paused the schedule (on leave until a date)",
    },
    Verbs {
        key: "resumed",
        iri: "https://throughline.app/xapi/verbs/resumed",
        display: "resumed",
        when: "ended a pause",
    },
];

fn verb(key: &str) -> Verb {
    let v = VERBS.iter().find(|v| v.key == key).unwrap_or(&VERBS[0]);
    Verb {
        id: v.iri.to_string(),
        display: [("en-US".to_string(), v.display.to_string())]
            .into_iter()
            .collect(),
    }
}

/// Who acts, where, and when: everything a statement needs besides the action.
#[derive(Debug, Clone)]
pub struct Setting<'a> {
    /// The learner.
    pub learner: &'a Agent,
    /// Registration from the launch, or the widget's own for this learner and program.
    pub registration: Option<Uuid>,
    /// The course activity the widget is embedded in (an absolute IRI), if known.
    pub course: Option<&'a str>,
    /// When the learner acted.
    pub now: OffsetDateTime,
    /// The learner's team and its leader, when they are in one.
    pub team: Option<(&'a Group, &'a Agent)>,
}

/// IRIs of the program's parts, derived from the program id so they are stable across versions of the file.
pub fn activity_iri(program: &Program, kind: &str, id: &str) -> String {
    format!("{}/{kind}/{id}", program.id.trim_end_matches('/'))
}

/// `s` in the program's language and in every language the program translates it into, so an
/// LRS or LMS shows the learner's language where it has it.
fn text(program: &Program, s: &str) -> LanguageMap {
    std::iter::once((program.locale.clone(), s.to_string()))
        .chain(program.translations_of(s))
        .collect()
}

fn activity(
    id: String,
    name: LanguageMap,
    description: Option<LanguageMap>,
    kind: String,
    interaction: Option<&str>,
) -> Activity {
    Activity {
        object_type: "Activity".into(),
        id,
        definition: Some(Definition {
            name: Some(name),
            description,
            kind: Some(kind),
            interaction_type: interaction.map(str::to_string),
        }),
    }
}

/// What joining or leaving a team sends: `joined`/`left` with the team's activity
/// (`<program>/teams/<id>`) as the object, the team and its leader in the context as
/// always (`setting.team`), the learner's role, and `…/extensions/leads` for the leader.
/// The dashboard reads team coverage from these.
pub fn team_membership(
    program: &Program,
    setting: &Setting<'_>,
    role: &str,
    team_iri: &str,
    joined: bool,
    leads: bool,
    ids: &mut dyn FnMut() -> Uuid,
) -> Vec<Statement> {
    let mut b = Builder {
        program,
        setting,
        role: Some(role),
        ids,
        out: Vec::new(),
    };
    let name = setting
        .team
        .and_then(|(g, _)| g.name.clone())
        .unwrap_or_else(|| "Team".into());
    let object = activity(
        team_iri.to_string(),
        text(program, &name),
        None,
        format!("{NS}/activities/team"),
        None,
    );
    b.push(if joined { "joined" } else { "left" }, object, None, None);
    if leads {
        if let Some(c) = b.out.last_mut().and_then(|s| s.context.as_mut()) {
            c.extensions
                .insert(format!("{NS}/extensions/leads"), json!(true));
        }
    }
    b.out
}

/// One observer check answered: how often `about` showed `behaviour`, on the program's scale.
#[derive(Debug, Clone)]
pub struct Observed<'a> {
    /// The behaviour observed.
    pub behaviour: &'a str,
    /// The person observed.
    pub about: &'a Agent,
    /// The level chosen.
    pub level: u8,
}

/// What an observer check sends: one `observed` statement per person and behaviour rated,
/// by the rater in `role` at the step on `day`. The person observed is named in
/// `context.extensions` (`…/extensions/observed`) so the service can aggregate by person;
/// it never hands these statements to anyone's browser.
pub fn observations_for(
    program: &Program,
    setting: &Setting<'_>,
    role: &str,
    day: u32,
    rated: &[Observed<'_>],
    ids: &mut dyn FnMut() -> Uuid,
) -> Vec<Statement> {
    let mut b = Builder {
        program,
        setting,
        role: Some(role),
        ids,
        out: Vec::new(),
    };
    let max = program.self_check.scale.len().saturating_sub(1).max(1) as f64;
    for o in rated {
        if program.behaviour(o.behaviour).is_none() || program.scale_label(o.level).is_none() {
            continue;
        }
        let result = rating(program, o.level, max);
        b.push(
            "observed",
            behaviour_activity(program, o.behaviour),
            Some(result),
            Some(day),
        );
        if let Some(c) = b.out.last_mut().and_then(|s| s.context.as_mut()) {
            c.extensions.insert(
                format!("{NS}/extensions/observed"),
                serde_json::to_value(o.about).unwrap_or_default(),
            );
        }
    }
    b.out
}

/// A rating on the program's scale (a self-check or an observer's): the level as `score`
/// (`max` the scale's top index) and its label as `response`.
fn rating(program: &Program, level: u8, max: f64) -> Outcome {
    let raw = f64::from(level);
    Outcome {
        response: program.scale_label(level).map(str::to_string),
        score: Some(Score {
            scaled: raw / max,
            raw,
            min: 0.0,
            max,
        }),
        ..Outcome::default()
    }
}

fn behaviour_activity(program: &Program, id: &str) -> Activity {
    let (title, description) = program
        .behaviour(id)
        .map(|b| (b.title.as_str(), b.description.as_str()))
        .unwrap_or((id, ""));
    let description = (!description.is_empty()).then(|| text(program, description));
    activity(
        activity_iri(program, "behaviours", id),
        text(program, title),
        description,
        format!("{NS}/activities/behaviour"),
        None,
    )
}

fn reflection_activity(program: &Program, day: u32, role: &str) -> Activity {
    let step = program.schedule.iter().find(|s| s.day == day);
    let title = step.map(|s| s.title.as_str()).unwrap_or("Reflection");
    let prompt = step.map(|s| s.prompt_for(role)).unwrap_or_default();
    activity(
        activity_iri(program, "reflections", &format!("day-{day}")),
        text(program, title),
        (!prompt.is_empty()).then(|| text(program, prompt)),
        "http://adlnet.gov/expapi/activities/cmi.interaction".into(),
        Some("long-fill-in"),
    )
}

/// The program's reflection schedule as a whole, the object of cadence statements.
fn schedule_activity(program: &Program) -> Activity {
    activity(
        format!("{}/schedule", program.id.trim_end_matches('/')),
        text(program, &format!("Reflection schedule: {}", program.title)),
        None,
        format!("{NS}/activities/schedule"),
        None,
    )
}

/// The learner's due dates after a cadence change: `{"<step day>": "YYYY-MM-DD"}` for every
/// step not yet answered, skipped or missed.
fn due_dates(program: &Program, plan: &Plan, today: time::Date) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = schedule::timeline(program, plan, today)
        .into_iter()
        .filter(|v| !v.status.is_closed())
        .map(|v| (v.step.day.to_string(), json!(v.due.to_string())))
        .collect();
    serde_json::Value::Object(map)
}

struct Builder<'a, 'b> {
    program: &'a Program,
    setting: &'a Setting<'a>,
    role: Option<&'a str>,
    ids: &'b mut dyn FnMut() -> Uuid,
    out: Vec<Statement>,
}

impl Builder<'_, '_> {
    fn push(&mut self, key: &str, object: Activity, result: Option<Outcome>, step: Option<u32>) {
        let program = self.program;
        let mut extensions = BTreeMap::new();
        if let Some(role) = self.role {
            extensions.insert(format!("{NS}/extensions/role"), json!(role));
        }
        if let Some(day) = step {
            extensions.insert(format!("{NS}/extensions/step"), json!(day));
        }
        let parent = activity(
            program.id.clone(),
            text(program, &program.title),
            None,
            format!("{NS}/activities/program"),
            None,
        );
        let context = Context {
            registration: self.setting.registration,
            context_activities: Some(ContextActivities {
                parent: vec![parent],
                grouping: self
                    .setting
                    .course
                    .map(Activity::id_only)
                    .into_iter()
                    .collect(),
                category: vec![Activity::id_only(&format!("{NS}/profile"))],
                other: Vec::new(),
            }),
            platform: Some("Throughline".into()),
            language: Some(program.locale.clone()),
            extensions,
            team: self.setting.team.map(|(g, _)| g.clone()),
            instructor: self.setting.team.map(|(_, leader)| leader.clone()),
        };
        self.out.push(Statement {
            id: (self.ids)(),
            actor: self.setting.learner.clone(),
            verb: verb(key),
            object,
            result,
            context: Some(context),
            timestamp: self.setting.now,
        });
    }
}

/// The statements that record `action`, given the plan before and after it was applied.
/// Call only for actions `plan::apply` accepted.
pub fn statements_for(
    program: &Program,
    before: &Plan,
    after: &Plan,
    action: &Action,
    setting: &Setting<'_>,
    ids: &mut dyn FnMut() -> Uuid,
) -> Vec<Statement> {
    let role = after.role.as_deref().or(before.role.as_deref());
    let mut b = Builder {
        program,
        setting,
        role,
        ids,
        out: Vec::new(),
    };
    match action {
        Action::ChooseRole { role } if before.role.as_deref() != Some(role.as_str()) => {
            let label = program.role(role).map(|r| r.label.as_str()).unwrap_or(role);
            let description = program.role(role).map(|r| text(program, &r.description));
            let object = activity(
                activity_iri(program, "roles", role),
                text(program, label),
                description,
                format!("{NS}/activities/role"),
                None,
            );
            b.push("selected", object, None, None);
        }
        Action::Commit { .. } => {
            // A changed "why" is sent again with every commitment it belongs to.
            let why_changed = before.why != after.why;
            for c in after.commitments.iter().filter(|c| {
                why_changed
                    || !before.commitments.contains(c)
                    || before.baselines.get(&c.behaviour) != after.baselines.get(&c.behaviour)
            }) {
                let mut extensions: BTreeMap<String, serde_json::Value> =
                    [(format!("{NS}/extensions/when-where"), json!(c.when_where))]
                        .into_iter()
                        .collect();
                if let Some(level) = after.baselines.get(&c.behaviour) {
                    extensions.insert(format!("{NS}/extensions/baseline"), json!(level));
                }
                if let Some(why) = &after.why {
                    extensions.insert(format!("{NS}/extensions/why"), json!(why));
                }
                let result = Outcome {
                    response: Some(c.text.clone()),
                    extensions,
                    ..Outcome::default()
                };
                b.push(
                    "committed",
                    behaviour_activity(program, &c.behaviour),
                    Some(result),
                    None,
                );
            }
        }
        Action::Answer { day, .. } => {
            let Some(record) = after.steps.get(day) else {
                return b.out;
            };
            if let crate::plan::Outcome::Answered { text: answer, .. } = &record.outcome {
                let result = Outcome {
                    response: Some(answer.clone()),
                    ..Outcome::default()
                };
                b.push(
                    "answered",
                    reflection_activity(program, *day, role.unwrap_or_default()),
                    Some(result),
                    Some(*day),
                );
            }
            let max = program.self_check.scale.len().saturating_sub(1).max(1) as f64;
            // In the learner's commitment order, as they rated them.
            let order = after.committed_behaviours();
            let mut ratings: Vec<(&String, &u8)> = record.ratings.iter().collect();
            // A total key (ties by behaviour id, the map's own order), so the smaller unstable sort is exact.
            ratings.sort_unstable_by_key(|(b, _)| {
                (order.iter().position(|o| o == b).unwrap_or(usize::MAX), *b)
            });
            for (behaviour, level) in ratings {
                let result = rating(program, *level, max);
                b.push(
                    "rated",
                    behaviour_activity(program, behaviour),
                    Some(result),
                    Some(*day),
                );
            }
            let was: BTreeMap<String, State> = adoption::progress(program, before)
                .into_iter()
                .map(|p| (p.behaviour, p.state))
                .collect();
            for p in adoption::progress(program, after) {
                let changed = was.get(&p.behaviour) != Some(&p.state);
                match p.state {
                    State::Adopted if changed => b.push(
                        "mastered",
                        behaviour_activity(program, &p.behaviour),
                        Some(Outcome {
                            success: Some(true),
                            ..Outcome::default()
                        }),
                        Some(*day),
                    ),
                    State::Lapsed if changed => b.push(
                        "lapsed",
                        behaviour_activity(program, &p.behaviour),
                        Some(Outcome {
                            success: Some(false),
                            ..Outcome::default()
                        }),
                        Some(*day),
                    ),
                    _ => {}
                }
            }
        }
        Action::Skip { day } => b.push(
            "skipped",
            reflection_activity(program, *day, role.unwrap_or_default()),
            None,
            Some(*day),
        ),
        Action::Snooze { day, until } => {
            let result = Outcome {
                extensions: [(format!("{NS}/extensions/until"), json!(until.to_string()))]
                    .into_iter()
                    .collect(),
                ..Outcome::default()
            };
            b.push(
                "snoozed",
                reflection_activity(program, *day, role.unwrap_or_default()),
                Some(result),
                Some(*day),
            );
        }
        Action::MoveStep { day, by_days } => {
            let due = schedule::timeline(program, after, setting.now.date())
                .into_iter()
                .find(|v| v.step.day == *day)
                .map(|v| v.due.to_string());
            let result = Outcome {
                extensions: [
                    (format!("{NS}/extensions/moved-by"), json!(by_days)),
                    (format!("{NS}/extensions/due"), json!(due)),
                    (
                        format!("{NS}/extensions/due-dates"),
                        due_dates(program, after, setting.now.date()),
                    ),
                ]
                .into_iter()
                .collect(),
                ..Outcome::default()
            };
            b.push(
                "rescheduled",
                reflection_activity(program, *day, role.unwrap_or_default()),
                Some(result),
                Some(*day),
            );
        }
        Action::ChooseWeekday { weekday } => {
            let result = Outcome {
                extensions: [
                    (
                        format!("{NS}/extensions/weekday"),
                        json!(weekday.map_or("any", |w| w.name())),
                    ),
                    (
                        format!("{NS}/extensions/due-dates"),
                        due_dates(program, after, setting.now.date()),
                    ),
                ]
                .into_iter()
                .collect(),
                ..Outcome::default()
            };
            b.push(
                "rescheduled",
                schedule_activity(program),
                Some(result),
                None,
            );
        }
        Action::Pause { .. } | Action::Resume => {
            let today = setting.now.date();
            // The pause this action set or ended: the one holding today, else the one ended today.
            let pause = after
                .rhythm
                .paused_on(today)
                .or_else(|| after.rhythm.pauses.iter().find(|p| p.until == today))
                .map(|p| (p.from, p.until))
                .unwrap_or((today, today));
            let result = Outcome {
                extensions: [
                    (format!("{NS}/extensions/from"), json!(pause.0.to_string())),
                    (format!("{NS}/extensions/until"), json!(pause.1.to_string())),
                    (
                        format!("{NS}/extensions/due-dates"),
                        due_dates(program, after, today),
                    ),
                ]
                .into_iter()
                .collect(),
                ..Outcome::default()
            };
            let key = if matches!(action, Action::Resume) {
                "resumed"
            } else {
                "paused"
            };
            b.push(key, schedule_activity(program), Some(result), None);
        }
        Action::ChooseRole { .. } | Action::StartOver => {}
    }
    b.out
}
