//! What the LRS figures share: the LRS on a free loopback port with a temp data dir.

use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine;
use throughline_service::lrs::{Lrs, LrsConfig, Scope};

/// A running LRS: its base URL, the admin's `Authorization` value, and how to stop it.
pub struct Running {
    pub base: String,
    pub auth: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    _dir: tempfile::TempDir,
}

impl Running {
    /// Stops the server and waits for it.
    pub fn stop(mut self) -> Result<(), String> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.server.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err("the server thread panicked".into()),
            None => Ok(()),
        }
    }
}

/// Opens the LRS in a temp dir and serves it on 127.0.0.1 (a free port), `workers` threads.
/// Its data goes to SQLite in that dir, or to the PostgreSQL database that `BENCH_DATABASE`
/// names (an empty one: the scripts create it).
pub fn start(workers: usize) -> Result<Running, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let lrs = Lrs::open(LrsConfig {
        data_dir: dir.path().to_path_buf(),
        database: std::env::var("BENCH_DATABASE")
            .ok()
            .filter(|d| !d.is_empty()),
        learners: Vec::new(),
        hash_secrets: true,
    })?;
    let admin = lrs
        .credentials()
        .iter()
        .find(|c| c.scope == Scope::Admin)
        .ok_or("no admin credential")?
        .clone();
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", admin.key, admin.secret))
    );
    let (addr_tx, addr_rx) = std::sync::mpsc::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || -> Result<(), String> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers.max(1))
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let addr = listener.local_addr().map_err(|e| e.to_string())?;
            addr_tx.send(addr).map_err(|e| e.to_string())?;
            let app = axum::Router::new().nest("/xapi", lrs.router());
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await
                .map_err(|e| e.to_string())
        })
    });
    let base = format!("http://{}", addr_rx.recv_timeout(Duration::from_secs(10))?);
    Ok(Running {
        base,
        auth,
        stop: Some(stop_tx),
        server: Some(server),
        _dir: dir,
    })
}
