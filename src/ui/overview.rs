//! The plan at a glance: commitments and their adoption, the schedule, the
//! learner's trend and the shared glossary.

use leptos::prelude::*;

use super::{format, marked::Marked, use_ctx};
use crate::adoption::{self, State};
use crate::plan::Action;
use crate::program::Weekday;
use crate::schedule::{self, Status};
use crate::shell;

/// Everything below the due card.
#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <Commitments/>
        <super::team::Teams/>
        <Schedule/>
        <Trend/>
        <Glossary/>
        <StartOver/>
    }
}

/// The message naming a behaviour's state.
fn state_message(s: State) -> &'static str {
    match s {
        State::NotStarted => "state-not-started",
        State::Trying => "state-trying",
        State::Adopted => "state-adopted",
        State::Lapsed => "state-lapsed",
    }
}

fn state_class(s: State) -> &'static str {
    match s {
        State::NotStarted => "tl-state tl-state-not-started",
        State::Trying => "tl-state tl-state-trying",
        State::Adopted => "tl-state tl-state-adopted",
        State::Lapsed => "tl-state tl-state-lapsed",
    }
}

#[component]
fn Commitments() -> impl IntoView {
    let ctx = use_ctx();
    let items = move || {
        let program = ctx.program();
        let plan = ctx.plan.get();
        let progress = adoption::progress(&program, &plan);
        plan.commitments
            .iter()
            .map(|c| {
                let title = program
                    .behaviour(&c.behaviour)
                    .map(|b| b.title.clone())
                    .unwrap_or_default();
                let state = progress
                    .iter()
                    .find(|p| p.behaviour == c.behaviour)
                    .map(|p| p.state)
                    .unwrap_or(State::NotStarted);
                view! {
                    <li class="tl-plan-item">
                        <div class="tl-plan-head">
                            <span class="tl-choice-title">{title}</span>
                            <span class=state_class(state)>{ctx.t(state_message(state))}</span>
                        </div>
                        <p><Marked text=c.text.clone()/></p>
                        <p class="tl-help">{ctx.ta("plan-when-where", &[("text", c.when_where.clone().into())])}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="tl-card" aria-labelledby=ctx.id("commit-h")>
            <h3 class="tl-heading" id=ctx.id("commit-h")>{ctx.t("plan-heading")}</h3>
            <ul class="tl-plan-list">{items}</ul>
            <button type="button" class="tl-button" on:click=move |_| ctx.editing.set(true)>{ctx.t("plan-edit")}</button>
        </section>
    }
}

#[component]
fn Schedule() -> impl IntoView {
    let ctx = use_ctx();
    let rows = move || {
        let program = ctx.program();
        let plan = ctx.plan.get();
        schedule::timeline(&program, &plan, ctx.now.today)
            .into_iter()
            .map(|v| {
                let (label, class) = match v.status {
                    Status::Upcoming => (ctx.t("status-upcoming"), "tl-status"),
                    Status::Due { .. } => (ctx.t("status-due"), "tl-status tl-status-due"),
                    Status::Snoozed { until } => (
                        ctx.ta("status-snoozed", &[("date", ctx.date(until).into())]),
                        "tl-status",
                    ),
                    Status::Answered { .. } => (ctx.t("status-done"), "tl-status tl-status-done"),
                    Status::Skipped { .. } => (ctx.t("status-skipped"), "tl-status"),
                    Status::Missed => (ctx.t("status-missed"), "tl-status tl-status-missed"),
                    Status::Paused { until } => (
                        ctx.ta("status-waiting", &[("date", ctx.date(until).into())]),
                        "tl-status",
                    ),
                };
                let title = if v.step.self_check {
                    ctx.ta(
                        "schedule-step-check",
                        &[
                            ("day", v.step.day.into()),
                            ("title", v.step.title.clone().into()),
                        ],
                    )
                } else {
                    ctx.ta(
                        "schedule-step",
                        &[
                            ("day", v.step.day.into()),
                            ("title", v.step.title.clone().into()),
                        ],
                    )
                };
                let moved = (v.due != v.planned)
                    .then(|| ctx.ta("schedule-planned", &[("date", ctx.date(v.planned).into())]));
                view! {
                    <li class="tl-timeline-item">
                        <span class="tl-timeline-date">{ctx.date(v.due)}{moved}</span>
                        <span class="tl-timeline-title">{title}</span>
                        <span class=class>{label}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let download = move |_| {
        let program = ctx.program();
        let (learner, url) = ctx.with_session(|s| (s.learner_id.clone(), s.course_url.clone()));
        let page = url.or_else(|| web_sys::window().and_then(|w| w.location().href().ok()));
        let text = crate::calendar::ics(
            &program,
            &ctx.plan.get_untracked(),
            &learner,
            page.as_deref(),
            ctx.now.at,
        );
        match shell::download::offer(
            "reflection-schedule.ics",
            "text/calendar;charset=utf-8",
            &text,
        ) {
            Ok(()) => ctx.status.set(Some(ctx.t("schedule-downloaded"))),
            Err(e) => ctx.error.set(Some(e)),
        }
    };
    view! {
        <section class="tl-card" aria-labelledby=ctx.id("sched-h")>
            <h3 class="tl-heading" id=ctx.id("sched-h")>{ctx.t("schedule-heading")}</h3>
            <p class="tl-help">{ctx.t("schedule-help")}</p>
            <ol class="tl-timeline">{rows}</ol>
            <button type="button" class="tl-button" on:click=download>{ctx.t("schedule-download")}</button>
            <CalendarFeed/>
            <Cadence/>
        </section>
    }
}

/// A calendar link the learner's calendar app subscribes to, so moves and snoozes follow by
/// themselves. Offered only when the widget talks to a Throughline service with the learner's
/// own key (a cmi5 player's session token cannot start one). The link is a secret: it is kept
/// in this browser only, and stopping it makes the old address answer "stopped".
#[component]
fn CalendarFeed() -> impl IntoView {
    let ctx = use_ctx();
    let program_id = ctx.program().id.clone();
    let target = ctx.live().filter(|l| l.cmi5.is_none()).and_then(|live| {
        crate::calendar::feed_request(&live.lrs.endpoint, &program_id).map(|url| (live.lrs, url))
    });
    let (lrs, url) = target?;
    let key = ctx.with_session(|s| format!("{}:calendar-feed", s.key));
    let link = RwSignal::new(
        shell::storage::load(&key)
            .ok()
            .flatten()
            .filter(|l| !l.is_empty()),
    );
    let working = RwSignal::new(false);
    let send = send_wrapper::SendWrapper::new((lrs, url, key));
    let send = StoredValue::new(send);
    let start = move |_| {
        if working.get_untracked() {
            return;
        }
        working.set(true);
        let (lrs, url, key) = send.with_value(|s| (**s).clone());
        wasm_bindgen_futures::spawn_local(async move {
            let call = shell::lrs::Call {
                method: "POST",
                ..Default::default()
            };
            let answer = lrs.send_to(&url, call).await;
            working.set(false);
            match crate::calendar::feed_started(answer.status, &answer.body) {
                Ok(feed) => {
                    let _ = shell::storage::save(&key, &feed);
                    link.set(Some(feed));
                    ctx.status.set(Some(ctx.t("feed-ready")));
                }
                Err(e) => ctx.error.set(Some(e.0)),
            }
        });
    };
    let stop = move |_| {
        if working.get_untracked() {
            return;
        }
        working.set(true);
        let (lrs, url, key) = send.with_value(|s| (**s).clone());
        wasm_bindgen_futures::spawn_local(async move {
            let call = shell::lrs::Call {
                method: "DELETE",
                ..Default::default()
            };
            let answer = lrs.send_to(&url, call).await;
            working.set(false);
            match crate::calendar::feed_stopped(answer.status) {
                Ok(()) => {
                    let _ = shell::storage::save(&key, "");
                    link.set(None);
                    ctx.status.set(Some(ctx.t("feed-stopped")));
                }
                Err(e) => ctx.error.set(Some(e.0)),
            }
        });
    };
    let copy = move |_| {
        let Some(feed) = link.get_untracked() else {
            return;
        };
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&feed);
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => ctx.status.set(Some(ctx.t("feed-copied"))),
                Err(_) => ctx.error.set(Some(ctx.t("feed-copy-refused"))),
            }
        });
    };
    let field = ctx.id("feed-link");
    let help = ctx.id("feed-help");
    Some(view! {
        <div class="tl-feed">
            {move || match link.get() {
                None => view! {
                    <p class="tl-help">{ctx.t("feed-offer")}</p>
                    <button type="button" class="tl-button" on:click=start aria-disabled=move || working.get().to_string()>{ctx.t("feed-get")}</button>
                }.into_any(),
                Some(feed) => {
                    let webcal = crate::calendar::webcal(&feed);
                    view! {
                        <label class="tl-label" for=field.clone()>{ctx.t("feed-label")}</label>
                        <p class="tl-help" id=help.clone()>{ctx.t("feed-help")}</p>
                        <input class="tl-input" id=field.clone() type="url" readonly prop:value=feed aria-describedby=help.clone()/>
                        <button type="button" class="tl-button" on:click=copy>{ctx.t("feed-copy")}</button>
                        <a class="tl-button" href=webcal>{ctx.t("feed-open")}</a>
                        <button type="button" class="tl-button" on:click=start aria-disabled=move || working.get().to_string()>{ctx.t("feed-new")}</button>
                        <button type="button" class="tl-button" on:click=stop aria-disabled=move || working.get().to_string()>{ctx.t("feed-stop")}</button>
                    }.into_any()
                }
            }}
        </div>
    })
}

/// The learner's own cadence, within the program's bounds: move a step, a weekday, a pause.
#[component]
fn Cadence() -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let bounds = program.cadence.clone();
    let today = ctx.now.today;
    let max = i32::from(bounds.max_shift_days);
    // Move one step still to come.
    let step = RwSignal::new(String::new());
    let by = RwSignal::new(String::from("1"));
    let mover = (max > 0).then(|| {
        let options = move || {
            let program = ctx.program();
            let plan = ctx.plan.get();
            schedule::timeline(&program, &plan, today)
                .into_iter()
                .filter(|v| v.status == Status::Upcoming)
                .map(|v| {
                    let value = v.step.day.to_string();
                    view! { <option value=value>{ctx.ta("cadence-step-option", &[("day", v.step.day.into()), ("title", v.step.title.clone().into()), ("date", ctx.date(v.due).into())])}</option> }
                })
                .collect_view()
        };
        let shifts = (-max..=max)
            .map(|n| {
                let label = match n {
                    0 => ctx.t("cadence-same-day"),
                    n if n < 0 => ctx.ta("cadence-earlier", &[("days", n.unsigned_abs().into())]),
                    n => ctx.ta("cadence-later", &[("days", n.unsigned_abs().into())]),
                };
                view! { <option value=n.to_string() selected=n == 1>{label}</option> }
            })
            .collect_view();
        let move_step = move |_| {
            let program = ctx.program();
            let first = ctx.plan.with_untracked(|p| {
                schedule::timeline(&program, p, today)
                    .into_iter()
                    .find(|v| v.status == Status::Upcoming)
                    .map(|v| v.step.day)
            });
            let day = step.get_untracked().parse::<u32>().ok().or(first);
            let Some(day) = day else {
                ctx.error.set(Some(ctx.t("cadence-nothing-to-move")));
                return;
            };
            let by_days = by.get_untracked().parse::<i32>().unwrap_or(0);
            ctx.dispatch(Action::MoveStep { day, by_days }, &ctx.t("cadence-moved"));
        };
        let (step_id, by_id) = (ctx.id("move-step"), ctx.id("move-by"));
        view! {
            <fieldset class="tl-fieldset">
                <legend class="tl-legend-small">{ctx.ta("cadence-move-legend", &[("days", max.unsigned_abs().into())])}</legend>
                <label class="tl-label" for=step_id.clone()>{ctx.t("cadence-reflection")}</label>
                <select class="tl-input" id=step_id on:change=move |ev| step.set(event_target_value(&ev))>{options}</select>
                <label class="tl-label" for=by_id.clone()>{ctx.t("cadence-new-day")}</label>
                <select class="tl-input" id=by_id on:change=move |ev| by.set(event_target_value(&ev))>{shifts}</select>
                <button type="button" class="tl-button" on:click=move_step>{ctx.t("cadence-move")}</button>
            </fieldset>
        }
    });
    // Choose a weekday.
    let weekday = RwSignal::new(
        ctx.plan
            .with_untracked(|p| p.rhythm.weekday())
            .map_or(String::new(), |w| w.name().to_string()),
    );
    let days = (!bounds.weekdays.is_empty()).then(|| {
        let current = weekday.get_untracked();
        let options = bounds
            .weekdays
            .iter()
            .map(|w| view! { <option value=w.name() selected=current == w.name()>{ctx.t(&format!("weekday-{}", w.name()))}</option> })
            .collect_view();
        let save = move |_| {
            let weekday = Weekday::parse(&weekday.get_untracked());
            ctx.dispatch(Action::ChooseWeekday { weekday }, &ctx.t("cadence-day-saved"));
        };
        let id = ctx.id("weekday");
        view! {
            <fieldset class="tl-fieldset">
                <legend class="tl-legend-small">{ctx.t("cadence-day-legend")}</legend>
                <label class="tl-label" for=id.clone()>{ctx.t("cadence-day-label")}</label>
                <select class="tl-input" id=id on:change=move |ev| weekday.set(event_target_value(&ev))>
                    <option value="" selected=current.is_empty()>{ctx.t("cadence-program-days")}</option>
                    {options}
                </select>
                <button type="button" class="tl-button" on:click=save>{ctx.t("cadence-day-save")}</button>
            </fieldset>
        }
    });
    // Pause ("on leave until ...") and resume.
    let max_pause = bounds.max_pause_days;
    let until = RwSignal::new(String::new());
    let pause = (max_pause > 0).then(|| {
        let id = ctx.id("leave");
        let latest = today
            .checked_add(time::Duration::days(i64::from(max_pause)))
            .unwrap_or(today);
        let first = today.next_day().unwrap_or(today);
        let body = move || {
            let paused = ctx.plan.with(|p| p.rhythm.paused_on(today).map(|p| p.until));
            let id = id.clone();
            let save = move |_| match format::parse_date(&until.get_untracked()) {
                Some(until) => {
                    ctx.dispatch(Action::Pause { until }, &ctx.t("cadence-paused"));
                }
                None => ctx.error.set(Some(ctx.t("cadence-choose-date"))),
            };
            view! {
                {paused.map(|back| view! {
                    <p>{ctx.ta("cadence-paused-until", &[("date", ctx.date(back).into())])}</p>
                    <button type="button" class="tl-button" on:click=move |_| { ctx.dispatch(Action::Resume, &ctx.t("due-resumed")); }>{ctx.t("due-resume")}</button>
                })}
                <label class="tl-label" for=id.clone()>{if paused.is_some() { ctx.t("cadence-change-back") } else { ctx.t("cadence-leave-until") }}</label>
                <input class="tl-input" id=id type="date" min=format::input_date(first) max=format::input_date(latest)
                    prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/>
                <button type="button" class="tl-button" on:click=save>{if paused.is_some() { ctx.t("cadence-change-return") } else { ctx.t("cadence-pause") }}</button>
            }
        };
        view! {
            <fieldset class="tl-fieldset">
                <legend class="tl-legend-small">{ctx.ta("cadence-pause-legend", &[("days", u32::from(max_pause).into())])}</legend>
                {body}
            </fieldset>
        }
    });
    (mover.is_some() || days.is_some() || pause.is_some()).then(|| {
        view! {
            <details class="tl-details">
                <summary>{ctx.t("cadence-summary")}</summary>
                {mover}
                {days}
                {pause}
            </details>
        }
    })
}

/// "Start" for the baseline (day 0), else "Day N".
fn day_name(ctx: &super::Ctx, day: u32) -> String {
    if day == 0 {
        ctx.t("trend-start")
    } else {
        ctx.ta("trend-day", &[("day", day.into())])
    }
}

#[component]
fn Trend() -> impl IntoView {
    let ctx = use_ctx();
    let body = move || {
        let program = ctx.program();
        let plan = ctx.plan.get();
        let points = adoption::trend(&program, &plan);
        if points.is_empty() {
            return view! { <p class="tl-help">{ctx.t("trend-empty")}</p> }.into_any();
        }
        if points.len() == 1 && points[0].day == 0 {
            return view! { <p class="tl-help">{ctx.t("trend-baseline-only")}</p> }.into_any();
        }
        let scale = program.self_check.scale.clone();
        // Whole SVG units: the chart needs no finer grain, and integers keep
        // float formatting out of the learner bundle.
        let (w, h, pad) = (320i32, 140i32, 28i32);
        let last = i32::try_from(points.len().saturating_sub(1))
            .unwrap_or(1)
            .max(1);
        let xy: Vec<(i32, i32)> = points
            .iter()
            .zip(0i32..)
            .map(|(p, i)| {
                let rise = (p.mean.clamp(0.0, 1.0) * f64::from(h - 2 * pad)).round() as i32;
                (pad + (w - 2 * pad) * i / last, h - pad - rise)
            })
            .collect();
        let line = xy
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" ");
        let top = scale.last().cloned().unwrap_or_default();
        let bottom = scale.first().cloned().unwrap_or_default();
        let level_name = |mean: f64| {
            scale
                .get((mean * (scale.len().saturating_sub(1)) as f64).round() as usize)
                .cloned()
                .unwrap_or_default()
        };
        let summary = points
            .iter()
            .map(|p| {
                let day = if p.day == 0 {
                    ctx.t("trend-start-inline")
                } else {
                    ctx.ta("trend-day-inline", &[("day", p.day.into())])
                };
                ctx.ta(
                    "trend-point",
                    &[("day", day.into()), ("level", level_name(p.mean).into())],
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let progress = adoption::progress(&program, &plan);
        let days: Vec<u32> = points.iter().map(|p| p.day).collect();
        let header = days
            .iter()
            .map(|d| view! { <th scope="col">{day_name(&ctx, *d)}</th> })
            .collect_view();
        let table_rows = progress
            .iter()
            .map(|p| {
                let title = program
                    .behaviour(&p.behaviour)
                    .map(|b| b.title.clone())
                    .unwrap_or_default();
                let cells = days
                    .iter()
                    .map(|d| {
                        let level = if *d == 0 {
                            p.baseline
                        } else {
                            p.ratings.iter().find(|(day, _)| day == d).map(|(_, l)| *l)
                        };
                        let label = level
                            .and_then(|l| program.scale_label(l))
                            .unwrap_or("–")
                            .to_string();
                        view! { <td>{label}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{title}</th>{cells}</tr> }
            })
            .collect_view();
        let dots = xy.iter().map(|(x, y)| view! { <circle cx=x.to_string() cy=y.to_string() r="4" class="tl-chart-dot"/> }).collect_view();
        let labels = points
            .iter()
            .zip(&xy)
            .map(|(p, (x, _))| view! { <text x=x.to_string() y=(h - 8).to_string() text-anchor="middle" class="tl-chart-label">{day_name(&ctx, p.day)}</text> })
            .collect_view();
        let desc_id = ctx.id("trend-desc");
        let labelled_by = desc_id.clone();
        view! {
            <svg class="tl-chart" viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby=labelled_by>
                <title id=desc_id>{ctx.ta("trend-summary", &[("points", summary.into())])}</title>
                <line x1=pad.to_string() y1=pad.to_string() x2=(w - pad).to_string() y2=pad.to_string() class="tl-chart-grid"/>
                <line x1=pad.to_string() y1=(h - pad).to_string() x2=(w - pad).to_string() y2=(h - pad).to_string() class="tl-chart-grid"/>
                <text x="2" y=(pad - 6).to_string() class="tl-chart-label">{top}</text>
                <text x="2" y=(h - pad + 14).to_string() class="tl-chart-label">{bottom.clone()}</text>
                <polyline points=line class="tl-chart-line"/>
                {dots}
                {labels}
            </svg>
            <p class="tl-help">{ctx.ta("trend-help", &[("lowest", bottom.into())])}</p>
            <table class="tl-table">
                <caption>{ctx.t("trend-caption")}</caption>
                <thead><tr><th scope="col">{ctx.t("commit-behaviour")}</th>{header}</tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="tl-card" aria-labelledby=ctx.id("trend-h")>
            <h3 class="tl-heading" id=ctx.id("trend-h")>{ctx.t("trend-heading")}</h3>
            {body}
        </section>
    }
}

#[component]
fn Glossary() -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let entries = program
        .glossary
        .iter()
        .map(|t| view! { <dt>{t.term.clone()}</dt><dd>{t.definition.clone()}</dd> })
        .collect_view();
    view! {
        <section class="tl-card" aria-labelledby=ctx.id("gloss-h")>
            <details class="tl-details">
                <summary><h3 class="tl-heading tl-inline" id=ctx.id("gloss-h")>{ctx.t("glossary-heading")}</h3></summary>
                <p class="tl-help">{ctx.t("glossary-help")}</p>
                <dl class="tl-glossary">{entries}</dl>
            </details>
        </section>
    }
}

#[component]
fn StartOver() -> impl IntoView {
    let ctx = use_ctx();
    let confirming = RwSignal::new(false);
    view! {
        <div class="tl-footer">
            {move || if confirming.get() {
                view! {
                    <p class="tl-help" role="status">{ctx.t("start-over-confirm")}</p>
                    <button type="button" class="tl-button tl-danger" on:click=move |_| { ctx.dispatch(Action::StartOver, &ctx.t("start-over-done")); confirming.set(false); }>{ctx.t("start-over-yes")}</button>
                    <button type="button" class="tl-button" on:click=move |_| confirming.set(false)>{ctx.t("start-over-keep")}</button>
                }.into_any()
            } else {
                view! { <button type="button" class="tl-button tl-quiet" on:click=move |_| confirming.set(true)>{ctx.t("start-over")}</button> }.into_any()
            }}
        </div>
    }
}
