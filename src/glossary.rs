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
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut out = Vec::new();
    let (mut plain_from, mut i) = (0, 0);
    while i < text.len() {
        let at_word_start = i == 0 || !is_word(bytes[i - 1]);
        let hit = at_word_start
            .then(|| {
                forms
                    .iter()
                    .map(|(f, idx)| (f.as_ref(), idx))
                    .find(|(f, _)| {
                        let end = i + f.len();
                        // A cheap first-byte test before the full comparison: most words start no term.
                        f.as_bytes()
                            .first()
                            .is_some_and(|b| b.eq_ignore_ascii_case(&bytes[i]))
                            && end <= text.len()
                            && text.is_char_boundary(end)
                            && text[i..end].eq_ignore_ascii_case(f)
                            && (end == text.len() || !is_word(bytes[end]))
                    })
            })
            .flatten();
        match hit {
            Some((f, idx)) => {
                if plain_from < i {
                    out.push(Segment::Text(&text[plain_from..i]));
                }
                out.push(Segment::Term(&text[i..i + f.len()], *idx));
                i += f.len();
                plain_from = i;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
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
}
