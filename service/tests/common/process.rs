//! A `throughline` (or any) child process the test owns: killed when dropped,
//! its address read from the first line it prints.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::Child;

/// A child process, killed when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first `http://` address on the child's first line of output (its stdout must be piped).
pub fn first_url(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    line.split_whitespace()
        .find(|w| w.starts_with("http://"))
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}
