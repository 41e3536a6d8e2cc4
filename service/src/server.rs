//! The service's routes over one data folder: `/xapi` (the LRS), `/lti` (the
//! LTI 1.3 tool), `/pkg` (the widget bundles), `/compiled` and `/programs`
//! (programs), `/teams`, `/workbench`, and a plain status page at `/`.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::lrs::{Credential, Lrs, LrsConfig};

/// The example program a new data folder starts with, and the workbench's starting text
/// (the coaching program from the article the product is built on).
pub const EXAMPLE_PROGRAM: &str = include_str!("../programs/coaching.toml");

/// What the service needs to start.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Data folder: program files in `programs/`, the LRS in `lrs/`, LTI platforms.
    pub data_dir: PathBuf,
    /// A `postgres://` URL for the LRS data; none keeps it in SQLite under `data_dir`.
    pub database: Option<String>,
    /// Folder with the built widget bundles, served at `/pkg/`.
    pub bundle: PathBuf,
    /// The compiled program LTI launches open, e.g. `/compiled/coaching.json`.
    pub lti_program: String,
    /// Learner keys to create with the LRS's credentials file on first start (name, agent).
    pub learners: Vec<(String, serde_json::Value)>,
    /// Keep only hashes of new secrets in the credentials file (off only for the demo).
    pub hash_secrets: bool,
}

/// The service, opened and ready to serve.
pub struct Service {
    config: ServiceConfig,
    lrs: Lrs,
    lti: crate::lti::Lti,
}

impl Service {
    /// Creates the data folder, seeds the example program (once, so designers can edit their
    /// copy), opens the LRS in `<data>/lrs` and reads the LTI platforms.
    pub fn open(config: ServiceConfig) -> Result<Service, String> {
        let programs = config.data_dir.join("programs");
        std::fs::create_dir_all(&programs)
            .map_err(|e| format!("cannot create the data folder {}: {e}", programs.display()))?;
        seed_example_program(&programs)?;
        let lrs = Lrs::open(LrsConfig {
            data_dir: config.data_dir.join("lrs"),
            database: config.database.clone(),
            learners: config.learners.clone(),
            hash_secrets: config.hash_secrets,
        })
        .map_err(|e| e.to_string())?;
        let lti = crate::lti::Lti::load(&config.data_dir, &config.lti_program, lrs.clone())?;
        Ok(Service { config, lrs, lti })
    }

    /// The configuration it was opened with.
    pub fn config(&self) -> &ServiceConfig {
        &self.config
    }

    /// The LRS.
    pub fn lrs(&self) -> &Lrs {
        &self.lrs
    }

    /// The LRS keys (admin first).
    pub fn credentials(&self) -> &[Credential] {
        self.lrs.credentials()
    }

    /// How many LTI 1.3 platforms are registered (in `lti-platforms.json`).
    pub fn lti_platforms(&self) -> usize {
        self.lti.platform_count()
    }

    /// The nudge sender for `settings`, checked (its problems name the setting); `origin` is
    /// where the service listens, for links when `[nudges] public_url` is not set. Whoever
    /// runs the service starts it with [`crate::nudges::Nudger::spawn`].
    pub fn nudger(
        &self,
        settings: &crate::nudges::Settings,
        origin: &str,
    ) -> Result<crate::nudges::Nudger, String> {
        crate::nudges::Nudger::new(
            settings,
            self.lrs.clone(),
            self.config.data_dir.join("programs"),
            &self.config.data_dir,
            origin,
        )
    }

    /// The LTI tool (its grade sender is started by whoever runs the service).
    pub fn lti(&self) -> &crate::lti::Lti {
        &self.lti
    }

    /// Everything but the LRS, for a host that mounts `/xapi` itself (the demo wraps it in
    /// test hooks and a cmi5 player).
    pub fn routes(&self) -> Router {
        // Program files and the bundle change while designers work: always revalidate.
        let no_cache = SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        );
        let programs = self.config.data_dir.join("programs");
        Router::new()
            .merge(self.lti.router())
            .merge(crate::workbench::router(&self.config))
            .merge(crate::nudges::routes::router(crate::nudges::routes::Ctx {
                lrs: self.lrs.clone(),
                programs: programs.clone(),
            }))
            .merge(crate::teams::router(crate::teams::Ctx {
                lrs: self.lrs.clone(),
                programs: programs.clone(),
            }))
            .merge(crate::insights::router({
                let insights = crate::insights::Ctx::new(self.lrs.clone(), programs.clone());
                insights.warm();
                insights
            }))
            // scripts/build-widget.sh writes brotli and gzip copies beside each bundle file, so
            // the largest downloads (the wasm) go out compressed at the best level without
            // spending CPU per request; other answers are compressed as they go.
            .nest_service(
                "/pkg",
                ServeDir::new(&self.config.bundle)
                    .precompressed_br()
                    .precompressed_gzip(),
            )
            .route(
                "/compiled/{file}",
                get(crate::programs::serve).with_state(programs.clone()),
            )
            .nest_service("/programs", ServeDir::new(programs))
            .route("/health", get(|| async { "ok" }))
            .route("/dashboard", get(dashboard_page))
            .layer(no_cache)
            .layer(tower_http::compression::CompressionLayer::new())
    }

    /// The whole service: [`Service::routes`], the LRS at `/xapi`, and a status page at `/`.
    pub fn router(&self) -> Router {
        self.routes()
            .nest("/xapi", self.lrs.router())
            .route(
                "/",
                get(status_page).with_state((self.lti.clone(), self.lrs.clone())),
            )
            .fallback(|| async { (StatusCode::NOT_FOUND, "This page does not exist.") })
    }
}

/// `GET /`: what this server is and where its parts are, for the admin who just started it,
/// with the LTI grades still owed to platforms.
async fn status_page(
    axum::extract::State((lti, lrs)): axum::extract::State<(crate::lti::Lti, Lrs)>,
    origin: crate::http::Origin,
) -> impl IntoResponse {
    let o = origin.0;
    let nudges = match crate::lrs::blocking(move || lrs.store().nudge_summary()).await {
        Ok(n) => format!(
            "{} prompts sent; {} learners reachable, {} unsubscribed",
            n.sent, n.reachable, n.unsubscribed
        ),
        Err(_) => "unknown (the database did not answer)".into(),
    };
    let grades = match lti.grade_summary().await {
        Some(g) => {
            let problem = match (&g.last_error, g.failing) {
                (Some(e), n) if n > 0 => format!(
                    " <strong>{n} not accepted yet</strong>, retried with backoff; the latest answer: {}",
                    crate::http::escape(e)
                ),
                _ => String::new(),
            };
            format!("{} sent, {} waiting.{problem}", g.sent, g.waiting)
        }
        None => "unknown (the database did not answer)".into(),
    };
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Throughline service</title></head>\
         <body><main><h1>Throughline service</h1><p>This server is running. Its parts:</p><ul>\
         <li>xAPI LRS: <code>{o}/xapi/</code></li>\
         <li>LTI 1.3 tool: login <code>{o}/lti/login</code>, launch and Deep Linking <code>{o}/lti/launch</code>, \
         keys <code>{o}/lti/jwks</code></li>\
         <li>LTI grades to platforms: {grades}</li>\
         <li>Reflection emails: {nudges}</li>\
         <li>Widget bundles: <code>{o}/pkg/throughline.js</code></li>\
         <li>Compiled programs: <code>{o}/compiled/NAME.json</code></li>\
         <li><a href=\"/dashboard\">The adoption dashboard</a> (sign in with an admin LRS key)</li>\
         <li><a href=\"/workbench\">The designer's workbench</a></li></ul></main></body></html>"
    ))
}

/// `GET /dashboard`: the adoption dashboard for an admin who signs in with an LRS key. The key
/// stays in the page (it is never stored or sent anywhere but the LRS named in the form).
async fn dashboard_page() -> impl IntoResponse {
    Html(DASHBOARD_PAGE)
}

const DASHBOARD_PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Adoption dashboard · Throughline</title>
  <link rel="stylesheet" href="/pkg/throughline.css">
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1b1b1b; }
    form { display: grid; gap: .75rem; max-width: 32rem; }
    label { display: grid; gap: .25rem; font-weight: 600; }
    input { font: inherit; padding: .4rem; border: 1px solid #595959; border-radius: 4px; }
    button { font: inherit; padding: .5rem 1rem; justify-self: start; }
    [role=alert] { color: #8a1c1c; }
  </style>
</head>
<body>
  <main>
    <h1>Adoption dashboard</h1>
    <p>Who committed to what, and which behaviours are taking hold, read from a learning record store.
      Sign in with an admin key of that LRS; it stays in this page.</p>
    <form id="signin">
      <label>LRS endpoint <input name="endpoint" id="endpoint" required></label>
      <label>Key <input name="key" id="key" required autocomplete="username"></label>
      <label>Secret <input name="secret" id="secret" type="password" required autocomplete="current-password"></label>
      <label>Program <input name="program" id="program" required value="/compiled/coaching.json"></label>
      <button type="submit">Open the dashboard</button>
      <p id="problem" role="alert"></p>
    </form>
    <div id="dashboard"></div>
  </main>
  <script type="module">
    import init, { mountDashboard } from '/pkg/admin/throughline_admin.js';
    const form = document.getElementById('signin');
    document.getElementById('endpoint').value = `${location.origin}/xapi/`;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const f = new FormData(form);
      try {
        await init();
        await mountDashboard(document.getElementById('dashboard'), {
          endpoint: f.get('endpoint'), key: f.get('key'), secret: f.get('secret'), program: f.get('program'),
        });
        form.hidden = true;
      } catch (e) {
        document.getElementById('problem').textContent = String(e && e.message || e);
      }
    });
  </script>
</body>
</html>
"#;

/// Writes the example program into the data folder once, so designers can edit their copy.
fn seed_example_program(programs: &Path) -> Result<(), String> {
    let path = programs.join("coaching.toml");
    if !path.exists() {
        std::fs::write(&path, EXAMPLE_PROGRAM)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, for `axum::serve(...).with_graceful_shutdown`.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
