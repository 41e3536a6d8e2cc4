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
    crate::http::Lang(w): crate::http::Lang,
) -> impl IntoResponse {
    use crate::http::escape;
    let o = origin.0;
    let code = |path: &str| format!("<code>{}</code>", escape(&format!("{o}{path}")));
    // Values are placed in escaped text: each message is escaped, then the code spans put in.
    let say = |id: &str, args: &[(&str, String)]| {
        let marked: Vec<(&str, throughline::i18n::Arg)> = args
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, format!("\u{1}{i}\u{1}").into()))
            .collect();
        let mut text = escape(&w.with(id, &marked));
        for (i, (_, v)) in args.iter().enumerate() {
            text = text.replace(&format!("\u{1}{i}\u{1}"), v);
        }
        text
    };
    let unknown = escape(&w.get("status-unknown"));
    let nudges = match crate::lrs::blocking(move || lrs.store().nudge_summary()).await {
        Ok(n) => escape(&w.with(
            "status-nudges-state",
            &[
                ("sent", n.sent.into()),
                ("reachable", n.reachable.into()),
                ("unsubscribed", n.unsubscribed.into()),
            ],
        )),
        Err(_) => unknown.clone(),
    };
    let grades = match lti.grade_summary().await {
        Some(g) => {
            let problem = match (&g.last_error, g.failing) {
                (Some(e), n) if n > 0 => format!(
                    " <strong>{}</strong>",
                    escape(&w.with(
                        "status-grades-problem",
                        &[("count", n.into()), ("answer", e.as_str().into())]
                    ))
                ),
                _ => String::new(),
            };
            let state = escape(&w.with(
                "status-grades-state",
                &[("sent", g.sent.into()), ("waiting", g.waiting.into())],
            ));
            format!("{state}{problem}")
        }
        None => unknown,
    };
    Html(format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{running}</p><ul>\
         <li>{lrs}</li><li>{lti}</li><li>{grades}</li><li>{nudges}</li><li>{bundles}</li><li>{programs}</li>\
         <li><a href=\"/dashboard\">{dashboard}</a> {dashboard_note}</li>\
         <li><a href=\"/workbench\">{workbench}</a></li></ul></main></body></html>",
        lang = w.lang(),
        title = escape(&w.get("status-title")),
        running = escape(&w.get("status-running")),
        lrs = say("status-lrs", &[("url", code("/xapi/"))]),
        lti = say(
            "status-lti",
            &[
                ("login", code("/lti/login")),
                ("launch", code("/lti/launch")),
                ("keys", code("/lti/jwks")),
            ]
        ),
        grades = say("status-grades", &[("state", grades)]),
        nudges = say("status-nudges", &[("state", nudges)]),
        bundles = say("status-bundles", &[("url", code("/pkg/throughline.js"))]),
        programs = say("status-programs", &[("url", code("/compiled/NAME.json"))]),
        dashboard = escape(&w.get("status-dashboard")),
        dashboard_note = escape(&w.get("status-dashboard-note")),
        workbench = escape(&w.get("status-workbench")),
    ))
}

/// `GET /dashboard`: the adoption dashboard for an admin who signs in with an LRS key. The key
/// stays in the page (it is never stored or sent anywhere but the LRS named in the form). The
/// page and the dashboard speak the admin's language (`?lang=`, else the browser's).
async fn dashboard_page(crate::http::Lang(w): crate::http::Lang) -> impl IntoResponse {
    use crate::http::escape;
    let mut page = DASHBOARD_PAGE.replace("{{lang}}", w.lang());
    for id in [
        "dashboard-page-title",
        "dashboard-page-heading",
        "dashboard-page-intro",
        "dashboard-page-endpoint",
        "dashboard-page-key",
        "dashboard-page-secret",
        "dashboard-page-program",
        "dashboard-page-open",
    ] {
        page = page.replace(&format!("{{{{{id}}}}}"), &escape(&w.get(id)));
    }
    Html(page)
}

const DASHBOARD_PAGE: &str = r#"<!doctype html>
<html lang="{{lang}}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{dashboard-page-title}}</title>
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
    <h1>{{dashboard-page-heading}}</h1>
    <p>{{dashboard-page-intro}}</p>
    <form id="signin">
      <label>{{dashboard-page-endpoint}} <input name="endpoint" id="endpoint" required></label>
      <label>{{dashboard-page-key}} <input name="key" id="key" required autocomplete="username"></label>
      <label>{{dashboard-page-secret}} <input name="secret" id="secret" type="password" required autocomplete="current-password"></label>
      <label>{{dashboard-page-program}} <input name="program" id="program" required value="/compiled/coaching.json"></label>
      <button type="submit">{{dashboard-page-open}}</button>
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
          locale: document.documentElement.lang,
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
