//! A bounded loopback load on the LRS (run by `scripts/load-lrs.sh`, not a test): CLIENTS
//! threads each POST batches of 10 statements with ids they chose, for SECONDS, retrying a
//! batch that got no answer (as the widget's outbox does); then every id is read back. It
//! says how many requests failed, and whether any statement was lost or stored twice.
//!
//! Usage: `load_lrs [SECONDS] [CLIENTS]` (defaults 60, 50).

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn arg(n: usize, default: u64) -> u64 {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn statement(id: &str, client: usize) -> Value {
    json!({
        "id": id,
        "actor": {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": format!("learner{client}")}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"objectType": "Activity", "id": format!("http://example.com/course/{}", client % 7)},
        "timestamp": "2027-01-01T10:00:00.000Z"
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seconds = arg(1, 60).clamp(1, 600);
    let clients = arg(2, 50).clamp(1, 200) as usize;
    let running = support::start(2)?;
    let (base, auth) = (running.base.clone(), running.auth.clone());
    println!("LRS load: {clients} clients posting batches of 10 for {seconds} s on {base}");
    let until = Instant::now() + Duration::from_secs(seconds);
    let failed = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let (base, auth, failed, requests) =
                (base.clone(), auth.clone(), failed.clone(), requests.clone());
            std::thread::spawn(move || -> Vec<String> {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .timeout_global(Some(Duration::from_secs(30)))
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut sent = Vec::new();
                while Instant::now() < until {
                    let ids: Vec<String> =
                        (0..10).map(|_| uuid::Uuid::new_v4().to_string()).collect();
                    let body = Value::Array(ids.iter().map(|id| statement(id, client)).collect())
                        .to_string();
                    // Bounded retries of the same batch, as a client with an outbox would.
                    for _ in 0..5 {
                        requests.fetch_add(1, Ordering::Relaxed);
                        let answer = agent
                            .post(format!("{base}/xapi/statements"))
                            .header("Authorization", &auth)
                            .header("X-Experience-API-Version", "1.0.3")
                            .header("Content-Type", "application/json")
                            .send(&body);
                        match answer.map(|r| r.status().as_u16()) {
                            Ok(200) => {
                                sent.extend(ids.iter().cloned());
                                break;
                            }
                            _ => {
                                failed.fetch_add(1, Ordering::Relaxed);
                                std::thread::sleep(Duration::from_millis(100));
                            }
                        }
                    }
                }
                sent
            })
        })
        .collect();
    let mut sent: Vec<String> = Vec::new();
    for w in workers {
        sent.extend(w.join().map_err(|_| "a client thread panicked")?);
    }
    let secs = started.elapsed().as_secs_f64();
    let requests = requests.load(Ordering::Relaxed);
    let failed = failed.load(Ordering::Relaxed);
    println!(
        "POST: {} statements acknowledged in {requests} requests over {secs:.1} s = {:.0} statements/s; {failed} requests failed",
        sent.len(),
        sent.len() as f64 / secs
    );

    // Read everything back, following `more`.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut stored: Vec<String> = Vec::new();
    let mut next = format!("{base}/xapi/statements?limit=500");
    loop {
        let page: Value = agent
            .get(&next)
            .header("Authorization", &auth)
            .header("X-Experience-API-Version", "1.0.3")
            .call()?
            .body_mut()
            .read_json()?;
        stored.extend(
            page["statements"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["id"].as_str().map(str::to_string)),
        );
        match page["more"].as_str() {
            Some(more) if !more.is_empty() => next = format!("{base}{more}"),
            _ => break,
        }
    }
    let unique: HashSet<&String> = stored.iter().collect();
    let sent_set: HashSet<&String> = sent.iter().collect();
    let lost = sent_set.difference(&unique).count();
    let doubled = stored.len() - unique.len();
    println!(
        "GET: {} statements stored; lost {lost}, stored twice {doubled}",
        stored.len()
    );
    running.stop()?;
    if failed > 0 || lost > 0 || doubled > 0 || unique.len() != sent_set.len() {
        return Err(format!(
            "load failed: {failed} failed requests, {lost} lost, {doubled} doubled"
        )
        .into());
    }
    println!("load ok: 0 failed requests, 0 lost, 0 doubled");
    Ok(())
}
