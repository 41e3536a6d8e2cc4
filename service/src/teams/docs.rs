//! The documents a team lives in, and the one way the routes change them: read the
//! document with its ETag, decide, and write only if the ETag is still the one read
//! (If-Match; If-None-Match for a document that did not exist), trying again when
//! another writer, in this process or another, got there first.

use std::time::Duration;

use rand::Rng;
use throughline::team::{code_iri, team_iri, CODE_PROFILE, MY_TEAMS_PROFILE, TEAM_PROFILE};

use super::Fail;
use crate::lrs::store::{Doc, DocKey, DocKind, DocWrite};
use crate::lrs::{ApiError, Lrs};

/// Tries at one change before answering that the document is too busy.
const ATTEMPTS: u32 = 12;

/// The team document of team `id` of `program` (an Activity Profile on the team's activity).
pub(super) fn team_key(program: &str, id: &str) -> DocKey {
    activity_profile(team_iri(program, id), TEAM_PROFILE)
}

/// The lookup document of join code `code` of `program`: `{"team": ID}`.
pub(super) fn code_key(program: &str, code: &str) -> DocKey {
    activity_profile(code_iri(program, code), CODE_PROFILE)
}

/// The learner's list of teams (their Agent Profile), by the agent's IFI key.
pub(super) fn my_teams_key(agent_ifi: &str) -> DocKey {
    DocKey {
        kind: DocKind::AgentProfile,
        activity_id: String::new(),
        agent_ifi: agent_ifi.to_string(),
        registration: String::new(),
        doc_id: MY_TEAMS_PROFILE.to_string(),
    }
}

fn activity_profile(activity_id: String, doc_id: &str) -> DocKey {
    DocKey {
        kind: DocKind::ActivityProfile,
        activity_id,
        agent_ifi: String::new(),
        registration: String::new(),
        doc_id: doc_id.to_string(),
    }
}

/// What a change decided, given the document as read.
pub(super) enum Change<T> {
    /// Store these JSON bytes, then answer `T`.
    Put(Vec<u8>, T),
    /// Nothing to write (already so): answer `T`.
    Keep(T),
}

/// The document's bytes as text (documents the service writes are JSON).
pub(super) fn text(doc: &Doc) -> String {
    String::from_utf8_lossy(&doc.body).into_owned()
}

/// Reads the document under `key`, lets `change` decide, and writes what it decided if
/// no one changed the document since it was read; else reads again and decides again.
/// Blocking: call it through [`crate::lrs::blocking`].
pub(super) fn update<T>(
    lrs: &Lrs,
    key: &DocKey,
    change: impl Fn(Option<&Doc>) -> Result<Change<T>, Fail>,
) -> Result<Result<T, Fail>, ApiError> {
    let store = lrs.store();
    for attempt in 0..ATTEMPTS {
        let current = store.document(key)?;
        let (body, answer) = match change(current.as_ref()) {
            Ok(Change::Put(body, answer)) => (body, answer),
            Ok(Change::Keep(answer)) => return Ok(Ok(answer)),
            Err(fail) => return Ok(Err(fail)),
        };
        let read = current.map(|d| d.etag);
        let mut lost = false;
        let written = store.modify_document(key, |now| {
            if now.map(|d| &d.etag) != read.as_ref() {
                lost = true;
                return Err(ApiError::precondition_failed(
                    "the document changed since it was read",
                ));
            }
            Ok(DocWrite::Put {
                content_type: "application/json".into(),
                body,
            })
        });
        match written {
            Ok(()) => return Ok(Ok(answer)),
            Err(_) if lost => {
                // Another writer won: wait a little (more each time, at random, so the
                // writers spread out) and decide again on what they wrote.
                let most = 4u64 << attempt.min(5);
                std::thread::sleep(Duration::from_millis(
                    rand::thread_rng().gen_range(1..=most),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Err(Fail::busy()))
}
