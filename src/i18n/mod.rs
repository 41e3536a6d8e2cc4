//! The widget's words in the learner's language: Fluent message files (`src/i18n/*.ftl`, one per
//! shipped language, English the reference) read by `fluent-bundle`, with its plural rules, and
//! which language a visit uses. Pure: the shell fetches a file, the UI asks for messages.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages the widget ships, English first (the reference every other file is checked against).
pub const LANGUAGES: [&str; 5] = ["en", "de", "fr", "es", "ja"];

/// English, built into the bundle: the fallback for any message another file lacks, and the
/// language of a visit before (or without) another file.
pub const ENGLISH: &str = include_str!("en.ftl");

/// The shipped language a visit uses: the first of `wanted` (most preferred first: the host's
/// `mount` option, the LTI launch, the cmi5 learner preferences, the browser) whose primary
/// language is shipped, else the program's language when shipped, else English. Region and script
/// are ignored (`de-CH` reads German), and so is anything that is not a language tag.
pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>, program: &'a str) -> &'static str {
    wanted
        .into_iter()
        .chain(std::iter::once(program))
        .find_map(shipped)
        .unwrap_or("en")
}

/// The tag dates and numbers are written in for `lang`: the first of `wanted` in that language,
/// with its region (`en-GB` writes "Wed 6 Jan", `en-US` "Wed, Jan 6"), else `lang` itself.
pub fn region<'a>(wanted: impl IntoIterator<Item = &'a str>, lang: &'static str) -> String {
    wanted
        .into_iter()
        .find(|t| shipped(t) == Some(lang))
        .and_then(|t| t.trim().parse::<LanguageIdentifier>().ok())
        .map_or_else(|| lang.to_string(), |id| id.to_string())
}

fn shipped(tag: &str) -> Option<&'static str> {
    let id: LanguageIdentifier = tag.trim().parse().ok()?;
    let primary = id.language.as_str();
    LANGUAGES.into_iter().find(|l| *l == primary)
}

/// A value for a message's `{ $name }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text as it is.
    Text(String),
    /// A count: it picks the plural form (`[one]`, `[other]`) and is written as a number.
    Count(u64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n as u64)
    }
}
impl From<u8> for Arg {
    fn from(n: u8) -> Arg {
        Arg::Count(u64::from(n))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(n)
    }
}
impl From<i64> for Arg {
    /// A count the database keeps signed; below zero reads as none.
    fn from(n: i64) -> Arg {
        Arg::Count(u64::try_from(n).unwrap_or(0))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Count(u64::from(n))
    }
}

/// What a typed error (or any outcome the core words) says: a message id and its values, so the
/// UI can say it in the learner's language and `Display` in English.
pub struct Words {
    /// The message id in the `.ftl` files.
    pub id: &'static str,
    /// Its `{ $name }` values.
    pub args: Vec<(&'static str, Arg)>,
}

impl Words {
    /// A message without values.
    pub fn plain(id: &'static str) -> Words {
        Words {
            id,
            args: Vec::new(),
        }
    }
}

/// Something the core can say in words.
pub trait Worded {
    /// The message and its values.
    fn words(&self) -> Words;
}

/// The built-in English messages, parsed once: `Display` of worded errors.
pub fn english() -> &'static Messages {
    static ENGLISH_MESSAGES: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    ENGLISH_MESSAGES.get_or_init(Messages::english)
}

/// English, parsed once: every `Messages` falls back to it (start-up reads it once, not per widget).
fn english_bundle() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: std::sync::OnceLock<FluentBundle<FluentResource>> = std::sync::OnceLock::new();
    BUNDLE.get_or_init(|| {
        bundle("en", ENGLISH).unwrap_or_else(|_| FluentBundle::new_concurrent(vec![]))
    })
}

/// A set of message files built in whole, one per shipped language: the surfaces that are not the
/// learner's first download (the dashboard, the workbench, the service's pages and messages).
/// Each language is parsed on first use and kept.
pub struct Catalogue {
    /// Its name, for problems in its files (`dashboard`, `service`, ...).
    pub name: &'static str,
    /// The files in [`LANGUAGES`] order, English first.
    pub files: [&'static str; 5],
    parsed: [std::sync::OnceLock<FluentBundle<FluentResource>>; 5],
}

impl Catalogue {
    /// A catalogue of `files` in [`LANGUAGES`] order.
    pub const fn new(name: &'static str, files: [&'static str; 5]) -> Catalogue {
        Catalogue {
            name,
            files,
            parsed: [const { std::sync::OnceLock::new() }; 5],
        }
    }

    fn parsed(&self, i: usize) -> &FluentBundle<FluentResource> {
        self.parsed[i].get_or_init(|| {
            bundle(LANGUAGES[i], self.files[i])
                .unwrap_or_else(|_| FluentBundle::new_concurrent(vec![]))
        })
    }

    /// The messages in `lang` (a shipped language, else English) over this catalogue's English.
    pub fn messages(&'static self, lang: &str) -> Messages {
        let i = LANGUAGES.iter().position(|l| *l == lang).unwrap_or(0);
        Messages {
            lang: LANGUAGES[i],
            own: (i > 0).then(|| Own::Shared(self.parsed(i))),
            fallback: self.parsed(0),
        }
    }

    /// The messages for the first shipped language of `wanted` (an `Accept-Language` header's
    /// tags, most preferred first), else English.
    pub fn negotiate<'a>(&'static self, wanted: impl IntoIterator<Item = &'a str>) -> Messages {
        self.messages(negotiate(wanted, "en"))
    }

    /// The files that do not parse, with their problems (the tests, and `Catalogue`'s fallback
    /// to an empty bundle is never silent).
    pub fn problems(&self) -> Vec<String> {
        LANGUAGES
            .iter()
            .zip(self.files)
            .filter_map(|(lang, text)| bundle(lang, text).err())
            .flatten()
            .map(|e| format!("{}: {e}", self.name))
            .collect()
    }
}

/// The tags of an HTTP `Accept-Language` header, most preferred first (`q=0` left out).
pub fn accept_language(header: &str) -> Vec<&str> {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((tag, q))
        })
        .collect();
    // A stable sort keeps the header's order between equal weights.
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    tags.into_iter().map(|(t, _)| t).collect()
}

enum Own {
    Fetched(FluentBundle<FluentResource>),
    Shared(&'static FluentBundle<FluentResource>),
}

impl Own {
    fn bundle(&self) -> &FluentBundle<FluentResource> {
        match self {
            Own::Fetched(b) => b,
            Own::Shared(b) => b,
        }
    }
}

/// The messages of one visit: its language's file over English.
pub struct Messages {
    lang: &'static str,
    own: Option<Own>,
    fallback: &'static FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

fn bundle(lang: &str, text: &str) -> Result<FluentBundle<FluentResource>, Vec<String>> {
    let id: LanguageIdentifier = lang
        .parse()
        .map_err(|_| vec![format!("{lang} is not a language tag")])?;
    let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| format!("{lang}.ftl: {e}"))
            .collect::<Vec<_>>()
    })?;
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Names and titles are placed as they are: no invisible isolation marks in the text
    // (the widget sets `dir` on its root, which is what right-to-left layout needs).
    b.set_use_isolating(false);
    b.add_resource(resource).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{lang}.ftl: {e}"))
            .collect::<Vec<_>>()
    })?;
    Ok(b)
}

impl Messages {
    /// English alone.
    pub fn english() -> Messages {
        Messages {
            lang: "en",
            own: None,
            fallback: english_bundle(),
        }
    }

    /// `lang`'s file `text` over English; a file that does not parse is refused with its problems.
    pub fn new(lang: &'static str, text: &str) -> Result<Messages, Vec<String>> {
        let mut m = Messages::english();
        if lang != "en" {
            m.own = Some(Own::Fetched(bundle(lang, text)?));
        }
        m.lang = lang;
        Ok(m)
    }

    /// The language in use (`en`, `de`, ...): the widget's `lang` attribute.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// What `w` says, in this language.
    pub fn say(&self, w: &dyn Worded) -> String {
        let Words { id, args } = w.words();
        self.with(id, &args)
    }

    /// The message `id` without arguments.
    pub fn get(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with `{ $name }` values; a message missing in this language falls back to
    /// English, and one missing there too shows its id (a bug the file tests catch).
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(t) => fluent.set(*name, FluentValue::from(t.as_str())),
                Arg::Count(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        for b in self
            .own
            .iter()
            .map(Own::bundle)
            .chain(std::iter::once(self.fallback))
        {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b
                    .format_pattern(pattern, Some(&fluent), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }
}

/// The adoption dashboard's words (the admin bundle carries every language).
pub static DASHBOARD: Catalogue = Catalogue::new(
    "dashboard",
    [
        include_str!("dashboard/en.ftl"),
        include_str!("dashboard/de.ftl"),
        include_str!("dashboard/fr.ftl"),
        include_str!("dashboard/es.ftl"),
        include_str!("dashboard/ja.ftl"),
    ],
);

/// The service's own pages and the messages it sends (reminders, unsubscribe and launch pages).
pub static SERVICE: Catalogue = Catalogue::new(
    "service",
    [
        include_str!("service/en.ftl"),
        include_str!("service/de.ftl"),
        include_str!("service/fr.ftl"),
        include_str!("service/es.ftl"),
        include_str!("service/ja.ftl"),
    ],
);

/// The designer's workbench: its page, the form editor and the check's words around it.
pub static WORKBENCH: Catalogue = Catalogue::new(
    "workbench",
    [
        include_str!("workbench/en.ftl"),
        include_str!("workbench/de.ftl"),
        include_str!("workbench/fr.ftl"),
        include_str!("workbench/es.ftl"),
        include_str!("workbench/ja.ftl"),
    ],
);

#[cfg(test)]
mod tests;
