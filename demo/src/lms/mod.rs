//! The demo LMS: "Northwind Learning", a small host that embeds the widget
//! and an xAPI LRS behind one address, so every integration route (plain
//! embed with `mount`, TinCan-style launch, cmi5 launch, LTI-style host
//! context) can be tried on one machine.
//!
//! There is no real sign-in: the people menu on the home page adds `?as=`
//! to every link, and nothing about the visitor is stored on the server.
//!
//! Modules: [`people`] (the demo people and courses), `pages` (HTML, the
//! admin's dashboard page included), `launch` (TinCan and LTI-style
//! routes), `cmi5` (launch and the one-time fetch URL), `programs` (the
//! compiled programs learners load), [`seed`] (a
//! simulated cohort for `--seed-cohort`) and `faults` (test hooks that make
//! the LRS fail on purpose).

mod cmi5;
mod faults;
mod launch;
mod pages;
pub mod people;
mod programs;
pub mod seed;

pub use seed::{seed_cohort, Seeded};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::lrs::{Credential, Lrs, LrsConfig};

/// The program every course embeds, seeded into the data folder once.
pub const DEFAULT_PROGRAM: &str = include_str!("../../programs/coaching.toml");

/// Where the course pages load the program from: its compiled form (see `programs`).
pub const PROGRAM_URL: &str = "/compiled/coaching.json";

/// The account `homePage` of the demo's learners, in their LRS keys' agents,
/// the widget options and the seeded cohort alike.
pub use crate::lrs::auth::LEARNER_HOME_PAGE;

/// What the demo LMS needs to start.
#[derive(Debug, Clone)]
pub struct LmsConfig {
    /// Data folder: program files in `programs/`, the LRS in `lrs/`.
    pub data_dir: PathBuf,
    /// Folder with the built widget bundle, served at `/pkg/`.
    pub bundle: PathBuf,
    /// Adds the `/_test/` routes (fault injection); off unless asked for.
    pub test_hooks: bool,
}

/// The demo LMS, opened and ready to serve.
pub struct Lms {
    config: LmsConfig,
    lrs: Lrs,
    lti: crate::lti::Lti,
}

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) lrs: Lrs,
    /// The cmi5 player: sessions, fetch URLs, registrations.
    pub(crate) player: Arc<cmi5::Player>,
}

impl Lms {
    /// Creates the data folder, seeds the coaching program (once, so
    /// designers can edit their copy) and opens the LRS in `<data>/lrs`.
    pub fn open(config: LmsConfig) -> Result<Lms, String> {
        let programs = config.data_dir.join("programs");
        std::fs::create_dir_all(&programs)
            .map_err(|e| format!("cannot create the data folder {}: {e}", programs.display()))?;
        seed_default_program(&programs)?;
        let lrs = Lrs::open(LrsConfig {
            data_dir: config.data_dir.join("lrs"),
        })
        .map_err(|e| e.to_string())?;
        let lti = crate::lti::Lti::load(&config.data_dir, PROGRAM_URL)?;
        Ok(Lms { config, lrs, lti })
    }

    /// How many LTI 1.3 platforms are registered (in `lti-platforms.json`).
    pub fn lti_platforms(&self) -> usize {
        self.lti.platform_count()
    }

    /// The LRS keys (admin first), to print at start.
    pub fn credentials(&self) -> &[Credential] {
        self.lrs.credentials()
    }

    /// The embedded LRS.
    pub fn lrs(&self) -> &Lrs {
        &self.lrs
    }

    /// Seeds a simulated cohort of `learners` learners of the data folder's
    /// coaching program into the LRS, once (see [`seed_cohort`]); `addr` is
    /// the address the LMS serves on. Blocks: call it off the async runtime.
    pub fn seed_cohort(
        &self,
        learners: usize,
        addr: std::net::SocketAddr,
    ) -> Result<Seeded, String> {
        let path = self.config.data_dir.join("programs").join("coaching.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        seed_cohort(&self.lrs, &text, learners, addr)
    }

    /// The whole site: LMS pages, launch routes, `/xapi`, the bundle and
    /// program files, and `/_test/` when test hooks are on.
    pub fn router(&self) -> Router {
        // Program files and the bundle change while designers work: always revalidate.
        let no_cache = SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        );
        let mut xapi = self.lrs.router();
        let mut app = Router::new()
            .route("/", get(pages::home))
            .route("/course/{slug}", get(pages::course))
            .route("/play/{slug}", get(pages::play))
            .route("/admin", get(pages::admin))
            .route("/launch/tincan/{slug}", get(launch::tincan))
            .route("/launch/lti/{slug}", get(launch::lti))
            .route("/launch/cmi5/{slug}", get(cmi5::launch))
            .route("/cmi5/fetch/{token}", post(cmi5::fetch))
            .route("/cmi5/xapi/{*resource}", any(cmi5::lrs))
            .route("/health", get(|| async { "ok" }))
            // Browsers ask for a favicon on every page; answer so the console stays clean.
            .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }));
        if self.config.test_hooks {
            let faults = faults::Faults::default();
            xapi = xapi.layer(middleware::from_fn_with_state(
                faults.clone(),
                faults::inject,
            ));
            app = app
                .merge(faults::routes(faults))
                .route("/_test/cmi5/refusals", get(cmi5::refusals));
        }
        let state = AppState {
            lrs: self.lrs.clone(),
            player: cmi5::Player::new(xapi.clone()),
        };
        app.with_state(state)
            .merge(self.lti.router())
            .merge(crate::workbench::router(&self.config))
            .nest("/xapi", xapi)
            .nest_service("/pkg", ServeDir::new(&self.config.bundle))
            .route(
                "/compiled/{file}",
                get(programs::serve).with_state(self.config.data_dir.join("programs")),
            )
            .nest_service(
                "/programs",
                ServeDir::new(self.config.data_dir.join("programs")),
            )
            .fallback(|| async { pages::not_found("This page does not exist.") })
            .layer(no_cache)
    }
}

/// Writes the shipped coaching program into the data folder once, so designers can edit their copy.
fn seed_default_program(programs: &Path) -> Result<(), String> {
    let path = programs.join("coaching.toml");
    if !path.exists() {
        std::fs::write(&path, DEFAULT_PROGRAM)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// `http://<Host header>`: links, the LRS endpoint and launch URLs are
/// built from it so the demo works on any port and any name it is reached by.
/// A missing or odd Host is refused rather than echoed into pages.
#[derive(Debug, Clone)]
pub(crate) struct Origin(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Origin, Response> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("");
        let ok = !host.is_empty()
            && host.len() <= 255
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if ok {
            Ok(Origin(format!("http://{host}")))
        } else {
            Err((
                StatusCode::BAD_REQUEST,
                Html("<h1>Bad request</h1><p>The Host header is missing or not a host name.</p>"),
            )
                .into_response())
        }
    }
}

/// A 302 redirect to `location` (a path built here, never user input as is).
pub(crate) fn found(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
        Err(_) => {
            pages::Refused::internal("The launch address could not be built.").into_response()
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, for
/// query parameter values (a space becomes `%20`).
pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Builds `path?k=v&…` with every value percent-encoded.
pub(crate) fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_query_values() {
        assert_eq!(url_encode("Basic a+b/c="), "Basic%20a%2Bb%2Fc%3D");
        assert_eq!(
            with_query("/p", &[("a", "x y"), ("b", "{\"k\":1}")]),
            "/p?a=x%20y&b=%7B%22k%22%3A1%7D"
        );
    }
}
