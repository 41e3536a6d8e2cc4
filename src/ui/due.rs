//! The reflection (and self-check) due today, or what comes next.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{marked::Marked, use_ctx};
use crate::plan::Action;
use crate::schedule::{self, Status};

/// "Due now" card: answer, snooze or skip the one due reflection.
#[component]
pub fn DueCard() -> impl IntoView {
    let ctx = use_ctx();
    // Who is in the learner's teams, without what they share: the card redraws (losing
    // text being typed) only when people come or go, not when a teammate edits a commitment.
    let roster = Memo::new(move |_| {
        ctx.teams.with(|teams| {
            let mut people: Vec<crate::team::Member> = Vec::new();
            for m in teams.iter().flat_map(|t| t.members.iter()) {
                if !people.iter().any(|p| p.key == m.key) {
                    people.push(crate::team::Member {
                        shared: Vec::new(),
                        private: Vec::new(),
                        ..m.clone()
                    });
                }
            }
            people
        })
    });
    move || {
        let program = ctx.program();
        let plan = ctx.plan.get();
        let today = ctx.now.today;
        let views = schedule::timeline(&program, &plan, today);
        if let Some(back) = plan.rhythm.paused_on(today).map(|p| p.until) {
            return view! {
                <section class="tl-card tl-due-none" aria-labelledby=ctx.id("due-h")>
                    <h3 class="tl-heading" id=ctx.id("due-h")>{ctx.t("due-paused-heading")}</h3>
                    <p>{ctx.ta("due-paused", &[("date", ctx.date(back).into())])}</p>
                    <button type="button" class="tl-button" on:click=move |_| { ctx.dispatch(Action::Resume, &ctx.t("due-resumed")); }>{ctx.t("due-resume")}</button>
                </section>
            }
            .into_any();
        }
        let Some(current) = schedule::current(&views).cloned() else {
            let next = schedule::next_up(&views).map(|v| (v.step.title.clone(), v.due));
            return view! {
                <section class="tl-card tl-due-none" aria-labelledby=ctx.id("due-h")>
                    <h3 class="tl-heading" id=ctx.id("due-h")>{ctx.t("due-none-heading")}</h3>
                    <p>{match next {
                        Some((title, due)) => ctx.ta("due-next", &[("title", title.into()), ("date", ctx.date(due).into())]),
                        None => ctx.t("due-all-done"),
                    }}</p>
                </section>
            }
            .into_any();
        };
        let role = plan.role.clone().unwrap_or_default();
        let step = current.step.clone();
        let day = step.day;
        let overdue = match current.status {
            Status::Due { overdue_days } if overdue_days > 0 => {
                Some(ctx.ta("due-overdue", &[("days", overdue_days.into())]))
            }
            _ => None,
        };
        let text = RwSignal::new(String::new());
        let ratings: RwSignal<BTreeMap<String, u8>> = RwSignal::new(BTreeMap::new());
        let reflection_id = ctx.id("reflection");
        let latest = schedule::latest_snooze(&program, &plan, current.index);
        let snooze_options: Vec<(u32, String)> = [
            (1u32, ctx.t("snooze-tomorrow")),
            (3, ctx.ta("snooze-days", &[("days", 3u32.into())])),
            (7, ctx.t("snooze-week")),
        ]
        .into_iter()
        .filter(|(n, _)| {
            latest
                .zip(today.checked_add(time::Duration::days((*n).into())))
                .is_some_and(|(l, d)| d <= l)
        })
        .collect();
        let self_check = step.self_check.then(|| {
            let scale = program.self_check.scale.clone();
            let groups = plan
                .committed_behaviours()
                .into_iter()
                .filter_map(|b| program.behaviour(b).cloned())
                .map(|b| {
                    let name = ctx.id(&format!("rate-{}", b.id));
                    let options = scale
                        .iter()
                        .enumerate()
                        .map(|(level, label)| {
                            let id = format!("{name}-{level}");
                            let behaviour = b.id.clone();
                            let checked_behaviour = b.id.clone();
                            view! {
                                <span class="tl-scale-option">
                                    <input type="radio" name=name.clone() id=id.clone() value=level.to_string()
                                        prop:checked=move || ratings.with(|r| r.get(&checked_behaviour) == Some(&(level as u8)))
                                        on:change=move |_| ratings.update(|r| { r.insert(behaviour.clone(), level as u8); })/>
                                    <label for=id>{label.clone()}</label>
                                </span>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="tl-fieldset tl-scale">
                            <legend class="tl-legend-small">{b.title.clone()}</legend>
                            <div class="tl-scale-options">{options}</div>
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <div class="tl-self-check">
                    <h4 class="tl-subheading">{ctx.t("due-self-check")}</h4>
                    <p class="tl-help"><Marked text=program.self_check.question.clone()/></p>
                    {groups}
                </div>
            }
        });
        // Observer checks: how often the people of the observed role in the learner's teams
        // showed the behaviour. Each is optional; a rating goes only to the LRS.
        let observed: RwSignal<BTreeMap<(String, String), u8>> = RwSignal::new(BTreeMap::new());
        let me = ctx.live().map(|l| l.actor.key()).unwrap_or_default();
        let mut asked: Vec<(crate::program::Observation, crate::team::Member)> = Vec::new();
        let people = roster.get();
        for o in program.observations_at(day, &role) {
            for m in people.iter().filter(|m| m.role == o.about && m.key != me) {
                asked.push((o.clone(), m.clone()));
            }
        }
        let observer = (!asked.is_empty()).then(|| {
            let scale = program.self_check.scale.clone();
            let groups = asked
                .iter()
                .enumerate()
                .map(|(i, (o, m))| {
                    let name = ctx.id(&format!("obs-{i}"));
                    let options = scale
                        .iter()
                        .enumerate()
                        .map(|(level, label)| {
                            let id = format!("{name}-{level}");
                            let key = (o.behaviour.clone(), m.key.clone());
                            let checked = key.clone();
                            view! {
                                <span class="tl-scale-option">
                                    <input type="radio" name=name.clone() id=id.clone() value=level.to_string()
                                        prop:checked=move || observed.with(|r| r.get(&checked) == Some(&(level as u8)))
                                        on:change=move |_| observed.update(|r| { r.insert(key.clone(), level as u8); })/>
                                    <label for=id>{label.clone()}</label>
                                </span>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="tl-fieldset tl-scale">
                            <legend class="tl-legend-small">{o.question_about(&m.name)}</legend>
                            <div class="tl-scale-options">{options}</div>
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <div class="tl-observer-check">
                    <h4 class="tl-subheading">{ctx.t("due-observer-heading")}</h4>
                    <p class="tl-help">{ctx.t("due-observer-help")}</p>
                    {groups}
                </div>
            }
        });
        let asked = StoredValue::new(asked);
        let save = move |_| {
            let action = Action::Answer {
                day,
                text: text.get_untracked(),
                ratings: ratings.get_untracked(),
            };
            if ctx.dispatch(action, &ctx.t("due-saved")) {
                ctx.send_observations(day, &asked.get_value(), &observed.get_untracked());
            }
        };
        let snoozes = snooze_options
            .into_iter()
            .map(|(n, label)| {
                let until = today.checked_add(time::Duration::days(n.into())).unwrap_or(today);
                view! { <button type="button" class="tl-button" on:click=move |_| { ctx.dispatch(Action::Snooze { day, until }, &ctx.t("due-snoozed")); }>{label}</button> }
            })
            .collect_view();
        view! {
            <section class="tl-card tl-due" aria-labelledby=ctx.id("due-h")>
                <p class="tl-eyebrow">{ctx.ta("due-eyebrow", &[("day", day.into()), ("date", ctx.date(current.due).into())])}</p>
                <h3 class="tl-heading" id=ctx.id("due-h")>{step.title.clone()}</h3>
                {overdue.map(|o| view! { <p class="tl-help">{o}</p> })}
                <p class="tl-prompt"><Marked text=step.prompt_for(&role).to_string()/></p>
                <label class="tl-label" for=reflection_id.clone()>{ctx.t("due-reflection")}</label>
                <textarea class="tl-input" id=reflection_id rows="4" maxlength="4000"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {self_check}
                {observer}
                <div class="tl-actions">
                    <button type="button" class="tl-button tl-primary" on:click=save>{ctx.t("due-save")}</button>
                    {snoozes}
                    <button type="button" class="tl-button tl-quiet" on:click=move |_| { ctx.dispatch(Action::Skip { day }, &ctx.t("due-skipped")); }>{ctx.t("due-skip")}</button>
                </div>
            </section>
        }
        .into_any()
    }
}
