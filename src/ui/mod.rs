//! The learner widget's Leptos components. They read state from [`Ctx`] and
//! change it only through [`Ctx::dispatch`], which runs the core's rules and
//! saves through the shell.

mod commit;
mod due;
mod format;
mod marked;
mod overview;
mod role;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::plan::{self, Action, Now, Plan};
use crate::program::Program;
use crate::shell::{self, session::Session};

/// What the mount point shows while and after loading.
#[derive(Debug, Clone)]
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
    prefix: usize,
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl Ctx {
    fn new(session: Session) -> Ctx {
        let plan = RwSignal::new(session.restored.plan.clone());
        let notice = RwSignal::new(session.restored.notice.clone());
        Ctx {
            program: StoredValue::new(session.program.clone()),
            now: session.now,
            plan,
            error: RwSignal::new(None),
            notice,
            status: RwSignal::new(None),
            choosing_role: RwSignal::new(false),
            editing: RwSignal::new(false),
            prefix: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            session: StoredValue::new(session),
        }
    }

    /// The program (cheap to clone).
    pub fn program(&self) -> Arc<Program> {
        self.program.get_value()
    }

    /// Reads a field of the session.
    pub fn with_session<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.session.with_value(f)
    }

    /// A document-unique element id, so several widgets can share a page.
    pub fn id(&self, name: &str) -> String {
        format!("tl{}-{name}", self.prefix)
    }

    /// Applies a learner action: the core decides, the shell saves, the UI re-renders.
    /// Returns whether the action was accepted.
    pub fn dispatch(&self, action: Action, confirmation: &str) -> bool {
        let program = self.program();
        let mut next = self.plan.get_untracked();
        match plan::apply(&program, &mut next, action, self.now) {
            Ok(()) => {
                let key = self.with_session(|s| s.key.clone());
                match shell::storage::save(&key, &plan::store(&next)) {
                    Ok(()) => {
                        self.error.set(None);
                        self.status.set(Some(confirmation.to_string()));
                    }
                    Err(e) => self.error.set(Some(e.0)),
                }
                self.plan.set(next);
                true
            }
            Err(e) => {
                self.error.set(Some(e.to_string()));
                false
            }
        }
    }
}

fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The mount point's content through loading, failure and use.
#[component]
pub fn Root(phase: RwSignal<Phase>) -> impl IntoView {
    move || {
        phase.with(|p| match p {
            Phase::Loading => view! {
                <section class="tl-widget tl-loading" aria-busy="true">
                    <p role="status">"Loading your follow-up plan…"</p>
                </section>
            }
            .into_any(),
            Phase::Failed(lines) => {
                let (first, rest) = lines.split_first().map(|(f, r)| (f.clone(), r.to_vec())).unwrap_or_default();
                view! {
                    <section class="tl-widget tl-failed" role="alert">
                        <h2 class="tl-title">"The follow-up plan could not start"</h2>
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

/// The learner widget for one ready session.
#[component]
pub fn Widget(session: Session) -> impl IntoView {
    let ctx = Ctx::new(session);
    provide_context(ctx);
    Effect::new(move |_| shell::mark("throughline:interactive"));
    let program = ctx.program();
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
    let greeting = ctx
        .with_session(|s| s.learner_name.clone())
        .map(|n| format!("{n}, here is your plan"));
    view! {
        <section class="tl-widget" aria-labelledby=labelled_by>
            <header class="tl-header">
                <p class="tl-eyebrow">{greeting.unwrap_or_else(|| "Your follow-up plan".into())}</p>
                <h2 class="tl-title" id=title_id>{program.title.clone()}</h2>
                {move || role_label().map(|l| view! { <p class="tl-role-badge">"Role: " {l}</p> })}
            </header>
            {move || ctx.notice.get().map(|n| view! {
                <div class="tl-notice" role="status">
                    <p>{n}</p>
                    <button type="button" class="tl-link" on:click=move |_| ctx.notice.set(None)>"Dismiss"</button>
                </div>
            })}
            {move || ctx.error.get().map(|e| view! { <p class="tl-error" role="alert">{e}</p> })}
            <p class="tl-sr-only" role="status" aria-live="polite">{move || ctx.status.get()}</p>
            {move || match screen.get() {
                Screen::Role => view! { <role::RoleStep/> }.into_any(),
                Screen::Commit => view! { <commit::CommitStep/> }.into_any(),
                Screen::Home => view! { <due::DueCard/> <overview::Overview/> }.into_any(),
            }}
        </section>
    }
}
