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

/// The messages of one visit: its language's file over English.
pub struct Messages {
    lang: &'static str,
    own: Option<FluentBundle<FluentResource>>,
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
        }
    }

    /// `lang`'s file `text` over English; a file that does not parse is refused with its problems.
    pub fn new(lang: &'static str, text: &str) -> Result<Messages, Vec<String>> {
        let mut m = Messages::english();
        if lang != "en" {
            m.own = Some(bundle(lang, text)?);
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
        for b in self.own.iter().chain(std::iter::once(english_bundle())) {
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

#[cfg(test)]
mod tests;
