//! The adoption dashboard's figures: where learning breaks down, by role.
//!
//! Statements arrive page by page from any conformant LRS, in any order, some
//! twice, some later voided. [`Insights::add`] keeps what each learner did
//! (cheaply, so pages can stream in); [`Insights::report`] rebuilds each
//! learner's path and counts the five panels for a [`Filter`].
//!
//! Definitions, shared with the simulated cohort's truth ([`crate::cohort`]):
//! - Dates are the learner's local dates: the statement timestamp's date, in the offset it was written with.
//! - Commitment date: the date of the learner's earliest `committed` statement. Step N is due on commitment date + N days.
//! - On time: answered no later than [`ON_TIME_GRACE_DAYS`] after the due date. Late: answered after that.
//! - Skipped: skipped and never answered. Missed: neither answered nor skipped, and due before `as_of`.
//!   Open: neither, and due on or after `as_of`. Snoozed: put off at least once, whatever came after.
//! - Adopted on a date: the behaviour's latest `mastered`/`lapsed` statement dated on or before it is `mastered`.
//! - Adopted at N days: any committed behaviour adopted on commitment date + N days, counted only for learners
//!   whose day N is on or before `as_of`; the weekly trend does the same per behaviour at 7, 14, ... days.
//! - Statements dated after `as_of` are ignored: the report is what was known on that day.
//! - In a team: the person's latest `joined`/`left` of that team (`<program>/teams/<id>`) is `joined`;
//!   its leader is who joined with `…/extensions/leads` (and stays leader when joining again).
//! - An observer rating (`observed`) counts for its behaviour when the rater's role is among the
//!   observation's `by` and the person rated is a counted learner of its `about` role; see [`SeenRow`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use litemap::LiteMap;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use serde::Deserialize;

use crate::glossary;
use crate::plan::{Moment, Pause, Rhythm, WeekdayChoice};
use crate::program::{Observation, Program, Weekday};
use crate::schedule;
use crate::xapi::{activity_iri, VERBS};

/// Days after the due date an answer still counts as on time (a prompt seen over a weekend is not late).
pub const ON_TIME_GRACE_DAYS: u32 = 2;
/// Days after commitment at which sustained adoption is measured.
pub const SUSTAINED_DAYS: [u32; 3] = [30, 60, 90];
/// A role with fewer than this share (percent) of learners is flagged as under-developed.
pub const FEW_PERCENT: usize = 10;

const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";
/// Dates in result extensions (`2027-01-05`).
const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");
// The extension names `raw::Extensions` reads (serde needs them as literals there); tests pin
// them to the catalogue's.
#[cfg(test)]
const STEP: &str = "https://throughline.app/xapi/extensions/step";
#[cfg(test)]
const ROLE: &str = "https://throughline.app/xapi/extensions/role";

#[derive(Clone, Copy)]
enum Part {
    Behaviour,
    Role,
}

/// Weeks shown in the adoption trend: up to the last step, plus one for late answers.
pub fn trend_weeks(program: &Program) -> u32 {
    program.schedule.last().map_or(0, |s| s.day.div_ceil(7)) + 1
}

/// A pseudonymous learner id: stable for one identity under one `secret`, so admins can
/// follow a learner across reports without seeing who it is. Keyed (HMAC-SHA-256): without
/// the secret, nobody holding an exported table can compute a known person's pseudonym.
pub fn pseudonym(secret: &[u8], identity: &str) -> String {
    Keyer::new(secret).learner(identity)
}

/// A pseudonymous team id, keyed as learners' are ([`pseudonym`]), from the team's identity as
/// its xAPI Group names it (`account.homePage` = the program id, `account.name` = `team:<id>`).
pub fn team_pseudonym(secret: &[u8], program: &str, team: &str) -> String {
    Keyer::new(secret).team(program, team)
}

/// Pseudonyms under one secret ([`pseudonym`], [`team_pseudonym`]). The HMAC's key blocks are
/// hashed once here, not once per learner: a report of 100,000 learners keys each of them.
#[derive(Clone)]
pub struct Keyer {
    secret: Vec<u8>,
    mac: Option<hmac::Hmac<sha2::Sha256>>,
}

impl std::fmt::Debug for Keyer {
    // The secret is an LRS credential: never in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyer")
    }
}

impl Keyer {
    /// Absorbs `secret` once.
    pub fn new(secret: &[u8]) -> Keyer {
        use hmac::Mac;
        Keyer {
            secret: secret.to_vec(),
            // HMAC takes a key of any length, so this cannot fail; an empty id is the fallback all the same.
            mac: hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).ok(),
        }
    }

    /// Whether this keys with `secret`.
    pub fn is(&self, secret: &[u8]) -> bool {
        self.secret == secret
    }

    /// A learner's pseudonym ([`pseudonym`]).
    pub fn learner(&self, identity: &str) -> String {
        self.keyed_id("learner-", identity)
    }

    /// A team's pseudonym ([`team_pseudonym`]).
    pub fn team(&self, program: &str, team: &str) -> String {
        self.keyed_id("team-", &format!("account:{program}|team:{team}"))
    }

    pub(super) fn keyed_id(&self, prefix: &str, identity: &str) -> String {
        use hmac::Mac;
        let Some(mut mac) = self.mac.clone() else {
            return prefix.into();
        };
        mac.update(identity.as_bytes());
        let digest = mac.finalize().into_bytes();
        // Not `write!` per byte: formatting was a quarter of the cost of a pseudonym.
        let mut hex = [0u8; 12];
        let mut id = String::with_capacity(prefix.len() + hex.len());
        id.push_str(prefix);
        // Twelve bytes always hold six bytes' hex; the error cannot happen.
        if let Ok(h) = base16ct::lower::encode_str(&digest[..6], &mut hex) {
            id.push_str(h);
        }
        id
    }
}

/// Which learners a report counts.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only learners in this role (program role id).
    pub role: Option<String>,
    /// Only learners whose first statement came from this course (grouping activity id).
    pub course: Option<String>,
    /// Only learners who committed on or after this date (learners who never committed are left out).
    pub cohort_from: Option<Date>,
    /// Only learners who committed on or before this date (learners who never committed are left out).
    pub cohort_to: Option<Date>,
}

/// What [`Insights::add_page_text`] read from one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRead {
    /// Statements on the page (kept or not).
    pub statements: usize,
    /// The latest `stored` on the page, for a later `since` query.
    pub newest_stored: Option<String>,
    /// The `more` link to fetch next, if any.
    pub more: Option<String>,
}

/// A page that is not JSON with a statement list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedPage;

impl Intake {
    /// What was counted after `before`.
    fn since(self, before: Intake) -> Intake {
        Intake {
            kept: self.kept - before.kept,
            duplicates: self.duplicates - before.duplicates,
            other_programs: self.other_programs - before.other_programs,
            unreadable: self.unreadable - before.unreadable,
            voiding: self.voiding - before.voiding,
        }
    }
}

/// What happened to the statements given to [`Insights::add`], so an admin can trust the counts.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, Default, PartialEq, Eq)]
pub struct Intake {
    /// Statements of this program kept.
    pub kept: usize,
    /// Statements seen before (same id), ignored.
    pub duplicates: usize,
    /// Statements of other programs (or none), ignored.
    pub other_programs: usize,
    /// Statements without a usable id, actor or timestamp, ignored.
    pub unreadable: usize,
    /// Voiding statements received.
    pub voiding: usize,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Kind {
    Selected(String),
    Committed {
        behaviour: Arc<str>,
        baseline: Option<u8>,
    },
    Answered {
        day: u32,
        terms: Vec<(usize, usize)>,
    },
    Rated {
        behaviour: Arc<str>,
        level: Option<u8>,
    },
    Skipped(u32),
    Snoozed(u32),
    Moved {
        day: u32,
        by: i32,
    },
    Weekday(Option<Weekday>),
    Paused {
        from: Date,
        until: Date,
    },
    Resumed {
        from: Date,
        until: Date,
    },
    Adoption {
        behaviour: Arc<str>,
        adopted: bool,
    },
    /// Joined (or started, as its leader) or left a team, by team id.
    Membership {
        team: String,
        joined: bool,
        leads: bool,
    },
    /// Rated how often another person (by identity) showed a behaviour, at a schedule step.
    Observed {
        behaviour: Arc<str>,
        about: String,
        round: u32,
        level: u8,
    },
    Other,
}

#[derive(Debug, Clone)]
struct Event {
    id: u128,
    at: OffsetDateTime,
    course: Option<Arc<str>>,
    role: Option<Arc<str>>,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct Person {
    key: String,
    /// Display name of the latest statement that had one, so arrival order does not matter.
    name: Option<(OffsetDateTime, String)>,
    events: Vec<Event>,
    /// The pseudonym under the current key, worked out once (an HMAC per learner per report
    /// cost a tenth of a report in WebAssembly); emptied when the key changes.
    pseudonym: std::sync::OnceLock<String>,
}

/// Statements gathered so far for one program.
#[derive(Debug, Clone)]
pub struct Insights {
    program: Program,
    as_of: Date,
    forms: glossary::FormIndex,
    seen: FxHashSet<u128>,
    voided: FxHashSet<u128>,
    /// Course ids, roles and behaviours, one shared copy of each (see `intern`).
    names: FxHashSet<Arc<str>>,
    index: FxHashMap<String, usize>,
    people: Vec<Person>,
    intake: Intake,
    /// Activity id prefixes of behaviours and roles, computed once.
    prefixes: (String, String),
    /// Activity id prefix of the program's teams.
    team_prefix: String,
    /// What learner pseudonyms are keyed with (see [`Insights::keyed`]).
    keyer: Keyer,
    /// Team pseudonyms under the current key, by team id: each report names every team,
    /// and an HMAC per team per report was a twentieth of one.
    teams: TeamNames,
    /// The identity of the statement being added (a buffer kept from one to the next).
    key: String,
}

/// Team id -> pseudonym under the current key, filled as reports name the teams.
#[derive(Debug, Default)]
struct TeamNames(std::sync::Mutex<FxHashMap<String, String>>);

impl Clone for TeamNames {
    fn clone(&self) -> Self {
        TeamNames(std::sync::Mutex::new(
            self.0.lock().map(|m| m.clone()).unwrap_or_default(),
        ))
    }
}

impl TeamNames {
    fn get(&self, keyer: &Keyer, program: &str, team: &str) -> String {
        // A poisoned lock only means a report panicked mid-way; the names in it are still right.
        let mut known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(name) = known.get(team) {
            return name.clone();
        }
        let name = keyer.team(program, team);
        known.insert(team.to_string(), name.clone());
        name
    }

    fn forget(&mut self) {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

fn at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn text<'v>(v: &'v Value, path: &[&str]) -> Option<&'v str> {
    at(v, path).and_then(Value::as_str)
}

/// The actor's identity (never the display name): account, else mbox, mbox_sha1sum or openid.
fn identity(actor: &raw::Actor<'_>) -> Option<String> {
    let mut key = String::new();
    identity_into(actor, &mut key).then_some(key)
}

/// [`identity`] written into `key` (emptied first), so the hot path reuses one buffer instead of
/// allocating a string per statement; false when the actor has no identifier.
fn identity_into(actor: &raw::Actor<'_>, key: &mut String) -> bool {
    key.clear();
    let account = actor.account.0.as_ref();
    if let (Some(home), Some(name)) = (
        account.and_then(|a| a.home_page.get()),
        account.and_then(|a| a.name.get()),
    ) {
        // Built by hand: `format!` costs more than the rest of this function on the hot path.
        key.push_str("account:");
        key.push_str(home);
        key.push('|');
        key.push_str(name);
        return true;
    }
    let found = [
        ("mbox", &actor.mbox),
        ("mbox_sha1sum", &actor.mbox_sha1sum),
        ("openid", &actor.openid),
    ]
    .into_iter()
    .find_map(|(k, v)| v.get().map(|v| (k, v)));
    if let Some((k, v)) = found {
        key.push_str(k);
        key.push(':');
        key.extend(v.chars().map(|c| c.to_ascii_lowercase()));
    }
    found.is_some()
}

/// The link of a page that ends with its top-level `"more": "…"` member (`Some(None)` for a
/// `null` one); `None` when the text does not end that way.
fn more_at_end(text: &str) -> Option<Option<String>> {
    let body = text.trim_end().strip_suffix('}')?.trim_end();
    // A JSON string holds a quote only escaped, so the last `"more"` is the name or nothing.
    let at = body.rfind("\"more\"")?;
    let before = body[..at].trim_end();
    if !(before.ends_with(',') || before.ends_with('{')) {
        return None;
    }
    let value = body[at + "\"more\"".len()..]
        .trim_start()
        .strip_prefix(':')?;
    // The value must be all that is left: a string (or null) and nothing after it.
    serde_json::from_str::<Option<String>>(value).ok()
}

/// A statement id as a number: the UUID itself (ids compare case-insensitively), or, for the odd
/// id that is not a UUID, a 128-bit hash of its lower-cased text. No allocation per statement.
fn statement_key(id: &str) -> u128 {
    if let Ok(u) = uuid::Uuid::try_parse(id) {
        return u.as_u128();
    }
    let lower = id.to_ascii_lowercase();
    let half = |salt: u64| {
        let mut h = FxHasher::default();
        salt.hash(&mut h);
        lower.hash(&mut h);
        u128::from(h.finish())
    };
    (half(0x9e37_79b9) << 64) | half(0x85eb_ca6b)
}

impl Insights {
    /// An empty aggregation for `program`, counting what was known on `as_of`.
    pub fn new(program: &Program, as_of: Date) -> Insights {
        Insights {
            program: program.clone(),
            as_of,
            forms: glossary::FormIndex::new(&glossary::forms(&program.glossary_in_all_languages())),
            seen: FxHashSet::default(),
            voided: FxHashSet::default(),
            names: FxHashSet::default(),
            index: FxHashMap::default(),
            people: Vec::new(),
            intake: Intake::default(),
            prefixes: (
                activity_iri(program, "behaviours", ""),
                activity_iri(program, "roles", ""),
            ),
            team_prefix: activity_iri(program, "teams", ""),
            keyer: Keyer::new(&[]),
            teams: TeamNames::default(),
            key: String::new(),
        }
    }

    /// Keys learner pseudonyms with `secret` (the dashboard uses its LRS credential), so they
    /// cannot be recomputed from known identities by whoever reads a report without it.
    /// Without a key, pseudonyms are still stable but anyone can compute them.
    pub fn keyed(mut self, secret: &[u8]) -> Insights {
        self.rekey(secret);
        self
    }

    /// What happened to the statements added so far.
    pub fn intake(&self) -> Intake {
        self.intake
    }

    /// Keys pseudonyms with `secret` from now on (see [`Insights::keyed`]): the service keeps one
    /// fold per program and keys each report with the asking admin's credential, as their browser would.
    pub fn rekey(&mut self, secret: &[u8]) {
        if !self.keyer.is(secret) {
            self.keyer = Keyer::new(secret);
            self.teams.forget();
            for p in &mut self.people {
                p.pseudonym = std::sync::OnceLock::new();
            }
        }
    }

    /// Gives back the room each learner's events grew into beyond what they hold: after a read
    /// of a million statements, 400,000 events' worth (a third more than the events), which the
    /// report that follows can then use instead of growing the tab's memory further.
    pub fn shrink_to_fit(&mut self) {
        for p in &mut self.people {
            p.events.shrink_to_fit();
        }
        self.people.shrink_to_fit();
    }

    /// Counts what was known on `as_of` from now on: nothing folded depends on it, only reports.
    pub fn set_as_of(&mut self, as_of: Date) {
        self.as_of = as_of;
    }

    /// Takes one statement as JSON text (as a store keeps it), read as pages are, without a tree.
    pub fn add_text(&mut self, statement: &str) {
        match serde_json::from_str::<raw::Obj<raw::Statement>>(statement) {
            Ok(read) => self.add_raw(read.0.as_ref()),
            // Text the typed reading refuses (a repeated key, say) is read the forgiving way.
            Err(_) => match serde_json::from_str::<Value>(statement) {
                Ok(v) => self.add(&v),
                Err(_) => self.intake.unreadable += 1,
            },
        }
    }

    /// One shared copy of each course id, role and behaviour: thousands of statements name the
    /// same few.
    fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(known) = self.names.get(s) {
            return known.clone();
        }
        let new: Arc<str> = Arc::from(s);
        self.names.insert(new.clone());
        new
    }

    /// `kind` with its behaviour shared with the other events that name it, as `add` shares
    /// them (a restored fold reads each as its own string).
    fn shared(&mut self, kind: Kind) -> Kind {
        match kind {
            Kind::Committed {
                behaviour,
                baseline,
            } => Kind::Committed {
                behaviour: self.intern(&behaviour),
                baseline,
            },
            Kind::Rated { behaviour, level } => Kind::Rated {
                behaviour: self.intern(&behaviour),
                level,
            },
            Kind::Adoption { behaviour, adopted } => Kind::Adoption {
                behaviour: self.intern(&behaviour),
                adopted,
            },
            Kind::Observed {
                behaviour,
                about,
                round,
                level,
            } => Kind::Observed {
                behaviour: self.intern(&behaviour),
                about,
                round,
                level,
            },
            other => other,
        }
    }

    fn strip<'s>(&self, kind: Part, id: &'s str) -> Option<&'s str> {
        let prefix = match kind {
            Part::Behaviour => &self.prefixes.0,
            Part::Role => &self.prefixes.1,
        };
        id.strip_prefix(prefix.as_str()).filter(|s| !s.is_empty())
    }

    /// Takes one statement as JSON. Anything odd is counted in [`Intake`] and otherwise ignored.
    pub fn add(&mut self, statement: &Value) {
        let read = raw::Obj::<raw::Statement>::deserialize(statement).map(|o| o.0);
        self.add_raw(read.ok().flatten().as_ref());
    }

    fn add_raw(&mut self, statement: Option<&raw::Statement<'_>>) {
        let Some((s, id)) = statement.and_then(|s| Some((s, statement_key(s.id.get()?)))) else {
            self.intake.unreadable += 1;
            return;
        };
        let verb = s
            .verb
            .0
            .as_ref()
            .and_then(|v| v.id.get())
            .unwrap_or_default();
        let object = s.object.0.as_ref();
        if verb == VOIDED {
            if self.seen.insert(id) {
                self.intake.voiding += 1;
                if let Some(target) = object
                    .filter(|o| o.object_type.get() == Some("StatementRef"))
                    .and_then(|o| o.id.get())
                {
                    self.voided.insert(statement_key(target));
                }
            } else {
                self.intake.duplicates += 1;
            }
            return;
        }
        let context = s.context.0.as_ref();
        let context_activities = context.and_then(|c| c.activities.0.as_ref());
        let extensions = context.and_then(|c| c.extensions.0.as_ref());
        let ours = context_activities.is_some_and(|c| {
            c.parent
                .0
                .iter()
                .any(|a| a.get() == Some(self.program.id.as_str()))
        });
        if !ours {
            self.intake.other_programs += 1;
            return;
        }
        let moment = s
            .timestamp
            .get()
            .or_else(|| s.stored.get())
            .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok());
        let actor = s.actor.0.as_ref();
        let known = actor.is_some_and(|a| identity_into(a, &mut self.key));
        let (true, Some(moment)) = (known, moment) else {
            self.intake.unreadable += 1;
            return;
        };
        if !self.seen.insert(id) {
            self.intake.duplicates += 1;
            return;
        }
        self.intake.kept += 1;
        let object = object.and_then(|o| o.id.get()).unwrap_or_default();
        let behaviour = self.strip(Part::Behaviour, object).map(|b| self.intern(b));
        let step = extensions.and_then(|e| e.step.0);
        // Look the verb up once; every branch below compares short keys.
        let verb_key = VERBS.iter().find(|v| v.iri == verb).map_or("", |v| v.key);
        let is = |k: &str| verb_key == k;
        let result = s.result.0.as_ref();
        let result_ext = result.and_then(|r| r.extensions.0.as_ref());
        let date_ext = |d: &raw::Str<'_>| d.get().and_then(|d| Date::parse(d, DAY).ok());
        let kind = if is("selected") {
            self.strip(Part::Role, object)
                .map_or(Kind::Other, |r| Kind::Selected(r.to_string()))
        } else if is("committed") {
            behaviour.map_or(Kind::Other, |behaviour| Kind::Committed {
                behaviour,
                baseline: result_ext.and_then(|e| e.baseline.0),
            })
        } else if is("rescheduled") {
            let weekday = result_ext.and_then(|e| e.weekday.get());
            match (step, result_ext.and_then(|e| e.moved_by.0), weekday) {
                (Some(day), Some(by), _) => Kind::Moved { day, by },
                (None, _, Some("any")) => Kind::Weekday(None),
                (None, _, Some(w)) => {
                    Weekday::parse(w).map_or(Kind::Other, |w| Kind::Weekday(Some(w)))
                }
                _ => Kind::Other,
            }
        } else if is("paused") || is("resumed") {
            let from = result_ext.and_then(|e| date_ext(&e.from));
            let until = result_ext.and_then(|e| date_ext(&e.until));
            match (from, until) {
                (Some(from), Some(until)) if is("paused") => Kind::Paused { from, until },
                (Some(from), Some(until)) => Kind::Resumed { from, until },
                _ => Kind::Other,
            }
        } else if is("answered") {
            match step {
                Some(day) => {
                    let response = s
                        .result
                        .0
                        .as_ref()
                        .and_then(|r| r.response.get())
                        .unwrap_or_default();
                    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
                    for (_, _, i) in glossary::matches(response, &self.forms) {
                        *counts.entry(i).or_default() += 1;
                    }
                    Kind::Answered {
                        day,
                        terms: counts.into_iter().collect(),
                    }
                }
                None => Kind::Other,
            }
        } else if is("rated") {
            behaviour.map_or(Kind::Other, |behaviour| Kind::Rated {
                behaviour,
                level: result
                    .and_then(|r| r.score.0.as_ref())
                    .and_then(|sc| sc.raw.0),
            })
        } else if is("skipped") {
            step.map_or(Kind::Other, Kind::Skipped)
        } else if is("snoozed") {
            step.map_or(Kind::Other, Kind::Snoozed)
        } else if is("joined") || is("left") {
            match object
                .strip_prefix(self.team_prefix.as_str())
                .filter(|t| !t.is_empty() && !t.contains('/'))
            {
                Some(team) => Kind::Membership {
                    team: team.to_string(),
                    joined: is("joined"),
                    leads: is("joined") && extensions.and_then(|e| e.leads.0) == Some(true),
                },
                None => Kind::Other,
            }
        } else if is("observed") {
            let about = extensions
                .and_then(|e| e.observed.0.as_ref())
                .and_then(identity);
            let level = result
                .and_then(|r| r.score.0.as_ref())
                .and_then(|sc| sc.raw.0)
                .filter(|l| self.program.scale_label(*l).is_some());
            match (behaviour, about, step, level) {
                (Some(behaviour), Some(about), Some(round), Some(level)) => Kind::Observed {
                    behaviour,
                    about,
                    round,
                    level,
                },
                _ => Kind::Other,
            }
        } else if is("mastered") || is("lapsed") {
            behaviour.map_or(Kind::Other, |behaviour| Kind::Adoption {
                behaviour,
                adopted: is("mastered"),
            })
        } else {
            Kind::Other
        };
        let course = context_activities
            .and_then(|c| c.grouping.0.first())
            .and_then(|a| a.get())
            .map(|c| self.intern(c));
        let role = extensions
            .and_then(|e| e.role.get())
            .map(|r| self.intern(r));
        let name = actor.and_then(|a| a.name.get());
        let next = self.people.len();
        let slot = match self.index.get(self.key.as_str()) {
            Some(slot) => *slot,
            None => {
                self.index.insert(self.key.clone(), next);
                next
            }
        };
        if slot == next {
            self.people.push(Person {
                key: self.key.clone(),
                name: None,
                events: Vec::new(),
                pseudonym: std::sync::OnceLock::new(),
            });
        }
        if let Some(person) = self.people.get_mut(slot) {
            if let Some(name) = name {
                if person
                    .name
                    .as_ref()
                    .is_none_or(|(t, n)| (*t, n.as_str()) < (moment, name))
                {
                    person.name = Some((moment, name.to_string()));
                }
            }
            let event = Event {
                id,
                at: moment,
                course,
                role,
                kind,
            };
            // Kept in the order a report replays them (time, then id), so no report sorts them;
            // statements mostly arrive oldest first, which makes this a push.
            let at = person
                .events
                .partition_point(|e| (e.at, e.id) <= (event.at, event.id));
            person.events.insert(at, event);
        }
    }

    /// The `more` link of a StatementResult page, read ahead of the fold (the statements are
    /// not read) so the next request can be under way while this page is folded.
    /// `None` for a bare array, a page without one, or text that is not a StatementResult.
    pub fn page_more(text: &str) -> Option<String> {
        // Most LRSs write `more` after the list: read it off the end rather than skip every
        // statement (that skipping was a second reading of each page). The fold's own reading
        // still decides; a link read here that it does not find is only a wasted request.
        if let Some(more) = more_at_end(text) {
            return more.filter(|m| !m.is_empty());
        }
        #[derive(serde::Deserialize)]
        struct More {
            more: Option<String>,
        }
        serde_json::from_str::<More>(text)
            .ok()?
            .more
            .filter(|m| !m.is_empty())
    }

    /// Whether a page (as [`Insights::add_page_text`] takes it) is a readable answer with no
    /// statement and no further page: nothing is newer than the `since` it was asked with.
    pub fn page_is_empty(text: &str) -> bool {
        #[derive(serde::Deserialize)]
        struct Empty {
            statements: Vec<serde::de::IgnoredAny>,
            more: Option<String>,
        }
        serde_json::from_str::<Empty>(text)
            .is_ok_and(|p| p.statements.is_empty() && p.more.is_none_or(|m| m.is_empty()))
    }

    /// Takes one page as the LRS sent it: a StatementResult (`{"statements": [...], "more": "..."}`)
    /// or a bare array, read straight into typed statements without a JSON tree in between.
    /// Anything but JSON with a statement list is refused as [`MalformedPage`].
    pub fn add_page_text(&mut self, text: &str) -> Result<PageRead, MalformedPage> {
        let before = self.intake;
        let mut read = PageRead::default();
        let mut de = serde_json::Deserializer::from_str(text);
        // Statement by statement into the fold: the page is never held as a list.
        let typed = if text.trim_start().starts_with('[') {
            serde::de::DeserializeSeed::deserialize(
                raw::StatementsSeed::new(self, &mut read),
                &mut de,
            )
        } else {
            serde::de::DeserializeSeed::deserialize(raw::PageSeed::new(self, &mut read), &mut de)
        }
        .and_then(|found| de.end().map(|()| found));
        match typed {
            Ok(true) => Ok(read),
            Ok(false) => Err(MalformedPage),
            // Text the typed reading refuses (a repeated key, say) is read the slower, forgiving
            // way; what was folded before the refusal is then met again, and counted once.
            Err(_) => {
                let streamed = self.intake.since(before);
                let again = self.add_page_value(text);
                let i = &mut self.intake;
                i.duplicates = i
                    .duplicates
                    .saturating_sub(streamed.kept + streamed.voiding + streamed.duplicates);
                i.other_programs = i.other_programs.saturating_sub(streamed.other_programs);
                i.unreadable = i.unreadable.saturating_sub(streamed.unreadable);
                again
            }
        }
    }

    fn add_page_value(&mut self, body: &str) -> Result<PageRead, MalformedPage> {
        let page: Value = serde_json::from_str(body).map_err(|_| MalformedPage)?;
        let list = match &page {
            Value::Array(items) => items,
            _ => page
                .get("statements")
                .and_then(Value::as_array)
                .ok_or(MalformedPage)?,
        };
        let newest_stored = list
            .iter()
            .filter_map(|s| text(s, &["stored"]))
            .max()
            .map(str::to_string);
        let statements = list.len();
        let more = self.add_page(&page).map(str::to_string);
        Ok(PageRead {
            statements,
            newest_stored,
            more,
        })
    }

    /// Takes one page as an LRS answers `GET statements` (`{"statements": [...], "more": "..."}`),
    /// or a bare array; returns the `more` link to fetch next, if any.
    pub fn add_page<'p>(&mut self, page: &'p Value) -> Option<&'p str> {
        let list = match page {
            Value::Array(items) => Some(items),
            _ => page.get("statements").and_then(Value::as_array),
        };
        for s in list.into_iter().flatten() {
            self.add(s);
        }
        text(page, &["more"]).filter(|m| !m.is_empty())
    }

    /// Rebuilds one learner's facts into `f`, whose maps keep their room from the learner before
    /// (a report goes through every learner, and growing fresh maps for each was a fifth of it).
    fn facts_into<'a>(&'a self, person: &'a Person, f: &mut Facts<'a>) {
        // In replay order already (`add` and `restore` keep them so).
        let events = person
            .events
            .iter()
            .filter(|e| !self.voided.contains(&e.id) && e.at.date() <= self.as_of);
        f.id = person
            .pseudonym
            .get_or_init(|| self.keyer.learner(&person.key));
        f.name = person.name.as_ref().map(|(_, n)| n.as_str());
        f.role = None;
        f.course = events.clone().find_map(|e| e.course.as_deref());
        f.committed = None;
        f.behaviours.clear();
        f.steps.clear();
        f.rated = false;
        f.adoption.clear();
        f.terms.clear();
        f.reflections = 0;
        f.baselines.clear();
        f.ratings.clear();
        f.rhythm.moves.clear();
        f.rhythm.weekdays.clear();
        f.rhythm.pauses.clear();
        f.rhythm.changes = 0;
        f.due.clear();
        f.teams = LiteMap::new();
        f.observed = Vec::new();
        for e in events {
            let date = e.at.date();
            if let Some(r) = &e.role {
                f.role = Some(r);
            }
            match &e.kind {
                Kind::Selected(r) => {
                    if e.role.is_none() {
                        f.role = Some(r);
                    }
                }
                Kind::Committed {
                    behaviour,
                    baseline,
                } => {
                    f.committed.get_or_insert(date);
                    f.behaviours.insert(behaviour, ());
                    if let Some(level) = baseline {
                        f.baselines.entry(behaviour).or_insert(*level);
                    }
                }
                Kind::Answered { day, terms } => {
                    f.steps
                        .entry(*day)
                        .or_default()
                        .answered
                        .get_or_insert(date);
                    f.reflections += 1;
                    for (i, n) in terms {
                        *f.terms.entry(*i).or_default() += n;
                    }
                }
                Kind::Rated { behaviour, level } => {
                    f.rated = true;
                    if let Some(level) = level {
                        f.ratings.entry(behaviour).or_default().push((date, *level));
                    }
                }
                Kind::Moved { day, by } => {
                    if *by == 0 {
                        f.rhythm.moves.remove(day);
                    } else {
                        f.rhythm.moves.insert(*day, *by);
                    }
                }
                Kind::Weekday(weekday) => {
                    // As `plan::apply` keeps it: the last choice of a day stands for that day.
                    let weekdays = &mut f.rhythm.weekdays;
                    if weekdays.last().is_some_and(|c| c.on.date == date) {
                        weekdays.pop();
                    }
                    weekdays.push(WeekdayChoice {
                        on: Moment { date, at: e.at },
                        weekday: *weekday,
                    });
                }
                Kind::Paused { from, until } => {
                    let pause = Pause {
                        from: *from,
                        until: *until,
                        changed: Moment { date, at: e.at },
                    };
                    let pauses = &mut f.rhythm.pauses;
                    match pauses.iter_mut().find(|p| p.from == *from) {
                        Some(p) => *p = pause,
                        None => pauses.push(pause),
                    }
                }
                Kind::Resumed { from, until } => {
                    let pauses = &mut f.rhythm.pauses;
                    if from >= until {
                        pauses.retain(|p| p.from != *from);
                    } else if let Some(p) = pauses.iter_mut().find(|p| p.from == *from) {
                        p.until = *until;
                    }
                }
                Kind::Skipped(day) => {
                    f.steps.entry(*day).or_default().skipped.get_or_insert(date);
                }
                Kind::Snoozed(day) => f.steps.entry(*day).or_default().snoozed = true,
                Kind::Adoption { behaviour, adopted } => f
                    .adoption
                    .entry(behaviour)
                    .or_default()
                    .push((date, *adopted)),
                Kind::Membership {
                    team,
                    joined,
                    leads,
                } => {
                    // The latest join or leave of each team stands; joining again while in
                    // it as its leader leaves them its leader (as `team::apply` does).
                    let led = f.teams.get(team.as_str()).is_some_and(|(i, l)| *i && *l);
                    f.teams.insert(team, (*joined, *joined && (*leads || led)));
                }
                Kind::Observed {
                    behaviour,
                    about,
                    round,
                    level,
                } => f.observed.push(Rated {
                    about,
                    behaviour,
                    round: *round,
                    level: *level,
                    at: e.at,
                    rater_role: e.role.as_deref(),
                }),
                Kind::Other => {}
            }
        }
        if let Some(start) = f.committed {
            f.due = schedule::due_dates(&self.program, start, &f.rhythm);
        }
    }

    /// The five panels over the learners `filter` keeps, plus the learner list behind them.
    pub fn report(&self, filter: &Filter) -> Report {
        let p = &self.program;
        let as_of = self.as_of;
        let roles: Vec<&str> = p
            .roles
            .iter()
            .map(|r| r.id.as_str())
            .filter(|r| filter.role.as_deref().is_none_or(|f| f == *r))
            .collect();
        // The groups panels are cut by: each role, then all of them (the last).
        let groups: Vec<Option<&str>> = roles
            .iter()
            .map(|r| Some(*r))
            .chain(std::iter::once(None))
            .collect();
        let behaviour_at: FxHashMap<&str, usize> = p
            .behaviours
            .iter()
            .enumerate()
            .map(|(j, b)| (b.id.as_str(), j))
            .collect();
        let weeks = trend_weeks(p);
        let observations: Vec<&Observation> = p
            .observations
            .iter()
            .filter(|o| filter.role.as_deref().is_none_or(|r| r == o.about))
            .collect();

        // Every panel but the cross-learner ones is a sum over learners: the sums are kept here
        // and each learner's facts added in one pass, into one `Facts` whose maps are reused.
        let mut funnel = vec![FunnelSums::new(p.schedule.len()); groups.len()];
        let mut terms = vec![TermSums::new(p.glossary.len()); groups.len()];
        // Per group, the baseline row of each behaviour the group's role can commit to.
        let mut baseline_rows = Vec::new();
        let mut baseline_at: Vec<Vec<Option<usize>>> = Vec::with_capacity(groups.len());
        for role in &groups {
            baseline_at.push(
                p.behaviours
                    .iter()
                    .map(|b| {
                        role.is_none_or(|r| b.roles.iter().any(|x| x == r))
                            .then(|| {
                                baseline_rows.push(BaselineRow {
                                    role: role.map(str::to_string),
                                    behaviour: b.id.clone(),
                                    title: b.title.clone(),
                                    ..BaselineRow::default()
                                });
                                baseline_rows.len() - 1
                            })
                    })
                    .collect(),
            );
        }
        let mut steps = vec![StepCounts::default(); p.schedule.len()];
        let mut committed_kept = 0;
        let mut paused = 0;
        let mut candidates: Vec<Vec<(usize, Trajectory, bool, &str)>> =
            vec![Vec::new(); p.behaviours.len()];
        let mut sustained = [Share::default(); SUSTAINED_DAYS.len()];
        let mut adoption = vec![Share::default(); p.behaviours.len()];
        let mut trend = vec![Share::default(); p.behaviours.len() * weeks as usize];
        let mut seen_self = vec![(0usize, 0u64); observations.len()];
        let mut learners = Vec::new();
        let mut all: Vec<Light> = Vec::with_capacity(self.people.len());
        let mut f = Facts::default();
        let mut mine: Vec<usize> = Vec::new();
        let mut in_groups: Vec<usize> = Vec::new();
        for person in &self.people {
            self.facts_into(person, &mut f);
            // Role and course, the parts of the filter that also apply to teams.
            let in_role_and_course = f.role.is_some()
                && (filter.role.is_none() || f.role == filter.role.as_deref())
                && (filter.course.is_none() || f.course == filter.course.as_deref());
            let keep = in_role_and_course
                && match (filter.cohort_from, filter.cohort_to) {
                    (None, None) => true,
                    (from, to) => f
                        .committed
                        .is_some_and(|c| from.is_none_or(|d| c >= d) && to.is_none_or(|d| c <= d)),
                };
            all.push(Light {
                id: f.id,
                name: f.name,
                role: f.role,
                committed: f.committed.is_some(),
                keep,
                in_role_and_course,
                teams: std::mem::take(&mut f.teams),
                observed: std::mem::take(&mut f.observed),
            });
            if !keep {
                continue;
            }
            let slot = all.len() - 1;
            in_groups.clear();
            in_groups.extend((0..roles.len()).filter(|i| f.role == Some(roles[*i])));
            in_groups.push(roles.len());
            // The program's behaviours this learner committed to, by place in the program.
            mine.clear();
            mine.extend(
                f.behaviours
                    .keys()
                    .filter_map(|b| behaviour_at.get(b).copied()),
            );

            // (1) Funnel and (2) roles expected; (3) glossary use.
            let adopted_now = f.committed.is_some() && f.any_adopted_on(as_of);
            for g in &in_groups {
                funnel[*g].add(&f, p, adopted_now);
                terms[*g].add(&f);
            }

            // (8) Self-ratings, beside how others see them (added after the pass).
            for (k, o) in observations.iter().enumerate() {
                if f.role != Some(o.about.as_str()) {
                    continue;
                }
                if let Some((_, level)) = f.ratings.get(o.behaviour.as_str()).and_then(|r| r.last())
                {
                    seen_self[k].0 += 1;
                    seen_self[k].1 += u64::from(*level);
                }
            }

            learners.push(LearnerRow {
                id: f.id.to_string(),
                name: f.name.map(str::to_string),
                role: f.role.unwrap_or_default().to_string(),
                course: f.course.map(str::to_string),
                commitment: f.committed,
                answered: f.steps.values().filter(|s| s.answered.is_some()).count(),
                committed: f.behaviours.len(),
                adopted: f
                    .behaviours
                    .keys()
                    .filter(|b| f.adopted_on(b, as_of))
                    .count(),
            });

            let Some(start) = f.committed else {
                continue;
            };
            committed_kept += 1;

            // (4) Reinforcement.
            for (i, s) in p.schedule.iter().enumerate() {
                let c = &mut steps[i];
                let planned = schedule::due_date(start, s.day);
                // The learner's own date: moved, on their weekday, after their pauses.
                let due = f.due.get(i).copied().unwrap_or(planned);
                let grace = schedule::due_date(due, ON_TIME_GRACE_DAYS);
                let rec = f.steps.get(&s.day).cloned().unwrap_or_default();
                match (rec.answered, rec.skipped) {
                    (Some(on), _) if on <= grace => c.on_time += 1,
                    (Some(_), _) => c.late += 1,
                    (None, Some(_)) => c.skipped += 1,
                    (None, None) if due < as_of => c.missed += 1,
                    (None, None) => c.open += 1,
                }
                c.snoozed += usize::from(rec.snoozed);
                c.rescheduled += usize::from(due != planned);
            }
            paused += usize::from(f.rhythm.paused_on(as_of).is_some());

            // (5) Adoption N days after commitment.
            for (share, n) in sustained.iter_mut().zip(SUSTAINED_DAYS) {
                let day_n = schedule::due_date(start, n);
                if day_n <= as_of {
                    share.learners += 1;
                    share.adopted += usize::from(f.any_adopted_on(day_n));
                }
            }

            for &j in &mine {
                let b = p.behaviours[j].id.as_str();
                let baseline = f.baselines.get(b).copied();
                let ratings = f.ratings.get(b);
                // (6) Change from baseline, per role and behaviour.
                for g in &in_groups {
                    let Some(row) = baseline_at[*g][j].and_then(|r| baseline_rows.get_mut(r))
                    else {
                        continue;
                    };
                    match (baseline, ratings.and_then(|r| r.last())) {
                        (None, _) => row.without_baseline += 1,
                        (Some(_), None) => row.not_rated_yet += 1,
                        (Some(start), Some((_, latest))) => row.add(start, *latest),
                    }
                }
                let adopted = f.adopted_on(b, as_of);
                // (7) Success cases: the strongest and weakest trajectories, picked below.
                if let Some(t) = trajectory(baseline, ratings) {
                    candidates[j].push((slot, t, adopted, f.id));
                }
                // (5) Adoption per behaviour, and its trend week by week.
                adoption[j].learners += 1;
                adoption[j].adopted += usize::from(adopted);
                for week in 1..=weeks {
                    let day_w = schedule::due_date(start, 7 * week);
                    if day_w <= as_of {
                        let share = &mut trend[j * weeks as usize + week as usize - 1];
                        share.learners += 1;
                        share.adopted += usize::from(f.adopted_on(b, day_w));
                    }
                }
            }
        }

        let total = learners.len();
        let mut funnel_rows = Vec::new();
        let mut term_rows = Vec::new();
        for (g, role) in groups.iter().enumerate() {
            funnel_rows.extend(funnel[g].rows(*role, p));
            term_rows.extend(terms[g].rows(*role, p));
        }
        let role_rows = roles
            .iter()
            .zip(&funnel)
            .map(|(r, sums)| RoleRow {
                role: r.to_string(),
                label: p.role(r).map_or(r.to_string(), |x| x.label.clone()),
                learners: sums.selected,
                committed: sums.committed,
                coverage: if sums.selected == 0 {
                    Coverage::None
                } else if sums.selected * 100 < total * FEW_PERCENT {
                    Coverage::Few
                } else {
                    Coverage::Enough
                },
            })
            .collect();
        let step_rows = p
            .schedule
            .iter()
            .zip(steps)
            .map(|(s, counts)| StepRow {
                day: s.day,
                title: s.title.clone(),
                learners: committed_kept,
                counts,
            })
            .collect();
        let mut success = Vec::new();
        for (b, candidates) in p.behaviours.iter().zip(candidates) {
            let (strong, weak) = pick(candidates, SUCCESS_CASES, |(_, t, _, id)| {
                (t.start, t.latest, t.checks, *id)
            });
            for (group, rows) in [(Group::Strongest, strong), (Group::Weakest, weak)] {
                for (i, (slot, t, adopted, _)) in rows.into_iter().enumerate() {
                    let Some(l) = all.get(slot) else {
                        continue;
                    };
                    success.push(SuccessRow {
                        behaviour: b.id.clone(),
                        group,
                        rank: i + 1,
                        learner: l.id.to_string(),
                        name: l.name.map(str::to_string),
                        role: l.role.unwrap_or_default().to_string(),
                        start: t.start,
                        latest: t.latest,
                        checks: t.checks,
                        adopted,
                    });
                }
            }
        }
        let sustained = SUSTAINED_DAYS
            .iter()
            .zip(sustained)
            .map(|(days, share)| SustainedRow { days: *days, share })
            .collect();
        let behaviours = p
            .behaviours
            .iter()
            .zip(adoption)
            .map(|(b, share)| BehaviourRow {
                behaviour: b.id.clone(),
                title: b.title.clone(),
                share,
            })
            .collect();
        let trend = p
            .behaviours
            .iter()
            .flat_map(|b| (1..=weeks).map(move |week| (b, week)))
            .zip(trend)
            .map(|((b, week), share)| TrendRow {
                behaviour: b.id.clone(),
                week,
                share,
            })
            .collect();

        // (8) Self and observed; (9) team coverage.
        let seen = self.self_and_observed(&all, &observations, &seen_self);
        let teams = self.team_coverage(&all);

        // Sorted as places, then moved into order: moving rows of five strings about in a sort
        // of 100,000 cost more than the comparisons.
        let mut order: Vec<usize> = (0..learners.len()).collect();
        order.sort_by(|a, b| learners[*a].id.cmp(&learners[*b].id));
        let mut rows: Vec<Option<LearnerRow>> = learners.into_iter().map(Some).collect();
        let learners = order
            .into_iter()
            .filter_map(|i| rows.get_mut(i).and_then(Option::take))
            .collect();
        Report {
            as_of,
            intake: self.intake,
            learners,
            funnel: Funnel { rows: funnel_rows },
            roles: Roles {
                total,
                rows: role_rows,
            },
            terms: Terms { rows: term_rows },
            reinforcement: Reinforcement {
                rows: step_rows,
                paused,
            },
            baseline: Baseline {
                rows: baseline_rows,
            },
            success: SuccessCases {
                per: SUCCESS_CASES,
                rows: success,
            },
            adoption: Adoption {
                sustained,
                behaviours,
                trend,
            },
            seen,
            teams,
        }
    }

    /// Panel 8: per observation of the program (behaviour and role observed), the latest
    /// self-ratings of the kept learners of that role against others' ratings about them.
    /// `seen_self` holds each observation's self-ratings (learners, sum), summed in the report's pass.
    fn self_and_observed(
        &self,
        all: &[Light],
        observations: &[&Observation],
        seen_self: &[(usize, u64)],
    ) -> SelfObserved {
        let p = &self.program;
        let mut rows = Vec::new();
        for (o, (self_learners, self_sum)) in observations.iter().zip(seen_self) {
            let mut row = SeenRow {
                behaviour: o.behaviour.clone(),
                title: p
                    .behaviour(&o.behaviour)
                    .map_or(o.behaviour.clone(), |b| b.title.clone()),
                about: o.about.clone(),
                about_label: p
                    .role(&o.about)
                    .map_or(o.about.clone(), |r| r.label.clone()),
                min_raters: o.min_raters.max(1),
                ..SeenRow::default()
            };
            row.self_learners = *self_learners;
            row.self_sum = *self_sum;
            // Per rater and person rated: the first answer of the latest round; per rater, when
            // they first answered (their place in line for the blocks, which later rounds keep).
            let mut pairs: BTreeMap<(usize, usize), (u32, u8)> = BTreeMap::new();
            let mut first: FxHashMap<usize, OffsetDateTime> = FxHashMap::default();
            for (rater, f) in all.iter().enumerate() {
                for r in f.observed.iter().filter(|r| {
                    r.behaviour == o.behaviour
                        && r.rater_role
                            .is_some_and(|role| o.by.iter().any(|b| b == role))
                }) {
                    let Some(&about) = self.index.get(r.about) else {
                        continue;
                    };
                    let observed_kept = all
                        .get(about)
                        .is_some_and(|a| a.keep && a.role == Some(o.about.as_str()));
                    if about == rater || !observed_kept {
                        continue;
                    }
                    let slot = pairs.entry((rater, about)).or_insert((r.round, r.level));
                    if r.round > slot.0 {
                        *slot = (r.round, r.level);
                    }
                    let t = first.entry(rater).or_insert(r.at);
                    *t = (*t).min(r.at);
                }
            }
            row.add_observed(
                pairs
                    .into_iter()
                    .filter_map(|((rater, about), (_, level))| {
                        Some(Pair {
                            rater: self.people.get(rater).map_or("", |x| x.key.as_str()),
                            about,
                            level,
                            at: *first.get(&rater)?,
                        })
                    })
                    .collect(),
            );
            rows.push(row);
        }
        SelfObserved { rows }
    }

    /// Panel 9: the teams from join and leave statements (the latest of each person and team
    /// stands), with a leader who never committed or members none of whom committed.
    fn team_coverage(&self, all: &[Light]) -> Teams {
        // team id -> (slot, leads) of the people in it now.
        let mut teams: BTreeMap<&str, Vec<(usize, bool)>> = BTreeMap::new();
        for (slot, f) in all.iter().enumerate() {
            for (team, (joined, leads)) in f.teams.iter() {
                if *joined {
                    teams.entry(*team).or_default().push((slot, *leads));
                }
            }
        }
        let mut out = Teams::default();
        for (id, people) in teams {
            if !people
                .iter()
                .any(|(slot, _)| all.get(*slot).is_some_and(|l| l.in_role_and_course))
            {
                continue;
            }
            let leader = people
                .iter()
                .find(|(_, leads)| *leads)
                .and_then(|(slot, _)| all.get(*slot));
            let members: Vec<&Light> = people
                .iter()
                .filter(|(_, leads)| !leads)
                .filter_map(|(slot, _)| all.get(*slot))
                .collect();
            out.rows.push(TeamRow {
                team: self.teams.get(&self.keyer, &self.program.id, id),
                leader: leader.map(|l| l.id.to_string()),
                leader_name: leader.and_then(|l| l.name.map(str::to_string)),
                leader_role: leader.and_then(|l| l.role.map(str::to_string)),
                leader_committed: leader.is_some_and(|l| l.committed),
                members: members.len(),
                members_committed: members.iter().filter(|m| m.committed).count(),
            });
        }
        out.rows.sort_by(|a, b| a.team.cmp(&b.team));
        out
    }
}

/// One observer rating as the dashboard keeps it, on the rater's side.
#[derive(Debug, Clone)]
struct Rated<'a> {
    about: &'a str,
    behaviour: &'a str,
    round: u32,
    level: u8,
    at: OffsetDateTime,
    rater_role: Option<&'a str>,
}

/// The rating one rater's counts for one person: the first answer of the latest round.
struct Pair<'k> {
    rater: &'k str,
    about: usize,
    level: u8,
    /// When the rater first answered this observation, in any round.
    at: OffsetDateTime,
}

#[derive(Debug, Clone, Default)]
struct StepFacts {
    answered: Option<Date>,
    skipped: Option<Date>,
    snoozed: bool,
}

/// One learner's path, rebuilt from their statements.
#[derive(Debug, Clone, Default)]
struct Facts<'a> {
    id: &'a str,
    name: Option<&'a str>,
    role: Option<&'a str>,
    course: Option<&'a str>,
    committed: Option<Date>,
    // The maps below hold a few entries each: sorted vectors (`LiteMap`), where a B-tree's
    // first node is room for eleven; a report holds every learner's facts at once.
    behaviours: LiteMap<&'a str, ()>,
    steps: LiteMap<u32, StepFacts>,
    rated: bool,
    adoption: LiteMap<&'a str, Vec<(Date, bool)>>,
    terms: LiteMap<usize, usize>,
    reflections: usize,
    /// Starting self-rating per behaviour (the first committed statement carrying one).
    baselines: LiteMap<&'a str, u8>,
    /// Self-check levels per behaviour, oldest first.
    ratings: LiteMap<&'a str, Vec<(Date, u8)>>,
    /// The cadence the learner set, rebuilt from their statements.
    rhythm: Rhythm,
    /// Due dates per schedule step, with that cadence.
    due: Vec<Date>,
    /// Per team id, by the latest join or leave: whether in it now, and whether as its leader.
    teams: LiteMap<&'a str, (bool, bool)>,
    /// Observer ratings this person gave, oldest first.
    observed: Vec<Rated<'a>>,
}

impl Facts<'_> {
    fn adopted_on(&self, behaviour: &str, date: Date) -> bool {
        self.adoption
            .get(behaviour)
            .and_then(|events| events.iter().rev().find(|(d, _)| *d <= date))
            .is_some_and(|(_, adopted)| *adopted)
    }

    fn any_adopted_on(&self, date: Date) -> bool {
        self.behaviours.keys().any(|b| self.adopted_on(b, date))
    }
}

/// What the cross-learner panels (observations, teams, success cases) need of each person once
/// their facts are summed: kept for every person while a report runs, where their whole facts
/// are not.
struct Light<'a> {
    id: &'a str,
    name: Option<&'a str>,
    role: Option<&'a str>,
    committed: bool,
    /// Kept by the whole filter.
    keep: bool,
    /// Kept by its role and course (what applies to teams).
    in_role_and_course: bool,
    teams: LiteMap<&'a str, (bool, bool)>,
    observed: Vec<Rated<'a>>,
}

/// Panel 1's counts for one group of learners.
#[derive(Debug, Clone)]
struct FunnelSums {
    selected: usize,
    committed: usize,
    /// Per schedule step.
    answered: Vec<usize>,
    self_checked: usize,
    adopted: usize,
}

impl FunnelSums {
    fn new(steps: usize) -> FunnelSums {
        FunnelSums {
            selected: 0,
            committed: 0,
            answered: vec![0; steps],
            self_checked: 0,
            adopted: 0,
        }
    }

    fn add(&mut self, f: &Facts, p: &Program, adopted: bool) {
        self.selected += 1;
        if f.committed.is_none() {
            return;
        }
        self.committed += 1;
        for (n, s) in self.answered.iter_mut().zip(&p.schedule) {
            *n += usize::from(f.steps.get(&s.day).is_some_and(|r| r.answered.is_some()));
        }
        self.self_checked += usize::from(f.rated);
        self.adopted += usize::from(adopted);
    }

    fn rows(&self, role: Option<&str>, p: &Program) -> Vec<FunnelRow> {
        let mut stages: Vec<(Stage, String, usize)> = vec![
            (Stage::Selected, "Chose a role".into(), self.selected),
            (Stage::Committed, "Committed".into(), self.committed),
        ];
        for (s, n) in p.schedule.iter().zip(&self.answered) {
            stages.push((
                Stage::Answered(s.day),
                format!("Answered day {} ({})", s.day, s.title),
                *n,
            ));
        }
        stages.push((
            Stage::SelfChecked,
            "Completed a self-check".into(),
            self.self_checked,
        ));
        stages.push((Stage::Adopted, "Adopted a behaviour".into(), self.adopted));
        let mut previous = None;
        stages
            .into_iter()
            .map(|(stage, label, learners)| {
                let row = FunnelRow {
                    role: role.map(str::to_string),
                    stage,
                    label,
                    learners,
                    drop_off: previous.map_or(0, |p: usize| p as i64 - learners as i64),
                };
                previous = Some(learners);
                row
            })
            .collect()
    }
}

/// Panel 3's sums for one group of learners.
#[derive(Debug, Clone)]
struct TermSums {
    reflections: usize,
    /// Per glossary term: uses, and learners who used it.
    uses: Vec<(usize, usize)>,
}

impl TermSums {
    fn new(terms: usize) -> TermSums {
        TermSums {
            reflections: 0,
            uses: vec![(0, 0); terms],
        }
    }

    fn add(&mut self, f: &Facts) {
        self.reflections += f.reflections;
        for (i, n) in f.terms.iter() {
            if let Some((uses, learners)) = self.uses.get_mut(*i) {
                *uses += n;
                *learners += usize::from(*n > 0);
            }
        }
    }

    fn rows(&self, role: Option<&str>, p: &Program) -> Vec<TermRow> {
        p.glossary
            .iter()
            .zip(&self.uses)
            .map(|(t, (uses, learners))| TermRow {
                role: role.map(str::to_string),
                term: t.term.clone(),
                uses: *uses,
                learners: *learners,
                reflections: self.reflections,
            })
            .collect()
    }
}

/// Counts for one reflection step; they add up to the committed learners.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, Default, PartialEq, Eq)]
pub struct StepCounts {
    /// Answered within [`ON_TIME_GRACE_DAYS`] of the due date.
    pub on_time: usize,
    /// Answered after that.
    pub late: usize,
    /// Skipped, never answered.
    pub skipped: usize,
    /// Neither answered nor skipped, and due before `as_of`.
    pub missed: usize,
    /// Neither answered nor skipped, and not due before `as_of`.
    pub open: usize,
    /// Put off at least once, whatever came after (not part of the sum).
    pub snoozed: usize,
    /// Due on another day than the program's, by the learner's own cadence (not part of the sum).
    pub rescheduled: usize,
}

/// Learners counted, and how many of them had adopted.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, Default, PartialEq, Eq)]
pub struct Share {
    /// Learners counted.
    pub learners: usize,
    /// Of them, adopted.
    pub adopted: usize,
}

impl Share {
    /// Adopted as a percentage of learners; `None` when there is nobody to count.
    pub fn percent(&self) -> Option<f64> {
        (self.learners > 0).then(|| 100.0 * self.adopted as f64 / self.learners as f64)
    }

    /// Learners who took part (committed) without adopting: participation that did not stick.
    pub fn not_adopted(&self) -> usize {
        self.learners.saturating_sub(self.adopted)
    }
}

/// How much a glossary term was used.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, Default, PartialEq, Eq)]
pub struct TermUse {
    /// Occurrences in reflections.
    pub uses: usize,
    /// Learners who used it at least once.
    pub learners: usize,
}

/// A funnel stage, in the order learners pass them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Chose a role.
    Selected,
    /// Committed to at least one behaviour.
    Committed,
    /// Answered the reflection of this step day.
    Answered(u32),
    /// Rated at least one behaviour.
    SelfChecked,
    /// Has at least one behaviour adopted on `as_of`.
    Adopted,
}

/// One funnel stage for one role.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct FunnelRow {
    /// Role id; `None` for all roles together.
    pub role: Option<String>,
    /// The stage.
    pub stage: Stage,
    /// The stage in words.
    pub label: String,
    /// Learners who reached it (stages after "committed" count committed learners only).
    pub learners: usize,
    /// Learners lost since the previous stage; negative when a step was answered by learners
    /// who missed the one before it.
    pub drop_off: i64,
}

/// Panel 1: where each role drops off.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Funnel {
    /// Stages per role in program order, then all roles together.
    pub rows: Vec<FunnelRow>,
}

/// Whether a role is represented among the learners.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// No learner in this role.
    None,
    /// Fewer than [`FEW_PERCENT`] percent of learners.
    Few,
    /// Enough to speak of.
    Enough,
}

impl Coverage {
    /// The flag as shown and exported.
    pub fn label(self) -> &'static str {
        match self {
            Coverage::None => "none",
            Coverage::Few => "few",
            Coverage::Enough => "",
        }
    }
}

/// One expected role.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct RoleRow {
    /// Role id.
    pub role: String,
    /// Role label.
    pub label: String,
    /// Learners who chose it.
    pub learners: usize,
    /// Of them, committed.
    pub committed: usize,
    /// Flag for roles expected to change but barely developed.
    pub coverage: Coverage,
}

/// Panel 2: every role the program expects, and who is actually in it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Roles {
    /// Learners counted (all roles).
    pub total: usize,
    /// One row per program role in program order (only the filtered role under a role filter).
    /// Learners whose role the program no longer has count in `total` and "all roles" rows only.
    pub rows: Vec<RoleRow>,
}

/// One glossary term's use in one role's reflections.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct TermRow {
    /// Role id; `None` for all roles together.
    pub role: Option<String>,
    /// The term as the program writes it.
    pub term: String,
    /// Occurrences (any alias, any case).
    pub uses: usize,
    /// Learners who used it.
    pub learners: usize,
    /// Reflections answered in this role, for scale.
    pub reflections: usize,
}

/// Panel 3: is the shared language being used, and by whom.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Terms {
    /// Every term per role in program order, then all roles together.
    pub rows: Vec<TermRow>,
}

/// One reflection step.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct StepRow {
    /// Step day.
    pub day: u32,
    /// Step title.
    pub title: String,
    /// Committed learners (what the counts add up to, snoozed aside).
    pub learners: usize,
    /// The counts.
    pub counts: StepCounts,
}

/// Panel 4: does the spaced reinforcement reach people.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Reinforcement {
    /// One row per step, in schedule order.
    pub rows: Vec<StepRow>,
    /// Committed learners on a pause (on leave) on `as_of`; their steps wait, none counts as missed.
    pub paused: usize,
}

/// Change from baseline for one behaviour in one role: the latest self-check against the
/// starting rating given at commitment, over learners who have both.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq, Eq)]
pub struct BaselineRow {
    /// Role id; `None` for all roles together.
    pub role: Option<String>,
    /// Behaviour id.
    pub behaviour: String,
    /// Behaviour title.
    pub title: String,
    /// Learners with a baseline and at least one self-check since.
    pub learners: usize,
    /// Sum of their baselines (scale levels), for the mean.
    pub baseline_sum: u64,
    /// Sum of their latest self-checks.
    pub latest_sum: u64,
    /// Of them, latest above baseline.
    pub improved: usize,
    /// Latest equal to baseline.
    pub unchanged: usize,
    /// Latest below baseline.
    pub declined: usize,
    /// Committed with a baseline, not rated since.
    pub not_rated_yet: usize,
    /// Committed without a baseline (plans from before baselines were asked).
    pub without_baseline: usize,
}

impl BaselineRow {
    fn add(&mut self, start: u8, latest: u8) {
        self.learners += 1;
        self.baseline_sum += u64::from(start);
        self.latest_sum += u64::from(latest);
        match latest.cmp(&start) {
            std::cmp::Ordering::Greater => self.improved += 1,
            std::cmp::Ordering::Equal => self.unchanged += 1,
            std::cmp::Ordering::Less => self.declined += 1,
        }
    }

    /// Mean baseline (scale level); `None` when nobody counts.
    pub fn mean_baseline(&self) -> Option<f64> {
        (self.learners > 0).then(|| self.baseline_sum as f64 / self.learners as f64)
    }

    /// Mean latest self-check.
    pub fn mean_latest(&self) -> Option<f64> {
        (self.learners > 0).then(|| self.latest_sum as f64 / self.learners as f64)
    }

    /// Mean change in scale levels (latest minus baseline).
    pub fn mean_change(&self) -> Option<f64> {
        (self.learners > 0)
            .then(|| (self.latest_sum as f64 - self.baseline_sum as f64) / self.learners as f64)
    }
}

/// Panel 6: how far self-ratings moved from where learners started.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Baseline {
    /// Per role in program order (the behaviours developed in it), then all roles together.
    pub rows: Vec<BaselineRow>,
}

/// Learners sampled per behaviour and group for success case interviews.
pub const SUCCESS_CASES: usize = 5;

/// Which end of the range a sampled learner comes from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, PartialEq, Eq)]
pub enum Group {
    /// The largest rise from the start.
    Strongest,
    /// The smallest rise (or largest fall).
    Weakest,
}

impl Group {
    /// The group as shown and exported.
    pub fn label(self) -> &'static str {
        match self {
            Group::Strongest => "strongest",
            Group::Weakest => "weakest",
        }
    }
}

/// One learner to interview about one behaviour.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SuccessRow {
    /// Behaviour id.
    pub behaviour: String,
    /// Strongest or weakest.
    pub group: Group,
    /// 1 for the most extreme of the group.
    pub rank: usize,
    /// Pseudonymous id (see [`pseudonym`]).
    pub learner: String,
    /// Display name from the statements, for views allowed to show it (never exported).
    pub name: Option<String>,
    /// Role id.
    pub role: String,
    /// Where the trajectory starts: the baseline, else the first self-check.
    pub start: u8,
    /// The latest self-check.
    pub latest: u8,
    /// Self-checks given.
    pub checks: usize,
    /// Whether the behaviour is adopted on `as_of`.
    pub adopted: bool,
}

impl SuccessRow {
    /// Latest minus start, in scale levels.
    pub fn change(&self) -> i32 {
        i32::from(self.latest) - i32::from(self.start)
    }
}

/// Panel 7: Success Case sampling (after Brinkerhoff's Success Case Method): per behaviour,
/// the learners with the strongest and the weakest trajectories, whom to interview.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SuccessCases {
    /// Learners per behaviour and group at most.
    pub per: usize,
    /// Per behaviour in program order: strongest by rank, then weakest by rank.
    pub rows: Vec<SuccessRow>,
}

/// Where a learner's self-ratings of one behaviour started and stand.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Copy, PartialEq, Eq)]
pub struct Trajectory {
    /// The baseline, else the first self-check.
    pub start: u8,
    /// The latest self-check.
    pub latest: u8,
    /// Self-checks given.
    pub checks: usize,
}

/// A trajectory needs a start and a later point: a baseline and one self-check, or two self-checks.
pub fn trajectory(baseline: Option<u8>, ratings: Option<&Vec<(Date, u8)>>) -> Option<Trajectory> {
    let ratings = ratings.map_or(&[][..], Vec::as_slice);
    let (_, latest) = ratings.last()?;
    let start = match baseline {
        Some(b) => b,
        None if ratings.len() >= 2 => ratings[0].1,
        None => return None,
    };
    Some(Trajectory {
        start,
        latest: *latest,
        checks: ratings.len(),
    })
}

/// Picks up to `n` strongest and `n` weakest from one behaviour's candidates, no learner in both:
/// by change (then latest level, then more self-checks as firmer evidence, then id).
pub fn sample(all: Vec<SuccessRow>, n: usize) -> Vec<SuccessRow> {
    let (strong, weak) = pick(all, n, |r| {
        (r.start, r.latest, r.checks, r.learner.as_str())
    });
    let mut out: Vec<SuccessRow> = Vec::with_capacity(strong.len() + weak.len());
    for (group, rows) in [(Group::Strongest, strong), (Group::Weakest, weak)] {
        for (i, mut r) in rows.into_iter().enumerate() {
            r.group = group;
            r.rank = i + 1;
            out.push(r);
        }
    }
    out
}

/// [`sample`]'s selection over any candidate, given its start, latest level, self-checks and
/// learner id: the strongest, then the weakest of the rest, each by rank. The report picks from
/// borrowed candidates and writes out rows for the few it keeps, not for tens of thousands.
fn pick<T>(all: Vec<T>, n: usize, key: impl Fn(&T) -> (u8, u8, usize, &str)) -> (Vec<T>, Vec<T>) {
    let change =
        |(start, latest, _, _): (u8, u8, usize, &str)| i32::from(latest) - i32::from(start);
    let strongest = |a: &T, b: &T| {
        let (a, b) = (key(a), key(b));
        change(b)
            .cmp(&change(a))
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(b.3))
    };
    let weakest = |a: &T, b: &T| {
        let (a, b) = (key(a), key(b));
        change(a)
            .cmp(&change(b))
            .then(a.1.cmp(&b.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(b.3))
    };
    // The first `k` in an order, sorted, the rest after them unsorted: a selection, not a sort
    // of every candidate (a behaviour of a 100,000-learner program has tens of thousands). Ties
    // keep the candidates' order, as a stable sort of all of them would.
    fn first<T>(rows: &mut [(usize, T)], k: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
        let by = |a: &(usize, T), b: &(usize, T)| order(&a.1, &b.1).then(a.0.cmp(&b.0));
        if k < rows.len() {
            rows.select_nth_unstable_by(k, by);
        }
        let k = k.min(rows.len());
        rows[..k].sort_unstable_by(by);
    }
    let mut all: Vec<(usize, T)> = all.into_iter().enumerate().collect();
    let strong = n.min(all.len());
    first(&mut all, strong, strongest);
    let mut tail = all.split_off(strong);
    let weak = n.min(tail.len());
    first(&mut tail, weak, weakest);
    tail.truncate(weak);
    (
        all.into_iter().map(|(_, r)| r).collect(),
        tail.into_iter().map(|(_, r)| r).collect(),
    )
}

/// Adoption N days after commitment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SustainedRow {
    /// N.
    pub days: u32,
    /// Committed learners whose day N has come, and of them with a behaviour adopted that day.
    pub share: Share,
}

/// Adoption of one behaviour on `as_of`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct BehaviourRow {
    /// Behaviour id.
    pub behaviour: String,
    /// Behaviour title.
    pub title: String,
    /// Learners committed to it, and of them adopted.
    pub share: Share,
}

/// Adoption of one behaviour at one week after commitment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct TrendRow {
    /// Behaviour id.
    pub behaviour: String,
    /// Weeks since commitment (day 7 × week).
    pub week: u32,
    /// Learners committed to it whose that day has come, and of them adopted that day.
    pub share: Share,
}

/// Panel 5: participation against adoption that lasts.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Adoption {
    /// At 30, 60 and 90 days.
    pub sustained: Vec<SustainedRow>,
    /// Per behaviour, in program order.
    pub behaviours: Vec<BehaviourRow>,
    /// Per behaviour and week.
    pub trend: Vec<TrendRow>,
}

/// One learner behind the figures.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct LearnerRow {
    /// Pseudonymous id (see [`pseudonym`]).
    pub id: String,
    /// Display name from the statements, for views allowed to show it.
    pub name: Option<String>,
    /// Role id.
    pub role: String,
    /// Course (grouping activity id) of their first statement.
    pub course: Option<String>,
    /// Commitment date.
    pub commitment: Option<Date>,
    /// Steps answered.
    pub answered: usize,
    /// Behaviours committed to.
    pub committed: usize,
    /// Behaviours adopted on `as_of`.
    pub adopted: usize,
}

/// The dashboard for one filter.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Report {
    /// The day the figures are for.
    pub as_of: Date,
    /// What happened to the statements received.
    pub intake: Intake,
    /// The learners counted, by pseudonymous id.
    pub learners: Vec<LearnerRow>,
    /// Panel 1.
    pub funnel: Funnel,
    /// Panel 2.
    pub roles: Roles,
    /// Panel 3.
    pub terms: Terms,
    /// Panel 4.
    pub reinforcement: Reinforcement,
    /// Panel 5.
    pub adoption: Adoption,
    /// Panel 6.
    pub baseline: Baseline,
    /// Panel 7.
    pub success: SuccessCases,
    /// Panel 8: how others see each behaviour.
    pub seen: SelfObserved,
    /// Panel 9: team coverage.
    pub teams: Teams,
}

/// How one behaviour is seen in the role it is observed in (one of the program's
/// observations): learners' own latest self-ratings against what others rated about them.
///
/// Others' ratings count as [`crate::observed`] counts them, so no one rater's answer can be
/// read off: per rater and person rated, the first answer of the latest round (schedule step)
/// counts; raters are counted in whole blocks of `min_raters`, in the order they first answered
/// (any round), so the figure is shown only over at least `min_raters` distinct raters and one
/// new rater never moves it. A counted rater's answer in a later round does move it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq, Eq)]
pub struct SeenRow {
    /// Behaviour id.
    pub behaviour: String,
    /// Behaviour title.
    pub title: String,
    /// The role observed (program role id).
    pub about: String,
    /// Its label.
    pub about_label: String,
    /// Fewest distinct raters before the observed figure shows.
    pub min_raters: u8,
    /// Learners of the role with a self-check of the behaviour.
    pub self_learners: usize,
    /// Sum of their latest self-checks (scale levels), for the mean.
    pub self_sum: u64,
    /// Raters counted (a multiple of `min_raters`; 0 while the figure is not shown).
    pub raters: usize,
    /// Raters not counted yet (fewer than a whole block).
    pub waiting: usize,
    /// People of the role the counted ratings are about.
    pub observed_people: usize,
    /// Ratings counted (one per rater and person rated).
    pub observed_ratings: usize,
    /// Sum of those ratings (scale levels).
    pub observed_sum: u64,
}

impl SeenRow {
    /// Mean latest self-check; `None` when nobody rated themselves.
    pub fn mean_self(&self) -> Option<f64> {
        (self.self_learners > 0).then(|| self.self_sum as f64 / self.self_learners as f64)
    }

    /// Mean observed rating; `None` while fewer than `min_raters` distinct raters are counted.
    pub fn mean_observed(&self) -> Option<f64> {
        (self.raters >= usize::from(self.min_raters.max(1)) && self.observed_ratings > 0)
            .then(|| self.observed_sum as f64 / self.observed_ratings as f64)
    }

    /// Raters still needed before the observed figure (or its next update) shows.
    pub fn needed(&self) -> usize {
        usize::from(self.min_raters.max(1)) - self.waiting
    }

    fn add_observed(&mut self, pairs: Vec<Pair<'_>>) {
        let min = usize::from(self.min_raters.max(1));
        // Raters in the order they first answered (then by identity, so the order is total).
        let mut first: BTreeMap<&str, OffsetDateTime> = BTreeMap::new();
        for p in &pairs {
            first
                .entry(p.rater)
                .and_modify(|t| *t = (*t).min(p.at))
                .or_insert(p.at);
        }
        let mut raters: Vec<(OffsetDateTime, &str)> =
            first.into_iter().map(|(r, t)| (t, r)).collect();
        raters.sort();
        let counted = raters.len() / min * min;
        self.raters = counted;
        self.waiting = raters.len() - counted;
        let counted: BTreeSet<&str> = raters.iter().take(counted).map(|(_, r)| *r).collect();
        let mut people = BTreeSet::new();
        for p in pairs.iter().filter(|p| counted.contains(p.rater)) {
            self.observed_ratings += 1;
            self.observed_sum += u64::from(p.level);
            people.insert(p.about);
        }
        self.observed_people = people.len();
    }
}

/// Panel 8: how others see each behaviour, next to how learners see themselves.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq, Eq)]
pub struct SelfObserved {
    /// One row per program observation, in program order (only those about the filtered role
    /// under a role filter).
    pub rows: Vec<SeenRow>,
}

/// One team, by pseudonym.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct TeamRow {
    /// Pseudonymous team id (see [`team_pseudonym`]).
    pub team: String,
    /// The leader's pseudonymous id (see [`pseudonym`]); `None` when no one joined it as its leader.
    pub leader: Option<String>,
    /// The leader's display name, for views allowed to show it (never exported).
    pub leader_name: Option<String>,
    /// The leader's role.
    pub leader_role: Option<String>,
    /// Whether the leader committed (a `committed` statement in this program).
    pub leader_committed: bool,
    /// Members in it now, the leader aside.
    pub members: usize,
    /// Of them, committed.
    pub members_committed: usize,
}

impl TeamRow {
    /// A known leader who never committed: the team's own leader is not developing.
    pub fn leader_never_committed(&self) -> bool {
        self.leader.is_some() && !self.leader_committed
    }

    /// Members joined, and none of them committed: the leader's people never started.
    pub fn members_never_started(&self) -> bool {
        self.members > 0 && self.members_committed == 0
    }
}

/// Panel 9: team coverage. Membership is read from `joined`/`left` statements, the latest of
/// each person and team standing; a team counts while anyone is in it. Under a role or course
/// filter, the teams with anyone (leader or member) of that role and course; the cohort dates do
/// not apply (a leader who never committed has no cohort).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq, Eq)]
pub struct Teams {
    /// By pseudonym.
    pub rows: Vec<TeamRow>,
}

impl Teams {
    /// Teams counted.
    pub fn count(&self) -> usize {
        self.rows.len()
    }

    /// Teams whose leader never committed.
    pub fn leaders_not_committed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.leader_never_committed())
            .count()
    }

    /// Teams with members none of whom committed.
    pub fn members_not_started(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.members_never_started())
            .count()
    }

    /// Teams with no members yet (the leader alone).
    pub fn without_members(&self) -> usize {
        self.rows.iter().filter(|r| r.members == 0).count()
    }

    /// Members of all teams counted (a person in two teams counts twice).
    pub fn members(&self) -> usize {
        self.rows.iter().map(|r| r.members).sum()
    }

    /// Mean members per team; `None` without teams.
    pub fn mean_members(&self) -> Option<f64> {
        (!self.rows.is_empty()).then(|| self.members() as f64 / self.rows.len() as f64)
    }
}

/// One CSV field, quoted when RFC 4180 needs it.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV document: header and rows, CRLF line ends.
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
        let _ = write!(out, "{}\r\n", cells.join(","));
    };
    line(&mut out, header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(&mut out, r);
    }
    out
}

fn percent(share: &Share) -> String {
    share.percent().map_or(String::new(), |p| format!("{p:.1}"))
}

const ALL_ROLES: &str = "(all roles)";

impl Funnel {
    /// The panel as CSV.
    pub fn to_csv(&self) -> String {
        csv(
            &["role", "stage", "learners", "drop_off"],
            self.rows.iter().map(|r| {
                vec![
                    r.role.clone().unwrap_or(ALL_ROLES.into()),
                    r.label.clone(),
                    r.learners.to_string(),
                    r.drop_off.to_string(),
                ]
            }),
        )
    }
}

impl Roles {
    /// The panel as CSV.
    pub fn to_csv(&self) -> String {
        csv(
            &["role", "label", "learners", "committed", "flag"],
            self.rows.iter().map(|r| {
                vec![
                    r.role.clone(),
                    r.label.clone(),
                    r.learners.to_string(),
                    r.committed.to_string(),
                    r.coverage.label().to_string(),
                ]
            }),
        )
    }
}

impl Terms {
    /// The panel as CSV.
    pub fn to_csv(&self) -> String {
        csv(
            &["role", "term", "uses", "learners", "reflections"],
            self.rows.iter().map(|r| {
                vec![
                    r.role.clone().unwrap_or(ALL_ROLES.into()),
                    r.term.clone(),
                    r.uses.to_string(),
                    r.learners.to_string(),
                    r.reflections.to_string(),
                ]
            }),
        )
    }
}

impl Reinforcement {
    /// The panel as CSV.
    pub fn to_csv(&self) -> String {
        csv(
            &[
                "day",
                "title",
                "learners",
                "on_time",
                "late",
                "skipped",
                "missed",
                "open",
                "snoozed",
                "rescheduled",
            ],
            self.rows.iter().map(|r| {
                let c = r.counts;
                vec![
                    r.day.to_string(),
                    r.title.clone(),
                    r.learners.to_string(),
                    c.on_time.to_string(),
                    c.late.to_string(),
                    c.skipped.to_string(),
                    c.missed.to_string(),
                    c.open.to_string(),
                    c.snoozed.to_string(),
                    c.rescheduled.to_string(),
                ]
            }),
        )
    }
}

impl Adoption {
    /// The panel as one long CSV: `measure` is `sustained` (any behaviour, at N days),
    /// `behaviour` (on `as_of`, `days` empty) or `weekly` (at 7 × week days).
    pub fn to_csv(&self) -> String {
        let row = |measure: &str, behaviour: &str, days: String, s: &Share| {
            vec![
                measure.to_string(),
                behaviour.to_string(),
                days,
                s.learners.to_string(),
                s.adopted.to_string(),
                s.not_adopted().to_string(),
                percent(s),
            ]
        };
        let rows = self
            .sustained
            .iter()
            .map(|r| row("sustained", "", r.days.to_string(), &r.share))
            .chain(
                self.behaviours
                    .iter()
                    .map(|r| row("behaviour", &r.behaviour, String::new(), &r.share)),
            )
            .chain(
                self.trend
                    .iter()
                    .map(|r| row("weekly", &r.behaviour, (7 * r.week).to_string(), &r.share)),
            );
        csv(
            &[
                "measure",
                "behaviour",
                "days",
                "learners",
                "adopted",
                "not_adopted",
                "percent",
            ],
            rows,
        )
    }
}

fn mean(v: Option<f64>) -> String {
    v.map_or(String::new(), |m| format!("{m:.2}"))
}

impl Baseline {
    /// The panel as CSV; means are in scale levels (0 is the scale's lowest).
    pub fn to_csv(&self) -> String {
        csv(
            &[
                "role",
                "behaviour",
                "learners",
                "mean_baseline",
                "mean_latest",
                "mean_change",
                "improved",
                "unchanged",
                "declined",
                "not_rated_yet",
                "without_baseline",
            ],
            self.rows.iter().map(|r| {
                vec![
                    r.role.clone().unwrap_or(ALL_ROLES.into()),
                    r.behaviour.clone(),
                    r.learners.to_string(),
                    mean(r.mean_baseline()),
                    mean(r.mean_latest()),
                    mean(r.mean_change()),
                    r.improved.to_string(),
                    r.unchanged.to_string(),
                    r.declined.to_string(),
                    r.not_rated_yet.to_string(),
                    r.without_baseline.to_string(),
                ]
            }),
        )
    }
}

impl SuccessCases {
    /// The sample as CSV, learners by pseudonymous id only; `start` and `latest` are scale
    /// labels of `program`.
    pub fn to_csv(&self, program: &Program) -> String {
        let label = |l: u8| program.scale_label(l).unwrap_or_default().to_string();
        csv(
            &[
                "behaviour",
                "group",
                "rank",
                "learner",
                "role",
                "start",
                "latest",
                "change",
                "self_checks",
                "adopted",
            ],
            self.rows.iter().map(|r| {
                vec![
                    r.behaviour.clone(),
                    r.group.label().to_string(),
                    r.rank.to_string(),
                    r.learner.clone(),
                    r.role.clone(),
                    label(r.start),
                    label(r.latest),
                    r.change().to_string(),
                    r.checks.to_string(),
                    if r.adopted { "yes" } else { "no" }.to_string(),
                ]
            }),
        )
    }
}

impl SelfObserved {
    /// The panel as CSV; means are in scale levels, the observed mean empty while fewer than
    /// `min_raters` raters are counted.
    pub fn to_csv(&self) -> String {
        csv(
            &[
                "behaviour",
                "role_observed",
                "self_learners",
                "mean_self",
                "raters",
                "people_observed",
                "mean_observed",
                "min_raters",
                "raters_waiting",
            ],
            self.rows.iter().map(|r| {
                vec![
                    r.behaviour.clone(),
                    r.about.clone(),
                    r.self_learners.to_string(),
                    mean(r.mean_self()),
                    r.raters.to_string(),
                    r.observed_people.to_string(),
                    mean(r.mean_observed()),
                    r.min_raters.to_string(),
                    r.waiting.to_string(),
                ]
            }),
        )
    }
}

impl Teams {
    /// The panel as CSV, teams and leaders by pseudonymous id only.
    pub fn to_csv(&self) -> String {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        csv(
            &[
                "team",
                "leader",
                "leader_role",
                "leader_committed",
                "members",
                "members_committed",
                "leader_never_committed",
                "members_never_started",
            ],
            self.rows.iter().map(|r| {
                vec![
                    r.team.clone(),
                    r.leader.clone().unwrap_or_default(),
                    r.leader_role.clone().unwrap_or_default(),
                    yes(r.leader_committed),
                    r.members.to_string(),
                    r.members_committed.to_string(),
                    yes(r.leader_never_committed()),
                    yes(r.members_never_started()),
                ]
            }),
        )
    }
}

mod raw;
mod saved;
#[cfg(test)]
mod tests;

pub use saved::{
    fingerprint, KeptFigures, RestoreError, Snapshot, StaleFigures, INSIGHTS_EXTENSION,
    KEPT_FIGURES_FORMAT, SAVED_FORMAT, SNAPSHOT_FORMAT, SNAPSHOT_LEARNERS,
};
