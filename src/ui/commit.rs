//! Step 2: the learner picks and words their commitments.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{marked::Marked, use_ctx};
use crate::plan::{Action, Commitment, MAX_WHY_CHARS};

/// One commitment being drafted; fields are separate signals so typing never re-renders the list.
#[derive(Clone, Copy)]
struct Draft {
    behaviour: RwSignal<String>,
    text: RwSignal<String>,
    when_where: RwSignal<String>,
    selected: RwSignal<bool>,
    own: bool,
}

impl Draft {
    fn new(behaviour: &str, text: &str, when_where: &str, selected: bool, own: bool) -> Draft {
        Draft {
            behaviour: RwSignal::new(behaviour.to_string()),
            text: RwSignal::new(text.to_string()),
            when_where: RwSignal::new(when_where.to_string()),
            selected: RwSignal::new(selected),
            own,
        }
    }
}

/// Commitment picker: the role's suggestions, editable, plus the learner's own.
#[component]
pub fn CommitStep() -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let (role, existing, known, why_before) = ctx.plan.with_untracked(|p| {
        (
            p.role.clone().unwrap_or_default(),
            p.commitments.clone(),
            p.baselines.clone(),
            p.why.clone().unwrap_or_default(),
        )
    });
    // Behaviours that need a starting rating: new to the plan and without one yet.
    let had: Vec<String> = existing.iter().map(|c| c.behaviour.clone()).collect();
    let baselines: RwSignal<BTreeMap<String, u8>> = RwSignal::new(BTreeMap::new());
    let why = RwSignal::new(why_before);
    let why_id = ctx.id("why");
    let editing = !existing.is_empty();
    let mut drafts: Vec<Draft> = existing
        .iter()
        .map(|c| Draft::new(&c.behaviour, &c.text, &c.when_where, true, false))
        .collect();
    for s in program
        .role(&role)
        .map(|r| r.commitments.as_slice())
        .unwrap_or_default()
    {
        if !existing.iter().any(|c| c.text == s.text) {
            drafts.push(Draft::new(&s.behaviour, &s.text, "", false, false));
        }
    }
    let drafts = RwSignal::new(drafts);
    let role_behaviours: Vec<(String, String)> = program
        .behaviours_for(&role)
        .map(|b| (b.id.clone(), b.title.clone()))
        .collect();

    let add_own = {
        let first = role_behaviours
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        move |_| drafts.update(|d| d.push(Draft::new(&first, "", "", true, true)))
    };
    let submit = move |_| {
        let commitments: Vec<Commitment> = drafts
            .get_untracked()
            .iter()
            .filter(|d| d.selected.get_untracked())
            .map(|d| Commitment {
                behaviour: d.behaviour.get_untracked(),
                text: d.text.get_untracked(),
                when_where: d.when_where.get_untracked(),
            })
            .collect();
        let action = Action::Commit {
            commitments,
            baselines: baselines.get_untracked(),
            why: why.get_untracked(),
        };
        if ctx.dispatch(action, &ctx.t("commit-saved")) {
            ctx.editing.set(false);
        }
    };

    let list = move || {
        let program = ctx.program();
        let role_behaviours = role_behaviours.clone();
        let had = had.clone();
        let known = known.clone();
        drafts
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let check_id = ctx.id(&format!("c{i}"));
                let text_id = ctx.id(&format!("c{i}-text"));
                let when_id = ctx.id(&format!("c{i}-when"));
                let behaviour_id = ctx.id(&format!("c{i}-behaviour"));
                let behaviour = program.behaviour(&d.behaviour.get_untracked()).cloned();
                let title = behaviour.as_ref().map(|b| b.title.clone()).unwrap_or_default();
                let description = behaviour.map(|b| b.description).unwrap_or_default();
                let chooser = d.own.then(|| {
                    let options = role_behaviours
                        .iter()
                        .map(|(id, t)| {
                            let id2 = id.clone();
                            view! { <option value=id.clone() selected=move || d.behaviour.get() == id2>{t.clone()}</option> }
                        })
                        .collect_view();
                    view! {
                        <label class="tl-label" for=behaviour_id.clone()>{ctx.t("commit-behaviour")}</label>
                        <select class="tl-input" id=behaviour_id.clone() on:change=move |ev| d.behaviour.set(event_target_value(&ev))>{options}</select>
                    }
                });
                // "How often now?" for a behaviour new to the plan: the start of the learner's trend.
                let scale = program.self_check.scale.clone();
                let (had, known) = (had.clone(), known.clone());
                let start = move || {
                    let b = d.behaviour.get();
                    if had.contains(&b) || known.contains_key(&b) {
                        return None;
                    }
                    let name = ctx.id(&format!("c{i}-start"));
                    let options = scale
                        .iter()
                        .enumerate()
                        .map(|(level, label)| {
                            let id = format!("{name}-{level}");
                            let (mine, checked) = (b.clone(), b.clone());
                            view! {
                                <span class="tl-scale-option">
                                    <input type="radio" name=name.clone() id=id.clone() value=level.to_string()
                                        prop:checked=move || baselines.with(|m| m.get(&checked) == Some(&(level as u8)))
                                        on:change=move |_| baselines.update(|m| { m.insert(mine.clone(), level as u8); })/>
                                    <label for=id>{label.clone()}</label>
                                </span>
                            }
                        })
                        .collect_view();
                    Some(view! {
                        <fieldset class="tl-fieldset tl-scale">
                            <legend class="tl-legend-small">{ctx.t("commit-how-often-now")}</legend>
                            <div class="tl-scale-options">{options}</div>
                        </fieldset>
                    })
                };
                view! {
                    <li class="tl-commitment" class:tl-selected=move || d.selected.get()>
                        <div class="tl-commitment-head">
                            <input type="checkbox" id=check_id.clone() prop:checked=move || d.selected.get()
                                on:change=move |ev| d.selected.set(event_target_checked(&ev))/>
                            <label for=check_id>
                                <span class="tl-choice-title">{if d.own { ctx.t("commit-own") } else { title }}</span>
                                {(!d.own).then(|| view! { <span class="tl-choice-text"><Marked text=description/></span> })}
                            </label>
                        </div>
                        <div class="tl-commitment-body" hidden=move || !d.selected.get()>
                            {chooser}
                            <label class="tl-label" for=text_id.clone()>{ctx.t("commit-what")}</label>
                            <textarea class="tl-input" id=text_id rows="2" maxlength="500"
                                prop:value=move || d.text.get() on:input=move |ev| d.text.set(event_target_value(&ev))></textarea>
                            <label class="tl-label" for=when_id.clone()>{ctx.t("commit-when")}</label>
                            <input class="tl-input" id=when_id type="text" maxlength="500" placeholder=ctx.t("commit-when-example")
                                prop:value=move || d.when_where.get() on:input=move |ev| d.when_where.set(event_target_value(&ev))/>
                            {start}
                        </div>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="tl-step">
            <p class="tl-progress">{if editing { ctx.t("commit-editing") } else { ctx.ta("step-of", &[("step", 2u32.into()), ("steps", 3u32.into())]) }}</p>
            <h3 class="tl-heading">{ctx.t("commit-heading")}</h3>
            <p class="tl-help">{ctx.t("commit-help")}</p>
            <ul class="tl-commitments">{list}</ul>
            <label class="tl-label" for=why_id.clone()>{ctx.t("commit-why")}</label>
            <textarea class="tl-input" id=why_id rows="2" maxlength=MAX_WHY_CHARS.to_string()
                prop:value=move || why.get() on:input=move |ev| why.set(event_target_value(&ev))></textarea>
            <p class="tl-help">{ctx.t("commit-why-private")}</p>
            <div class="tl-actions">
                <button type="button" class="tl-button" on:click=add_own>{ctx.t("commit-add-own")}</button>
            </div>
            <div class="tl-actions">
                <button type="button" class="tl-button tl-primary" on:click=submit>{if editing { ctx.t("commit-save") } else { ctx.t("commit-submit") }}</button>
                {if editing {
                    view! { <button type="button" class="tl-button" on:click=move |_| ctx.editing.set(false)>{ctx.t("cancel")}</button> }.into_any()
                } else {
                    view! { <button type="button" class="tl-button" on:click=move |_| ctx.choosing_role.set(true)>{ctx.t("commit-change-role")}</button> }.into_any()
                }}
            </div>
        </div>
    }
}
