//! The workbench's form editor over a TOML program file: which fields a designer edits in forms
//! ([`form`]), and each edit applied to the text ([`apply`]) through `toml_edit`, so comments,
//! key order and the formatting of everything not edited stay byte for byte. The text is the
//! one source of truth: the form is read from it again after every edit, and undo is the text
//! editor's.

use serde::{Deserialize, Serialize};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// One step of a path into the file: a key, or the position in an array of tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    /// The position in an array of tables (`[[roles]]`), from 0.
    Index(usize),
    /// A key.
    Key(String),
}

/// What a form field holds, and so which control edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number.
    Number,
    /// Yes or no.
    Bool,
    /// A list of words or ids, written comma-separated.
    List,
}

/// One field of a form item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Where it is in the file.
    pub path: Vec<Step>,
    /// Its key (the message `field-<key>` labels it).
    pub key: &'static str,
    /// Its control.
    pub kind: FieldKind,
    /// Its value as the control shows it (a list comma-separated); empty when not in the file.
    pub value: String,
}

/// One table of the file in the form: the program itself, `[self_check]`, one `[[roles]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Where it is in the file.
    pub path: Vec<Step>,
    /// What names it for people (a role's label, a step's day and title).
    pub name: String,
    /// Its fields.
    pub fields: Vec<Field>,
    /// Arrays of tables inside it (a role's commitments).
    pub children: Vec<Section>,
}

/// A part of the form: one table or an array of tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Its id (the message `section-<id>` names it): `program`, `roles`, `roles.commitments`...
    pub id: &'static str,
    /// Where its array is in the file (for adding an item); the table itself when not an array.
    pub path: Vec<Step>,
    /// Whether items can be added and removed.
    pub array: bool,
    /// Its items, in file order.
    pub items: Vec<Entry>,
}

/// The editable form of a program file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// Its sections, in the order a designer thinks of a program.
    pub sections: Vec<Section>,
}

/// One change a form makes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Sets a field from what its control holds (empty text removes an optional field).
    Set {
        /// The field's path.
        path: Vec<Step>,
        /// What the control holds (a list comma-separated, a number as digits, a flag as `true`).
        value: String,
    },
    /// Adds an item with fresh values at the end of an array of tables.
    Add {
        /// The array's path (`["roles", 0, "commitments"]`).
        path: Vec<Step>,
    },
    /// Removes an item of an array of tables.
    Remove {
        /// The item's path (`["glossary", 3]`).
        path: Vec<Step>,
    },
}

/// Why a form could not be read or an edit not made, in words for the designer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file is JSON: the form editor edits TOML.
    Json,
    /// The text is not TOML yet (the check shows where).
    Syntax(String),
    /// The path names nothing in the file.
    NoSuch(String),
    /// The path names something that is not what the edit needs.
    Wrong(String, &'static str),
    /// The value does not fit the field.
    BadValue(String, &'static str),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Json => f.write_str(
                "the form editor edits TOML files; this one is JSON, so edit it as text",
            ),
            EditError::Syntax(e) => write!(
                f,
                "the file is not valid TOML yet, so the form cannot show it: {e}"
            ),
            EditError::NoSuch(p) => write!(f, "{p}: there is no such entry in the file"),
            EditError::Wrong(p, what) => write!(f, "{p}: is not {what}"),
            EditError::BadValue(p, what) => write!(f, "{p}: {what}"),
        }
    }
}

/// The fields of each kind of table, in the order the form shows them.
const PROGRAM: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Text),
    ("title", FieldKind::Text),
    ("locale", FieldKind::Text),
    ("description", FieldKind::LongText),
];
const SELF_CHECK: &[(&str, FieldKind)] =
    &[("question", FieldKind::Text), ("scale", FieldKind::List)];
const ADOPTION: &[(&str, FieldKind)] = &[
    ("at_least", FieldKind::Text),
    ("consecutive", FieldKind::Number),
];
const CADENCE: &[(&str, FieldKind)] = &[
    ("max_shift_days", FieldKind::Number),
    ("weekdays", FieldKind::List),
    ("max_pause_days", FieldKind::Number),
];
const GLOSSARY: &[(&str, FieldKind)] = &[
    ("term", FieldKind::Text),
    ("definition", FieldKind::LongText),
    ("aliases", FieldKind::List),
];
const ROLE: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Text),
    ("label", FieldKind::Text),
    ("description", FieldKind::LongText),
    ("lms_roles", FieldKind::List),
    ("leads", FieldKind::Bool),
];
const COMMITMENT: &[(&str, FieldKind)] = &[
    ("behaviour", FieldKind::Text),
    ("text", FieldKind::LongText),
];
const BEHAVIOUR: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Text),
    ("title", FieldKind::Text),
    ("description", FieldKind::LongText),
    ("roles", FieldKind::List),
    ("terms", FieldKind::List),
];
const STEP: &[(&str, FieldKind)] = &[
    ("day", FieldKind::Number),
    ("title", FieldKind::Text),
    ("prompt", FieldKind::LongText),
    ("self_check", FieldKind::Bool),
];
const PAIR: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Text),
    ("title", FieldKind::Text),
    ("behaviours", FieldKind::List),
];
const OBSERVATION: &[(&str, FieldKind)] = &[
    ("behaviour", FieldKind::Text),
    ("about", FieldKind::Text),
    ("by", FieldKind::List),
    ("days", FieldKind::List),
    ("question", FieldKind::LongText),
    ("min_raters", FieldKind::Number),
];

/// The single tables and the arrays of tables the form shows, in order.
const TABLES: &[(&str, &[(&str, FieldKind)])] = &[
    ("self_check", SELF_CHECK),
    ("adoption", ADOPTION),
    ("cadence", CADENCE),
];
const ARRAYS: &[(&str, &[(&str, FieldKind)])] = &[
    ("glossary", GLOSSARY),
    ("roles", ROLE),
    ("behaviours", BEHAVIOUR),
    ("schedule", STEP),
    ("pairs", PAIR),
    ("observations", OBSERVATION),
];

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    if text.trim_start().starts_with('{') {
        return Err(EditError::Json);
    }
    text.parse::<DocumentMut>()
        .map_err(|e| EditError::Syntax(e.message().to_string()))
}

/// A path as the check writes one (`roles[0].commitments[1].text`).
fn written(path: &[Step]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Step::Index(i) => out += &format!("[{i}]"),
            Step::Key(k) if out.is_empty() => out += k,
            Step::Key(k) => out += &format!(".{k}"),
        }
    }
    out
}

fn with(path: &[Step], step: Step) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(step);
    p
}

/// A field's value as its control shows it.
fn shown(item: Option<&Item>) -> String {
    let Some(v) = item.and_then(Item::as_value) else {
        return String::new();
    };
    match v {
        Value::String(s) => s.value().clone(),
        Value::Integer(i) => i.value().to_string(),
        Value::Float(f) => f.value().to_string(),
        Value::Boolean(b) => b.value().to_string(),
        Value::Array(a) => a
            .iter()
            .map(|x| match x {
                Value::String(s) => s.value().clone(),
                other => other.to_string().trim().to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string().trim().to_string(),
    }
}

fn fields(table: &Table, path: &[Step], spec: &[(&'static str, FieldKind)]) -> Vec<Field> {
    spec.iter()
        .map(|(key, kind)| Field {
            path: with(path, Step::Key((*key).to_string())),
            key,
            kind: *kind,
            value: shown(table.get(key)),
        })
        .collect()
}

/// What names an item: the first of its naming fields that has text.
fn name_of(table: &Table, section: &str) -> String {
    let text = |k: &str| shown(table.get(k));
    match section {
        "schedule" => format!("{} · {}", text("day"), text("title")),
        "roles.commitments" | "observations" => text("behaviour"),
        _ => ["label", "title", "term", "id"]
            .iter()
            .map(|k| text(k))
            .find(|t| !t.is_empty())
            .unwrap_or_default(),
    }
}

/// The form of a TOML program file (a JSON one is refused: edit it as text).
pub fn form(text: &str) -> Result<Form, EditError> {
    let doc = parse(text)?;
    let root = doc.as_table();
    let mut sections = vec![Section {
        id: "program",
        path: Vec::new(),
        array: false,
        items: vec![Entry {
            path: Vec::new(),
            name: shown(root.get("title")),
            fields: fields(root, &[], PROGRAM),
            children: Vec::new(),
        }],
    }];
    for (key, spec) in TABLES {
        let path = vec![Step::Key((*key).to_string())];
        let items = match root.get(key).and_then(Item::as_table) {
            Some(t) => vec![Entry {
                path: path.clone(),
                name: String::new(),
                fields: fields(t, &path, spec),
                children: Vec::new(),
            }],
            None => Vec::new(),
        };
        sections.push(Section {
            id: key,
            path,
            array: false,
            items,
        });
    }
    for (key, spec) in ARRAYS {
        let path = vec![Step::Key((*key).to_string())];
        let items = root
            .get(key)
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let at = with(&path, Step::Index(i));
                        let children = if *key == "roles" {
                            let cpath = with(&at, Step::Key("commitments".into()));
                            vec![Section {
                                id: "roles.commitments",
                                path: cpath.clone(),
                                array: true,
                                items: t
                                    .get("commitments")
                                    .and_then(Item::as_array_of_tables)
                                    .map(|c| {
                                        c.iter()
                                            .enumerate()
                                            .map(|(j, ct)| {
                                                let cat = with(&cpath, Step::Index(j));
                                                Entry {
                                                    name: name_of(ct, "roles.commitments"),
                                                    fields: fields(ct, &cat, COMMITMENT),
                                                    path: cat,
                                                    children: Vec::new(),
                                                }
                                            })
                                            .collect()
                                    })
                                    .unwrap_or_default(),
                            }]
                        } else {
                            Vec::new()
                        };
                        Entry {
                            name: name_of(t, key),
                            fields: fields(t, &at, spec),
                            path: at,
                            children,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        sections.push(Section {
            id: key,
            path,
            array: true,
            items,
        });
    }
    Ok(Form { sections })
}

/// The table at `path` (the root for an empty path).
fn table_at<'d>(doc: &'d mut DocumentMut, path: &[Step]) -> Result<&'d mut Table, EditError> {
    let mut table = doc.as_table_mut();
    let mut i = 0;
    while i < path.len() {
        let Step::Key(k) = &path[i] else {
            return Err(EditError::Wrong(written(&path[..=i]), "a table"));
        };
        let item = table
            .get_mut(k)
            .ok_or_else(|| EditError::NoSuch(written(&path[..=i])))?;
        table = match (item, path.get(i + 1)) {
            (Item::ArrayOfTables(a), Some(Step::Index(n))) => {
                i += 1;
                a.get_mut(*n)
                    .ok_or_else(|| EditError::NoSuch(written(&path[..=i])))?
            }
            (Item::Table(t), _) => t,
            _ => return Err(EditError::Wrong(written(&path[..=i]), "a table")),
        };
        i += 1;
    }
    Ok(table)
}

fn array_at<'d>(
    doc: &'d mut DocumentMut,
    path: &[Step],
) -> Result<&'d mut ArrayOfTables, EditError> {
    let Some((Step::Key(key), parent)) = path.split_last() else {
        return Err(EditError::Wrong(written(path), "a list of tables"));
    };
    let table = table_at(doc, parent)?;
    if table.get(key).is_none() {
        table.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    table
        .get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| EditError::Wrong(written(path), "a list of tables"))
}

/// The kind of the field at `path`, from the form's spec; `None` for a key the form does not edit.
fn kind_of(path: &[Step]) -> Option<FieldKind> {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    let (field, within) = keys.split_last()?;
    let spec: &[(&str, FieldKind)] = match within {
        [] => PROGRAM,
        ["roles", "commitments"] => COMMITMENT,
        [one] => TABLES
            .iter()
            .chain(ARRAYS)
            .find(|(k, _)| k == one)
            .map(|(_, s)| *s)?,
        _ => return None,
    };
    spec.iter().find(|(k, _)| k == field).map(|(_, kind)| *kind)
}

fn value_for(kind: FieldKind, text: &str, at: &str) -> Result<Option<Value>, EditError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Ok(Some(match kind {
        FieldKind::Text | FieldKind::LongText => Value::from(text),
        FieldKind::Number => Value::from(
            t.parse::<i64>()
                .map_err(|_| EditError::BadValue(at.into(), "must be a whole number"))?,
        ),
        FieldKind::Bool => Value::from(match t {
            "true" => true,
            "false" => false,
            _ => return Err(EditError::BadValue(at.into(), "must be true or false")),
        }),
        FieldKind::List => {
            let mut a = toml_edit::Array::new();
            for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                // Lists of days stay numbers.
                match part.parse::<i64>() {
                    Ok(n) => a.push(n),
                    Err(_) => a.push(part),
                }
            }
            Value::Array(a)
        }
    }))
}

/// A fresh item for the array at `path`, with values that pass the check where they can.
fn fresh(doc: &DocumentMut, path: &[Step]) -> Table {
    let key = match path.last() {
        Some(Step::Key(k)) => k.as_str(),
        _ => "",
    };
    let count = |k: &str| {
        doc.get(k)
            .and_then(Item::as_array_of_tables)
            .map_or(0, |a| a.len())
    };
    let mut t = Table::new();
    let mut set = |k: &str, v: Value| {
        t.insert(k, Item::Value(v));
    };
    match (path.len(), key) {
        (1, "glossary") => {
            set("term", format!("New term {}", count("glossary") + 1).into());
            set("definition", "What it means, in one plain sentence.".into());
        }
        (1, "roles") => {
            set("id", format!("new-role-{}", count("roles") + 1).into());
            set("label", "New role".into());
            set(
                "description",
                "Who takes this role, in one sentence.".into(),
            );
        }
        (_, "commitments") => {
            set("behaviour", "".into());
            set("text", "What I will do at work, and when.".into());
        }
        (1, "behaviours") => {
            set(
                "id",
                format!("new-behaviour-{}", count("behaviours") + 1).into(),
            );
            set("title", "New behaviour".into());
            set("description", "What it looks like at work.".into());
            let mut roles = toml_edit::Array::new();
            if let Some(first) = doc
                .get("roles")
                .and_then(Item::as_array_of_tables)
                .and_then(|a| a.get(0))
                .and_then(|r| r.get("id"))
                .and_then(Item::as_str)
            {
                roles.push(first);
            }
            set("roles", Value::Array(roles));
        }
        (1, "schedule") => {
            let last = doc
                .get("schedule")
                .and_then(Item::as_array_of_tables)
                .and_then(|a| a.iter().filter_map(|s| s.get("day")?.as_integer()).max())
                .unwrap_or(0);
            set("day", (last + 7).into());
            set("title", "New reflection".into());
            set(
                "prompt",
                "What did you try this week, and what happened?".into(),
            );
            set("self_check", false.into());
        }
        (1, "pairs") => {
            set("id", format!("new-pair-{}", count("pairs") + 1).into());
            set("title", "New pair".into());
            set("behaviours", Value::Array(toml_edit::Array::new()));
        }
        (1, "observations") => {
            set("behaviour", "".into());
            set("about", "".into());
            set("by", Value::Array(toml_edit::Array::new()));
            let mut days = toml_edit::Array::new();
            days.push(30);
            set("days", Value::Array(days));
        }
        _ => {}
    }
    t
}

/// `text` with `edit` made; everything the edit does not touch stays as written.
pub fn apply(text: &str, edit: &Edit) -> Result<String, EditError> {
    let mut doc = parse(text)?;
    match edit {
        Edit::Set { path, value } => {
            let at = written(path);
            let kind = kind_of(path).ok_or_else(|| EditError::Wrong(at.clone(), "a form field"))?;
            let Some((Step::Key(key), parent)) = path.split_last() else {
                return Err(EditError::Wrong(at, "a form field"));
            };
            let new = value_for(kind, value, &at)?;
            let table = table_at(&mut doc, parent)?;
            match (table.get_mut(key), new) {
                (Some(Item::Value(old)), Some(mut new)) => {
                    // The old value's spacing and trailing comment stay with the new one.
                    *new.decor_mut() = old.decor().clone();
                    *old = new;
                }
                (Some(_), Some(_)) => return Err(EditError::Wrong(at, "a value")),
                (None, Some(new)) => {
                    table.insert(key, Item::Value(new));
                }
                (_, None) => {
                    table.remove(key);
                }
            }
        }
        Edit::Add { path } => {
            let item = fresh(&doc, path);
            array_at(&mut doc, path)?.push(item);
        }
        Edit::Remove { path } => {
            let Some((Step::Index(i), array)) = path.split_last() else {
                return Err(EditError::Wrong(written(path), "an item of a list"));
            };
            let a = array_at(&mut doc, array)?;
            if *i >= a.len() {
                return Err(EditError::NoSuch(written(path)));
            }
            a.remove(*i);
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{parse as check, Format};

    const COACHING: &str = include_str!("../../service/programs/coaching.toml");

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    fn set(path: Vec<Step>, value: &str) -> Edit {
        Edit::Set {
            path,
            value: value.into(),
        }
    }

    #[test]
    fn the_form_shows_every_part_of_the_program_with_its_values() {
        let f = form(COACHING).expect("a form");
        let ids: Vec<&str> = f.sections.iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            [
                "program",
                "self_check",
                "adoption",
                "cadence",
                "glossary",
                "roles",
                "behaviours",
                "schedule",
                "pairs",
                "observations"
            ]
        );
        let program = &f.sections[0].items[0];
        assert_eq!(program.fields[1].value, "Coaching for Performance");
        let roles = &f.sections[5];
        assert_eq!(roles.items.len(), 3);
        assert_eq!(roles.items[0].name, "Leader");
        assert_eq!(roles.items[0].children[0].items.len(), 3);
        let scale = &f.sections[1].items[0].fields[1];
        assert_eq!(scale.kind, FieldKind::List);
        assert_eq!(scale.value, "Never, Rarely, Sometimes, Often, Consistently");
        assert_eq!(f.sections[7].items[0].name, "2 · First try");
    }

    #[test]
    fn an_edit_changes_only_its_value_and_keeps_every_comment() {
        let label = vec![key("roles"), Step::Index(0), key("label")];
        let out = apply(COACHING, &set(label.clone(), "Line manager")).expect("applied");
        assert!(out.contains("label = \"Line manager\""));
        assert!(out.contains("# Leaders create a team and share its code; the others join it."));
        // Exactly one line differs.
        let changed = COACHING
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(changed, 1);
        assert_eq!(COACHING.lines().count(), out.lines().count());
        // Setting it back gives the file byte for byte.
        assert_eq!(apply(&out, &set(label, "Leader")).expect("back"), COACHING);
        // The program still passes the check, with the new label.
        let p = check(&out, Format::Toml).expect("valid");
        assert_eq!(p.roles[0].label, "Line manager");
    }

    #[test]
    fn a_commitment_text_a_number_a_flag_and_a_list_are_set_as_their_kinds() {
        let text = apply(
            COACHING,
            &set(
                vec![
                    key("roles"),
                    Step::Index(1),
                    key("commitments"),
                    Step::Index(0),
                    key("text"),
                ],
                "Ask one question \"why\" after each call.",
            ),
        )
        .expect("text");
        let text =
            apply(&text, &set(vec![key("adoption"), key("consecutive")], "3")).expect("number");
        let text = apply(
            &text,
            &set(
                vec![key("schedule"), Step::Index(0), key("self_check")],
                "true",
            ),
        )
        .expect("flag");
        let text = apply(
            &text,
            &set(
                vec![key("glossary"), Step::Index(2), key("aliases")],
                "feedback, feed-back",
            ),
        )
        .expect("list");
        let p = check(&text, Format::Toml).expect("valid");
        assert_eq!(
            p.roles[1].commitments[0].text,
            "Ask one question \"why\" after each call."
        );
        assert_eq!(p.adoption.consecutive, 3);
        assert!(p.schedule[0].self_check);
        assert_eq!(p.glossary[2].aliases, ["feedback", "feed-back"]);
        // Emptying an optional field removes it.
        let text = apply(
            &text,
            &set(vec![key("glossary"), Step::Index(2), key("aliases")], " "),
        )
        .expect("cleared");
        assert!(check(&text, Format::Toml).expect("valid").glossary[2]
            .aliases
            .is_empty());
    }

    #[test]
    fn items_are_added_with_values_that_pass_and_removed_again() {
        for array in ["glossary", "roles", "behaviours", "schedule"] {
            let added = apply(
                COACHING,
                &Edit::Add {
                    path: vec![key(array)],
                },
            )
            .expect("added");
            match check(&added, Format::Toml) {
                Ok(_) => {}
                // A new role cannot pass alone: it needs its commitments and behaviours, and the
                // check says so about the new role only.
                Err(d) if array == "roles" => {
                    assert!(d.0.iter().all(|p| p.path.starts_with("roles[3]")), "{d:?}")
                }
                Err(d) => panic!("{array}: {d:?}"),
            }
            let n = form(&added)
                .expect("form")
                .sections
                .iter()
                .find(|s| s.id == array)
                .map_or(0, |s| s.items.len());
            let removed = apply(
                &added,
                &Edit::Remove {
                    path: vec![key(array), Step::Index(n - 1)],
                },
            )
            .expect("removed");
            assert_eq!(
                removed, COACHING,
                "{array}: add then remove gives the file back"
            );
        }
        // A commitment lands in its own role, not the last one.
        let added = apply(
            COACHING,
            &Edit::Add {
                path: vec![key("roles"), Step::Index(0), key("commitments")],
            },
        )
        .expect("added");
        let f = form(&added).expect("form");
        let roles = &f.sections[5];
        assert_eq!(roles.items[0].children[0].items.len(), 4);
        assert_eq!(roles.items[2].children[0].items.len(), 3);
    }

    #[test]
    fn bad_paths_values_and_json_are_refused_in_words() {
        assert_eq!(form("{\"id\": 1}"), Err(EditError::Json));
        assert!(matches!(form("title = "), Err(EditError::Syntax(_))));
        let e = apply(
            COACHING,
            &set(vec![key("roles"), Step::Index(9), key("label")], "x"),
        )
        .expect_err("no role 9");
        assert_eq!(
            e.to_string(),
            "roles[9]: there is no such entry in the file"
        );
        let e = apply(
            COACHING,
            &set(vec![key("adoption"), key("consecutive")], "two"),
        )
        .expect_err("not a number");
        assert_eq!(
            e.to_string(),
            "adoption.consecutive: must be a whole number"
        );
        assert!(apply(COACHING, &set(vec![key("nonsense")], "x")).is_err());
        assert!(apply(
            COACHING,
            &Edit::Remove {
                path: vec![key("glossary"), Step::Index(99)]
            }
        )
        .is_err());
    }
}
