//! Turns a [`Node`] tree into a [`Program`], collecting every problem at once.

use crate::ident::{is_absolute_iri, is_language_tag};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::tree::{Key, Kind, Node};
use super::{
    AdoptionRule, Behaviour, Cadence, Diagnostic, Diagnostics, Observation, Pair, Program, Role,
    SelfCheck, Step, Suggestion, Term, Weekday,
};

/// Longest text accepted in any single field; keeps stored plans and statements bounded.
const MAX_TEXT: usize = 4000;

struct Checker<'s> {
    text: &'s str,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn err(&mut self, span: &Range<usize>, path: &str, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::at(self.text, span.start, path, message));
    }
}

/// A value together with where it was written, for cross-reference errors.
struct At<T> {
    value: T,
    span: Range<usize>,
    path: String,
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// A table being read; remembers which keys were asked for so the rest can be reported.
struct Table<'n, 'a> {
    path: String,
    span: Range<usize>,
    entries: &'n [(Key<'a>, Node<'a>)],
    known: Vec<&'static str>,
}

impl<'n, 'a> Table<'n, 'a> {
    fn open(c: &mut Checker, node: &'n Node<'a>, path: &str) -> Option<Table<'n, 'a>> {
        match &node.kind {
            Kind::Table(entries) => Some(Table {
                path: path.to_string(),
                span: node.span.clone(),
                entries,
                known: Vec::new(),
            }),
            other => {
                c.err(
                    &node.span,
                    path,
                    format!("expected a table, found {}", other.describe()),
                );
                None
            }
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'n Node<'a>> {
        self.known.push(key);
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn finish(self, c: &mut Checker) {
        for (key, _) in self.entries {
            if self.known.iter().any(|k| *k == key.name) {
                continue;
            }
            let best = self
                .known
                .iter()
                .map(|k| (strsim::damerau_levenshtein(k, &key.name), *k))
                .filter(|(d, k)| *d <= 2.max(k.len() / 3))
                .min();
            let hint = match best {
                Some((_, k)) => format!("; did you mean `{k}`?"),
                None => format!("; expected one of: {}", self.known.join(", ")),
            };
            c.err(
                &key.span,
                &join(&self.path, &key.name),
                format!("unknown key `{}`{hint}", key.name),
            );
        }
    }

    fn required(&mut self, c: &mut Checker, key: &'static str) -> Option<&'n Node<'a>> {
        let node = self.get(key);
        if node.is_none() {
            c.err(&self.span, &self.path(key), "is required but missing");
        }
        node
    }

    fn text(&mut self, c: &mut Checker, key: &'static str, required: bool) -> Option<At<String>> {
        let node = if required {
            self.required(c, key)?
        } else {
            self.get(key)?
        };
        let path = self.path(key);
        match &node.kind {
            Kind::Str(s) if s.trim().is_empty() => {
                c.err(&node.span, &path, "must not be empty");
                None
            }
            Kind::Str(s) if s.chars().count() > MAX_TEXT => {
                c.err(
                    &node.span,
                    &path,
                    format!("is too long (at most {MAX_TEXT} characters)"),
                );
                None
            }
            Kind::Str(s) => Some(At {
                value: s.trim().to_string(),
                span: node.span.clone(),
                path,
            }),
            other => {
                c.err(
                    &node.span,
                    &path,
                    format!("expected text, found {}", other.describe()),
                );
                None
            }
        }
    }

    fn text_list(&mut self, c: &mut Checker, key: &'static str, required: bool) -> Vec<At<String>> {
        let node = if required {
            self.required(c, key)
        } else {
            self.get(key)
        };
        let Some(node) = node else { return Vec::new() };
        let path = self.path(key);
        let Kind::Array(items) = &node.kind else {
            c.err(
                &node.span,
                &path,
                format!("expected a list of text, found {}", node.kind.describe()),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match &item.kind {
                Kind::Str(s) if !s.trim().is_empty() => out.push(At {
                    value: s.trim().to_string(),
                    span: item.span.clone(),
                    path: p,
                }),
                Kind::Str(_) => c.err(&item.span, &p, "must not be empty"),
                other => c.err(
                    &item.span,
                    &p,
                    format!("expected text, found {}", other.describe()),
                ),
            }
        }
        if required && items.is_empty() {
            c.err(&node.span, &path, "must list at least one entry");
        }
        out
    }

    fn whole(&mut self, c: &mut Checker, key: &'static str, range: Range<i64>) -> Option<At<i64>> {
        self.required(c, key)?;
        self.optional_whole(c, key, range)
    }

    /// A whole number that may be left out (`None` when absent or wrong).
    fn optional_whole(
        &mut self,
        c: &mut Checker,
        key: &'static str,
        range: Range<i64>,
    ) -> Option<At<i64>> {
        let node = self.get(key)?;
        let path = self.path(key);
        match node.kind {
            Kind::Int(n) if range.contains(&n) => Some(At {
                value: n,
                span: node.span.clone(),
                path,
            }),
            Kind::Int(n) => {
                c.err(
                    &node.span,
                    &path,
                    format!("{n} is out of range ({} to {})", range.start, range.end - 1),
                );
                None
            }
            ref other => {
                c.err(
                    &node.span,
                    &path,
                    format!("expected a whole number, found {}", other.describe()),
                );
                None
            }
        }
    }

    fn flag(&mut self, c: &mut Checker, key: &'static str) -> bool {
        match self.get(key) {
            None => false,
            Some(Node {
                kind: Kind::Bool(b),
                ..
            }) => *b,
            Some(node) => {
                c.err(
                    &node.span,
                    &self.path(key),
                    format!("expected true or false, found {}", node.kind.describe()),
                );
                false
            }
        }
    }

    /// An array of tables (`[[key]]` in TOML, an array of objects in JSON).
    fn tables(
        &mut self,
        c: &mut Checker,
        key: &'static str,
        required: bool,
    ) -> Vec<(String, &'n Node<'a>)> {
        let node = if required {
            self.required(c, key)
        } else {
            self.get(key)
        };
        let Some(node) = node else { return Vec::new() };
        let path = self.path(key);
        match &node.kind {
            Kind::Array(items) if items.is_empty() && required => {
                c.err(&node.span, &path, "must have at least one entry");
                Vec::new()
            }
            Kind::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("{path}[{i}]"), n))
                .collect(),
            other => {
                c.err(
                    &node.span,
                    &path,
                    format!("expected a list of tables, found {}", other.describe()),
                );
                Vec::new()
            }
        }
    }
}

/// Ids are used in storage keys, statement extensions and URLs: keep them plain.
fn check_id(c: &mut Checker, id: &At<String>) {
    let ok = id.value.len() <= 64
        && id
            .value
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
        && id.value.starts_with(|ch: char| ch.is_ascii_lowercase());
    if !ok {
        c.err(&id.span, &id.path, format!("`{}` is not a valid id: use lowercase letters, digits, `-` or `_`, starting with a letter", id.value));
    }
}

fn unique(c: &mut Checker, items: &[At<String>], what: &str) {
    let mut seen = HashSet::new();
    for item in items {
        if !seen.insert(item.value.to_lowercase()) {
            c.err(
                &item.span,
                &item.path,
                format!("{what} `{}` appears more than once", item.value),
            );
        }
    }
}

fn suggest<'x>(wanted: &str, options: impl Iterator<Item = &'x str>) -> String {
    let options: Vec<&str> = options.collect();
    let best = options
        .iter()
        .map(|o| {
            (
                strsim::damerau_levenshtein(&o.to_lowercase(), &wanted.to_lowercase()),
                *o,
            )
        })
        .filter(|(d, o)| *d <= 2.max(o.len() / 3))
        .min();
    match best {
        Some((_, o)) => format!("; did you mean `{o}`?"),
        None if options.is_empty() => String::new(),
        None => format!("; known: {}", options.join(", ")),
    }
}

pub(super) fn program(text: &str, root: &Node<'_>) -> Result<Program, Diagnostics> {
    let mut c = Checker {
        text,
        errors: Vec::new(),
    };
    let Some(mut top) = Table::open(&mut c, root, "") else {
        return Err(Diagnostics::new(c.errors));
    };

    let id = top.text(&mut c, "id", true);
    if let Some(id) = &id {
        if !is_absolute_iri(&id.value) {
            c.err(&id.span, "id", format!("`{}` is not an absolute IRI; use a URL you control, such as https://example.org/programs/coaching", id.value));
        }
    }
    let title = top.text(&mut c, "title", true);
    let locale = top.text(&mut c, "locale", false);
    if let Some(l) = &locale {
        if !is_language_tag(&l.value) {
            c.err(
                &l.span,
                "locale",
                format!("`{}` is not a language tag such as en or en-US", l.value),
            );
        }
    }
    let description = top.text(&mut c, "description", false);
    let translations_node = top.get("translations");

    // Glossary.
    let mut glossary = Vec::new();
    let mut term_names = Vec::new();
    for (path, node) in top.tables(&mut c, "glossary", true) {
        let Some(mut t) = Table::open(&mut c, node, &path) else {
            continue;
        };
        let term = t.text(&mut c, "term", true);
        let definition = t.text(&mut c, "definition", true);
        let aliases = t.text_list(&mut c, "aliases", false);
        t.finish(&mut c);
        if let (Some(term), Some(definition)) = (term, definition) {
            glossary.push(Term {
                term: term.value.clone(),
                definition: definition.value,
                aliases: aliases.into_iter().map(|a| a.value).collect(),
            });
            term_names.push(term);
        }
    }
    unique(&mut c, &term_names, "term");

    // Roles and their suggested commitments (behaviour references checked below).
    let mut roles = Vec::new();
    let mut role_ids = Vec::new();
    let mut suggestion_refs: Vec<(usize, At<String>)> = Vec::new();
    for (path, node) in top.tables(&mut c, "roles", true) {
        let Some(mut t) = Table::open(&mut c, node, &path) else {
            continue;
        };
        let rid = t.text(&mut c, "id", true);
        let label = t.text(&mut c, "label", true);
        let rdesc = t.text(&mut c, "description", true);
        let lms_roles = t.text_list(&mut c, "lms_roles", false);
        let leads = t.flag(&mut c, "leads");
        let commitment_nodes = t.tables(&mut c, "commitments", false);
        if commitment_nodes.is_empty() {
            c.err(
                &t.span,
                &t.path("commitments"),
                "this role has no suggested commitments; add at least one [[roles.commitments]]",
            );
        }
        let mut commitments = Vec::new();
        for (cpath, cnode) in commitment_nodes {
            let Some(mut ct) = Table::open(&mut c, cnode, &cpath) else {
                continue;
            };
            let behaviour = ct.text(&mut c, "behaviour", true);
            let text = ct.text(&mut c, "text", true);
            ct.finish(&mut c);
            if let (Some(b), Some(text)) = (behaviour, text) {
                commitments.push(Suggestion {
                    behaviour: b.value.clone(),
                    text: text.value,
                });
                suggestion_refs.push((roles.len(), b));
            }
        }
        t.finish(&mut c);
        if let (Some(rid), Some(label), Some(rdesc)) = (rid, label, rdesc) {
            check_id(&mut c, &rid);
            roles.push(Role {
                id: rid.value.clone(),
                label: label.value,
                description: rdesc.value,
                lms_roles: lms_roles.into_iter().map(|l| l.value).collect(),
                commitments,
                leads,
            });
            role_ids.push(rid);
        }
    }
    unique(&mut c, &role_ids, "role id");

    // Behaviours.
    let mut behaviours = Vec::new();
    let mut behaviour_ids = Vec::new();
    for (path, node) in top.tables(&mut c, "behaviours", true) {
        let Some(mut t) = Table::open(&mut c, node, &path) else {
            continue;
        };
        let bid = t.text(&mut c, "id", true);
        let title = t.text(&mut c, "title", true);
        let bdesc = t.text(&mut c, "description", true);
        let broles = t.text_list(&mut c, "roles", true);
        let terms = t.text_list(&mut c, "terms", false);
        t.finish(&mut c);
        for r in &broles {
            if !roles.iter().any(|x| x.id == r.value) {
                let hint = suggest(&r.value, roles.iter().map(|x| x.id.as_str()));
                c.err(
                    &r.span,
                    &r.path,
                    format!("no role has the id `{}`{hint}", r.value),
                );
            }
        }
        for term in &terms {
            if !glossary
                .iter()
                .any(|g| g.term.eq_ignore_ascii_case(&term.value))
            {
                let hint = suggest(&term.value, glossary.iter().map(|g| g.term.as_str()));
                c.err(
                    &term.span,
                    &term.path,
                    format!("`{}` is not in the glossary{hint}", term.value),
                );
            }
        }
        if let (Some(bid), Some(title), Some(bdesc)) = (bid, title, bdesc) {
            check_id(&mut c, &bid);
            behaviours.push(Behaviour {
                id: bid.value.clone(),
                title: title.value,
                description: bdesc.value,
                roles: broles.into_iter().map(|r| r.value).collect(),
                terms: terms.into_iter().map(|t| t.value).collect(),
            });
            behaviour_ids.push(bid);
        }
    }
    unique(&mut c, &behaviour_ids, "behaviour id");
    for (role_index, b) in &suggestion_refs {
        let role = &roles[*role_index];
        match behaviours.iter().find(|x| x.id == b.value) {
            None => {
                let hint = suggest(&b.value, behaviours.iter().map(|x| x.id.as_str()));
                c.err(
                    &b.span,
                    &b.path,
                    format!("no behaviour has the id `{}`{hint}", b.value),
                );
            }
            Some(found) if !found.roles.contains(&role.id) => {
                c.err(&b.span, &b.path, format!("behaviour `{}` is not developed in role `{}`; add `{}` to its roles or pick another behaviour", b.value, role.id, role.id));
            }
            Some(_) => {}
        }
    }

    // Self-check and adoption rule.
    let mut self_check = None;
    let mut scale_at: Vec<At<String>> = Vec::new();
    if let Some(node) = top.required(&mut c, "self_check") {
        if let Some(mut t) = Table::open(&mut c, node, "self_check") {
            let question = t.text(&mut c, "question", true);
            scale_at = t.text_list(&mut c, "scale", true);
            let span = t.span.clone();
            t.finish(&mut c);
            if !(2..=10).contains(&scale_at.len()) && !scale_at.is_empty() {
                c.err(
                    &span,
                    "self_check.scale",
                    format!("has {} levels; use between 2 and 10", scale_at.len()),
                );
            }
            unique(&mut c, &scale_at, "scale level");
            if let Some(q) = question {
                self_check = Some(SelfCheck {
                    question: q.value,
                    scale: scale_at.iter().map(|s| s.value.clone()).collect(),
                });
            }
        }
    }
    let mut adoption = None;
    if let Some(node) = top.required(&mut c, "adoption") {
        if let Some(mut t) = Table::open(&mut c, node, "adoption") {
            let at_least = t.text(&mut c, "at_least", true);
            let consecutive = t.whole(&mut c, "consecutive", 1..11);
            t.finish(&mut c);
            let level = at_least.as_ref().and_then(|a| {
                let found = scale_at
                    .iter()
                    .position(|s| s.value.eq_ignore_ascii_case(&a.value));
                if found.is_none() && !scale_at.is_empty() {
                    let hint = suggest(&a.value, scale_at.iter().map(|s| s.value.as_str()));
                    c.err(
                        &a.span,
                        &a.path,
                        format!("`{}` is not a level of self_check.scale{hint}", a.value),
                    );
                }
                found
            });
            if let (Some(level), Some(n)) = (level, consecutive) {
                adoption = Some((
                    AdoptionRule {
                        at_least: level as u8,
                        consecutive: n.value as u8,
                    },
                    n,
                ));
            }
        }
    }

    // Schedule.
    let mut schedule: Vec<Step> = Vec::new();
    let mut last_day: Option<At<i64>> = None;
    for (path, node) in top.tables(&mut c, "schedule", true) {
        let Some(mut t) = Table::open(&mut c, node, &path) else {
            continue;
        };
        let day = t.whole(&mut c, "day", 1..3651);
        let stitle = t.text(&mut c, "title", true);
        let prompt = t.text(&mut c, "prompt", true);
        let asks = t.flag(&mut c, "self_check");
        let mut role_prompts = BTreeMap::new();
        if let Some(rp) = t.get("role_prompts") {
            if let Some(mut rt) = Table::open(&mut c, rp, &t.path("role_prompts")) {
                for (key, value) in rt.entries {
                    let kpath = rt.path(&key.name);
                    if !roles.iter().any(|r| r.id == key.name) {
                        let hint = suggest(&key.name, roles.iter().map(|r| r.id.as_str()));
                        c.err(
                            &key.span,
                            &kpath,
                            format!("no role has the id `{}`{hint}", key.name),
                        );
                    }
                    match &value.kind {
                        Kind::Str(s) if !s.trim().is_empty() => {
                            role_prompts.insert(key.name.to_string(), s.trim().to_string());
                        }
                        other => c.err(
                            &value.span,
                            &kpath,
                            format!(
                                "expected the prompt text, found {}",
                                if matches!(other, Kind::Str(_)) {
                                    "empty text"
                                } else {
                                    other.describe()
                                }
                            ),
                        ),
                    }
                }
                // Every key was handled above, so none is "unknown".
                rt.known.clear();
                rt.entries = &[];
                rt.finish(&mut c);
            }
        }
        t.finish(&mut c);
        if let Some(day) = &day {
            if let Some(prev) = &last_day {
                if day.value <= prev.value {
                    c.err(&day.span, &day.path, format!("day {} must come after the previous step's day {}: the schedule must increase", day.value, prev.value));
                }
            }
        }
        if let (Some(d), Some(stitle), Some(prompt)) = (&day, stitle, prompt) {
            schedule.push(Step {
                day: d.value as u32,
                title: stitle.value,
                prompt: prompt.value,
                role_prompts,
                self_check: asks,
            });
        }
        if day.is_some() {
            last_day = day;
        }
    }
    if let Some((rule, n)) = &adoption {
        let checks = schedule.iter().filter(|s| s.self_check).count();
        if checks < rule.consecutive as usize && !schedule.is_empty() {
            c.err(&n.span, &n.path, format!("needs {} consecutive self-checks but the schedule asks only {checks}; set `self_check = true` on more steps", rule.consecutive));
        }
    }
    let cadence = top
        .get("cadence")
        .map(|node| cadence(&mut c, node))
        .unwrap_or_default();
    let pairs = pairs(&mut c, &mut top, &behaviours);
    let observations = observations(&mut c, &mut top, &roles, &behaviours, &schedule);
    top.finish(&mut c);

    // Roles that are expected to change but have nothing to practise.
    for (role, at) in roles.iter().zip(&role_ids) {
        if !behaviours.iter().any(|b| b.roles.contains(&role.id)) && !behaviours.is_empty() {
            c.err(
                &at.span,
                &at.path,
                format!(
                    "no behaviour is developed in role `{}`; list it in some behaviour's roles",
                    role.id
                ),
            );
        }
    }

    if !c.errors.is_empty() {
        return Err(Diagnostics::new(c.errors));
    }
    let program = match (id, title, self_check, adoption) {
        (Some(id), Some(title), Some(self_check), Some((adoption, _))) => Ok(Program {
            id: id.value,
            title: title.value,
            locale: locale.map(|l| l.value).unwrap_or_else(|| "en".into()),
            description: description.map(|d| d.value),
            glossary,
            roles,
            behaviours,
            schedule,
            self_check,
            adoption,
            cadence,
            pairs,
            observations,
            translations: BTreeMap::new(),
            translation_index: Default::default(),
        }),
        // Unreachable in practice: a missing part always records an error above.
        _ => Err(Diagnostics::new(vec![Diagnostic::at(
            text,
            0,
            "",
            "the program is incomplete",
        )])),
    };
    let mut program = program?;
    if let Some(node) = translations_node {
        program.translations = translations(&mut c, node, &program);
        if !c.errors.is_empty() {
            return Err(Diagnostics::new(c.errors));
        }
    }
    Ok(program)
}

/// The optional `[cadence]` table: how far learners may set their own rhythm.
fn cadence(c: &mut Checker, node: &Node<'_>) -> Cadence {
    let mut out = Cadence::default();
    let Some(mut t) = Table::open(c, node, "cadence") else {
        return out;
    };
    if let Some(n) = t.optional_whole(c, "max_shift_days", 0..i64::from(Cadence::MAX_SHIFT) + 1) {
        out.max_shift_days = n.value as u8;
    }
    if let Some(n) = t.optional_whole(c, "max_pause_days", 0..i64::from(Cadence::MAX_PAUSE) + 1) {
        out.max_pause_days = n.value as u16;
    }
    if t.get("weekdays").is_some() {
        let days = t.text_list(c, "weekdays", false);
        let mut chosen = Vec::new();
        for d in days {
            match Weekday::parse(&d.value) {
                Some(w) if chosen.contains(&w) => c.err(
                    &d.span,
                    &d.path,
                    format!("`{}` appears more than once", d.value),
                ),
                Some(w) => chosen.push(w),
                None => {
                    let hint = suggest(&d.value, Weekday::ALL.iter().map(|w| w.name()));
                    c.err(
                        &d.span,
                        &d.path,
                        format!("`{}` is not a day of the week{hint}", d.value),
                    );
                }
            }
        }
        chosen.sort();
        out.weekdays = chosen;
    }
    t.finish(c);
    out
}

/// `[[pairs]]`: behaviours of different roles that are two sides of one conversation.
fn pairs(c: &mut Checker, top: &mut Table<'_, '_>, behaviours: &[Behaviour]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut ids = Vec::new();
    for (path, node) in top.tables(c, "pairs", false) {
        let Some(mut t) = Table::open(c, node, &path) else {
            continue;
        };
        let id = t.text(c, "id", true);
        let title = t.text(c, "title", true);
        let members = t.text_list(c, "behaviours", true);
        let span = t.span.clone();
        t.finish(c);
        let mut ok = true;
        let mut found: Vec<&Behaviour> = Vec::new();
        for m in &members {
            match behaviours.iter().find(|b| b.id == m.value) {
                None => {
                    ok = false;
                    let hint = suggest(&m.value, behaviours.iter().map(|b| b.id.as_str()));
                    c.err(
                        &m.span,
                        &m.path,
                        format!("no behaviour has the id `{}`{hint}", m.value),
                    );
                }
                Some(b) if found.iter().any(|f| f.id == b.id) => {
                    ok = false;
                    c.err(
                        &m.span,
                        &m.path,
                        format!("`{}` appears more than once in this pair", m.value),
                    );
                }
                Some(b) => found.push(b),
            }
        }
        if ok && members.len() == 1 {
            ok = false;
            c.err(
                &span,
                &format!("{path}.behaviours"),
                "a pair needs at least two behaviours, one for each side of the conversation",
            );
        }
        // Two sides means two roles: some two behaviours must be practised by different roles.
        let spans_roles = found.iter().enumerate().any(|(i, a)| {
            found[i + 1..]
                .iter()
                .any(|b| a.roles.iter().any(|ra| b.roles.iter().any(|rb| ra != rb)))
        });
        if ok && found.len() >= 2 && !spans_roles {
            let role = found[0].roles.first().cloned().unwrap_or_default();
            c.err(&span, &format!("{path}.behaviours"), format!("every behaviour in this pair is developed only in role `{role}`: a pair joins the sides of different roles"));
            ok = false;
        }
        if let (Some(id), Some(title), true) = (id, title, ok) {
            check_id(c, &id);
            out.push(Pair {
                id: id.value.clone(),
                title: title.value,
                behaviours: members.into_iter().map(|m| m.value).collect(),
            });
            ids.push(id);
        }
    }
    unique(c, &ids, "pair id");
    out
}

/// `[[observations]]`: who is asked about whom, when, and how many raters it takes.
fn observations(
    c: &mut Checker,
    top: &mut Table<'_, '_>,
    roles: &[Role],
    behaviours: &[Behaviour],
    schedule: &[Step],
) -> Vec<Observation> {
    let mut out: Vec<Observation> = Vec::new();
    for (path, node) in top.tables(c, "observations", false) {
        let Some(mut t) = Table::open(c, node, &path) else {
            continue;
        };
        let behaviour = t.text(c, "behaviour", true);
        let about = t.text(c, "about", true);
        let by = t.text_list(c, "by", true);
        let days_node = t.required(c, "days");
        let question = t.text(c, "question", false);
        let min_raters = t.optional_whole(
            c,
            "min_raters",
            i64::from(Observation::LEAST_MIN_RATERS)..101,
        );
        let span = t.span.clone();
        t.finish(c);
        let mut ok = true;
        let role_known = |c: &mut Checker, r: &At<String>| {
            let known = roles.iter().any(|x| x.id == r.value);
            if !known {
                let hint = suggest(&r.value, roles.iter().map(|x| x.id.as_str()));
                c.err(
                    &r.span,
                    &r.path,
                    format!("no role has the id `{}`{hint}", r.value),
                );
            }
            known
        };
        let found = behaviour.as_ref().and_then(|b| {
            let found = behaviours.iter().find(|x| x.id == b.value);
            if found.is_none() {
                let hint = suggest(&b.value, behaviours.iter().map(|x| x.id.as_str()));
                c.err(
                    &b.span,
                    &b.path,
                    format!("no behaviour has the id `{}`{hint}", b.value),
                );
            }
            found
        });
        ok &= found.is_some();
        if let Some(a) = &about {
            ok &= role_known(c, a);
            if let Some(b) = found {
                if ok && !b.roles.contains(&a.value) {
                    ok = false;
                    c.err(&a.span, &a.path, format!("behaviour `{}` is not developed in role `{}`, so nobody in it can be observed doing it; add `{}` to the behaviour's roles or observe another role", b.id, a.value, a.value));
                }
            }
        }
        for r in &by {
            ok &= role_known(c, r);
        }
        let mut days = Vec::new();
        if let Some(node) = days_node {
            let dpath = format!("{path}.days");
            match &node.kind {
                Kind::Array(items) if items.is_empty() => {
                    ok = false;
                    c.err(
                        &node.span,
                        &dpath,
                        "must list at least one schedule day, or nobody is ever asked",
                    );
                }
                Kind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let ipath = format!("{dpath}[{i}]");
                        match item.kind {
                            Kind::Int(d) if schedule.iter().any(|s| i64::from(s.day) == d) => {
                                if days.contains(&(d as u32)) {
                                    c.err(
                                        &item.span,
                                        &ipath,
                                        format!("day {d} appears more than once"),
                                    );
                                    ok = false;
                                } else {
                                    days.push(d as u32);
                                }
                            }
                            Kind::Int(d) => {
                                ok = false;
                                let known: Vec<String> =
                                    schedule.iter().map(|s| s.day.to_string()).collect();
                                c.err(&item.span, &ipath, format!("no schedule step is on day {d}, so nobody would be asked then; steps are on days {}", known.join(", ")));
                            }
                            ref other => {
                                ok = false;
                                c.err(
                                    &item.span,
                                    &ipath,
                                    format!("expected a schedule day, found {}", other.describe()),
                                );
                            }
                        }
                    }
                }
                other => {
                    ok = false;
                    c.err(
                        &node.span,
                        &dpath,
                        format!(
                            "expected a list of schedule days, found {}",
                            other.describe()
                        ),
                    );
                }
            }
        }
        if let (Some(b), Some(a)) = (&behaviour, &about) {
            if out
                .iter()
                .any(|o| o.behaviour == b.value && o.about == a.value)
            {
                ok = false;
                c.err(&span, &path, format!("behaviour `{}` of role `{}` is already observed above; list every rater role in one observation's `by`", b.value, a.value));
            }
        }
        if let (true, Some(b), Some(a), Some(found)) =
            (ok && !by.is_empty(), behaviour, about, found)
        {
            days.sort_unstable();
            out.push(Observation {
                behaviour: b.value,
                about: a.value,
                by: by.into_iter().map(|r| r.value).collect(),
                days,
                question: question.map(|q| q.value).unwrap_or_else(|| {
                    format!(
                        "In the last two weeks, how often did {{name}} do this: {}?",
                        found.title.to_lowercase()
                    )
                }),
                min_raters: min_raters.map_or(Observation::DEFAULT_MIN_RATERS, |m| m.value as u8),
            });
        }
    }
    out
}

/// The entries of a table keyed by ids, each of which must be one of `known` (else an error with
/// the closest one); as `(id, node, path)`.
fn by_id<'n, 'a>(
    c: &mut Checker,
    node: &'n Node<'a>,
    path: &str,
    known: &[&str],
    what: &str,
) -> Vec<(String, &'n Node<'a>, String)> {
    let Kind::Table(entries) = &node.kind else {
        c.err(
            &node.span,
            path,
            format!("expected a table, found {}", node.kind.describe()),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let p = join(path, &key.name);
        if known.contains(&key.name.as_ref()) {
            out.push((key.name.to_string(), value, p));
        } else {
            let hint = suggest(&key.name, known.iter().copied());
            c.err(
                &key.span,
                &p,
                format!("the program has no {what} `{}`{hint}", key.name),
            );
        }
    }
    out
}

/// A list of texts that must have exactly `n` entries (one for each of the program's own).
fn same_length(
    c: &mut Checker,
    t: &mut Table,
    key: &'static str,
    n: usize,
    what: &str,
) -> Vec<String> {
    let list = t.text_list(c, key, false);
    if !list.is_empty() && list.len() != n {
        let span = t.get(key).map(|n| n.span.clone()).unwrap_or(t.span.clone());
        c.err(
            &span,
            &t.path(key),
            format!(
                "has {} entries; give all {n} {what}, in the program's order",
                list.len()
            ),
        );
    }
    list.into_iter().map(|a| a.value).collect()
}

/// `[translations.<lang>]`: the program's texts in more languages, named by the ids they belong
/// to. Only ids the program has; lists as long as the program's; checked like the program's texts.
fn translations(
    c: &mut Checker,
    node: &Node<'_>,
    p: &Program,
) -> BTreeMap<String, super::Translation> {
    use super::translations::{BehaviourText, RoleText, SelfCheckText, StepText, TermText};
    let mut out = BTreeMap::new();
    let roles: Vec<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    let behaviours: Vec<&str> = p.behaviours.iter().map(|b| b.id.as_str()).collect();
    let terms: Vec<&str> = p.glossary.iter().map(|g| g.term.as_str()).collect();
    let days: Vec<String> = p.schedule.iter().map(|s| s.day.to_string()).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    let pairs: Vec<&str> = p.pairs.iter().map(|x| x.id.as_str()).collect();
    let observed: Vec<&str> = p
        .observations
        .iter()
        .map(|o| o.behaviour.as_str())
        .collect();
    let Kind::Table(langs) = &node.kind else {
        c.err(
            &node.span,
            "translations",
            "expected a table of languages, such as [translations.de]",
        );
        return out;
    };
    for (key, lang_node) in langs {
        let lang = key.name.to_string();
        let path = join("translations", &lang);
        if !is_language_tag(&lang) {
            c.err(
                &key.span,
                &path,
                format!("`{lang}` is not a language tag such as de or fr-CA"),
            );
            continue;
        }
        if lang.eq_ignore_ascii_case(&p.locale) {
            c.err(&key.span, &path, format!("`{lang}` is the program's own language (`locale`): write those texts in the program itself"));
            continue;
        }
        let Some(mut t) = Table::open(c, lang_node, &path) else {
            continue;
        };
        let mut tr = super::Translation {
            title: t.text(c, "title", false).map(|a| a.value),
            description: t.text(c, "description", false).map(|a| a.value),
            ..Default::default()
        };
        if let Some(n) = t.get("roles") {
            for (id, n, path) in by_id(c, n, &t.path("roles"), &roles, "role") {
                let Some(mut rt) = Table::open(c, n, &path) else {
                    continue;
                };
                let count = p.role(&id).map_or(0, |r| r.commitments.len());
                let text = RoleText {
                    label: rt.text(c, "label", false).map(|a| a.value),
                    description: rt.text(c, "description", false).map(|a| a.value),
                    commitments: same_length(
                        c,
                        &mut rt,
                        "commitments",
                        count,
                        "suggested commitments",
                    ),
                };
                rt.finish(c);
                tr.roles.insert(id, text);
            }
        }
        if let Some(n) = t.get("behaviours") {
            for (id, n, path) in by_id(c, n, &t.path("behaviours"), &behaviours, "behaviour") {
                let Some(mut bt) = Table::open(c, n, &path) else {
                    continue;
                };
                let text = BehaviourText {
                    title: bt.text(c, "title", false).map(|a| a.value),
                    description: bt.text(c, "description", false).map(|a| a.value),
                };
                bt.finish(c);
                tr.behaviours.insert(id, text);
            }
        }
        if let Some(n) = t.get("glossary") {
            for (term, n, path) in by_id(c, n, &t.path("glossary"), &terms, "glossary term") {
                let Some(mut gt) = Table::open(c, n, &path) else {
                    continue;
                };
                let text = TermText {
                    term: gt.text(c, "term", false).map(|a| a.value),
                    definition: gt.text(c, "definition", false).map(|a| a.value),
                    aliases: gt
                        .text_list(c, "aliases", false)
                        .into_iter()
                        .map(|a| a.value)
                        .collect(),
                };
                gt.finish(c);
                tr.glossary.insert(term, text);
            }
        }
        if let Some(n) = t.get("schedule") {
            for (day, n, path) in by_id(c, n, &t.path("schedule"), &days, "step on day") {
                let Some(mut st) = Table::open(c, n, &path) else {
                    continue;
                };
                let mut text = StepText {
                    title: st.text(c, "title", false).map(|a| a.value),
                    prompt: st.text(c, "prompt", false).map(|a| a.value),
                    ..Default::default()
                };
                if let Some(n) = st.get("prompts") {
                    for (role, n, path) in by_id(c, n, &st.path("prompts"), &roles, "role") {
                        match &n.kind {
                            Kind::Str(s) if !s.trim().is_empty() => {
                                text.prompts.insert(role, s.trim().to_string());
                            }
                            _ => c.err(&n.span, &path, "expected the prompt's text"),
                        }
                    }
                }
                st.finish(c);
                if let Ok(day) = day.parse::<u32>() {
                    tr.schedule.insert(day, text);
                }
            }
        }
        if let Some(n) = t.get("self_check") {
            if let Some(mut sc) = Table::open(c, n, &t.path("self_check")) {
                tr.self_check = Some(SelfCheckText {
                    question: sc.text(c, "question", false).map(|a| a.value),
                    scale: same_length(c, &mut sc, "scale", p.self_check.scale.len(), "levels"),
                });
                sc.finish(c);
            }
        }
        if let Some(n) = t.get("pairs") {
            for (id, n, path) in by_id(c, n, &t.path("pairs"), &pairs, "pair") {
                let Some(mut pt) = Table::open(c, n, &path) else {
                    continue;
                };
                if let Some(title) = pt.text(c, "title", false) {
                    tr.pairs.insert(id, title.value);
                }
                pt.finish(c);
            }
        }
        if let Some(n) = t.get("observations") {
            for (behaviour, n, path) in by_id(
                c,
                n,
                &t.path("observations"),
                &observed,
                "observed behaviour",
            ) {
                let about: Vec<&str> = p
                    .observations
                    .iter()
                    .filter(|o| o.behaviour == behaviour)
                    .map(|o| o.about.as_str())
                    .collect();
                for (role, n, path) in
                    by_id(c, n, &path, &about, "observation of this behaviour in role")
                {
                    let Some(mut ot) = Table::open(c, n, &path) else {
                        continue;
                    };
                    if let Some(q) = ot.text(c, "question", false) {
                        tr.observations
                            .entry(behaviour.clone())
                            .or_default()
                            .insert(role, q.value);
                    }
                    ot.finish(c);
                }
            }
        }
        t.finish(c);
        out.insert(lang, tr);
    }
    out
}
