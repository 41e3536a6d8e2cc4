//! A program's texts in more languages than its own: `[translations.<lang>]` tables that name
//! each text by the id it belongs to (a role, a behaviour, a glossary term, a step's day). The
//! widget shows the learner's language where a text has one and the program's own otherwise;
//! statements carry every language; `throughline check` lists what is missing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Program;

/// One more language's texts; anything left out shows in the program's own language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// The program's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The program's summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// By role id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, RoleText>,
    /// By behaviour id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub behaviours: BTreeMap<String, BehaviourText>,
    /// By the term as the program writes it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub glossary: BTreeMap<String, TermText>,
    /// By the step's day.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub schedule: BTreeMap<u32, StepText>,
    /// The self-check's question and scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_check: Option<SelfCheckText>,
    /// Pair titles, by pair id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pairs: BTreeMap<String, String>,
    /// Observation questions, by behaviour and then the observed role.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub observations: BTreeMap<String, BTreeMap<String, String>>,
}

/// A role's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The suggested commitments, in the role's order (all or none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<String>,
}

/// A behaviour's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BehaviourText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A glossary term in another language: how it is written there, and what it means.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// Other ways the term is written in that language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A step's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// Role-specific prompts, by role id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prompts: BTreeMap<String, String>,
}

/// The self-check's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheckText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Every level, in order (all or none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<String>,
}

/// Each of a program's texts with its translations, built once per program on first use.
#[derive(Debug, Clone, Default)]
pub struct Index(std::sync::OnceLock<std::collections::HashMap<String, Vec<(String, String)>>>);

/// A cache: two programs are equal whatever either has worked out so far.
impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

/// Visits each translatable text of `p` with its path and its translation in `t` (if any).
fn each_text(p: &mut Program, t: &Translation, f: &mut dyn FnMut(&str, &mut String, Option<&str>)) {
    f("title", &mut p.title, t.title.as_deref());
    if let Some(d) = p.description.as_mut() {
        f("description", d, t.description.as_deref());
    }
    for r in &mut p.roles {
        let rt = t.roles.get(&r.id);
        let base = format!("roles.{}", r.id);
        f(
            &format!("{base}.label"),
            &mut r.label,
            rt.and_then(|x| x.label.as_deref()),
        );
        f(
            &format!("{base}.description"),
            &mut r.description,
            rt.and_then(|x| x.description.as_deref()),
        );
        for (i, s) in r.commitments.iter_mut().enumerate() {
            let tr = rt.and_then(|x| x.commitments.get(i)).map(String::as_str);
            f(&format!("{base}.commitments[{i}]"), &mut s.text, tr);
        }
    }
    for b in &mut p.behaviours {
        let bt = t.behaviours.get(&b.id);
        let base = format!("behaviours.{}", b.id);
        f(
            &format!("{base}.title"),
            &mut b.title,
            bt.and_then(|x| x.title.as_deref()),
        );
        f(
            &format!("{base}.description"),
            &mut b.description,
            bt.and_then(|x| x.description.as_deref()),
        );
    }
    for g in &mut p.glossary {
        let gt = t.glossary.get(&g.term);
        let base = format!("glossary.{}", g.term);
        f(
            &format!("{base}.definition"),
            &mut g.definition,
            gt.and_then(|x| x.definition.as_deref()),
        );
        f(
            &format!("{base}.term"),
            &mut g.term,
            gt.and_then(|x| x.term.as_deref()),
        );
    }
    for s in &mut p.schedule {
        let st = t.schedule.get(&s.day);
        let base = format!("schedule.{}", s.day);
        f(
            &format!("{base}.title"),
            &mut s.title,
            st.and_then(|x| x.title.as_deref()),
        );
        f(
            &format!("{base}.prompt"),
            &mut s.prompt,
            st.and_then(|x| x.prompt.as_deref()),
        );
        for (role, text) in &mut s.role_prompts {
            let tr = st.and_then(|x| x.prompts.get(role)).map(String::as_str);
            f(&format!("{base}.prompts.{role}"), text, tr);
        }
    }
    let sc = t.self_check.as_ref();
    f(
        "self_check.question",
        &mut p.self_check.question,
        sc.and_then(|x| x.question.as_deref()),
    );
    for (i, level) in p.self_check.scale.iter_mut().enumerate() {
        let tr = sc.and_then(|x| x.scale.get(i)).map(String::as_str);
        f(&format!("self_check.scale[{i}]"), level, tr);
    }
    for pair in &mut p.pairs {
        f(
            &format!("pairs.{}.title", pair.id),
            &mut pair.title,
            t.pairs.get(&pair.id).map(String::as_str),
        );
    }
    for o in &mut p.observations {
        let tr = t
            .observations
            .get(&o.behaviour)
            .and_then(|m| m.get(&o.about))
            .map(String::as_str);
        f(
            &format!("observations.{}.{}", o.behaviour, o.about),
            &mut o.question,
            tr,
        );
    }
}

/// The translation for `lang` (`de` finds `de` or `de-DE`), if the program has one.
fn find<'p>(p: &'p Program, lang: &str) -> Option<(&'p str, &'p Translation)> {
    let primary = |l: &str| {
        l.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    p.translations
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(lang))
        .or_else(|| {
            p.translations
                .iter()
                .find(|(l, _)| primary(l) == primary(lang))
        })
        .map(|(l, t)| (l.as_str(), t))
}

impl Program {
    /// The program as a learner in `lang` reads it: every text that has a translation in that
    /// language replaced, the rest as written. Ids, days and rules are unchanged, so plans and
    /// statements are the same; glossary terms renamed in `behaviours[].terms` too.
    pub fn in_language(&self, lang: &str) -> Program {
        let mut out = self.clone();
        let Some((_, t)) = find(self, lang) else {
            return out;
        };
        let mut renamed: Vec<(String, String)> = Vec::new();
        each_text(&mut out, t, &mut |path, text, tr| {
            if let Some(tr) = tr {
                if path.starts_with("glossary.") && path.ends_with(".term") {
                    renamed.push((text.clone(), tr.to_string()));
                }
                *text = tr.to_string();
            }
        });
        for g in &mut out.glossary {
            if let Some(tt) = renamed
                .iter()
                .find(|(_, new)| *new == g.term)
                .and_then(|(old, _)| t.glossary.get(old))
            {
                g.aliases = tt.aliases.clone();
            }
        }
        for b in &mut out.behaviours {
            for term in &mut b.terms {
                if let Some((_, new)) = renamed.iter().find(|(old, _)| old == term) {
                    *term = new.clone();
                }
            }
        }
        out
    }

    /// `s` (one of the program's own texts) in every language it is translated into, by tag.
    /// Empty when `s` is not a program text or nothing translates it.
    pub fn translations_of(&self, s: &str) -> Vec<(String, String)> {
        if self.translations.is_empty() {
            return Vec::new();
        }
        let index = self.translation_index.0.get_or_init(|| {
            let mut index: std::collections::HashMap<String, Vec<(String, String)>> =
                Default::default();
            for (lang, t) in &self.translations {
                let mut copy = self.clone();
                each_text(&mut copy, t, &mut |_, text, tr| {
                    if let Some(tr) = tr {
                        let entry = index.entry(text.clone()).or_default();
                        // The same words in two places: the first translation names them.
                        if !entry.iter().any(|(l, _)| l == lang) {
                            entry.push((lang.clone(), tr.to_string()));
                        }
                    }
                });
            }
            index
        });
        index.get(s).cloned().unwrap_or_default()
    }

    /// Each text a translation lacks, as `(language, path)`: what `throughline check` warns about.
    pub fn missing_translations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (lang, t) in &self.translations {
            let mut copy = self.clone();
            each_text(&mut copy, t, &mut |path, _, tr| {
                if tr.is_none() {
                    out.push((lang.clone(), path.to_string()));
                }
            });
        }
        out
    }

    /// The glossary with every language's way of writing each term among its aliases, entry for
    /// entry (same order and length), so a use counts for its entry in any language.
    pub fn glossary_in_all_languages(&self) -> Vec<super::Term> {
        let mut all = self.glossary.clone();
        for t in self.translations.values() {
            for g in &mut all {
                if let Some(tt) = t.glossary.get(&g.term) {
                    g.aliases.extend(tt.term.iter().cloned());
                    g.aliases.extend(tt.aliases.iter().cloned());
                }
            }
        }
        all
    }
}
