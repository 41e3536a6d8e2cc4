//! A format-neutral, span-carrying view of a program file.
//!
//! TOML and JSON are both lowered to [`Node`] so that one validator reports
//! the same field paths and positions whichever format a designer chose.

use std::borrow::Cow;
use std::ops::Range;

/// A parsed value with the byte range it came from.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Byte range of the value in the source text.
    pub span: Range<usize>,
    /// The value itself.
    pub kind: Kind<'a>,
}

/// A table key with the byte range of its name.
#[derive(Debug, Clone)]
pub struct Key<'a> {
    /// The key as written (unescaped).
    pub name: Cow<'a, str>,
    /// Byte range of the key in the source text.
    pub span: Range<usize>,
}

/// The shapes a value can take in either format.
#[derive(Debug, Clone)]
pub enum Kind<'a> {
    /// A table (TOML) or object (JSON), in source order where the parser keeps it.
    Table(Vec<(Key<'a>, Node<'a>)>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// A string.
    Str(Cow<'a, str>),
    /// A whole number that fits in an `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A value the program format never uses (JSON null, TOML datetime).
    Other(&'static str),
}

impl Kind<'_> {
    /// How a designer would name this kind of value in an error message.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Table(_) => "a table",
            Kind::Array(_) => "a list",
            Kind::Str(_) => "text",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Bool(_) => "true/false",
            Kind::Other(what) => what,
        }
    }
}

/// A syntax error, before any field is looked at.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Byte offset where the parser gave up.
    pub offset: usize,
    /// The parser's own explanation.
    pub message: String,
}

/// Parses TOML, reporting every syntax error the parser can recover from.
pub fn from_toml(text: &str) -> Result<Node<'_>, Vec<SyntaxError>> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| SyntaxError {
                offset: e.span().map(|s| s.start).unwrap_or(0),
                message: first_line(e.message()),
            })
            .collect());
    }
    let span = doc.span();
    Ok(Node {
        span,
        kind: toml_table(doc.into_inner()),
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

fn toml_table(table: toml::de::DeTable<'_>) -> Kind<'_> {
    let mut entries: Vec<(Key<'_>, Node<'_>)> = table
        .into_iter()
        .map(|(k, v)| {
            let key = Key {
                span: k.span(),
                name: k.into_inner(),
            };
            (key, toml_node(v))
        })
        .collect();
    // Keep the designer's order so errors read top to bottom.
    entries.sort_by_key(|(k, _)| k.span.start);
    Kind::Table(entries)
}

fn toml_node(value: toml::Spanned<toml::de::DeValue<'_>>) -> Node<'_> {
    use toml::de::DeValue;
    let span = value.span();
    let kind = match value.into_inner() {
        DeValue::String(s) => Kind::Str(s),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(&digits, i.radix()) {
                Ok(n) => Kind::Int(n),
                Err(_) => Kind::Float(f64::NAN),
            }
        }
        DeValue::Float(f) => Kind::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Kind::Bool(b),
        DeValue::Datetime(_) => Kind::Other("a date"),
        DeValue::Array(items) => Kind::Array(items.into_iter().map(toml_node).collect()),
        DeValue::Table(t) => toml_table(t),
    };
    Node { span, kind }
}

/// Parses JSON (comments and trailing commas tolerated, as designers hand-edit it).
pub fn from_json(text: &str) -> Result<Node<'_>, Vec<SyntaxError>> {
    use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
    let result =
        parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()).map_err(|e| {
            vec![SyntaxError {
                offset: e.range().start,
                message: e.kind().to_string(),
            }]
        })?;
    match result.value {
        Some(v) => Ok(json_node(v)),
        None => Err(vec![SyntaxError {
            offset: 0,
            message: "the file is empty".into(),
        }]),
    }
}

fn json_node(value: jsonc_parser::ast::Value<'_>) -> Node<'_> {
    use jsonc_parser::ast::{ObjectPropName, Value};
    use jsonc_parser::common::Ranged;
    let r = value.range();
    let span = r.start..r.end;
    let kind = match value {
        Value::StringLit(s) => Kind::Str(s.value),
        Value::NumberLit(n) => match n.value.parse::<i64>() {
            Ok(i) => Kind::Int(i),
            Err(_) => Kind::Float(n.value.parse().unwrap_or(f64::NAN)),
        },
        Value::BooleanLit(b) => Kind::Bool(b.value),
        Value::NullKeyword(_) => Kind::Other("null"),
        Value::Array(a) => Kind::Array(a.elements.into_iter().map(json_node).collect()),
        Value::Object(o) => Kind::Table(
            o.properties
                .into_iter()
                .map(|p| {
                    let (name, r) = match p.name {
                        ObjectPropName::String(s) => (s.value, s.range),
                        ObjectPropName::Word(w) => (Cow::Borrowed(w.value), w.range),
                    };
                    (
                        Key {
                            name,
                            span: r.start..r.end,
                        },
                        json_node(p.value),
                    )
                })
                .collect(),
        ),
    };
    Node { span, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keeps_spans_and_order() {
        let src = "b = 1\na = \"x\"\n";
        let node = from_toml(src).expect("valid toml");
        let Kind::Table(entries) = node.kind else {
            panic!("table expected")
        };
        assert_eq!(entries[0].0.name, "b");
        assert_eq!(&src[entries[1].1.span.clone()], "\"x\"");
    }

    #[test]
    fn toml_reports_syntax_errors_with_offsets() {
        let errs = from_toml("a = \nb = 2").unwrap_err();
        assert!(!errs.is_empty());
        assert!(errs[0].offset <= 5);
    }

    #[test]
    fn json_objects_become_tables() {
        let node = from_json("{\"a\": [1, 2.5, true, null]}").expect("valid json");
        let Kind::Table(entries) = node.kind else {
            panic!("table expected")
        };
        let Kind::Array(items) = &entries[0].1.kind else {
            panic!("array expected")
        };
        assert!(matches!(items[0].kind, Kind::Int(1)));
        assert!(matches!(items[1].kind, Kind::Float(_)));
        assert!(matches!(items[3].kind, Kind::Other("null")));
    }

    #[test]
    fn json_syntax_error_has_offset() {
        let errs = from_json("{\"a\": }").unwrap_err();
        assert_eq!(errs.len(), 1);
    }
}
