//! Teams: a leader and the people they develop, in one program, so each side sees what
//! the other committed to and accountability is shared.
//!
//! A team is one document (an xAPI Activity Profile on the team's own activity, under
//! ETag concurrency), read and changed only through [`apply`], whoever runs it: the
//! Throughline service (which knows who is asking from their key) or, on a plain LRS,
//! the widget. A member's entry holds what they chose to share from their plan, never
//! their reflections or ratings.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::plan::Plan;
use crate::program::Program;
use crate::xapi::{Agent, AgentAccount, Group};

/// Activity Profile id of a team document (on the team's activity, [`Team::iri`]).
pub const TEAM_PROFILE: &str = "https://throughline.app/xapi/profiles/team";
/// Activity Profile id of a join code's document (on [`code_iri`]): `{"team": ID}`.
pub const CODE_PROFILE: &str = "https://throughline.app/xapi/profiles/team-code";
/// Agent Profile id of the learner's list of teams, so teams follow them across courses.
pub const MY_TEAMS_PROFILE: &str = "https://throughline.app/xapi/profiles/teams";
/// Most people in one team, the leader included.
pub const MAX_MEMBERS: usize = 60;
/// The letters join codes are made of: no 0/O or 1/I/L, which people misread.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a join code (31^8, about 8.5 × 10^11 codes).
pub const CODE_LEN: usize = 8;

/// One team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Unguessable id (32 hex digits): knowing it is what lets a member read the team.
    pub id: String,
    /// The join code people share ([`CODE_LEN`] characters of the code alphabet).
    pub code: String,
    /// The program's id.
    pub program: String,
    /// Shown to people ("Ana's team").
    pub name: String,
    /// When the leader created it.
    pub created: Date,
    /// Everyone in it, the leader first.
    pub members: Vec<Member>,
    /// Keys of people the leader removed: their code no longer lets them back in.
    #[serde(default)]
    pub removed: Vec<String>,
}

/// One person in a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// [`Agent::key`] of the person: who they are, whatever name they show.
    pub key: String,
    /// The person as xAPI names them (statements' `context.team` and `context.instructor`).
    pub agent: Agent,
    /// The name others see.
    pub name: String,
    /// Their role in the program.
    pub role: String,
    /// Whether they lead the team.
    #[serde(default)]
    pub leads: bool,
    /// When they joined.
    pub joined: Date,
    /// What they share with the team from their plan.
    #[serde(default)]
    pub shared: Vec<Shared>,
    /// Behaviours whose commitment they keep to themselves (sharing is on unless listed).
    #[serde(default)]
    pub private: Vec<String>,
}

/// A commitment as the team sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    /// The behaviour it puts into practice.
    pub behaviour: String,
    /// What the person will do.
    pub text: String,
    /// When or where.
    pub when_where: String,
}

/// Who is acting: the person's agent, the name they show and their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// As xAPI names them.
    pub agent: Agent,
    /// The name others see.
    pub name: String,
    /// Their role in the program.
    pub role: String,
}

/// A change to a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Join with the team's code.
    Join,
    /// Leave the team.
    Leave,
    /// The leader removes the member with this key.
    Remove(String),
    /// The leader adds people the course roster names (an LTI platform's Names and Role
    /// Provisioning): each becomes a member unless already in, removed, or the team is full.
    Seed(Vec<Person>),
    /// Replace what this person shares: the commitments of their plan but those listed private.
    Share {
        /// The commitments shared.
        shared: Vec<Shared>,
        /// Behaviours kept private.
        private: Vec<String>,
    },
}

/// Why a team could not be used or changed, in words for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamError {
    /// The code is not of the code's shape.
    BadCode,
    /// No team has this code (mistyped, or the team is gone).
    NoSuchTeam,
    /// The team is of another program.
    OtherProgram,
    /// The team has [`MAX_MEMBERS`] people.
    Full,
    /// The leader removed this person.
    Removed,
    /// Only the leader may do this.
    NotLeader,
    /// This person is not in the team.
    NotMember,
    /// The leader cannot leave their own team.
    LeaderStays,
    /// This role does not lead teams in this program.
    CannotLead,
    /// The role is not one of the program's.
    UnknownRole,
    /// The stored document is not a team (damaged or written by something else).
    Unreadable(String),
}

impl TeamError {
    /// The message id of this refusal in the widget's files: what the service sends as `code`,
    /// so a widget words it in the learner's language.
    pub fn code(&self) -> &'static str {
        match self {
            TeamError::BadCode => "team-error-bad-code",
            TeamError::NoSuchTeam => "team-error-no-such-team",
            TeamError::OtherProgram => "team-error-other-program",
            TeamError::Full => "team-error-full",
            TeamError::Removed => "team-error-removed",
            TeamError::NotLeader => "team-error-not-leader",
            TeamError::NotMember => "team-error-not-member",
            TeamError::LeaderStays => "team-error-leader-stays",
            TeamError::CannotLead => "team-error-cannot-lead",
            TeamError::UnknownRole => "team-error-unknown-role",
            TeamError::Unreadable(_) => "team-error-unreadable",
        }
    }
}

impl crate::i18n::Worded for TeamError {
    fn words(&self) -> crate::i18n::Words {
        let mut w = crate::i18n::Words::plain(self.code());
        if let TeamError::Unreadable(why) = self {
            w.args.push(("reason", why.as_str().into()));
        }
        w
    }
}

impl std::fmt::Display for TeamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::english().say(self))
    }
}

impl Team {
    /// A new team led by `leader`, with `id` and `code` from the caller's random source.
    pub fn create(
        program: &Program,
        leader: &Person,
        id: &str,
        code: &str,
        today: Date,
    ) -> Result<Team, TeamError> {
        let role = program.role(&leader.role).ok_or(TeamError::UnknownRole)?;
        if !role.leads {
            return Err(TeamError::CannotLead);
        }
        Ok(Team {
            id: id.to_string(),
            code: code.to_string(),
            program: program.id.clone(),
            name: format!("{}'s team", leader.name),
            created: today,
            members: vec![member(leader, true, today)],
            removed: Vec::new(),
        })
    }

    /// The team's activity id: where its document lives and what statements name.
    pub fn iri(&self) -> String {
        team_iri(&self.program, &self.id)
    }

    /// The leader.
    pub fn leader(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.leads)
    }

    /// The member with `key`.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.key == key)
    }

    /// The team as an xAPI Group (statements' `context.team`): an identified group, so the
    /// LRS can tell teams apart, named for people.
    pub fn group(&self) -> Group {
        Group {
            object_type: "Group".into(),
            name: Some(self.name.clone()),
            account: AgentAccount {
                home_page: self.program.clone(),
                name: format!("team:{}", self.id),
            },
        }
    }
}

fn member(p: &Person, leads: bool, today: Date) -> Member {
    Member {
        key: p.agent.key(),
        agent: p.agent.clone(),
        name: p.name.clone(),
        role: p.role.clone(),
        leads,
        joined: today,
        shared: Vec::new(),
        private: Vec::new(),
    }
}

/// The activity id of team `id` of `program`.
pub fn team_iri(program: &str, id: &str) -> String {
    format!("{}/teams/{id}", program.trim_end_matches('/'))
}

/// The activity id under which join code `code` of `program` is looked up.
pub fn code_iri(program: &str, code: &str) -> String {
    format!("{}/team-codes/{code}", program.trim_end_matches('/'))
}

/// A join code from 8 random bytes.
pub fn code_from(random: [u8; CODE_LEN]) -> String {
    random
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// Reads a code as people type it: any case, with spaces or dashes anywhere.
pub fn parse_code(input: &str) -> Result<String, TeamError> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let ok = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
    if ok {
        Ok(code)
    } else {
        Err(TeamError::BadCode)
    }
}

/// The code as shown: two groups of four (`K7QF-M2XP`).
pub fn show_code(code: &str) -> String {
    if code.len() == CODE_LEN && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// The page address with the join code in it (`throughline-team=CODE`), replacing any
/// earlier one; `None` when `page` is not an http(s) URL.
pub fn join_link(page: &str, code: &str) -> Option<String> {
    if !(page.starts_with("https://") || page.starts_with("http://")) {
        return None;
    }
    let (page, fragment) = page
        .split_once('#')
        .map_or((page, None), |(p, f)| (p, Some(f)));
    let (base, query) = page.split_once('?').unwrap_or((page, ""));
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != JOIN_PARAM)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.push((JOIN_PARAM.into(), code.to_string()));
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    let mut out = format!("{base}?{query}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// The Throughline service holding the LRS endpoint `…/xapi/` (ending in `/`), where its
/// team endpoints are; `None` for an endpoint of another shape.
pub fn service_base(endpoint: &str) -> Option<String> {
    let base = endpoint.strip_suffix("xapi/")?;
    let plain = (base.starts_with("https://") || base.starts_with("http://"))
        && base.ends_with('/')
        && !base.chars().any(|c| c.is_whitespace() || c.is_control());
    plain.then(|| base.to_string())
}

/// The page parameter a join link carries.
pub const JOIN_PARAM: &str = "throughline-team";

/// Reads a stored team document, bounded: a document that is not a team of `program`
/// is an error, not a panic.
pub fn read(text: &str, program: &str) -> Result<Team, TeamError> {
    if text.len() > 512 * 1024 {
        return Err(TeamError::Unreadable("it is too large".into()));
    }
    let team: Team = serde_json::from_str(text)
        .map_err(|e| TeamError::Unreadable(format!("not a team: {e}")))?;
    if team.program != program {
        return Err(TeamError::OtherProgram);
    }
    if team.members.len() > MAX_MEMBERS || team.leader().is_none() {
        return Err(TeamError::Unreadable(
            "it has no leader or too many members".into(),
        ));
    }
    Ok(team)
}

/// What the team's document becomes when `who` does `op`: the only way a team changes.
pub fn apply(
    program: &Program,
    mut team: Team,
    who: &Person,
    op: &Op,
    today: Date,
) -> Result<Team, TeamError> {
    let key = who.agent.key();
    match op {
        Op::Join => {
            if team.program != program.id {
                return Err(TeamError::OtherProgram);
            }
            if program.role(&who.role).is_none() {
                return Err(TeamError::UnknownRole);
            }
            if team.removed.contains(&key) {
                return Err(TeamError::Removed);
            }
            let full = team.members.len() >= MAX_MEMBERS;
            match team.members.iter_mut().find(|m| m.key == key) {
                // Joining twice (two tabs, a second click) changes nothing but the name shown.
                Some(m) => {
                    m.name = who.name.clone();
                    if !m.leads {
                        m.role = who.role.clone();
                    }
                }
                None if full => return Err(TeamError::Full),
                None => team.members.push(member(who, false, today)),
            }
        }
        Op::Leave => {
            let m = team.member(&key).ok_or(TeamError::NotMember)?;
            if m.leads {
                return Err(TeamError::LeaderStays);
            }
            team.members.retain(|m| m.key != key);
        }
        Op::Remove(gone) => {
            if !team.member(&key).is_some_and(|m| m.leads) {
                return Err(TeamError::NotLeader);
            }
            if *gone == key {
                return Err(TeamError::LeaderStays);
            }
            if team.member(gone).is_none() {
                return Err(TeamError::NotMember);
            }
            team.members.retain(|m| m.key != *gone);
            if !team.removed.contains(gone) {
                team.removed.push(gone.clone());
            }
        }
        Op::Seed(people) => {
            if !team.member(&key).is_some_and(|m| m.leads) {
                return Err(TeamError::NotLeader);
            }
            for p in people {
                let k = p.agent.key();
                let known = team.member(&k).is_some() || team.removed.contains(&k);
                if known || k.is_empty() || program.role(&p.role).is_none() {
                    continue;
                }
                if team.members.len() >= MAX_MEMBERS {
                    break;
                }
                team.members.push(member(p, false, today));
            }
        }
        Op::Share { shared, private } => {
            let m = team
                .members
                .iter_mut()
                .find(|m| m.key == key)
                .ok_or(TeamError::NotMember)?;
            // Only what the program knows, bounded, and nothing the person marked private.
            m.shared = shared
                .iter()
                .filter(|s| {
                    program.behaviour(&s.behaviour).is_some() && !private.contains(&s.behaviour)
                })
                .take(32)
                .map(|s| Shared {
                    behaviour: s.behaviour.clone(),
                    text: clip(&s.text),
                    when_where: clip(&s.when_where),
                })
                .collect();
            m.private = private.iter().take(32).cloned().collect();
        }
    }
    Ok(team)
}

fn clip(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// What a member shares from `plan`: each commitment, but those whose behaviour is in `private`.
pub fn sharing(plan: &Plan, private: &[String]) -> Vec<Shared> {
    plan.commitments
        .iter()
        .filter(|c| !private.contains(&c.behaviour))
        .map(|c| Shared {
            behaviour: c.behaviour.clone(),
            text: c.text.clone(),
            when_where: c.when_where.clone(),
        })
        .collect()
}

/// One commitment of the other side of a pair, as a member sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSide {
    /// Who committed.
    pub name: String,
    /// Whether they lead the team.
    pub leads: bool,
    /// Their role's label.
    pub role: String,
    /// The pair's title ("The feedback conversation").
    pub pair: String,
    /// The behaviour's title.
    pub behaviour: String,
    /// What they committed to.
    pub text: String,
    /// When or where.
    pub when_where: String,
}

/// What the others in `team` share that is the other side of a pair `me` practises: the
/// leader's "give feedback" for a member who asks for it, and the other way round.
pub fn other_side(program: &Program, team: &Team, me: &str) -> Vec<OtherSide> {
    let Some(mine) = team.member(me) else {
        return Vec::new();
    };
    let practised = |role: &str, behaviour: &str| {
        program
            .behaviour(behaviour)
            .is_some_and(|b| b.roles.iter().any(|r| r == role))
    };
    let mut out = Vec::new();
    for other in team.members.iter().filter(|m| m.key != me) {
        for s in &other.shared {
            let pair = program.pairs_of(&s.behaviour).find(|p| {
                p.behaviours
                    .iter()
                    .any(|b| *b != s.behaviour && practised(&mine.role, b))
            });
            if let Some(pair) = pair {
                out.push(OtherSide {
                    name: other.name.clone(),
                    leads: other.leads,
                    role: program
                        .role(&other.role)
                        .map_or_else(|| other.role.clone(), |r| r.label.clone()),
                    pair: pair.title.clone(),
                    behaviour: program
                        .behaviour(&s.behaviour)
                        .map_or_else(|| s.behaviour.clone(), |b| b.title.clone()),
                    text: s.text.clone(),
                    when_where: s.when_where.clone(),
                });
            }
        }
    }
    // The leader first, then by name: the order people expect in a team.
    out.sort_by(|a, b| b.leads.cmp(&a.leads).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The learner's list of teams (the [`MY_TEAMS_PROFILE`] Agent Profile).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTeams {
    /// Teams, by program.
    #[serde(default)]
    pub teams: Vec<MyTeam>,
}

/// One entry of [`MyTeams`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTeam {
    /// The program's id.
    pub program: String,
    /// The team's id.
    pub id: String,
}

impl MyTeams {
    /// Reads the profile leniently: an unreadable one is an empty list.
    pub fn read(text: &str) -> MyTeams {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The ids of teams of `program`.
    pub fn of<'a>(&'a self, program: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.teams
            .iter()
            .filter(move |t| t.program == program)
            .map(|t| t.id.as_str())
    }

    /// Adds a team (once).
    pub fn add(&mut self, program: &str, id: &str) {
        if !self
            .teams
            .iter()
            .any(|t| t.program == program && t.id == id)
        {
            self.teams.push(MyTeam {
                program: program.into(),
                id: id.into(),
            });
        }
    }

    /// Drops a team.
    pub fn remove(&mut self, program: &str, id: &str) {
        self.teams.retain(|t| !(t.program == program && t.id == id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Commitment;
    use crate::program::tests::coaching;
    use time::macros::date;

    const TODAY: Date = date!(2027 - 01 - 04);

    fn person(name: &str, role: &str) -> Person {
        Person {
            agent: Agent::account("https://lms.example", &name.to_lowercase(), Some(name)),
            name: name.into(),
            role: role.into(),
        }
    }

    fn team() -> (Program, Team) {
        let p = coaching();
        let t =
            Team::create(&p, &person("Ana", "leader"), "a1b2", "K7QFM2XP", TODAY).expect("create");
        (p, t)
    }

    #[test]
    fn a_leader_creates_and_people_join_once_each() {
        let (p, t) = team();
        assert_eq!(t.name, "Ana's team");
        assert_eq!(
            t.iri(),
            "https://throughline.example/programs/coaching-for-performance/teams/a1b2"
        );
        let ben = person("Ben", "team-member");
        let t = apply(&p, t, &ben, &Op::Join, TODAY).expect("join");
        let t = apply(&p, t, &ben, &Op::Join, TODAY).expect("again");
        assert_eq!(t.members.len(), 2);
        assert_eq!(t.leader().map(|m| m.name.as_str()), Some("Ana"));
        assert_eq!(
            Team::create(&p, &ben, "x", "y", TODAY),
            Err(TeamError::CannotLead)
        );
        assert_eq!(
            apply(&p, t, &person("Zed", "nobody"), &Op::Join, TODAY),
            Err(TeamError::UnknownRole)
        );
    }

    #[test]
    fn the_leader_removes_members_who_cannot_come_back_and_only_members_leave() {
        let (p, t) = team();
        let (ana, ben, chloe) = (
            person("Ana", "leader"),
            person("Ben", "team-member"),
            person("Chloe", "stakeholder"),
        );
        let t = apply(&p, t, &ben, &Op::Join, TODAY).expect("join");
        let t = apply(&p, t, &chloe, &Op::Join, TODAY).expect("join");
        assert_eq!(
            apply(&p, t.clone(), &ben, &Op::Remove(chloe.agent.key()), TODAY),
            Err(TeamError::NotLeader)
        );
        assert_eq!(
            apply(&p, t.clone(), &ana, &Op::Leave, TODAY),
            Err(TeamError::LeaderStays)
        );
        let t = apply(&p, t, &ana, &Op::Remove(ben.agent.key()), TODAY).expect("remove");
        assert_eq!(
            apply(&p, t.clone(), &ben, &Op::Join, TODAY),
            Err(TeamError::Removed)
        );
        let t = apply(&p, t, &chloe, &Op::Leave, TODAY).expect("leave");
        assert_eq!(t.members.len(), 1);
        assert_eq!(
            apply(&p, t, &chloe, &Op::Leave, TODAY),
            Err(TeamError::NotMember)
        );
    }

    #[test]
    fn a_full_team_says_so() {
        let (p, mut t) = team();
        for i in 1..MAX_MEMBERS {
            t = apply(
                &p,
                t,
                &person(&format!("P{i}"), "team-member"),
                &Op::Join,
                TODAY,
            )
            .expect("join");
        }
        assert_eq!(
            apply(&p, t, &person("Late", "team-member"), &Op::Join, TODAY),
            Err(TeamError::Full)
        );
    }

    #[test]
    fn each_side_sees_the_other_sides_shared_commitments_and_nothing_private() {
        let (p, t) = team();
        let (ana, ben) = (person("Ana", "leader"), person("Ben", "team-member"));
        let t = apply(&p, t, &ben, &Op::Join, TODAY).expect("join");
        let plan = Plan {
            commitments: vec![
                Commitment {
                    behaviour: "give-specific-feedback".into(),
                    text: "Feedback every Friday".into(),
                    when_where: "Fridays".into(),
                },
                Commitment {
                    behaviour: "set-expectations".into(),
                    text: "One expectation per 1:1".into(),
                    when_where: "1:1s".into(),
                },
                Commitment {
                    behaviour: "hold-coaching-conversations".into(),
                    text: "Coach after rides".into(),
                    when_where: "Car park".into(),
                },
            ],
            ..Plan::default()
        };
        let private = vec!["set-expectations".to_string()];
        let share = Op::Share {
            shared: sharing(&plan, &private),
            private: private.clone(),
        };
        let t = apply(&p, t, &ana, &share, TODAY).expect("share");
        let seen = other_side(&p, &t, &ben.agent.key());
        // Give feedback pairs with Ben's "receive feedback"; expectations are private; coaching has no pair.
        assert_eq!(seen.len(), 1, "{seen:#?}");
        assert_eq!(
            (seen[0].name.as_str(), seen[0].leads, seen[0].pair.as_str()),
            ("Ana", true, "The feedback conversation")
        );
        assert_eq!(seen[0].text, "Feedback every Friday");
        assert!(
            other_side(&p, &t, &ana.agent.key()).is_empty(),
            "Ben shares nothing yet"
        );
        assert!(other_side(&p, &t, "someone else").is_empty());
    }

    #[test]
    fn codes_read_as_people_type_them_and_links_carry_them() {
        let code = code_from([0, 1, 30, 31, 200, 255, 7, 8]);
        assert_eq!(code.len(), CODE_LEN);
        assert_eq!(
            parse_code(&format!(" {} ", show_code(&code).to_lowercase())),
            Ok(code.clone())
        );
        for bad in ["", "K7QF", "K7QF-M2XP-X", "K7QF-M2X0", "<script>"] {
            assert_eq!(parse_code(bad), Err(TeamError::BadCode), "{bad}");
        }
        assert_eq!(
            join_link(
                "https://lms.example/course/7?x=1&throughline-team=OLD#top",
                "K7QFM2XP"
            )
            .as_deref(),
            Some("https://lms.example/course/7?x=1&throughline-team=K7QFM2XP#top")
        );
        assert_eq!(join_link("javascript:alert(1)", "K7QFM2XP"), None);
        assert_eq!(
            service_base("https://t.example/xapi/").as_deref(),
            Some("https://t.example/")
        );
        assert_eq!(service_base("https://t.example/cmi5/"), None);
    }

    #[test]
    fn stored_teams_are_read_or_refused_in_words() {
        let (p, t) = team();
        let text = serde_json::to_string(&t).expect("json");
        assert_eq!(read(&text, &p.id), Ok(t.clone()));
        assert_eq!(
            read(&text, "https://other.example/p"),
            Err(TeamError::OtherProgram)
        );
        assert!(matches!(read("{}", &p.id), Err(TeamError::Unreadable(_))));
        let mut leaderless = t;
        leaderless.members[0].leads = false;
        let text = serde_json::to_string(&leaderless).expect("json");
        assert!(read(&text, &p.id)
            .unwrap_err()
            .to_string()
            .contains("no leader"));
    }

    #[test]
    fn my_teams_follow_the_learner() {
        let mut mine = MyTeams::read("not json");
        mine.add("p", "t1");
        mine.add("p", "t1");
        mine.add("q", "t2");
        assert_eq!(mine.of("p").collect::<Vec<_>>(), ["t1"]);
        mine.remove("p", "t1");
        assert_eq!(mine.of("p").count(), 0);
    }

    #[test]
    fn statements_of_a_team_member_name_the_team_and_its_leader() {
        let (p, t) = team();
        let ben = person("Ben", "team-member");
        let (group, leader) = (t.group(), t.leader().expect("leader").agent.clone());
        let before = Plan::default();
        let mut after = before.clone();
        let now = crate::plan::Now {
            today: TODAY,
            at: TODAY.midnight().assume_utc(),
        };
        let action = crate::plan::Action::ChooseRole {
            role: "team-member".into(),
        };
        crate::plan::apply(&p, &mut after, action.clone(), now).expect("role");
        let setting = crate::xapi::Setting {
            learner: &ben.agent,
            registration: None,
            course: None,
            now: now.at,
            team: Some((&group, &leader)),
        };
        let mut n = 0u8;
        let statements =
            crate::xapi::statements_for(&p, &before, &after, &action, &setting, &mut || {
                n += 1;
                uuid::Builder::from_random_bytes([n; 16]).into_uuid()
            });
        assert!(!statements.is_empty());
        for s in &statements {
            assert_eq!(crate::xapi::validate(s), Ok(()));
            let json = serde_json::to_value(s).expect("json");
            assert_eq!(json["context"]["team"]["objectType"], "Group");
            assert_eq!(json["context"]["team"]["account"]["name"], "team:a1b2");
            assert_eq!(json["context"]["instructor"]["account"]["name"], "ana");
        }
    }

    #[test]
    fn an_observer_check_sends_one_valid_statement_per_person_rated() {
        let (p, t) = team();
        let ben = person("Ben", "team-member");
        let ana = &t.leader().expect("leader").agent;
        let group = t.group();
        let at = TODAY.midnight().assume_utc();
        let setting = crate::xapi::Setting {
            learner: &ben.agent,
            registration: None,
            course: None,
            now: at,
            team: Some((&group, ana)),
        };
        let rated = [
            crate::xapi::Observed {
                behaviour: "give-specific-feedback",
                about: ana,
                level: 3,
            },
            crate::xapi::Observed {
                behaviour: "give-specific-feedback",
                about: ana,
                level: 99,
            },
            crate::xapi::Observed {
                behaviour: "no-such-behaviour",
                about: ana,
                level: 1,
            },
        ];
        let mut n = 0u8;
        let out =
            crate::xapi::observations_for(&p, &setting, "team-member", 21, &rated, &mut || {
                n += 1;
                uuid::Builder::from_random_bytes([n; 16]).into_uuid()
            });
        assert_eq!(
            out.len(),
            1,
            "levels off the scale and unknown behaviours are not sent"
        );
        assert_eq!(crate::xapi::validate(&out[0]), Ok(()));
        let json = serde_json::to_value(&out[0]).expect("json");
        assert_eq!(
            json["verb"]["id"],
            "https://throughline.app/xapi/verbs/observed"
        );
        assert_eq!(json["result"]["response"], "Often");
        assert_eq!(
            json["context"]["extensions"]["https://throughline.app/xapi/extensions/observed"]
                ["account"]["name"],
            "ana"
        );
        assert_eq!(
            json["context"]["extensions"]["https://throughline.app/xapi/extensions/step"],
            21
        );
    }

    #[test]
    fn joining_and_leaving_are_statements_about_the_team() {
        let (p, t) = team();
        let ben = person("Ben", "team-member");
        let (group, leader) = (t.group(), t.leader().expect("leader").agent.clone());
        let at = TODAY.midnight().assume_utc();
        let setting = crate::xapi::Setting {
            learner: &ben.agent,
            registration: None,
            course: None,
            now: at,
            team: Some((&group, &leader)),
        };
        let mut n = 0u8;
        let mut ids = || {
            n += 1;
            uuid::Builder::from_random_bytes([n; 16]).into_uuid()
        };
        let joined = crate::xapi::team_membership(
            &p,
            &setting,
            "team-member",
            &t.iri(),
            true,
            false,
            &mut ids,
        );
        let left =
            crate::xapi::team_membership(&p, &setting, "leader", &t.iri(), false, true, &mut ids);
        for s in joined.iter().chain(&left) {
            assert_eq!(crate::xapi::validate(s), Ok(()));
        }
        let (j, l) = (
            serde_json::to_value(&joined[0]).expect("json"),
            serde_json::to_value(&left[0]).expect("json"),
        );
        assert_eq!(j["verb"]["id"], "http://activitystrea.ms/schema/1.0/join");
        assert_eq!(j["object"]["id"], t.iri());
        assert_eq!(j["context"]["team"]["account"]["name"], "team:a1b2");
        assert!(j["context"]["extensions"]
            .get("https://throughline.app/xapi/extensions/leads")
            .is_none());
        assert_eq!(l["verb"]["id"], "http://activitystrea.ms/schema/1.0/leave");
        assert_eq!(
            l["context"]["extensions"]["https://throughline.app/xapi/extensions/leads"],
            true
        );
    }

    #[test]
    fn a_roster_seeds_the_team_but_not_the_removed_nor_beyond_full() {
        let (p, t) = team();
        let (ana, ben) = (person("Ana", "leader"), person("Ben", "team-member"));
        let t = apply(&p, t, &ben, &Op::Join, TODAY).expect("join");
        let t = apply(&p, t, &ana, &Op::Remove(ben.agent.key()), TODAY).expect("remove");
        let roster = vec![
            ben.clone(),
            person("Cy", "team-member"),
            person("Di", "stakeholder"),
            person("Ex", "no-such-role"),
            person("Ana", "leader"),
        ];
        assert_eq!(
            apply(
                &p,
                t.clone(),
                &person("Cy", "team-member"),
                &Op::Seed(roster.clone()),
                TODAY
            ),
            Err(TeamError::NotLeader)
        );
        let t = apply(&p, t, &ana, &Op::Seed(roster), TODAY).expect("seed");
        let names: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ana", "Cy", "Di"],
            "Ben was removed; unknown roles are left out"
        );
    }
}
