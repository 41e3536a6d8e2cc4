//! Teams over HTTP: a leader creates a team in a program, people join it with its code,
//! each shares what they committed to, and the leader may remove someone.
//!
//! Who is asking always comes from their LRS key (a learner key bound to an agent, or an
//! LTI launch's key), never from the body: a body that names someone else changes
//! nothing, so no one can act as another member. The team document changes only through
//! [`throughline::team::apply`], read and written under its ETag ([`docs::update`]), so
//! two service processes on one database never lose a join.
//!
//! - `GET /teams?program=ID`: the caller's teams in the program.
//! - `POST /teams?program=ID` `{"name", "role"}`: a new team the caller leads (201).
//! - `POST /teams/join?program=ID` `{"code", "name", "role"}`: join by code.
//! - `GET /teams/{id}?program=ID`: one team, for its members (and the admin key).
//! - `POST /teams/{id}/leave?program=ID`: leave it.
//! - `POST /teams/{id}/remove?program=ID` `{"member": KEY}`: the leader removes someone.
//! - `PUT /teams/{id}/shared?program=ID` `{"shared": [...], "private": [...]}`: what the
//!   caller shares.
//!
//! Errors are `{"error": "<plain words>"}`.

mod docs;

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use throughline::observed::{Rating, TeamInsights};
use throughline::program::Program;
use throughline::team::{self, MyTeams, Op, Person, Shared, Team, TeamError};
use throughline::xapi::Agent;
use tower_http::cors::{Any, CorsLayer};

use crate::lrs::store::Doc;
use crate::lrs::{blocking, validate, ApiError, Lrs, Scope};
use docs::{code_key, my_teams_key, team_key, text, update, Change};

/// Largest request body the team routes read.
pub const MAX_BODY: usize = 64 * 1024;
/// Longest name a person may show, in characters.
const MAX_NAME: usize = 120;
/// Most teams of one program `GET /teams` reads for one person.
const MAX_LISTED: usize = 100;
/// Join codes drawn before giving up (a clash is about one in 10^11 per team).
const CODE_DRAWS: usize = 8;

/// What the routes share.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub lrs: Lrs,
    pub programs: PathBuf,
}

/// The routes, ready to merge into the service's router; course pages call them
/// from other origins with the learner's key.
pub(crate) fn router(ctx: Ctx) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]);
    Router::new()
        .route("/teams", get(list).post(create))
        .route("/teams/join", post(join))
        .route("/teams/{id}", get(one))
        .route("/teams/{id}/leave", post(leave))
        .route("/teams/{id}/remove", post(remove))
        .route("/teams/{id}/shared", put(share))
        .route("/teams/{id}/insights", get(insights))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(cors)
        .with_state(ctx)
}

/// An answer other than success: its status and the words for the person.
#[derive(Debug)]
pub(crate) struct Fail {
    status: StatusCode,
    message: String,
    /// The refusal's message id in the widget's files (`team-error-…`), so the widget words it
    /// in the learner's language; `message` is the English for any other client.
    code: Option<&'static str>,
}

impl Fail {
    fn new(status: StatusCode, message: impl Into<String>) -> Fail {
        Fail {
            status,
            message: message.into(),
            code: None,
        }
    }

    fn busy() -> Fail {
        Fail::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Many people are changing this team at this moment. Please try again.",
        )
    }

    /// The answer for a team the caller may not see: the same whether it exists or not.
    fn unseen() -> Fail {
        Fail::from(TeamError::NotMember)
    }
}

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Fail {
        Fail::new(e.status, e.message)
    }
}

impl From<TeamError> for Fail {
    fn from(e: TeamError) -> Fail {
        let status = match &e {
            TeamError::BadCode | TeamError::UnknownRole => StatusCode::BAD_REQUEST,
            TeamError::NoSuchTeam | TeamError::OtherProgram | TeamError::NotMember => {
                StatusCode::NOT_FOUND
            }
            TeamError::Full | TeamError::Removed | TeamError::LeaderStays => StatusCode::CONFLICT,
            TeamError::NotLeader | TeamError::CannotLead => StatusCode::FORBIDDEN,
            TeamError::Unreadable(why) => {
                eprintln!("teams: a team document could not be read: {why}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        Fail {
            code: (!matches!(e, TeamError::Unreadable(_))).then(|| e.code()),
            ..Fail::new(status, e.to_string())
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        match self.code {
            Some(code) => answer(self.status, &json!({ "error": self.message, "code": code })),
            None => answer(self.status, &json!({ "error": self.message })),
        }
    }
}

fn answer(status: StatusCode, body: &impl serde::Serialize) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => (status, [(header::CONTENT_TYPE, "application/json")], text).into_response(),
        Err(e) => {
            Fail::from(ApiError::internal(format!("could not write JSON: {e}"))).into_response()
        }
    }
}

/// Runs store work off the async threads.
async fn run<T: Send + 'static>(
    f: impl FnOnce() -> Result<Result<T, Fail>, ApiError> + Send + 'static,
) -> Result<T, Fail> {
    blocking(f).await.map_err(Fail::from)?
}

/// Who is asking, from their key.
struct Caller {
    admin: bool,
    /// The key's agent and its IFI key, when the key is bound to one.
    agent: Option<(Agent, String)>,
}

impl Caller {
    /// The agent acting: a team member must be one.
    fn acting(&self) -> Result<(&Agent, &str), Fail> {
        self.agent
            .as_ref()
            .map(|(a, ifi)| (a, ifi.as_str()))
            .ok_or_else(|| {
                Fail::new(
                    StatusCode::FORBIDDEN,
                    "Teams need a learner's key (one bound to a person): open the course page to get one.",
                )
            })
    }

    /// The caller's member key in teams, when they are an agent.
    fn key(&self) -> Option<String> {
        self.agent.as_ref().map(|(a, _)| a.key())
    }
}

async fn caller(ctx: &Ctx, headers: &HeaderMap) -> Result<Caller, Fail> {
    let principal = ctx.lrs.principal(headers).await?;
    let agent = principal.agent_ifi.as_ref().and_then(|ifi| {
        serde_json::from_value::<Agent>(principal.authority.clone())
            .ok()
            .filter(|a| !a.key().is_empty())
            .map(|a| (a, ifi.clone()))
    });
    Ok(Caller {
        admin: principal.scope == Scope::Admin,
        agent,
    })
}

/// The program `?program=` names: one of the service's programs, by its id.
async fn program(ctx: &Ctx, query: Option<&str>) -> Result<Arc<Program>, Fail> {
    let id = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "program")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            Fail::new(
                StatusCode::BAD_REQUEST,
                "Say which program: add ?program= with the program's id.",
            )
        })?;
    if id.len() > 2000 {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "The program id is too long.",
        ));
    }
    let dir = ctx.programs.clone();
    let wanted = id.clone();
    let found = blocking(move || {
        Ok(crate::lti::programs_parsed(&dir)
            .into_iter()
            .map(|(_, p)| p)
            .find(|p| p.id == wanted))
    })
    .await?;
    found.map(Arc::new).ok_or_else(|| {
        Fail::new(
            StatusCode::NOT_FOUND,
            format!("This service has no program “{id}”. Check the program id on the course page."),
        )
    })
}

/// The JSON body, or a plain refusal.
fn body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>, shape: &str) -> Result<T, Fail> {
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Fail::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("The request is too large (at most {} KB).", MAX_BODY / 1024),
            )
        } else {
            Fail::new(r.status(), format!("The request could not be read: {r}"))
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Fail::new(
            StatusCode::BAD_REQUEST,
            format!("The body must be JSON like {shape}: {e}"),
        )
    })
}

/// A name as people see it: trimmed, 1 to 120 characters, no control characters.
fn name(raw: &str) -> Result<String, Fail> {
    let name = raw.trim();
    let n = name.chars().count();
    if n == 0 || n > MAX_NAME || name.chars().any(char::is_control) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            format!("Give the name others should see, 1 to {MAX_NAME} characters."),
        ));
    }
    Ok(name.to_string())
}

fn role(raw: &str) -> Result<String, Fail> {
    let role = raw.trim();
    if role.is_empty() || role.len() > 200 {
        return Err(TeamError::UnknownRole.into());
    }
    Ok(role.to_string())
}

/// A team id as the service makes them: 32 lowercase hex digits.
fn plain_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn to_json(team: &Team) -> Result<Vec<u8>, Fail> {
    serde_json::to_vec(team)
        .map_err(|e| ApiError::internal(format!("could not write a team: {e}")).into())
}

/// The stored team as the caller may see it: the team, or "not in this team" alike for a
/// team that does not exist and for one they are not in.
fn visible(doc: Option<&Doc>, program: &Program, key: Option<&str>) -> Result<Team, Fail> {
    let doc = doc.ok_or_else(Fail::unseen)?;
    let team = team::read(&text(doc), &program.id)?;
    match key {
        Some(k) if team.member(k).is_some() => Ok(team),
        _ => Err(Fail::unseen()),
    }
}

/// Adds (`true`) or drops (`false`) a team in a person's list of teams.
fn list_change(
    lrs: &Lrs,
    agent_ifi: &str,
    program: &str,
    id: &str,
    add: bool,
) -> Result<Result<(), Fail>, ApiError> {
    update(lrs, &my_teams_key(agent_ifi), |doc| {
        let mut mine = doc.map(|d| MyTeams::read(&text(d))).unwrap_or_default();
        let has = mine.of(program).any(|t| t == id);
        if has == add {
            return Ok(Change::Keep(()));
        }
        if add {
            mine.add(program, id);
        } else {
            mine.remove(program, id);
        }
        let bytes = serde_json::to_vec(&mine).map_err(|e| {
            Fail::from(ApiError::internal(format!(
                "could not write a team list: {e}"
            )))
        })?;
        Ok(Change::Put(bytes, ()))
    })
}

/// Applies `op` by the caller to team `id`, which they must be in (else the same 404 as
/// for no such team); answers the team before and after.
fn change_team(
    lrs: &Lrs,
    program: &Program,
    id: &str,
    who: &Person,
    op: &Op,
) -> Result<Result<(Team, Team), Fail>, ApiError> {
    let key = who.agent.key();
    update(lrs, &team_key(&program.id, id), |doc| {
        let before = visible(doc, program, Some(&key))?;
        let after =
            team::apply(program, before.clone(), who, op, today()).map_err(|e| match (e, op) {
                // The caller is in the team, so it is the person to remove who is not.
                (TeamError::NotMember, Op::Remove(_)) => Fail::new(
                    StatusCode::NOT_FOUND,
                    "No one in this team has that member key.",
                ),
                (e, _) => Fail::from(e),
            })?;
        if after == before {
            return Ok(Change::Keep((before, after)));
        }
        Ok(Change::Put(to_json(&after)?, (before, after)))
    })
}

#[derive(Deserialize)]
struct NewTeam {
    name: String,
    role: String,
}

#[derive(Deserialize)]
struct Joining {
    code: String,
    name: String,
    role: String,
}

#[derive(Deserialize)]
struct Removing {
    member: String,
}

#[derive(Deserialize)]
struct Sharing {
    #[serde(default)]
    shared: Vec<Shared>,
    #[serde(default)]
    private: Vec<String>,
}

/// `GET /teams?program=ID`: `{"teams": [...]}`, the caller's teams in the program
/// (those that are gone, or that removed them, left out).
async fn list(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, ifi) = who.acting()?;
    let (key, ifi) = (agent.key(), ifi.to_string());
    let lrs = ctx.lrs.clone();
    let teams = run(move || {
        let store = lrs.store();
        let mine = store
            .document(&my_teams_key(&ifi))?
            .map(|d| MyTeams::read(&text(&d)))
            .unwrap_or_default();
        let mut teams = Vec::new();
        for id in mine
            .of(&program.id)
            .filter(|id| plain_id(id))
            .take(MAX_LISTED)
        {
            let doc = store.document(&team_key(&program.id, id))?;
            if let Ok(team) = visible(doc.as_ref(), &program, Some(&key)) {
                teams.push(team);
            }
        }
        Ok(Ok(teams))
    })
    .await?;
    Ok(answer(StatusCode::OK, &json!({ "teams": teams })))
}

/// `POST /teams?program=ID` `{"name", "role"}`: a new team the caller leads (201).
async fn create(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, ifi) = who.acting()?;
    let asked: NewTeam = body(raw, r#"{"name": "Ana Ramos", "role": "leader"}"#)?;
    let leader = Person {
        agent: agent.clone(),
        name: name(&asked.name)?,
        role: role(&asked.role)?,
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    // Checked before anything is written: a role that does not lead makes no code.
    Team::create(&program, &leader, &id, "", today())?;
    let (lrs, ifi) = (ctx.lrs.clone(), ifi.to_string());
    let team = run(move || {
        // Claim an unused code first (If-None-Match on its lookup document).
        let mut code = None;
        for _ in 0..CODE_DRAWS {
            let drawn = team::code_from(rand::random());
            let pointer = serde_json::to_vec(&json!({ "team": id }))
                .map_err(|e| ApiError::internal(format!("could not write a code: {e}")))?;
            let claimed = update(&lrs, &code_key(&program.id, &drawn), |doc| {
                Ok(match doc {
                    Some(_) => Change::Keep(false),
                    None => Change::Put(pointer.clone(), true),
                })
            })?;
            match claimed {
                Ok(true) => {
                    code = Some(drawn);
                    break;
                }
                Ok(false) => {}
                Err(fail) => return Ok(Err(fail)),
            }
        }
        let Some(code) = code else {
            return Ok(Err(Fail::from(ApiError::internal(
                "no unused team code was found; try again",
            ))));
        };
        let team = match Team::create(&program, &leader, &id, &code, today()) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e.into())),
        };
        let bytes = match to_json(&team) {
            Ok(b) => b,
            Err(fail) => return Ok(Err(fail)),
        };
        let written = update(&lrs, &team_key(&program.id, &id), |doc| match doc {
            Some(_) => Err(Fail::from(ApiError::internal("a new team's id was taken"))),
            None => Ok(Change::Put(bytes.clone(), ())),
        })?;
        if let Err(fail) = written {
            return Ok(Err(fail));
        }
        if let Err(fail) = list_change(&lrs, &ifi, &program.id, &id, true)? {
            return Ok(Err(fail));
        }
        Ok(Ok(team))
    })
    .await?;
    Ok(answer(StatusCode::CREATED, &team))
}

/// `POST /teams/join?program=ID` `{"code", "name", "role"}`: joins the team with that
/// code (again is fine) and answers it.
async fn join(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, ifi) = who.acting()?;
    let asked: Joining = body(
        raw,
        r#"{"code": "K7QF-M2XP", "name": "Ben", "role": "team-member"}"#,
    )?;
    let code = team::parse_code(&asked.code)?;
    let person = Person {
        agent: agent.clone(),
        name: name(&asked.name)?,
        role: role(&asked.role)?,
    };
    let (lrs, ifi) = (ctx.lrs.clone(), ifi.to_string());
    let team = run(move || {
        let pointer = lrs.store().document(&code_key(&program.id, &code))?;
        let id = pointer
            .and_then(|d| serde_json::from_slice::<Value>(&d.body).ok())
            .and_then(|v| v["team"].as_str().map(str::to_string))
            .filter(|id| plain_id(id));
        let Some(id) = id else {
            return Ok(Err(TeamError::NoSuchTeam.into()));
        };
        let joined = update(&lrs, &team_key(&program.id, &id), |doc| {
            let Some(doc) = doc else {
                return Err(TeamError::NoSuchTeam.into());
            };
            let before = team::read(&text(doc), &program.id)?;
            if before.code != code {
                return Err(TeamError::NoSuchTeam.into());
            }
            let after = team::apply(&program, before.clone(), &person, &Op::Join, today())?;
            if after == before {
                return Ok(Change::Keep(after));
            }
            Ok(Change::Put(to_json(&after)?, after))
        })?;
        let team = match joined {
            Ok(t) => t,
            Err(fail) => return Ok(Err(fail)),
        };
        if let Err(fail) = list_change(&lrs, &ifi, &program.id, &id, true)? {
            return Ok(Err(fail));
        }
        Ok(Ok(team))
    })
    .await?;
    Ok(answer(StatusCode::OK, &team))
}

/// `GET /teams/{id}?program=ID`: the team, for its members and the admin key; anyone
/// else gets the same 404 as for a team that does not exist.
async fn one(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    if !who.admin {
        who.acting()?;
    }
    if !plain_id(&id) {
        return Err(Fail::unseen());
    }
    let lrs = ctx.lrs.clone();
    let team = run(move || {
        let doc = lrs.store().document(&team_key(&program.id, &id))?;
        Ok(match (&doc, who.admin) {
            (Some(d), true) => team::read(&text(d), &program.id).map_err(Fail::from),
            _ => visible(doc.as_ref(), &program, who.key().as_deref()),
        })
    })
    .await?;
    Ok(answer(StatusCode::OK, &team))
}

/// The acting person for a change to an existing team (their name and role as the team
/// knows them; only `Join` uses the name and role given).
fn member_person(agent: &Agent) -> Person {
    Person {
        agent: agent.clone(),
        name: String::new(),
        role: String::new(),
    }
}

/// `POST /teams/{id}/leave?program=ID`: `{}`; the leader stays (409).
async fn leave(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, ifi) = who.acting()?;
    if !plain_id(&id) {
        return Err(Fail::unseen());
    }
    let (person, ifi, lrs) = (member_person(agent), ifi.to_string(), ctx.lrs.clone());
    run(move || {
        if let Err(fail) = change_team(&lrs, &program, &id, &person, &Op::Leave)? {
            return Ok(Err(fail));
        }
        list_change(&lrs, &ifi, &program.id, &id, false)
    })
    .await?;
    Ok(answer(StatusCode::OK, &json!({})))
}

/// `POST /teams/{id}/remove?program=ID` `{"member": KEY}`: the leader removes a member,
/// whose code then no longer lets them back in; answers the team.
async fn remove(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, _) = who.acting()?;
    if !plain_id(&id) {
        return Err(Fail::unseen());
    }
    let asked: Removing = body(raw, r#"{"member": "<member key>"}"#)?;
    let (person, lrs) = (member_person(agent), ctx.lrs.clone());
    let team = run(move || {
        let op = Op::Remove(asked.member.clone());
        let (before, after) = match change_team(&lrs, &program, &id, &person, &op)? {
            Ok(t) => t,
            Err(fail) => return Ok(Err(fail)),
        };
        // The removed person's list of teams no longer shows it.
        let gone = before
            .member(&asked.member)
            .and_then(|m| serde_json::to_value(&m.agent).ok())
            .and_then(|a| validate::ifi_key(&a));
        if let Some(gone_ifi) = gone {
            if let Err(fail) = list_change(&lrs, &gone_ifi, &program.id, &id, false)? {
                return Ok(Err(fail));
            }
        }
        Ok(Ok(after))
    })
    .await?;
    Ok(answer(StatusCode::OK, &team))
}

/// `PUT /teams/{id}/shared?program=ID` `{"shared": [...], "private": [...]}`: replaces
/// what the caller shares with the team (nothing listed private is kept); answers the team.
async fn share(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    let (agent, _) = who.acting()?;
    if !plain_id(&id) {
        return Err(Fail::unseen());
    }
    let asked: Sharing = body(
        raw,
        r#"{"shared": [{"behaviour": "...", "text": "...", "when_where": "..."}], "private": ["..."]}"#,
    )?;
    let (person, lrs) = (member_person(agent), ctx.lrs.clone());
    let op = Op::Share {
        shared: asked.shared,
        private: asked.private,
    };
    let team =
        run(move || Ok(change_team(&lrs, &program, &id, &person, &op)?.map(|(_, after)| after)))
            .await?;
    Ok(answer(StatusCode::OK, &team))
}

/// The leader `leader` adds `people` (a course roster) to team `id` of `program`, and the
/// team to each new member's list; answers the team, or why not as (status, words).
pub(crate) fn seed(
    lrs: &Lrs,
    program: &Program,
    id: &str,
    leader: &Agent,
    people: Vec<Person>,
) -> Result<Result<Team, (StatusCode, String)>, ApiError> {
    if !plain_id(id) {
        let f = Fail::unseen();
        return Ok(Err((f.status, f.message)));
    }
    let (before, after) =
        match change_team(lrs, program, id, &member_person(leader), &Op::Seed(people))? {
            Ok(t) => t,
            Err(f) => return Ok(Err((f.status, f.message))),
        };
    for m in after
        .members
        .iter()
        .filter(|m| before.member(&m.key).is_none())
    {
        let Some(ifi) = validate::ifi_key(&serde_json::to_value(&m.agent).unwrap_or_default())
        else {
            continue;
        };
        if let Err(f) = list_change(lrs, &ifi, &program.id, id, true)? {
            return Ok(Err((f.status, f.message)));
        }
    }
    Ok(Ok(after))
}

/// Observer statements read for one team's figures at most (a team of 60 rating five
/// behaviours at five steps for years stays far below).
const MAX_RATINGS: usize = 50_000;

/// The ratings about the team's people in its `observed` statements, read with the
/// service's own access: raters must be in the team (or removed from it) and hold a role
/// the program asks; what a statement says of itself decides nothing else.
fn team_ratings(
    store: &crate::lrs::store::Store,
    program: &Program,
    team: &Team,
) -> Result<Vec<Rating>, ApiError> {
    let Some(group) = validate::ifi_key(&serde_json::to_value(team.group()).unwrap_or_default())
    else {
        return Ok(Vec::new());
    };
    let verb = throughline::xapi::VERBS
        .iter()
        .find(|v| v.key == "observed")
        .map(|v| v.iri.to_string());
    let behaviours = format!("{}/behaviours/", program.id.trim_end_matches('/'));
    let ns = throughline::xapi::NS;
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let filter = crate::lrs::store::StatementFilter {
            agent: Some(group.clone()),
            related_agents: true,
            verb: verb.clone(),
            ascending: true,
            limit: 1000,
            cursor,
            ..Default::default()
        };
        let (page, more) = store.query(&filter)?;
        for s in page {
            let Ok(v) = serde_json::from_str::<Value>(&s.body) else {
                continue;
            };
            let agent = |v: &Value| {
                serde_json::from_value::<Agent>(v.clone())
                    .ok()
                    .map(|a| a.key())
            };
            let ext = &v["context"]["extensions"];
            let (Some(rater), Some(about)) = (
                agent(&v["actor"]),
                agent(&ext[format!("{ns}/extensions/observed")]),
            ) else {
                continue;
            };
            let Some(behaviour) = v["object"]["id"]
                .as_str()
                .and_then(|id| id.strip_prefix(&behaviours))
            else {
                continue;
            };
            let (Some(round), Some(level)) = (
                ext[format!("{ns}/extensions/step")].as_u64(),
                v["result"]["score"]["raw"].as_f64(),
            ) else {
                continue;
            };
            let Some(rater_role) = team.member(&rater).map(|m| m.role.clone()).or_else(|| {
                team.removed.contains(&rater).then(|| {
                    ext[format!("{ns}/extensions/role")]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                })
            }) else {
                continue;
            };
            let asked = program.observations.iter().any(|o| {
                o.behaviour == behaviour
                    && o.by.contains(&rater_role)
                    && o.days.iter().any(|d| u64::from(*d) == round)
            });
            if !asked
                || level < 0.0
                || level.fract() != 0.0
                || program.scale_label(level as u8).is_none()
            {
                continue;
            }
            out.push(Rating {
                rater,
                about,
                behaviour: behaviour.to_string(),
                round: round as u32,
                level: level as u8,
                order: s.stored_ns,
            });
        }
        match more {
            Some(next) if out.len() < MAX_RATINGS => cursor = Some(next),
            _ => break,
        }
    }
    Ok(out)
}

/// `GET /teams/{id}/insights?program=ID`: what a member may see about their team. How the
/// team sees the caller, per behaviour observed in their role (only over `min_raters`
/// people, in whole blocks: `throughline::observed`), and for the leader the members'
/// adoption of each paired behaviour (only where at least three committed). Never one
/// person's answer, never anyone else's figures.
async fn insights(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let who = caller(&ctx, &headers).await?;
    let program = program(&ctx, q.as_deref()).await?;
    who.acting()?;
    if !plain_id(&id) {
        return Err(Fail::unseen());
    }
    let key = who.key().unwrap_or_default();
    let lrs = ctx.lrs.clone();
    let figures = run(move || {
        let store = lrs.store();
        let doc = store.document(&team_key(&program.id, &id))?;
        let team = match visible(doc.as_ref(), &program, Some(&key)) {
            Ok(t) => t,
            Err(f) => return Ok(Err(f)),
        };
        let Some(mine) = team.member(&key).cloned() else {
            return Ok(Err(Fail::unseen()));
        };
        let ratings = team_ratings(store, &program, &team)?;
        let mut seen = Vec::new();
        for o in program.observations.iter().filter(|o| o.about == mine.role) {
            let about_this: Vec<Rating> = ratings
                .iter()
                .filter(|r| r.behaviour == o.behaviour)
                .cloned()
                .collect();
            seen.extend(throughline::observed::seen(&about_this, &key, o.min_raters));
        }
        let mut adoption = Vec::new();
        if mine.leads {
            let paired: Vec<&str> = program
                .pairs
                .iter()
                .flat_map(|p| p.behaviours.iter().map(String::as_str))
                .collect();
            let mut states = Vec::new();
            for m in team.members.iter().filter(|m| !m.leads) {
                let Some(ifi) =
                    validate::ifi_key(&serde_json::to_value(&m.agent).unwrap_or_default())
                else {
                    continue;
                };
                let plan_key = crate::lrs::store::DocKey {
                    kind: crate::lrs::store::DocKind::State,
                    activity_id: program.id.clone(),
                    agent_ifi: ifi,
                    registration: String::new(),
                    doc_id: throughline::enrolment::PLAN_STATE.to_string(),
                };
                let Some(doc) = store.document(&plan_key)? else {
                    continue;
                };
                let plan = throughline::plan::restore(&program, Some(&text(&doc))).plan;
                for p in throughline::adoption::progress(&program, &plan) {
                    if paired.contains(&p.behaviour.as_str()) {
                        states.push((p.behaviour, p.state));
                    }
                }
            }
            adoption = throughline::observed::team_adoption(
                &states,
                throughline::program::Observation::DEFAULT_MIN_RATERS,
            );
        }
        Ok(Ok(TeamInsights { seen, adoption }))
    })
    .await?;
    Ok(answer(StatusCode::OK, &figures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_errors_answer_with_fitting_statuses_and_their_words() {
        let cases = [
            (TeamError::BadCode, 400),
            (TeamError::UnknownRole, 400),
            (TeamError::NoSuchTeam, 404),
            (TeamError::NotMember, 404),
            (TeamError::Full, 409),
            (TeamError::Removed, 409),
            (TeamError::LeaderStays, 409),
            (TeamError::NotLeader, 403),
            (TeamError::CannotLead, 403),
        ];
        for (e, status) in cases {
            let words = e.to_string();
            let fail = Fail::from(e);
            assert_eq!(fail.status.as_u16(), status, "{words}");
            assert_eq!(fail.message, words);
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded_and_ids_are_plain() {
        assert_eq!(name("  Ana Ramos ").ok().as_deref(), Some("Ana Ramos"));
        for bad in ["", "   ", "a\u{7}b"] {
            assert!(name(bad).is_err(), "{bad:?}");
        }
        assert!(name(&"é".repeat(120)).is_ok());
        assert!(name(&"é".repeat(121)).is_err());
        assert!(plain_id(&"a1".repeat(16)));
        for bad in ["", "../x", &"A1".repeat(16), &"a1".repeat(17)] {
            assert!(!plain_id(bad), "{bad}");
        }
    }
}
