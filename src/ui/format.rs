//! Date inputs' values (dates as learners read them are `shell::i18n::date`).

use time::Date;

/// A date input's value (`YYYY-MM-DD`); `None` when empty or not a date.
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse::<u8>().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// A date as a date input's value (`YYYY-MM-DD`).
pub fn input_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
