//! The JavaScript API of the checker bundle (feature `check`): the full
//! program checker, for the designer's workbench and for learner widgets that
//! are handed a source file instead of a compiled program. Learners with a
//! compiled program never download it.

use wasm_bindgen::prelude::*;

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
