//! The learner's language file, fetched from beside the bundle (`i18n/<lang>.ftl`) only for the
//! language in use, so a visit downloads one language's words; English is built in. Also the
//! browser's languages, and dates written the learner's way (`Intl.DateTimeFormat`).

use std::sync::Arc;

use gloo_net::http::Request;
use wasm_bindgen::prelude::*;

use crate::i18n::{self, Messages};

#[wasm_bindgen(
    inline_js = "export function bundleUrl(path) { return new URL(path, import.meta.url).href; }"
)]
extern "C" {
    #[wasm_bindgen(js_name = bundleUrl)]
    fn bundle_url(path: &str) -> String;
}

/// The language files relative to this snippet (`snippets/<crate>-<hash>/inline*.js`).
const FOLDER: &str = if cfg!(feature = "admin") {
    "../../../i18n/"
} else {
    "../../i18n/"
};

/// `navigator.languages`, most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// The messages for `lang`: English at once; another language's file fetched. A file that cannot
/// be fetched or read leaves the widget in English, with the reason in the console (words in the
/// wrong language are better than no widget).
pub async fn load(lang: &'static str) -> Arc<Messages> {
    if lang == "en" {
        let m = Arc::new(Messages::english());
        super::speak(m.clone());
        return m;
    }
    let url = bundle_url(&format!("{FOLDER}{lang}.ftl"));
    let text = match Request::get(&url).send().await {
        Ok(r) if r.ok() => r.text().await.ok(),
        _ => None,
    };
    let Some(text) = text else {
        super::console_error(&format!(
            "the {lang} language file ({url}) could not be loaded; showing English"
        ));
        return Arc::new(Messages::english());
    };
    match Messages::new(lang, &text) {
        Ok(m) => {
            let m = Arc::new(m);
            // Problems found from now on (the program's, the LRS's) are worded in it too.
            super::speak(m.clone());
            m
        }
        Err(lines) => {
            super::console_error(&format!(
                "the {lang} language file has problems; showing English: {}",
                lines.join("; ")
            ));
            Arc::new(Messages::english())
        }
    }
}

/// Which shipped language a visit uses, in the documented order: the host's (`mount` option, LTI
/// launch), the cmi5 learner preferences, the browser's, then the program's; and the tag (with the
/// learner's region) its dates are written in.
pub fn choose(host: &[String], cmi5: &[String], program: &str) -> (&'static str, String) {
    let browser = browser_languages();
    let wanted = || {
        host.iter()
            .chain(cmi5)
            .chain(browser.iter())
            .map(String::as_str)
    };
    let lang = i18n::negotiate(wanted(), program);
    (lang, i18n::region(wanted(), lang))
}

thread_local! {
    /// One formatter per language tag: making an `Intl.DateTimeFormat` costs far more than using one.
    static FORMATS: std::cell::RefCell<Vec<(String, js_sys::Intl::DateTimeFormat)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn formatter(lang: &str) -> js_sys::Intl::DateTimeFormat {
    FORMATS.with(|f| {
        if let Some((_, fmt)) = f.borrow().iter().find(|(l, _)| l == lang) {
            return fmt.clone();
        }
        let options = js_sys::Object::new();
        for (k, v) in [
            ("weekday", "short"),
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
        ] {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(lang));
        let fmt = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        f.borrow_mut().push((lang.to_string(), fmt.clone()));
        fmt
    })
}

/// "Mon 3 Jan 2027" the way `lang` writes it ("Mo., 3. Jan. 2027", "2027年1月3日(月)").
pub fn date(lang: &str, d: time::Date) -> String {
    let format = formatter(lang);
    let js = js_sys::Date::new_with_year_month_day(
        u32::try_from(d.year()).unwrap_or(1970),
        i32::from(u8::from(d.month())) - 1,
        i32::from(d.day()),
    );
    format
        .format()
        .call1(&format, &js)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| d.to_string())
}

thread_local! {
    /// One number formatter per tag and style, as for dates.
    static NUMBERS: std::cell::RefCell<Vec<(String, js_sys::Intl::NumberFormat)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// How a number is written: its fraction digits and sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// `digits` after the decimal separator, no sign for positives ("3,25" in German).
    Plain(u8),
    /// `digits` after the separator and a sign on any change but zero ("+0,5", "−1,2").
    Change(u8),
    /// A share (0.0 to 1.0) as a whole percentage ("42 %" in French).
    Percent,
}

fn number_format(lang: &str, kind: Number) -> js_sys::Intl::NumberFormat {
    let key = format!("{lang}|{kind:?}");
    NUMBERS.with(|n| {
        if let Some((_, fmt)) = n.borrow().iter().find(|(k, _)| *k == key) {
            return fmt.clone();
        }
        let options = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v);
        };
        match kind {
            Number::Plain(d) | Number::Change(d) => {
                set("minimumFractionDigits", f64::from(d).into());
                set("maximumFractionDigits", f64::from(d).into());
                if matches!(kind, Number::Change(_)) {
                    set("signDisplay", "exceptZero".into());
                }
            }
            Number::Percent => {
                set("style", "percent".into());
                set("maximumFractionDigits", 0.0.into());
            }
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(lang));
        let fmt = js_sys::Intl::NumberFormat::new(&locales, &options);
        n.borrow_mut().push((key, fmt.clone()));
        fmt
    })
}

/// `value` written the way `lang` writes numbers (`Intl.NumberFormat`).
pub fn number(lang: &str, value: f64, kind: Number) -> String {
    let format = number_format(lang, kind);
    format
        .format()
        .call1(&format, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{value}"))
}
