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
mod mail;
mod pages;
pub mod people;
pub mod seed;

pub use seed::{seed_cohort, Seeded};

use std::path::PathBuf;
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::json;
use throughline_service::lrs::{Credential, Lrs};
use throughline_service::server::{Service, ServiceConfig};
use tower_http::set_header::SetResponseHeaderLayer;

pub(crate) use throughline_service::http::Origin;

/// The program every course embeds: the service's example program, seeded into the data folder once.
pub use throughline_service::server::EXAMPLE_PROGRAM as DEFAULT_PROGRAM;

/// Where the course pages load the program from: its compiled form (served by the service).
pub const PROGRAM_URL: &str = "/compiled/coaching.json";

/// The account `homePage` of the demo's learners, in their LRS keys' agents,
/// the widget options and the seeded cohort alike.
pub const LEARNER_HOME_PAGE: &str = "http://127.0.0.1";

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

/// The demo LMS around the Throughline service, opened and ready to serve.
pub struct Lms {
    config: LmsConfig,
    service: Service,
    nudger: Option<Arc<throughline_service::nudges::Nudger>>,
}

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) lrs: Lrs,
    /// The cmi5 player: sessions, fetch URLs, registrations.
    pub(crate) player: Arc<cmi5::Player>,
    /// The service's nudge sender, once started (the mailbox page runs a pass on demand).
    pub(crate) nudger: Option<Arc<throughline_service::nudges::Nudger>>,
}

impl Lms {
    /// Opens the service in the data folder, with LRS learner keys for the demo people
    /// (created on first start).
    pub fn open(config: LmsConfig) -> Result<Lms, String> {
        let learners = people::PEOPLE
            .iter()
            .map(|p| {
                let agent = json!({"objectType": "Agent", "account": {"homePage": LEARNER_HOME_PAGE, "name": p.id}});
                (p.id.to_string(), agent)
            })
            .collect();
        let service = Service::open(ServiceConfig {
            data_dir: config.data_dir.clone(),
            bundle: config.bundle.clone(),
            database: None,
            lti_program: PROGRAM_URL.into(),
            learners,
            // The mock LMS shows its people's LRS keys on the home page and at start.
            hash_secrets: false,
        })?;
        // The LMS knows its people's addresses and tells the service, as a host would.
        let now = throughline_service::lrs::store::now_ns();
        for p in people::PEOPLE {
            let ifi = format!("account:{LEARNER_HOME_PAGE}|{}", p.id);
            service
                .lrs()
                .store()
                .nudge_recipient_set(&ifi, &format!("{}@northwind.example", p.id), "host", now)
                .map_err(|e| format!("cannot record {}'s address: {}", p.name, e.message))?;
        }
        Ok(Lms {
            config,
            service,
            nudger: None,
        })
    }

    /// Starts the service's reflection emails into the local mailbox (`/mail`), with links
    /// to `origin`, a pass every `every_seconds`. Quiet hours are off, so a visitor sees
    /// mail at any hour.
    pub fn start_nudges(&mut self, origin: &str, every_seconds: u64) -> Result<String, String> {
        let settings = throughline_service::nudges::Settings {
            transport: "mailbox".into(),
            from: "Northwind Learning <learning@northwind.example>".into(),
            every_seconds,
            quiet_hours: String::new(),
            ..Default::default()
        };
        let nudger = Arc::new(self.service.nudger(&settings, origin)?);
        let described = nudger.describe();
        nudger.clone().spawn();
        self.nudger = Some(nudger);
        Ok(described)
    }

    /// How many LTI 1.3 platforms are registered (in `lti-platforms.json`).
    pub fn lti_platforms(&self) -> usize {
        self.service.lti_platforms()
    }

    /// The LRS keys (admin first), to print at start.
    pub fn credentials(&self) -> &[Credential] {
        self.service.credentials()
    }

    /// The service's LTI tool.
    pub fn lti(&self) -> &throughline_service::lti::Lti {
        self.service.lti()
    }

    /// The service's LRS.
    pub fn lrs(&self) -> &Lrs {
        self.service.lrs()
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
        seed_cohort(self.lrs(), &text, learners, addr)
    }

    /// The whole site: the service's routes, LMS pages, launch routes, the
    /// cmi5 player, `/xapi`, and `/_test/` when test hooks are on.
    pub fn router(&self) -> Router {
        let no_cache = SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        );
        let mut xapi = self.lrs().router();
        let mut app = Router::new()
            .route("/", get(pages::home))
            .route("/course/{slug}", get(pages::course))
            .route("/play/{slug}", get(pages::play))
            .route("/admin", get(pages::admin))
            .route("/mail", get(mail::mailbox))
            .route("/mail/send", post(mail::send_now))
            .route("/launch/tincan/{slug}", get(launch::tincan))
            .route("/launch/lti/{slug}", get(launch::lti))
            .route("/launch/cmi5/{slug}", get(cmi5::launch))
            .route("/cmi5/fetch/{token}", post(cmi5::fetch))
            .route("/cmi5/xapi/{*resource}", any(cmi5::lrs))
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
            lrs: self.lrs().clone(),
            player: cmi5::Player::new(xapi.clone()),
            nudger: self.nudger.clone(),
        };
        app.with_state(state)
            .layer(no_cache)
            .merge(self.service.routes())
            .nest("/xapi", xapi)
            .fallback(|| async { pages::not_found("This page does not exist.") })
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
