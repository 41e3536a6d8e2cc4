//! "Also due": reflections due in the learner's other programs, read from
//! their agent profile and State documents, so every course page that
//! embeds the widget is a door into the whole learning ecosystem.

use leptos::prelude::*;

use super::use_ctx;
use crate::launch::ProgramSource;
use crate::schedule;
use crate::shell;

/// One reflection due in another program.
#[derive(Debug, Clone, PartialEq)]
pub struct DueElsewhere {
    /// The other program's title.
    pub program: String,
    /// The due step's title.
    pub step: String,
    /// When it fell due.
    pub due: time::Date,
    /// A course page that embeds that program.
    pub course_url: Option<String>,
}

/// Loads what is due in the learner's other programs (quietly: this is a bonus, not the page's job).
/// Takes `ctx` explicitly: it runs after an await, outside the component's reactive owner.
pub fn load(
    ctx: super::Ctx,
    enrolments: Vec<shell::sync::Enrolment>,
    found: RwSignal<Vec<DueElsewhere>>,
) {
    let Some(live) = ctx.live() else { return };
    let here = ctx.program().id.clone();
    let today = ctx.now.today;
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::new();
        for e in enrolments.into_iter().filter(|e| e.id != here) {
            let Some(url) = e.program_url.clone() else {
                continue;
            };
            let Ok(program) = shell::program::load(&ProgramSource::Url(url)).await else {
                continue;
            };
            let Ok(Some(plan)) = shell::sync::remote_plan(&live.lrs, &program, &live.actor).await
            else {
                continue;
            };
            let views = schedule::timeline(&program, &plan, today);
            if let Some(v) = schedule::current(&views) {
                out.push(DueElsewhere {
                    program: program.title.clone(),
                    step: v.step.title.clone(),
                    due: v.due,
                    course_url: e.course_url.clone(),
                });
            }
        }
        found.set(out);
    });
}

/// The list, when there is anything on it.
#[component]
pub fn AlsoDue(found: RwSignal<Vec<DueElsewhere>>) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let items = found.get();
        (!items.is_empty()).then(|| {
            let rows = items
                .into_iter()
                .map(|d| {
                    let text = ctx.ta(
                        "elsewhere-item",
                        &[
                            ("program", d.program.into()),
                            ("step", d.step.into()),
                            ("date", ctx.date(d.due).into()),
                        ],
                    );
                    let link = d.course_url.filter(|u| u.starts_with("http")).map(
                        |u| view! { " " <a href=u class="tl-link">{ctx.t("elsewhere-open")}</a> },
                    );
                    view! { <li>{text}{link}</li> }
                })
                .collect_view();
            view! {
                <section class="tl-card" aria-labelledby=ctx.id("else-h")>
                    <h3 class="tl-heading" id=ctx.id("else-h")>{ctx.t("elsewhere-heading")}</h3>
                    <ul class="tl-plan-list">{rows}</ul>
                </section>
            }
        })
    }
}
