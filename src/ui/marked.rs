//! Text with glossary terms marked: the shared language, wherever it appears.

use leptos::prelude::*;

use super::use_ctx;
use crate::glossary::{mark, Segment};

/// Renders `text` with each glossary term focusable and its definition shown on focus or hover.
#[component]
pub fn Marked(#[prop(into)] text: String) -> impl IntoView {
    let ctx = use_ctx();
    let program = ctx.program();
    mark(&text, &program.glossary)
        .into_iter()
        .enumerate()
        .map(|(n, segment)| match segment {
            Segment::Text(t) => t.to_string().into_any(),
            Segment::Term(t, index) => {
                let tip = ctx.id(&format!(
                    "tip{}-{n}",
                    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                ));
                let definition = program.glossary[index].definition.clone();
                let described_by = tip.clone();
                view! {
                    <span class="tl-term" tabindex="0" aria-describedby=described_by>
                        {t.to_string()}
                        <span class="tl-tip" role="tooltip" id=tip>{definition}</span>
                    </span>
                }
                .into_any()
            }
        })
        .collect_view()
}

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
