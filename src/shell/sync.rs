//! The learner's plan and program list in the LRS (State and Agent Profile
//! resources), so the plan follows the learner to another device and any
//! course page can show what is due across programs. Concurrency by ETag:
//! a 412 means someone else wrote first, so fetch, merge and try again.

use uuid::Uuid;

use super::lrs::{query, Call, Lrs};
use crate::plan::{self, Plan};
use crate::program::Program;
use crate::xapi::Agent;

use crate::enrolment::Programs;
pub use crate::enrolment::{Enrolment, PLAN_STATE, PROGRAMS_PROFILE};
const ATTEMPTS: usize = 4;

/// Why syncing did not finish, in words for the learner (never containing credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError(pub String, pub Retry);

/// Whether trying again later can help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Offline, a server error or a concurrent writer: try again when the LRS answers again.
    Later,
    /// The LRS refuses or lacks the resource: trying again will not help on this visit.
    Never,
}

fn unreachable(status: Option<u16>) -> SyncError {
    let retry = if matches!(status, Some(401 | 403 | 404 | 405 | 501)) {
        Retry::Never
    } else {
        Retry::Later
    };
    let message = match status {
        None => super::say("problem-sync-offline", &[]),
        Some(401 | 403) => super::say("problem-sync-refused", &[]),
        Some(404 | 405 | 501) => super::say("problem-sync-no-plans", &[]),
        Some(s) => super::say("problem-sync-status", &[("status", s.to_string().into())]),
    };
    SyncError(message, retry)
}

fn agent_json(agent: &Agent) -> String {
    serde_json::to_string(agent).unwrap_or_default()
}

/// Reads a document: `Ok(None)` when there is none yet.
async fn get(lrs: &Lrs, path: &str) -> Result<Option<(String, Option<String>)>, SyncError> {
    let answer = lrs.get(path).await;
    match answer.status {
        Some(200) => Ok(Some((answer.body, answer.etag))),
        Some(404) => Ok(None),
        other => Err(unreachable(other)),
    }
}

/// Writes a document guarded by the ETag we read (or create-only). `Ok(false)` means someone wrote first.
async fn put(lrs: &Lrs, path: &str, body: &str, etag: Option<&str>) -> Result<bool, SyncError> {
    let call = Call {
        method: "PUT",
        path,
        body: Some(body),
        if_match: etag,
        create_only: etag.is_none(),
        ..Call::default()
    };
    let answer = lrs.send(call).await;
    match answer.status {
        Some(200..=299) => Ok(true),
        Some(409 | 412) => Ok(false),
        other => Err(unreachable(other)),
    }
}

/// Merges this browser's plan with the LRS copy and writes the result back. Returns the merged plan.
pub async fn sync_plan(
    lrs: &Lrs,
    program: &Program,
    actor: &Agent,
    registration: Option<Uuid>,
    local: &Plan,
) -> Result<Plan, SyncError> {
    // The plan follows the learner across courses, so it is not tied to one course's registration.
    let _ = registration;
    let path = format!(
        "activities/state?{}",
        query(&[
            ("stateId", PLAN_STATE),
            ("activityId", &program.id),
            ("agent", &agent_json(actor))
        ])
    );
    for _ in 0..ATTEMPTS {
        let remote = get(lrs, &path).await?;
        let (remote_plan, etag) = match &remote {
            Some((body, etag)) => (Some(plan::restore(program, Some(body)).plan), etag.clone()),
            None => (None, None),
        };
        let merged = match &remote_plan {
            Some(r) => plan::merge(local, r),
            None => local.clone(),
        };
        if remote_plan.as_ref() == Some(&merged) {
            return Ok(merged);
        }
        if put(lrs, &path, &plan::store(&merged), etag.as_deref()).await? {
            return Ok(merged);
        }
    }
    Err(SyncError(
        super::say("problem-sync-other-window", &[]),
        Retry::Later,
    ))
}

/// Adds this program to the learner's list of programs, so other course pages can show what is due here.
pub async fn enrol(
    lrs: &Lrs,
    actor: &Agent,
    enrolment: Enrolment,
) -> Result<Vec<Enrolment>, SyncError> {
    let path = format!(
        "agents/profile?{}",
        query(&[
            ("profileId", PROGRAMS_PROFILE),
            ("agent", &agent_json(actor))
        ])
    );
    for _ in 0..ATTEMPTS {
        let remote = get(lrs, &path).await?;
        let (mut list, etag) = match remote {
            Some((body, etag)) => (Programs::read(body.as_bytes()), etag),
            None => (Programs::default(), None),
        };
        let changed = list.upsert(enrolment.clone());
        if !changed && etag.is_some() {
            return Ok(list.programs);
        }
        let body = serde_json::to_string(&list).unwrap_or_default();
        if put(lrs, &path, &body, etag.as_deref()).await? {
            return Ok(list.programs);
        }
    }
    Err(SyncError(
        super::say("problem-programs-other-window", &[]),
        Retry::Later,
    ))
}

/// Reads the learner's plan for another program (for the "due elsewhere" list).
pub async fn remote_plan(
    lrs: &Lrs,
    program: &Program,
    actor: &Agent,
) -> Result<Option<Plan>, SyncError> {
    let path = format!(
        "activities/state?{}",
        query(&[
            ("stateId", PLAN_STATE),
            ("activityId", &program.id),
            ("agent", &agent_json(actor))
        ])
    );
    Ok(get(lrs, &path)
        .await?
        .map(|(body, _)| plan::restore(program, Some(&body)).plan))
}
