//! Throughline: a learning-ecosystem widget for LMS course pages.
//!
//! The crate is split into a pure core (no browser APIs, tested natively)
//! and, on `wasm32` only, a thin browser shell and a Leptos UI. See
//! `ARCHITECTURE.md` for the module map and import rules.

pub mod adoption;
pub mod calendar;
pub mod cohort;
pub mod enrolment;
pub mod glossary;
pub mod i18n;
pub mod ident;
pub mod insights;
pub mod launch;
pub mod nudge;
pub mod observed;
pub mod outbox;
#[cfg(not(target_arch = "wasm32"))]
pub mod package;
pub mod plan;
pub mod program;
pub mod schedule;
pub mod team;
pub mod xapi;

#[cfg(all(target_arch = "wasm32", feature = "admin"))]
pub mod admin;
#[cfg(all(target_arch = "wasm32", feature = "check"))]
pub mod check;
#[cfg(all(target_arch = "wasm32", feature = "learner"))]
pub mod entry;
#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod ui;
