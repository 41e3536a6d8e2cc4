//! The Throughline demo: "Northwind Learning", a small mock LMS with an
//! embedded xAPI LRS, serving every way a host can launch the widget.
//!
//! The routes live in the library (`throughline_demo::lms`); this binary
//! parses the command line, prints the address and the LRS keys, and serves.

/// The service reads and writes JSON statements by the million: mimalloc keeps the many small
/// allocations of `serde_json` values cheaper than the system allocator does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use throughline_demo::lms::{Lms, LmsConfig};

/// Command-line options.
#[derive(Parser, Debug)]
#[command(about = "Run the Throughline demo LMS (with its own xAPI LRS) on this machine")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Folder for the demo's data: program files in `programs/`, the LRS in `lrs/`.
    #[arg(long, default_value = "demo-data")]
    data: PathBuf,
    /// Folder with the built widget bundle (from scripts/build-widget.sh).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../service/static/pkg"))]
    bundle: PathBuf,
    /// Adds /_test/faults, which makes the LRS fail on purpose (for end-to-end tests only).
    #[arg(long)]
    test_hooks: bool,
    /// Fills the LRS with a simulated cohort of this many learners of the
    /// coaching program (fixed seed, first cohort 16 weeks ago), once per
    /// data folder; 0 seeds nothing.
    #[arg(long, default_value_t = 0, value_name = "N")]
    seed_cohort: usize,
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
    if !args.bundle.join("throughline.js").exists() {
        return Err(format!("the widget bundle is missing in {}; build it first with scripts/build-widget.sh (or start the demo with scripts/demo.sh)", args.bundle.display()));
    }
    let mut lms = Lms::open(LmsConfig {
        data_dir: args.data.clone(),
        bundle: args.bundle.clone(),
        test_hooks: args.test_hooks,
    })?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // End-to-end tests parse this line: keep it first and keep its shape.
    println!(
        "Throughline demo: open http://{local}/ (data in {})",
        args.data.display()
    );
    println!("LRS endpoint: http://{local}/xapi/  (keys below: name, scope, key:secret)");
    for c in lms.credentials() {
        let scope = match c.scope {
            throughline_service::lrs::Scope::Admin => "admin",
            throughline_service::lrs::Scope::Learner => "learner",
        };
        println!("  {:<8} {:<8} {}:{}", c.name, scope, c.key, c.secret);
    }
    println!(
        "LTI 1.3 tool: login http://{local}/lti/login, launch http://{local}/lti/launch ({} platform(s) in {})",
        lms.lti_platforms(),
        args.data.join(throughline_service::lti::PLATFORMS_FILE).display()
    );
    let mail = lms.start_nudges(&format!("http://{local}"), 60)?;
    println!("Reflection emails: {mail}; read them at http://{local}/mail");
    if args.test_hooks {
        println!("Test hooks on: POST/GET http://{local}/_test/faults");
    }
    if args.seed_cohort > 0 {
        // Before serving, so the first page already sees the whole cohort.
        let seeded = tokio::task::block_in_place(|| lms.seed_cohort(args.seed_cohort, local))?;
        println!("{}", seeded.summary());
    }
    let _grades = lms.lti().spawn_grade_sender();
    axum::serve(listener, lms.router())
        .with_graceful_shutdown(throughline_service::server::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}
