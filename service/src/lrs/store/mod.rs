//! Storage for statements, documents, attachments and the LTI tool's
//! single-use values: SQLite by default, PostgreSQL for organisations.
//!
//! The logic lives here once, written against [`sql::Sql`]; [`sqlite`] and
//! [`postgres`] each supply connections, transactions, migrations and a
//! clock. All methods block; handlers call them through
//! `tokio::task::spawn_blocking`.
//!
//! Statements are kept verbatim as JSON text; the fields the query filters
//! use live in side tables (`statement_agents`, `statement_activities`,
//! `statement_ref_keys` for verbs and registrations) and `stored_ns`, so
//! filters are indexed SQL rather than JSON scans. A batch is written with a handful of
//! multi-row statements, not a few per statement: on PostgreSQL each
//! statement is a network round trip.

mod index;
mod lti;
mod nudges;
mod postgres;
pub(crate) mod sql;
mod sqlite;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{ApiError, LrsError};
use crate::lrs::validate;
pub use index::same_statement;
use index::{merge_definition, Index};
pub use lti::{GradeSend, GradeSummary, LaunchRecord};
pub use nudges::{Chat, Claim, NudgeSummary, Recipient};
use sql::{list, values, Arg, DbError, Serial, Sql, ROWS_PER_STATEMENT};
pub use sqlite::DB_FILE;

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

/// Where the LRS keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// A SQLite file ([`DB_FILE`]) in this folder: nothing to set up.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by `postgres://` URL, which several service
    /// processes may share.
    Postgres(String),
}

impl Storage {
    /// PostgreSQL when `database` is a `postgres://` (or `postgresql://`)
    /// URL, else SQLite in `data_dir`.
    pub fn choose(database: Option<&str>, data_dir: PathBuf) -> Result<Storage, String> {
        match database.map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(Storage::Sqlite(data_dir)),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Storage::Postgres(url.to_string()))
            }
            Some(_) => Err(
                "the database setting must be a postgres:// URL; leave it out to use SQLite in the data folder"
                    .into(),
            ),
        }
    }

    /// How this storage is named in messages (never a password).
    pub fn describe(&self) -> String {
        match self {
            Storage::Sqlite(dir) => format!("SQLite {}", dir.join(DB_FILE).display()),
            Storage::Postgres(url) => postgres::parse_url(url)
                .map(|c| postgres::describe(&c))
                .unwrap_or_else(|_| "PostgreSQL (the URL does not parse)".into()),
        }
    }
}

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

enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// The LRS database.
pub struct Store {
    backend: Backend,
}

/// A statement ready to be stored: validated, with id, timestamp, version
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
    /// Its place in the store's order (the paging cursor), when read by a query.
    pub seq: Option<i64>,
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

fn db_err(context: &'static str) -> impl Fn(DbError) -> ApiError {
    move |e| {
        if e.0 == sql::NUL_IN_TEXT {
            ApiError::bad_request(e.0)
        } else {
            ApiError::internal(format!("storage error while {context}: {e}"))
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> ApiError {
        ApiError::internal(format!("storage error: {e}"))
    }
}

impl Store {
    /// Opens the storage, creating and migrating its schema as needed.
    pub fn open(storage: &Storage) -> Result<Store, LrsError> {
        let backend = match storage {
            Storage::Sqlite(dir) => Backend::Sqlite(sqlite::Sqlite::open(dir)?),
            Storage::Postgres(url) => Backend::Postgres(postgres::Postgres::open(url)?),
        };
        Ok(Store { backend })
    }

    /// Runs `f` in one transaction, serialised across processes as `serial` says.
    fn write<T>(
        &self,
        serial: Serial,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        match &self.backend {
            Backend::Sqlite(db) => db.write(f),
            Backend::Postgres(db) => db.write(serial, f),
        }
    }

    /// Runs `f` on a connection outside a transaction.
    fn read<T>(&self, f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>) -> Result<T, ApiError> {
        match &self.backend {
            Backend::Sqlite(db) => db.read(f),
            Backend::Postgres(db) => db.read(f),
        }
    }

    /// Stores a batch atomically. Re-sent identical statements count as
    /// stored; a different statement under an existing id is a 409 and
    /// nothing in the batch is stored. `voider_ifi` limits which statements
    /// a learner may void (their own). Ids must be distinct within a batch.
    pub fn insert_statements(
        &self,
        batch: Vec<NewStatement>,
        voider_ifi: Option<&str>,
    ) -> Result<Vec<String>, ApiError> {
        self.write(Serial::Statements, |db| {
            insert_statements(db, batch, voider_ifi)
        })
    }

    /// One statement by id; `voided` picks whether a voided or a live one is
    /// wanted (the spec answers 404 for the other).
    pub fn statement(
        &self,
        id: &str,
        voided: bool,
    ) -> Result<Option<(StoredStatement, Vec<String>)>, ApiError> {
        self.read(|db| {
            let Some(mut row) = db
                .first(
                    "SELECT seq, body, stored_ns FROM statements WHERE id = ?1 AND voided = ?2",
                    &[Arg::Text(id), Arg::Int(voided.into())],
                )
                .map_err(db_err("reading a statement"))?
            else {
                return Ok(None);
            };
            let (seq, body, stored_ns) = (row.int(0)?, row.text(1)?, row.int(2)?);
            let actors = db
                .rows(
                    "SELECT ifi FROM statement_agents WHERE seq = ?1 AND role = ?2",
                    &[Arg::Int(seq), Arg::Int(ROLE_ACTOR)],
                )
                .map_err(db_err("reading statement actors"))?
                .into_iter()
                .map(|mut r| r.text(0))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some((
                StoredStatement {
                    body,
                    stored_ns,
                    seq: None,
                },
                actors,
            )))
        })
    }

    /// A page of statements matching `f`, and the sequence number to
    /// continue from when there are more.
    ///
    /// Every query is bounded to a window of sequence numbers, widened (four times each
    /// step) until the page is full or the table ends. SQLite answers `seq IN (subquery)` by
    /// first listing every match of the subquery, so an unbounded page cost as much as all
    /// the matches after the cursor: reading a million statements in pages was quadratic
    /// (135 ms a page of 250 at the end, where a window answers in under a millisecond).
    pub fn query(
        &self,
        f: &StatementFilter,
    ) -> Result<(Vec<StoredStatement>, Option<i64>), ApiError> {
        // ?1 is the window's bound on the cursor's side (exclusive), ?2 its far bound.
        let (near, far) = if f.ascending {
            (">", "<=")
        } else {
            ("<", ">=")
        };
        let bound = format!(" AND seq {near} ?1 AND seq {far} ?2");
        let mut sql = format!(
            "SELECT s.seq, s.body, s.stored_ns FROM statements s WHERE s.voided = 0 AND s.seq {near} ?1 AND s.seq {far} ?2"
        );
        let mut args: Vec<Arg<'_>> = vec![Arg::Int(0), Arg::Int(0)];
        let arg = |v, args: &mut Vec<_>| {
            args.push(v);
            format!("?{}", args.len())
        };
        let roles = |related: bool| {
            if related {
                "0, 1, 2, 3, 4, 5"
            } else {
                "0, 1, 3, 4"
            }
        };
        if let Some(agent) = &f.agent {
            let p = arg(Arg::Text(agent), &mut args);
            let roles = roles(f.related_agents);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_agents WHERE ifi = {p} AND role IN ({roles}){bound})"
            );
        }
        if let Some(actor) = &f.actor_restrict {
            let p = arg(Arg::Text(actor), &mut args);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_agents WHERE ifi = {p} AND role = 0{bound})"
            );
        }
        if let Some(activity) = &f.activity {
            let p = arg(Arg::Text(activity), &mut args);
            let roles = roles(f.related_activities);
            sql += &format!(
                " AND s.seq IN (SELECT seq FROM statement_activities WHERE activity_id = {p} AND role IN ({roles}){bound})"
            );
        }
        // A statement's own verb and registration are keys of its own, next to
        // those it inherits through a StatementRef: one ordered index answers both.
        for (kind, value) in [("verb", &f.verb), ("registration", &f.registration)] {
            if let Some(value) = value {
                let p = arg(Arg::Text(value), &mut args);
                sql += &format!(
                    " AND s.seq IN (SELECT seq FROM statement_ref_keys WHERE kind = '{kind}' AND value = {p}{bound})"
                );
            }
        }
        if let Some(since) = f.since_ns {
            let p = arg(Arg::Int(since), &mut args);
            sql += &format!(" AND s.stored_ns > {p}");
        }
        if let Some(until) = f.until_ns {
            let p = arg(Arg::Int(until), &mut args);
            sql += &format!(" AND s.stored_ns <= {p}");
        }
        let order = if f.ascending { "ASC" } else { "DESC" };
        let fetch = f.limit.saturating_add(1);

        let rows = self.read(|db| {
            // The sequence numbers that can match at all. `stored` never goes back as `seq`
            // grows (each write takes the store's clock, never before the newest), so `since`
            // and `until` are ranges of `seq` too, found on the `stored` index: a dashboard
            // asking for the last minute's statements reads from there, not from the start.
            let mut end = |sql: &str, bound: Option<i64>| -> Result<Option<i64>, ApiError> {
                let args: Vec<Arg<'_>> = bound.map(Arg::Int).into_iter().collect();
                match db
                    .first(sql, &args)
                    .map_err(db_err("reading the statements' range"))?
                {
                    // An empty table (or range) has no ends: NULL, or no row.
                    Some(mut row) => Ok(row.opt_int(0)?),
                    None => Ok(None),
                }
            };
            let first = match f.since_ns {
                Some(since) => end(
                    "SELECT seq FROM statements WHERE stored_ns > ?1 ORDER BY stored_ns, seq LIMIT 1",
                    Some(since),
                )?,
                None => end("SELECT min(seq) FROM statements", None)?,
            };
            let last = match f.until_ns {
                Some(until) => end(
                    "SELECT seq FROM statements WHERE stored_ns <= ?1 ORDER BY stored_ns DESC, seq DESC LIMIT 1",
                    Some(until),
                )?,
                None => end("SELECT max(seq) FROM statements", None)?,
            };
            let (Some(first), Some(last)) = (first, last) else {
                return Ok(Vec::new());
            };
            if first > last {
                return Ok(Vec::new());
            }
            let mut near_end = match (f.cursor, f.ascending) {
                (Some(cursor), true) => cursor.max(first.saturating_sub(1)),
                (Some(cursor), false) => cursor.min(last.saturating_add(1)),
                (None, true) => first.saturating_sub(1),
                (None, false) => last.saturating_add(1),
            };
            let mut width = i64::try_from(fetch)
                .unwrap_or(i64::MAX)
                .saturating_mul(2)
                .max(1_024);
            let mut rows = Vec::new();
            loop {
                let far_end = if f.ascending {
                    near_end.saturating_add(width)
                } else {
                    near_end.saturating_sub(width)
                };
                args[0] = Arg::Int(near_end);
                args[1] = Arg::Int(far_end);
                // The limit is written into the query, not bound: PostgreSQL plans a
                // prepared query once for every value, and a known small limit is what
                // makes it walk the sequence index instead of sorting every match.
                let page = db
                    .rows(
                        &format!("{sql} ORDER BY s.seq {order} LIMIT {}", fetch - rows.len()),
                        &args,
                    )
                    .map_err(db_err("running a statement query"))?;
                rows.extend(page);
                let past_the_end = if f.ascending {
                    far_end >= last
                } else {
                    far_end <= first
                };
                if rows.len() >= fetch || past_the_end {
                    return Ok(rows);
                }
                near_end = far_end;
                width = width.saturating_mul(4);
            }
        })?;
        let more = rows.len() > f.limit;
        let mut out = Vec::with_capacity(rows.len().min(f.limit));
        let mut last_seq = None;
        for mut row in rows.into_iter().take(f.limit) {
            let seq = row.int(0)?;
            last_seq = Some(seq);
            out.push(StoredStatement {
                body: row.text(1)?,
                stored_ns: row.int(2)?,
                seq: Some(seq),
            });
        }
        Ok((out, if more { last_seq } else { None }))
    }

    /// The canonical definition of an activity, if any statement gave one.
    pub fn activity(&self, id: &str) -> Result<Option<Value>, ApiError> {
        self.json_by_key(
            "SELECT definition FROM activities WHERE id = ?1",
            id,
            "reading an activity",
        )
    }

    /// The last Agent object seen for an IFI (for its `name`).
    pub fn agent(&self, ifi: &str) -> Result<Option<Value>, ApiError> {
        self.json_by_key(
            "SELECT agent FROM agents WHERE ifi = ?1",
            ifi,
            "reading an agent",
        )
    }

    fn json_by_key(
        &self,
        sql: &str,
        key: &str,
        context: &'static str,
    ) -> Result<Option<Value>, ApiError> {
        let text =
            self.read(
                |db| match db.first(sql, &[Arg::Text(key)]).map_err(db_err(context))? {
                    Some(mut row) => Ok(Some(row.text(0)?)),
                    None => Ok(None),
                },
            )?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Keeps attachment contents by their hash (one copy however many statements name it).
    pub fn put_attachments(
        &self,
        contents: &[super::attachments::Content],
    ) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            for c in contents {
                db.exec(
                    "INSERT INTO attachments (sha2, content_type, body) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    &[Arg::Text(&c.sha2), Arg::Text(&c.content_type), Arg::Bytes(&c.body)],
                )
                .map_err(db_err("storing an attachment"))?;
            }
            Ok(())
        })
    }

    /// The kept contents among `hashes`, in that order (hashes not kept are left out: a
    /// statement may name an attachment by `fileUrl` only).
    pub fn attachments(
        &self,
        hashes: &[String],
    ) -> Result<Vec<super::attachments::Content>, ApiError> {
        self.read(|db| {
            let mut out = Vec::new();
            for h in hashes {
                let row = db
                    .first(
                        "SELECT content_type, body FROM attachments WHERE sha2 = ?1",
                        &[Arg::Text(h)],
                    )
                    .map_err(db_err("reading an attachment"))?;
                if let Some(mut row) = row {
                    out.push(super::attachments::Content {
                        sha2: h.clone(),
                        content_type: row.text(0)?,
                        body: row.bytes(1)?,
                    });
                }
            }
            Ok(out)
        })
    }

    /// Records a login in progress under `state`, dropping those older than `ttl_ns`.
    pub fn lti_begin(
        &self,
        state: &str,
        login: &LtiLogin,
        now_ns: i64,
        ttl_ns: i64,
    ) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                "DELETE FROM lti_logins WHERE started_ns < ?1",
                &[Arg::Int(now_ns - ttl_ns)],
            )
            .map_err(db_err("expiring LTI logins"))?;
            db.exec(
                "INSERT INTO lti_logins (state, nonce, issuer, client_id, started_ns) VALUES (?1, ?2, ?3, ?4, ?5)",
                &[
                    Arg::Text(state),
                    Arg::Text(&login.nonce),
                    Arg::Text(&login.issuer),
                    Arg::Text(&login.client_id),
                    Arg::Int(now_ns),
                ],
            )
            .map_err(db_err("recording an LTI login"))?;
            Ok(())
        })
    }

    /// Takes the login under `state` (once: a second take finds nothing), if younger than `ttl_ns`.
    pub fn lti_take(
        &self,
        state: &str,
        now_ns: i64,
        ttl_ns: i64,
    ) -> Result<Option<LtiLogin>, ApiError> {
        self.write(Serial::None, |db| {
            let Some(mut row) = db
                .first(
                    "DELETE FROM lti_logins WHERE state = ?1 RETURNING nonce, issuer, client_id, started_ns",
                    &[Arg::Text(state)],
                )
                .map_err(db_err("reading an LTI login"))?
            else {
                return Ok(None);
            };
            let login = LtiLogin {
                nonce: row.text(0)?,
                issuer: row.text(1)?,
                client_id: row.text(2)?,
            };
            Ok((now_ns - row.int(3)? < ttl_ns).then_some(login))
        })
    }

    /// Records an id_token nonce; `false` when it was seen before (a replay).
    pub fn lti_first_use(&self, nonce: &str, now_ns: i64) -> Result<bool, ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO lti_nonces (nonce, seen_ns) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                &[Arg::Text(nonce), Arg::Int(now_ns)],
            )
            .map(|changed| changed == 1)
            .map_err(db_err("recording an LTI nonce"))
        })
    }

    /// The time up to which every statement is visible to queries: now, as
    /// the store's clock tells it, once no statement write is in progress,
    /// and never before the newest `stored`.
    pub fn consistent_through(&self) -> Result<i64, ApiError> {
        let settled = |db: &mut dyn Sql| Ok(db.now_ns()?.max(last_stored(db)?));
        match &self.backend {
            // Every SQLite write is committed under the writer's lock, taken here too (reads
            // have connections of their own and would not wait for a write under way).
            Backend::Sqlite(db) => db.settled(settled),
            // A write in progress has picked its `stored` time but is not visible yet.
            Backend::Postgres(db) => db.write(Serial::StatementsSettled, settled),
        }
    }

    /// One document.
    pub fn document(&self, key: &DocKey) -> Result<Option<Doc>, ApiError> {
        self.read(|db| read_doc(db, key))
    }

    /// The ids of documents under `key` (its `doc_id` ignored), changed
    /// after `since_ns` if given.
    pub fn document_ids(
        &self,
        key: &DocKey,
        since_ns: Option<i64>,
    ) -> Result<Vec<String>, ApiError> {
        self.read(|db| {
            db.rows(
                "SELECT doc_id FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 \
                 AND registration = ?4 AND updated_ns > ?5 ORDER BY doc_id",
                &[
                    Arg::Text(key.kind.as_str()),
                    Arg::Text(&key.activity_id),
                    Arg::Text(&key.agent_ifi),
                    Arg::Text(&key.registration),
                    Arg::Int(since_ns.unwrap_or(i64::MIN)),
                ],
            )
            .map_err(db_err("listing documents"))?
            .into_iter()
            .map(|mut r| Ok(r.text(0)?))
            .collect()
        })
    }

    /// Reads the current document, lets `decide` check preconditions and
    /// choose what to do, and applies it, all in one serialised transaction
    /// so that If-Match checks cannot race another writer, in this process
    /// or another.
    pub fn modify_document(
        &self,
        key: &DocKey,
        decide: impl FnOnce(Option<&Doc>) -> Result<DocWrite, ApiError>,
    ) -> Result<(), ApiError> {
        self.write(Serial::Documents, |db| {
            let current = read_doc(db, key)?;
            match decide(current.as_ref())? {
                DocWrite::Put { content_type, body } => {
                    let etag = etag_of(&body);
                    let updated = db.now_ns()?;
                    db.exec(
                        "INSERT INTO documents (kind, activity_id, agent_ifi, registration, doc_id, content_type, body, etag, updated_ns) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                         ON CONFLICT (kind, activity_id, agent_ifi, registration, doc_id) DO UPDATE SET \
                         content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated_ns = excluded.updated_ns",
                        &[
                            Arg::Text(key.kind.as_str()),
                            Arg::Text(&key.activity_id),
                            Arg::Text(&key.agent_ifi),
                            Arg::Text(&key.registration),
                            Arg::Text(&key.doc_id),
                            Arg::Text(&content_type),
                            Arg::Bytes(&body),
                            Arg::Text(&etag),
                            Arg::Int(updated),
                        ],
                    )
                    .map_err(db_err("writing a document"))?;
                }
                DocWrite::Delete => {
                    db.exec(
                        "DELETE FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 AND doc_id = ?5",
                        &[
                            Arg::Text(key.kind.as_str()),
                            Arg::Text(&key.activity_id),
                            Arg::Text(&key.agent_ifi),
                            Arg::Text(&key.registration),
                            Arg::Text(&key.doc_id),
                        ],
                    )
                    .map_err(db_err("deleting a document"))?;
                }
            }
            Ok(())
        })
    }

    /// Deletes every document under `key` (its `doc_id` ignored), or only
    /// those changed after `since_ns` when given.
    pub fn delete_documents(&self, key: &DocKey, since_ns: Option<i64>) -> Result<usize, ApiError> {
        self.write(Serial::Documents, |db| {
            db.exec(
                "DELETE FROM documents WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 \
                 AND updated_ns > ?5",
                &[
                    Arg::Text(key.kind.as_str()),
                    Arg::Text(&key.activity_id),
                    Arg::Text(&key.agent_ifi),
                    Arg::Text(&key.registration),
                    Arg::Int(since_ns.unwrap_or(i64::MIN)),
                ],
            )
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .map_err(db_err("deleting documents"))
        })
    }
}

/// The newest `stored` time, or 0 in an empty store.
fn last_stored(db: &mut dyn Sql) -> Result<i64, ApiError> {
    let mut row = db
        .first("SELECT COALESCE(MAX(stored_ns), 0) FROM statements", &[])
        .map_err(db_err("reading the last stored time"))?
        .ok_or_else(|| ApiError::internal("storage error: MAX returned no row"))?;
    Ok(row.int(0)?)
}

fn read_doc(db: &mut dyn Sql, key: &DocKey) -> Result<Option<Doc>, ApiError> {
    let row = db
        .first(
            "SELECT content_type, body, etag, updated_ns FROM documents \
             WHERE kind = ?1 AND activity_id = ?2 AND agent_ifi = ?3 AND registration = ?4 AND doc_id = ?5",
            &[
                Arg::Text(key.kind.as_str()),
                Arg::Text(&key.activity_id),
                Arg::Text(&key.agent_ifi),
                Arg::Text(&key.registration),
                Arg::Text(&key.doc_id),
            ],
        )
        .map_err(db_err("reading a document"))?;
    let Some(mut row) = row else { return Ok(None) };
    Ok(Some(Doc {
        content_type: row.text(0)?,
        body: row.bytes(1)?,
        etag: row.text(2)?,
        updated_ns: row.int(3)?,
    }))
}

/// A statement of the batch that is not stored yet.
struct Fresh {
    id: String,
    index: Index,
    body: String,
    stored_ns: i64,
}

/// Runs `sql_for(n)` over `items` in chunks of at most [`ROWS_PER_STATEMENT`],
/// binding what `args` gives for each item; the rows every chunk returned.
fn chunked<'a, T>(
    db: &mut dyn Sql,
    items: &'a [T],
    context: &'static str,
    sql_for: impl Fn(usize) -> String,
    args: impl Fn(&'a T, &mut Vec<Arg<'a>>),
) -> Result<Vec<sql::Row>, ApiError> {
    let mut out = Vec::new();
    for chunk in items.chunks(ROWS_PER_STATEMENT) {
        let mut bound = Vec::new();
        for item in chunk {
            args(item, &mut bound);
        }
        out.extend(
            db.rows(&sql_for(chunk.len()), &bound)
                .map_err(db_err(context))?,
        );
    }
    Ok(out)
}

fn insert_statements(
    db: &mut dyn Sql,
    batch: Vec<NewStatement>,
    voider_ifi: Option<&str>,
) -> Result<Vec<String>, ApiError> {
    let ids: Vec<String> = batch.iter().map(|s| s.id.clone()).collect();
    let mut existing = HashMap::new();
    for mut row in chunked(
        db,
        &ids,
        "looking up statement ids",
        |n| format!("SELECT id, body FROM statements WHERE id IN ({})", list(n)),
        |id, a| a.push(Arg::Text(id)),
    )? {
        existing.insert(row.text(0)?, row.text(1)?);
    }

    // `stored` never goes backwards, even if the clock does.
    let mut stored_ns = db.now_ns()?.max(last_stored(db)? + 1_000);
    let mut fresh = Vec::with_capacity(batch.len());
    for st in batch {
        if let Some(body) = existing.get(&st.id) {
            let old: Value = serde_json::from_str(body).map_err(|e| {
                ApiError::internal(format!("stored statement {} is not JSON: {e}", st.id))
            })?;
            if same_statement(&old, &st.original) {
                continue;
            }
            return Err(ApiError::conflict(format!(
                "statement {} already exists with different content; statements cannot be changed",
                st.id
            )));
        }
        let index = Index::of(&st.full);
        let mut full = st.full;
        if let Some(obj) = full.as_object_mut() {
            let stored = format_timestamp(stored_ns);
            obj.entry("timestamp")
                .or_insert_with(|| Value::String(stored.clone()));
            obj.insert("stored".into(), Value::String(stored));
        }
        let body = serde_json::to_string(&full)
            .map_err(|e| ApiError::internal(format!("could not serialise statement: {e}")))?;
        fresh.push(Fresh {
            id: st.id,
            index,
            body,
            stored_ns,
        });
        stored_ns += 1_000;
    }
    if fresh.is_empty() {
        return Ok(ids);
    }

    let mut seqs = HashMap::with_capacity(fresh.len());
    for mut row in chunked(
        db,
        &fresh,
        "inserting statements",
        |n| {
            format!(
                "INSERT INTO statements (id, stored_ns, verb_id, registration, voids, refs, body) VALUES {} RETURNING seq, id",
                values(n, 7)
            )
        },
        |f, a| {
            a.extend([
                Arg::Text(&f.id),
                Arg::Int(f.stored_ns),
                Arg::Text(&f.index.verb),
                Arg::OptText(f.index.registration.as_deref()),
                Arg::OptText(f.index.voids.as_deref()),
                Arg::OptText(f.index.refs.as_deref()),
                Arg::Text(&f.body),
            ])
        },
    )? {
        let seq = row.int(0)?;
        seqs.insert(row.text(1)?, seq);
    }
    let seq_of = |id: &str| {
        seqs.get(id).copied().ok_or_else(|| {
            ApiError::internal(format!(
                "storage error: no sequence number came back for {id}"
            ))
        })
    };
    let mut agents = Vec::new();
    let mut activities = Vec::new();
    let mut keys = Vec::new();
    for f in &fresh {
        let seq = seq_of(&f.id)?;
        agents.extend(
            f.index
                .agents
                .iter()
                .map(|(ifi, role)| (seq, ifi.as_str(), *role)),
        );
        activities.extend(
            f.index
                .activities
                .iter()
                .map(|(id, role)| (seq, id.as_str(), *role)),
        );
        keys.push((seq, "verb", f.index.verb.as_str()));
        if let Some(registration) = &f.index.registration {
            keys.push((seq, "registration", registration.as_str()));
        }
    }
    // A fresh statement's rows are distinct (`Index::of` drops repeats, each statement has
    // its own new `seq`), so plain inserts: no conflict to look for, which PostgreSQL's
    // ON CONFLICT checks row by row. Rows copied to a targeting statement may meet existing
    // ones and keep their ON CONFLICT (`copy_filter_rows`).
    for (table, rows) in [
        ("statement_agents (seq, ifi, role)", &agents),
        ("statement_activities (seq, activity_id, role)", &activities),
    ] {
        chunked(
            db,
            rows,
            "indexing statements",
            |n| format!("INSERT INTO {table} VALUES {}", values(n, 3)),
            |(seq, key, role), a| a.extend([Arg::Int(*seq), Arg::Text(key), Arg::Int(*role)]),
        )?;
    }
    chunked(
        db,
        &keys,
        "indexing statements",
        |n| {
            format!(
                "INSERT INTO statement_ref_keys (seq, kind, value) VALUES {}",
                values(n, 3)
            )
        },
        |(seq, kind, value), a| a.extend([Arg::Int(*seq), Arg::Text(kind), Arg::Text(value)]),
    )?;
    store_definitions(db, &fresh)?;
    store_named_agents(db, &fresh)?;

    // After the whole batch is in, so a target earlier in the same batch counts.
    for f in &fresh {
        if let Some(target) = &f.index.voids {
            check_void_target(db, target, voider_ifi)?;
        }
    }
    let fresh_ids: Vec<&str> = fresh.iter().map(|f| f.id.as_str()).collect();
    let targeted: HashSet<String> = chunked(
        db,
        &fresh_ids,
        "finding statements that target new ones",
        |n| format!("SELECT refs FROM statements WHERE refs IN ({})", list(n)),
        |id, a| a.push(Arg::Text(id)),
    )?
    .into_iter()
    .map(|mut r| r.text(0))
    .collect::<Result<_, _>>()?;
    for f in &fresh {
        if f.index.refs.is_some() || targeted.contains(&f.id) {
            inherit_refs(db, seq_of(&f.id)?, &f.id, f.index.refs.as_deref())?;
        }
    }
    // Voids what the batch's voiding statements target, and the batch's
    // statements that an earlier voiding statement was waiting for.
    let mut maybe_voided: Vec<&str> = fresh_ids.clone();
    maybe_voided.extend(fresh.iter().filter_map(|f| f.index.voids.as_deref()));
    chunked(
        db,
        &maybe_voided,
        "voiding statements",
        |n| {
            format!(
                "UPDATE statements SET voided = 1 WHERE voided = 0 AND id IN ({}) \
                 AND EXISTS (SELECT 1 FROM statements v WHERE v.voids = statements.id)",
                list(n)
            )
        },
        |id, a| a.push(Arg::Text(id)),
    )?;
    Ok(ids)
}

/// Folds the batch's activity definitions into the stored ones, in batch order.
fn store_definitions(db: &mut dyn Sql, fresh: &[Fresh]) -> Result<(), ApiError> {
    let mut order: Vec<&str> = Vec::new();
    let mut merged: HashMap<&str, Map<String, Value>> = HashMap::new();
    for (id, _) in fresh.iter().flat_map(|f| &f.index.definitions) {
        if !merged.contains_key(id.as_str()) {
            merged.insert(id, Map::new());
            order.push(id);
        }
    }
    if order.is_empty() {
        return Ok(());
    }
    for mut row in chunked(
        db,
        &order,
        "reading activity definitions",
        |n| {
            format!(
                "SELECT id, definition FROM activities WHERE id IN ({})",
                list(n)
            )
        },
        |id, a| a.push(Arg::Text(id)),
    )? {
        let id = row.text(0)?;
        let old = serde_json::from_str::<Map<String, Value>>(&row.text(1)?).unwrap_or_default();
        if let Some(slot) = merged.get_mut(id.as_str()) {
            *slot = old;
        }
    }
    // Later definitions refine earlier ones property by property.
    for (id, def) in fresh.iter().flat_map(|f| &f.index.definitions) {
        if let Some(slot) = merged.get_mut(id.as_str()) {
            merge_definition(slot, def);
        }
    }
    let rows: Vec<(&str, String)> = order
        .iter()
        .map(|id| {
            (
                *id,
                Value::Object(merged.remove(id).unwrap_or_default()).to_string(),
            )
        })
        .collect();
    chunked(
        db,
        &rows,
        "storing activity definitions",
        |n| {
            format!(
                "INSERT INTO activities (id, definition) VALUES {} ON CONFLICT (id) DO UPDATE SET definition = excluded.definition",
                values(n, 2)
            )
        },
        |(id, text), a| a.extend([Arg::Text(id), Arg::Text(text)]),
    )?;
    Ok(())
}

/// Keeps the last Agent object the batch gives for each IFI (for its name).
fn store_named_agents(db: &mut dyn Sql, fresh: &[Fresh]) -> Result<(), ApiError> {
    let mut last: HashMap<&str, String> = HashMap::new();
    let mut order = Vec::new();
    for (ifi, agent) in fresh.iter().flat_map(|f| &f.index.named_agents) {
        if last.insert(ifi, agent.to_string()).is_none() {
            order.push(ifi.as_str());
        }
    }
    let rows: Vec<(&str, String)> = order
        .into_iter()
        .map(|ifi| (ifi, last.remove(ifi).unwrap_or_default()))
        .collect();
    chunked(
        db,
        &rows,
        "storing agents",
        |n| {
            format!(
                "INSERT INTO agents (ifi, agent) VALUES {} ON CONFLICT (ifi) DO UPDATE SET agent = excluded.agent",
                values(n, 2)
            )
        },
        |(ifi, text), a| a.extend([Arg::Text(ifi), Arg::Text(text)]),
    )?;
    Ok(())
}

fn check_void_target(
    db: &mut dyn Sql,
    target: &str,
    voider_ifi: Option<&str>,
) -> Result<(), ApiError> {
    let row = db
        .first(
            "SELECT seq, voids FROM statements WHERE id = ?1",
            &[Arg::Text(target)],
        )
        .map_err(db_err("looking up a voiding target"))?;
    let row = match row {
        Some(mut r) => Some((r.int(0)?, r.opt_text(1)?)),
        None => None,
    };
    if let Some((_, Some(_))) = row {
        return Err(ApiError::bad_request(format!(
            "statement.object.id: statement {target} is itself a voiding statement and cannot be voided"
        )));
    }
    if let Some(ifi) = voider_ifi {
        let own = match row {
            Some((seq, _)) => db
                .first(
                    "SELECT 1 FROM statement_agents WHERE seq = ?1 AND ifi = ?2 AND role = 0",
                    &[Arg::Int(seq), Arg::Text(ifi)],
                )
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

/// Gives statement `seq` the filter rows of the statement it targets (if
/// stored), and passes its rows on to statements stored earlier that target
/// it, transitively (a target may arrive after the statements referring to it).
fn inherit_refs(db: &mut dyn Sql, seq: i64, id: &str, refs: Option<&str>) -> Result<(), ApiError> {
    if let Some(target) = refs {
        let target_seq = db
            .first(
                "SELECT seq FROM statements WHERE id = ?1",
                &[Arg::Text(target)],
            )
            .map_err(db_err("looking up a StatementRef target"))?;
        if let Some(mut row) = target_seq {
            copy_filter_rows(db, row.int(0)?, seq)?;
        }
    }
    let mut work = vec![(seq, id.to_string())];
    let mut seen = HashSet::from([seq]);
    while let Some((from, from_id)) = work.pop() {
        let referrers = db
            .rows(
                "SELECT seq, id FROM statements WHERE refs = ?1",
                &[Arg::Text(&from_id)],
            )
            .map_err(db_err("finding statements that target a statement"))?;
        for mut row in referrers {
            let (to, to_id) = (row.int(0)?, row.text(1)?);
            copy_filter_rows(db, from, to)?;
            if seen.insert(to) {
                work.push((to, to_id));
            }
        }
    }
    Ok(())
}

fn copy_filter_rows(db: &mut dyn Sql, from: i64, to: i64) -> Result<(), ApiError> {
    let sql = format!(
        "INSERT INTO statement_agents (seq, ifi, role) \
           SELECT CAST(?2 AS BIGINT), ifi, CASE WHEN role < {v} THEN role + {v} ELSE role END FROM statement_agents WHERE seq = ?1 \
           ON CONFLICT DO NOTHING;
         INSERT INTO statement_activities (seq, activity_id, role) \
           SELECT CAST(?2 AS BIGINT), activity_id, CASE WHEN role < {v} THEN role + {v} ELSE role END FROM statement_activities WHERE seq = ?1 \
           ON CONFLICT DO NOTHING;
         INSERT INTO statement_ref_keys (seq, kind, value) \
           SELECT CAST(?2 AS BIGINT), kind, value FROM statement_ref_keys WHERE seq = ?1 ON CONFLICT DO NOTHING;",
        v = ROLE_VIA_REF
    );
    for part in sql.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        db.exec(part, &[Arg::Int(from), Arg::Int(to)])
            .map_err(db_err("copying filter rows to a targeting statement"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lti_logins_are_taken_once_and_expire_and_nonces_are_seen_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&Storage::Sqlite(dir.path().to_path_buf())).expect("open");
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
        assert!(!Store::open(&Storage::Sqlite(dir.path().to_path_buf()))
            .expect("reopen")
            .lti_first_use("n1", 3)
            .expect("replay after restart"));
    }

    /// Pages cross the store's sequence windows: rare matches far apart, common ones, both
    /// directions, each statement once, in order, and `more` only while there are more.
    #[test]
    fn pages_find_every_match_once_in_order_across_windows() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&Storage::Sqlite(dir.path().to_path_buf())).expect("open");
        let empty = StatementFilter {
            limit: 10,
            ..Default::default()
        };
        assert_eq!(store.query(&empty).expect("empty store").0.len(), 0);
        let object = |i: usize| {
            if i.is_multiple_of(997) {
                "http://rare"
            } else {
                "http://common"
            }
        };
        let id = |i: usize| format!("00000000-0000-4000-8000-{i:012}");
        // Statements `range`, each by one of three learners about `object(i)`.
        let statements = |range: std::ops::Range<usize>| -> Vec<NewStatement> {
            range
                .map(|i| {
                    let full = serde_json::json!({
                        "id": id(i),
                        "actor": {"mbox": format!("mailto:l{}@example.org", i % 3)},
                        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                        "object": {"id": object(i)},
                    });
                    NewStatement {
                        id: id(i),
                        original: full.clone(),
                        full,
                    }
                })
                .collect()
        };
        for from in (0..6_000).step_by(500) {
            store
                .insert_statements(statements(from..from + 500), None)
                .expect("insert");
        }
        let read_all = |filter: StatementFilter| {
            let mut ids = Vec::new();
            let mut cursor = None;
            loop {
                let (page, more) = store
                    .query(&StatementFilter {
                        cursor,
                        ..filter.clone()
                    })
                    .expect("query");
                assert!(page.len() <= filter.limit);
                for s in &page {
                    let body: Value = serde_json::from_str(&s.body).expect("json");
                    ids.push(body["id"].as_str().unwrap_or_default().to_string());
                }
                match more {
                    Some(next) => {
                        assert_eq!(
                            page.len(),
                            filter.limit,
                            "a page short of its limit says no more"
                        );
                        cursor = Some(next);
                    }
                    None => return ids,
                }
            }
        };
        let expect = |keep: &dyn Fn(usize) -> bool, ascending: bool| {
            let mut ids = (0..6_010).filter(|&i| keep(i)).map(id).collect::<Vec<_>>();
            if !ascending {
                ids.reverse();
            }
            ids
        };
        for ascending in [true, false] {
            let rare = StatementFilter {
                activity: Some("http://rare".into()),
                ascending,
                limit: 2,
                ..Default::default()
            };
            assert_eq!(
                read_all(rare),
                expect(&|i| i < 6_000 && i.is_multiple_of(997), ascending)
            );
            let common_of_one = StatementFilter {
                activity: Some("http://common".into()),
                agent: Some("mbox:mailto:l1@example.org".into()),
                ascending,
                limit: 700,
                ..Default::default()
            };
            assert_eq!(
                read_all(common_of_one),
                expect(
                    &|i| i < 6_000 && !i.is_multiple_of(997) && i % 3 == 1,
                    ascending
                )
            );
            let everything = StatementFilter {
                ascending,
                limit: 6_000,
                ..Default::default()
            };
            assert_eq!(read_all(everything), expect(&|i| i < 6_000, ascending));
        }
        // `since` and `until` start and end the windows where the stored times do.
        let through = store.consistent_through().expect("through");
        // The next write's clock is past `through` (times are in microseconds).
        std::thread::sleep(std::time::Duration::from_millis(2));
        let later = statements(6_000..6_010);
        store.insert_statements(later, None).expect("insert later");
        for ascending in [true, false] {
            let since = StatementFilter {
                since_ns: Some(through),
                ascending,
                limit: 3,
                ..Default::default()
            };
            assert_eq!(read_all(since), expect(&|i| i >= 6_000, ascending));
            let until = StatementFilter {
                until_ns: Some(through),
                ascending,
                limit: 2_000,
                ..Default::default()
            };
            assert_eq!(read_all(until), expect(&|i| i < 6_000, ascending));
        }
        let nothing_after = StatementFilter {
            since_ns: Some(store.consistent_through().expect("through")),
            limit: 5,
            ..Default::default()
        };
        assert_eq!(read_all(nothing_after), Vec::<String>::new());
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
    fn etag_is_quoted_sha1() {
        assert_eq!(
            etag_of(b"abc"),
            "\"a9993e364706816aba3e25717850c26c9cd0d89d\""
        );
    }
}
