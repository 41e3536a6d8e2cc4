//! The adoption dashboard for admins: statements are read page by page from
//! the LRS and folded into [`Insights`] as they arrive (the browser stays
//! responsive between pages); the panels answer the article's questions
//! (and the teams': who is developed around a leader, how others see each
//! behaviour), each as an SVG chart, a table and a CSV download.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use time::Date;

use super::chart::{Bar, Bars, Stack, Stacked};
use crate::insights::{Coverage, Filter, Group, Insights, Report, Snapshot};
use crate::launch::admin::{
    cache_key, next_since, progress_line, seconds_left, snapshot_query, statements_query, Left,
};
use crate::program::Program;
use crate::shell::cache::Cached;
use crate::shell::lrs::Lrs;
use crate::shell::statements::{page, resolve_more, Next, PageError};
use crate::shell::{self, download};

type SharedLrs = send_wrapper::SendWrapper<Lrs>;

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{}%", (100.0 * part as f64 / whole as f64).round())
    }
}

fn date_input(s: &str) -> Option<Date> {
    crate::launch::parse_now(s).ok()
}

/// Where the figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// Asking the LRS's About whether it is a Throughline service.
    Probing,
    /// The service's figures (`/insights`) at this address.
    Snapshot(String),
    /// Statements read here and folded by `Insights`.
    Fold,
}

/// Statements the fold has read, each once (duplicates aside).
fn distinct(i: crate::insights::Intake) -> usize {
    i.kept + i.other_programs + i.unreadable + i.voiding
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The dashboard for one program and LRS. A Throughline service sends its figures (a
/// snapshot per filter); any other LRS is read statement by statement, the fold kept in
/// this browser (`shell::cache`) so the next visit reads only what is new.
#[component]
pub fn Dashboard(
    program: Arc<Program>,
    lrs: SharedLrs,
    as_of: Date,
    names_allowed: bool,
    /// Ask a Throughline service for its figures (off: read every statement).
    snapshot: bool,
    /// Keep the folded figures in this browser between visits.
    cache: bool,
) -> impl IntoView {
    let insights = StoredValue::new(Insights::new(&program, as_of).keyed(lrs.pseudonym_key()));
    let source = RwSignal::new(Source::Probing);
    let snap = RwSignal::new(None::<Snapshot>);
    let loaded = RwSignal::new(0usize);
    let progress = RwSignal::new(String::new());
    let loading = RwSignal::new(false);
    let cancel = StoredValue::new(false);
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let version = RwSignal::new(0u64);
    let ready = RwSignal::new(false);
    let refresh = RwSignal::new(0u64);
    let asked = StoredValue::new(0u64);
    let last_stored = StoredValue::new(None::<String>);
    // Where the next read starts (`since`), decided when a read ends (`next_since`).
    let resume = StoredValue::new(None::<String>);
    let role = RwSignal::new(String::new());
    let course = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let show_names = RwSignal::new(false);
    let program_id = StoredValue::new(program.id.clone());
    let program_kept = StoredValue::new(program.clone());
    let pseudonym_key = StoredValue::new(lrs.pseudonym_key().to_vec());
    let cache_key = StoredValue::new(cache.then(|| {
        cache_key(
            &lrs.endpoint,
            &String::from_utf8_lossy(lrs.pseudonym_key()),
            &program.id,
        )
    }));
    let lrs = StoredValue::new(lrs);

    // The fold so far, kept for the next visit (after a full read, an error or Cancel alike).
    let keep = move || {
        let Some(key) = cache_key.get_value() else {
            return;
        };
        let cached = Cached {
            state: insights.with_value(|i| i.save()),
            since: resume.get_value(),
            statements: loaded.get_untracked(),
        };
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = shell::cache::save(&key, &cached).await {
                shell::console_error(&e);
            }
        });
    };

    let load = move |since: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        ready.set(false);
        cancel.set_value(false);
        error.set(None);
        let lrs: Lrs = (*lrs.get_value()).clone();
        // Agents as identifiers only, unless names may be shown: lighter pages.
        let first = Next::Path(statements_query(
            &program_id.get_value(),
            since.as_deref(),
            !names_allowed,
        ));
        wasm_bindgen_futures::spawn_local(async move {
            let mut next = first;
            let mut seen = HashSet::new();
            let started = now_ms();
            let mut read = 0usize;
            // For the time left: the first page's newest `stored` and the LRS's consistent-through.
            let mut span: Option<(String, Option<String>)> = None;
            let mut complete = false;
            let mut through_last: Option<String> = None;
            loop {
                if cancel.get_value() {
                    error.set(Some(
                        "Loading was cancelled. The figures count the statements that had arrived; the next visit goes on from there."
                            .into(),
                    ));
                    break;
                }
                let page = match page(&lrs, &next).await {
                    Ok(page) => page,
                    Err(e) => {
                        error.set(Some(e.to_string()));
                        break;
                    }
                };
                let mut got = Err(crate::insights::MalformedPage);
                insights.update_value(|i| got = i.add_page_text(&page.body));
                let Ok(got) = got else {
                    error.set(Some(PageError::Malformed.to_string()));
                    break;
                };
                if got.newest_stored.as_deref() > last_stored.get_value().as_deref() {
                    last_stored.set_value(got.newest_stored.clone());
                }
                if span.is_none() {
                    span = got
                        .newest_stored
                        .clone()
                        .map(|s| (s, page.consistent_through.clone()));
                }
                read += got.statements;
                through_last = page.consistent_through.clone();
                // Statements counted once each: a resumed read's overlap is not counted again.
                loaded.set(insights.with_value(|i| distinct(i.intake())));
                let elapsed = (now_ms() - started) / 1000.0;
                let left = match (&span, last_stored.get_value()) {
                    (Some((start, Some(through))), Some(newest)) => {
                        seconds_left(start, &newest, through, elapsed)
                            .map_or(Left::Estimating, Left::Seconds)
                    }
                    _ => Left::Unknown,
                };
                progress.set(progress_line(read, elapsed, left));
                match got.more.and_then(|m| resolve_more(&lrs.endpoint, &m)) {
                    Some(url) if seen.insert(url.clone()) => next = Next::Url(url),
                    Some(_) => {
                        error.set(Some(PageError::Loop.to_string()));
                        break;
                    }
                    None => {
                        complete = true;
                        break;
                    }
                }
            }
            let newest = last_stored.get_value();
            resume.set_value(
                next_since(newest.as_deref(), complete, through_last.as_deref())
                    .or_else(|| resume.get_value()),
            );
            if read > 0 {
                keep();
            }
            loading.set(false);
            version.update(|v| *v += 1);
            ready.set(true);
        });
    };

    // Any LRS: what an earlier visit folded, then only what is newer.
    let fold = move || {
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(key) = cache_key.get_value() {
                match shell::cache::load(&key).await {
                    Ok(Some(c)) => {
                        match Insights::restore(&program_kept.get_value(), as_of, &c.state) {
                            Ok(i) => {
                                insights.set_value(i.keyed(&pseudonym_key.get_value()));
                                loaded.set(distinct(insights.with_value(|i| i.intake())));
                                resume.set_value(c.since);
                                version.update(|v| *v += 1);
                            }
                            Err(e) => notice.set(Some(format!("Note: {e}."))),
                        }
                    }
                    Ok(None) => {}
                    Err(e) => shell::console_error(&e),
                }
            }
            load(resume.get_value());
        });
    };

    wasm_bindgen_futures::spawn_local(async move {
        let lrs: Lrs = (*lrs.get_value()).clone();
        let url = if snapshot {
            shell::statements::snapshot_url(&lrs).await
        } else {
            None
        };
        match url {
            Some(url) => source.set(Source::Snapshot(url)),
            None => {
                source.set(Source::Fold);
                fold();
            }
        }
    });

    let filter = Memo::new(move |_| Filter {
        role: Some(role.get()).filter(|r| !r.is_empty()),
        course: Some(course.get()).filter(|c| !c.is_empty()),
        cohort_from: date_input(&from.get()),
        cohort_to: date_input(&to.get()),
    });

    // A Throughline service: its figures for each filter, the latest request winning.
    Effect::new(move |_| {
        refresh.track();
        let Source::Snapshot(base) = source.get() else {
            return;
        };
        let url = snapshot_query(
            &base,
            &program_id.get_value(),
            as_of,
            &filter.get(),
            names_allowed,
        );
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        loading.set(true);
        ready.set(false);
        let lrs: Lrs = (*lrs.get_value()).clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = shell::statements::snapshot(&lrs, &url).await;
            if asked.get_value() != ticket {
                return;
            }
            loading.set(false);
            match answer {
                Ok(s) => {
                    error.set(None);
                    loaded.set(s.statements);
                    snap.set(Some(s));
                    ready.set(true);
                }
                // An older service, or a proxy in front of the LRS alone: read the statements.
                Err(PageError::Status(404)) => {
                    source.set(Source::Fold);
                    fold();
                }
                Err(e) => {
                    error.set(Some(e.to_string()));
                    ready.set(true);
                }
            }
        });
    });

    let from_snapshot = move || matches!(source.get(), Source::Snapshot(_));
    let report = Memo::new(move |_| {
        if from_snapshot() {
            if let Some(s) = snap.get() {
                return s.report;
            }
        }
        version.track();
        let f = filter.get();
        insights.with_value(|i| i.report(&f))
    });
    let learners = Memo::new(move |_| match (from_snapshot(), snap.get()) {
        (true, Some(s)) => s.learners,
        _ => report.with(|r| r.learners.len()),
    });
    let courses = Memo::new(move |_| {
        if from_snapshot() {
            return snap.get().map(|s| s.courses).unwrap_or_default();
        }
        // Unfiltered (every first view), the report above is the one the course list comes from:
        // no second fold of every learner.
        if filter.with(|f| *f == Filter::default()) {
            return report.with(|r| r.courses());
        }
        version.track();
        insights.with_value(|i| i.report(&Filter::default()).courses())
    });

    let role_options = program
        .roles
        .iter()
        .map(|r| view! { <option value=r.id.clone()>{r.label.clone()}</option> })
        .collect_view();
    let title = program.title.clone();
    let program_for_panels = program.clone();
    view! {
        <section class="tl-widget tl-dashboard" aria-labelledby="tl-dash-title"
            data-dashboard-ready=move || ready.get().then_some("")
            data-statements=move || loaded.get().to_string()
            data-source=move || match source.get() { Source::Probing => "", Source::Snapshot(_) => "service", Source::Fold => "statements" }>
            <header class="tl-header">
                <p class="tl-eyebrow">"Adoption dashboard"</p>
                <h2 class="tl-title" id="tl-dash-title">{title}</h2>
                <p class="tl-help">{format!("Figures as of {}. Learners are shown by pseudonymous id unless you switch names on.", super::format::date(as_of))}</p>
            </header>
            <div class="tl-load" role="status" aria-live="polite">
                {move || if loading.get() && from_snapshot() {
                    view! {
                        <progress class="tl-progress-bar" aria-label="Loading the figures"></progress>
                        <span>"Asking the Throughline service for its figures… The first time after the service starts, it reads every statement, which can take a minute for a million."</span>
                    }.into_any()
                } else if loading.get() {
                    view! {
                        <progress class="tl-progress-bar" aria-label="Loading statements"></progress>
                        <span>{move || progress.get()}</span>
                        <button type="button" class="tl-button" on:click=move |_| cancel.set_value(true)>"Cancel"</button>
                    }.into_any()
                } else if from_snapshot() {
                    view! {
                        <span>{format!("Figures computed by the Throughline service from {} statements.", loaded.get())}</span>
                        <button type="button" class="tl-button" on:click=move |_| refresh.update(|n| *n += 1)>"Refresh"</button>
                    }.into_any()
                } else {
                    view! {
                        <span>{format!("{} statements read from the learning record store.", loaded.get())}</span>
                        <button type="button" class="tl-button" on:click=move |_| load(resume.get_value())>"Refresh"</button>
                    }.into_any()
                }}
            </div>
            {move || notice.get().map(|n| view! { <p class="tl-help">{n}</p> })}
            {move || error.get().map(|e| view! { <p class="tl-error" role="alert">{e}</p> })}
            <fieldset class="tl-fieldset tl-filters">
                <legend class="tl-legend-small">"Filters"</legend>
                <label class="tl-label" for="tl-f-role">"Role"</label>
                <select class="tl-input" id="tl-f-role" on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">"All roles"</option>
                    {role_options}
                </select>
                <label class="tl-label" for="tl-f-course">"Course"</label>
                <select class="tl-input" id="tl-f-course" on:change=move |ev| course.set(event_target_value(&ev))>
                    <option value="">"All courses"</option>
                    {move || courses.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                </select>
                <label class="tl-label" for="tl-f-from">"Committed from"</label>
                <input class="tl-input" id="tl-f-from" type="date" on:change=move |ev| from.set(event_target_value(&ev))/>
                <label class="tl-label" for="tl-f-to">"Committed until"</label>
                <input class="tl-input" id="tl-f-to" type="date" on:change=move |ev| to.set(event_target_value(&ev))/>
            </fieldset>
            {move || {
                let r = report.get();
                let p = program_for_panels.clone();
                view! {
                    <FunnelPanel report=r.clone() role=filter.get().role/>
                    <RolesPanel report=r.clone()/>
                    <TeamsPanel report=r.clone() show_names/>
                    <TermsPanel report=r.clone() role=filter.get().role/>
                    <ReinforcementPanel report=r.clone()/>
                    <AdoptionPanel report=r.clone() program=p.clone()/>
                    <BaselinePanel report=r.clone() program=p.clone() role=filter.get().role/>
                    <SeenPanel report=r.clone() program=p.clone()/>
                    <SuccessPanel report=r.clone() program=p show_names/>
                    <LearnersPanel report=r count=learners.get() names_allowed show_names/>
                }
            }}
        </section>
    }
}

/// A panel: heading, chart, table (behind a disclosure) and CSV download.
#[component]
fn Panel(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    #[prop(into)] question: String,
    csv: String,
    children: Children,
) -> impl IntoView {
    let file = format!("throughline-{id}.csv");
    let heading = format!("tl-dash-{id}");
    let labelled = heading.clone();
    view! {
        <section class="tl-card tl-panel" aria-labelledby=labelled data-panel=id>
            <h3 class="tl-heading" id=heading>{title}</h3>
            <p class="tl-help">{question}</p>
            {children()}
            <button type="button" class="tl-button" on:click=move |_| {
                if let Err(e) = download::offer(&file, "text/csv;charset=utf-8", &csv) {
                    shell::console_error(&e);
                }
            }>"Download CSV"</button>
        </section>
    }
}

fn table(caption: &str, header: Vec<&str>, rows: Vec<Vec<String>>) -> impl IntoView {
    let head = header
        .into_iter()
        .map(|h| view! { <th scope="col">{h.to_string()}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let mut cells = r.into_iter();
            let first = cells.next().unwrap_or_default();
            view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    let caption = caption.to_string();
    view! {
        <details class="tl-details">
            <summary>"Table view"</summary>
            <table class="tl-table">
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </details>
    }
}

#[component]
fn FunnelPanel(report: Report, role: Option<String>) -> impl IntoView {
    let rows: Vec<_> = report
        .funnel
        .rows
        .iter()
        .filter(|r| r.role == role)
        .cloned()
        .collect();
    // Percentages of the learners who started (chose a role), so every step reads as "what is left".
    let first = rows.first().map(|r| r.learners).unwrap_or(0);
    let bars = rows
        .iter()
        .map(|r| Bar {
            label: r.label.clone(),
            value: r.learners as f64,
            text: format!("{} ({})", r.learners, pct(r.learners, first)),
            flagged: r.drop_off * 4 > first as i64 && first > 0,
        })
        .collect();
    let table_rows = report
        .funnel
        .rows
        .iter()
        .map(|r| {
            vec![
                r.role.clone().unwrap_or_else(|| "All roles".into()),
                r.label.clone(),
                r.learners.to_string(),
                r.drop_off.to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="funnel" title="Where learning breaks down" question="The journey from choosing a role to an adopted behaviour, as a share of those who started. Highlighted steps lose more than a quarter of them at once." csv=report.funnel.to_csv()>
            <Bars title="Learners at each step of the journey" bars=bars/>
            {table("Learners at each step, by role", vec!["Role", "Step", "Learners", "Lost since previous step"], table_rows)}
        </Panel>
    }
}

#[component]
fn RolesPanel(report: Report) -> impl IntoView {
    let bars = report
        .roles
        .rows
        .iter()
        .map(|r| {
            let flag = match r.coverage {
                Coverage::None => " – nobody developed",
                Coverage::Few => " – few",
                Coverage::Enough => "",
            };
            Bar {
                label: r.label.clone(),
                value: r.learners as f64,
                text: format!(
                    "{} ({}){flag}",
                    r.learners,
                    pct(r.learners, report.roles.total)
                ),
                flagged: r.coverage != Coverage::Enough,
            }
        })
        .collect();
    let rows = report
        .roles
        .rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.learners.to_string(),
                r.committed.to_string(),
                r.coverage.label().to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="roles" title="Who is expected to change but has not been developed" question="Every role the program expects, with how many learners each has. Roles with none or few stand out." csv=report.roles.to_csv()>
            <Bars title="Learners per role" bars=bars/>
            {table("Learners per role", vec!["Role", "Learners", "Committed", "Flag"], rows)}
        </Panel>
    }
}

#[component]
fn TermsPanel(report: Report, role: Option<String>) -> impl IntoView {
    let bars = report
        .terms
        .rows
        .iter()
        .filter(|r| r.role == role)
        .map(|r| Bar {
            label: r.term.clone(),
            value: r.uses as f64,
            text: format!("{} uses by {} learners", r.uses, r.learners),
            flagged: r.uses == 0,
        })
        .collect();
    let rows = report
        .terms
        .rows
        .iter()
        .map(|r| {
            vec![
                r.role.clone().unwrap_or_else(|| "All roles".into()),
                r.term.clone(),
                r.uses.to_string(),
                r.learners.to_string(),
                r.reflections.to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="terms" title="Shared language" question="Which glossary terms learners use in their own reflections. Unused terms are highlighted." csv=report.terms.to_csv()>
            <Bars title="Glossary terms used in reflections" bars=bars/>
            {table("Glossary terms in reflections, by role", vec!["Role", "Term", "Uses", "Learners", "Reflections"], rows)}
        </Panel>
    }
}

#[component]
fn ReinforcementPanel(report: Report) -> impl IntoView {
    let stacks = report
        .reinforcement
        .rows
        .iter()
        .map(|r| {
            let c = r.counts;
            Stack {
                label: format!("Day {}: {}", r.day, r.title),
                parts: vec![
                    c.on_time as f64,
                    c.late as f64,
                    c.skipped as f64,
                    c.missed as f64,
                    c.open as f64,
                ],
            }
        })
        .collect();
    let rows = report
        .reinforcement
        .rows
        .iter()
        .map(|r| {
            let c = r.counts;
            vec![
                format!("Day {}: {}", r.day, r.title),
                c.on_time.to_string(),
                c.late.to_string(),
                c.skipped.to_string(),
                c.missed.to_string(),
                c.open.to_string(),
                c.snoozed.to_string(),
                c.rescheduled.to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="reinforcement" title="Reinforcement over time" question="For each reflection step: answered on time, late, skipped, missed, or not due yet." csv=report.reinforcement.to_csv()>
            <Stacked title="Reflection prompts by outcome" names=vec!["On time", "Late", "Skipped", "Missed", "Not due"]
                classes=vec!["tl-seg-ok", "tl-seg-late", "tl-seg-skip", "tl-seg-miss", "tl-seg-open"] stacks=stacks/>
            {(report.reinforcement.paused > 0).then(|| view! {
                <p class="tl-help">{format!("{} learner(s) are on leave today: their reflections wait until they are back and none counts as missed.", report.reinforcement.paused)}</p>
            })}
            {table("Reflection prompts by outcome", vec!["Step", "On time", "Late", "Skipped", "Missed", "Not due yet", "Snoozed at least once", "On the learner's own day"], rows)}
        </Panel>
    }
}

#[component]
fn AdoptionPanel(report: Report, program: Arc<Program>) -> impl IntoView {
    let a = &report.adoption;
    let sustained = a
        .sustained
        .iter()
        .map(|s| Bar {
            label: format!("Adopted at {} days", s.days),
            value: s.share.percent().unwrap_or(0.0),
            text: format!(
                "{} of {} ({})",
                s.share.adopted,
                s.share.learners,
                pct(s.share.adopted, s.share.learners)
            ),
            flagged: false,
        })
        .collect();
    let behaviours = a
        .behaviours
        .iter()
        .map(|b| Bar {
            label: b.title.clone(),
            value: b.share.percent().unwrap_or(0.0),
            text: format!(
                "{} of {} ({})",
                b.share.adopted,
                b.share.learners,
                pct(b.share.adopted, b.share.learners)
            ),
            flagged: false,
        })
        .collect();
    let weeks: Vec<u32> = {
        let mut w: Vec<u32> = a.trend.iter().map(|t| t.week).collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let header: Vec<String> = std::iter::once("Behaviour".to_string())
        .chain(weeks.iter().map(|w| format!("Week {w}")))
        .collect();
    let trend_rows: Vec<Vec<String>> = a
        .behaviours
        .iter()
        .map(|b| {
            std::iter::once(b.title.clone())
                .chain(weeks.iter().map(|w| {
                    a.trend
                        .iter()
                        .find(|t| t.behaviour == b.behaviour && t.week == *w)
                        .map(|t| pct(t.share.adopted, t.share.learners))
                        .unwrap_or_else(|| "–".into())
                }))
                .collect()
        })
        .collect();
    let only_committed = a
        .sustained
        .iter()
        .map(|s| {
            vec![
                format!("{} days", s.days),
                s.share.learners.to_string(),
                s.share.not_adopted().to_string(),
                s.share.adopted.to_string(),
            ]
        })
        .collect();
    let _ = program;
    view! {
        <Panel id="adoption" title="Participation or sustained adoption" question="Learners who only committed, against those whose behaviours are adopted at 30, 60 and 90 days; adoption per behaviour and week by week." csv=a.to_csv()>
            <Bars title="Learners with an adopted behaviour, N days after committing" bars=sustained max=100.0/>
            {table("Participation against adoption", vec!["After", "Committed learners", "Only committed", "Adopted"], only_committed)}
            <Bars title="Adoption per behaviour" bars=behaviours max=100.0/>
            <details class="tl-details">
                <summary>"Week by week"</summary>
                <table class="tl-table">
                    <caption>"Share of committed learners with the behaviour adopted, by week since committing"</caption>
                    <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>{trend_rows.into_iter().map(|r| {
                        let mut cells = r.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
                    }).collect_view()}</tbody>
                </table>
            </details>
        </Panel>
    }
}

/// The scale label nearest a mean level.
fn level_name(program: &Program, mean: Option<f64>) -> String {
    mean.and_then(|m| program.scale_label(m.round().clamp(0.0, 255.0) as u8))
        .unwrap_or("–")
        .to_string()
}

#[component]
fn BaselinePanel(report: Report, program: Arc<Program>, role: Option<String>) -> impl IntoView {
    let mine: Vec<_> = report
        .baseline
        .rows
        .iter()
        .filter(|r| r.role == role)
        .cloned()
        .collect();
    let bars = mine
        .iter()
        .map(|r| {
            let change = r.mean_change();
            Bar {
                label: r.title.clone(),
                value: change.unwrap_or(0.0).abs(),
                text: match change {
                    Some(c) => format!(
                        "{c:+.1} levels, {} → {} ({} learners)",
                        level_name(&program, r.mean_baseline()),
                        level_name(&program, r.mean_latest()),
                        r.learners
                    ),
                    None => "no self-check since the start yet".into(),
                },
                flagged: change.is_some_and(|c| c < 0.0),
            }
        })
        .collect();
    let fmt = |v: Option<f64>| v.map_or("–".to_string(), |m| format!("{m:.2}"));
    let rows = mine
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                r.learners.to_string(),
                fmt(r.mean_baseline()),
                fmt(r.mean_latest()),
                r.mean_change()
                    .map_or("–".to_string(), |m| format!("{m:+.2}")),
                r.improved.to_string(),
                r.unchanged.to_string(),
                r.declined.to_string(),
                r.not_rated_yet.to_string(),
            ]
        })
        .collect();
    let scale = program.self_check.scale.join(", ");
    view! {
        <Panel id="baseline" title="Change from baseline" question=format!("Per behaviour: the latest self-check against the starting rating learners gave when they committed, in levels of the scale ({scale}). Falls are highlighted.") csv=report.baseline.to_csv()>
            <Bars title="Mean change from baseline per behaviour" bars=bars/>
            {table("Change from baseline per behaviour (levels: 0 is the lowest)", vec!["Behaviour", "Learners", "Mean start", "Mean latest", "Mean change", "Improved", "Unchanged", "Declined", "Not rated since"], rows)}
        </Panel>
    }
}

/// How far below the learners' own view others' mean must be to be called out (scale levels).
const SEEN_GAP: f64 = 0.5;

#[component]
fn SeenPanel(report: Report, program: Arc<Program>) -> impl IntoView {
    let top = program.self_check.scale.len().saturating_sub(1).max(1) as f64;
    let mut bars = Vec::new();
    let mut rows = Vec::new();
    for r in &report.seen.rows {
        let (own, others) = (r.mean_self(), r.mean_observed());
        let lower = matches!((own, others), (Some(s), Some(o)) if o + SEEN_GAP <= s);
        let waiting = format!(
            "not shown until at least {} people have rated ({} so far)",
            r.min_raters, r.waiting
        );
        bars.push(Bar {
            label: format!("{} ({}): themselves", r.title, r.about_label),
            value: own.unwrap_or(0.0),
            text: match own {
                Some(m) => format!(
                    "{} ({m:.1}), {} learners",
                    level_name(&program, own),
                    r.self_learners
                ),
                None => "no self-check yet".into(),
            },
            flagged: false,
        });
        bars.push(Bar {
            label: format!("{} ({}): others", r.title, r.about_label),
            value: others.unwrap_or(0.0),
            text: match others {
                Some(m) => format!(
                    "{} ({m:.1}), {} raters about {} people{}",
                    level_name(&program, others),
                    r.raters,
                    r.observed_people,
                    if lower {
                        ", lower than they see themselves"
                    } else {
                        ""
                    }
                ),
                None if r.raters == 0 => waiting.clone(),
                None => "no ratings counted".into(),
            },
            flagged: lower,
        });
        let note = if others.is_none() {
            format!("Others' view waits for {} more raters", r.needed())
        } else if lower {
            "Others see it less often than learners see themselves".into()
        } else {
            String::new()
        };
        rows.push(vec![
            r.title.clone(),
            r.about_label.clone(),
            own.map_or("–".into(), |m| {
                format!("{} ({m:.2})", level_name(&program, own))
            }),
            r.self_learners.to_string(),
            others.map_or("–".into(), |m| {
                format!("{} ({m:.2})", level_name(&program, others))
            }),
            r.raters.to_string(),
            r.observed_people.to_string(),
            note,
        ]);
    }
    let scale = program.self_check.scale.join(", ");
    let empty = report.seen.rows.is_empty().then(|| {
        view! { <p class="tl-help">"This program asks nobody to observe anyone, or not about the role chosen in the filter."</p> }
    });
    view! {
        <Panel id="seen" title="How others see each behaviour" question=format!("Per behaviour others are asked about: how often learners say they do it (their latest self-check) next to how often the people around them see it, on the scale ({scale}). Others' view is shown only once enough different people have rated, and only as an average, so no one's answer can be picked out.") csv=report.seen.to_csv()>
            {empty}
            <Bars title="Own view and others' view per behaviour" bars=bars max=top/>
            {table("Own and others' view per behaviour (levels: 0 is the lowest)", vec!["Behaviour", "Role observed", "Own view", "Learners", "Others' view", "Raters", "People observed", "Note"], rows)}
        </Panel>
    }
}

#[component]
fn TeamsPanel(report: Report, show_names: RwSignal<bool>) -> impl IntoView {
    let t = report.teams.clone();
    let (count, no_leader, not_started) = (
        t.count(),
        t.leaders_not_committed(),
        t.members_not_started(),
    );
    let bars = vec![
        Bar {
            label: "Teams".into(),
            value: count as f64,
            text: format!(
                "{count} teams, {} members ({} per team on average)",
                t.members(),
                t.mean_members().map_or("–".into(), |m| format!("{m:.1}"))
            ),
            flagged: false,
        },
        Bar {
            label: "Leader never committed".into(),
            value: no_leader as f64,
            text: format!("{no_leader} teams ({})", pct(no_leader, count)),
            flagged: no_leader > 0,
        },
        Bar {
            label: "Members never started".into(),
            value: not_started as f64,
            text: format!("{not_started} teams ({})", pct(not_started, count)),
            flagged: not_started > 0,
        },
        Bar {
            label: "No members yet".into(),
            value: t.without_members() as f64,
            text: format!("{} teams", t.without_members()),
            flagged: false,
        },
    ];
    let rows = t.rows.clone();
    let shown = rows.len().min(500);
    let body = move || {
        rows.iter()
            .take(500)
            .map(|r| {
                let leader = if show_names.get() {
                    r.leader_name.clone().or_else(|| r.leader.clone())
                } else {
                    r.leader.clone()
                };
                let mut flags = Vec::new();
                if r.leader_never_committed() {
                    flags.push("Leader never committed");
                }
                if r.members_never_started() {
                    flags.push("Members never started");
                }
                if r.leader.is_none() {
                    flags.push("No leader known");
                }
                view! {
                    <tr>
                        <th scope="row">{r.team.clone()}</th>
                        <td>{leader.unwrap_or_else(|| "–".into())}</td>
                        <td>{if r.leader_committed { "Yes" } else { "No" }}</td>
                        <td>{r.members.to_string()}</td>
                        <td>{r.members_committed.to_string()}</td>
                        <td>{flags.join("; ")}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Panel id="teams" title="Team coverage" question="Teams started in this program, by pseudonymous id: whether the leader committed, and whether any of the members did. A team whose leader never committed, or whose members never started, is where change is expected but nobody is being developed." csv=t.to_csv()>
            <Bars title="Teams and where development has not started" bars=bars/>
            <details class="tl-details">
                <summary>{format!("Team list (first {shown})")}</summary>
                <table class="tl-table">
                    <caption>"Teams, their leader and members"</caption>
                    <thead><tr><th scope="col">"Team"</th><th scope="col">"Leader"</th><th scope="col">"Leader committed"</th><th scope="col">"Members"</th><th scope="col">"Members committed"</th><th scope="col">"Flags"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </details>
        </Panel>
    }
}

#[component]
fn SuccessPanel(
    report: Report,
    program: Arc<Program>,
    show_names: RwSignal<bool>,
) -> impl IntoView {
    let csv = report.success.to_csv(&program);
    let rows = report.success.rows.clone();
    let per = report.success.per;
    let body = move || {
        rows.iter()
            .map(|r| {
                let who = if show_names.get() { r.name.clone().unwrap_or_else(|| r.learner.clone()) } else { r.learner.clone() };
                let title = program.behaviour(&r.behaviour).map_or(r.behaviour.clone(), |b| b.title.clone());
                let label = |l: u8| program.scale_label(l).unwrap_or("–").to_string();
                view! {
                    <tr>
                        <th scope="row">{title}</th>
                        <td>{format!("{} #{}", if r.group == Group::Strongest { "Strongest" } else { "Weakest" }, r.rank)}</td>
                        <td>{who}</td>
                        <td>{r.role.clone()}</td>
                        <td>{label(r.start)}</td>
                        <td>{label(r.latest)}</td>
                        <td>{format!("{:+}", r.change())}</td>
                        <td>{r.checks.to_string()}</td>
                        <td>{if r.adopted { "Yes" } else { "No" }}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Panel id="success-cases" title="Whom to interview (Success Case sampling)" question=format!("Per behaviour, up to {per} learners with the strongest and {per} with the weakest trajectories from their start, after Brinkerhoff's Success Case Method: ask both what helped and what got in the way.") csv=csv>
            <table class="tl-table">
                <caption>"Learners to interview, by behaviour"</caption>
                <thead><tr><th scope="col">"Behaviour"</th><th scope="col">"Group"</th><th scope="col">"Learner"</th><th scope="col">"Role"</th><th scope="col">"Start"</th><th scope="col">"Latest"</th><th scope="col">"Change"</th><th scope="col">"Self-checks"</th><th scope="col">"Adopted"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </Panel>
    }
}

#[component]
fn LearnersPanel(
    report: Report,
    count: usize,
    names_allowed: bool,
    show_names: RwSignal<bool>,
) -> impl IntoView {
    let rows: Vec<_> = report.learners.clone();
    let switch = names_allowed.then(|| {
        view! {
            <p class="tl-choice">
                <input type="checkbox" id="tl-dash-names" prop:checked=move || show_names.get() on:change=move |ev| show_names.set(event_target_checked(&ev))/>
                <label for="tl-dash-names">"Show learner names (only where you are allowed to see them)"</label>
            </p>
        }
    });
    let body = move || {
        rows.iter()
            .take(500)
            .map(|l| {
                let who = if show_names.get() { l.name.clone().unwrap_or_else(|| l.id.clone()) } else { l.id.clone() };
                view! {
                    <tr>
                        <th scope="row">{who}</th>
                        <td>{l.role.clone()}</td>
                        <td>{l.commitment.map(super::format::date).unwrap_or_else(|| "–".into())}</td>
                        <td>{l.answered.to_string()}</td>
                        <td>{l.adopted.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="tl-card" aria-labelledby="tl-dash-learners">
            <h3 class="tl-heading" id="tl-dash-learners">{format!("Learners ({count})")}</h3>
            {switch}
            <details class="tl-details">
                <summary>"Learner list (first 500)"</summary>
                <table class="tl-table">
                    <caption>"Learners behind the figures"</caption>
                    <thead><tr><th scope="col">"Learner"</th><th scope="col">"Role"</th><th scope="col">"Committed"</th><th scope="col">"Reflections"</th><th scope="col">"Behaviours adopted"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </details>
        </section>
    }
}
