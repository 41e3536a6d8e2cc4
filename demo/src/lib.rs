//! Library side of the Throughline demo LMS: the parts the demo binary
//! mounts, kept in a library so integration tests and the benchmark can run
//! them exactly as the binary does.
#![warn(missing_docs)]

pub mod lms;
pub mod lrs;
pub mod lti;
pub mod workbench;
