//! A small, calm line saying whether the learner's progress has reached
//! their organisation's learning record store, and what to do if not.

use leptos::prelude::*;

use super::use_ctx;

/// Sync state: synced, N waiting, offline, needs attention. Nothing when no LRS is configured.
#[component]
pub fn SyncBar() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let status = ctx.sync.get()?;
        let plan_note = ctx.plan_sync.get().map(|(note, _)| note);
        let (class, text) = if let Some(why) = &status.stopped {
            ("tl-sync tl-sync-attention", why.clone())
        } else if status.failed > 0 {
            let n = status.failed;
            let why = status.failure.clone().unwrap_or_default();
            (
                "tl-sync tl-sync-attention",
                ctx.ta("sync-failed", &[("count", n.into()), ("why", why.into())])
                    .trim_end()
                    .to_string(),
            )
        } else if status.offline && status.waiting > 0 {
            (
                "tl-sync tl-sync-waiting",
                ctx.ta("sync-offline", &[("count", status.waiting.into())]),
            )
        } else if status.waiting > 0 {
            (
                "tl-sync tl-sync-waiting",
                ctx.ta("sync-sending", &[("count", status.waiting.into())]),
            )
        } else if let Some(note) = plan_note {
            ("tl-sync tl-sync-waiting", note)
        } else {
            ("tl-sync tl-sync-ok", ctx.t("sync-ok"))
        };
        let retry = (status.failed > 0 && status.stopped.is_none()).then(|| {
            view! {
                <button type="button" class="tl-link" on:click=move |_| {
                    if let Some(live) = ctx.live() {
                        live.outbox.retry_failed();
                    }
                }>{ctx.t("try-again")}</button>
            }
        });
        let back = ctx
            .live()
            .and_then(|l| l.cmi5.as_ref().and_then(|c| c.data.return_url.clone()))
            .map(|url| {
                view! {
                    <button type="button" class="tl-link" on:click=move |_| {
                        let url = url.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            // cmi5 refuses any request after "terminated": let a plan copy on its
                            // way arrive first, then wait (briefly) for "terminated" to be recorded.
                            // If the wait runs out, pagehide sends what is left.
                            let pause = || gloo_timers::future::TimeoutFuture::new(100);
                            for _ in 0..30 {
                                if !ctx.plan_syncing() {
                                    break;
                                }
                                pause().await;
                            }
                            if let Some(live) = ctx.live() {
                                live.terminate();
                                live.outbox.kick();
                                for _ in 0..30 {
                                    if live.outbox.finished() {
                                        break;
                                    }
                                    pause().await;
                                }
                            }
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_href(&url);
                            }
                        });
                    }>{ctx.t("sync-return")}</button>
                }
            });
        Some(view! {
            <p class=class role="status" aria-live="polite">
                <span>{text}</span>
                {retry}
                {back}
            </p>
        })
    }
}
