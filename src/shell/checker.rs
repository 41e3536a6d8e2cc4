//! The program checker, loaded only when a widget is handed a source file
//! (TOML or JSON as designers write it) instead of a compiled program. It is
//! a separate bundle, `check/throughline_check.js` next to `throughline.js`,
//! so learners with a compiled program never download it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::program::LoadError;

#[wasm_bindgen(
    inline_js = "export function importChecker(path) { return import(new URL(path, import.meta.url).href).then(async (m) => { await m.default(); return m; }); }"
)]
extern "C" {
    #[wasm_bindgen(catch, js_name = importChecker)]
    fn import_checker(path: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The checker bundle relative to this snippet, which wasm-bindgen writes to
/// `snippets/<crate>-<hash>/inline0.js` in the bundle's folder. The learner
/// bundle sits beside `check/`; the admin bundle one folder deeper (`admin/`).
const CHECKER: &str = if cfg!(feature = "admin") {
    "../../../check/throughline_check.js"
} else {
    "../../check/throughline_check.js"
};

/// Checks a source program with the checker bundle and returns its compiled form.
pub async fn compile(text: &str, file_name: Option<&str>) -> Result<String, LoadError> {
    let unavailable = || LoadError::Fetch(super::say("problem-checker-unavailable", &[]));
    let promise = import_checker(CHECKER).map_err(|_| unavailable())?;
    let module = JsFuture::from(promise).await.map_err(|_| unavailable())?;
    let compile = js_sys::Reflect::get(&module, &JsValue::from_str("compileProgram"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(unavailable)?;
    let name = file_name.map_or(JsValue::UNDEFINED, JsValue::from_str);
    match compile.call2(&JsValue::NULL, &JsValue::from_str(text), &name) {
        Ok(compiled) => compiled.as_string().ok_or_else(unavailable),
        Err(problems) if js_sys::Array::is_array(&problems) => Err(LoadError::Invalid(
            js_sys::Array::from(&problems)
                .iter()
                .filter_map(|line| line.as_string())
                .collect(),
        )),
        Err(_) => Err(unavailable()),
    }
}
