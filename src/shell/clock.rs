//! The learner's clock, read from the browser or overridden by the host.

use time::{Date, Month, Time, UtcOffset};

use crate::plan::Now;

/// Reads the browser clock in the learner's time zone. With `override_date`,
/// the calendar date is replaced (so a demo can show week 3 today) while the
/// time of day stays real.
pub fn now(override_date: Option<Date>) -> Now {
    let js = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC.
    let offset = UtcOffset::from_whole_seconds(-(js.get_timezone_offset() as i32) * 60)
        .unwrap_or(UtcOffset::UTC);
    let instant = crate::xapi::at_millis(js.get_time()).to_offset(offset);
    let local_date = Month::try_from(js.get_month() as u8 + 1)
        .ok()
        .and_then(|m| {
            Date::from_calendar_date(js.get_full_year() as i32, m, js.get_date() as u8).ok()
        })
        .unwrap_or(instant.date());
    match override_date {
        Some(date) => {
            let at = date
                .with_time(
                    Time::from_hms(instant.hour(), instant.minute(), instant.second())
                        .unwrap_or(Time::MIDNIGHT),
                )
                .assume_offset(offset);
            Now { today: date, at }
        }
        None => Now {
            today: local_date,
            at: instant,
        },
    }
}

/// The browser's IANA time zone (`Europe/Berlin`), for the service's reminders; `None`
/// where the browser does not say.
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
        .filter(|z| !z.is_empty() && z.len() <= 64)
}
