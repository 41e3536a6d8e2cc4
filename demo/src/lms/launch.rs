//! TinCan-style and LTI-style launches.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use base64::Engine;
use serde_json::Value;

use super::pages::{self, course_options, course_page, find_course, Refused};
use super::people::{Course, Person, Visitor};
use super::{found, with_query, AppState, Origin};

/// Who an LRS launch is for: the course, the demo person, their xAPI actor (the agent their
/// learner key is bound to, with their name) and `Basic base64(key:secret)` of that key.
pub(crate) struct LearnerLaunch {
    pub(crate) course: &'static Course,
    pub(crate) person: Person,
    pub(crate) actor: Value,
    pub(crate) token: String,
}

/// Reads the course and person of a launch route and finds the person's LRS key, once.
pub(crate) fn learner_launch(
    state: &AppState,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<LearnerLaunch, Refused> {
    let course = find_course(slug)?;
    let person = pages::learner(query)?;
    let credential = state.lrs.credentials().iter().find(|c| c.name == person.id);
    let Some((mut actor, c)) = credential.and_then(|c| c.agent.clone().map(|a| (a, c))) else {
        return Err(no_key(&person));
    };
    actor["name"] = Value::from(person.name);
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.key, c.secret));
    Ok(LearnerLaunch {
        course,
        person,
        actor,
        token,
    })
}

pub(crate) fn no_key(person: &Person) -> Refused {
    Refused::internal(format!(
        "The LRS credentials file has no learner key named “{}”, so {} cannot be launched.",
        person.id, person.name
    ))
}

/// `GET /launch/tincan/{slug}?as=`: 302 to the player with TinCan launch
/// parameters (`endpoint`, `auth`, `actor`, a new `registration`, `activity_id`).
pub async fn tincan(
    State(state): State<AppState>,
    origin: Origin,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let LearnerLaunch {
        course,
        actor,
        token,
        ..
    } = learner_launch(&state, &slug, &query)?;
    let endpoint = format!("{}/xapi/", origin.0);
    let auth = format!("Basic {token}");
    let actor = actor.to_string();
    let registration = uuid::Uuid::new_v4().to_string();
    let activity_id = format!("{}/course/{}", origin.0, course.slug);
    let target = with_query(
        &format!("/play/{}", course.slug),
        &[
            ("endpoint", &endpoint),
            ("auth", &auth),
            ("actor", &actor),
            ("registration", &registration),
            ("activity_id", &activity_id),
        ],
    );
    Ok(found(&target))
}

/// `GET /launch/lti/{slug}?as=&lti_role=Instructor|Learner|Mentor`: the
/// course page with LTI-style context (`lti.roles`, `contextId`,
/// `contextTitle`) instead of a program role. Without `lti_role` the
/// person's usual LMS role is used.
pub async fn lti(
    State(state): State<AppState>,
    origin: Origin,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let course = find_course(&slug)?;
    let person = pages::learner(&query)?;
    let role = match query.get("lti_role").map(String::as_str) {
        None | Some("") => person.lti_role,
        Some(r @ ("Instructor" | "Learner" | "Mentor")) => r,
        Some(other) => {
            return Err(Refused::bad_request(format!(
                "lti_role “{other}” is not one this demo offers; use Instructor, Learner or Mentor."
            )))
        }
    };
    let visitor = Visitor::Learner(person);
    let options = course_options(&state, &origin, course, visitor, Some(role));
    Ok(course_page(course, visitor, &options))
}
