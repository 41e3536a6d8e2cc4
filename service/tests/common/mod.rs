//! What every demo integration test needs to talk to a server over real HTTP.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

/// A raw answer: status, lower-cased headers and body bytes.
pub struct Exchange {
    pub status: u16,
    pub headers: std::collections::HashMap<String, String>,
    pub body: Vec<u8>,
}

/// One request to `url`; redirects are not followed and error statuses are answers, not errors.
pub fn exchange(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Exchange {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .max_redirects(0)
        .build()
        .into();
    let mut b = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let res = match body {
        Some(bytes) => agent.run(b.body(bytes.to_vec()).expect("request")),
        None => agent.run(b.body(()).expect("request")),
    };
    let mut res = res.expect("HTTP exchange");
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut body = Vec::new();
    std::io::Read::read_to_end(
        &mut res.body_mut().with_config().limit(64 << 20).reader(),
        &mut body,
    )
    .expect("body");
    Exchange {
        status,
        headers,
        body,
    }
}

/// A router served on its own thread and runtime; stopped (gracefully) and joined when dropped.
pub struct Running {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Stops the server and waits for its thread.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().expect("server thread");
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Serves `router` on `listener` (bound by the caller, so it knows the address first).
pub fn serve_on(listener: std::net::TcpListener, router: axum::Router) -> Running {
    listener.set_nonblocking(true).expect("non-blocking");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await
                .expect("serve");
        });
    });
    Running {
        stop: Some(stop_tx),
        thread: Some(thread),
    }
}

/// Serves `router` on a free loopback port; returns its `http://addr` base and the handle.
pub fn serve(router: axum::Router) -> (String, Running) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("local addr");
    (format!("http://{addr}"), serve_on(listener, router))
}
