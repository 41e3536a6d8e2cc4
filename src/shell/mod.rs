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
