//! Library side of the Throughline demo: "Northwind Learning", a mock LMS
//! around the Throughline service (`throughline-service`), kept in a library
//! so integration tests run it exactly as the binary does.
#![warn(missing_docs)]

pub mod lms;
