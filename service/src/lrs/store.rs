//! SQLite storage for statements and documents.
//!
//! One connection behind a mutex: the demo's write rate is tiny next to what
//! one SQLite connection in WAL mode sustains, and a single writer removes
//! every question about interleaved transactions (the monotonic `stored`
//! clock, voiding, conflict checks and document preconditions are each one
//! critical section). All methods block; handlers call them through
//! `tokio::task::spawn_blocking`.
//!
//! Statements are kept verbatim as JSON text; the fields the query filters
//! use live in columns (`verb_id`, `registration`, `stored_ns`) and side
//! tables (`statement_agents`, `statement_activities`) so filters are
//! indexed SQL rather than JSON scans.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{ApiError, LrsError};
use crate::lrs::validate::{self, VOIDED_VERB};

/// Where an agent or activity appears in a statement: the `agent` and
/// `activity` filters match [`ROLE_ACTOR`]/[`ROLE_OBJECT`] only, the
/// `related_*` variants match every role.
pub const ROLE_ACTOR: i64 = 0;
/// The statement's object (or its members, for a Group).
pub const ROLE_OBJECT: i64 = 1;
/// Anywhere else the broad filters look (context, authority, SubStatement).
pub const ROLE_RELATED: i64 = 2;
/// Added to a role for rows a statement inherits from the statement its
/// StatementRef object targets: xAPI 1.0.3 (Part Three, 2.1.3) has a
/// targeting statement meet a filter when its target does, recursively, so
/// that a query about an agent or activity also returns the statements
/// (voiding ones included) that refer to matching statements. Inherited rows
/// never count as "the actor" for learner access.
pub const ROLE_VIA_REF: i64 = 3;

/// Schema migrations in order: the database's `user_version` counts those applied, and
/// opening applies the rest, each in its own transaction. Never edit one that shipped; add one.
const MIGRATIONS: [&str; 3] = [SCHEMA_1, SCHEMA_2, SCHEMA_3];

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

/// A login the LTI tool started, waiting for its launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LtiLogin {
    /// The nonce the id_token must carry.
    pub nonce: String,
    /// The platform's issuer.
    pub issuer: String,
    /// The tool's client id there.
    pub client_id: String,
}

/// Name of the SQLite file inside the data dir.
pub const DB_FILE: &str = "lrs.sqlite3";

struct Inner {
    conn: Connection,
    /// Last `stored` handed out, so `stored` never goes backwards even if
    /// the wall clock does.
    last_ns: i64,
}

/// The LRS database.
pub struct Store {
    inner: Mutex<Inner>,
}

/// A statement ready to be stored: validated, with id, timestamp, version
/// and authority filled in (`stored` is set by the store).
pub struct NewStatement {
    /// The statement id.
    pub id: String,
    /// The statement as the client sent it, for the idempotent re-send check.
    pub original: Value,
    /// The statement as it will be stored, minus `stored`.
    pub full: Value,
}

/// Filters for a statement query, already parsed and checked.
#[derive(Debug, Clone, Default)]
pub struct StatementFilter {
    /// IFI key of the `agent` parameter.
    pub agent: Option<String>,
    /// Match the agent anywhere, not just actor/object.
    pub related_agents: bool,
    /// Verb IRI.
    pub verb: Option<String>,
    /// Activity IRI.
    pub activity: Option<String>,
    /// Match the activity in context and SubStatements too.
    pub related_activities: bool,
    /// Registration UUID.
    pub registration: Option<String>,
    /// Only statements stored after this (exclusive), unix nanoseconds.
    pub since_ns: Option<i64>,
    /// Only statements stored at or before this, unix nanoseconds.
    pub until_ns: Option<i64>,
    /// Oldest first instead of newest first.
    pub ascending: bool,
    /// Page size.
    pub limit: usize,
    /// Continue after this sequence number (from a `more` link).
    pub cursor: Option<i64>,
    /// Learner keys only see statements whose actor is this IFI.
    pub actor_restrict: Option<String>,
}

/// A stored statement as read back.
pub struct StoredStatement {
    /// The statement JSON text, exactly as stored.
    pub body: String,
    /// When it was stored.
    pub stored_ns: i64,
}

/// Which document resource a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `/activities/state`.
    State,
    /// `/activities/profile`.
    ActivityProfile,
    /// `/agents/profile`.
    AgentProfile,
}

impl DocKind {
    fn as_str(self) -> &'static str {
        match self {
            DocKind::State => "state",
            DocKind::ActivityProfile => "activity_profile",
            DocKind::AgentProfile => "agent_profile",
        }
    }
}

/// Identifies a document; parts a resource does not use are empty strings.
#[derive(Debug, Clone)]
pub struct DocKey {
    /// The resource.
    pub kind: DocKind,
    /// `activityId` (State, Activity Profile).
    pub activity_id: String,
    /// IFI key of `agent` (State, Agent Profile).
    pub agent_ifi: String,
    /// `registration` (State only, optional).
    pub registration: String,
    /// `stateId` / `profileId`; empty for "all documents" operations.
    pub doc_id: String,
}

/// A stored document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The Content-Type it was stored with.
    pub content_type: String,
    /// Its bytes.
    pub body: Vec<u8>,
    /// Quoted SHA-1 ETag of the bytes.
    pub etag: String,
    /// When it last changed.
    pub updated_ns: i64,
}

/// What a document update decided to do, given the current document.
pub enum DocWrite {
    /// Store these bytes.
    Put {
        /// Content type.
        content_type: String,
        /// Bytes.
        body: Vec<u8>,
    },
    /// Delete the document.
    Delete,
}

/// Current time in unix nanoseconds, truncated to microseconds so that the
/// `stored` text (microseconds) round-trips exactly into `since`/`until`.
pub fn now_ns() -> i64 {
    let ns = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let ns = i64::try_from(ns).unwrap_or(i64::MAX);
    ns - ns.rem_euclid(1_000)
}

/// Formats unix nanoseconds as an xAPI timestamp (UTC, microseconds).
pub fn format_timestamp(ns: i64) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000000Z".into())
}

/// Formats unix nanoseconds as an HTTP date for `Last-Modified`.
pub fn http_date(ns: i64) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// Parses an xAPI timestamp parameter into unix nanoseconds, saturating
/// for dates outside 1677–2262 (only ever used as query bounds).
pub fn timestamp_ns(s: &str) -> Option<i64> {
    validate::parse_timestamp(s).map(|t| {
        let ns = t.unix_timestamp_nanos();
        i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX })
    })
}

/// The quoted ETag for document bytes: the SHA-1 hex digest, as xAPI 1.0.3 asks.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", sha1_smol::Sha1::from(body).digest())
}

fn db_err(context: &'static str) -> impl Fn(rusqlite::Error) -> ApiError {
    move |e| ApiError::internal(format!("storage error while {context}: {e}"))
}

impl Store {
    /// Opens (or creates) the database file in `dir`, in WAL mode.
    pub fn open(dir: &Path) -> Result<Store, LrsError> {
        let path = dir.join(DB_FILE);
        let sql = |context: &'static str| {
            let path = path.clone();
            move |source| LrsError::Sqlite {
                context,
                path: path.clone(),
                source,
            }
        };
        let mut conn = Connection::open(&path).map_err(sql("opening the database"))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sql("setting the busy timeout"))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(sql("switching to WAL mode"))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(LrsError::Sqlite {
                context: "switching to WAL mode",
                path,
                source: rusqlite::Error::InvalidQuery,
            });
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(sql("setting pragmas"))?;
        migrate(&mut conn, &path)?;
        let last_ns: i64 = conn
            .query_row(
                "SELECT COALESCE(MAX(stored_ns), 0) FROM statements",
                [],
                |r| r.get(0),
            )
            .map_err(sql("reading the last stored time"))?;
        Ok(Store {
            inner: Mutex::new(Inner { conn, last_ns }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (transactions roll back on drop), so a poisoned lock is usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores a batch atomically. Re-sent identical statements count as
    /// stored; a different statement under an existing id is a 409 and
    /// nothing in the batch is stored. `voider_ifi` limits which statements
    /// a learner may void (their own).
    pub fn insert_statements(
        &self,
        batch: Vec<NewStatement>,
        voider_ifi: Option<&str>,
    ) -> Result<Vec<String>, ApiError> {
        let mut inner = self.lock();
        let mut stored_ns = now_ns().max(inner.last_ns);
        let tx = inner
            .conn
            .transaction()
            .map_err(db_err("starting a transaction"))?;
        let mut ids = Vec::with_capacity(batch.len());
        for st in batch {
            let existing: Option<String> = tx
                .query_row("SELECT body FROM statements WHERE id = ?1", [&st.id], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(db_err("looking up a statement id"))?;
            if let Some(body) = existing {
                let old: Value = serde_json::from_str(&body).map_err(|e| {
                    ApiError::internal(format!("stored statement {} is not JSON: {e}", st.id))
                })?;
                if same_statement(&old, &st.original) {
                    ids.push(st.id);
                    continue;
                }
                return Err(ApiError::conflict(format!(
                    "statement {} already exists with different content; statements cannot be changed",
                    st.id
                )));
            }
            let index = Index::of(&st.full);
            if let Some(target) = &index.voids {
                check_void_target(&tx, target, voider_ifi)?;
            }
            let mut full = st.full;
            if let Some(obj) = full.as_object_mut() {
                let stored = format_timestamp(stored_ns);
                obj.entry("timestamp")
                    .or_insert_with(|| Value::String(stored.clone()));
                obj.insert("stored".into(), Value::String(stored));
            }
            let body = serde_json::to_string(&full)
                .map_err(|e| ApiError::internal(format!("could not serialise statement: {e}")))?;
            tx.execute(
                "INSERT INTO statements (id, stored_ns, verb_id, registration, voids, refs, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![st.id, stored_ns, index.verb, index.registration, index.voids, index.refs, body],
            )
            .map_err(db_err("inserting a statement"))?;
            let seq = tx.last_insert_rowid();
            write_index(&tx, seq, &index)?;
            inherit_refs(&tx, seq, &st.id, index.refs.as_deref())?;
            if let Some(target) = &index.voids {
                tx.execute("UPDATE statements SET voided = 1 WHERE id = ?1", [target])
                    .map_err(db_err("voiding a statement"))?;
            } else {
                // A voiding statement may have arrived before its target.
                tx.execute(
                    "UPDATE statements SET voided = 1 WHERE id = ?1 AND EXISTS (SELECT 1 FROM statements WHERE voids = ?1)",
                    [&st.id],
                )
                .map_err(db_err("applying an earlier voiding statement"))?;
            }
            ids.push(st.id);
            stored_ns += 1_000;
        }
        tx.commit().map_err(db_err("committing statements"))?;
        inner.last_ns = stored_ns;
        Ok(ids)
    }

    /// One statement by id; `voided` picks whether a voided or a live one is
    /// wanted (the spec answers 404 for the other).
    pub fn statement(
        &self,
        id: &str,
        voided: bool,
    ) -> Result<Option<(StoredStatement, Vec<String>)>, ApiError> {
        let inner = self.lock();
        let row: Option<(i64, String, i64)> = inner
            .conn
            .query_row(
                "SELECT seq, body, stored_ns FROM statements WHERE id = ?1 AND voided = ?2",
                params![id, voided as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(db_err("reading a statement"))?;
        let Some((seq, body, stored_ns)) = row else {
            return Ok(None);
        };
        let mut stmt = inner
            .conn
            .prepare_cached("SELECT ifi FROM statement_agents WHERE seq = ?1 AND role = ?2")
            .map_err(db_err("reading statement actors"))?;
        let actors = stmt
            .query_map(params![seq, ROLE_ACTOR], |r| r.get(0))
            .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
            .map_err(db_err("reading statement actors"))?;
        Ok(Some((StoredStatement { body, stored_ns }, actors)))
    }

    /// A page of statements matching `f`, and the sequence number to
    /// continue from when there are more.
    pub fn query(
        &self,
        f: &StatementFilter,
    ) -> Result<(Vec<StoredStatement>, Option<i64>), ApiError> {
        let mut sql =
            String::from("SELECT s.seq, s.body, s.stored_ns FROM statements s WHERE s.voided = 0");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: rusqlite::types::Value, args: &mut Vec<_>| {
            args.push(v);
            format!("?{}", args.len())
        };
        use rusqlite::types::Value as Sql;
        // The paging cursor also bounds every side-table lookup, so later
        // pages read only the part of the index that is still ahead.
        let bound = match f.cursor {
            Some(cursor) => {
                let p = arg(Sql::Integer(cursor), &mut args);
                let op = if f.ascending { ">" } else { "<" };
                sql += &format!(" AND s.seq {op} {p}");
                format!(" AND seq {op} {p}")
            }
            None => String::new(),
        };
        let roles = |related: bool| {
            if related {
                "0, 1, 2, 3, 4, 5"
            } else {
                "0, 1, 3, 4"
            }
        };
        if let Some(agent) = &f.agent {
            let p = arg(Sql::Text(agent.clone()), &mut args);
            let roles = roles(f.related_agents);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_agents WHERE ifi = {p} AND role IN ({roles}){bound})"
            );
        }
        if let Some(actor) = &f.actor_restrict {
            let p = arg(Sql::Text(actor.clone()), &mut args);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_agents WHERE ifi = {p} AND role = 0{bound})"
            );
        }
        if let Some(activity) = &f.activity {
            let p = arg(Sql::Text(activity.clone()), &mut args);
            let roles = roles(f.related_activities);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_activities WHERE activity_id = {p} AND role IN ({roles}){bound})"
            );
        }
        for (column, kind, value) in [
            ("verb_id", "verb", &f.verb),
            ("registration", "registration", &f.registration),
        ] {
            if let Some(value) = value {
                let p = arg(Sql::Text(value.clone()), &mut args);
                sql += &format!(
                    " AND s.seq IN (SELECT seq FROM statements WHERE {column} = {p}{bound} \
                     UNION ALL SELECT seq FROM statement_ref_keys WHERE kind = '{kind}' AND value = {p}{bound})"
                );
            }
        }
        if let Some(since) = f.since_ns {
            let p = arg(Sql::Integer(since), &mut args);
            sql += &format!(" AND s.stored_ns > {p}");
        }
        if let Some(until) = f.until_ns {
            let p = arg(Sql::Integer(until), &mut args);
            sql += &format!(" AND s.stored_ns <= {p}");
        }
        let fetch = i64::try_from(f.limit).unwrap_or(i64::MAX).saturating_add(1);
        let p = arg(Sql::Integer(fetch), &mut args);
        sql += &format!(
            " ORDER BY s.seq {} LIMIT {p}",
            if f.ascending { "ASC" } else { "DESC" }
        );

        let inner = self.lock();
        let mut stmt = inner
            .conn
            .prepare_cached(&sql)
            .map_err(db_err("preparing a statement query"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(db_err("running a statement query"))?;
        let more = rows.len() > f.limit;
        let mut out = Vec::with_capacity(f.limit);
        let mut last_seq = None;
        for (seq, body, stored_ns) in rows.into_iter().take(f.limit) {
            last_seq = Some(seq);
            out.push(StoredStatement { body, stored_ns });
        }
        Ok((out, if more { last_seq } else { None }))
    }

    /// The canonical definition of an activity, if any statement gave one.
    pub fn activity(&self, id: &str) -> Result<Option<Value>, ApiError> {
        let inner = self.lock();
        let text: Option<String> = inner
            .conn
            .query_row(
                "SELECT definition FROM activities WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading an activity"))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Keeps attachment contents by their hash (one copy however many statements name it).
    pub fn put_attachments(
        &self,
        contents: &[super::attachments::Content],
    ) -> Result<(), ApiError> {
        let inner = self.lock();
        for c in contents {
            inner
                .conn
                .execute(
                    "INSERT OR IGNORE INTO attachments (sha2, content_type, body) VALUES (?1, ?2, ?3)",
                    params![c.sha2, c.content_type, c.body],
                )
                .map_err(db_err("storing an attachment"))?;
        }
        Ok(())
    }

    /// The kept contents among `hashes`, in that order (hashes not kept are left out: a
    /// statement may name an attachment by `fileUrl` only).
    pub fn attachments(
        &self,
        hashes: &[String],
    ) -> Result<Vec<super::attachments::Content>, ApiError> {
        let inner = self.lock();
        let mut out = Vec::new();
        for h in hashes {
            let row: Option<(String, Vec<u8>)> = inner
                .conn
                .query_row(
                    "SELECT content_type, body FROM attachments WHERE sha2 = ?1",
                    [h],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(db_err("reading an attachment"))?;
            if let Some((content_type, body)) = row {
                out.push(super::attachments::Content {
                    sha2: h.clone(),
                    content_type,
                    body,
                });
            }
        }
        Ok(out)
    }

    /// Records a login in progress under `state`, dropping those older than `ttl_ns`.
    pub fn lti_begin(
        &self,
        state: &str,
        login: &LtiLogin,
        now_ns: i64,
        ttl_ns: i64,
    ) -> Result<(), ApiError> {
        let inner = self.lock();
        inner
            .conn
            .execute(
                "DELETE FROM lti_logins WHERE started_ns < ?1",
                [now_ns - ttl_ns],
            )
            .map_err(db_err("expiring LTI logins"))?;
        inner
            .conn
            .execute(
                "INSERT INTO lti_logins (state, nonce, issuer, client_id, started_ns) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![state, login.nonce, login.issuer, login.client_id, now_ns],
            )
            .map_err(db_err("recording an LTI login"))?;
        Ok(())
    }

    /// Takes the login under `state` (once: a second take finds nothing), if younger than `ttl_ns`.
    pub fn lti_take(
        &self,
        state: &str,
        now_ns: i64,
        ttl_ns: i64,
    ) -> Result<Option<LtiLogin>, ApiError> {
        let inner = self.lock();
        inner
            .conn
            .query_row(
                "DELETE FROM lti_logins WHERE state = ?1 RETURNING nonce, issuer, client_id, started_ns",
                [state],
                |r| Ok((LtiLogin { nonce: r.get(0)?, issuer: r.get(1)?, client_id: r.get(2)? }, r.get::<_, i64>(3)?)),
            )
            .optional()
            .map(|found| found.filter(|(_, started)| now_ns - started < ttl_ns).map(|(l, _)| l))
            .map_err(db_err("reading an LTI login"))
    }

    /// Records an id_token nonce; `false` when it was seen before (a replay).
    pub fn lti_first_use(&self, nonce: &str, now_ns: i64) -> Result<bool, ApiError> {
        let inner = self.lock();
        inner
            .conn
            .execute(
                "INSERT OR IGNORE INTO lti_nonces (nonce, seen_ns) VALUES (?1, ?2)",
                params![nonce, now_ns],
            )
            .map(|changed| changed == 1)
            .map_err(db_err("recording an LTI nonce"))
    }

    /// The last Agent object seen for an IFI (for its `name`).
    pub fn agent(&self, ifi: &str) -> Result<Option<Value>, ApiError> {
        let inner = self.lock();
        let text: Option<String> = inner
            .conn
            .query_row("SELECT agent FROM agents WHERE ifi = ?1", [ifi], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err("reading an agent"))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// The time up to which every statement is visible to queries (all
    /// writes are committed under the lock, so: now).
    pub fn consistent_through(&self) -> i64 {
        let inner = self.lock();
        now_ns().max(inner.last_ns)
    }

    /// One document.
    pub fn document(&self, key: &DocKey) -> Result<Option<Doc>, ApiError> {
        let inner = self.lock();
        read_doc(&inner.conn, key)
    }

    /// The ids of documents under `key` (its `doc_id` ignored), changed
    /// after `since_ns` if given.
    pub fn document_ids(
        &self,
        key: &DocKey,
        since_ns: Option<i64>,
    ) -> Result<Vec<String>, ApiError> {
        let inner = self.lock();
        let mut stmt = inner
            .conn
            .prepare_cached(
                "SELECT doc_id FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 \
                 AND registration = ?4 AND updated_ns > ?5 ORDER BY doc_id",
            )
            .map_err(db_err("listing documents"))?;
        let ids = stmt
            .query_map(
                params![
                    key.kind.as_str(),
                    key.activity_id,
                    key.agent_ifi,
                    key.registration,
                    since_ns.unwrap_or(i64::MIN)
                ],
                |r| r.get(0),
            )
            .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
            .map_err(db_err("listing documents"))?;
        Ok(ids)
    }

    /// Reads the current document, lets `decide` check preconditions and
    /// choose what to do, and applies it, all under the lock so that
    /// If-Match checks cannot race another writer.
    pub fn modify_document(
        &self,
        key: &DocKey,
        decide: impl FnOnce(Option<&Doc>) -> Result<DocWrite, ApiError>,
    ) -> Result<(), ApiError> {
        let inner = self.lock();
        let current = read_doc(&inner.conn, key)?;
        match decide(current.as_ref())? {
            DocWrite::Put { content_type, body } => {
                let etag = etag_of(&body);
                let updated = now_ns();
                inner
                    .conn
                    .execute(
                        "INSERT INTO documents (kind, activity_id, agent_ifi, registration, doc_id, content_type, body, etag, updated_ns) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                         ON CONFLICT (kind, activity_id, agent_ifi, registration, doc_id) DO UPDATE SET \
                         content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated_ns = excluded.updated_ns",
                        params![key.kind.as_str(), key.activity_id, key.agent_ifi, key.registration, key.doc_id, content_type, body, etag, updated],
                    )
                    .map_err(db_err("writing a document"))?;
            }
            DocWrite::Delete => {
                inner
                    .conn
                    .execute(
                        "DELETE FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 AND doc_id = ?5",
                        params![key.kind.as_str(), key.activity_id, key.agent_ifi, key.registration, key.doc_id],
                    )
                    .map_err(db_err("deleting a document"))?;
            }
        }
        Ok(())
    }

    /// Deletes every document under `key` (its `doc_id` ignored), or only
    /// those changed after `since_ns` when given.
    pub fn delete_documents(&self, key: &DocKey, since_ns: Option<i64>) -> Result<usize, ApiError> {
        let inner = self.lock();
        inner
            .conn
            .execute(
                "DELETE FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 \
                 AND updated_ns > ?5",
                params![key.kind.as_str(), key.activity_id, key.agent_ifi, key.registration, since_ns.unwrap_or(i64::MIN)],
            )
            .map_err(db_err("deleting documents"))
    }
}

fn read_doc(conn: &Connection, key: &DocKey) -> Result<Option<Doc>, ApiError> {
    conn.query_row(
        "SELECT content_type, body, etag, updated_ns FROM documents \
         WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 AND doc_id = ?5",
        params![key.kind.as_str(), key.activity_id, key.agent_ifi, key.registration, key.doc_id],
        |r| {
            Ok(Doc {
                content_type: r.get(0)?,
                body: r.get(1)?,
                etag: r.get(2)?,
                updated_ns: r.get(3)?,
            })
        },
    )
    .optional()
    .map_err(db_err("reading a document"))
}

fn check_void_target(
    tx: &Transaction<'_>,
    target: &str,
    voider_ifi: Option<&str>,
) -> Result<(), ApiError> {
    let row: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT seq, voids FROM statements WHERE id = ?1",
            [target],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(db_err("looking up a voiding target"))?;
    if let Some((_, Some(_))) = row {
        return Err(ApiError::bad_request(format!(
            "statement.object.id: statement {target} is itself a voiding statement and cannot be voided"
        )));
    }
    if let Some(ifi) = voider_ifi {
        let own = match row {
            Some((seq, _)) => tx
                .query_row(
                    "SELECT 1 FROM statement_agents WHERE seq = ?1 AND ifi = ?2 AND role = 0",
                    params![seq, ifi],
                    |_| Ok(()),
                )
                .optional()
                .map_err(db_err("checking a voiding target's actor"))?
                .is_some(),
            None => false,
        };
        if !own {
            return Err(ApiError::forbidden(format!(
                "learner credentials may only void their own existing statements, and {target} is not one"
            )));
        }
    }
    Ok(())
}

/// Whether a re-sent statement matches the stored one, ignoring what the
/// LRS itself added (`stored`, `authority`, `version`, and `timestamp` when
/// the client did not send one). JSON object key order never matters.
pub fn same_statement(stored: &Value, incoming: &Value) -> bool {
    let strip = |v: &Value, drop_timestamp: bool| -> Value {
        let mut v = v.clone();
        if let Some(obj) = v.as_object_mut() {
            for key in ["stored", "authority", "version"] {
                obj.remove(key);
            }
            if drop_timestamp {
                obj.remove("timestamp");
            }
        }
        v
    };
    // Timestamps are compared as instants: "Z" and "+00:00" mean the same.
    let instant = |v: &Value| {
        v.get("timestamp")
            .and_then(Value::as_str)
            .and_then(validate::parse_timestamp)
    };
    let no_timestamp = incoming.get("timestamp").is_none();
    if !no_timestamp && instant(stored) != instant(incoming) {
        return false;
    }
    let a = strip(stored, true);
    let mut b = strip(incoming, true);
    if let (Some(obj), Some(id)) = (b.as_object_mut(), stored.get("id")) {
        obj.entry("id").or_insert_with(|| id.clone());
    }
    a == b
}

/// The side-table rows a statement contributes to.
struct Index {
    verb: String,
    registration: Option<String>,
    voids: Option<String>,
    refs: Option<String>,
    agents: Vec<(String, i64)>,
    activities: Vec<(String, i64)>,
    definitions: Vec<(String, Map<String, Value>)>,
    named_agents: Vec<(String, Value)>,
}

impl Index {
    fn of(st: &Value) -> Index {
        let verb = validate::verb_id(st).unwrap_or_default().to_string();
        let object = st.get("object").unwrap_or(&Value::Null);
        let refs = (object.get("objectType").and_then(Value::as_str) == Some("StatementRef"))
            .then(|| {
                object
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase)
            })
            .flatten();
        let voids = refs.clone().filter(|_| verb == VOIDED_VERB);
        let registration = st
            .get("context")
            .and_then(|c| c.get("registration"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let mut ix = Index {
            verb,
            registration,
            voids,
            refs,
            agents: Vec::new(),
            activities: Vec::new(),
            definitions: Vec::new(),
            named_agents: Vec::new(),
        };
        ix.add_agent(st.get("actor"), ROLE_ACTOR);
        ix.add_object(object, ROLE_OBJECT);
        ix.add_agent(st.get("authority"), ROLE_RELATED);
        ix.add_context(st.get("context"));
        if object.get("objectType").and_then(Value::as_str) == Some("SubStatement") {
            ix.add_agent(object.get("actor"), ROLE_RELATED);
            ix.add_object(object.get("object").unwrap_or(&Value::Null), ROLE_RELATED);
            ix.add_context(object.get("context"));
        }
        ix.agents.sort();
        ix.agents.dedup();
        ix.activities.sort();
        ix.activities.dedup();
        ix
    }

    fn add_agent(&mut self, agent: Option<&Value>, role: i64) {
        let Some(agent) = agent else { return };
        if let Some(ifi) = validate::ifi_key(agent) {
            if agent.get("name").is_some()
                && agent.get("objectType").and_then(Value::as_str) != Some("Group")
            {
                self.named_agents.push((ifi.clone(), agent.clone()));
            }
            self.agents.push((ifi, role));
        }
        // A Group matches the agent filter for each of its members too.
        if let Some(members) = agent.get("member").and_then(Value::as_array) {
            for m in members {
                if let Some(ifi) = validate::ifi_key(m) {
                    self.agents.push((ifi, role));
                }
            }
        }
    }

    fn add_object(&mut self, object: &Value, role: i64) {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => self.add_activity(object, role),
            Some("Agent") | Some("Group") => self.add_agent(Some(object), role),
            _ => {}
        }
    }

    fn add_activity(&mut self, activity: &Value, role: i64) {
        let Some(id) = activity.get("id").and_then(Value::as_str) else {
            return;
        };
        self.activities.push((id.to_string(), role));
        if let Some(def) = activity.get("definition").and_then(Value::as_object) {
            self.definitions.push((id.to_string(), def.clone()));
        }
    }

    fn add_context(&mut self, context: Option<&Value>) {
        let Some(context) = context else { return };
        self.add_agent(context.get("instructor"), ROLE_RELATED);
        self.add_agent(context.get("team"), ROLE_RELATED);
        if let Some(ca) = context.get("contextActivities").and_then(Value::as_object) {
            for value in ca.values() {
                match value {
                    Value::Array(items) => items
                        .iter()
                        .for_each(|a| self.add_activity(a, ROLE_RELATED)),
                    other => self.add_activity(other, ROLE_RELATED),
                }
            }
        }
    }
}

/// Gives statement `seq` the filter rows of the statement it targets (if
/// stored), and passes its rows on to statements stored earlier that target
/// it, transitively (a target may arrive after the statements referring to it).
fn inherit_refs(
    tx: &Transaction<'_>,
    seq: i64,
    id: &str,
    refs: Option<&str>,
) -> Result<(), ApiError> {
    if let Some(target) = refs {
        let target_seq: Option<i64> = tx
            .query_row("SELECT seq FROM statements WHERE id = ?1", [target], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err("looking up a StatementRef target"))?;
        if let Some(from) = target_seq {
            copy_filter_rows(tx, from, seq)?;
        }
    }
    let mut work = vec![(seq, id.to_string())];
    let mut seen = std::collections::HashSet::from([seq]);
    while let Some((from, from_id)) = work.pop() {
        let referrers: Vec<(i64, String)> = tx
            .prepare_cached("SELECT seq, id FROM statements WHERE refs = ?1")
            .and_then(|mut stmt| {
                stmt.query_map([&from_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(|rows| rows.collect())
            })
            .map_err(db_err("finding statements that target a statement"))?;
        for (to, to_id) in referrers {
            copy_filter_rows(tx, from, to)?;
            if seen.insert(to) {
                work.push((to, to_id));
            }
        }
    }
    Ok(())
}

fn copy_filter_rows(tx: &Transaction<'_>, from: i64, to: i64) -> Result<(), ApiError> {
    let sql = format!(
        "INSERT OR IGNORE INTO statement_agents (seq, ifi, role) \
           SELECT ?2, ifi, CASE WHEN role < {v} THEN role + {v} ELSE role END FROM statement_agents WHERE seq = ?1;
         INSERT OR IGNORE INTO statement_activities (seq, activity_id, role) \
           SELECT ?2, activity_id, CASE WHEN role < {v} THEN role + {v} ELSE role END FROM statement_activities WHERE seq = ?1;
         INSERT OR IGNORE INTO statement_ref_keys (seq, kind, value) \
           SELECT ?2, 'verb', verb_id FROM statements WHERE seq = ?1;
         INSERT OR IGNORE INTO statement_ref_keys (seq, kind, value) \
           SELECT ?2, 'registration', registration FROM statements WHERE seq = ?1 AND registration IS NOT NULL;
         INSERT OR IGNORE INTO statement_ref_keys (seq, kind, value) \
           SELECT ?2, kind, value FROM statement_ref_keys WHERE seq = ?1;",
        v = ROLE_VIA_REF
    );
    for part in sql.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        tx.prepare_cached(part)
            .and_then(|mut stmt| stmt.execute(params![from, to]))
            .map_err(db_err("copying filter rows to a targeting statement"))?;
    }
    Ok(())
}

/// Folds a newly seen activity definition into the stored one. Language
/// maps and extensions are merged key by key, so two statements describing
/// an activity in different languages leave both languages (the Activities
/// resource must return "all available information"); anything else is
/// replaced by the newer value.
fn merge_definition(stored: &mut Map<String, Value>, new: &Map<String, Value>) {
    for (k, v) in new {
        let mergeable = matches!(k.as_str(), "name" | "description" | "extensions");
        match (stored.get_mut(k), v) {
            (Some(Value::Object(old)), Value::Object(add)) if mergeable => {
                for (ik, iv) in add {
                    old.insert(ik.clone(), iv.clone());
                }
            }
            _ => {
                stored.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Brings the schema to the newest this service knows; refuses a newer one.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), LrsError> {
    let sql = |context: &'static str| {
        move |source| LrsError::Sqlite {
            context,
            path: path.to_path_buf(),
            source,
        }
    };
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql("reading the schema version"))?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > MIGRATIONS.len() {
        return Err(LrsError::Schema {
            path: path.to_path_buf(),
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

fn write_index(tx: &Transaction<'_>, seq: i64, ix: &Index) -> Result<(), ApiError> {
    let mut agents = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO statement_agents (seq, ifi, role) VALUES (?1, ?2, ?3)",
        )
        .map_err(db_err("indexing agents"))?;
    for (ifi, role) in &ix.agents {
        agents
            .execute(params![seq, ifi, role])
            .map_err(db_err("indexing agents"))?;
    }
    let mut activities = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO statement_activities (seq, activity_id, role) VALUES (?1, ?2, ?3)",
        )
        .map_err(db_err("indexing activities"))?;
    for (id, role) in &ix.activities {
        activities
            .execute(params![seq, id, role])
            .map_err(db_err("indexing activities"))?;
    }
    for (id, def) in &ix.definitions {
        // Later definitions refine earlier ones property by property.
        let old: Option<String> = tx
            .query_row(
                "SELECT definition FROM activities WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading an activity definition"))?;
        let mut merged = old
            .and_then(|t| serde_json::from_str::<Map<String, Value>>(&t).ok())
            .unwrap_or_default();
        merge_definition(&mut merged, def);
        let text = Value::Object(merged).to_string();
        tx.execute(
            "INSERT INTO activities (id, definition) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET definition = excluded.definition",
            params![id, text],
        )
        .map_err(db_err("storing an activity definition"))?;
    }
    for (ifi, agent) in &ix.named_agents {
        tx.execute(
            "INSERT INTO agents (ifi, agent) VALUES (?1, ?2) ON CONFLICT(ifi) DO UPDATE SET agent = excluded.agent",
            params![ifi, agent.to_string()],
        )
        .map_err(db_err("storing an agent"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lti_logins_are_taken_once_and_expire_and_nonces_are_seen_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        let login = LtiLogin {
            nonce: "n1".into(),
            issuer: "https://lms.example.org".into(),
            client_id: "c".into(),
        };
        store.lti_begin("s1", &login, 1_000, 600).expect("begin");
        assert_eq!(
            store.lti_take("s1", 1_100, 600).expect("take"),
            Some(login.clone())
        );
        assert_eq!(
            store.lti_take("s1", 1_100, 600).expect("again"),
            None,
            "once"
        );
        store.lti_begin("s2", &login, 1_000, 600).expect("begin");
        assert_eq!(
            store.lti_take("s2", 2_000, 600).expect("late"),
            None,
            "expired"
        );
        assert!(store.lti_first_use("n1", 1).expect("first"));
        assert!(!store.lti_first_use("n1", 2).expect("replay"));
        // A restart keeps what was seen.
        drop(store);
        assert!(!Store::open(dir.path())
            .expect("reopen")
            .lti_first_use("n1", 3)
            .expect("replay after restart"));
    }

    #[test]
    fn the_schema_is_versioned_and_migrated_at_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DB_FILE);
        // A database from before versioning: the first schema, user_version 0, no attachments table.
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(SCHEMA_1).expect("old schema");
            conn.execute_batch(
                "INSERT INTO activities (id, definition) VALUES ('http://a', '{}');",
            )
            .expect("data");
        }
        let store = Store::open(dir.path()).expect("migrates");
        store
            .put_attachments(&[super::super::attachments::Content {
                sha2: "ab".into(),
                content_type: "text/plain".into(),
                body: b"x".to_vec(),
            }])
            .expect("the new table is there");
        assert!(
            store.activity("http://a").expect("read").is_some(),
            "data kept"
        );
        drop(store);
        let version: i64 = Connection::open(&path)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        // A database from a newer service is refused with what to do.
        Connection::open(&path)
            .and_then(|c| c.pragma_update(None, "user_version", 99))
            .expect("bump");
        let err = Store::open(dir.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("schema version 99") && err.contains("upgrade"),
            "{err}"
        );
    }

    #[test]
    fn resend_comparison_ignores_lrs_fields_and_key_order() {
        let stored = json!({"id": "x", "actor": {"mbox": "mailto:a@x.org", "name": "A"}, "verb": {"id": "http://v"},
            "object": {"id": "http://o"}, "stored": "2024-01-01T00:00:00Z", "timestamp": "2024-01-01T00:00:00Z",
            "authority": {"mbox": "mailto:admin@x.org"}, "version": "1.0.0"});
        let resent = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"}, "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x"});
        assert!(same_statement(&stored, &resent));
        let changed = json!({"object": {"id": "http://o2"}, "verb": {"id": "http://v"}, "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x"});
        assert!(!same_statement(&stored, &changed));
        let other_time = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"},
            "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x", "timestamp": "2025-01-01T00:00:00Z"});
        assert!(!same_statement(&stored, &other_time));
        let same_instant = json!({"object": {"id": "http://o"}, "verb": {"id": "http://v"},
            "actor": {"name": "A", "mbox": "mailto:a@x.org"}, "id": "x", "timestamp": "2024-01-01T01:00:00+01:00"});
        assert!(same_statement(&stored, &same_instant));
    }

    #[test]
    fn index_covers_roles() {
        let st = json!({
            "actor": {"objectType": "Group", "mbox": "mailto:team@x.org", "member": [{"mbox": "mailto:a@x.org"}]},
            "verb": {"id": "http://v"},
            "object": {"id": "http://o", "definition": {"name": {"en": "O"}}},
            "context": {"registration": "5B4C8F2E-7A52-4CF1-A8A2-3C6B2F0E0F11",
                "instructor": {"mbox": "mailto:i@x.org"},
                "contextActivities": {"parent": {"id": "http://p"}, "grouping": [{"id": "http://g"}]}}
        });
        let ix = Index::of(&st);
        assert!(ix
            .agents
            .contains(&("mbox:mailto:team@x.org".into(), ROLE_ACTOR)));
        assert!(ix
            .agents
            .contains(&("mbox:mailto:a@x.org".into(), ROLE_ACTOR)));
        assert!(ix
            .agents
            .contains(&("mbox:mailto:i@x.org".into(), ROLE_RELATED)));
        assert!(ix.activities.contains(&("http://o".into(), ROLE_OBJECT)));
        assert!(ix.activities.contains(&("http://p".into(), ROLE_RELATED)));
        assert!(ix.activities.contains(&("http://g".into(), ROLE_RELATED)));
        assert_eq!(
            ix.registration.as_deref(),
            Some("5b4c8f2e-7a52-4cf1-a8a2-3c6b2f0e0f11")
        );
        assert_eq!(ix.definitions.len(), 1);
    }

    #[test]
    fn timestamps_round_trip_through_text() {
        let ns = now_ns();
        assert_eq!(timestamp_ns(&format_timestamp(ns)), Some(ns));
        assert_eq!(timestamp_ns("2999-01-01T00:00:00Z"), Some(i64::MAX));
        assert_eq!(timestamp_ns("1000-01-01T00:00:00Z"), Some(i64::MIN));
        assert!(http_date(0).starts_with("Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    #[test]
    fn definitions_merge_language_maps() {
        let mut stored = json!({"name": {"en-US": "Meeting"}, "type": "http://t/1"});
        let new =
            json!({"name": {"fr": "Réunion"}, "type": "http://t/2", "description": {"en-US": "d"}});
        let (Value::Object(stored_map), Value::Object(new_map)) = (&mut stored, &new) else {
            panic!("objects");
        };
        merge_definition(stored_map, new_map);
        assert_eq!(
            stored,
            json!({"name": {"en-US": "Meeting", "fr": "Réunion"}, "type": "http://t/2", "description": {"en-US": "d"}})
        );
    }

    #[test]
    fn etag_is_quoted_sha1() {
        assert_eq!(
            etag_of(b"abc"),
            "\"a9993e364706816aba3e25717850c26c9cd0d89d\""
        );
    }
}
