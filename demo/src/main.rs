//! The Throughline demo: a small mock LMS that embeds the learner widget.
//!
//! Serves the course page, the built widget bundle (`/pkg/`) and program
//! files from the data folder (`/programs/`), on loopback by default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use clap::Parser;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

const COURSE_PAGE: &str = include_str!("../static/course.html");
const DEFAULT_PROGRAM: &str = include_str!("../programs/coaching.toml");

/// Command-line options.
#[derive(Parser, Debug)]
#[command(about = "Run the Throughline demo LMS on this machine")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Folder for the demo's data; program files live in its `programs/` folder.
    #[arg(long, default_value = "demo-data")]
    data: PathBuf,
    /// Folder with the built widget bundle (from demo/build.sh).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/static/pkg"))]
    bundle: PathBuf,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Err(message) = run(args).await {
        eprintln!("throughline-demo: {message}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    let programs = args.data.join("programs");
    std::fs::create_dir_all(&programs)
        .map_err(|e| format!("cannot create the data folder {}: {e}", programs.display()))?;
    seed_default_program(&programs)?;
    if !args.bundle.join("throughline.js").exists() {
        return Err(format!("the widget bundle is missing in {}; build it first with demo/build.sh (or start the demo with demo/run.sh)", args.bundle.display()));
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "Throughline demo: open http://{local}/ (data in {})",
        args.data.display()
    );
    axum::serve(listener, app(&args.bundle, &programs))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
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

fn app(bundle: &Path, programs: &Path) -> Router {
    // Program files and the bundle change while designers work: always revalidate.
    let no_cache = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    Router::new()
        .route("/", get(course))
        .route("/course/{slug}", get(course))
        .route("/health", get(|| async { "ok" }))
        // Browsers ask for a favicon on every page; answer so the console stays clean.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .nest_service("/pkg", ServeDir::new(bundle))
        .nest_service("/programs", ServeDir::new(programs))
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                Html("<h1>Not found</h1><p><a href=\"/\">Back to the course</a></p>"),
            )
        })
        .layer(no_cache)
}

async fn course() -> impl IntoResponse {
    Html(COURSE_PAGE)
}

async fn shutdown() {
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
