//! The service's xAPI 1.0.3 Learning Record Store.
//!
//! The widget reports learning activity as xAPI statements and keeps its
//! per-learner state in the State resource. An organisation may point it at
//! its own LRS, or use this one, which needs no other software: by default
//! everything lives in the data dir (one SQLite file in WAL mode and a
//! credentials file), so it survives restarts. Given a `postgres://` URL it
//! keeps its data in PostgreSQL instead, which several service processes
//! may share.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use throughline_service::lrs::{Lrs, LrsConfig};
//! let lrs = Lrs::open(LrsConfig { data_dir: "data/lrs".into(), database: None, learners: Vec::new(), hash_secrets: true })?;
//! for c in lrs.credentials() {
//!     println!("{}: {}:{}", c.name, c.key, c.secret);
//! }
//! let app = axum::Router::new().nest("/xapi", lrs.router());
//! # let _ = app; Ok(()) }
//! ```
//!
//! Modules, one per concept: [`validate`] (the data model rules), [`store`]
//! (SQLite or PostgreSQL), [`auth`] (keys and Basic auth), [`query`] (statement query
//! parameters, paging and formats), and the HTTP handlers in `statements`,
//! `documents` (State, Activity Profile, Agent Profile) and `about` (About,
//! Activities, Agents).

mod about;
mod alternate;
pub mod attachments;
pub mod auth;
mod canonical;
mod documents;
pub mod query;
mod statements;
pub mod store;
pub mod validate;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

pub use auth::{Credential, Scope};

/// The largest request body accepted (statements and documents alike):
/// large enough for a batch of several hundred statements, small enough that
/// a stray upload cannot exhaust the demo's memory.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Header carrying the xAPI version on every request and response.
pub const VERSION_HEADER: &str = "x-experience-api-version";
/// Header telling readers up to when statement results are complete.
pub const CONSISTENT_THROUGH_HEADER: &str = "x-experience-api-consistent-through";

/// Where the LRS keeps its files; the only knob, because the demo binary
/// already decides where its data lives.
#[derive(Debug, Clone)]
pub struct LrsConfig {
    /// Folder for the credentials file and, without `database`, the SQLite file; created if missing.
    pub data_dir: PathBuf,
    /// A `postgres://` URL to keep the data in PostgreSQL instead of SQLite.
    pub database: Option<String>,
    /// Learner keys to create with the credentials file on first start (name, xAPI agent),
    /// besides the admin key; later starts read the file as it is.
    pub learners: Vec<(String, serde_json::Value)>,
    /// Keep only Argon2id hashes of new secrets in the credentials file (the service's way);
    /// off, the file keeps them as they are (the demo, whose people's keys it shows).
    pub hash_secrets: bool,
}

/// Why the LRS could not start; each variant says which file and step failed
/// so the demo can print one useful line and exit.
#[derive(Debug)]
pub enum LrsError {
    /// A filesystem step failed.
    Io {
        /// What the LRS was doing.
        context: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A database step failed.
    Database {
        /// What the LRS was doing.
        context: &'static str,
        /// The database: a SQLite file, or a PostgreSQL server and database (never a password).
        place: String,
        /// The database's own words.
        message: String,
    },
    /// The credentials file exists but cannot be used.
    Credentials {
        /// The credentials file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The database's schema is newer than this service knows.
    Schema {
        /// The database, as in [`LrsError::Database`].
        place: String,
        /// The schema version the file has.
        found: usize,
        /// The newest this service knows.
        known: usize,
    },
}

impl fmt::Display for LrsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LrsError::Io {
                context,
                path,
                source,
            } => {
                write!(f, "LRS: {context} ({}) failed: {source}", path.display())
            }
            LrsError::Database {
                context,
                place,
                message,
            } => write!(f, "LRS database {place}: {context} failed: {message}"),
            LrsError::Credentials { path, message } => {
                write!(
                    f,
                    "LRS credentials file {} is not usable: {message}",
                    path.display()
                )
            }
            LrsError::Schema { place, found, known } => write!(
                f,
                "LRS database {place} has schema version {found}, made by a newer Throughline (this one knows up to {known}): upgrade the service, or restore a backup made for this version"
            ),
        }
    }
}

impl std::error::Error for LrsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LrsError::Io { source, .. } => Some(source),
            LrsError::Database { .. } | LrsError::Credentials { .. } | LrsError::Schema { .. } => {
                None
            }
        }
    }
}

pub(crate) struct SharedInner {
    pub(crate) store: store::Store,
    pub(crate) credentials: Vec<Credential>,
    pub(crate) data_dir: PathBuf,
    /// Fingerprints of key/secret pairs already checked against their hash.
    pub(crate) verified: std::sync::Mutex<std::collections::HashSet<[u8; 32]>>,
}

pub(crate) type Shared = Arc<SharedInner>;

/// The running LRS: open it once, mount [`Lrs::router`] wherever the xAPI
/// endpoint should live. Clones share the same database connection.
#[derive(Clone)]
pub struct Lrs {
    shared: Shared,
}

impl Lrs {
    /// Opens the LRS in `config.data_dir`, creating the folder, the database
    /// (WAL mode) and a credentials file with fresh random keys as needed.
    pub fn open(config: LrsConfig) -> Result<Lrs, LrsError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| LrsError::Io {
            context: "creating the data dir",
            path: config.data_dir.clone(),
            source,
        })?;
        let credentials =
            auth::load_or_create(&config.data_dir, &config.learners, config.hash_secrets)?;
        let storage = store::Storage::choose(config.database.as_deref(), config.data_dir.clone())
            .map_err(|message| LrsError::Database {
            context: "choosing the database",
            place: "the database setting".into(),
            message,
        })?;
        let store = store::Store::open(&storage)?;
        Ok(Lrs {
            shared: Arc::new(SharedInner {
                store,
                credentials,
                data_dir: config.data_dir,
                verified: Default::default(),
            }),
        })
    }

    /// The xAPI resources with paths relative to the mount point
    /// (`/statements`, `/activities/state`, …), with CORS, version-header and
    /// authentication handling included, ready for `Router::nest`.
    pub fn router(&self) -> Router {
        let shared = self.shared.clone();
        let api = Router::new()
            .route("/about", get(about::about))
            .route(
                "/statements",
                get(statements::get_statements)
                    .put(statements::put_statement)
                    .post(statements::post_statements),
            )
            .route(
                "/activities/state",
                get(documents::get_state)
                    .put(documents::put_state)
                    .post(documents::post_state)
                    .delete(documents::delete_state),
            )
            .route(
                "/activities/profile",
                get(documents::get_activity_profile)
                    .put(documents::put_activity_profile)
                    .post(documents::post_activity_profile)
                    .delete(documents::delete_activity_profile),
            )
            .route(
                "/agents/profile",
                get(documents::get_agent_profile)
                    .put(documents::put_agent_profile)
                    .post(documents::post_agent_profile)
                    .delete(documents::delete_agent_profile),
            )
            .route("/activities", get(about::activities))
            .route("/agents", get(about::agents))
            .with_state(shared.clone());
        let api = api
            .layer(middleware::from_fn_with_state(shared, auth::require_auth))
            .layer(middleware::from_fn(require_version));
        // The alternate request syntax changes the method and path, so it is rewritten before
        // the inner router picks a route (a layer on that router runs after routing).
        Router::new()
            .fallback_service(api)
            .layer(middleware::from_fn(alternate::rewrite))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(cors())
    }

    /// The database, for an LMS that writes documents itself (cmi5's
    /// Who an `Authorization` header says the caller is (a key of this LRS or of an LTI
    /// launch), for the service's routes beside `/xapi`.
    pub async fn principal(
        &self,
        headers: &axum::http::HeaderMap,
    ) -> Result<auth::Principal, ApiError> {
        let value = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        auth::principal(&self.shared, value).await
    }

    /// `LMS.LaunchData`). Its methods block: call them off the async runtime.
    pub fn store(&self) -> &store::Store {
        &self.shared.store
    }

    /// The keys from the credentials file, so the demo can print them at
    /// start: they are random per data dir and nobody else knows them.
    pub fn credentials(&self) -> &[Credential] {
        &self.shared.credentials
    }

    /// The folder the LRS keeps its files in.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.shared.data_dir
    }

    /// Stores a batch of statements exactly as `POST /statements` with the
    /// admin key would (same validation, `authority`, `version` and
    /// `stored`; all or nothing), without going through HTTP. For an LMS
    /// that loads statements itself (the demo's seeded cohort). Blocks: call
    /// it off the async runtime.
    pub fn insert_as_admin(
        &self,
        statements: Vec<serde_json::Value>,
    ) -> Result<Vec<String>, ApiError> {
        let admin = self
            .credentials()
            .iter()
            .find(|c| c.scope == Scope::Admin)
            .ok_or_else(|| ApiError::internal("the credentials file has no admin key"))?;
        let principal = auth::Principal::from_credential(admin);
        let batch = statements::prepare_batch(statements, &principal, XapiVersion::V1)?;
        self.shared
            .store
            .insert_statements(batch, statements::voider(&principal).as_deref())
    }
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::POST,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static(VERSION_HEADER),
            header::IF_MATCH,
            header::IF_NONE_MATCH,
        ])
        .expose_headers([
            header::ETAG,
            header::LAST_MODIFIED,
            HeaderName::from_static(CONSISTENT_THROUGH_HEADER),
            HeaderName::from_static(VERSION_HEADER),
        ])
}

/// The xAPI version a request asked for, after negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XapiVersion {
    /// Any 1.0.x: answered as 1.0.3.
    V1,
    /// 2.0.0.
    V2,
}

impl XapiVersion {
    fn parse(s: &str) -> Option<XapiVersion> {
        let s = s.trim();
        if !validate::version_supported(s) {
            return None;
        }
        if s.starts_with("2.") {
            Some(XapiVersion::V2)
        } else {
            Some(XapiVersion::V1)
        }
    }

    fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            XapiVersion::V1 => "1.0.3",
            XapiVersion::V2 => "2.0.0",
        })
    }
}

/// Middleware: every request except About and CORS preflights must say which
/// xAPI version it speaks; the answer carries the version it got.
async fn require_version(mut req: Request, next: Next) -> Response {
    let exempt = req.method() == Method::OPTIONS || req.uri().path().ends_with("/about");
    let asked = req
        .headers()
        .get(VERSION_HEADER)
        .map(|v| v.to_str().unwrap_or(""));
    let version = match asked.map(XapiVersion::parse) {
        Some(Some(v)) => v,
        _ if exempt => XapiVersion::V1,
        None => {
            return with_version(
                ApiError::bad_request(
                    "the X-Experience-API-Version header is required (for example 1.0.3)",
                )
                .into_response(),
                XapiVersion::V1,
            )
        }
        Some(None) => {
            return with_version(
                ApiError::bad_request(format!(
                    "X-Experience-API-Version \"{}\" is not supported; use 1.0.3 (or 2.0.0)",
                    asked.unwrap_or_default()
                ))
                .into_response(),
                XapiVersion::V1,
            )
        }
    };
    req.extensions_mut().insert(version);
    with_version(next.run(req).await, version)
}

fn with_version(mut res: Response, version: XapiVersion) -> Response {
    res.headers_mut()
        .insert(VERSION_HEADER, version.header_value());
    res
}

/// An HTTP error answer: status plus a one-sentence plain-text reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The status code.
    pub status: StatusCode,
    /// The reason, shown as the response body.
    pub message: String,
}

impl ApiError {
    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    /// 401.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: message.into(),
        }
    }
    /// 403.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            message: message.into(),
        }
    }
    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    /// 409.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::CONFLICT,
            message: message.into(),
        }
    }
    /// 412.
    pub fn precondition_failed(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::PRECONDITION_FAILED,
            message: message.into(),
        }
    }
    /// 500; the message is also logged to stderr since it means a bug or a
    /// broken disk rather than a client mistake.
    pub fn internal(message: impl Into<String>) -> ApiError {
        let message = message.into();
        eprintln!("lrs: {message}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message,
        }
    }
}

impl From<validate::Invalid> for ApiError {
    fn from(e: validate::Invalid) -> ApiError {
        ApiError::bad_request(e.0)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            self.message,
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"xAPI\""),
            );
        }
        res
    }
}

/// Runs a blocking storage call off the async runtime.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("storage task failed: {e}")))?
}

/// Reads a request body, turning axum's size-limit rejection into a 413
/// with an xAPI-style message.
pub(crate) fn body_or_error(
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<axum::body::Bytes, ApiError> {
    body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError {
                status,
                message: format!("the request body is larger than the {MAX_BODY_BYTES}-byte limit"),
            }
        } else {
            ApiError {
                status,
                message: format!("could not read the request body: {rejection}"),
            }
        }
    })
}
