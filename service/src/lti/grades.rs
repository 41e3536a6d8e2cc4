//! LTI Advantage services: the LRS key each resource-link launch gets, the
//! grades owed to platforms (Assignment and Grade Services) and the course
//! roster (Names and Role Provisioning Services).
//!
//! A grade is owed in the database in the same request that stores the
//! learner's first `committed` statement, then sent by [`run`]: with a service
//! token from the platform (a client-credentials grant whose assertion the
//! tool signs with its own key), retried with backoff until the platform
//! acknowledges it. Nothing here keeps state a second process would need;
//! the token cache only saves requests.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::{json, Value};
use sha2::Digest;

use super::launch::{LINEITEM_SCOPE, SCORE_SCOPE};
use super::{Launch, Lti, Platform};
use crate::lrs::store::{GradeSend, LaunchRecord};
use crate::lrs::{blocking, ApiError};

/// The most a platform's answer (keys, token, roster) may be.
pub(crate) const MAX_PLATFORM_ANSWER: u64 = 256 * 1024;
/// The NRPS scope.
const ROSTER_SCOPE: &str =
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
/// What a grade is for: the learner committed to a plan.
pub(crate) const COMPLETION: &str = "completion";
/// What a grade is for: the share of the learner's committed behaviours adopted.
const ADOPTION: &str = "adoption";
/// How often the sender looks for grades due.
const POLL: Duration = Duration::from_secs(2);
/// How long a sender holds a grade before another may take it.
const LEASE_NS: i64 = 60 * 1_000_000_000;

/// Which token: the platform's issuer, the tool's client id there, the scope.
type TokenFor = (String, String, String);

/// Service tokens by platform and scope, with when they stop being good.
#[derive(Default)]
pub(crate) struct Tokens(Mutex<HashMap<TokenFor, (String, Instant)>>);

/// An HTTP client for platforms: bounded in time, statuses read rather than raised.
pub(crate) fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(15)))
        .http_status_as_error(false)
        .build()
        .into()
}

fn now_ns() -> i64 {
    i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

fn sha256_hex(text: &str) -> String {
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes the LRS key a resource-link launch's widget reports with: the key, its
/// secret (shown to that page only) and the learner as an xAPI Agent.
pub(crate) async fn launch_key(
    lti: &Lti,
    platform: &Platform,
    launch: &Launch,
    program: &str,
) -> Result<(String, String, Value), ApiError> {
    let key = format!("lti-{}", uuid::Uuid::new_v4().simple());
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let mut actor = json!({
        "objectType": "Agent",
        "account": { "homePage": platform.issuer, "name": launch.subject },
    });
    if let Some(name) = &launch.name {
        actor["name"] = json!(name);
    }
    let record = LaunchRecord {
        key: key.clone(),
        secret_sha256: sha256_hex(&secret),
        agent: actor.clone(),
        issuer: platform.issuer.clone(),
        client_id: platform.client_id.clone(),
        subject: launch.subject.clone(),
        roles: launch.roles.clone(),
        lineitem: launch.lineitem.clone(),
        lineitems: launch.lineitems.clone(),
        program: program.to_string(),
        adoption_grade: platform.adoption_grade,
        roster_url: launch.roster_url.clone(),
    };
    let lrs = lti.0.lrs.clone();
    let email = launch.email.clone();
    blocking(move || {
        let store = lrs.store();
        store.lti_launch_save(&record, now_ns())?;
        // The platform's address for the learner is where their reflection emails go.
        if let (Some(email), Some(ifi)) = (email, crate::lrs::validate::ifi_key(&record.agent)) {
            if email.parse::<lettre::Address>().is_ok() {
                store.nudge_recipient_set(&ifi, &email, "lti", now_ns())?;
            }
        }
        Ok(())
    })
    .await?;
    Ok((key, secret, actor))
}

/// Whether `secret` is launch `record`'s.
pub(crate) fn secret_matches(record: &LaunchRecord, secret: &str) -> bool {
    let given = sha256_hex(secret);
    given.len() == record.secret_sha256.len()
        && given
            .bytes()
            .zip(record.secret_sha256.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The score for a learner who committed: complete, full marks, at `at` (RFC 3339).
pub(crate) fn completion_score(at: &str) -> Value {
    json!({
        "scoreGiven": 1, "scoreMaximum": 1,
        "activityProgress": "Completed", "gradingProgress": "FullyGraded",
        "timestamp": at, "comment": "Committed to a follow-up plan in Throughline.",
    })
}

/// Seconds to wait after the `attempts`-th failure: 5 s doubling, at most an hour.
pub(crate) fn backoff_seconds(attempts: i64) -> i64 {
    let shift = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (5_i64 << shift).min(3600)
}

/// A service token for `scope` from `platform`, from the cache or its token endpoint.
fn token(lti: &Lti, platform: &Platform, scope: &str) -> Result<String, String> {
    let cache_key = (
        platform.issuer.clone(),
        platform.client_id.clone(),
        scope.to_string(),
    );
    if let Some((token, until)) = lti
        .0
        .tokens
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&cache_key)
    {
        if *until > Instant::now() {
            return Ok(token.clone());
        }
    }
    let keys = lti
        .0
        .keys
        .as_ref()
        .ok_or("this service has no signing key")?;
    let url = platform
        .auth_token_url
        .as_deref()
        .ok_or("the platform registration has no auth_token_url")?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let assertion = keys.sign(&json!({
        "iss": platform.client_id, "sub": platform.client_id, "aud": url,
        "iat": now, "exp": now + 300, "jti": uuid::Uuid::new_v4().simple().to_string(),
    }))?;
    let mut res = http()
        .post(url)
        .send_form([
            ("grant_type", "client_credentials"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", assertion.as_str()),
            ("scope", scope),
        ])
        .map_err(|e| format!("the platform's token endpoint could not be reached ({e})"))?;
    let status = res.status().as_u16();
    let body: Value = res
        .body_mut()
        .with_config()
        .limit(MAX_PLATFORM_ANSWER)
        .read_json()
        .map_err(|_| {
            format!("the platform's token endpoint answered {status} without a readable token")
        })?;
    let token = body
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|_| (200..300).contains(&status))
        .ok_or_else(|| {
            let why = body
                .get("error_description")
                .or_else(|| body.get("error"))
                .and_then(Value::as_str)
                .unwrap_or("no access_token");
            format!(
                "the platform refused a service token ({status}: {})",
                clip(why)
            )
        })?
        .to_string();
    let lifetime = body
        .get("expires_in")
        .and_then(Value::as_u64)
        .unwrap_or(3600)
        .clamp(60, 24 * 3600);
    // Renew a minute early, so a token is never used in its last seconds.
    lti.0
        .tokens
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(
            cache_key,
            (
                token.clone(),
                Instant::now() + Duration::from_secs(lifetime - 30),
            ),
        );
    Ok(token)
}

fn clip(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The scores URL of a line item: `/scores` after its path, before any query.
pub(crate) fn scores_url(lineitem: &str) -> String {
    match lineitem.split_once('?') {
        Some((path, query)) => format!("{}/scores?{query}", path.trim_end_matches('/')),
        None => format!("{}/scores", lineitem.trim_end_matches('/')),
    }
}

/// The learner's adoption now, worked out from their statements in the store as the
/// dashboard does: behaviours adopted and committed, and the program's name and title.
fn adoption_now(
    lti: &Lti,
    launch: &LaunchRecord,
) -> Result<(usize, usize, String, String), String> {
    let name = launch
        .program
        .strip_prefix("/compiled/")
        .and_then(|p| p.strip_suffix(".json"))
        .ok_or("the launch's program is not one of this service's")?;
    let dir = lti
        .0
        .programs
        .as_deref()
        .ok_or("this service has no programs folder")?;
    let program = super::deep_link::programs_parsed(dir)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, p)| p)
        .ok_or_else(|| format!("the program {name} is missing or has problems"))?;
    let ifi = crate::lrs::validate::ifi_key(&launch.agent)
        .ok_or("the launch's learner has no identity")?;
    let today = time::OffsetDateTime::now_utc().date();
    let mut insights = throughline::insights::Insights::new(&program, today);
    let mut cursor = None;
    loop {
        let filter = crate::lrs::store::StatementFilter {
            agent: Some(ifi.clone()),
            ascending: true,
            limit: 500,
            cursor,
            ..Default::default()
        };
        let (page, more) = lti.0.lrs.store().query(&filter).map_err(|e| e.message)?;
        for st in &page {
            if let Ok(value) = serde_json::from_str::<Value>(&st.body) {
                insights.add(&value);
            }
        }
        match more {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let report = insights.report(&throughline::insights::Filter::default());
    let (adopted, committed) = report
        .learners
        .first()
        .map_or((0, 0), |l| (l.adopted, l.committed));
    Ok((adopted, committed, name.to_string(), program.title.clone()))
}

/// The container a line items answer holds, whichever way the platform writes it (AGS says an
/// array; some platforms wrap it).
fn line_items(answer: &Value) -> Vec<Value> {
    answer
        .as_array()
        .or_else(|| answer.get("lineItems").and_then(Value::as_array))
        .or_else(|| answer.get("content").and_then(Value::as_array))
        .cloned()
        .unwrap_or_default()
}

/// GETs `url` from a platform with a service token and reads its JSON answer (at most
/// [`MAX_PLATFORM_ANSWER`]); `what` names the request in messages.
fn service_get(url: &str, token: &str, accept: &str, what: &str) -> Result<Value, String> {
    let mut res = http()
        .get(url)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Accept", accept)
        .call()
        .map_err(|e| format!("the platform could not be reached ({e})"))?;
    let status = res.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(format!(
            "the platform answered {status} to the {what} request"
        ));
    }
    res.body_mut()
        .with_config()
        .limit(MAX_PLATFORM_ANSWER)
        .read_json()
        .map_err(|_| format!("the platform's {what} answer is not readable JSON (or too large)"))
}

/// The adoption line item for `program` under `lineitems`, made when the course has none.
fn adoption_line_item(
    token: &str,
    lineitems: &str,
    program: &str,
    title: &str,
) -> Result<String, String> {
    let resource = format!("throughline-adoption:{program}");
    let sep = if lineitems.contains('?') { '&' } else { '?' };
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("resource_id", &resource)
        .finish();
    let found = service_get(
        &format!("{lineitems}{sep}{query}"),
        token,
        "application/vnd.ims.lis.v2.lineitemcontainer+json",
        "line items",
    )?;
    if let Some(id) = line_items(&found)
        .iter()
        .find(|li| li.get("resourceId").and_then(Value::as_str) == Some(resource.as_str()))
        .and_then(|li| li.get("id").and_then(Value::as_str))
    {
        return Ok(id.to_string());
    }
    let mut res = http()
        .post(lineitems)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
        .send(
            json!({
                "scoreMaximum": 100, "label": format!("{title}: behaviours adopted (%)"),
                "resourceId": resource, "tag": "throughline-adoption",
            })
            .to_string(),
        )
        .map_err(|e| format!("the platform could not be reached ({e})"))?;
    let status = res.status().as_u16();
    let made: Value = res
        .body_mut()
        .with_config()
        .limit(MAX_PLATFORM_ANSWER)
        .read_json()
        .unwrap_or(Value::Null);
    made.get("id")
        .and_then(Value::as_str)
        .filter(|_| (200..300).contains(&status))
        .map(str::to_string)
        .ok_or_else(|| {
            format!("the platform answered {status} and no line item to the request to add one")
        })
}

/// Sends one grade; why not, in the platform's words, when it fails.
fn send(lti: &Lti, g: &GradeSend) -> Result<(), String> {
    let platform = lti
        .platform(&g.issuer, &g.client_id)
        .ok_or("the platform is no longer registered")?;
    let (lineitem, mut score, token) = if g.kind == ADOPTION {
        let key = g
            .score
            .get("launch")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let launch = lti
            .0
            .lrs
            .store()
            .lti_launch(key)
            .map_err(|e| e.message)?
            .ok_or("the launch this grade is for is gone")?;
        let (adopted, committed, name, title) = adoption_now(lti, &launch)?;
        if committed == 0 {
            return Ok(());
        }
        let token = token(lti, platform, &format!("{LINEITEM_SCOPE} {SCORE_SCOPE}"))?;
        let lineitem = adoption_line_item(&token, &g.lineitem, &name, &title)?;
        let percent = (100 * adopted).div_ceil(committed).min(100);
        let at = crate::lrs::store::format_timestamp(now_ns());
        let score = json!({
            "scoreGiven": percent, "scoreMaximum": 100,
            "activityProgress": if adopted >= committed { "Completed" } else { "InProgress" },
            "gradingProgress": "FullyGraded", "timestamp": at,
            "comment": format!("{adopted} of {committed} committed behaviours adopted."),
        });
        (lineitem, score, token)
    } else {
        (
            g.lineitem.clone(),
            g.score.clone(),
            token(lti, platform, SCORE_SCOPE)?,
        )
    };
    score["userId"] = json!(g.subject);
    let res = http()
        .post(&scores_url(&lineitem))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/vnd.ims.lis.v1.score+json")
        .send(score.to_string())
        .map_err(|e| format!("the platform could not be reached ({e})"))?;
    match res.status().as_u16() {
        200..=299 => Ok(()),
        401 => {
            // A token the platform no longer takes: the next try gets a fresh one.
            lti.0
                .tokens
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|(issuer, _, _), _| issuer != &g.issuer);
            Err("the platform refused the service token (401)".into())
        }
        status => Err(format!("the platform answered {status} to the score")),
    }
}

/// Sends grades as they come due, for as long as the runtime runs.
pub(crate) async fn run(lti: Lti) {
    loop {
        tokio::time::sleep(POLL).await;
        let lrs = lti.0.lrs.clone();
        let now = now_ns();
        let due = match blocking(move || lrs.store().lti_grades_due(now, now + LEASE_NS, 20)).await
        {
            Ok(due) => due,
            Err(e) => {
                eprintln!("LTI grades: the queue could not be read: {}", e.message);
                continue;
            }
        };
        for g in due {
            let (lti2, g2) = (lti.clone(), g.clone());
            let sent = tokio::task::spawn_blocking(move || send(&lti2, &g2))
                .await
                .unwrap_or_else(|_| Err("the sender stopped".into()));
            let lrs = lti.0.lrs.clone();
            let outcome = match sent {
                Ok(()) => blocking(move || lrs.store().lti_grade_sent(&g, now_ns())).await,
                Err(why) => {
                    let wait = backoff_seconds(g.attempts);
                    eprintln!(
                        "LTI grades: a score for {} at {} was not accepted, trying again in {wait} s: {why}",
                        g.subject, g.issuer
                    );
                    let next = now_ns() + wait * 1_000_000_000;
                    blocking(move || lrs.store().lti_grade_failed(&g, next, &why)).await
                }
            };
            if let Err(e) = outcome {
                eprintln!("LTI grades: the queue could not be updated: {}", e.message);
            }
        }
    }
}

/// The launch a request's Basic credentials belong to.
async fn launch_of(lti: &Lti, headers: &HeaderMap) -> Option<LaunchRecord> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(value.strip_prefix("Basic ")?.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (key, secret) = text.split_once(':')?;
    let (key, secret) = (key.to_string(), secret.to_string());
    let lrs = lti.0.lrs.clone();
    let record = blocking(move || lrs.store().lti_launch(&key))
        .await
        .ok()??;
    secret_matches(&record, &secret).then_some(record)
}

/// Whether these LTI roles may see the course roster (instructors, teaching assistants,
/// administrators; not learners).
pub(crate) fn may_see_roster(roles: &[String]) -> bool {
    roles.iter().any(|r| {
        let name = r.rsplit(['#', '/']).next().unwrap_or(r);
        matches!(
            name,
            "Instructor" | "TeachingAssistant" | "Administrator" | "ContentDeveloper" | "Mentor"
        )
    })
}

/// One person of a course roster (Names and Role Provisioning), emails left out.
pub(crate) struct RosterMember {
    /// The platform's user id (the `sub` of their launches).
    pub id: String,
    /// Their name, when the platform gives it.
    pub name: Option<String>,
    /// Their LTI roles.
    pub roles: Vec<String>,
    /// `Active`, `Inactive` or `Deleted`.
    pub status: String,
}

/// The course's members from the platform's roster service, for `launch`.
pub(crate) async fn fetch_roster(
    lti: &Lti,
    launch: LaunchRecord,
) -> Result<Vec<RosterMember>, String> {
    let url = launch
        .roster_url
        .clone()
        .ok_or("the platform offered no roster with this launch")?;
    let lti2 = lti.clone();
    let container = tokio::task::spawn_blocking(move || -> Result<Value, String> {
        let platform = lti2
            .platform(&launch.issuer, &launch.client_id)
            .ok_or("the platform is no longer registered")?;
        let token = token(&lti2, platform, ROSTER_SCOPE)?;
        service_get(
            &url,
            &token,
            "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
            "roster",
        )
    })
    .await
    .unwrap_or_else(|_| Err("the roster request stopped".into()))?;
    Ok(container
        .get("members")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .filter_map(|m| {
                    Some(RosterMember {
                        id: m.get("user_id")?.as_str()?.to_string(),
                        name: m.get("name").and_then(Value::as_str).map(str::to_string),
                        roles: m
                            .get("roles")
                            .and_then(Value::as_array)
                            .map(|r| {
                                r.iter()
                                    .filter_map(|x| x.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        status: m
                            .get("status")
                            .and_then(Value::as_str)
                            .unwrap_or("Active")
                            .to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default())
}

/// `POST /lti/roster/team?program=ID&team=ID`: the instructor of an LTI launch seeds the team
/// they lead with the course roster: each active member whose LTI role maps to a program role
/// joins it (the Instructor leading), as the agent their own launches will be.
pub(crate) async fn roster_team(
    State(lti): State<Lti>,
    headers: HeaderMap,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Response {
    let fail = |status: StatusCode, message: &str| {
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            json!({ "error": message }).to_string(),
        )
            .into_response()
    };
    let Some(launch) = launch_of(&lti, &headers).await else {
        return fail(StatusCode::UNAUTHORIZED, "Adding the course roster needs the key of an LTI launch: open the course from your LMS.");
    };
    if !may_see_roster(&launch.roles) {
        return fail(
            StatusCode::FORBIDDEN,
            "Only the course's instructors may add its roster to a team.",
        );
    }
    let params: std::collections::HashMap<String, String> =
        form_urlencoded::parse(q.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let (Some(program_id), Some(team_id)) =
        (params.get("program").cloned(), params.get("team").cloned())
    else {
        return fail(
            StatusCode::BAD_REQUEST,
            "Say which program and team: ?program=ID&team=ID.",
        );
    };
    let Some(dir) = lti.0.programs.clone() else {
        return fail(
            StatusCode::NOT_FOUND,
            "This service has no programs folder.",
        );
    };
    let leader: throughline::xapi::Agent = match serde_json::from_value(launch.agent.clone()) {
        Ok(a) => a,
        Err(_) => {
            return fail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The launch's person could not be read.",
            )
        }
    };
    let issuer = launch.issuer.clone();
    let me = launch.subject.clone();
    let members = match fetch_roster(&lti, launch).await {
        Ok(m) => m,
        Err(why) => {
            eprintln!("LTI roster: {why}");
            return fail(
                StatusCode::BAD_GATEWAY,
                &format!("The LMS did not give the roster: {why}"),
            );
        }
    };
    let lrs = lti.0.lrs.clone();
    let done = crate::lrs::blocking(move || {
        let Some(program) = super::deep_link::programs_parsed(&dir)
            .into_iter()
            .map(|(_, p)| p)
            .find(|p| p.id == program_id)
        else {
            return Ok(Err((
                StatusCode::NOT_FOUND,
                format!("This service has no program “{program_id}”."),
            )));
        };
        let people: Vec<throughline::team::Person> = members
            .into_iter()
            .filter(|m| m.status == "Active" && m.id != me)
            .filter_map(|m| {
                let role = m.roles.iter().find_map(|r| {
                    let short = r.rsplit(['#', '/']).next().unwrap_or(r);
                    program.role_for_lms(short).map(|x| x.id.clone())
                })?;
                let name = m.name.clone().unwrap_or_else(|| "A course member".into());
                let agent = throughline::xapi::Agent::account(&issuer, &m.id, Some(&name));
                Some(throughline::team::Person { agent, name, role })
            })
            .collect();
        crate::teams::seed(&lrs, &program, &team_id, &leader, people)
    })
    .await;
    match done {
        Ok(Ok(team)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&team).unwrap_or_default(),
        )
            .into_response(),
        Ok(Err((status, message))) => fail(status, &message),
        Err(e) => fail(e.status, &e.message),
    }
}

/// `GET /lti/roster`: the course's members (id, name, roles), for an instructor's launch,
/// from the platform's Names and Role Provisioning service. Emails are not passed on.
pub(crate) async fn roster(State(lti): State<Lti>, headers: HeaderMap) -> Response {
    let answer = |status: StatusCode, body: Value| {
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    };
    let Some(launch) = launch_of(&lti, &headers).await else {
        return answer(
            StatusCode::UNAUTHORIZED,
            json!({"error": "this needs the LRS key of an LTI launch"}),
        );
    };
    if !may_see_roster(&launch.roles) {
        return answer(
            StatusCode::FORBIDDEN,
            json!({"error": "only instructors may see the course roster"}),
        );
    }
    if launch.roster_url.is_none() {
        return answer(
            StatusCode::NOT_FOUND,
            json!({"error": "the platform offered no roster with this launch"}),
        );
    }
    let fetched = fetch_roster(&lti, launch).await;
    match fetched {
        Ok(members) => {
            let members: Vec<Value> = members
                .into_iter()
                .map(
                    |m| json!({ "id": m.id, "name": m.name, "roles": m.roles, "status": m.status }),
                )
                .collect();
            answer(StatusCode::OK, json!({ "members": members }))
        }
        Err(why) => {
            eprintln!("LTI roster: {why}");
            answer(StatusCode::BAD_GATEWAY, json!({ "error": why }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_go_under_the_line_item_path() {
        assert_eq!(
            scores_url("https://lms.example/li/7"),
            "https://lms.example/li/7/scores"
        );
        assert_eq!(
            scores_url("https://lms.example/li/7?type_id=1"),
            "https://lms.example/li/7/scores?type_id=1"
        );
    }

    #[test]
    fn backoff_doubles_to_an_hour() {
        assert_eq!(
            (0..12).map(backoff_seconds).collect::<Vec<_>>(),
            vec![5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]
        );
        assert_eq!(backoff_seconds(-3), 5);
    }

    #[test]
    fn only_teaching_roles_see_the_roster() {
        assert!(may_see_roster(&[
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor".into()
        ]));
        assert!(!may_see_roster(&[
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner".into()
        ]));
        assert!(!may_see_roster(&[]));
    }
}
