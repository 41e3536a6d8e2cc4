//! The adoption dashboard for admins: statements are read page by page from
//! the LRS and folded into [`Insights`] as they arrive (the browser stays
//! responsive between pages); the panels answer the article's questions
//! (and the teams': who is developed around a leader, how others see each
//! behaviour), each as an SVG chart, a table and a CSV download.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Poll;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use time::Date;

use super::chart::{Bar, Bars, Stack, Stacked};
use crate::i18n::{Arg, Messages, DASHBOARD};
use crate::insights::{Coverage, Filter, Group, Insights, KeptFigures, Report, Snapshot, Stage};
use crate::launch::admin::{
    cache_key, next_since, progress_line, seconds_left, snapshot_query, statements_query,
    window_query, windows, windows_left, windows_since, Left, Window, WindowRead, WINDOWS,
};
use crate::program::Program;
use crate::shell::i18n::Number;
use crate::shell::lrs::Lrs;
use crate::shell::statements::{page, resolve_more, Next, Page, PageError};
use crate::shell::{self, download};

type SharedLrs = send_wrapper::SendWrapper<Lrs>;

/// The dashboard's words in the admin's language, with dates and numbers written its way.
#[derive(Clone)]
pub struct Words {
    messages: Arc<Messages>,
    tag: Arc<str>,
}

impl Words {
    /// The words of `lang` (a shipped language), dates and numbers as `tag` writes them.
    pub fn new(lang: &str, tag: &str) -> Words {
        Words {
            messages: Arc::new(DASHBOARD.messages(lang)),
            tag: tag.into(),
        }
    }

    /// The language in use, for the dashboard's `lang` attribute.
    pub fn lang(&self) -> &'static str {
        self.messages.lang()
    }

    /// A message without values.
    pub fn t(&self, id: &str) -> String {
        self.messages.get(id)
    }

    /// A message with values.
    pub fn ta(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.messages.with(id, args)
    }

    /// What the core words (`launch::admin::progress_line`).
    fn say(&self, w: &crate::i18n::Words) -> String {
        self.messages.with(w.id, &w.args)
    }

    fn date(&self, d: Date) -> String {
        shell::i18n::date(&self.tag, d)
    }

    fn num(&self, v: f64, kind: Number) -> String {
        shell::i18n::number(&self.tag, v, kind)
    }

    /// `part` of `whole` as a percentage ("–" of nothing).
    fn pct(&self, part: usize, whole: usize) -> String {
        if whole == 0 {
            self.t("dash-none")
        } else {
            self.num(part as f64 / whole as f64, Number::Percent)
        }
    }

    /// "3 of 10 (30%)".
    fn of(&self, part: usize, whole: usize) -> String {
        self.ta(
            "dash-of",
            &[
                ("part", part.into()),
                ("whole", whole.into()),
                ("share", self.pct(part, whole).into()),
            ],
        )
    }

    /// A failed page read, in the admin's words.
    fn page_error(&self, e: &PageError) -> String {
        match e {
            PageError::Refused => self.t("lrs-refused"),
            PageError::Status(s) if *s >= 500 => {
                self.ta("lrs-trouble", &[("status", s.to_string().into())])
            }
            PageError::Status(s) => {
                self.ta("lrs-not-accepted", &[("status", s.to_string().into())])
            }
            PageError::Offline => self.t("lrs-offline"),
            PageError::Malformed => self.t("lrs-malformed"),
            PageError::Loop => self.t("lrs-loop"),
        }
    }

    fn yes_no(&self, yes: bool) -> String {
        self.t(if yes { "dash-yes" } else { "dash-no" })
    }
}

/// The words the dashboard was mounted with (English outside one).
fn words() -> Words {
    use_context::<Words>().unwrap_or_else(|| Words::new("en", "en"))
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

/// What the chains of one read share (the dashboard runs on one thread).
#[derive(Default)]
struct Reading {
    started: f64,
    /// Statements read, over all chains.
    read: Cell<usize>,
    /// Set by Cancel or the first chain to fail: the others stop at their next page.
    stop: Cell<bool>,
    /// For the time left of one chain: its first page's newest `stored` and consistent-through.
    span: RefCell<Option<(String, Option<String>)>>,
    /// The windows being read at once, if the read was split.
    windows: RefCell<Vec<WindowRead>>,
}

/// How a chain of pages ended.
enum ChainEnd {
    /// Read to the end (`complete`) or stopped, with its newest `stored` and the LRS's
    /// consistent-through on its last page.
    Read {
        newest: Option<String>,
        complete: bool,
        through: Option<String>,
    },
    /// Its first page was read (`newest` its newest `stored`, `through` the LRS's
    /// consistent-through) and the rest is to be read in these windows at once.
    Split {
        windows: Vec<Window>,
        newest: String,
        through: String,
    },
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
    /// The admin's language.
    words: Words,
) -> impl IntoView {
    provide_context(words.clone());
    let w = StoredValue::new(words);
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
    // Showing the figures the last visit kept (`snap`), the fold not restored: nothing was newer.
    let kept_only = RwSignal::new(false);
    // The kept figures stay on screen while the fold is restored and what is newer is read:
    // something was newer, and counting it over a million statements takes seconds.
    let updating = RwSignal::new(false);
    // A restore under way (reading IndexedDB, before the read of what is new starts).
    let restoring = StoredValue::new(false);
    // The `version` whose unfiltered figures were last kept, so they are written once each.
    let figures_kept = StoredValue::new(None::<u64>);
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
        let state = insights.with_value(shell::cache::fold_blob);
        let (since, statements) = (resume.get_value(), loaded.get_untracked());
        wasm_bindgen_futures::spawn_local(async move {
            let saved = match state {
                Ok(state) => shell::cache::save(&key, &state, since.as_deref(), statements).await,
                Err(e) => Err(e),
            };
            if let Err(e) = saved {
                shell::console_error(&e);
            }
            shell::mark("throughline:dash-saved");
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
        let ids = !names_allowed;
        wasm_bindgen_futures::spawn_local(async move {
            let lrs = Rc::new(lrs);
            let state = Rc::new(Reading {
                started: now_ms(),
                ..Reading::default()
            });
            let before = loaded.get_untracked();
            // One chain of pages, each asked for before the one before it is folded. The first
            // chain may stop after its first page, for the rest to be read in windows at once.
            let shared = state.clone();
            let chain = move |first: Next, split: bool, slot: Option<usize>| {
                let (lrs, state) = (lrs.clone(), shared.clone());
                async move {
                    let mut next = first;
                    let mut seen = HashSet::new();
                    let mut newest: Option<String> = None;
                    let mut through: Option<String> = None;
                    let mut ahead: Option<(String, LocalBoxFuture<'_, Result<Page, PageError>>)> =
                        None;
                    let mut pages = 0usize;
                    let stopped = |state: &Reading| {
                        if cancel.get_value() && !state.stop.replace(true) {
                            error.set(Some(w.with_value(|w| w.t("dash-cancelled"))));
                        }
                        state.stop.get()
                    };
                    let fail = |state: &Reading, e: &PageError| {
                        if !state.stop.replace(true) {
                            error.set(Some(w.with_value(|w| w.page_error(e))));
                        }
                    };
                    let end = |newest, complete, through| ChainEnd::Read {
                        newest,
                        complete,
                        through,
                    };
                    loop {
                        if stopped(&state) {
                            return end(newest, false, through);
                        }
                        let answer = match (&next, ahead.take()) {
                            (Next::Url(url), Some((asked, answer))) if *url == asked => {
                                answer.await
                            }
                            _ => page(&lrs, &next).await,
                        };
                        // Cancel pressed (or another chain failed) while the page travelled.
                        if stopped(&state) {
                            return end(newest, false, through);
                        }
                        let current = match answer {
                            Ok(current) => current,
                            Err(e) => {
                                fail(&state, &e);
                                return end(newest, false, through);
                            }
                        };
                        let more = Insights::page_more(&current.body)
                            .and_then(|m| resolve_more(&lrs.endpoint, &m));
                        let splits = split && pages == 0 && more.is_some();
                        if let Some(url) = more.filter(|url| !splits && !seen.contains(url)) {
                            let lrs = &lrs;
                            let at = Next::Url(url.clone());
                            let mut asked: LocalBoxFuture<'_, _> =
                                Box::pin(async move { page(lrs, &at).await });
                            // The first poll sends the request; an answer ready at once is kept.
                            if let Poll::Ready(done) = futures::poll!(&mut asked) {
                                asked = Box::pin(futures::future::ready(done));
                            }
                            ahead = Some((url, asked));
                        }
                        let mut got = Err(crate::insights::MalformedPage);
                        insights.update_value(|i| got = i.add_page_text(&current.body));
                        let Ok(got) = got else {
                            fail(&state, &PageError::Malformed);
                            return end(newest, false, through);
                        };
                        pages += 1;
                        if got.newest_stored.as_deref() > newest.as_deref() {
                            newest.clone_from(&got.newest_stored);
                        }
                        if got.newest_stored.as_deref() > last_stored.get_value().as_deref() {
                            last_stored.set_value(got.newest_stored.clone());
                        }
                        through.clone_from(&current.consistent_through);
                        if state.span.borrow().is_none() {
                            *state.span.borrow_mut() = got
                                .newest_stored
                                .clone()
                                .map(|s| (s, current.consistent_through.clone()));
                        }
                        state.read.set(state.read.get() + got.statements);
                        if let Some(i) = slot {
                            if let Some(r) = state.windows.borrow_mut().get_mut(i) {
                                r.newest.clone_from(&newest);
                            }
                        }
                        // Statements counted once each: a resumed read's overlap is not counted again.
                        loaded.set(insights.with_value(|i| distinct(i.intake())));
                        let elapsed = (now_ms() - state.started) / 1000.0;
                        let left = if state.windows.borrow().is_empty() {
                            match (&*state.span.borrow(), last_stored.get_value()) {
                                (Some((start, Some(through))), Some(newest)) => {
                                    seconds_left(start, &newest, through, elapsed)
                                        .map_or(Left::Estimating, Left::Seconds)
                                }
                                _ => Left::Unknown,
                            }
                        } else {
                            windows_left(&state.windows.borrow(), elapsed)
                                .map_or(Left::Estimating, Left::Seconds)
                        };
                        let line = progress_line(state.read.get(), elapsed, left);
                        progress.set(w.with_value(|w| w.say(&line)));
                        if splits {
                            if let (Some(n), Some(t)) = (&newest, &through) {
                                let windows = windows(n, t, WINDOWS);
                                if !windows.is_empty() {
                                    return ChainEnd::Split {
                                        windows,
                                        newest: n.clone(),
                                        through: t.clone(),
                                    };
                                }
                            }
                        }
                        match got.more.and_then(|m| resolve_more(&lrs.endpoint, &m)) {
                            Some(url) if seen.insert(url.clone()) => next = Next::Url(url),
                            Some(_) => {
                                fail(&state, &PageError::Loop);
                                return end(newest, false, through);
                            }
                            None => return end(newest, true, through),
                        }
                    }
                }
            };
            let program = program_id.get_value();
            let head = chain(first, true, None).await;
            let since = match head {
                ChainEnd::Read {
                    newest,
                    complete,
                    through,
                } => next_since(newest.as_deref(), complete, through.as_deref()),
                ChainEnd::Split {
                    windows,
                    newest,
                    through,
                } => {
                    *state.windows.borrow_mut() = windows
                        .iter()
                        .map(|window| WindowRead {
                            window: window.clone(),
                            newest: None,
                            complete: false,
                        })
                        .collect();
                    let ends =
                        futures::future::join_all(windows.iter().enumerate().map(|(i, window)| {
                            let path = window_query(
                                &program,
                                Some(&window.since),
                                Some(&window.until),
                                ids,
                            );
                            chain(Next::Path(path), false, Some(i))
                        }))
                        .await;
                    for (i, end) in ends.into_iter().enumerate() {
                        if let (ChainEnd::Read { complete, .. }, Some(r)) =
                            (end, state.windows.borrow_mut().get_mut(i))
                        {
                            r.complete = complete;
                        }
                    }
                    let reads = state.windows.borrow();
                    // Windows that found nothing newer: from the first page's newest.
                    windows_since(&reads, &through).or_else(|| {
                        let complete = reads.iter().all(|r| r.complete);
                        next_since(Some(&newest), complete, Some(&through))
                    })
                }
            };
            shell::mark("throughline:dash-read");
            insights.update_value(Insights::shrink_to_fit);
            resume.set_value(since.or_else(|| resume.get_value()));
            loading.set(false);
            // The fold now counts everything the kept figures did, and what was newer.
            kept_only.set(false);
            updating.set(false);
            version.update(|v| *v += 1);
            ready.set(true);
            // Kept again only when something new was folded (a repeat visit re-reads the last
            // second), and only once the figures are on screen: writing a million statements'
            // fold back costs most of a second.
            if state.read.get() > 0 && loaded.get_untracked() > before {
                shell::after_paint().await;
                keep();
            }
        });
    };

    // Any LRS: what an earlier visit folded, then only what is newer. With `keep_showing`, the
    // kept figures on screen stay there until that read ends.
    let restore = move |keep_showing: bool| {
        if restoring.get_value() || loading.get_untracked() {
            return;
        }
        restoring.set_value(true);
        if keep_showing {
            updating.set(true);
        } else {
            kept_only.set(false);
        }
        ready.set(false);
        // Kept figures set where to read on from; without the fold they stood for, read it all.
        resume.set_value(None);
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(key) = cache_key.get_value() {
                match shell::cache::load(&key).await {
                    Ok(Some(c)) => {
                        shell::mark("throughline:dash-cache-read");
                        let restored = Insights::restore(
                            &program_kept.get_value(),
                            as_of,
                            &pseudonym_key.get_value(),
                            &c.state,
                        );
                        match restored {
                            Ok(i) => {
                                shell::mark("throughline:dash-restored");
                                insights.set_value(i);
                                loaded.set(distinct(insights.with_value(|i| i.intake())));
                                resume.set_value(c.since);
                                // No report yet: the read of what is new comes next and draws
                                // once when it ends (a report of a million statements is seconds).
                            }
                            Err(e) => notice.set(Some(w.with_value(|w| {
                                w.ta("dash-note", &[("reason", e.to_string().into())])
                            }))),
                        }
                    }
                    Ok(None) => {}
                    Err(e) => shell::console_error(&e),
                }
            }
            restoring.set_value(false);
            load(resume.get_value());
        });
    };

    // First the figures the last visit kept: when the LRS has nothing newer than they count,
    // they are this visit's figures, shown without restoring the fold (seconds for a million
    // statements). The fold is restored when a filter or Refresh needs it.
    let fold = move || {
        wasm_bindgen_futures::spawn_local(async move {
            let kept = match cache_key.get_value() {
                Some(key) => shell::cache::load_figures(&key).await.unwrap_or_else(|e| {
                    shell::console_error(&e);
                    None
                }),
                None => None,
            };
            let kept = kept.and_then(|text| {
                KeptFigures::read(&text, &program_kept.get_value(), as_of, names_allowed).ok()
            });
            if let Some(kept) = kept {
                shell::mark("throughline:dash-kept-read");
                let lrs: Lrs = (*lrs.get_value()).clone();
                let newer = Next::Path(statements_query(
                    &program_id.get_value(),
                    kept.since.as_deref(),
                    !names_allowed,
                ));
                let answer = page(&lrs, &newer).await;
                let nothing_newer = answer
                    .as_ref()
                    .is_ok_and(|p| Insights::page_is_empty(&p.body));
                resume.set_value(kept.since);
                loaded.set(kept.snapshot.statements);
                snap.set(Some(kept.snapshot));
                kept_only.set(true);
                if nothing_newer {
                    ready.set(true);
                    return;
                }
                // Something is newer (or the LRS could not say): the kept figures are shown,
                // marked as the last visit's, while the fold is restored and read on.
                shell::mark("throughline:dash-kept-shown");
                restore(true);
                return;
            }
            restore(false);
        });
    };
    // Refresh: from the fold, restored first if only kept figures are shown.
    let refold = move || {
        if kept_only.get_untracked() {
            restore(false);
        } else {
            load(resume.get_value());
        }
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
                    error.set(Some(w.with_value(|w| w.page_error(&e))));
                    ready.set(true);
                }
            }
        });
    });

    // A filter asks the fold for its figures: restored if only the kept ones are shown.
    Effect::new(move |_| {
        if filter.with(|f| *f != Filter::default()) && kept_only.get_untracked() {
            restore(false);
        }
    });

    let from_snapshot = move || matches!(source.get(), Source::Snapshot(_));
    // The service's snapshot, or the figures the last visit kept (unfiltered, as they were kept).
    let from_figures =
        move || from_snapshot() || (kept_only.get() && filter.with(|f| *f == Filter::default()));
    let report = Memo::new(move |_| {
        if from_figures() {
            if let Some(s) = snap.get() {
                return s.report;
            }
        }
        version.track();
        let f = filter.get();
        shell::mark("throughline:dash-report");
        let r = insights.with_value(|i| i.report(&f));
        shell::mark("throughline:dash-reported");
        r
    });
    let learners = Memo::new(move |_| match (from_figures(), snap.get()) {
        (true, Some(s)) => s.learners,
        _ => report.with(|r| r.learners.len()),
    });
    // The unfiltered figures of each finished read, kept for a visit that finds nothing newer.
    Effect::new(move |_| {
        let v = version.get();
        let finished = v > 0 && ready.get() && !loading.get() && !kept_only.get();
        if !finished
            || !matches!(source.get(), Source::Fold)
            || filter.with(|f| *f != Filter::default())
            || figures_kept.get_value() == Some(v)
        {
            return;
        }
        let Some(key) = cache_key.get_value() else {
            return;
        };
        figures_kept.set_value(Some(v));
        let text = report.with(|r| {
            KeptFigures::of(
                &program_kept.get_value(),
                r,
                loaded.get_untracked(),
                names_allowed,
                resume.get_value(),
            )
            .to_json()
        });
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = shell::cache::save_figures(&key, &text).await {
                shell::console_error(&e);
            }
            shell::mark("throughline:dash-kept");
        });
    });
    let courses = Memo::new(move |_| {
        if from_figures() {
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
    let t = move |id: &str| w.with_value(|w| w.t(id));
    let as_of_line = w.with_value(|w| w.ta("dash-as-of", &[("date", w.date(as_of).into())]));
    view! {
        <section class="tl-widget tl-dashboard" aria-labelledby="tl-dash-title" lang=w.with_value(Words::lang)
            data-dashboard-ready=move || ready.get().then_some("")
            data-dashboard-shown=move || (ready.get() || updating.get()).then_some("")
            data-statements=move || loaded.get().to_string()
            data-source=move || match source.get() { Source::Probing => "", Source::Snapshot(_) => "service", Source::Fold => "statements" }>
            <header class="tl-header">
                <p class="tl-eyebrow">{t("dash-eyebrow")}</p>
                <h2 class="tl-title" id="tl-dash-title">{title}</h2>
                <p class="tl-help">{as_of_line}</p>
            </header>
            <div class="tl-load" role="status" aria-live="polite">
                {move || if loading.get() && from_snapshot() {
                    view! {
                        <progress class="tl-progress-bar" aria-label=t("dash-loading-figures")></progress>
                        <span>{t("dash-asking-service")}</span>
                    }.into_any()
                } else if loading.get() {
                    view! {
                        <progress class="tl-progress-bar" aria-label=t("dash-loading-statements")></progress>
                        <span>{move || progress.get()}</span>
                        <button type="button" class="tl-button" on:click=move |_| cancel.set_value(true)>{t("dash-cancel")}</button>
                    }.into_any()
                } else if from_snapshot() {
                    view! {
                        <span>{w.with_value(|w| w.ta("dash-from-service", &[("count", loaded.get().into())]))}</span>
                        <button type="button" class="tl-button" on:click=move |_| refresh.update(|n| *n += 1)>{t("dash-refresh")}</button>
                    }.into_any()
                } else {
                    view! {
                        <span>{w.with_value(|w| w.ta("dash-from-lrs", &[("count", loaded.get().into())]))}</span>
                        <button type="button" class="tl-button" on:click=move |_| refold()>{t("dash-refresh")}</button>
                    }.into_any()
                }}
            </div>
            {move || (updating.get() && kept_only.get() && filter.with(|f| *f == Filter::default())).then(|| {
                let count = snap.with(|s| s.as_ref().map_or(0, |s| s.statements));
                view! { <p class="tl-help tl-kept-note">{w.with_value(|w| w.ta("dash-kept-updating", &[("count", count.into())]))}</p> }
            })}
            {move || notice.get().map(|n| view! { <p class="tl-help">{n}</p> })}
            {move || error.get().map(|e| view! { <p class="tl-error" role="alert">{e}</p> })}
            <fieldset class="tl-fieldset tl-filters">
                <legend class="tl-legend-small">{t("dash-filters")}</legend>
                <label class="tl-label" for="tl-f-role">{t("dash-role")}</label>
                <select class="tl-input" id="tl-f-role" on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{t("dash-all-roles")}</option>
                    {role_options}
                </select>
                <label class="tl-label" for="tl-f-course">{t("dash-course")}</label>
                <select class="tl-input" id="tl-f-course" on:change=move |ev| course.set(event_target_value(&ev))>
                    <option value="">{t("dash-all-courses")}</option>
                    {move || courses.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                </select>
                <label class="tl-label" for="tl-f-from">{t("dash-from")}</label>
                <input class="tl-input" id="tl-f-from" type="date" on:change=move |ev| from.set(event_target_value(&ev))/>
                <label class="tl-label" for="tl-f-to">{t("dash-until")}</label>
                <input class="tl-input" id="tl-f-to" type="date" on:change=move |ev| to.set(event_target_value(&ev))/>
            </fieldset>
            {move || {
                let r = report.get();
                let p = program_for_panels.clone();
                view! {
                    <FunnelPanel report=r.clone() program=p.clone() role=filter.get().role/>
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
    let w = words();
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
            }>{w.t("dash-download-csv")}</button>
        </section>
    }
}

/// A table behind a disclosure: `caption` and `header` are message ids.
fn table(caption: &str, header: Vec<&str>, rows: Vec<Vec<String>>) -> impl IntoView {
    let w = words();
    let head = header
        .into_iter()
        .map(|h| view! { <th scope="col">{w.t(h)}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let mut cells = r.into_iter();
            let first = cells.next().unwrap_or_default();
            view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    let caption = w.t(caption);
    view! {
        <details class="tl-details">
            <summary>{w.t("dash-table-view")}</summary>
            <table class="tl-table">
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </details>
    }
}

#[component]
fn FunnelPanel(report: Report, program: Arc<Program>, role: Option<String>) -> impl IntoView {
    let w = words();
    // Each stage in words; a step's title from the program (the report's is English).
    let stage = |s: Stage| match s {
        Stage::Selected => w.t("stage-selected"),
        Stage::Committed => w.t("stage-committed"),
        Stage::Answered(day) => w.ta(
            "stage-answered",
            &[
                ("day", day.into()),
                (
                    "title",
                    program
                        .schedule
                        .iter()
                        .find(|s| s.day == day)
                        .map(|s| s.title.clone())
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        Stage::SelfChecked => w.t("stage-self-checked"),
        Stage::Adopted => w.t("stage-adopted"),
    };
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
            label: stage(r.stage),
            value: r.learners as f64,
            text: w.ta(
                "dash-count-share",
                &[
                    ("count", r.learners.into()),
                    ("share", w.pct(r.learners, first).into()),
                ],
            ),
            flagged: r.drop_off * 4 > first as i64 && first > 0,
        })
        .collect();
    let table_rows = report
        .funnel
        .rows
        .iter()
        .map(|r| {
            vec![
                r.role.clone().unwrap_or_else(|| w.t("dash-all-roles")),
                stage(r.stage),
                r.learners.to_string(),
                r.drop_off.to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="funnel" title=w.t("funnel-title") question=w.t("funnel-question") csv=report.funnel.to_csv()>
            <Bars title=w.t("funnel-chart") bars=bars/>
            {table("funnel-table", vec!["dash-role", "funnel-step", "funnel-learners", "funnel-lost"], table_rows)}
        </Panel>
    }
}

#[component]
fn RolesPanel(report: Report) -> impl IntoView {
    let w = words();
    let bars = report
        .roles
        .rows
        .iter()
        .map(|r| {
            let id = match r.coverage {
                Coverage::None => "roles-nobody",
                Coverage::Few => "roles-few",
                Coverage::Enough => "dash-count-share",
            };
            Bar {
                label: r.label.clone(),
                value: r.learners as f64,
                text: w.ta(
                    id,
                    &[
                        ("count", r.learners.into()),
                        ("share", w.pct(r.learners, report.roles.total).into()),
                    ],
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
                match r.coverage {
                    Coverage::None => w.t("coverage-none"),
                    Coverage::Few => w.t("coverage-few"),
                    Coverage::Enough => String::new(),
                },
            ]
        })
        .collect();
    view! {
        <Panel id="roles" title=w.t("roles-title") question=w.t("roles-question") csv=report.roles.to_csv()>
            <Bars title=w.t("roles-chart") bars=bars/>
            {table("roles-chart", vec!["dash-role", "funnel-learners", "roles-committed", "roles-flag"], rows)}
        </Panel>
    }
}

#[component]
fn TermsPanel(report: Report, role: Option<String>) -> impl IntoView {
    let w = words();
    let bars = report
        .terms
        .rows
        .iter()
        .filter(|r| r.role == role)
        .map(|r| Bar {
            label: r.term.clone(),
            value: r.uses as f64,
            text: w.ta(
                "terms-bar",
                &[("uses", r.uses.into()), ("learners", r.learners.into())],
            ),
            flagged: r.uses == 0,
        })
        .collect();
    let rows = report
        .terms
        .rows
        .iter()
        .map(|r| {
            vec![
                r.role.clone().unwrap_or_else(|| w.t("dash-all-roles")),
                r.term.clone(),
                r.uses.to_string(),
                r.learners.to_string(),
                r.reflections.to_string(),
            ]
        })
        .collect();
    view! {
        <Panel id="terms" title=w.t("terms-title") question=w.t("terms-question") csv=report.terms.to_csv()>
            <Bars title=w.t("terms-chart") bars=bars/>
            {table("terms-table", vec!["dash-role", "terms-term", "terms-uses", "funnel-learners", "terms-reflections"], rows)}
        </Panel>
    }
}

#[component]
fn ReinforcementPanel(report: Report) -> impl IntoView {
    let w = words();
    let step = |day: u32, title: &str| {
        w.ta(
            "reinforcement-step",
            &[("day", day.into()), ("title", title.into())],
        )
    };
    let stacks = report
        .reinforcement
        .rows
        .iter()
        .map(|r| {
            let c = r.counts;
            Stack {
                label: step(r.day, &r.title),
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
                step(r.day, &r.title),
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
        <Panel id="reinforcement" title=w.t("reinforcement-title") question=w.t("reinforcement-question") csv=report.reinforcement.to_csv()>
            <Stacked title=w.t("reinforcement-chart") names=["reinforcement-on-time", "reinforcement-late", "reinforcement-skipped", "reinforcement-missed", "reinforcement-not-due"].map(|n| w.t(n)).to_vec()
                classes=vec!["tl-seg-ok", "tl-seg-late", "tl-seg-skip", "tl-seg-miss", "tl-seg-open"] stacks=stacks/>
            {(report.reinforcement.paused > 0).then(|| view! {
                <p class="tl-help">{w.ta("reinforcement-paused", &[("count", report.reinforcement.paused.into())])}</p>
            })}
            {table("reinforcement-chart", vec!["funnel-step", "reinforcement-on-time", "reinforcement-late", "reinforcement-skipped", "reinforcement-missed", "reinforcement-not-due-yet", "reinforcement-snoozed", "reinforcement-own-day"], rows)}
        </Panel>
    }
}

#[component]
fn AdoptionPanel(report: Report, program: Arc<Program>) -> impl IntoView {
    let w = words();
    let a = &report.adoption;
    let sustained = a
        .sustained
        .iter()
        .map(|s| Bar {
            label: w.ta("adoption-at", &[("days", s.days.into())]),
            value: s.share.percent().unwrap_or(0.0),
            text: w.of(s.share.adopted, s.share.learners),
            flagged: false,
        })
        .collect();
    let behaviours = a
        .behaviours
        .iter()
        .map(|b| Bar {
            label: b.title.clone(),
            value: b.share.percent().unwrap_or(0.0),
            text: w.of(b.share.adopted, b.share.learners),
            flagged: false,
        })
        .collect();
    let weeks: Vec<u32> = {
        let mut weeks: Vec<u32> = a.trend.iter().map(|t| t.week).collect();
        weeks.sort_unstable();
        weeks.dedup();
        weeks
    };
    let header: Vec<String> = std::iter::once(w.t("success-behaviour"))
        .chain(
            weeks
                .iter()
                .map(|n| w.ta("adoption-week", &[("week", (*n).into())])),
        )
        .collect();
    let trend_rows: Vec<Vec<String>> = a
        .behaviours
        .iter()
        .map(|b| {
            std::iter::once(b.title.clone())
                .chain(weeks.iter().map(|n| {
                    a.trend
                        .iter()
                        .find(|t| t.behaviour == b.behaviour && t.week == *n)
                        .map(|t| w.pct(t.share.adopted, t.share.learners))
                        .unwrap_or_else(|| w.t("dash-none"))
                }))
                .collect()
        })
        .collect();
    let only_committed = a
        .sustained
        .iter()
        .map(|s| {
            vec![
                w.ta("adoption-days", &[("days", s.days.into())]),
                s.share.learners.to_string(),
                s.share.not_adopted().to_string(),
                s.share.adopted.to_string(),
            ]
        })
        .collect();
    let _ = program;
    view! {
        <Panel id="adoption" title=w.t("adoption-title") question=w.t("adoption-question") csv=a.to_csv()>
            <Bars title=w.t("adoption-sustained-chart") bars=sustained max=100.0/>
            {table("adoption-table", vec!["adoption-after", "adoption-committed", "adoption-only-committed", "adoption-adopted"], only_committed)}
            <Bars title=w.t("adoption-behaviours-chart") bars=behaviours max=100.0/>
            <details class="tl-details">
                <summary>{w.t("adoption-weekly")}</summary>
                <table class="tl-table">
                    <caption>{w.t("adoption-weekly-table")}</caption>
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
        .map_or_else(|| words().t("dash-none"), str::to_string)
}

#[component]
fn BaselinePanel(report: Report, program: Arc<Program>, role: Option<String>) -> impl IntoView {
    let w = words();
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
                    Some(c) => w.ta(
                        "baseline-bar",
                        &[
                            ("change", w.num(c, Number::Change(1)).into()),
                            ("from", level_name(&program, r.mean_baseline()).into()),
                            ("to", level_name(&program, r.mean_latest()).into()),
                            ("learners", r.learners.into()),
                        ],
                    ),
                    None => w.t("baseline-not-yet"),
                },
                flagged: change.is_some_and(|c| c < 0.0),
            }
        })
        .collect();
    let fmt = |v: Option<f64>| v.map_or_else(|| w.t("dash-none"), |m| w.num(m, Number::Plain(2)));
    let rows = mine
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                r.learners.to_string(),
                fmt(r.mean_baseline()),
                fmt(r.mean_latest()),
                r.mean_change()
                    .map_or_else(|| w.t("dash-none"), |m| w.num(m, Number::Change(2))),
                r.improved.to_string(),
                r.unchanged.to_string(),
                r.declined.to_string(),
                r.not_rated_yet.to_string(),
            ]
        })
        .collect();
    let scale = program.self_check.scale.join(", ");
    view! {
        <Panel id="baseline" title=w.t("baseline-title") question=w.ta("baseline-question", &[("scale", scale.into())]) csv=report.baseline.to_csv()>
            <Bars title=w.t("baseline-chart") bars=bars/>
            {table("baseline-table", vec!["success-behaviour", "funnel-learners", "baseline-mean-start", "baseline-mean-latest", "baseline-mean-change", "baseline-improved", "baseline-unchanged", "baseline-declined", "baseline-not-rated"], rows)}
        </Panel>
    }
}

/// How far below the learners' own view others' mean must be to be called out (scale levels).
const SEEN_GAP: f64 = 0.5;

#[component]
fn SeenPanel(report: Report, program: Arc<Program>) -> impl IntoView {
    let w = words();
    let top = program.self_check.scale.len().saturating_sub(1).max(1) as f64;
    let mut bars = Vec::new();
    let mut rows = Vec::new();
    for r in &report.seen.rows {
        let (own, others) = (r.mean_self(), r.mean_observed());
        let lower = matches!((own, others), (Some(s), Some(o)) if o + SEEN_GAP <= s);
        let waiting = w.ta(
            "seen-waiting",
            &[("min", r.min_raters.into()), ("count", r.waiting.into())],
        );
        let about = [
            ("behaviour", Arg::from(r.title.as_str())),
            ("role", r.about_label.as_str().into()),
        ];
        bars.push(Bar {
            label: w.ta("seen-themselves", &about),
            value: own.unwrap_or(0.0),
            text: match own {
                Some(m) => w.ta(
                    "seen-own-bar",
                    &[
                        ("level", level_name(&program, own).into()),
                        ("mean", w.num(m, Number::Plain(1)).into()),
                        ("learners", r.self_learners.into()),
                    ],
                ),
                None => w.t("seen-no-self-check"),
            },
            flagged: false,
        });
        bars.push(Bar {
            label: w.ta("seen-others", &about),
            value: others.unwrap_or(0.0),
            text: match others {
                Some(m) => w.ta(
                    if lower {
                        "seen-others-lower"
                    } else {
                        "seen-others-bar"
                    },
                    &[
                        ("level", level_name(&program, others).into()),
                        ("mean", w.num(m, Number::Plain(1)).into()),
                        ("raters", r.raters.into()),
                        ("people", r.observed_people.into()),
                    ],
                ),
                None if r.raters == 0 => waiting.clone(),
                None => w.t("seen-no-ratings"),
            },
            flagged: lower,
        });
        let note = if others.is_none() {
            w.ta("seen-waits-for", &[("count", r.needed().into())])
        } else if lower {
            w.t("seen-lower-note")
        } else {
            String::new()
        };
        let level = |v: Option<f64>| {
            v.map_or_else(
                || w.t("dash-none"),
                |m| {
                    w.ta(
                        "seen-level",
                        &[
                            ("level", level_name(&program, v).into()),
                            ("mean", w.num(m, Number::Plain(2)).into()),
                        ],
                    )
                },
            )
        };
        rows.push(vec![
            r.title.clone(),
            r.about_label.clone(),
            level(own),
            r.self_learners.to_string(),
            level(others),
            r.raters.to_string(),
            r.observed_people.to_string(),
            note,
        ]);
    }
    let scale = program.self_check.scale.join(", ");
    let empty = report.seen.rows.is_empty().then(|| {
        view! { <p class="tl-help">{w.t("seen-none")}</p> }
    });
    view! {
        <Panel id="seen" title=w.t("seen-title") question=w.ta("seen-question", &[("scale", scale.into())]) csv=report.seen.to_csv()>
            {empty}
            <Bars title=w.t("seen-chart") bars=bars max=top/>
            {table("seen-table", vec!["success-behaviour", "seen-role-observed", "seen-own-view", "funnel-learners", "seen-others-view", "seen-raters", "seen-people", "seen-note"], rows)}
        </Panel>
    }
}

#[component]
fn TeamsPanel(report: Report, show_names: RwSignal<bool>) -> impl IntoView {
    let w = words();
    let t = report.teams.clone();
    let (count, no_leader, not_started) = (
        t.count(),
        t.leaders_not_committed(),
        t.members_not_started(),
    );
    let bars = vec![
        Bar {
            label: w.t("teams-teams"),
            value: count as f64,
            text: w.ta(
                "teams-summary",
                &[
                    ("count", count.into()),
                    ("members", t.members().into()),
                    (
                        "mean",
                        t.mean_members()
                            .map_or_else(|| w.t("dash-none"), |m| w.num(m, Number::Plain(1)))
                            .into(),
                    ),
                ],
            ),
            flagged: false,
        },
        Bar {
            label: w.t("teams-leader-never"),
            value: no_leader as f64,
            text: w.ta(
                "teams-count-share",
                &[
                    ("count", no_leader.into()),
                    ("share", w.pct(no_leader, count).into()),
                ],
            ),
            flagged: no_leader > 0,
        },
        Bar {
            label: w.t("teams-members-never"),
            value: not_started as f64,
            text: w.ta(
                "teams-count-share",
                &[
                    ("count", not_started.into()),
                    ("share", w.pct(not_started, count).into()),
                ],
            ),
            flagged: not_started > 0,
        },
        Bar {
            label: w.t("teams-no-members"),
            value: t.without_members() as f64,
            text: w.ta("teams-count", &[("count", t.without_members().into())]),
            flagged: false,
        },
    ];
    let rows = t.rows.clone();
    let shown = rows.len().min(500);
    let wb = w.clone();
    let body = move || {
        let w = &wb;
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
                    flags.push(w.t("teams-leader-never"));
                }
                if r.members_never_started() {
                    flags.push(w.t("teams-members-never"));
                }
                if r.leader.is_none() {
                    flags.push(w.t("teams-no-leader"));
                }
                view! {
                    <tr>
                        <th scope="row">{r.team.clone()}</th>
                        <td>{leader.unwrap_or_else(|| w.t("dash-none"))}</td>
                        <td>{w.yes_no(r.leader_committed)}</td>
                        <td>{r.members.to_string()}</td>
                        <td>{r.members_committed.to_string()}</td>
                        <td>{flags.join("; ")}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Panel id="teams" title=w.t("teams-title") question=w.t("teams-question") csv=t.to_csv()>
            <Bars title=w.t("teams-chart") bars=bars/>
            <details class="tl-details">
                <summary>{w.ta("teams-list", &[("count", shown.into())])}</summary>
                <table class="tl-table">
                    <caption>{w.t("teams-table")}</caption>
                    <thead><tr>{["teams-team", "teams-leader", "teams-leader-committed", "teams-members", "teams-members-committed", "teams-flags"].into_iter().map(|h| view! { <th scope="col">{w.t(h)}</th> }).collect_view()}</tr></thead>
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
    let w = words();
    let wb = w.clone();
    let body = move || {
        let w = &wb;
        rows.iter()
            .map(|r| {
                let who = if show_names.get() { r.name.clone().unwrap_or_else(|| r.learner.clone()) } else { r.learner.clone() };
                let title = program.behaviour(&r.behaviour).map_or(r.behaviour.clone(), |b| b.title.clone());
                let label = |l: u8| program.scale_label(l).map_or_else(|| w.t("dash-none"), str::to_string);
                view! {
                    <tr>
                        <th scope="row">{title}</th>
                        <td>{w.ta(if r.group == Group::Strongest { "success-strongest" } else { "success-weakest" }, &[("rank", r.rank.into())])}</td>
                        <td>{who}</td>
                        <td>{r.role.clone()}</td>
                        <td>{label(r.start)}</td>
                        <td>{label(r.latest)}</td>
                        <td>{w.num(f64::from(r.change()), Number::Change(0))}</td>
                        <td>{r.checks.to_string()}</td>
                        <td>{w.yes_no(r.adopted)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Panel id="success-cases" title=w.t("success-title") question=w.ta("success-question", &[("count", per.into())]) csv=csv>
            <table class="tl-table">
                <caption>{w.t("success-table")}</caption>
                <thead><tr>{["success-behaviour", "success-group", "success-learner", "dash-role", "success-start", "success-latest", "success-change", "success-checks", "adoption-adopted"].into_iter().map(|h| view! { <th scope="col">{w.t(h)}</th> }).collect_view()}</tr></thead>
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
    let w = words();
    let switch = names_allowed.then(|| {
        view! {
            <p class="tl-choice">
                <input type="checkbox" id="tl-dash-names" prop:checked=move || show_names.get() on:change=move |ev| show_names.set(event_target_checked(&ev))/>
                <label for="tl-dash-names">{w.t("learners-names")}</label>
            </p>
        }
    });
    let wb = w.clone();
    let body = move || {
        let w = &wb;
        rows.iter()
            .take(500)
            .map(|l| {
                let who = if show_names.get() {
                    l.name.clone().unwrap_or_else(|| l.id.clone())
                } else {
                    l.id.clone()
                };
                view! {
                    <tr>
                        <th scope="row">{who}</th>
                        <td>{l.role.clone()}</td>
                        <td>{l.commitment.map_or_else(|| w.t("dash-none"), |d| w.date(d))}</td>
                        <td>{l.answered.to_string()}</td>
                        <td>{l.adopted.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="tl-card" aria-labelledby="tl-dash-learners">
            <h3 class="tl-heading" id="tl-dash-learners">{w.ta("learners-heading", &[("count", count.into())])}</h3>
            {switch}
            <details class="tl-details">
                <summary>{w.t("learners-list")}</summary>
                <table class="tl-table">
                    <caption>{w.t("learners-table")}</caption>
                    <thead><tr>{["success-learner", "dash-role", "learners-committed", "learners-reflections", "learners-adopted"].into_iter().map(|h| view! { <th scope="col">{w.t(h)}</th> }).collect_view()}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </details>
        </section>
    }
}
