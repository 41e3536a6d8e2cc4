//! Teams over HTTP. With the Throughline service the widget asks its team endpoints, which
//! know who is asking from the learner's key and run `team::apply` themselves. On any
//! other LRS the widget keeps the team document in the LRS itself (Activity Profiles under
//! ETag concurrency) and runs `team::apply` here; that LRS's credentials are the trust.

use wasm_bindgen::JsValue;

use crate::program::Program;
use crate::shell::lrs::{query, Call, Lrs};
use crate::team::{
    self, MyTeams, Op, Person, Team, TeamError, CODE_PROFILE, MY_TEAMS_PROFILE, TEAM_PROFILE,
};
use crate::xapi::Agent;

const ATTEMPTS: usize = 4;

/// Where teams are kept.
#[derive(Clone)]
pub enum Backend {
    /// The Throughline service's `/teams` endpoints (`base` ends in `/`).
    Service {
        /// The LRS handle, for its credentials.
        lrs: Lrs,
        /// The service's address.
        base: String,
    },
    /// Documents in a plain LRS.
    Lrs(Lrs),
}

/// A failure, in words for the learner.
pub type TeamResult<T> = Result<T, String>;

fn offline() -> String {
    super::say("problem-team-offline", &[])
}

fn refused(status: Option<u16>, body: &str) -> String {
    let answer = serde_json::from_str::<serde_json::Value>(body).ok();
    // A team refusal the service names by its message id: in the learner's language.
    if let Some(code) = answer
        .as_ref()
        .and_then(|v| v.get("code")?.as_str())
        .filter(|c| c.starts_with("team-error-") && c.len() < 64)
    {
        return super::say(code, &[]);
    }
    if let Some(message) = answer
        .as_ref()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
    {
        return message;
    }
    match status {
        None => offline(),
        Some(401 | 403) => super::say("problem-team-refused", &[]),
        Some(s) => super::say("problem-team-status", &[("status", s.to_string().into())]),
    }
}

impl Backend {
    /// Picks the backend for this LRS: the service when it answers its team endpoint for
    /// `program`, else documents in the LRS. The service's answer is already the learner's
    /// list of teams, so it comes back too (one round trip fewer before the team card).
    pub async fn find(
        lrs: &Lrs,
        program: &Program,
        through_player: bool,
    ) -> (Backend, Option<Vec<Team>>) {
        if !through_player {
            if let Some(base) = team::service_base(&lrs.endpoint) {
                let url = format!("{base}teams?{}", query(&[("program", &program.id)]));
                let answer = lrs.get_url(&url).await;
                if answer.status == Some(200) {
                    #[derive(serde::Deserialize)]
                    struct List {
                        teams: Vec<Team>,
                    }
                    if let Ok(list) = serde_json::from_str::<List>(&answer.body) {
                        return (
                            Backend::Service {
                                lrs: lrs.clone(),
                                base,
                            },
                            Some(list.teams),
                        );
                    }
                }
            }
        }
        (Backend::Lrs(lrs.clone()), None)
    }

    /// Whether the service keeps these teams (and can show observed views).
    pub fn is_service(&self) -> bool {
        matches!(self, Backend::Service { .. })
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        program: &Program,
        body: Option<&str>,
    ) -> TeamResult<Option<String>> {
        let Backend::Service { lrs, base } = self else {
            return Err("no service".into());
        };
        let url = format!("{base}teams{path}?{}", query(&[("program", &program.id)]));
        let answer = lrs
            .send_to(
                &url,
                Call {
                    method,
                    body,
                    ..Call::default()
                },
            )
            .await;
        match answer.status {
            Some(200..=299) => Ok(Some(answer.body)),
            Some(404) if method == "GET" => Ok(None),
            other => Err(refused(other, &answer.body)),
        }
    }

    /// The learner's teams in `program`.
    pub async fn mine(&self, program: &Program, me: &Agent) -> TeamResult<Vec<Team>> {
        match self {
            Backend::Service { .. } => {
                let body = self
                    .call("GET", "", program, None)
                    .await?
                    .unwrap_or_default();
                #[derive(serde::Deserialize)]
                struct List {
                    teams: Vec<Team>,
                }
                serde_json::from_str::<List>(&body)
                    .map(|l| l.teams)
                    .map_err(|e| {
                        super::say(
                            "problem-team-list-unreadable",
                            &[("reason", e.to_string().into())],
                        )
                    })
            }
            Backend::Lrs(lrs) => {
                let (mine, _) = my_teams(lrs, me).await?;
                let mut out = Vec::new();
                for id in mine.of(&program.id) {
                    if let Some((text, _)) = doc(lrs, &team_path(&program.id, id)).await? {
                        if let Ok(t) = team::read(&text, &program.id) {
                            if t.member(&me.key()).is_some() {
                                out.push(t);
                            }
                        }
                    }
                }
                Ok(out)
            }
        }
    }

    /// Starts a team led by `me`.
    pub async fn create(
        &self,
        program: &Program,
        me: &Person,
        today: time::Date,
    ) -> TeamResult<Team> {
        match self {
            Backend::Service { .. } => {
                let body = serde_json::json!({ "name": me.name, "role": me.role }).to_string();
                let text = self
                    .call("POST", "", program, Some(&body))
                    .await?
                    .unwrap_or_default();
                parse(&text)
            }
            Backend::Lrs(lrs) => {
                for _ in 0..ATTEMPTS {
                    let id = random_hex()?;
                    let code = team::code_from(random_code()?);
                    let created = Team::create(program, me, &id, &code, today)
                        .map_err(|e| super::say_worded(&e))?;
                    let code_doc = serde_json::json!({ "team": id }).to_string();
                    if !put(lrs, &code_path(&program.id, &code), &code_doc, None).await? {
                        continue; // that code is taken: draw another
                    }
                    let text = serde_json::to_string(&created).unwrap_or_default();
                    if put(lrs, &team_path(&program.id, &id), &text, None).await? {
                        remember(lrs, &me.agent, &program.id, &id, true).await?;
                        return Ok(created);
                    }
                }
                Err("A new team could not be started just now. Try again.".into())
            }
        }
    }

    /// Joins the team with `code`.
    pub async fn join(
        &self,
        program: &Program,
        code: &str,
        me: &Person,
        today: time::Date,
    ) -> TeamResult<Team> {
        let code = team::parse_code(code).map_err(|e| super::say_worded(&e))?;
        match self {
            Backend::Service { .. } => {
                let body = serde_json::json!({ "code": code, "name": me.name, "role": me.role })
                    .to_string();
                let text = self
                    .call("POST", "/join", program, Some(&body))
                    .await?
                    .unwrap_or_default();
                parse(&text)
            }
            Backend::Lrs(lrs) => {
                let Some((text, _)) = doc(lrs, &code_path(&program.id, &code)).await? else {
                    return Err(super::say_worded(&TeamError::NoSuchTeam));
                };
                let id = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("team").and_then(|t| t.as_str()).map(str::to_owned))
                    .filter(|id| id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit()))
                    .ok_or_else(|| super::say_worded(&TeamError::NoSuchTeam))?;
                let joined = change(lrs, program, &id, me, &Op::Join, today).await?;
                remember(lrs, &me.agent, &program.id, &id, true).await?;
                Ok(joined)
            }
        }
    }

    /// Does `op` (leave, remove, share) to team `id` as `me`; `None` when `me` is no longer in it.
    pub async fn change(
        &self,
        program: &Program,
        id: &str,
        me: &Person,
        op: &Op,
        today: time::Date,
    ) -> TeamResult<Option<Team>> {
        match self {
            Backend::Service { .. } => {
                let (method, path, body) = match op {
                    Op::Join | Op::Seed(_) => {
                        return Err("join with a code; a roster comes from the LTI platform".into())
                    }
                    Op::Leave => ("POST", format!("/{id}/leave"), "{}".to_string()),
                    Op::Remove(key) => (
                        "POST",
                        format!("/{id}/remove"),
                        serde_json::json!({ "member": key }).to_string(),
                    ),
                    Op::Share { shared, private } => (
                        "PUT",
                        format!("/{id}/shared"),
                        serde_json::json!({ "shared": shared, "private": private }).to_string(),
                    ),
                };
                let text = self
                    .call(method, &path, program, Some(&body))
                    .await?
                    .unwrap_or_default();
                if matches!(op, Op::Leave) {
                    return Ok(None);
                }
                parse(&text).map(Some)
            }
            Backend::Lrs(lrs) => {
                let after = change(lrs, program, id, me, op, today).await?;
                if matches!(op, Op::Leave) {
                    remember(lrs, &me.agent, &program.id, id, false).await?;
                    return Ok(None);
                }
                Ok(Some(after))
            }
        }
    }
}

impl Backend {
    /// What the service shows this member about team `id`: how the team sees them and, for
    /// the leader, the team's adoption. Only the service can: it reads others' statements
    /// with its own credential and hands out aggregates.
    pub async fn insights(
        &self,
        program: &Program,
        id: &str,
    ) -> TeamResult<crate::observed::TeamInsights> {
        if !self.is_service() {
            return Err(super::say("problem-team-figures-need-service", &[]));
        }
        let text = self
            .call("GET", &format!("/{id}/insights"), program, None)
            .await?
            .ok_or_else(|| super::say_worded(&crate::team::TeamError::NotMember))?;
        serde_json::from_str(&text).map_err(|e| {
            super::say(
                "problem-team-figures-unreadable",
                &[("reason", e.to_string().into())],
            )
        })
    }
}

impl Backend {
    /// Adds the course roster to team `id` (an instructor's LTI launch, through the service).
    pub async fn seed_roster(&self, program: &Program, id: &str) -> TeamResult<Team> {
        let Backend::Service { lrs, base } = self else {
            return Err(super::say("problem-roster-needs-service", &[]));
        };
        let url = format!(
            "{base}lti/roster/team?{}",
            query(&[("program", &program.id), ("team", id)])
        );
        let answer = lrs
            .send_to(
                &url,
                Call {
                    method: "POST",
                    ..Call::default()
                },
            )
            .await;
        match answer.status {
            Some(200) => parse(&answer.body),
            other => Err(refused(other, &answer.body)),
        }
    }
}

fn parse(text: &str) -> TeamResult<Team> {
    serde_json::from_str(text).map_err(|e| {
        super::say(
            "problem-team-unreadable",
            &[("reason", e.to_string().into())],
        )
    })
}

fn team_path(program: &str, id: &str) -> String {
    format!(
        "activities/profile?{}",
        query(&[
            ("activityId", &team::team_iri(program, id)),
            ("profileId", TEAM_PROFILE)
        ])
    )
}

fn code_path(program: &str, code: &str) -> String {
    format!(
        "activities/profile?{}",
        query(&[
            ("activityId", &team::code_iri(program, code)),
            ("profileId", CODE_PROFILE)
        ])
    )
}

fn my_teams_path(me: &Agent) -> String {
    format!(
        "agents/profile?{}",
        query(&[
            ("profileId", MY_TEAMS_PROFILE),
            ("agent", &serde_json::to_string(me).unwrap_or_default())
        ])
    )
}

/// Reads a document: `None` when there is none.
async fn doc(lrs: &Lrs, path: &str) -> TeamResult<Option<(String, Option<String>)>> {
    let answer = lrs.get(path).await;
    match answer.status {
        Some(200) => Ok(Some((answer.body, answer.etag))),
        Some(404) => Ok(None),
        other => Err(refused(other, &answer.body)),
    }
}

/// Writes a document guarded by `etag` (create-only without one); `false` when another writer won.
async fn put(lrs: &Lrs, path: &str, body: &str, etag: Option<&str>) -> TeamResult<bool> {
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
        other => Err(refused(other, &answer.body)),
    }
}

/// Read, apply, write under the document's ETag; again when another writer won.
async fn change(
    lrs: &Lrs,
    program: &Program,
    id: &str,
    me: &Person,
    op: &Op,
    today: time::Date,
) -> TeamResult<Team> {
    let path = team_path(&program.id, id);
    for _ in 0..ATTEMPTS {
        let Some((text, etag)) = doc(lrs, &path).await? else {
            return Err(super::say_worded(&TeamError::NoSuchTeam));
        };
        let current = team::read(&text, &program.id).map_err(|e| super::say_worded(&e))?;
        let after = team::apply(program, current.clone(), me, op, today)
            .map_err(|e| super::say_worded(&e))?;
        if after == current {
            return Ok(after);
        }
        let body = serde_json::to_string(&after).unwrap_or_default();
        if put(lrs, &path, &body, etag.as_deref()).await? {
            return Ok(after);
        }
    }
    Err(super::say("problem-team-busy", &[]))
}

async fn my_teams(lrs: &Lrs, me: &Agent) -> TeamResult<(MyTeams, Option<String>)> {
    Ok(match doc(lrs, &my_teams_path(me)).await? {
        Some((text, etag)) => (MyTeams::read(&text), etag),
        None => (MyTeams::default(), None),
    })
}

/// Adds (or drops) a team in the learner's own list.
async fn remember(lrs: &Lrs, me: &Agent, program: &str, id: &str, add: bool) -> TeamResult<()> {
    let path = my_teams_path(me);
    for _ in 0..ATTEMPTS {
        let (mut list, etag) = my_teams(lrs, me).await?;
        let before = list.clone();
        if add {
            list.add(program, id);
        } else {
            list.remove(program, id);
        }
        if list == before && etag.is_some() {
            return Ok(());
        }
        if put(
            lrs,
            &path,
            &serde_json::to_string(&list).unwrap_or_default(),
            etag.as_deref(),
        )
        .await?
        {
            return Ok(());
        }
    }
    Err(super::say("problem-teams-other-window", &[]))
}

fn crypto() -> TeamResult<web_sys::Crypto> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| super::say("problem-team-code", &[]))
}

fn random_hex() -> TeamResult<String> {
    Ok(crypto()?.random_uuid().replace('-', ""))
}

fn random_code() -> TeamResult<[u8; team::CODE_LEN]> {
    let mut bytes = [0u8; team::CODE_LEN];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_: JsValue| super::say("problem-team-code", &[]))?;
    Ok(bytes)
}

/// The join code in this page's address (`?throughline-team=CODE`), when a join link opened it.
pub fn invited_code() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params
        .get(team::JOIN_PARAM)
        .and_then(|c| team::parse_code(&c).ok())
}
