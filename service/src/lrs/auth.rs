//! Credentials and HTTP Basic authentication.
//!
//! The demo has no user database, so the LRS keeps its keys in a small JSON
//! file in the data dir, created with random keys on first start and reused
//! afterwards (so a widget configured with a key keeps working across
//! restarts). The file is `lrs-credentials.json`:
//!
//! ```json
//! {
//!   "credentials": [
//!     { "name": "admin", "key": "…", "secret": "…", "scope": "admin" },
//!     { "name": "ana", "key": "…", "secret": "…", "scope": "learner",
//!       "agent": { "objectType": "Agent",
//!                  "account": { "homePage": "http://127.0.0.1", "name": "ana" } } }
//!   ]
//! }
//! ```
//!
//! `scope` is `"admin"` (reads and writes everything) or `"learner"` (needs
//! `agent`; may write statements whose actor is that agent, read statements
//! whose actor is that agent, and use that agent's State and Agent Profile
//! documents). Clients send `Authorization: Basic base64(key:secret)`.
//! Edit the file and restart to add or revoke keys.

use std::fs;
use std::io::Write;
use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{ApiError, LrsError, Shared};
use crate::lrs::validate;

/// Name of the credentials file inside the data dir.
pub const CREDENTIALS_FILE: &str = "lrs-credentials.json";

/// What a key may do; learners are confined to their own agent's data so a
/// key embedded in a learner's browser cannot read the whole cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// A learner's key: bound to one agent.
    Learner,
    /// The operator's key: everything.
    Admin,
}

/// One key/secret pair from the credentials file, public so the demo binary
/// can print them at start (there is no other way to learn them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credential {
    /// Who the key is for (shown at start, used in `authority.name`).
    pub name: String,
    /// The Basic-auth user name.
    pub key: String,
    /// The Basic-auth password.
    pub secret: String,
    /// What the key may do.
    pub scope: Scope,
    /// The agent a learner key is bound to (an xAPI Agent object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Value>,
}

#[derive(Serialize, Deserialize)]
struct CredentialsFile {
    credentials: Vec<Credential>,
}

fn random_token(words: usize) -> String {
    (0..words)
        .map(|_| uuid::Uuid::new_v4().simple().to_string())
        .collect()
}

/// Reads the credentials file, creating it with fresh random keys when it
/// does not exist yet: an admin key, and a learner key for each of `learners`
/// (name, agent).
pub(crate) fn load_or_create(
    dir: &Path,
    learners: &[(String, Value)],
) -> Result<Vec<Credential>, LrsError> {
    let path = dir.join(CREDENTIALS_FILE);
    if path.exists() {
        let text = fs::read_to_string(&path).map_err(|source| LrsError::Io {
            context: "reading the LRS credentials file",
            path: path.clone(),
            source,
        })?;
        let file: CredentialsFile =
            serde_json::from_str(&text).map_err(|e| LrsError::Credentials {
                path: path.clone(),
                message: e.to_string(),
            })?;
        check(&file.credentials).map_err(|message| LrsError::Credentials { path, message })?;
        return Ok(file.credentials);
    }
    let mut credentials = vec![Credential {
        name: "admin".into(),
        key: random_token(1),
        secret: random_token(2),
        scope: Scope::Admin,
        agent: None,
    }];
    for (name, agent) in learners {
        credentials.push(Credential {
            name: name.clone(),
            key: random_token(1),
            secret: random_token(2),
            scope: Scope::Learner,
            agent: Some(agent.clone()),
        });
    }
    let file = CredentialsFile { credentials };
    let text = serde_json::to_string_pretty(&file).map_err(|e| LrsError::Credentials {
        path: path.clone(),
        message: e.to_string(),
    })?;
    write_private(&path, text.as_bytes()).map_err(|source| LrsError::Io {
        context: "writing the LRS credentials file",
        path: path.clone(),
        source,
    })?;
    Ok(file.credentials)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn check(credentials: &[Credential]) -> Result<(), String> {
    for (i, c) in credentials.iter().enumerate() {
        if c.key.is_empty() || c.secret.is_empty() {
            return Err(format!(
                "credential {i} ({}) has an empty key or secret",
                c.name
            ));
        }
        if credentials[..i].iter().any(|o| o.key == c.key) {
            return Err(format!(
                "credential {i} ({}) reuses another credential's key",
                c.name
            ));
        }
        match (&c.scope, &c.agent) {
            (Scope::Learner, None) => {
                return Err(format!(
                    "learner credential {i} ({}) needs an agent",
                    c.name
                ));
            }
            (_, Some(agent)) => {
                validate::agent(agent, "agent")
                    .map_err(|e| format!("credential {i} ({}): {e}", c.name))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Who is making a request, as the handlers need it.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The key's scope.
    pub scope: Scope,
    /// The key's name.
    pub name: String,
    /// The bound agent's IFI key, for learner keys.
    pub agent_ifi: Option<String>,
    /// The statement `authority` this key stamps on what it writes.
    pub authority: Value,
}

impl Principal {
    pub(crate) fn from_credential(c: &Credential) -> Principal {
        let agent_ifi = c.agent.as_ref().and_then(validate::ifi_key);
        let authority = match &c.agent {
            Some(agent) => agent.clone(),
            None => json!({
                "objectType": "Agent",
                "name": c.name,
                "account": {"homePage": "http://127.0.0.1/xapi", "name": c.name}
            }),
        };
        Principal {
            scope: c.scope,
            name: c.name.clone(),
            agent_ifi,
            authority,
        }
    }

    /// Whether this key may touch documents or statements of `ifi`.
    pub fn may_act_for(&self, ifi: &str) -> bool {
        match self.scope {
            Scope::Admin => true,
            Scope::Learner => self.agent_ifi.as_deref() == Some(ifi),
        }
    }

    /// Refuses learners, for resources only the admin key may use.
    pub fn require_admin(&self, what: &str) -> Result<(), ApiError> {
        match self.scope {
            Scope::Admin => Ok(()),
            Scope::Learner => Err(ApiError::forbidden(format!(
                "learner credentials ({}) may not use {what}",
                self.name
            ))),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authenticate(shared: &Shared, header_value: Option<&str>) -> Result<Principal, ApiError> {
    let Some(value) = header_value else {
        return Err(ApiError::unauthorized(
            "this request needs Basic credentials (an LRS key and secret)",
        ));
    };
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))
        .ok_or_else(|| ApiError::unauthorized("only Basic authentication is supported"))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| ApiError::unauthorized("the Basic credentials are not valid base64 text"))?;
    let (key, secret) = decoded
        .split_once(':')
        .ok_or_else(|| ApiError::unauthorized("the Basic credentials need the form key:secret"))?;
    let found = shared
        .credentials
        .iter()
        .find(|c| c.key == key && constant_time_eq(c.secret.as_bytes(), secret.as_bytes()));
    match found {
        Some(c) => Ok(Principal::from_credential(c)),
        None => Err(ApiError::unauthorized("unknown LRS key or wrong secret")),
    }
}

/// Middleware: every resource except About and CORS preflights needs a
/// valid key; the resulting [`Principal`] is put in the request extensions.
pub(crate) async fn require_auth(
    State(shared): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::OPTIONS || req.uri().path().ends_with("/about") {
        return next.run(req).await;
    }
    let header_value = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match authenticate(&shared, header_value) {
        Ok(principal) => {
            req.extensions_mut().insert(principal);
            next.run(req).await
        }
        Err(e) => {
            let offered = header_value.is_some();
            let mut res = e.into_response();
            // A browser that gets a Basic challenge for a fetch that already sent credentials
            // may hold the request open for a sign-in prompt nobody can answer (headless, or an
            // embedded widget); challenge only requests that came without credentials.
            if offered {
                res.headers_mut().remove(header::WWW_AUTHENTICATE);
            }
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_then_reuses_the_credentials_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let learners: Vec<(String, Value)> = ["ana", "ben", "chloe"]
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    json!({"account": {"homePage": "http://lms.example.org", "name": n}}),
                )
            })
            .collect();
        let first = load_or_create(dir.path(), &learners).expect("create");
        assert_eq!(first.len(), 4);
        assert_eq!(first[0].scope, Scope::Admin);
        assert!(first[1..]
            .iter()
            .all(|c| c.scope == Scope::Learner && c.agent.is_some()));
        let second = load_or_create(dir.path(), &[]).expect("reload");
        assert_eq!(first, second);
    }

    #[test]
    fn a_service_starts_with_the_admin_key_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let only = load_or_create(dir.path(), &[]).expect("create");
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].scope, Scope::Admin);
    }

    #[test]
    fn rejects_a_learner_without_agent() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(
            dir.path().join(CREDENTIALS_FILE),
            r#"{"credentials":[{"name":"x","key":"k","secret":"s","scope":"learner"}]}"#,
        )
        .expect("write");
        let err = load_or_create(dir.path(), &[]).unwrap_err().to_string();
        assert!(err.contains("needs an agent"), "{err}");
    }

    #[test]
    fn compares_secrets() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
