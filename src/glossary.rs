//! Shared language: finding glossary terms in running text so every role
//! sees the same definitions wherever a term appears.

use crate::program::Term;

/// A piece of text, either plain or a glossary term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'t> {
    /// Plain text.
    Text(&'t str),
    /// A glossary term as written in the text, with the index of its entry.
    Term(&'t str, usize),
}

/// Splits `text` into plain and term segments. Matching is case-insensitive
/// (ASCII), on whole words, longest form first, so "coaching conversation"
/// wins over "coaching".
pub fn mark<'t>(text: &'t str, glossary: &[Term]) -> Vec<Segment<'t>> {
    mark_forms(text, &forms(glossary))
}

/// Every written form of every term (term and aliases) with its entry index, longest first.
/// Build it once when marking many texts (the dashboard reads thousands of reflections).
pub fn forms(glossary: &[Term]) -> Vec<(&str, usize)> {
    let mut forms: Vec<(&str, usize)> = glossary
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            std::iter::once(t.term.as_str())
                .chain(t.aliases.iter().map(String::as_str))
                .map(move |f| (f, i))
        })
        .filter(|(f, _)| !f.is_empty())
        .collect();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    forms
}

/// [`mark`] with forms from [`forms`].
pub fn mark_forms<'t, S: AsRef<str>>(text: &'t str, forms: &[(S, usize)]) -> Vec<Segment<'t>> {
    let index = FormIndex::new(forms);
    let mut out = Vec::new();
    let mut plain_from = 0;
    for (start, end, idx) in matches(text, &index) {
        if plain_from < start {
            out.push(Segment::Text(&text[plain_from..start]));
        }
        out.push(Segment::Term(&text[start..end], idx));
        plain_from = end;
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

/// Forms (from [`forms`]) grouped by their first byte, ASCII case folded, each group still
/// longest first: a word is compared only with the forms that can start it. Build it once when
/// reading many texts.
#[derive(Debug, Clone, Default)]
pub struct FormIndex {
    forms: Vec<(String, usize)>,
    /// Group `b` is `forms[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
}

impl FormIndex {
    /// Groups `forms`, which are longest first; empty forms never match and are left out.
    pub fn new<S: AsRef<str>>(forms: &[(S, usize)]) -> FormIndex {
        let mut list: Vec<(String, usize)> = forms
            .iter()
            .filter(|(f, _)| !f.as_ref().is_empty())
            .map(|(f, i)| (f.as_ref().to_string(), *i))
            .collect();
        let key = |f: &str| usize::from(f.as_bytes()[0].to_ascii_lowercase());
        // Stable, so each group keeps the longest-first order.
        list.sort_by_key(|(f, _)| key(f));
        let mut starts = vec![0; 257];
        for (f, _) in &list {
            starts[key(f) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        FormIndex {
            forms: list,
            starts,
        }
    }

    fn starting_with(&self, b: u8) -> &[(String, usize)] {
        let b = usize::from(b.to_ascii_lowercase());
        &self.forms[self.starts[b]..self.starts[b + 1]]
    }
}

/// The terms [`mark_forms`] would mark, as (start, end, entry index), without building segments:
/// the dashboard counts terms in every reflection it reads.
pub fn matches<'a>(
    text: &'a str,
    forms: &'a FormIndex,
) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let bytes = text.as_bytes();
    // Bytes >= 0x80 count as word bytes, so a skip over word bytes always ends on a char boundary.
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            if i > 0 && is_word(bytes[i - 1]) {
                // Inside a word no term starts: go to its end at once, and past the byte that
                // ends it (after a word byte, that is no start either).
                i += bytes[i..].iter().take_while(|&&b| is_word(b)).count();
                i += text[i..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            let hit = forms.starting_with(bytes[i]).iter().find_map(|(f, idx)| {
                let end = i + f.len();
                (end <= text.len()
                    && text.is_char_boundary(end)
                    && text[i..end].eq_ignore_ascii_case(f)
                    && (end == text.len() || !is_word(bytes[end])))
                .then_some((i, end, *idx))
            });
            match hit {
                Some((start, end, idx)) => {
                    i = end;
                    return Some((start, end, idx));
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Vec<Term> {
        vec![
            Term {
                term: "Coaching".into(),
                definition: "d".into(),
                aliases: vec![],
            },
            Term {
                term: "Coaching conversation".into(),
                definition: "d".into(),
                aliases: vec!["coaching conversations".into()],
            },
            Term {
                term: "Feedback".into(),
                definition: "d".into(),
                aliases: vec![],
            },
        ]
    }

    #[test]
    fn longest_whole_word_case_insensitive() {
        let segs = mark(
            "Hold coaching conversations and give feedback, not feedbacks.",
            &glossary(),
        );
        assert_eq!(
            segs,
            [
                Segment::Text("Hold "),
                Segment::Term("coaching conversations", 1),
                Segment::Text(" and give "),
                Segment::Term("feedback", 2),
                Segment::Text(", not feedbacks."),
            ]
        );
    }

    #[test]
    fn text_is_preserved_exactly() {
        for s in [
            "",
            "Coaching",
            "naïve coaching—Feedback",
            "ÜFeedback",
            "feedback",
        ] {
            let joined: String = mark(s, &glossary())
                .iter()
                .map(|s| match s {
                    Segment::Text(t) | Segment::Term(t, _) => *t,
                })
                .collect();
            assert_eq!(joined, s);
        }
        assert_eq!(mark("ÜFeedback", &glossary()), [Segment::Text("ÜFeedback")]);
    }

    /// The plain definition [`matches`] must agree with: at every position after a non-word byte,
    /// the longest form that matches case-insensitively and ends at a word boundary.
    fn reference(text: &str, forms: &[(&str, usize)]) -> Vec<(usize, usize, usize)> {
        let word = |c: char| c.is_ascii_alphanumeric() || !c.is_ascii();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let starts = text[..i].chars().next_back().is_none_or(|p| !word(p));
            let hit = starts
                .then(|| {
                    forms.iter().find(|(f, _)| {
                        text.get(i..i + f.len())
                            .is_some_and(|t| t.eq_ignore_ascii_case(f))
                            && text[i + f.len()..].chars().next().is_none_or(|n| !word(n))
                    })
                })
                .flatten();
            match hit {
                Some((f, idx)) => {
                    out.push((i, i + f.len(), *idx));
                    i += f.len();
                }
                None => i += c.len_utf8(),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn matches_agree_with_the_plain_definition(
            text in "([cC]oaching|[fF]eedback|conversations?|ü|Ü|—|-| |,|x|1){0,24}"
        ) {
            let g = glossary();
            let forms = forms(&g);
            proptest::prop_assert_eq!(matches(&text, &FormIndex::new(&forms)).collect::<Vec<_>>(), reference(&text, &forms));
        }
    }
}
