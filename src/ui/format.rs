//! Dates and numbers as learners read them.

use time::Date;

/// "Mon 3 Jan 2027".
pub fn date(d: Date) -> String {
    let f = time::macros::format_description!(
        "[weekday repr:short] [day padding:none] [month repr:short] [year]"
    );
    d.format(f).unwrap_or_else(|_| d.to_string())
}

/// "today", "yesterday", or "N days ago".
pub fn days_ago(n: u32) -> String {
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}
