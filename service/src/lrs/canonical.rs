//! `format=canonical` (xAPI 1.0.3, GET statements): activities carry the
//! LRS's canonical definition (every definition stored for the id, merged),
//! and every language map keeps one entry, the language the client asked
//! for in `Accept-Language` as closely as the map allows. Agents stay exact.

use serde_json::{Map, Value};

/// The client's languages from an `Accept-Language` header, most wanted first (`*` and q=0 dropped).
pub fn accept_languages(header: Option<&str>) -> Vec<String> {
    let mut ranked: Vec<(u16, usize, String)> = header
        .unwrap_or_default()
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim();
            let q = bits
                .filter_map(|b| b.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            // Whole thousandths are enough to rank; the float never leaves this line.
            let q = (q.clamp(0.0, 1.0) * 1000.0).round() as u16;
            (q > 0 && !tag.is_empty() && tag != "*").then(|| (q, i, tag.to_ascii_lowercase()))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, tag)| tag).collect()
}

/// The statement in canonical form; `definition` gives the canonical definition of an activity id.
pub fn canonical(
    statement: &Value,
    languages: &[String],
    definition: &mut dyn FnMut(&str) -> Option<Value>,
) -> Value {
    let mut st = statement.clone();
    if let Some(obj) = st.as_object_mut() {
        in_statement(obj, languages, definition);
    }
    st
}

fn in_statement(
    obj: &mut Map<String, Value>,
    languages: &[String],
    definition: &mut dyn FnMut(&str) -> Option<Value>,
) {
    if let Some(display) = obj.get_mut("verb").and_then(|v| v.get_mut("display")) {
        one_language(display, languages);
    }
    if let Some(object) = obj.get_mut("object") {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => activity(object, languages, definition),
            Some("SubStatement") => {
                if let Some(sub) = object.as_object_mut() {
                    in_statement(sub, languages, definition);
                }
            }
            _ => {}
        }
    }
    let Some(activities) = obj
        .get_mut("context")
        .and_then(|c| c.get_mut("contextActivities"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for list in activities.values_mut() {
        match list {
            Value::Array(items) => items
                .iter_mut()
                .for_each(|a| activity(a, languages, definition)),
            single @ Value::Object(_) => activity(single, languages, definition),
            _ => {}
        }
    }
}

fn activity(
    activity: &mut Value,
    languages: &[String],
    definition: &mut dyn FnMut(&str) -> Option<Value>,
) {
    let Some(obj) = activity.as_object_mut() else {
        return;
    };
    if let Some(known) = obj
        .get("id")
        .and_then(Value::as_str)
        .and_then(&mut *definition)
    {
        obj.insert("definition".into(), known);
    }
    let Some(def) = obj.get_mut("definition").and_then(Value::as_object_mut) else {
        return;
    };
    for key in ["name", "description"] {
        if let Some(map) = def.get_mut(key) {
            one_language(map, languages);
        }
    }
    // Interaction components (choices, scale, source, target, steps) describe themselves too.
    for key in ["choices", "scale", "source", "target", "steps"] {
        if let Some(Value::Array(items)) = def.get_mut(key) {
            for item in items {
                if let Some(map) = item.get_mut("description") {
                    one_language(map, languages);
                }
            }
        }
    }
}

/// Keeps the best entry of a language map: an exact tag, else the same primary language,
/// else `und`, else the first; a map that is already one entry (or not a map) stays.
fn one_language(map: &mut Value, languages: &[String]) {
    let Some(entries) = map.as_object() else {
        return;
    };
    if entries.len() < 2 {
        return;
    }
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let exact = languages
        .iter()
        .find_map(|want| entries.keys().find(|k| k.eq_ignore_ascii_case(want)));
    let close = || {
        languages.iter().find_map(|want| {
            let want = primary(want);
            entries.keys().find(|k| primary(k) == want)
        })
    };
    let chosen = exact
        .or_else(close)
        .or_else(|| entries.keys().find(|k| k.eq_ignore_ascii_case("und")))
        .or_else(|| entries.keys().next())
        .cloned();
    if let Some(key) = chosen {
        if let Some(obj) = map.as_object_mut() {
            obj.retain(|k, _| *k == key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn languages_are_ranked_by_quality_then_order() {
        assert_eq!(
            accept_languages(Some("fr;q=0.5, de-DE, en;q=0.9, *;q=0.1, it;q=0")),
            ["de-de", "en", "fr"]
        );
        assert!(accept_languages(None).is_empty());
        assert_eq!(accept_languages(Some(" , ;q=1")), Vec::<String>::new());
    }

    #[test]
    fn maps_keep_the_closest_language_and_definitions_are_canonical() {
        let st = json!({
            "verb": {"id": "v", "display": {"en-US": "answered", "de-DE": "beantwortet", "fr": "répondu"}},
            "object": {"id": "a", "definition": {"name": {"en-US": "Old"}}},
            "context": {"contextActivities": {
                "parent": [{"id": "p", "definition": {"name": {"en-GB": "Program", "und": "Programm?"}}}],
                "grouping": {"id": "g", "definition": {"description": {"es": "curso", "pt": "curso"}}}
            }},
            "actor": {"mbox": "mailto:a@example.org", "name": "Ana"}
        });
        let mut lookup = |id: &str| {
            (id == "a").then(|| {
                json!({"name": {"en-US": "Coaching", "de-DE": "Coaching (de)"},
                       "choices": [{"id": "c", "description": {"en-US": "Yes", "de": "Ja"}}]})
            })
        };
        let out = canonical(&st, &accept_languages(Some("de-DE, en;q=0.5")), &mut lookup);
        assert_eq!(out["verb"]["display"], json!({"de-DE": "beantwortet"}));
        assert_eq!(
            out["object"]["definition"]["name"],
            json!({"de-DE": "Coaching (de)"})
        );
        assert_eq!(
            out["object"]["definition"]["choices"][0]["description"],
            json!({"de": "Ja"})
        );
        // No German, but English: the same primary language; else `und`; else the first.
        let parent = &out["context"]["contextActivities"]["parent"][0]["definition"]["name"];
        assert_eq!(parent, &json!({"en-GB": "Program"}));
        let none = canonical(&st, &[], &mut |_| None);
        assert_eq!(
            none["context"]["contextActivities"]["parent"][0]["definition"]["name"],
            json!({"und": "Programm?"})
        );
        assert_eq!(
            none["context"]["contextActivities"]["grouping"]["definition"]["description"],
            json!({"es": "curso"})
        );
        assert_eq!(none["actor"], st["actor"], "agents stay exact");
    }
}
