//! `throughline.toml`: how an admin configures `throughline serve`. Every
//! setting has a default, so an empty file (or none) serves on loopback with
//! a data folder in the working directory; `THROUGHLINE_ADDR`,
//! `THROUGHLINE_DATA` and `THROUGHLINE_DATABASE_URL` override the file, for
//! containers and service managers (and to keep a database password out of it).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The parsed configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `[server]`.
    pub server: Server,
    /// `[storage]`.
    pub storage: Storage,
    /// `[widget]`.
    pub widget: Widget,
    /// `[nudges]`: reflection emails.
    pub nudges: crate::nudges::Settings,
}

/// `[server]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Server {
    /// Address to listen on.
    pub addr: SocketAddr,
}

impl Default for Server {
    fn default() -> Server {
        Server {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        }
    }
}

/// `[storage]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Storage {
    /// The data folder (LRS database and keys, programs, LTI platforms); relative paths are
    /// relative to the configuration file.
    pub data: PathBuf,
    /// A `postgres://` URL: keep the LRS data in PostgreSQL (shared by several service
    /// processes) instead of the SQLite file in the data folder.
    pub database: Option<String>,
}

impl Default for Storage {
    fn default() -> Storage {
        Storage {
            data: PathBuf::from("throughline-data"),
            database: None,
        }
    }
}

/// `[widget]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Widget {
    /// The built widget bundles; relative to the configuration file.
    pub bundle: PathBuf,
    /// The compiled program LTI launches open.
    pub lti_program: String,
}

impl Default for Widget {
    fn default() -> Widget {
        Widget {
            bundle: PathBuf::from("service/static/pkg"),
            lti_program: "/compiled/coaching.json".into(),
        }
    }
}

/// A starter configuration with every setting at its default and what it means.
pub const STARTER: &str = r#"# Throughline service configuration (`throughline serve --config throughline.toml`).
# Every setting is optional; these are the defaults. THROUGHLINE_ADDR, THROUGHLINE_DATA and
# THROUGHLINE_DATABASE_URL, when set, override [server] addr, [storage] data and [storage] database.

[server]
# Where to listen. Keep it on loopback and put a reverse proxy with TLS in front
# (README, "Deploy"); learners' browsers must reach the service over HTTPS.
addr = "127.0.0.1:8080"

[storage]
# The data folder: the LRS database (SQLite, WAL mode) and its keys
# (lrs/lrs-credentials.json, readable by the service user only), program files
# (programs/), and LTI platform registrations (lti-platforms.json).
# Back it up as a whole; relative paths are relative to this file.
data = "throughline-data"
# To keep the LRS data in PostgreSQL instead (several service processes behind one
# address may then share it), give its URL here or, better, in THROUGHLINE_DATABASE_URL
# so the password stays out of this file. The credentials file stays in the data folder:
# give every process the same copy.
# database = "postgres://throughline:PASSWORD@db.internal:5432/throughline"

[widget]
# The widget bundles built by scripts/build-widget.sh, served at /pkg/.
bundle = "service/static/pkg"
# The compiled program an LTI 1.3 launch opens.
lti_program = "/compiled/coaching.json"

[nudges]
# Reflection emails: one when a step comes due, one reminder if it stays open.
# "mailbox" writes them as .eml files to the data folder's mailbox/ (to see what would
# be sent); "off" sends none; an SMTP URL sends them, e.g.
# "smtp://user:PASSWORD@mail.internal:587?tls=required" (STARTTLS) or "smtps://…:465".
# THROUGHLINE_SMTP_URL overrides this, to keep the password out of the file.
transport = "mailbox"
from = "Throughline <throughline@localhost>"
# How learners' mail clients reach this service (unsubscribe links); defaults to the
# address it listens on. Behind a proxy, give the public https:// address.
# public_url = "https://learning.example.com"
every_seconds = 300
remind_after_days = 3
max_per_step = 2
# In each learner's own time zone (their browser's, as the widget last saw it).
quiet_hours = "20:00-08:00"
"#;

impl Config {
    /// Reads `text`; a problem names the file, line and setting.
    pub fn parse(text: &str, file: &Path) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| format!("{}: {e}", file.display()))
    }

    /// The defaults, with the environment overrides.
    pub fn load_defaults(env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let mut config = Config::default();
        config.apply_env(env)?;
        Ok(config)
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(addr) = env("THROUGHLINE_ADDR") {
            self.server.addr = addr.parse().map_err(|e| {
                format!("THROUGHLINE_ADDR “{addr}” is not an address such as 127.0.0.1:8080 ({e})")
            })?;
        }
        if let Some(data) = env("THROUGHLINE_DATA") {
            self.storage.data = PathBuf::from(data);
        }
        if let Some(url) = env("THROUGHLINE_DATABASE_URL").filter(|u| !u.trim().is_empty()) {
            self.storage.database = Some(url);
        }
        if let Some(url) = env("THROUGHLINE_SMTP_URL").filter(|u| !u.trim().is_empty()) {
            self.nudges.transport = url;
        }
        if let Some(url) = &self.storage.database {
            crate::lrs::store::Storage::choose(Some(url), self.storage.data.clone())
                .map_err(|e| format!("[storage] database: {e}"))?;
        }
        Ok(())
    }

    /// Reads the file at `path` (relative paths in it resolved against its folder), then the
    /// environment overrides.
    pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut config = Config::parse(&text, path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.storage.data = base.join(&config.storage.data);
        config.widget.bundle = base.join(&config.widget.bundle);
        config.apply_env(env)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_is_the_defaults() {
        assert_eq!(
            Config::parse(STARTER, Path::new("t.toml")),
            Ok(Config::default())
        );
        assert_eq!(
            Config::parse("", Path::new("t.toml")),
            Ok(Config::default())
        );
    }

    #[test]
    fn mistakes_are_named_with_their_place() {
        let e =
            Config::parse("[server]\nadr = \"127.0.0.1:1\"\n", Path::new("t.toml")).unwrap_err();
        assert!(
            e.starts_with("t.toml: ") && e.contains("adr") && e.contains("line 2"),
            "{e}"
        );
        let e = Config::parse("[server]\naddr = \"here\"\n", Path::new("t.toml")).unwrap_err();
        assert!(e.contains("addr") || e.contains("address"), "{e}");
    }

    #[test]
    fn paths_follow_the_file_and_the_environment_wins() {
        let dir = std::env::temp_dir().join(format!("tl-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("throughline.toml");
        std::fs::write(&file, "[storage]\ndata = \"d\"\n").expect("write");
        let c = Config::load(&file, |_| None).expect("loads");
        assert_eq!(c.storage.data, dir.join("d"));
        let c = Config::load(&file, |k| {
            (k == "THROUGHLINE_ADDR").then(|| "0.0.0.0:9".to_string())
        })
        .expect("loads");
        assert_eq!(c.server.addr.port(), 9);
        let c = Config::load(&file, |k| {
            (k == "THROUGHLINE_DATABASE_URL").then(|| "postgres://u:p@db/x".to_string())
        })
        .expect("loads");
        assert_eq!(c.storage.database.as_deref(), Some("postgres://u:p@db/x"));
        let e = Config::load(&file, |k| {
            (k == "THROUGHLINE_DATABASE_URL").then(|| "mysql://db/x".to_string())
        })
        .unwrap_err();
        assert!(
            e.contains("[storage] database") && e.contains("postgres://"),
            "{e}"
        );
        assert!(Config::load(&file, |k| (k == "THROUGHLINE_ADDR")
            .then(|| "x".to_string()))
        .is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
