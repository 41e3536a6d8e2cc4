//! Reinforcement that reaches people: the service emails each learner when a
//! reflection step comes due, and once more if it stays open, from what the
//! LRS holds (the plans and program lists the widget keeps there). The pure
//! `throughline::nudge` core decides what is owed; this module reads the
//! store, claims each message in the database (so several service processes
//! never send the same one), composes it (`mail`) and hands it to a mail
//! server or the local mailbox. `routes` holds the unsubscribe pages, the
//! host's address API and the learners' calendar feeds.

pub(crate) mod chat;
mod mail;
pub(crate) mod routes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use throughline::enrolment::{Programs, PLAN_STATE, PROGRAMS_PROFILE};
use throughline::i18n::{self, LANGUAGES};
use throughline::nudge::{self, Kind, Policy, Sent};
use throughline::plan::{self, Plan};
use throughline::program::Program;
use time::{Date, Time};

use crate::lrs::store::{self, Claim, Store};
use crate::lrs::Lrs;

/// `[nudges]` in `throughline.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// `mailbox` (files in the data folder's `mailbox/`), `off`, or an SMTP URL
    /// (`smtp://`, `smtps://`, with `?tls=required` for STARTTLS).
    pub transport: String,
    /// The sender, e.g. `Throughline <learning@example.com>`.
    pub from: String,
    /// How learners' mail clients reach this service, for unsubscribe links.
    pub public_url: Option<String>,
    /// Seconds between passes over every learner.
    pub every_seconds: u64,
    /// Days a due step stays open before its one reminder.
    pub remind_after_days: u32,
    /// Messages about one step at most, reminders included.
    pub max_per_step: u32,
    /// Local quiet hours, `HH:MM-HH:MM` (may cross midnight); empty for none.
    pub quiet_hours: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            transport: "mailbox".into(),
            from: "Throughline <throughline@localhost>".into(),
            public_url: None,
            every_seconds: 300,
            remind_after_days: 3,
            max_per_step: 2,
            quiet_hours: "20:00-08:00".into(),
        }
    }
}

/// Where messages go.
pub(crate) enum Transport {
    /// Nowhere: nudges are off.
    Off,
    /// `.eml` files in a folder (the demo's and a fresh install's mailbox).
    Mailbox(PathBuf),
    /// A mail server.
    Smtp(Box<lettre::SmtpTransport>),
}

/// Settings checked and ready.
pub struct Nudger {
    lrs: Lrs,
    programs: PathBuf,
    transport: Transport,
    from: lettre::message::Mailbox,
    public_url: String,
    every: Duration,
    policy: Policy,
    /// For chat webhooks: no redirects (a webhook that moves is a configuration to fix), a deadline.
    http: ureq::Agent,
}

/// What one pass did, for the log, the status page and the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pass {
    /// Plans looked at.
    pub plans: usize,
    /// Nudges owed now (before quiet hours and addresses).
    pub owed: usize,
    /// Held back: quiet hours where the learner is.
    pub quiet: usize,
    /// Learners owed a nudge who have no address.
    pub no_address: usize,
    /// Learners owed a nudge who unsubscribed.
    pub unsubscribed: usize,
    /// Messages handed to the mail server (a digest counts once).
    pub messages: usize,
    /// Nudges another process claimed first.
    pub taken: usize,
    /// Messages the mail server refused (tried again next pass).
    pub failed: usize,
    /// The last refusal, in the server's words.
    pub last_error: Option<String>,
}

fn parse_quiet(text: &str) -> Result<Option<(Time, Time)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("[nudges] quiet_hours “{text}” is not of the form 20:00-08:00");
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let hm = |s: &str| -> Result<Time, String> {
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let (h, m) = (
            h.parse::<u8>().map_err(|_| bad())?,
            m.parse::<u8>().map_err(|_| bad())?,
        );
        Time::from_hms(h, m, 0).map_err(|_| bad())
    };
    Ok(Some((hm(a)?, hm(b)?)))
}

impl Nudger {
    /// Checks `settings` for the service on `lrs` with programs in `programs`; `origin` is
    /// the address it listens on, for links when `public_url` is not set. A problem names
    /// the setting.
    pub fn new(
        settings: &Settings,
        lrs: Lrs,
        programs: PathBuf,
        data_dir: &Path,
        origin: &str,
    ) -> Result<Nudger, String> {
        let transport = match settings.transport.trim() {
            "off" | "" => Transport::Off,
            "mailbox" => Transport::Mailbox(data_dir.join("mailbox")),
            url if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                Transport::Smtp(Box::new(
                    lettre::SmtpTransport::from_url(url)
                        .map_err(|e| format!("[nudges] transport is not a usable SMTP URL: {e}"))?
                        .timeout(Some(Duration::from_secs(20)))
                        .build(),
                ))
            }
            other => {
                return Err(format!(
                    "[nudges] transport “{}” is not mailbox, off, or an smtp:// or smtps:// URL",
                    mail::without_password(other)
                ))
            }
        };
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("[nudges] from “{}” is not an address: {e}", settings.from))?;
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| origin.to_string())
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!(
                "[nudges] public_url “{public_url}” is not an http(s) URL"
            ));
        }
        if settings.max_per_step == 0 {
            return Err(
                "[nudges] max_per_step must be at least 1 (use transport = \"off\" to send none)"
                    .into(),
            );
        }
        Ok(Nudger {
            lrs,
            programs,
            transport,
            from,
            public_url,
            every: Duration::from_secs(settings.every_seconds.max(1)),
            http: ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(15)))
                .max_redirects(0)
                .http_status_as_error(false)
                .build()
                .into(),
            policy: Policy {
                remind_after_days: settings.remind_after_days,
                max_per_step: settings.max_per_step,
                quiet: parse_quiet(&settings.quiet_hours)?,
            },
        })
    }

    /// The local mailbox folder, when messages go there.
    pub fn mailbox(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Mailbox(dir) => Some(dir),
            _ => None,
        }
    }

    /// Where messages go, in words for the status line (never a password).
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Off => "off".into(),
            Transport::Mailbox(dir) => format!("to the local mailbox {}", dir.display()),
            Transport::Smtp(_) => "by SMTP".into(),
        }
    }

    /// Runs a pass every `every_seconds` for as long as the runtime runs.
    pub fn spawn(self: std::sync::Arc<Self>) -> tokio::task::JoinHandle<()> {
        let nudger = self;
        tokio::spawn(async move {
            if matches!(nudger.transport, Transport::Off) {
                return;
            }
            loop {
                let n = nudger.clone();
                match tokio::task::spawn_blocking(move || n.pass(time::OffsetDateTime::now_utc()))
                    .await
                {
                    Ok(Ok(p)) if p.messages > 0 || p.failed > 0 => eprintln!(
                        "nudges: {} sent, {} failed{}",
                        p.messages,
                        p.failed,
                        p.last_error.map(|e| format!(" ({e})")).unwrap_or_default()
                    ),
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => eprintln!("nudges: the pass stopped: {e}"),
                    Err(e) => eprintln!("nudges: the pass failed: {e}"),
                }
                tokio::time::sleep(nudger.every).await;
            }
        })
    }

    /// One pass over every learner with a plan in one of this service's programs, at `now`:
    /// works out what is owed, claims it and sends it. Blocking (database and mail IO).
    pub fn pass(&self, now: time::OffsetDateTime) -> Result<Pass, String> {
        let mut report = Pass::default();
        let (programs, owed) = self.owed(now, &mut report)?;
        self.deliver(&programs, owed, &mut report)?;
        Ok(report)
    }

    /// Decides only (no claims, no mail): the benchmark's measure of deciding who is due.
    pub fn decide(&self, now: time::OffsetDateTime) -> Result<Pass, String> {
        let mut report = Pass::default();
        self.owed(now, &mut report)?;
        Ok(report)
    }

    fn owed(
        &self,
        now: time::OffsetDateTime,
        report: &mut Pass,
    ) -> Result<(Vec<Program>, OwedByLearner), String> {
        let store = self.lrs.store();
        let programs: Vec<Program> = crate::lti::programs_parsed(&self.programs)
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        let mut owed: BTreeMap<String, Vec<Owed>> = BTreeMap::new();
        for (index, program) in programs.iter().enumerate() {
            let mut after = String::new();
            loop {
                let page = store
                    .nudge_plans(&program.id, PLAN_STATE, &after, 2000)
                    .map_err(|e| e.message)?;
                let (Some(first), Some(last)) = (page.first(), page.last()) else {
                    break;
                };
                let (first, last) = (first.0.clone(), last.0.clone());
                let profiles: BTreeMap<String, Programs> = store
                    .nudge_profiles(PROGRAMS_PROFILE, &first, &last)
                    .map_err(|e| e.message)?
                    .into_iter()
                    .map(|(ifi, body)| (ifi, Programs::read(&body)))
                    .collect();
                let mut history: BTreeMap<String, Vec<Sent>> = BTreeMap::new();
                for (ifi, c) in store
                    .nudge_history(&program.id, &first, &last)
                    .map_err(|e| e.message)?
                {
                    if let Some(sent) = sent_of(&c) {
                        history.entry(ifi).or_default().push(sent);
                    }
                }
                for (ifi, body) in &page {
                    report.plans += 1;
                    let Ok(text) = std::str::from_utf8(body) else {
                        continue;
                    };
                    let plan = plan::restore(program, Some(text)).plan;
                    let enrolment = profiles
                        .get(ifi)
                        .and_then(|p| p.programs.iter().find(|e| e.id == program.id));
                    let zone = enrolment.and_then(|e| e.time_zone.as_deref());
                    let (today, clock) = local_now(now, zone, &plan);
                    let sent = history.get(ifi).map(Vec::as_slice).unwrap_or_default();
                    let Some(n) = nudge::owed(program, &plan, today, sent, &self.policy) else {
                        continue;
                    };
                    report.owed += 1;
                    if nudge::is_quiet(&self.policy, clock) {
                        report.quiet += 1;
                        continue;
                    }
                    owed.entry(ifi.clone()).or_default().push(Owed {
                        program: index,
                        day: n.step.day,
                        due: n.due,
                        kind: n.kind,
                        overdue_days: n.overdue_days,
                        role: plan.role.clone().unwrap_or_default(),
                        course_url: enrolment.and_then(|e| e.course_url.clone()),
                        lang: i18n::negotiate(
                            enrolment.and_then(|e| e.language.as_deref()),
                            &program.locale,
                        ),
                    });
                }
                after = last;
            }
        }
        Ok((programs, owed))
    }

    fn deliver(
        &self,
        programs: &[Program],
        owed: BTreeMap<String, Vec<Owed>>,
        report: &mut Pass,
    ) -> Result<(), String> {
        if owed.is_empty() {
            return Ok(());
        }
        // Mail servers answer each command in turn: several connections at once (lettre's
        // pool) keep the pass from waiting on one round trip after another.
        let now_ns = store::now_ns();
        // Each program in each language once, for the messages (most learners share a few).
        let localized: Vec<Vec<Program>> = programs
            .iter()
            .map(|p| LANGUAGES.iter().map(|l| p.in_language(l)).collect())
            .collect();
        let localized = &localized;
        let mut lanes: Vec<Vec<(String, Vec<Owed>)>> = (0..SENDERS).map(|_| Vec::new()).collect();
        for (i, entry) in owed.into_iter().enumerate() {
            lanes[i % SENDERS].push(entry);
        }
        let results: Vec<Result<Pass, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = lanes
                .into_iter()
                .map(|lane| {
                    scope.spawn(move || self.deliver_lane(programs, localized, lane, now_ns))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("a sender thread stopped".into()))
                })
                .collect()
        });
        for r in results {
            let p = r?;
            report.no_address += p.no_address;
            report.unsubscribed += p.unsubscribed;
            report.taken += p.taken;
            report.messages += p.messages;
            report.failed += p.failed;
            if p.last_error.is_some() {
                report.last_error = p.last_error;
            }
        }
        Ok(())
    }

    fn deliver_lane(
        &self,
        programs: &[Program],
        localized: &[Vec<Program>],
        lane: Vec<(String, Vec<Owed>)>,
        now_ns: i64,
    ) -> Result<Pass, String> {
        let store = self.lrs.store();
        let mut report = Pass::default();
        for (ifi, items) in lane {
            let Some(recipient) = recipient(store, &ifi, now_ns)? else {
                report.no_address += 1;
                continue;
            };
            if recipient.unsubscribed {
                report.unsubscribed += 1;
                continue;
            }
            // A chat webhook the host gave wins over email: the host knows where people read.
            let to: Option<lettre::message::Mailbox> =
                recipient.email.as_deref().and_then(|e| e.parse().ok());
            if recipient.chat.is_none() && to.is_none() {
                report.no_address += 1;
                continue;
            }
            let claims: Vec<Claim> = items.iter().map(|o| o.claim(programs)).collect();
            let won = store
                .nudge_claim(&ifi, &claims, now_ns)
                .map_err(|e| e.message)?;
            report.taken += claims.len() - won.len();
            if won.is_empty() {
                continue;
            }
            let items: Vec<&Owed> = items
                .iter()
                .filter(|o| won.contains(&o.claim(programs)))
                .collect();
            let items: Vec<mail::Item<'_>> =
                items.iter().filter_map(|o| o.item(localized)).collect();
            // The page the link opens speaks the message's language.
            let unsubscribe = format!(
                "{}/nudges/unsubscribe/{}?lang={}",
                self.public_url,
                recipient.token,
                items.first().map_or("en", |i| i.lang)
            );
            let max = self.policy.max_per_step;
            let outcome = match (&recipient.chat, to) {
                (Some(c), _) => chat::compose(&c.format, &items, &unsubscribe, max)
                    .and_then(|body| chat::send(&self.http, &c.url, &body)),
                (None, Some(to)) => mail::compose(&self.from, to, &items, &unsubscribe, max)
                    .and_then(|m| mail::send(&self.transport, &m)),
                (None, None) => Err("no way to reach the learner".into()),
            };
            match outcome {
                Ok(()) => {
                    report.messages += 1;
                    store
                        .nudge_settle(&ifi, &won, now_ns, Some(store::now_ns()))
                        .map_err(|e| e.message)?;
                }
                Err(e) => {
                    report.failed += 1;
                    report.last_error = Some(e);
                    store
                        .nudge_settle(&ifi, &won, now_ns, None)
                        .map_err(|e| e.message)?;
                }
            }
        }
        Ok(report)
    }
}

/// Messages in flight at once in a pass (within lettre's pool of ten connections).
const SENDERS: usize = 8;

/// Nudges owed, by learner (IFI).
type OwedByLearner = BTreeMap<String, Vec<Owed>>;

/// A nudge owed, before it is claimed.
struct Owed {
    program: usize,
    day: u32,
    due: Date,
    kind: Kind,
    overdue_days: u32,
    role: String,
    course_url: Option<String>,
    /// The learner's language (as their widget last reported it, else the program's).
    lang: &'static str,
}

impl Owed {
    fn claim(&self, programs: &[Program]) -> Claim {
        Claim {
            program: programs
                .get(self.program)
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            day: self.day,
            due: self.due.to_string(),
            kind: self.kind.as_str().into(),
        }
    }

    /// The message item, from the program in the learner's language (`localized[program][lang]`).
    fn item<'p>(&self, localized: &'p [Vec<Program>]) -> Option<mail::Item<'p>> {
        let lang = LANGUAGES.iter().position(|l| *l == self.lang).unwrap_or(0);
        let program = localized.get(self.program)?.get(lang)?;
        let step = program.schedule.iter().find(|s| s.day == self.day)?;
        Some(mail::Item {
            program,
            step,
            role: self.role.clone(),
            reminder: self.kind == Kind::Reminder,
            overdue_days: self.overdue_days,
            course_url: self.course_url.clone(),
            lang: self.lang,
        })
    }
}

fn sent_of(c: &Claim) -> Option<Sent> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Some(Sent {
        day: c.day,
        due: Date::parse(&c.due, &fmt).ok()?,
        kind: Kind::parse(&c.kind)?,
    })
}

/// Where `ifi` is reached: a recorded recipient, or one made from an `mbox` agent.
fn recipient(store: &Store, ifi: &str, now_ns: i64) -> Result<Option<store::Recipient>, String> {
    if let Some(r) = store
        .nudge_recipients(ifi, ifi)
        .map_err(|e| e.message)?
        .into_iter()
        .next()
    {
        return Ok(Some(r));
    }
    let Some(email) = ifi.strip_prefix("mbox:mailto:") else {
        return Ok(None);
    };
    store
        .nudge_recipient_set(ifi, email, "mbox", now_ns)
        .map(Some)
        .map_err(|e| e.message)
}

/// The learner's local date and time at `now`: in their IANA zone when their browser
/// reported one, else at the UTC offset of their plan's last change, else in UTC.
fn local_now(now: time::OffsetDateTime, zone: Option<&str>, plan: &Plan) -> (Date, Time) {
    if let Some(tz) = zone.and_then(|z| jiff::tz::TimeZone::get(z).ok()) {
        if let Ok(ts) = jiff::Timestamp::from_second(now.unix_timestamp()) {
            let local = ts.to_zoned(tz);
            let (d, t) = (local.date(), local.time());
            let date = time::Month::try_from(d.month() as u8)
                .ok()
                .and_then(|m| Date::from_calendar_date(d.year().into(), m, d.day() as u8).ok());
            let clock = Time::from_hms(t.hour() as u8, t.minute() as u8, 0).ok();
            if let (Some(date), Some(clock)) = (date, clock) {
                return (date, clock);
            }
        }
    }
    let offset = plan
        .updated
        .as_ref()
        .map(|m| m.at.offset())
        .unwrap_or(time::UtcOffset::UTC);
    let local = now.to_offset(offset);
    (local.date(), local.time())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_are_read_or_refused_in_words() {
        assert_eq!(
            parse_quiet("20:00-08:00"),
            Ok(Some((
                Time::from_hms(20, 0, 0).expect("t"),
                Time::from_hms(8, 0, 0).expect("t")
            )))
        );
        assert_eq!(parse_quiet(""), Ok(None));
        for bad in ["20-08", "25:00-08:00", "evening"] {
            assert!(
                parse_quiet(bad).is_err_and(|e| e.contains("quiet_hours")),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_local_day_follows_the_zone_then_the_plans_offset() {
        let now = time::macros::datetime!(2026-03-01 23:30 UTC);
        let (d, t) = local_now(now, Some("Asia/Tokyo"), &Plan::default());
        assert_eq!((d, t.hour()), (time::macros::date!(2026 - 03 - 02), 8));
        let (d, _) = local_now(now, Some("America/New_York"), &Plan::default());
        assert_eq!(d, time::macros::date!(2026 - 03 - 01));
        let (d, t) = local_now(now, Some("Not/AZone"), &Plan::default());
        assert_eq!((d, t.hour()), (time::macros::date!(2026 - 03 - 01), 23));
    }
}
