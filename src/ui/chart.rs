//! Charts drawn as SVG by the component itself: horizontal bars and stacked
//! bars, each with a text alternative (`<title>` naming every value) so a
//! screen reader gets the same figures as the picture.

use leptos::prelude::*;

/// One bar: label, value, and the value as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label.
    pub label: String,
    /// Length.
    pub value: f64,
    /// Text after the bar (e.g. "42 (18%)").
    pub text: String,
    /// Drawn in the warning colour (a role nobody is in, a big drop).
    pub flagged: bool,
}

const LABEL_W: f64 = 230.0;
const BAR_W: f64 = 280.0;
const ROW_H: f64 = 26.0;

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Horizontal bars scaled to `max` (the largest value when `None`).
#[component]
pub fn Bars(
    #[prop(into)] title: String,
    bars: Vec<Bar>,
    #[prop(optional)] max: Option<f64>,
) -> impl IntoView {
    let top = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(1e-9);
    let height = ROW_H * bars.len() as f64 + 8.0;
    let summary = format!(
        "{title}: {}",
        bars.iter()
            .map(|b| format!("{} {}", b.label, b.text))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = 4.0 + ROW_H * i as f64;
            let w = (b.value / top * BAR_W).max(if b.value > 0.0 { 2.0 } else { 0.0 });
            let class = if b.flagged { "tl-bar tl-bar-flag" } else { "tl-bar" };
            view! {
                <g>
                    <text x="0" y=format!("{}", y + 17.0) class="tl-chart-label">{short(&b.label, 34)}</text>
                    <rect x=format!("{LABEL_W}") y=format!("{}", y + 4.0) width=format!("{w:.1}") height="16" rx="3" class=class></rect>
                    <text x=format!("{:.1}", LABEL_W + w + 6.0) y=format!("{}", y + 17.0) class="tl-chart-value">{b.text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="tl-chart tl-chart-wide" viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 190.0) role="img">
            <title>{summary}</title>
            {rows}
        </svg>
    }
}

/// One stacked bar: a label and its parts (in the order of the legend).
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// Row label.
    pub label: String,
    /// Part sizes.
    pub parts: Vec<f64>,
}

/// Stacked horizontal bars with a legend; `names` name the parts, `classes` colour them.
#[component]
pub fn Stacked(
    #[prop(into)] title: String,
    names: Vec<String>,
    classes: Vec<&'static str>,
    stacks: Vec<Stack>,
) -> impl IntoView {
    let height = ROW_H * stacks.len() as f64 + 30.0;
    let summary = format!(
        "{title}: {}",
        stacks
            .iter()
            .map(|s| format!(
                "{}: {}",
                s.label,
                names
                    .iter()
                    .zip(&s.parts)
                    .map(|(n, p)| format!("{n} {p}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows = stacks
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = 4.0 + ROW_H * i as f64;
            let total: f64 = s.parts.iter().sum::<f64>().max(1e-9);
            let mut x = LABEL_W;
            let segments = s
                .parts
                .iter()
                .zip(&classes)
                .map(|(p, class)| {
                    let w = p / total * BAR_W;
                    let at = x;
                    x += w;
                    view! { <rect x=format!("{at:.1}") y=format!("{}", y + 4.0) width=format!("{w:.1}") height="16" class=*class></rect> }
                })
                .collect_view();
            view! {
                <g>
                    <text x="0" y=format!("{}", y + 17.0) class="tl-chart-label">{short(&s.label, 34)}</text>
                    {segments}
                </g>
            }
        })
        .collect_view();
    let legend_y = ROW_H * stacks.len() as f64 + 22.0;
    let legend = names
        .iter()
        .zip(&classes)
        .enumerate()
        .map(|(i, (n, class))| {
            let x = LABEL_W + 80.0 * i as f64;
            view! {
                <g>
                    <rect x=format!("{x}") y=format!("{}", legend_y - 10.0) width="10" height="10" class=*class></rect>
                    <text x=format!("{}", x + 14.0) y=format!("{legend_y}") class="tl-chart-label">{n.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="tl-chart tl-chart-wide" viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 150.0) role="img">
            <title>{summary}</title>
            {rows}
            {legend}
        </svg>
    }
}
