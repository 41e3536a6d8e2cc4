//! The SQLite backend: one file in the data dir, one writing connection behind a mutex and a
//! pool of read-only ones.
//!
//! A single connection in WAL mode sustains far more than one service's
//! write rate, and one writer removes every question about interleaved
//! transactions: each write is one critical section. Reads take a connection of their own
//! (WAL lets readers work beside the writer and each other, each seeing what was committed
//! when it began), so a dashboard reading four pages at once is not answered one by one.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, TransactionBehavior};

use super::sql::{check_args, Arg, Cell, DbError, Row, Sql};
use super::{ApiError, LrsError};

/// Name of the SQLite file inside the data dir.
pub const DB_FILE: &str = "lrs.sqlite3";

/// Schema migrations in order: the database's `user_version` counts those applied, and
/// opening applies the rest, each in its own transaction. Never edit one that shipped; add one.
const MIGRATIONS: [&str; 7] = [
    SCHEMA_1, SCHEMA_2, SCHEMA_3, SCHEMA_4, SCHEMA_5, SCHEMA_6, SCHEMA_7,
];

/// The first schema (`IF NOT EXISTS`, so databases made before versioning pass through it).
const SCHEMA_1: &str = "
CREATE TABLE IF NOT EXISTS statements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    stored_ns INTEGER NOT NULL,
    verb_id TEXT NOT NULL,
    registration TEXT,
    voids TEXT,
    refs TEXT,
    voided INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_verb ON statements(verb_id, seq);
CREATE INDEX IF NOT EXISTS statements_registration ON statements(registration, seq);
CREATE INDEX IF NOT EXISTS statements_stored ON statements(stored_ns, seq);
CREATE INDEX IF NOT EXISTS statements_voids ON statements(voids);
CREATE INDEX IF NOT EXISTS statements_refs ON statements(refs);
CREATE TABLE IF NOT EXISTS statement_agents (
    seq INTEGER NOT NULL REFERENCES statements(seq),
    ifi TEXT NOT NULL,
    role INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_agents_ifi ON statement_agents(ifi, role, seq);
CREATE UNIQUE INDEX IF NOT EXISTS statement_agents_row ON statement_agents(seq, role, ifi);
CREATE TABLE IF NOT EXISTS statement_activities (
    seq INTEGER NOT NULL REFERENCES statements(seq),
    activity_id TEXT NOT NULL,
    role INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_activities_id ON statement_activities(activity_id, role, seq);
CREATE UNIQUE INDEX IF NOT EXISTS statement_activities_row ON statement_activities(seq, role, activity_id);
CREATE TABLE IF NOT EXISTS statement_ref_keys (
    seq INTEGER NOT NULL REFERENCES statements(seq),
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_ref_keys_value ON statement_ref_keys(kind, value, seq);
CREATE UNIQUE INDEX IF NOT EXISTS statement_ref_keys_row ON statement_ref_keys(seq, kind, value);
CREATE TABLE IF NOT EXISTS activities (
    id TEXT PRIMARY KEY,
    definition TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agents (
    ifi TEXT PRIMARY KEY,
    agent TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    agent_ifi TEXT NOT NULL,
    registration TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated_ns INTEGER NOT NULL,
    PRIMARY KEY (kind, activity_id, agent_ifi, registration, doc_id)
);
";

/// Attachment contents sent with statements, by hash.
const SCHEMA_2: &str = "
CREATE TABLE IF NOT EXISTS attachments (
    sha2 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL
);
";

/// The LTI tool's logins in progress and the id_token nonces it has seen, kept with the data
/// rather than in one process's memory (a restart does not reopen a replay window).
const SCHEMA_3: &str = "
CREATE TABLE IF NOT EXISTS lti_logins (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    started_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lti_nonces (
    nonce TEXT PRIMARY KEY,
    seen_ns INTEGER NOT NULL
);
";

/// A statement's own verb and registration become rows of `statement_ref_keys`, beside those
/// inherited through StatementRefs, so one ordered index serves the verb and registration
/// filters; the column indexes they replace go.
const SCHEMA_4: &str = "
INSERT OR IGNORE INTO statement_ref_keys (seq, kind, value) SELECT seq, 'verb', verb_id FROM statements;
INSERT OR IGNORE INTO statement_ref_keys (seq, kind, value)
    SELECT seq, 'registration', registration FROM statements WHERE registration IS NOT NULL;
DROP INDEX IF EXISTS statements_verb;
DROP INDEX IF EXISTS statements_registration;
";

/// LTI Advantage: each resource-link launch's LRS key and what the platform offered with it
/// (grades, roster), and the grade sends waiting for the platform's acknowledgement.
const SCHEMA_5: &str = "
CREATE TABLE IF NOT EXISTS lti_launches (
    key TEXT PRIMARY KEY,
    secret_sha256 TEXT NOT NULL,
    agent TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    roles TEXT NOT NULL,
    lineitem TEXT,
    lineitems TEXT,
    program TEXT NOT NULL,
    adoption_grade INTEGER NOT NULL,
    roster_url TEXT,
    created_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lti_grades (
    lineitem TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    score TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_ns INTEGER NOT NULL,
    last_error TEXT,
    done_ns INTEGER,
    PRIMARY KEY (lineitem, subject, kind)
);
CREATE INDEX IF NOT EXISTS lti_grades_due ON lti_grades(done_ns, next_ns);
";

/// Nudges: where each learner is reached (and whether they unsubscribed), every message
/// claimed (so no two processes send the same one), and the learners' calendar feeds.
const SCHEMA_6: &str = "
CREATE TABLE IF NOT EXISTS nudge_recipients (
    agent_ifi TEXT PRIMARY KEY,
    email TEXT,
    source TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    unsubscribed_ns INTEGER,
    updated_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS nudges (
    agent_ifi TEXT NOT NULL,
    program TEXT NOT NULL,
    day INTEGER NOT NULL,
    due TEXT NOT NULL,
    kind TEXT NOT NULL,
    claimed_ns INTEGER NOT NULL,
    sent_ns INTEGER,
    PRIMARY KEY (agent_ifi, program, day, due, kind)
);
CREATE TABLE IF NOT EXISTS calendar_feeds (
    token_sha256 TEXT PRIMARY KEY,
    agent_ifi TEXT NOT NULL,
    program TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    revoked_ns INTEGER
);
CREATE INDEX IF NOT EXISTS calendar_feeds_owner ON calendar_feeds(agent_ifi, program);
";

/// Nudges by chat: the incoming webhook the host gave for a learner (`slack` or `teams`).
const SCHEMA_7: &str = "
ALTER TABLE nudge_recipients ADD COLUMN chat_format TEXT;
ALTER TABLE nudge_recipients ADD COLUMN chat_url TEXT;
";

/// How many read-only connections the pool keeps at most.
const READERS: u32 = 4;

/// The open database file.
pub(crate) struct Sqlite {
    conn: Mutex<Connection>,
    readers: r2d2::Pool<Readers>,
}

/// Opens read-only connections to the database file for the pool.
struct Readers {
    path: std::path::PathBuf,
}

impl r2d2::ManageConnection for Readers {
    type Connection = Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> Result<Connection, rusqlite::Error> {
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(256);
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> Result<(), rusqlite::Error> {
        conn.execute_batch("")
    }

    fn has_broken(&self, _: &mut Connection) -> bool {
        false
    }
}

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            Arg::Int(v) => ToSqlOutput::from(v),
            Arg::Text(s) => ToSqlOutput::from(s),
            Arg::OptText(Some(s)) => ToSqlOutput::from(s),
            Arg::OptText(None) => ToSqlOutput::from(rusqlite::types::Null),
            Arg::Bytes(b) => ToSqlOutput::from(b),
        })
    }
}

fn db(e: rusqlite::Error) -> DbError {
    DbError(e.to_string())
}

/// A connection as the store's logic sees it.
struct Lite<'a>(&'a Connection);

impl Sql for Lite<'_> {
    fn exec(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, DbError> {
        check_args(args)?;
        let mut stmt = self.0.prepare_cached(sql).map_err(db)?;
        let changed = stmt.execute(rusqlite::params_from_iter(args)).map_err(db)?;
        Ok(changed as u64)
    }

    fn rows(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, DbError> {
        check_args(args)?;
        let mut stmt = self.0.prepare_cached(sql).map_err(db)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).map_err(db)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(db)? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(match r.get_ref(i).map_err(db)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(v) => Cell::Int(v),
                    ValueRef::Text(t) => Cell::Text(
                        String::from_utf8(t.to_vec())
                            .map_err(|_| DbError(format!("column {i} is not UTF-8")))?,
                    ),
                    ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
                    ValueRef::Real(_) => {
                        return Err(DbError(format!("column {i} holds a real number")))
                    }
                });
            }
            out.push(Row(cells));
        }
        Ok(out)
    }

    fn now_ns(&mut self) -> Result<i64, DbError> {
        // One process owns the file, so its clock is the only one.
        Ok(super::now_ns())
    }
}

impl Sqlite {
    /// Opens (or creates) the database file in `dir`, in WAL mode, and migrates it.
    pub(crate) fn open(dir: &Path) -> Result<Sqlite, LrsError> {
        let path = dir.join(DB_FILE);
        let sql = |context: &'static str| {
            let path = path.clone();
            move |e: rusqlite::Error| fail(context, &path, e)
        };
        let mut conn = Connection::open(&path).map_err(sql("opening the database"))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sql("setting the busy timeout"))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(sql("switching to WAL mode"))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(LrsError::Database {
                context: "switching to WAL mode",
                place: path.display().to_string(),
                message: format!("the journal mode stayed {mode}"),
            });
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(sql("setting pragmas"))?;
        migrate(&mut conn, &path)?;
        // Room for every shape the statement query and the batch inserts make.
        conn.set_prepared_statement_cache_capacity(256);
        let readers = r2d2::Pool::builder()
            .max_size(READERS)
            .min_idle(Some(1))
            // A local file: nothing to test per checkout.
            .test_on_check_out(false)
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(Readers { path: path.clone() })
            .map_err(|e| LrsError::Database {
                context: "opening read connections",
                place: path.display().to_string(),
                message: e.to_string(),
            })?;
        Ok(Sqlite {
            conn: Mutex::new(conn),
            readers,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (transactions roll back on drop), so a poisoned lock is usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one transaction, committed when it succeeds.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.lock();
        // IMMEDIATE takes the write lock up front, so a command-line tool
        // writing the same file waits instead of failing half-way.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| {
                ApiError::internal(format!("storage error while starting a transaction: {e}"))
            })?;
        let out = f(&mut Lite(&tx))?;
        tx.commit()
            .map_err(|e| ApiError::internal(format!("storage error while committing: {e}")))?;
        Ok(out)
    }

    /// Runs `f` on the writing connection, outside a transaction: no write is under way while
    /// it runs (what `Store::consistent_through` promises rests on that).
    pub(crate) fn settled<T>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let conn = self.lock();
        f(&mut Lite(&conn))
    }

    /// Runs `f` outside a transaction on a read-only connection of the pool (each query sees
    /// what is committed), beside other reads and the writer.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let conn = self.readers.get().map_err(|e| {
            ApiError::internal(format!("storage error: no database connection: {e}"))
        })?;
        f(&mut Lite(&conn))
    }
}

fn fail(context: &'static str, path: &Path, e: rusqlite::Error) -> LrsError {
    LrsError::Database {
        context,
        place: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Brings the schema to the newest this service knows; refuses a newer one.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), LrsError> {
    let sql = |context: &'static str| move |e: rusqlite::Error| fail(context, path, e);
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql("reading the schema version"))?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > MIGRATIONS.len() {
        return Err(LrsError::Schema {
            place: path.display().to_string(),
            found,
            known: MIGRATIONS.len(),
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found) {
        let tx = conn
            .transaction()
            .map_err(sql("starting a schema migration"))?;
        tx.execute_batch(step)
            .map_err(sql("migrating the schema"))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(sql("recording the schema version"))?;
        tx.commit().map_err(sql("committing a schema migration"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Storage, Store};
    use super::*;

    #[test]
    fn the_schema_is_versioned_and_migrated_at_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DB_FILE);
        // A database from before versioning: the first schema, user_version 0, no attachments table.
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(SCHEMA_1).expect("old schema");
            conn.execute_batch(
                "INSERT INTO activities (id, definition) VALUES ('http://a', '{}');
                 INSERT INTO statements (id, stored_ns, verb_id, registration, body)
                     VALUES ('s1', 1000, 'http://v', 'r1', '{\"id\":\"s1\"}');",
            )
            .expect("data");
        }
        let store = Store::open(&Storage::Sqlite(dir.path().to_path_buf())).expect("migrates");
        store
            .put_attachments(&[crate::lrs::attachments::Content {
                sha2: "ab".into(),
                content_type: "text/plain".into(),
                body: b"x".to_vec(),
            }])
            .expect("the new table is there");
        assert!(
            store.activity("http://a").expect("read").is_some(),
            "data kept"
        );
        // Migration 4 gave the old statement its verb and registration keys.
        for filter in [
            super::super::StatementFilter {
                verb: Some("http://v".into()),
                limit: 5,
                ..Default::default()
            },
            super::super::StatementFilter {
                registration: Some("r1".into()),
                limit: 5,
                ..Default::default()
            },
        ] {
            let (page, _) = store.query(&filter).expect("query");
            assert_eq!(page.len(), 1, "{filter:?}");
        }
        drop(store);
        let version: i64 = Connection::open(&path)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        // A database from a newer service is refused with what to do.
        Connection::open(&path)
            .and_then(|c| c.pragma_update(None, "user_version", 99))
            .expect("bump");
        let err = Store::open(&Storage::Sqlite(dir.path().to_path_buf()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("schema version 99") && err.contains("upgrade"),
            "{err}"
        );
    }
}
