//! The JavaScript API of the checker bundle (feature `check`): the full
//! program checker, for the designer's workbench and for learner widgets that
//! are handed a source file instead of a compiled program. Learners with a
//! compiled program never download it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::program::{compiled, connections, parse, Format};

/// Checks a program file and returns its compiled form, for the learner
/// widget (`shell::checker`). Throws an array of `LINE:COL: path: message` lines.
#[wasm_bindgen(js_name = compileProgram)]
pub fn compile_program(text: &str, file_name: Option<String>) -> Result<String, JsValue> {
    match parse(text, Format::detect(file_name.as_deref(), text)) {
        Ok(program) => Ok(compiled::compile(&program)),
        Err(d) => Err(d
            .0
            .iter()
            .map(|d| JsValue::from_str(&d.to_string()))
            .collect::<js_sys::Array>()
            .into()),
    }
}

/// Checks a program file's text the way `throughline check` does, for the designer's workbench.
/// Returns `{ ok, title, roles: [{id, label}], connections: {ROLE: [{kind, text}]},
/// problems: [{path, line, column, message}] }`; `connections` are each role's pairs and
/// observations in plain words, for the preview.
#[wasm_bindgen(js_name = checkProgram)]
pub fn check_program(text: &str, file_name: Option<String>) -> Result<JsValue, JsValue> {
    let out = match parse(text, Format::detect(file_name.as_deref(), text)) {
        Ok(p) => serde_json::json!({
            "ok": true,
            "title": p.title,
            "roles": p.roles.iter().map(|r| serde_json::json!({ "id": r.id, "label": r.label })).collect::<Vec<_>>(),
            "connections": p.roles.iter().map(|r| (r.id.clone(), connections::of_role(&p, &r.id))).collect::<std::collections::BTreeMap<_, _>>(),
            "problems": [],
        }),
        Err(d) => {
            serde_json::json!({ "ok": false, "title": null, "roles": [], "connections": {}, "problems": d.0 })
        }
    };
    serde::Serialize::serialize(&out, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The form editor's view of a TOML program (`program::edit::form`): sections of items with
/// their fields' paths, kinds and values. Throws the reason (in English) when the text is JSON
/// or not TOML yet.
#[wasm_bindgen(js_name = programForm)]
pub fn program_form(text: &str) -> Result<JsValue, JsValue> {
    let form = crate::program::edit::form(text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    serde::Serialize::serialize(&form, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// `text` with one form edit made (`{op: "set", path, value}`, `{op: "add", path}`,
/// `{op: "remove", path}`), comments and layout kept. Throws the reason when it cannot be made.
#[wasm_bindgen(js_name = editProgram)]
pub fn edit_program(text: &str, edit: JsValue) -> Result<String, JsValue> {
    let edit: crate::program::edit::Edit = serde_wasm_bindgen::from_value(edit)
        .map_err(|e| JsValue::from_str(&format!("not an edit: {e}")))?;
    crate::program::edit::apply(text, &edit).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// A message of the workbench's files in `lang` (a shipped language, else English), with its
/// values (`{count: 2, name: "x"}`: numbers choose plural forms).
#[wasm_bindgen(js_name = workbenchSay)]
pub fn workbench_say(lang: &str, id: &str, args: JsValue) -> String {
    use crate::i18n::{Arg, WORKBENCH};
    let mut values: Vec<(String, Arg)> = Vec::new();
    if let Some(object) = args.dyn_ref::<js_sys::Object>() {
        for entry in js_sys::Object::entries(object).iter() {
            let pair = js_sys::Array::from(&entry);
            let Some(name) = pair.get(0).as_string() else {
                continue;
            };
            let value = pair.get(1);
            let arg = match (value.as_f64(), value.as_string()) {
                (Some(n), _) if n >= 0.0 && n.fract() == 0.0 => Arg::Count(n as u64),
                (Some(n), _) => Arg::Text(n.to_string()),
                (None, Some(s)) => Arg::Text(s),
                (None, None) => Arg::Text(String::new()),
            };
            values.push((name, arg));
        }
    }
    let args: Vec<(&str, Arg)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    WORKBENCH.messages(lang).with(id, &args)
}
