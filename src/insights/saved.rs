//! The fold state kept between visits (the dashboard's browser cache) and the figures a
//! Throughline service sends instead of the statements (its `/insights` snapshot).
//!
//! The saved state is postcard bytes behind a format number and the program's fingerprint:
//! a state written by another format, or folded for another version of the program (whose
//! prefixes and glossary decide what a statement counts for), is refused and refolded,
//! never misread.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Insights, Intake, Keyer, Kind, Person, Report};
use crate::program::Program;

/// Version of [`Insights::save`]'s bytes; bump it whenever what is saved changes shape.
pub const SAVED_FORMAT: u32 = 2;

/// Why saved fold state was not restored; the caller reads everything again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// Written by another format of [`Insights::save`].
    OtherFormat(u32),
    /// Folded for another program, or another version of this one.
    OtherProgram,
    /// The bytes are not saved fold state (cut short, or damaged).
    Unreadable,
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::OtherFormat(v) => write!(
                f,
                "the saved figures are of an older format ({v}); reading all statements again"
            ),
            RestoreError::OtherProgram => f.write_str(
                "the program changed since the figures were saved; reading all statements again",
            ),
            RestoreError::Unreadable => {
                f.write_str("the saved figures could not be read; reading all statements again")
            }
        }
    }
}

/// What identifies a program for a saved fold: a SHA-256 of its compiled form, cut to 16 bytes.
pub fn fingerprint(program: &Program) -> [u8; 16] {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(crate::program::compiled::compile(program).as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// What tells which key a saved fold's pseudonyms were made with, without holding the key.
fn key_tag(keyer: &Keyer) -> String {
    keyer.keyed_id("fold-", "throughline saved pseudonyms")
}

/// One event as saved: course and role as indices into the saved names.
type SavedEvent = (u128, OffsetDateTime, Option<u32>, Option<u32>, Kind);

#[derive(Serialize, Deserialize)]
struct SavedPerson {
    key: String,
    name: Option<(OffsetDateTime, String)>,
    events: Vec<SavedEvent>,
    /// Under the key that [`Saved::keyed_by`] tells; the HMACs were a quarter of a report.
    pseudonym: String,
}

/// The header, read first so an old format is told apart before the rest is decoded.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    program: [u8; 16],
}

#[derive(Deserialize)]
struct Saved {
    _header: Header,
    names: Vec<String>,
    seen: Vec<u128>,
    voided: Vec<u128>,
    intake: Intake,
    keyed_by: String,
    people: Vec<SavedPerson>,
}

/// Serialises people one by one from the live state, so saving never holds a second copy.
struct PeopleOut<'a> {
    people: &'a [Person],
    index: &'a FxHashMap<&'a str, u32>,
    keyer: &'a Keyer,
}

struct PersonOut<'a> {
    person: &'a Person,
    index: &'a FxHashMap<&'a str, u32>,
    keyer: &'a Keyer,
}

impl Serialize for PeopleOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.people.iter().map(|person| PersonOut {
            person,
            index: self.index,
            keyer: self.keyer,
        }))
    }
}

impl Serialize for PersonOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let name_of = |n: &Option<Arc<str>>| n.as_deref().and_then(|n| self.index.get(n).copied());
        let events = self
            .person
            .events
            .iter()
            .map(|e| (e.id, e.at, name_of(&e.course), name_of(&e.role), &e.kind));
        let mut t = s.serialize_tuple(4)?;
        t.serialize_element(&self.person.key)?;
        t.serialize_element(&self.person.name)?;
        t.serialize_element(&Seq(std::cell::Cell::new(Some(events))))?;
        t.serialize_element(
            self.person
                .pseudonym
                .get_or_init(|| self.keyer.learner(&self.person.key)),
        )?;
        t.end()
    }
}

/// An iterator serialised as a sequence (once).
struct Seq<I>(std::cell::Cell<Option<I>>);

impl<I, T> Serialize for Seq<I>
where
    I: Iterator<Item = T> + ExactSizeIterator,
    T: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => s.collect_seq(items),
            None => s.collect_seq(std::iter::empty::<T>()),
        }
    }
}

/// A postcard output that hands its bytes on in pieces of about `piece` bytes instead of
/// growing one buffer: a million statements' fold is over a hundred megabytes, and the doubling
/// vector that held it raised the dashboard's peak memory by 400 MB (WebAssembly memory, once
/// grown, stays so).
struct Pieces<'s> {
    buf: Vec<u8>,
    piece: usize,
    sink: &'s mut dyn FnMut(&[u8]),
}

impl Pieces<'_> {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            (self.sink)(&self.buf);
            self.buf.clear();
        }
    }
}

impl postcard::ser_flavors::Flavor for Pieces<'_> {
    type Output = ();

    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= self.piece {
            self.flush();
        }
        Ok(())
    }

    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.try_extend(&[data])
    }

    fn finalize(mut self) -> postcard::Result<()> {
        self.flush();
        Ok(())
    }
}

impl Insights {
    /// The fold so far as bytes, to restore on a later visit with [`Insights::restore`].
    /// `as_of` and the pseudonym key are not saved: they belong to the visit, not the fold.
    /// Every learner's pseudonym is (worked out now where a report has not yet), with a keyed
    /// tag that tells a restore under another key to work them out again.
    pub fn save(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.save_in_pieces(1 << 16, &mut |piece| out.extend_from_slice(piece));
        out
    }

    /// The bytes of [`Insights::save`], handed to `sink` in order in pieces of about `piece`
    /// bytes (the last may be shorter), so that they need never be in memory all at once.
    pub fn save_in_pieces(&self, piece: usize, sink: &mut dyn FnMut(&[u8])) {
        let names: Vec<&str> = self.names.iter().map(|n| &**n).collect();
        let index: FxHashMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32))
            .collect();
        let mut seen: Vec<u128> = self.seen.iter().copied().collect();
        seen.sort_unstable();
        let mut voided: Vec<u128> = self.voided.iter().copied().collect();
        voided.sort_unstable();
        let out = (
            Header {
                format: SAVED_FORMAT,
                program: fingerprint(&self.program),
            },
            names,
            seen,
            voided,
            self.intake,
            key_tag(&self.keyer),
            PeopleOut {
                people: &self.people,
                index: &index,
                keyer: &self.keyer,
            },
        );
        let pieces = Pieces {
            buf: Vec::with_capacity(piece.saturating_add(64)),
            piece: piece.max(1),
            sink,
        };
        // The output never refuses bytes, and no type here refuses to serialise.
        let _ = postcard::serialize_with_flavor(&out, pieces);
    }

    /// The fold [`Insights::save`] wrote, for `program` as of `as_of`, keyed with `secret` (as
    /// [`Insights::keyed`]); refused when it was written by another format or for another
    /// version of the program.
    pub fn restore(
        program: &Program,
        as_of: Date,
        secret: &[u8],
        bytes: &[u8],
    ) -> Result<Insights, RestoreError> {
        let header: Header = postcard::take_from_bytes(bytes)
            .map_or(Err(RestoreError::Unreadable), |(h, _)| Ok(h))?;
        if header.format != SAVED_FORMAT {
            return Err(RestoreError::OtherFormat(header.format));
        }
        if header.program != fingerprint(program) {
            return Err(RestoreError::OtherProgram);
        }
        let saved: Saved = postcard::from_bytes(bytes).map_err(|_| RestoreError::Unreadable)?;
        let mut out = Insights::new(program, as_of).keyed(secret);
        // Pseudonyms saved under another key are worked out again, never shown.
        let same_key = saved.keyed_by == key_tag(&out.keyer);
        let names: Vec<Arc<str>> = saved.names.iter().map(|n| out.intern(n)).collect();
        let name = |i: Option<u32>| -> Result<Option<Arc<str>>, RestoreError> {
            i.map(|i| {
                names
                    .get(i as usize)
                    .cloned()
                    .ok_or(RestoreError::Unreadable)
            })
            .transpose()
        };
        out.seen = saved.seen.into_iter().collect();
        out.voided = saved.voided.into_iter().collect();
        out.intake = saved.intake;
        out.people.reserve(saved.people.len());
        for p in saved.people {
            let mut events = Vec::with_capacity(p.events.len());
            for (id, at, course, role, kind) in p.events {
                events.push(super::Event {
                    id,
                    at,
                    course: name(course)?,
                    role: name(role)?,
                    kind: out.shared(kind),
                });
            }
            if out.index.insert(p.key.clone(), out.people.len()).is_some() {
                return Err(RestoreError::Unreadable);
            }
            // In the order a report replays them, as `add` keeps them (already so: a pass).
            events.sort_by_key(|e| (e.at, e.id));
            let pseudonym = std::sync::OnceLock::new();
            if same_key {
                let _ = pseudonym.set(p.pseudonym);
            }
            out.people.push(Person {
                key: p.key,
                name: p.name,
                events,
                pseudonym,
            });
        }
        Ok(out)
    }
}

/// The About extension by which a Throughline service names where its snapshot is
/// (relative to the xAPI endpoint).
pub const INSIGHTS_EXTENSION: &str = "https://throughline.app/xapi/extensions/insights";

/// Version of [`Snapshot`]'s JSON, so a dashboard can tell a service it does not understand.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// Learners a snapshot lists (the dashboard shows the first 500); the count is whole.
pub const SNAPSHOT_LEARNERS: usize = 500;

/// What a Throughline service answers `GET /insights` with: the report the dashboard would
/// have computed from the same statements, with the learner list cut to what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// The figures.
    pub report: Report,
    /// Learners counted (the report's list holds at most [`SNAPSHOT_LEARNERS`]).
    pub learners: usize,
    /// Every course learners came from, for the filter (sorted, once each).
    pub courses: Vec<String>,
    /// Statements the service has folded for this program.
    pub statements: usize,
}

impl Snapshot {
    /// `report` as sent: names removed unless `names` (the admin may see them), the learner
    /// list cut, `courses` the courses of all learners (the filter's choices).
    pub fn of(
        mut report: Report,
        courses: Vec<String>,
        statements: usize,
        names: bool,
    ) -> Snapshot {
        if !names {
            report.without_names();
        }
        let learners = report.learners.len();
        report.learners.truncate(SNAPSHOT_LEARNERS);
        Snapshot {
            format: SNAPSHOT_FORMAT,
            report,
            learners,
            courses,
            statements,
        }
    }
}

impl Report {
    /// Drops every display name (learners, interviewees, team leaders), for admins who may
    /// see only pseudonyms.
    pub fn without_names(&mut self) {
        for l in &mut self.learners {
            l.name = None;
        }
        for s in &mut self.success.rows {
            s.name = None;
        }
        for t in &mut self.teams.rows {
            t.leader_name = None;
        }
    }

    /// The courses of the learners counted, sorted, once each.
    pub fn courses(&self) -> Vec<String> {
        let mut list: Vec<String> = self
            .learners
            .iter()
            .filter_map(|l| l.course.clone())
            .collect();
        list.sort();
        list.dedup();
        list
    }
}

/// Version of [`KeptFigures`]' JSON; bump it whenever what is kept changes shape.
pub const KEPT_FIGURES_FORMAT: u32 = 1;

/// The unfiltered figures a plain-LRS visit ended with, kept beside the fold (small: the
/// learner list is cut as a [`Snapshot`]'s is). A later visit shows them at once when the LRS
/// has nothing newer than `since`, on the same day, for the same program and the same choice
/// of names: restoring and reporting a million statements' fold takes seconds, and would give
/// these same figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFigures {
    /// [`KEPT_FIGURES_FORMAT`].
    pub format: u32,
    /// [`fingerprint`] of the program they were counted for.
    pub program: [u8; 16],
    /// The day they are for.
    pub as_of: Date,
    /// Whether display names were kept in them.
    pub names: bool,
    /// The `since` that reads what came after them (`launch::admin::next_since`).
    pub since: Option<String>,
    /// The figures.
    pub snapshot: Snapshot,
}

/// Why kept [`KeptFigures`] do not stand for this visit; the dashboard restores the fold instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaleFigures {
    /// Not figures of this format (or not readable at all).
    Unreadable,
    /// Counted for another program, or another version of this one.
    OtherProgram,
    /// Counted for another day.
    OtherDay,
    /// Kept with names where this visit may not show them, or the other way round.
    OtherNames,
}

impl KeptFigures {
    /// The figures of `report` (unfiltered, over `statements` statements read up to `since`).
    /// Only the learners a snapshot lists are copied: the report may hold 100,000.
    pub fn of(
        program: &Program,
        report: &Report,
        statements: usize,
        names: bool,
        since: Option<String>,
    ) -> KeptFigures {
        let cut = Report {
            as_of: report.as_of,
            intake: report.intake,
            learners: report
                .learners
                .iter()
                .take(SNAPSHOT_LEARNERS)
                .cloned()
                .collect(),
            funnel: report.funnel.clone(),
            roles: report.roles.clone(),
            terms: report.terms.clone(),
            reinforcement: report.reinforcement.clone(),
            adoption: report.adoption.clone(),
            baseline: report.baseline.clone(),
            success: report.success.clone(),
            seen: report.seen.clone(),
            teams: report.teams.clone(),
        };
        let mut snapshot = Snapshot::of(cut, report.courses(), statements, names);
        snapshot.learners = report.learners.len();
        KeptFigures {
            format: KEPT_FIGURES_FORMAT,
            program: fingerprint(program),
            as_of: report.as_of,
            names,
            since,
            snapshot,
        }
    }

    /// As kept in the browser.
    pub fn to_json(&self) -> String {
        // Plain data with string keys only: serialising it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Kept figures, if they stand for a visit to `program` on `as_of` with `names` allowed.
    pub fn read(
        text: &str,
        program: &Program,
        as_of: Date,
        names: bool,
    ) -> Result<KeptFigures, StaleFigures> {
        let f: KeptFigures = serde_json::from_str(text).map_err(|_| StaleFigures::Unreadable)?;
        if f.format != KEPT_FIGURES_FORMAT || f.snapshot.format != SNAPSHOT_FORMAT {
            Err(StaleFigures::Unreadable)
        } else if f.program != fingerprint(program) {
            Err(StaleFigures::OtherProgram)
        } else if f.as_of != as_of || f.snapshot.report.as_of != as_of {
            Err(StaleFigures::OtherDay)
        } else if f.names != names {
            Err(StaleFigures::OtherNames)
        } else {
            Ok(f)
        }
    }
}
