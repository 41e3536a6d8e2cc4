//! Step 1: the learner says which role they play.

use leptos::prelude::*;

use super::{marked::Marked, use_ctx};
use crate::plan::Action;

/// Role chooser, preselected from the host's hint or the current role.
#[component]
pub fn RoleStep() -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let initial = ctx
        .plan
        .with_untracked(|p| p.role.clone())
        .or_else(|| ctx.with_session(|s| s.role_hint.clone()));
    let selected = RwSignal::new(initial);
    let group = ctx.id("role");
    let locked = ctx.plan.with_untracked(|p| p.committed.is_some());
    let options = program
        .roles
        .iter()
        .map(|role| {
            let id = ctx.id(&format!("role-{}", role.id));
            let value = role.id.clone();
            let checked_value = role.id.clone();
            let description = role.description.clone();
            view! {
                <li class="tl-choice">
                    <input type="radio" name=group.clone() id=id.clone() value=role.id.clone()
                        prop:checked=move || selected.get().as_deref() == Some(checked_value.as_str())
                        disabled=locked
                        on:change=move |_| selected.set(Some(value.clone()))/>
                    <label for=id>
                        <span class="tl-choice-title">{role.label.clone()}</span>
                        <span class="tl-choice-text"><Marked text=description/></span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let proceed = move |_| {
        let Some(role) = selected.get_untracked() else {
            ctx.error.set(Some(ctx.t("role-choose-first")));
            return;
        };
        if ctx.dispatch(Action::ChooseRole { role }, &ctx.t("role-saved")) {
            ctx.choosing_role.set(false);
        }
    };
    view! {
        <div class="tl-step">
            <p class="tl-progress">{ctx.ta("step-of", &[("step", 1u32.into()), ("steps", 3u32.into())])}</p>
            <fieldset class="tl-fieldset">
                <legend class="tl-legend">{ctx.t("role-question")}</legend>
                <p class="tl-help">{ctx.t("role-why")}</p>
                <ul class="tl-choices">{options}</ul>
            </fieldset>
            {locked.then(|| view! { <p class="tl-help">{ctx.t("role-locked")}</p> })}
            <div class="tl-actions">
                <button type="button" class="tl-button tl-primary" on:click=proceed>{ctx.t("continue")}</button>
                {move || ctx.plan.with(|p| p.role.is_some()).then(|| view! {
                    <button type="button" class="tl-button" on:click=move |_| ctx.choosing_role.set(false)>{ctx.t("cancel")}</button>
                })}
            </div>
        </div>
    }
}
