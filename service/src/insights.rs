//! The dashboard's figures computed where the statements are: `GET /insights?program=ID`
//! answers a [`throughline::insights::Snapshot`], the report `throughline::insights` folds
//! in the browser from the same statements, so an admin's dashboard need not read a
//! million statements over the network.
//!
//! Each process keeps one fold per program (a cache: nothing another process needs), folded
//! first on a thread at start ([`Ctx::warm`]) and, on each request, folds only the statements
//! stored since the last read, up to what the store
//! calls consistent (`Store::consistent_through`, less a microsecond so a write committing
//! in the same tick is read next time, never missed). Pseudonyms are keyed with the asking
//! admin's credential, as their browser keys them; names go out only with `names=true`.
//!
//! Parameters: `program` (required), `as_of` (YYYY-MM-DD, default today), `role`, `course`,
//! `from`, `to` (commitment dates) as the dashboard's filters, `names`. Admin keys only.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use throughline::insights::{fingerprint, Filter, Insights, Snapshot};
use throughline::program::Program;
use time::Date;
use tower_http::cors::{Any, CorsLayer};

use crate::lrs::store::{StatementFilter, Store};
use crate::lrs::{blocking, ApiError, Lrs};

/// Statements read from the store per query while folding.
const PAGE: usize = 5_000;

/// One program's fold in this process, and what it has read.
struct Fold {
    program: [u8; 16],
    insights: Insights,
    /// Every statement stored at or before this (unix ns) has been folded.
    through_ns: Option<i64>,
    /// The store's order (`seq`) of the last statement folded: later reads start after it, so
    /// the index is read only from there (writes are serialised, so `seq` follows `stored`).
    last_seq: Option<i64>,
    /// Statements read.
    statements: usize,
    /// The last answer, kept while nothing new arrives: (its request, its JSON).
    last: Option<(String, String)>,
}

/// What the route shares: the store, the programs folder and the folds.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub lrs: Lrs,
    pub programs: PathBuf,
    folds: Arc<Mutex<HashMap<String, Arc<Mutex<Fold>>>>>,
}

impl Ctx {
    pub(crate) fn new(lrs: Lrs, programs: PathBuf) -> Ctx {
        Ctx {
            lrs,
            programs,
            folds: Arc::default(),
        }
    }

    /// Folds every program's statements on a thread of its own, so the first dashboard after a
    /// start finds the figures ready (or waits only for the rest). A failure is only logged: the
    /// first request then folds, and says what went wrong.
    pub(crate) fn warm(&self) {
        let ctx = self.clone();
        let spawned = std::thread::Builder::new()
            .name("insights-warm".into())
            .spawn(move || {
                for (_, program) in crate::lti::programs_parsed(&ctx.programs) {
                    let done = fold_for(&ctx, &program).and_then(|fold| {
                        let mut fold = fold.lock().map_err(|_| {
                            ApiError::internal("the figures' cache is unusable after a failure")
                        })?;
                        catch_up(ctx.lrs.store(), &program, &mut fold)
                    });
                    if let Err(e) = done {
                        eprintln!(
                            "insights: {} not folded at start: {}",
                            program.id, e.message
                        );
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("insights: no thread to fold at start ({e}); the first request folds");
        }
    }
}

/// The route, ready to merge into the service's router; dashboards call it from other origins.
pub(crate) fn router(ctx: Ctx) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET])
        .allow_headers([
            header::AUTHORIZATION,
            header::HeaderName::from_static("x-experience-api-version"),
        ]);
    Router::new()
        .route("/insights", get(insights))
        .layer(cors)
        .with_state(ctx)
}

/// The request's parameters, checked.
struct Ask {
    program: String,
    as_of: Date,
    filter: Filter,
    names: bool,
}

fn date(name: &str, v: &str) -> Result<Date, ApiError> {
    throughline::launch::parse_now(v)
        .map_err(|_| ApiError::bad_request(format!("{name} must be a date, YYYY-MM-DD")))
}

fn ask(query: Option<&str>) -> Result<Ask, ApiError> {
    let mut program = None;
    let mut as_of = None;
    let mut filter = Filter::default();
    let mut names = false;
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let v = v.trim().to_string();
        let given = Some(v.clone()).filter(|v| !v.is_empty());
        match &*k {
            "program" => program = given,
            "as_of" => as_of = given.map(|v| date("as_of", &v)).transpose()?,
            "role" => filter.role = given,
            "course" => filter.course = given,
            "from" => filter.cohort_from = given.map(|v| date("from", &v)).transpose()?,
            "to" => filter.cohort_to = given.map(|v| date("to", &v)).transpose()?,
            "names" => names = v == "true",
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {other}: use program, as_of, role, course, from, to, names"
                )))
            }
        }
    }
    let program = program.ok_or_else(|| {
        ApiError::bad_request("say which program: add ?program= with the program's id")
    })?;
    Ok(Ask {
        program,
        as_of: as_of.unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
        filter,
        names,
    })
}

/// Folds into `fold` every statement of `program` stored since it last read, up to what the
/// store guarantees is visible.
fn catch_up(store: &Store, program: &Program, fold: &mut Fold) -> Result<(), ApiError> {
    // Less a microsecond: a write that commits later may still pick the very tick
    // `consistent_through` read; it is then read next time (`since` is exclusive).
    let through = store.consistent_through()? - 1_000;
    if fold.through_ns.is_some_and(|t| t >= through) {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut cursor = fold.last_seq;
    let mut read = 0usize;
    loop {
        let filter = StatementFilter {
            activity: Some(program.id.clone()),
            related_activities: true,
            since_ns: fold.through_ns,
            until_ns: Some(through),
            ascending: true,
            limit: PAGE,
            cursor,
            ..Default::default()
        };
        let (page, more) = store.query(&filter)?;
        read += page.len();
        for s in &page {
            fold.insights.add_text(&s.body);
            if s.seq.is_some() {
                fold.last_seq = s.seq;
            }
        }
        match more {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    fold.through_ns = Some(through);
    fold.statements += read;
    if read >= PAGE {
        println!(
            "insights: {read} statements of {} folded in {:.1} s ({} in all)",
            program.id,
            started.elapsed().as_secs_f64(),
            fold.statements
        );
    }
    if read > 0 {
        fold.last = None;
    }
    Ok(())
}

fn fold_for(ctx: &Ctx, program: &Program) -> Result<Arc<Mutex<Fold>>, ApiError> {
    let mut folds = ctx
        .folds
        .lock()
        .map_err(|_| ApiError::internal("the figures' cache is unusable after a failure"))?;
    let print = fingerprint(program);
    let fresh = || {
        Arc::new(Mutex::new(Fold {
            program: print,
            insights: Insights::new(program, time::OffsetDateTime::now_utc().date()),
            through_ns: None,
            last_seq: None,
            statements: 0,
            last: None,
        }))
    };
    let entry = folds.entry(program.id.clone()).or_insert_with(fresh);
    // A program file changed under the same id: what its statements count for may have too.
    let same = entry.lock().map(|f| f.program == print).unwrap_or(false);
    if !same {
        *entry = fresh();
    }
    Ok(entry.clone())
}

/// `GET /insights`: the snapshot for one program and filter, for admin keys.
async fn insights(State(ctx): State<Ctx>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let offered = headers.contains_key(header::AUTHORIZATION);
    match answer(ctx, &headers, q).await {
        Ok(res) => res,
        Err(e) => {
            let mut res = e.into_response();
            // As the LRS does: a browser given a challenge for credentials it sent may hold
            // the request open for a sign-in prompt nobody answers.
            if offered {
                res.headers_mut().remove(header::WWW_AUTHENTICATE);
            }
            res
        }
    }
}

async fn answer(ctx: Ctx, headers: &HeaderMap, q: Option<String>) -> Result<Response, ApiError> {
    let principal = ctx.lrs.principal(headers).await?;
    principal.require_admin("the dashboard's figures")?;
    let ask = ask(q.as_deref())?;
    // Pseudonyms keyed as the admin's browser keys them: with the Authorization it sends.
    let key = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    let dir = ctx.programs.clone();
    let wanted = ask.program.clone();
    let program = blocking(move || {
        Ok(crate::lti::programs_parsed(&dir)
            .into_iter()
            .map(|(_, p)| p)
            .find(|p| p.id == wanted))
    })
    .await?
    .ok_or_else(|| {
        ApiError::not_found(format!(
            "this service has no program “{}”; check the program id",
            ask.program
        ))
    })?;
    let fold = fold_for(&ctx, &program)?;
    let lrs = ctx.lrs.clone();
    let body = blocking(move || {
        let mut fold = fold
            .lock()
            .map_err(|_| ApiError::internal("the figures' cache is unusable after a failure"))?;
        catch_up(lrs.store(), &program, &mut fold)?;
        let request = format!(
            "{}|{:?}|{}|{}",
            ask.as_of,
            ask.filter,
            ask.names,
            // The credential itself is not kept, only a keyed digest of it.
            throughline::insights::pseudonym(&key, "insights answer")
        );
        if let Some((r, body)) = &fold.last {
            if *r == request {
                return Ok(body.clone());
            }
        }
        fold.insights.set_as_of(ask.as_of);
        fold.insights.rekey(&key);
        let report = fold.insights.report(&ask.filter);
        let courses = if ask.filter == Filter::default() {
            report.courses()
        } else {
            fold.insights.report(&Filter::default()).courses()
        };
        let snapshot = Snapshot::of(report, courses, fold.statements, ask.names);
        let body = serde_json::to_string(&snapshot)
            .map_err(|e| ApiError::internal(format!("could not write the figures: {e}")))?;
        fold.last = Some((request, body.clone()));
        Ok(body)
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
