//! Which database a test's LRS uses. `.ci/run` runs the LRS tests twice: on
//! SQLite, then with `THROUGHLINE_TEST_POSTGRES` naming a throwaway
//! PostgreSQL server, where every test gets a database of its own.
#![allow(dead_code)]

/// The variable naming the test server, e.g. `postgres://tl@127.0.0.1:5433/postgres`.
pub const SERVER_VAR: &str = "THROUGHLINE_TEST_POSTGRES";

/// A fresh database's URL on the test server, or `None` to use SQLite.
pub fn fresh() -> Option<String> {
    let server = std::env::var(SERVER_VAR)
        .ok()
        .filter(|s| !s.trim().is_empty())?;
    Some(create_on(&server))
}

/// Creates an empty database on `server` and returns its URL. Works from
/// async tests too: the blocking client runs on a thread of its own.
pub fn create_on(server: &str) -> String {
    let server = server.to_string();
    std::thread::spawn(move || create_here(&server))
        .join()
        .expect("creating a test database")
}

fn create_here(server: &str) -> String {
    let name = format!("tl_{}", uuid::Uuid::new_v4().simple());
    let mut client = postgres::Client::connect(server, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL server ({SERVER_VAR}): {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    format!("{base}/{name}")
}
