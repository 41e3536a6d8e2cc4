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

/// The `throughline` binary run in `dir`, free of the variables that would override its
/// configuration file, on the PostgreSQL `database` when given (else the file's SQLite).
pub fn throughline(dir: &std::path::Path, database: Option<&str>) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_throughline"));
    cmd.current_dir(dir)
        .env_remove("THROUGHLINE_ADDR")
        .env_remove("THROUGHLINE_DATA")
        .env_remove("THROUGHLINE_SMTP_URL");
    match database {
        Some(url) => cmd.env("THROUGHLINE_DATABASE_URL", url),
        None => cmd.env_remove("THROUGHLINE_DATABASE_URL"),
    };
    cmd
}

/// One `throughline serve` process (stopped when dropped) and its address.
pub struct Process {
    _running: Running,
    pub base: String,
}

/// Starts `throughline serve --config throughline.toml` in `dir`.
pub fn serve(dir: &std::path::Path, database: Option<&str>) -> Process {
    let mut child = throughline(dir, database)
        .args(["serve", "--config", "throughline.toml"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the service starts");
    let base = first_url(&mut child);
    Process {
        _running: Running(child),
        base,
    }
}

/// An HTTP client that takes error statuses as answers and follows no redirects.
pub fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

/// Makes `dir` a data folder `throughline serve` starts from: a placeholder widget bundle (the
/// start-up check wants one; these tests are not about it), `data/lrs`, and a `throughline.toml`
/// on a free loopback port with `extra` (more tables) after its own.
pub fn configure(dir: &std::path::Path, extra: &str) {
    std::fs::create_dir_all(dir.join("pkg")).expect("bundle dir");
    std::fs::write(dir.join("pkg/throughline.js"), "// not used here").expect("bundle");
    std::fs::create_dir_all(dir.join("data/lrs")).expect("data dir");
    std::fs::write(
        dir.join("throughline.toml"),
        format!("[server]\naddr = \"127.0.0.1:0\"\n[storage]\ndata = \"data\"\n[widget]\nbundle = \"pkg\"\n{extra}"),
    )
    .expect("config");
}
