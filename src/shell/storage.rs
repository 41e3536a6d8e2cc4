//! Browser storage for plans, through gloo-storage's localStorage wrapper.

use gloo_storage::{LocalStorage, Storage};

const LEARNER_KEY: &str = "throughline:v1:learner";

/// Why storage could not be used, in words for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError(pub String);

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn unavailable() -> StorageError {
    StorageError(super::say("problem-storage-blocked", &[]))
}

/// The raw stored text under `key`, if any.
pub fn load(key: &str) -> Result<Option<String>, StorageError> {
    LocalStorage::raw().get_item(key).map_err(|_| unavailable())
}

/// Saves raw text under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageError> {
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|_| StorageError(super::say("problem-storage-full", &[])))
}

/// Keeps unreadable stored data under a side key instead of deleting it, so nothing a learner wrote is destroyed.
pub fn keep_aside(key: &str, raw: &str) {
    let _ = save(&format!("{key}:unreadable"), raw);
}

/// This browser's anonymous learner id, created once, for pages that do not say who the learner is.
pub fn anonymous_learner() -> String {
    if let Ok(Some(id)) = load(LEARNER_KEY) {
        if !id.is_empty() {
            return id;
        }
    }
    let id = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("anon-{}", js_sys::Date::now() as u64));
    let _ = save(LEARNER_KEY, &id);
    id
}
