//! The browser shell: the only code that touches storage, the network, the
//! clock and downloads. Each function is a thin, fallible wrapper that turns
//! browser failures into plain-language errors for the UI.

pub mod cache;
pub mod checker;
pub mod clock;
pub mod connect;
pub mod download;
pub mod i18n;
pub mod lrs;
pub mod outbox;
pub mod program;
pub mod session;
pub mod statements;
pub mod storage;
pub mod sync;
pub mod teams;

thread_local! {
    /// The language the shell words the problems it reports in: the widget's, once its file
    /// has loaded (English before). One per page: widgets on a page share their language.
    static WORDS: std::cell::RefCell<Option<std::sync::Arc<crate::i18n::Messages>>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes `messages` the language the shell's problems are worded in from now on.
pub fn speak(messages: std::sync::Arc<crate::i18n::Messages>) {
    WORDS.with(|w| *w.borrow_mut() = Some(messages));
}

/// The message `id` in the shell's language (see [`speak`]).
pub(crate) fn say(id: &str, args: &[(&str, crate::i18n::Arg)]) -> String {
    WORDS.with(|w| match &*w.borrow() {
        Some(m) => m.with(id, args),
        None => crate::i18n::english().with(id, args),
    })
}

/// What the core words (`Worded`), in the shell's language.
pub(crate) fn say_worded(w: &dyn crate::i18n::Worded) -> String {
    let words = w.words();
    say(words.id, &words.args)
}

/// Writes a message to the browser console, where page authors look first.
pub fn console_error(message: &str) {
    web_sys::console::error_1(&format!("Throughline: {message}").into());
}

/// Records a performance mark; marks are how start-up time is measured.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Resolves once the browser has had a chance to paint what is on the page now, so work queued
/// after it (a second of writing the dashboard's fold) does not hold back what was just drawn.
/// A frame callback runs before a paint and the timeout it sets after it; frames stop in a
/// hidden tab, so a plain 200 ms timeout resolves it there.
pub async fn after_paint() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _reject| {
        let w = window.clone();
        let after_frame = resolve.clone();
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = w.set_timeout_with_callback(&after_frame);
        });
        let _ = window.request_animation_frame(frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
