//! The PostgreSQL backend, for organisations that run several service
//! processes behind one address: they share one database and nothing else.
//!
//! Connections come from an r2d2 pool; each keeps the statements it has
//! prepared, so a repeated query costs one round trip. Where the SQLite
//! backend relies on its one writer, this one takes transaction-scoped
//! advisory locks ([`Serial`]), and reads time from the database's clock, so
//! `stored` order, paging order and `X-Experience-API-Consistent-Through`
//! hold across processes whose clocks differ.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use postgres::types::{ToSql, Type};
use postgres::{GenericClient, NoTls, Statement};

use super::sql::{check_args, dollar_params, Arg, Cell, DbError, Row, Serial, Sql};
use super::{ApiError, LrsError};

/// Schema migrations in order; `throughline_schema.version` counts those
/// applied. Never edit one that shipped; add one.
const MIGRATIONS: [&str; 4] = [SCHEMA_1, SCHEMA_2, SCHEMA_3, SCHEMA_4];

/// The schema as SQLite's four migrations left it, in PostgreSQL's types
/// (the few statements that void or refer to others indexed alone).
/// Document ids sort byte-wise (`COLLATE "C"`), as they do in SQLite, so a
/// listing does not depend on the cluster's locale.
const SCHEMA_1: &str = r#"
CREATE TABLE statements (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stored_ns BIGINT NOT NULL,
    verb_id TEXT NOT NULL,
    registration TEXT,
    voids TEXT,
    refs TEXT,
    voided BIGINT NOT NULL DEFAULT 0,
    body TEXT NOT NULL
);
CREATE INDEX statements_stored ON statements(stored_ns, seq);
CREATE INDEX statements_voids ON statements(voids) WHERE voids IS NOT NULL;
CREATE INDEX statements_refs ON statements(refs) WHERE refs IS NOT NULL;
CREATE TABLE statement_agents (
    seq BIGINT NOT NULL REFERENCES statements(seq),
    ifi TEXT NOT NULL,
    role BIGINT NOT NULL
);
CREATE INDEX statement_agents_ifi ON statement_agents(ifi, role, seq);
CREATE UNIQUE INDEX statement_agents_row ON statement_agents(seq, role, ifi);
CREATE TABLE statement_activities (
    seq BIGINT NOT NULL REFERENCES statements(seq),
    activity_id TEXT NOT NULL,
    role BIGINT NOT NULL
);
CREATE INDEX statement_activities_id ON statement_activities(activity_id, role, seq);
CREATE UNIQUE INDEX statement_activities_row ON statement_activities(seq, role, activity_id);
CREATE TABLE statement_ref_keys (
    seq BIGINT NOT NULL REFERENCES statements(seq),
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX statement_ref_keys_value ON statement_ref_keys(kind, value, seq);
CREATE UNIQUE INDEX statement_ref_keys_row ON statement_ref_keys(seq, kind, value);
CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    definition TEXT NOT NULL
);
CREATE TABLE agents (
    ifi TEXT PRIMARY KEY,
    agent TEXT NOT NULL
);
CREATE TABLE documents (
    kind TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    agent_ifi TEXT NOT NULL,
    registration TEXT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    content_type TEXT NOT NULL,
    body BYTEA NOT NULL,
    etag TEXT NOT NULL,
    updated_ns BIGINT NOT NULL,
    PRIMARY KEY (kind, activity_id, agent_ifi, registration, doc_id)
);
CREATE TABLE attachments (
    sha2 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    body BYTEA NOT NULL
);
CREATE TABLE lti_logins (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    started_ns BIGINT NOT NULL
);
CREATE TABLE lti_nonces (
    nonce TEXT PRIMARY KEY,
    seen_ns BIGINT NOT NULL
);
"#;

/// As SQLite's migration 5: LTI launches' LRS keys and the grade sends waiting.
const SCHEMA_2: &str = r#"
CREATE TABLE lti_launches (
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
    adoption_grade BIGINT NOT NULL,
    roster_url TEXT,
    created_ns BIGINT NOT NULL
);
CREATE TABLE lti_grades (
    lineitem TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    score TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_ns BIGINT NOT NULL,
    last_error TEXT,
    done_ns BIGINT,
    PRIMARY KEY (lineitem, subject, kind)
);
CREATE INDEX lti_grades_due ON lti_grades(done_ns, next_ns);
"#;

/// As SQLite's migration 6: nudge recipients, claimed messages, calendar feeds.
const SCHEMA_3: &str = r#"
CREATE TABLE IF NOT EXISTS nudge_recipients (
    agent_ifi TEXT PRIMARY KEY,
    email TEXT,
    source TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    unsubscribed_ns BIGINT,
    updated_ns BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS nudges (
    agent_ifi TEXT NOT NULL,
    program TEXT NOT NULL,
    day BIGINT NOT NULL,
    due TEXT NOT NULL,
    kind TEXT NOT NULL,
    claimed_ns BIGINT NOT NULL,
    sent_ns BIGINT,
    PRIMARY KEY (agent_ifi, program, day, due, kind)
);
CREATE TABLE IF NOT EXISTS calendar_feeds (
    token_sha256 TEXT PRIMARY KEY,
    agent_ifi TEXT NOT NULL,
    program TEXT NOT NULL,
    created_ns BIGINT NOT NULL,
    revoked_ns BIGINT
);
CREATE INDEX IF NOT EXISTS calendar_feeds_owner ON calendar_feeds(agent_ifi, program);
"#;

/// As SQLite's migration 7: a learner's chat webhook.
const SCHEMA_4: &str = r#"
ALTER TABLE nudge_recipients ADD COLUMN chat_format TEXT;
ALTER TABLE nudge_recipients ADD COLUMN chat_url TEXT;
"#;

/// Advisory lock keys (arbitrary, fixed: every process must use the same).
const LOCK_MIGRATE: i64 = 0x7448_0001;
const LOCK_STATEMENTS: i64 = 0x7448_0002;
const LOCK_DOCUMENTS: i64 = 0x7448_0003;

/// Prepared statements a connection keeps before it starts over; the
/// statement query builder makes a few hundred shapes at most.
const CACHE_LIMIT: usize = 512;

/// A pooled connection and the statements prepared on it.
pub(crate) struct Conn {
    client: postgres::Client,
    prepared: HashMap<String, Statement>,
}

/// Opens connections for the pool.
pub(crate) struct Manager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Conn, postgres::Error> {
        Ok(Conn {
            client: self.config.connect(NoTls)?,
            prepared: HashMap::new(),
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}

/// The shared database.
pub(crate) struct Postgres {
    /// Always `Some` until dropped.
    pool: Option<r2d2::Pool<Manager>>,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // Closing a connection blocks on its own small runtime, which tokio
        // forbids on a thread that drives async tasks, where the service may
        // well be dropped; so the pool is let go on a thread of its own.
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::Builder::new()
                .name("throughline-pg-close".into())
                .spawn(move || drop(pool));
        }
    }
}

fn db(e: postgres::Error) -> DbError {
    // The server's own message is the useful part ("duplicate key…").
    match e.as_db_error() {
        Some(d) => DbError(format!("{}: {}", d.severity(), d.message())),
        None => DbError(e.to_string()),
    }
}

/// A connection (or a transaction on one) as the store's logic sees it.
struct Pg<'a, C: GenericClient> {
    client: &'a mut C,
    prepared: &'a mut HashMap<String, Statement>,
}

impl<C: GenericClient> Pg<'_, C> {
    fn statement(&mut self, sql: &str) -> Result<Statement, DbError> {
        if let Some(st) = self.prepared.get(sql) {
            return Ok(st.clone());
        }
        let st = self.client.prepare(&dollar_params(sql)).map_err(db)?;
        if self.prepared.len() >= CACHE_LIMIT {
            self.prepared.clear();
        }
        self.prepared.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

fn bind<'a>(args: &'a [Arg<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter()
        .map(|a| match a {
            Arg::Int(v) => v as &(dyn ToSql + Sync),
            Arg::Text(s) => s as &(dyn ToSql + Sync),
            Arg::OptText(s) => s as &(dyn ToSql + Sync),
            Arg::Bytes(b) => b as &(dyn ToSql + Sync),
        })
        .collect()
}

fn cell(row: &postgres::Row, i: usize) -> Result<Cell, DbError> {
    let ty = row.columns()[i].type_();
    let cell = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i).map(|v| v.map(Cell::Int))
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)
            .map(|v| v.map(|v| Cell::Int(v.into())))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)
            .map(|v| v.map(|v| Cell::Int(v.into())))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)
            .map(|v| v.map(|v| Cell::Int(v.into())))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)
            .map(|v| v.map(Cell::Bytes))
    } else if *ty == Type::TEXT || *ty == Type::VARCHAR || *ty == Type::NAME {
        row.try_get::<_, Option<String>>(i)
            .map(|v| v.map(Cell::Text))
    } else {
        return Err(DbError(format!(
            "column {i} has type {ty}, which the store does not read"
        )));
    };
    cell.map(|c| c.unwrap_or(Cell::Null)).map_err(db)
}

impl<C: GenericClient> Sql for Pg<'_, C> {
    fn exec(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, DbError> {
        check_args(args)?;
        let st = self.statement(sql)?;
        self.client.execute(&st, &bind(args)).map_err(db)
    }

    fn rows(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, DbError> {
        check_args(args)?;
        let st = self.statement(sql)?;
        let rows = self.client.query(&st, &bind(args)).map_err(db)?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| cell(r, i))
                    .collect::<Result<_, _>>()
                    .map(Row)
            })
            .collect()
    }

    fn now_ns(&mut self) -> Result<i64, DbError> {
        // The database's clock, so that processes on machines whose clocks
        // differ still hand out `stored` times in one order.
        self.first(
            "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT) * 1000",
            &[],
        )?
        .ok_or_else(|| DbError("the clock query returned nothing".into()))?
        .int(0)
    }
}

/// How a `postgres://` URL is named in messages: host, port and database,
/// never the password.
pub(crate) fn describe(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    format!(
        "PostgreSQL database {} on {}{port}",
        config.get_dbname().unwrap_or("(the user's default)"),
        if hosts.is_empty() {
            "localhost".to_string()
        } else {
            hosts.join(",")
        }
    )
}

/// The URL parsed, or why not (without echoing it: it may hold a password).
pub(crate) fn parse_url(url: &str) -> Result<postgres::Config, LrsError> {
    postgres::Config::from_str(url).map_err(|e| LrsError::Database {
        context: "reading the database URL",
        place: "the PostgreSQL URL".into(),
        message: e.to_string(),
    })
}

impl Postgres {
    /// Connects a pool to `url` and migrates the schema (one process at a time).
    /// Safe to call from async code: the blocking work runs on a thread of its own.
    pub(crate) fn open(url: &str) -> Result<Postgres, LrsError> {
        std::thread::scope(|s| {
            s.spawn(|| Postgres::open_here(url))
                .join()
                .unwrap_or_else(|_| {
                    Err(LrsError::Database {
                        context: "connecting",
                        place: "PostgreSQL".into(),
                        message: "the connecting thread panicked".into(),
                    })
                })
        })
    }

    fn open_here(url: &str) -> Result<Postgres, LrsError> {
        let mut config = parse_url(url)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        // Statement queries are prepared once per shape but must be planned for their
        // values: a generic plan cannot tell a verb on half the statements from one on
        // a few, and hashes every match where walking the index would stop at a page.
        let options = config.get_options().unwrap_or_default().to_string();
        config.options(format!("{options} -c plan_cache_mode=force_custom_plan").trim());
        let place = describe(&config);
        let fail = |context: &'static str, message: String| LrsError::Database {
            context,
            place: place.clone(),
            message,
        };
        let pool = r2d2::Pool::builder()
            .max_size(16)
            // Connections open as load needs them and close after idling.
            .min_idle(Some(1))
            // No test query per checkout (a round trip per store call): a connection the
            // server dropped fails its next query, that request gets a 500 and the widget
            // sends again, and the pool replaces the connection once it reports closed.
            .test_on_check_out(false)
            .idle_timeout(Some(Duration::from_secs(60)))
            .connection_timeout(Duration::from_secs(10))
            .build(Manager { config })
            .map_err(|e| fail("connecting", e.to_string()))?;
        let mut conn = pool.get().map_err(|e| fail("connecting", e.to_string()))?;
        migrate(&mut conn.client, &place)?;
        drop(conn);
        Ok(Postgres { pool: Some(pool) })
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, ApiError> {
        let pool = self
            .pool
            .as_ref()
            .ok_or_else(|| ApiError::internal("storage error: the database is closed"))?;
        pool.get()
            .map_err(|e| ApiError::internal(format!("storage error: no database connection: {e}")))
    }

    /// Runs `f` in one transaction, after taking the lock `serial` names.
    pub(crate) fn write<T>(
        &self,
        serial: Serial,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.conn()?;
        let Conn { client, prepared } = &mut *conn;
        let internal = |what: &str, e: postgres::Error| {
            ApiError::internal(format!("storage error while {what}: {}", db(e)))
        };
        let mut tx = client
            .transaction()
            .map_err(|e| internal("starting a transaction", e))?;
        let out = {
            let mut pg = Pg {
                client: &mut tx,
                prepared,
            };
            let lock = match serial {
                Serial::None => None,
                Serial::Statements => Some(("SELECT pg_advisory_xact_lock(?1)", LOCK_STATEMENTS)),
                Serial::Documents => Some(("SELECT pg_advisory_xact_lock(?1)", LOCK_DOCUMENTS)),
                Serial::StatementsSettled => {
                    Some(("SELECT pg_advisory_xact_lock_shared(?1)", LOCK_STATEMENTS))
                }
            };
            if let Some((sql, key)) = lock {
                pg.exec(sql, &[Arg::Int(key)]).map_err(|e| {
                    ApiError::internal(format!("storage error while waiting for a lock: {e}"))
                })?;
            }
            f(&mut pg)?
        };
        tx.commit().map_err(|e| internal("committing", e))?;
        Ok(out)
    }

    /// Runs `f` outside a transaction (each query sees what is committed).
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.conn()?;
        let Conn { client, prepared } = &mut *conn;
        f(&mut Pg { client, prepared })
    }
}

/// Brings the schema to the newest this service knows, under a lock so that
/// processes starting together migrate once; refuses a newer schema.
fn migrate(client: &mut postgres::Client, place: &str) -> Result<(), LrsError> {
    let fail = |context: &'static str| {
        move |e: postgres::Error| LrsError::Database {
            context,
            place: place.to_string(),
            message: db(e).0,
        }
    };
    let mut tx = client
        .transaction()
        .map_err(fail("starting a schema migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_MIGRATE])
        .map_err(fail("waiting for another process's migration"))?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS throughline_schema (version BIGINT NOT NULL)")
        .map_err(fail("creating the schema version table"))?;
    let found: Option<i64> = tx
        .query_opt("SELECT version FROM throughline_schema", &[])
        .map_err(fail("reading the schema version"))?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(fail("reading the schema version"))?;
    let found_n = usize::try_from(found.unwrap_or(0)).unwrap_or(usize::MAX);
    if found_n > MIGRATIONS.len() {
        return Err(LrsError::Schema {
            place: place.to_string(),
            found: found_n,
            known: MIGRATIONS.len(),
        });
    }
    for step in MIGRATIONS.iter().skip(found_n) {
        tx.batch_execute(step)
            .map_err(fail("migrating the schema"))?;
    }
    let known = MIGRATIONS.len() as i64;
    if found.is_none() {
        tx.execute(
            "INSERT INTO throughline_schema (version) VALUES ($1)",
            &[&known],
        )
    } else {
        tx.execute("UPDATE throughline_schema SET version = $1", &[&known])
    }
    .map_err(fail("recording the schema version"))?;
    tx.commit().map_err(fail("committing a schema migration"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_described_without_their_password() {
        let config =
            parse_url("postgres://lrs:s3cret@db.example.org:6432/throughline").expect("url");
        let text = describe(&config);
        assert_eq!(
            text,
            "PostgreSQL database throughline on db.example.org:6432"
        );
        let err = parse_url("postgres://lrs:s3cret@db.example.org:notaport/x")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("database URL") && !err.contains("s3cret"),
            "{err}"
        );
    }
}
