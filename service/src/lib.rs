//! The Throughline service: what an LMS admin deploys next to the widget.
//! One server for the xAPI LRS, the LTI 1.3 tool, the widget bundles, the
//! compiled programs learners load and the designer's workbench
//! ([`server::Service`]), started by `throughline serve --config FILE`
//! ([`config`]). The demo LMS (`throughline-demo`) mounts the same service
//! in-process and adds its mock LMS around it.
#![warn(missing_docs)]

pub mod config;
pub mod http;
mod insights;
pub mod lrs;
pub mod lti;
pub mod nudges;
mod programs;
pub mod server;
mod teams;
pub mod workbench;
