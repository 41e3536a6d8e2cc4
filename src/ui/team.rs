//! The learner's teams: start one (roles that lead), join by link or code, see who is in
//! it and what the other side of each pair committed to, choose what to share, leave,
//! and (for the leader) remove someone. Shown when the widget has an LRS to keep teams in.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::use_ctx;
use crate::shell::teams::Backend;
use crate::team::{self, Op, Person, Team};

/// The team card.
#[component]
pub fn Teams() -> impl IntoView {
    let ctx = use_ctx();
    let live = ctx.live()?;
    let program = ctx.program();
    let teams = ctx.teams;
    let loaded = RwSignal::new(false);
    let backend: StoredValue<Option<SendWrapper<Backend>>> = StoredValue::new(None);
    provide_context(backend);
    let working = RwSignal::new(false);
    let invited = RwSignal::new(crate::shell::teams::invited_code());
    let name = RwSignal::new(
        ctx.with_session(|s| s.learner_name.clone())
            .unwrap_or_default(),
    );
    let code = RwSignal::new(String::new());
    let actor = live.actor.clone();
    let through_player = live.cmi5.is_some();
    {
        let (lrs, program, actor) = (live.lrs.clone(), program.clone(), actor.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let (found, listed) = Backend::find(&lrs, &program, through_player).await;
            let list = match listed {
                Some(list) => Ok(list),
                None => found.mine(&program, &actor).await,
            };
            match list {
                Ok(list) => teams.set(list),
                Err(e) => ctx.error.set(Some(e)),
            }
            backend.set_value(Some(SendWrapper::new(found)));
            loaded.set(true);
        });
    }
    let me = {
        let actor = actor.clone();
        move || -> Option<Person> {
            let role = ctx.plan.with_untracked(|p| p.role.clone())?;
            let shown = name.get_untracked().trim().to_string();
            let shown = if shown.is_empty() {
                actor.name.clone().unwrap_or_default()
            } else {
                shown
            };
            (!shown.is_empty()).then(|| Person {
                agent: actor.clone(),
                name: shown.chars().take(120).collect(),
                role,
            })
        }
    };
    let me = StoredValue::new(SendWrapper::new(me));
    let person = move || me.with_value(|f| f());
    // Runs one team call, then replaces (or drops) the team in the list.
    let run = move |what: Action| {
        if working.get_untracked() {
            return;
        }
        let Some(backend) = backend.with_value(|b| b.as_ref().map(|b| (**b).clone())) else {
            ctx.error.set(Some(ctx.t("team-still-loading")));
            return;
        };
        let Some(who) = person() else {
            ctx.error.set(Some(ctx.t("team-name-first")));
            return;
        };
        let program = ctx.program();
        let today = ctx.now.today;
        working.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let result = match &what {
                Action::Create => backend.create(&program, &who, today).await.map(Some),
                Action::Join(code) => backend.join(&program, code, &who, today).await.map(Some),
                Action::Change(id, op) => backend.change(&program, id, &who, op, today).await,
                Action::Roster(id) => backend.seed_roster(&program, id).await.map(Some),
            };
            working.set(false);
            match result {
                Ok(team) => {
                    // Keeping shared commitments up to date is quiet: it follows the learner's
                    // own edits, which have their own confirmation.
                    let message = match &what {
                        Action::Create => Some("team-ready"),
                        Action::Join(_) => Some("team-joined"),
                        Action::Change(_, Op::Leave) => Some("team-left"),
                        Action::Change(_, Op::Remove(_)) => Some("team-removed"),
                        Action::Roster(_) => Some("team-roster-added"),
                        Action::Change(_, _) => None,
                    };
                    if matches!(what, Action::Join(_)) {
                        invited.set(None);
                    }
                    let gone = match &what {
                        Action::Change(id, Op::Leave) => Some(id.clone()),
                        _ => None,
                    };
                    // Joining and leaving are statements too (the dashboard's team coverage).
                    let membership = match (&what, &team) {
                        (Action::Create | Action::Join(_), Some(t)) => Some((t.clone(), true)),
                        (Action::Change(_, Op::Leave), _) => gone
                            .as_ref()
                            .and_then(|id| {
                                teams.with_untracked(|l| l.iter().find(|t| t.id == *id).cloned())
                            })
                            .map(|t| (t, false)),
                        _ => None,
                    };
                    if let Some((t, joined)) = membership {
                        ctx.send_membership(&t, &who, joined);
                    }
                    teams.update(|list| {
                        if let Some(id) = gone {
                            list.retain(|t| t.id != id);
                        }
                        if let Some(t) = team {
                            match list.iter_mut().find(|x| x.id == t.id) {
                                Some(slot) => *slot = t,
                                None => list.push(t),
                            }
                        }
                    });
                    if let Some(message) = message {
                        ctx.error.set(None);
                        ctx.status.set(Some(ctx.t(message)));
                    }
                }
                Err(e) => ctx.error.set(Some(e)),
            }
        });
    };
    // The team statements name: the one this learner leads when their role leads, else the
    // first they joined.
    Effect::new({
        let key = actor.key();
        move |_| {
            let list = teams.get();
            let pick = list
                .iter()
                .find(|t| t.leader().is_some_and(|m| m.key == key))
                .or_else(|| list.first())
                .and_then(|t| Some((t.group(), t.leader()?.agent.clone())));
            ctx.team.set(pick);
        }
    });
    // Keep what each team sees of this learner's plan up to date as their commitments change.
    Effect::new(move |_| {
        let plan = ctx.plan.get();
        let key = actor.key();
        // Also when a team arrives or changes (a new team, one just joined).
        for t in teams.get() {
            let Some(mine) = t.member(&key) else { continue };
            let shared = team::sharing(&plan, &mine.private);
            if shared != mine.shared {
                run(Action::Change(
                    t.id.clone(),
                    Op::Share {
                        shared,
                        private: mine.private.clone(),
                    },
                ));
                break; // one call at a time: the next run of this effect catches the rest
            }
        }
    });
    let leads = move || {
        let program = ctx.program();
        ctx.plan.with(|p| {
            p.role
                .as_deref()
                .and_then(|r| program.role(r))
                .is_some_and(|r| r.leads)
        })
    };
    let name_id = ctx.id("team-name");
    let code_id = ctx.id("team-code");
    let body = move || {
        if !loaded.get() {
            return view! { <p class="tl-help">{ctx.t("team-looking")}</p> }.into_any();
        }
        let list = teams.get();
        let invite = invited.get().map(|c| {
            let shown = team::show_code(&c);
            view! {
                <div class="tl-notice" role="region" aria-label=ctx.t("team-invitation")>
                    <p>{ctx.ta("team-invited", &[("code", shown.into())])}</p>
                    <button type="button" class="tl-button tl-primary" on:click=move |_| run(Action::Join(c.clone()))>{ctx.t("team-join-this")}</button>
                </div>
            }
        });
        let views = list
            .into_iter()
            .map(|t| view! { <TeamView team=t run=Callback::new(run)/> })
            .collect_view();
        let start = (leads() && teams.with(|l| !l.iter().any(|t| t.leader().is_some_and(|m| m.key == actor_key(&ctx))))).then(|| view! {
            <p class="tl-help">{ctx.t("team-start-help")}</p>
            <button type="button" class="tl-button" on:click=move |_| run(Action::Create)>{ctx.t("team-start")}</button>
        });
        view! {
            {invite}
            {views}
            {start}
        }
        .into_any()
    };
    // Outside what redraws when teams change, so a code being typed is never lost.
    let join_form = view! {
        <details class="tl-details">
            <summary>{ctx.t("team-join-summary")}</summary>
            <label class="tl-label" for=code_id.clone()>{ctx.t("team-code")}</label>
            <input class="tl-input" id=code_id.clone() autocomplete="off" spellcheck="false" maxlength="20"
                prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            <button type="button" class="tl-button" on:click=move |_| run(Action::Join(code.get_untracked()))>{ctx.t("team-join")}</button>
        </details>
    };
    Some(view! {
        <section class="tl-card" aria-labelledby=ctx.id("team-h")>
            <h3 class="tl-heading" id=ctx.id("team-h")>{ctx.t("team-heading")}</h3>
            <label class="tl-label" for=name_id.clone()>{ctx.t("team-my-name")}</label>
            <input class="tl-input" id=name_id autocomplete="name" maxlength="120"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            {body}
            {join_form}
        </section>
    })
}

fn actor_key(ctx: &super::Ctx) -> String {
    ctx.live().map(|l| l.actor.key()).unwrap_or_default()
}

/// A call the team card makes.
#[derive(Clone)]
pub enum Action {
    /// Start a team.
    Create,
    /// Join by code.
    Join(String),
    /// Change team `id`.
    Change(String, Op),
    /// Add the course roster to team `id`.
    Roster(String),
}

#[component]
fn TeamView(team: Team, run: Callback<Action>) -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let me = actor_key(&ctx);
    let i_lead = team.leader().is_some_and(|m| m.key == me);
    let leader = team.leader().map(|m| m.name.clone()).unwrap_or_default();
    let label = |role: &str| {
        program
            .role(role)
            .map_or_else(|| role.to_string(), |r| r.label.clone())
    };
    let members = team
        .members
        .iter()
        .map(|m| {
            let remove = (i_lead && m.key != me).then(|| {
                let (id, key, who) = (team.id.clone(), m.key.clone(), m.name.clone());
                view! {
                    <button type="button" class="tl-button tl-button-small" aria-label=ctx.ta("team-remove-who", &[("name", who.into())])
                        on:click=move |_| run.run(Action::Change(id.clone(), Op::Remove(key.clone())))>{ctx.t("team-remove")}</button>
                }
            });
            let args = [("name", m.name.clone().into()), ("role", label(&m.role).into())];
            let text = if m.leads { ctx.ta("team-member-leads", &args) } else { ctx.ta("team-member", &args) };
            view! { <li class="tl-team-member"><span>{text}</span>{remove}</li> }
        })
        .collect_view();
    let sides = team::other_side(&program, &team, &me);
    let sides_view = if sides.is_empty() {
        view! { <p class="tl-help">{ctx.t("team-nothing-shared")}</p> }.into_any()
    } else {
        let items = sides
            .into_iter()
            .map(|s| {
                let args = [("name", s.name.clone().into()), ("role", s.role.clone().into()), ("behaviour", s.behaviour.clone().into())];
                let who = if s.leads { ctx.ta("team-side-leader", &args) } else { ctx.ta("team-side-member", &args) };
                view! {
                    <li class="tl-plan-item">
                        <p><strong>{who}</strong>{ctx.ta("team-side-pair", &[("pair", s.pair.into())])}</p>
                        <p>{s.text}</p>
                        <p class="tl-help">{ctx.ta("plan-when-where", &[("text", s.when_where.into())])}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="tl-plan-list">{items}</ul> }.into_any()
    };
    let private = team
        .member(&me)
        .map(|m| m.private.clone())
        .unwrap_or_default();
    let shares = ctx
        .plan
        .get_untracked()
        .commitments
        .iter()
        .map(|c| {
            let title = program.behaviour(&c.behaviour).map(|b| b.title.clone()).unwrap_or_default();
            let on = !private.contains(&c.behaviour);
            let (id, behaviour, private) = (team.id.clone(), c.behaviour.clone(), private.clone());
            let toggle = move |ev: leptos::ev::Event| {
                let share = event_target_checked(&ev);
                let mut private = private.clone();
                private.retain(|b| *b != behaviour);
                if !share {
                    private.push(behaviour.clone());
                }
                let shared = team::sharing(&ctx.plan.get_untracked(), &private);
                run.run(Action::Change(id.clone(), Op::Share { shared, private }));
            };
            view! {
                <label class="tl-check"><input type="checkbox" checked=on on:change=toggle/>{ctx.ta("team-share", &[("title", title.into())])}</label>
            }
        })
        .collect_view();
    let code = team::show_code(&team.code);
    let link = ctx
        .with_session(|s| s.course_url.clone())
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
        .and_then(|page| team::join_link(&page, &team.code));
    let roster = (i_lead && ctx.with_session(|s| s.roster)).then(|| {
        let id = team.id.clone();
        view! {
            <button type="button" class="tl-button" on:click=move |_| run.run(Action::Roster(id.clone()))>{ctx.t("team-add-roster")}</button>
        }
    });
    let invite = i_lead.then(|| {
        let link_id = ctx.id(&format!("team-link-{}", team.id));
        view! {
            <p>{ctx.t("team-share-code")} " " <strong class="tl-code">{code}</strong></p>
            {link.map(|l| view! {
                <label class="tl-label" for=link_id.clone()>{ctx.t("team-join-link")}</label>
                <input class="tl-input" id=link_id type="url" readonly prop:value=l/>
            })}
        }
    });
    let leave = (!i_lead).then(|| {
        let id = team.id.clone();
        view! { <button type="button" class="tl-button" on:click=move |_| run.run(Action::Change(id.clone(), Op::Leave))>{ctx.t("team-leave")}</button> }
    });
    let count = team.members.len();
    view! {
        <div class="tl-team">
            <h4 class="tl-subheading">{team.name.clone()}</h4>
            <p>{ctx.ta("team-led-by", &[("leader", leader.into()), ("count", count.into())])}</p>
            {invite}
            {roster}
            <h5 class="tl-subheading">{ctx.t("team-who")}</h5>
            <ul class="tl-team-list">{members}</ul>
            <h5 class="tl-subheading">{ctx.t("team-other-side")}</h5>
            {sides_view}
            <fieldset class="tl-fieldset">
                <legend class="tl-legend-small">{ctx.t("team-what-i-share")}</legend>
                {shares}
                <p class="tl-help">{ctx.t("team-never-shared")}</p>
            </fieldset>
            <TeamFigures id=team.id.clone() i_lead=i_lead/>
            {leave}
        </div>
    }
}

/// How the team sees this learner, next to their own rating, and for the leader the team's
/// adoption: aggregates the service computes, never one person's answer.
#[component]
fn TeamFigures(id: String, i_lead: bool) -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    let role = ctx
        .plan
        .with_untracked(|p| p.role.clone())
        .unwrap_or_default();
    let observed: Vec<crate::program::Observation> = program
        .observations
        .iter()
        .filter(|o| o.about == role)
        .cloned()
        .collect();
    if observed.is_empty() && !i_lead {
        return None;
    }
    let figures = RwSignal::new(None::<Result<crate::observed::TeamInsights, String>>);
    if let Some(backend) = use_context::<StoredValue<Option<SendWrapper<Backend>>>>()
        .and_then(|b| b.with_value(|b| b.as_ref().map(|b| (**b).clone())))
    {
        let program = program.clone();
        wasm_bindgen_futures::spawn_local(async move {
            figures.set(Some(backend.insights(&program, &id).await));
        });
    }
    let level = {
        let program = program.clone();
        move |mean: f64| {
            let i = mean.round().clamp(0.0, 255.0) as u8;
            program.scale_label(i).unwrap_or("–").to_string()
        }
    };
    let body = move || {
        let program = ctx.program();
        let progress = crate::adoption::progress(&program, &ctx.plan.get());
        match figures.get() {
            None => view! { <p class="tl-help">{ctx.t("team-reading-figures")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="tl-help">{e}</p> }.into_any(),
            Some(Ok(f)) => {
                let seen = observed
                    .iter()
                    .map(|o| {
                        let title = program
                            .behaviour(&o.behaviour)
                            .map(|b| b.title.clone())
                            .unwrap_or_default();
                        let mine = progress
                            .iter()
                            .find(|p| p.behaviour == o.behaviour)
                            .and_then(|p| p.ratings.last().map(|(_, l)| *l).or(p.baseline))
                            .and_then(|l| program.scale_label(l))
                            .map_or_else(|| ctx.t("team-not-rated"), |l| ctx.ta("team-quoted", &[("level", l.into())]));
                        let rounds = f
                            .seen
                            .iter()
                            .find(|s| s.behaviour == o.behaviour)
                            .map(|s| s.rounds.clone())
                            .unwrap_or_default();
                        let shown = rounds
                            .iter()
                            .rev()
                            .find_map(|r| r.mean.map(|m| (r.day, r.counted, m)));
                        let team = match (shown, rounds.last()) {
                            (Some((day, n, mean)), _) => ctx.ta(
                                "team-says",
                                &[("level", level(mean).into()), ("count", n.into()), ("day", day.into())],
                            ),
                            (None, Some(r)) => ctx.ta(
                                "team-shown-once",
                                &[("min", o.min_raters.into()), ("needed", r.needed.into())],
                            ),
                            (None, None) => ctx.ta("team-no-answers", &[("min", o.min_raters.into())]),
                        };
                        view! { <li>{ctx.ta("team-seen-row", &[("title", title.into()), ("mine", mine.into()), ("team", team.into())])}</li> }
                    })
                    .collect_view();
                let adoption = i_lead.then(|| {
                    let rows = f
                        .adoption
                        .iter()
                        .map(|a| {
                            let title = program.behaviour(&a.behaviour).map(|b| b.title.clone()).unwrap_or_default();
                            view! { <li>{ctx.ta("team-adoption-row", &[("title", title.into()), ("members", a.members.into()), ("adopted", a.adopted.into()), ("trying", a.trying.into()), ("notstarted", a.not_started.into()), ("lapsed", a.lapsed.into())])}</li> }
                        })
                        .collect_view();
                    let empty = f.adoption.is_empty().then(|| view! { <li>{ctx.t("team-adoption-empty")}</li> });
                    view! {
                        <h5 class="tl-subheading">{ctx.t("team-lead-figures")}</h5>
                        <ul class="tl-team-list">{rows}{empty}</ul>
                    }
                });
                let seen = (!observed.is_empty()).then(|| {
                    view! {
                        <h5 class="tl-subheading">{ctx.t("team-sees-me")}</h5>
                        <ul class="tl-team-list">{seen}</ul>
                    }
                });
                view! { {seen}{adoption} }.into_any()
            }
        }
    };
    Some(view! { <div class="tl-team-figures">{body}</div> })
}
