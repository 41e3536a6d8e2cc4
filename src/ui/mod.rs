//! The learner widget's Leptos components. They read state from [`Ctx`] and
//! change it only through [`Ctx::dispatch`], which runs the core's rules and
//! saves through the shell.

pub mod chart;
mod commit;
pub mod dashboard;
mod due;
mod elsewhere;
mod format;
mod marked;
mod overview;
mod role;
mod sync;
mod team;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::plan::{self, Action, Now, Plan};
use crate::program::Program;
use crate::shell::{self, session::Session};
use crate::xapi;

/// What the mount point shows while and after loading.
#[derive(Clone)]
pub enum Phase {
    /// Fetching the program and the stored plan.
    Loading,
    /// Something is wrong with the page's set-up; one line per problem.
    Failed(Vec<String>),
    /// Ready for the learner.
    Ready(Box<Session>),
}

/// Shared state of one mounted widget.
#[derive(Clone, Copy)]
pub struct Ctx {
    program: StoredValue<Arc<Program>>,
    source: StoredValue<Arc<Program>>,
    session: StoredValue<Session>,
    /// The clock reading for this visit.
    pub now: Now,
    /// The learner's plan.
    pub plan: RwSignal<Plan>,
    /// The last refused action or failed save, shown as an alert.
    pub error: RwSignal<Option<String>>,
    /// A repair notice from loading, shown until dismissed.
    pub notice: RwSignal<Option<String>>,
    /// A short confirmation of the last action, announced politely.
    pub status: RwSignal<Option<String>>,
    /// Whether the learner is (re)choosing their role.
    pub choosing_role: RwSignal<bool>,
    /// Whether the learner is editing their commitments.
    pub editing: RwSignal<bool>,
    /// What the outbox reports; `None` when no LRS is configured.
    pub sync: RwSignal<Option<shell::outbox::Status>>,
    /// A calm note about copying the plan to the LRS (offline, refused), when there is one,
    /// and whether trying again can help.
    pub plan_sync: RwSignal<Option<(String, shell::sync::Retry)>>,
    plan_syncing: StoredValue<bool>,
    plan_resync: StoredValue<bool>,
    /// The team statements name (`context.team`, `context.instructor`), once teams are read.
    pub team: RwSignal<Option<(xapi::Group, xapi::Agent)>>,
    /// The learner's teams in this program, once read.
    pub teams: RwSignal<Vec<crate::team::Team>>,
    messages: StoredValue<Arc<crate::i18n::Messages>>,
    prefix: usize,
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl Ctx {
    fn new(session: Session) -> Ctx {
        let plan = RwSignal::new(session.restored.plan.clone());
        let notice = RwSignal::new(session.restored.notice.clone());
        Ctx {
            program: StoredValue::new(session.program.clone()),
            source: StoredValue::new(session.source.clone()),
            now: session.now,
            plan,
            error: RwSignal::new(None),
            notice,
            status: RwSignal::new(None),
            choosing_role: RwSignal::new(false),
            editing: RwSignal::new(false),
            sync: RwSignal::new(None),
            plan_sync: RwSignal::new(None),
            plan_syncing: StoredValue::new(false),
            plan_resync: StoredValue::new(false),
            team: RwSignal::new(None),
            teams: RwSignal::new(Vec::new()),
            messages: StoredValue::new(session.messages.clone()),
            prefix: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            session: StoredValue::new(session),
        }
    }

    /// The message `id` in the learner's language.
    pub fn t(&self, id: &str) -> String {
        self.messages.with_value(|m| m.get(id))
    }

    /// The message `id` with its `{ $name }` values.
    pub fn ta(&self, id: &str, args: &[(&str, crate::i18n::Arg)]) -> String {
        self.messages.with_value(|m| m.with(id, args))
    }

    /// The language in use (`lang` of the widget).
    pub fn lang(&self) -> &'static str {
        self.messages.with_value(|m| m.lang())
    }

    /// A date as the learner's language (and region) writes it.
    pub fn date(&self, d: time::Date) -> String {
        self.with_session(|s| shell::i18n::date(&s.date_tag, d))
    }

    /// The program as written, with every translation: statements are made from it, so their
    /// language maps hold every language.
    pub fn source(&self) -> Arc<Program> {
        self.source.get_value()
    }

    /// The program as the learner reads it (cheap to clone).
    pub fn program(&self) -> Arc<Program> {
        self.program.get_value()
    }

    /// Reads a field of the session.
    pub fn with_session<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.session.with_value(f)
    }

    /// The LRS side of the visit, when there is one.
    pub fn live(&self) -> Option<shell::connect::Live> {
        self.session
            .with_value(|s| s.live.as_ref().map(|l| (**l).clone()))
    }

    /// Merges the plan with the LRS copy and writes it back, in the background.
    pub fn sync_plan(&self) {
        let Some(live) = self.live() else { return };
        // A cmi5 player refuses every request after `terminated`: the plan waits for the next session.
        if live.outbox.ended() {
            return;
        }
        // One sync at a time; a change made meanwhile is synced right after.
        if self.plan_syncing.get_value() {
            self.plan_resync.set_value(true);
            return;
        }
        self.plan_syncing.set_value(true);
        let ctx = *self;
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                ctx.plan_resync.set_value(false);
                let program = ctx.program();
                let local = ctx.plan.get_untracked();
                match shell::sync::sync_plan(
                    &live.lrs,
                    &program,
                    &live.actor,
                    Some(live.registration),
                    &local,
                )
                .await
                {
                    Ok(merged) => {
                        ctx.plan_sync.set(None);
                        // Adopt the merge only if the learner did nothing meanwhile; the resync catches up otherwise.
                        if merged != local && ctx.plan.get_untracked() == local {
                            let key = ctx.with_session(|s| s.key.clone());
                            let _ = shell::storage::save(&key, &plan::store(&merged));
                            ctx.plan.set(merged);
                        }
                    }
                    Err(e) => ctx.plan_sync.set(Some((e.0, e.1))),
                }
                if !ctx.plan_resync.get_value() {
                    break;
                }
            }
            ctx.plan_syncing.set_value(false);
        });
    }

    /// Whether a copy of the plan is on its way to the LRS.
    pub fn plan_syncing(&self) -> bool {
        self.plan_syncing.get_value()
    }

    /// A document-unique element id, so several widgets can share a page.
    pub fn id(&self, name: &str) -> String {
        format!("tl{}-{name}", self.prefix)
    }

    /// Applies a learner action: the core decides, the shell saves, the UI re-renders.
    /// Returns whether the action was accepted.
    pub fn dispatch(&self, action: Action, confirmation: &str) -> bool {
        let program = self.program();
        let before = self.plan.get_untracked();
        let mut next = before.clone();
        // Read now, not at mount: statements carry the moment the learner acted.
        let now = shell::clock::now(self.with_session(|s| s.clock_override));
        match plan::apply(&program, &mut next, action.clone(), now) {
            Ok(()) => {
                let key = self.with_session(|s| s.key.clone());
                let mut problem = shell::storage::save(&key, &plan::store(&next))
                    .err()
                    .map(|e| e.0);
                if let Some(live) = self.live() {
                    let team = self.team.get_untracked();
                    let setting = setting(&live, now.at, team.as_ref().map(|(g, a)| (g, a)));
                    let statements = xapi::statements_for(
                        &self.source(),
                        &before,
                        &next,
                        &action,
                        &setting,
                        &mut shell::connect::new_id,
                    );
                    if let Err(e) = live.queue(statements) {
                        problem = Some(e);
                    }
                    if matches!(action, Action::Commit { .. }) {
                        live.completed();
                    }
                }
                match problem {
                    None => {
                        self.error.set(None);
                        self.status.set(Some(confirmation.to_string()));
                    }
                    Some(e) => self.error.set(Some(e)),
                }
                self.plan.set(next);
                self.sync_plan();
                true
            }
            Err(e) => {
                self.error
                    .set(Some(self.messages.with_value(|m| m.say(&e))));
                false
            }
        }
    }
}

impl Ctx {
    /// Queues the observer checks answered at the step on `day` (each an `observed`
    /// statement through the outbox, so none is lost); unanswered ones are skipped.
    pub fn send_observations(
        &self,
        day: u32,
        asked: &[(crate::program::Observation, crate::team::Member)],
        levels: &std::collections::BTreeMap<(String, String), u8>,
    ) {
        let Some(live) = self.live() else { return };
        let program = self.source();
        let Some(role) = self.plan.with_untracked(|p| p.role.clone()) else {
            return;
        };
        let rated: Vec<xapi::Observed<'_>> = asked
            .iter()
            .filter_map(|(o, m)| {
                let level = *levels.get(&(o.behaviour.clone(), m.key.clone()))?;
                Some(xapi::Observed {
                    behaviour: &o.behaviour,
                    about: &m.agent,
                    level,
                })
            })
            .collect();
        if rated.is_empty() {
            return;
        }
        let now = shell::clock::now(self.with_session(|s| s.clock_override));
        let team = self.team.get_untracked();
        let setting = setting(&live, now.at, team.as_ref().map(|(g, a)| (g, a)));
        let statements = xapi::observations_for(
            &program,
            &setting,
            &role,
            day,
            &rated,
            &mut shell::connect::new_id,
        );
        if let Err(e) = live.queue(statements) {
            self.error.set(Some(e));
        }
    }
}

impl Ctx {
    /// Queues `who` joining (or leaving) team `t`.
    pub fn send_membership(&self, t: &crate::team::Team, who: &crate::team::Person, joined: bool) {
        let Some(live) = self.live() else { return };
        let Some(leader) = t.leader() else { return };
        let program = self.source();
        let now = shell::clock::now(self.with_session(|s| s.clock_override));
        let group = t.group();
        let setting = setting(&live, now.at, Some((&group, &leader.agent)));
        let leads = leader.key == live.actor.key();
        let statements = xapi::team_membership(
            &program,
            &setting,
            &who.role,
            &t.iri(),
            joined,
            leads,
            &mut shell::connect::new_id,
        );
        if let Err(e) = live.queue(statements) {
            self.error.set(Some(e));
        }
    }
}

/// Where this learner's statements are made: the live connection, the moment, their team.
fn setting<'a>(
    live: &'a shell::connect::Live,
    at: time::OffsetDateTime,
    team: Option<(&'a xapi::Group, &'a xapi::Agent)>,
) -> xapi::Setting<'a> {
    xapi::Setting {
        learner: &live.actor,
        registration: Some(live.registration),
        course: live.course.as_deref(),
        now: at,
        team,
    }
}

fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The mount point's content through loading, failure and use.
#[component]
pub fn Root(phase: RwSignal<Phase>, words: RwSignal<Arc<crate::i18n::Messages>>) -> impl IntoView {
    move || {
        let m = words.get();
        phase.with(|p| match p {
            Phase::Loading => view! {
                <section class="tl-widget tl-loading" aria-busy="true" lang=m.lang()>
                    <p role="status">{m.get("loading")}</p>
                </section>
            }
            .into_any(),
            Phase::Failed(lines) => {
                let (first, rest) = lines.split_first().map(|(f, r)| (f.clone(), r.to_vec())).unwrap_or_default();
                view! {
                    <section class="tl-widget tl-failed" role="alert" lang=m.lang()>
                        <h2 class="tl-title">{m.get("failed-heading")}</h2>
                        <p>{first}</p>
                        <ul class="tl-problems">{rest.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul>
                    </section>
                }
                .into_any()
            }
            Phase::Ready(session) => view! { <Widget session=(**session).clone()/> }.into_any(),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Role,
    Commit,
    Home,
}

/// A part of the widget that the split bundle loads on first use could not be fetched
/// (offline, or the server failed): said in plain words, with a way to try again.
#[derive(Debug, Clone, Copy)]
struct Unfetched;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Unfetched {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unfetched
    }
}

/// Calls a split point: awaited in the split bundle, where the first call fetches its module;
/// a plain call elsewhere (the in-browser tests, whose wasm is one module).
macro_rules! split_call {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let part = $call.await;
        #[cfg(not(feature = "split"))]
        let part = $call;
        part
    }};
}

// The split points. Role choice and the due card (the first screens) stay in the first
// download; the commit editor and everything below the due card come in modules of their own,
// fetched as soon as the first screen is drawn.

/// The commit editor.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(commit, fallible, preload(preload_commit), wasm_split_path = ::leptos::wasm_split)
)]
fn commit_step() -> Result<AnyView, Unfetched> {
    Ok(view! { <commit::CommitStep/> }.into_any())
}

/// Everything below the due card: other programs' due steps, the plan, teams, schedule, trend.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(overview, fallible, preload(preload_overview), wasm_split_path = ::leptos::wasm_split)
)]
fn overview(also_due: RwSignal<Vec<elsewhere::DueElsewhere>>) -> Result<AnyView, Unfetched> {
    Ok(view! { <elsewhere::AlsoDue found=also_due/> <overview::Overview/> }.into_any())
}

/// Starts fetching the split modules, so a learner rarely waits for them.
fn preload_parts() {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        // A failure here is met again, and said, when the part is drawn.
        let (commit, overview) = futures::join!(preload_commit(), preload_overview());
        if commit.is_err() || overview.is_err() {
            shell::console_error("a part of the widget could not be fetched yet");
        }
    });
}

/// Draws a split part once its module is there; if it cannot be fetched, says so with a
/// button that tries again.
fn part<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, Unfetched>> + Send + 'static,
{
    let ctx = use_ctx();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        Suspend::new(async move {
            match load().await {
                Ok(view) => view,
                Err(Unfetched) => view! {
                    <div class="tl-error tl-unfetched" role="alert">
                        <p>{ctx.t("part-unfetched")}</p>
                        <button type="button" class="tl-button" on:click=move |_| attempt.update(|n| *n += 1)>
                            {ctx.t("try-again")}
                        </button>
                    </div>
                }
                .into_any(),
            }
        })
    }
}

/// The learner widget for one ready session.
#[component]
pub fn Widget(session: Session) -> impl IntoView {
    let ctx = Ctx::new(session);
    provide_context(ctx);
    Effect::new(move |_| {
        shell::mark("throughline:interactive");
        preload_parts();
    });
    let program = ctx.program();
    let also_due = RwSignal::new(Vec::new());
    if let Some(live) = ctx.live() {
        live.outbox.on_status(move |status| {
            // The LRS answers again (back online, restarted): copy the plan that could not be copied.
            let back = status.waiting == 0 && !status.offline && status.stopped.is_none();
            if back
                && ctx
                    .plan_sync
                    .with_untracked(|p| matches!(p, Some((_, shell::sync::Retry::Later))))
            {
                ctx.sync_plan();
            }
            ctx.sync.set(Some(status));
        });
        ctx.sync_plan();
        let enrolment = shell::sync::Enrolment {
            id: program.id.clone(),
            title: program.title.clone(),
            program_url: ctx.with_session(|s| s.program_url.clone()),
            course_url: ctx.with_session(|s| s.course_url.clone()),
            time_zone: shell::clock::time_zone(),
            language: Some(ctx.lang().to_string()),
        };
        wasm_bindgen_futures::spawn_local(async move {
            match shell::sync::enrol(&live.lrs, &live.actor, enrolment).await {
                Ok(list) => elsewhere::load(ctx, list, also_due),
                Err(e) => shell::console_error(&e.0),
            }
        });
    }
    let title_id = ctx.id("title");
    let labelled_by = title_id.clone();
    let screen = Memo::new(move |_| {
        let (has_role, committed) = ctx.plan.with(|p| (p.role.is_some(), p.committed.is_some()));
        if !has_role || ctx.choosing_role.get() {
            Screen::Role
        } else if !committed || ctx.editing.get() {
            Screen::Commit
        } else {
            Screen::Home
        }
    });
    let role_label = move || {
        let program = ctx.program();
        ctx.plan.with(|p| {
            p.role
                .as_deref()
                .and_then(|r| program.role(r))
                .map(|r| r.label.clone())
        })
    };
    let greeting = match ctx.with_session(|s| s.learner_name.clone()) {
        Some(n) => ctx.ta("greeting", &[("name", n.into())]),
        None => ctx.t("greeting-anonymous"),
    };
    view! {
        <section class="tl-widget" aria-labelledby=labelled_by lang=ctx.lang()>
            <header class="tl-header">
                <p class="tl-eyebrow">{greeting}</p>
                <h2 class="tl-title" id=title_id>{program.title.clone()}</h2>
                {move || role_label().map(|l| view! { <p class="tl-role-badge">{ctx.ta("role-badge", &[("role", l.into())])}</p> })}
            </header>
            {move || ctx.notice.get().map(|n| view! {
                <div class="tl-notice" role="status">
                    <p>{n}</p>
                    <button type="button" class="tl-link" on:click=move |_| ctx.notice.set(None)>{ctx.t("dismiss")}</button>
                </div>
            })}
            {move || ctx.error.get().map(|e| view! { <p class="tl-error" role="alert">{e}</p> })}
            <sync::SyncBar/>
            <p class="tl-sr-only" role="status" aria-live="polite">{move || ctx.status.get()}</p>
            {move || match screen.get() {
                Screen::Role => view! { <role::RoleStep/> }.into_any(),
                Screen::Commit => part(|| async { split_call!(commit_step()) }).into_any(),
                Screen::Home => view! {
                    <due::DueCard/>
                    {part(move || async move { split_call!(overview(also_due)) })}
                }.into_any(),
            }}
        </section>
    }
}
