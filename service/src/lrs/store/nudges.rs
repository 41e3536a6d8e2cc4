//! What nudges keep in the service's database: how each learner is reached
//! and whether they unsubscribed, every message claimed (the claim is what
//! stops two service processes sending the same nudge), the learners'
//! calendar feeds, and the reads a nudge pass makes over the plans and
//! program lists the widget keeps in the LRS.

use super::sql::{Arg, Row, Serial};
use super::{db_err, ApiError, Store};

/// How one learner is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The learner (an IFI key, as the LRS indexes agents).
    pub agent_ifi: String,
    /// Where email goes; `None` when only the host could say and has not.
    pub email: Option<String>,
    /// Where the address came from: `mbox`, `lti` or `host`.
    pub source: String,
    /// The unsubscribe link's secret.
    pub token: String,
    /// Whether they unsubscribed.
    pub unsubscribed: bool,
    /// The chat webhook the host gave; when set, nudges go there instead of by email.
    pub chat: Option<Chat>,
}

/// A chat channel reached by an incoming webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    /// The message format the webhook takes: `slack` or `teams`.
    pub format: String,
    /// The webhook's URL (a secret: never shown).
    pub url: String,
}

/// One message about one step, as claimed in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Program id.
    pub program: String,
    /// The step's day offset.
    pub day: u32,
    /// The due date it is about (`YYYY-MM-DD`).
    pub due: String,
    /// `due` or `reminder`.
    pub kind: String,
}

/// The nudges at a glance, for the admin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NudgeSummary {
    /// Messages delivered to the mail server.
    pub sent: i64,
    /// Learners with an address.
    pub reachable: i64,
    /// Learners who unsubscribed.
    pub unsubscribed: i64,
}

fn recipient_from(mut r: Row) -> Result<Recipient, ApiError> {
    Ok(Recipient {
        agent_ifi: r.text(0)?,
        email: r.opt_text(1)?,
        source: r.text(2)?,
        token: r.text(3)?,
        unsubscribed: r.0.get(4).is_some_and(|c| *c != super::sql::Cell::Null),
        chat: match (r.opt_text(5)?, r.opt_text(6)?) {
            (Some(format), Some(url)) => Some(Chat { format, url }),
            _ => None,
        },
    })
}

const RECIPIENT: &str =
    "SELECT agent_ifi, email, source, token, unsubscribed_ns, chat_format, chat_url FROM nudge_recipients";

fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string() + &uuid::Uuid::new_v4().simple().to_string()
}

impl Store {
    /// Up to `limit` plan documents (`state_id`) of `program`, for learners after `after`
    /// in IFI order: a nudge pass pages through every learner with these.
    pub fn nudge_plans(
        &self,
        program: &str,
        state_id: &str,
        after: &str,
        limit: usize,
    ) -> Result<Vec<(String, Vec<u8>)>, ApiError> {
        self.read(|db| {
            db.rows(
                &format!(
                    "SELECT agent_ifi, body FROM documents WHERE kind = 'state' AND activity_id = ?1 \
                     AND agent_ifi > ?2 AND registration = '' AND doc_id = ?3 ORDER BY agent_ifi LIMIT {limit}"
                ),
                &[Arg::Text(program), Arg::Text(after), Arg::Text(state_id)],
            )
            .map_err(db_err("reading plans for nudges"))?
            .into_iter()
            .map(|mut r| Ok((r.text(0)?, r.bytes(1)?)))
            .collect()
        })
    }

    /// The agent profiles `profile_id` of learners from `first` to `last` (IFI order).
    pub fn nudge_profiles(
        &self,
        profile_id: &str,
        first: &str,
        last: &str,
    ) -> Result<Vec<(String, Vec<u8>)>, ApiError> {
        self.read(|db| {
            db.rows(
                "SELECT agent_ifi, body FROM documents WHERE kind = 'agent_profile' AND activity_id = '' \
                 AND agent_ifi >= ?1 AND agent_ifi <= ?2 AND registration = '' AND doc_id = ?3",
                &[Arg::Text(first), Arg::Text(last), Arg::Text(profile_id)],
            )
            .map_err(db_err("reading program lists for nudges"))?
            .into_iter()
            .map(|mut r| Ok((r.text(0)?, r.bytes(1)?)))
            .collect()
        })
    }

    /// Recipients from `first` to `last` (IFI order).
    pub fn nudge_recipients(&self, first: &str, last: &str) -> Result<Vec<Recipient>, ApiError> {
        self.read(|db| {
            db.rows(
                &format!("{RECIPIENT} WHERE agent_ifi >= ?1 AND agent_ifi <= ?2"),
                &[Arg::Text(first), Arg::Text(last)],
            )
            .map_err(db_err("reading nudge recipients"))?
            .into_iter()
            .map(recipient_from)
            .collect()
        })
    }

    /// Records where `agent_ifi` is reached. An address the host or the platform gives
    /// replaces one read off the agent's `mbox`, never the other way round; the unsubscribe
    /// token and an unsubscription are kept.
    pub fn nudge_recipient_set(
        &self,
        agent_ifi: &str,
        email: &str,
        source: &str,
        now_ns: i64,
    ) -> Result<Recipient, ApiError> {
        let token = new_token();
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO nudge_recipients (agent_ifi, email, source, token, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (agent_ifi) DO UPDATE SET email = excluded.email, source = excluded.source, updated_ns = excluded.updated_ns \
                 WHERE excluded.source <> 'mbox' OR nudge_recipients.source = 'mbox'",
                &[
                    Arg::Text(agent_ifi),
                    Arg::Text(email),
                    Arg::Text(source),
                    Arg::Text(&token),
                    Arg::Int(now_ns),
                ],
            )
            .map_err(db_err("recording a nudge recipient"))?;
            db.first(&format!("{RECIPIENT} WHERE agent_ifi = ?1"), &[Arg::Text(agent_ifi)])
                .map_err(db_err("reading a nudge recipient"))?
                .map(recipient_from)
                .transpose()?
                .ok_or_else(|| ApiError::internal("storage error: the recipient just written is missing"))
        })
    }

    /// Records how the host reaches `agent_ifi`: an address, a chat webhook, or both (what
    /// the host leaves out is cleared). The unsubscribe token and an unsubscription are kept.
    pub fn nudge_recipient_host(
        &self,
        agent_ifi: &str,
        email: Option<&str>,
        chat: Option<&Chat>,
        now_ns: i64,
    ) -> Result<(), ApiError> {
        let token = new_token();
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO nudge_recipients (agent_ifi, email, source, token, updated_ns, chat_format, chat_url) \
                 VALUES (?1, ?2, 'host', ?3, ?4, ?5, ?6) \
                 ON CONFLICT (agent_ifi) DO UPDATE SET email = excluded.email, source = excluded.source, \
                 updated_ns = excluded.updated_ns, chat_format = excluded.chat_format, chat_url = excluded.chat_url",
                &[
                    Arg::Text(agent_ifi),
                    Arg::OptText(email),
                    Arg::Text(&token),
                    Arg::Int(now_ns),
                    Arg::OptText(chat.map(|c| c.format.as_str())),
                    Arg::OptText(chat.map(|c| c.url.as_str())),
                ],
            )
            .map_err(db_err("recording a nudge recipient"))?;
            Ok(())
        })
    }

    /// Unsubscribes whoever holds `token`, at once; their address, if one was found.
    /// Unsubscribing twice is not an error.
    pub fn nudge_unsubscribe(&self, token: &str, now_ns: i64) -> Result<Option<String>, ApiError> {
        self.write(Serial::None, |db| {
            let Some(mut row) = db
                .first(
                    "SELECT email FROM nudge_recipients WHERE token = ?1",
                    &[Arg::Text(token)],
                )
                .map_err(db_err("finding an unsubscribe token"))?
            else {
                return Ok(None);
            };
            db.exec(
                "UPDATE nudge_recipients SET unsubscribed_ns = ?2 WHERE token = ?1 AND unsubscribed_ns IS NULL",
                &[Arg::Text(token), Arg::Int(now_ns)],
            )
            .map_err(db_err("unsubscribing"))?;
            Ok(Some(row.opt_text(0)?.unwrap_or_default()))
        })
    }

    /// Every message sent about `program` to learners from `first` to `last`:
    /// (learner, day, due, kind). Claims still in flight are left out: a reminder waits until
    /// the first message is known to be sent (one the server refused is let go and comes again
    /// first), and a message in flight cannot be claimed twice anyway.
    pub fn nudge_history(
        &self,
        program: &str,
        first: &str,
        last: &str,
    ) -> Result<Vec<(String, Claim)>, ApiError> {
        self.read(|db| {
            db.rows(
                "SELECT agent_ifi, day, due, kind FROM nudges WHERE agent_ifi >= ?1 AND agent_ifi <= ?2 AND program = ?3 AND sent_ns IS NOT NULL",
                &[Arg::Text(first), Arg::Text(last), Arg::Text(program)],
            )
            .map_err(db_err("reading sent nudges"))?
            .into_iter()
            .map(|mut r| {
                Ok((
                    r.text(0)?,
                    Claim {
                        program: program.to_string(),
                        day: u32::try_from(r.int(1)?).unwrap_or(u32::MAX),
                        due: r.text(2)?,
                        kind: r.text(3)?,
                    },
                ))
            })
            .collect()
        })
    }

    /// Claims messages for `agent_ifi` at `now_ns`, in one transaction; the ones this call
    /// won (another process may have claimed some first).
    pub fn nudge_claim(
        &self,
        agent_ifi: &str,
        claims: &[Claim],
        now_ns: i64,
    ) -> Result<Vec<Claim>, ApiError> {
        self.write(Serial::None, |db| {
            let mut won = Vec::new();
            for c in claims {
                let n = db
                    .exec(
                        "INSERT INTO nudges (agent_ifi, program, day, due, kind, claimed_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                         ON CONFLICT DO NOTHING",
                        &[
                            Arg::Text(agent_ifi),
                            Arg::Text(&c.program),
                            Arg::Int(c.day.into()),
                            Arg::Text(&c.due),
                            Arg::Text(&c.kind),
                            Arg::Int(now_ns),
                        ],
                    )
                    .map_err(db_err("claiming a nudge"))?;
                if n == 1 {
                    won.push(c.clone());
                }
            }
            Ok(won)
        })
    }

    /// The mail server took the message for `claims` (`sent`), or refused it: then the
    /// claims are let go, so a later pass tries again.
    pub fn nudge_settle(
        &self,
        agent_ifi: &str,
        claims: &[Claim],
        claimed_ns: i64,
        sent: Option<i64>,
    ) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            for c in claims {
                let args = [
                    Arg::Text(agent_ifi),
                    Arg::Text(&c.program),
                    Arg::Int(c.day.into()),
                    Arg::Text(&c.due),
                    Arg::Text(&c.kind),
                    Arg::Int(claimed_ns),
                    Arg::Int(sent.unwrap_or(0)),
                ];
                let key = "agent_ifi = ?1 AND program = ?2 AND day = ?3 AND due = ?4 AND kind = ?5 AND claimed_ns = ?6";
                match sent {
                    Some(_) => db.exec(&format!("UPDATE nudges SET sent_ns = ?7 WHERE {key}"), &args),
                    None => db.exec(&format!("DELETE FROM nudges WHERE {key}"), &args[..6]),
                }
                .map_err(db_err("recording a nudge"))?;
            }
            Ok(())
        })
    }

    /// How the nudges stand.
    pub fn nudge_summary(&self) -> Result<NudgeSummary, ApiError> {
        self.read(|db| {
            let mut sent = db
                .first("SELECT COUNT(*) FROM nudges WHERE sent_ns IS NOT NULL", &[])
                .map_err(db_err("counting nudges"))?
                .ok_or_else(|| ApiError::internal("storage error: no count row"))?;
            let mut people = db
                .first(
                    "SELECT COALESCE(SUM(CASE WHEN (email IS NOT NULL OR chat_url IS NOT NULL) AND unsubscribed_ns IS NULL THEN 1 ELSE 0 END), 0), \
                            COALESCE(SUM(CASE WHEN unsubscribed_ns IS NOT NULL THEN 1 ELSE 0 END), 0) FROM nudge_recipients",
                    &[],
                )
                .map_err(db_err("counting nudge recipients"))?
                .ok_or_else(|| ApiError::internal("storage error: no count row"))?;
            Ok(NudgeSummary {
                sent: sent.int(0)?,
                reachable: people.int(0)?,
                unsubscribed: people.int(1)?,
            })
        })
    }

    /// Starts a calendar feed for `agent_ifi` in `program` under the token whose SHA-256 is
    /// `token_sha256`; an earlier feed of theirs for the program stops working.
    pub fn calendar_feed_create(
        &self,
        agent_ifi: &str,
        program: &str,
        token_sha256: &str,
        now_ns: i64,
    ) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                "UPDATE calendar_feeds SET revoked_ns = ?3 WHERE agent_ifi = ?1 AND program = ?2 AND revoked_ns IS NULL",
                &[Arg::Text(agent_ifi), Arg::Text(program), Arg::Int(now_ns)],
            )
            .map_err(db_err("replacing a calendar feed"))?;
            db.exec(
                "INSERT INTO calendar_feeds (token_sha256, agent_ifi, program, created_ns) VALUES (?1, ?2, ?3, ?4)",
                &[
                    Arg::Text(token_sha256),
                    Arg::Text(agent_ifi),
                    Arg::Text(program),
                    Arg::Int(now_ns),
                ],
            )
            .map_err(db_err("starting a calendar feed"))?;
            Ok(())
        })
    }

    /// Whose feed a token is, while it works: (learner, program).
    pub fn calendar_feed(&self, token_sha256: &str) -> Result<Option<(String, String)>, ApiError> {
        self.read(|db| {
            db.first(
                "SELECT agent_ifi, program FROM calendar_feeds WHERE token_sha256 = ?1 AND revoked_ns IS NULL",
                &[Arg::Text(token_sha256)],
            )
            .map_err(db_err("reading a calendar feed"))?
            .map(|mut r| Ok((r.text(0)?, r.text(1)?)))
            .transpose()
        })
    }

    /// Stops `agent_ifi`'s feed for `program`; how many stopped.
    pub fn calendar_feed_revoke(
        &self,
        agent_ifi: &str,
        program: &str,
        now_ns: i64,
    ) -> Result<u64, ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                "UPDATE calendar_feeds SET revoked_ns = ?3 WHERE agent_ifi = ?1 AND program = ?2 AND revoked_ns IS NULL",
                &[Arg::Text(agent_ifi), Arg::Text(program), Arg::Int(now_ns)],
            )
            .map_err(db_err("stopping a calendar feed"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Storage;
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&Storage::Sqlite(dir.path().to_path_buf())).expect("open");
        (dir, store)
    }

    fn claim(day: u32, kind: &str) -> Claim {
        Claim {
            program: "https://p".into(),
            day,
            due: "2026-03-03".into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn a_message_is_claimed_once_and_a_refused_one_is_let_go() {
        let (_dir, store) = store();
        let won = store
            .nudge_claim("mbox:mailto:a@x.org", &[claim(2, "due")], 10)
            .expect("claim");
        assert_eq!(won.len(), 1);
        assert!(store
            .nudge_claim("mbox:mailto:a@x.org", &[claim(2, "due")], 11)
            .expect("again")
            .is_empty());
        store
            .nudge_settle("mbox:mailto:a@x.org", &won, 10, None)
            .expect("release");
        let again = store
            .nudge_claim("mbox:mailto:a@x.org", &[claim(2, "due")], 12)
            .expect("retry");
        assert_eq!(again.len(), 1);
        store
            .nudge_settle("mbox:mailto:a@x.org", &again, 12, Some(13))
            .expect("sent");
        assert_eq!(store.nudge_summary().expect("summary").sent, 1);
        let history = store.nudge_history("https://p", "", "~").expect("history");
        assert_eq!(
            history,
            vec![("mbox:mailto:a@x.org".to_string(), claim(2, "due"))]
        );
    }

    #[test]
    fn a_host_address_outranks_the_mbox_and_unsubscribing_sticks() {
        let (_dir, store) = store();
        let a = store
            .nudge_recipient_set("account:h|ana", "ana@lms.example", "host", 1)
            .expect("set");
        let b = store
            .nudge_recipient_set("account:h|ana", "other@x.org", "mbox", 2)
            .expect("set");
        assert_eq!(b.email.as_deref(), Some("ana@lms.example"));
        assert_eq!(a.token, b.token);
        assert_eq!(
            store
                .nudge_unsubscribe(&a.token, 3)
                .expect("unsub")
                .as_deref(),
            Some("ana@lms.example")
        );
        assert_eq!(
            store
                .nudge_unsubscribe(&a.token, 4)
                .expect("twice")
                .as_deref(),
            Some("ana@lms.example")
        );
        assert_eq!(store.nudge_unsubscribe("nope", 4).expect("unknown"), None);
        let c = store
            .nudge_recipient_set("account:h|ana", "ana@new.example", "lti", 5)
            .expect("set");
        assert!(c.unsubscribed);
        assert_eq!(c.email.as_deref(), Some("ana@new.example"));
        let s = store.nudge_summary().expect("summary");
        assert_eq!((s.reachable, s.unsubscribed), (0, 1));
    }

    #[test]
    fn the_host_sets_a_chat_webhook_and_clears_what_it_leaves_out() {
        let (_dir, store) = store();
        let first = store
            .nudge_recipient_set("account:h|ben", "ben@x.org", "mbox", 1)
            .expect("set");
        let chat = Chat {
            format: "slack".into(),
            url: "https://hooks.example/T/B/x".into(),
        };
        store
            .nudge_recipient_host("account:h|ben", None, Some(&chat), 2)
            .expect("host");
        let r = &store
            .nudge_recipients("account:h|ben", "account:h|ben")
            .expect("read")[0];
        assert_eq!(
            (r.email.as_deref(), r.chat.as_ref(), r.source.as_str()),
            (None, Some(&chat), "host")
        );
        assert_eq!(r.token, first.token, "the unsubscribe link keeps working");
        assert_eq!(store.nudge_summary().expect("summary").reachable, 1);
        store
            .nudge_recipient_host("account:h|ben", Some("ben@lms.example"), None, 3)
            .expect("host");
        let r = &store
            .nudge_recipients("account:h|ben", "account:h|ben")
            .expect("read")[0];
        assert_eq!(
            (r.email.as_deref(), r.chat.as_ref()),
            (Some("ben@lms.example"), None)
        );
    }

    #[test]
    fn a_new_calendar_feed_replaces_the_old_and_a_revoked_one_stops() {
        let (_dir, store) = store();
        store
            .calendar_feed_create("a", "p", "h1", 1)
            .expect("create");
        assert_eq!(
            store.calendar_feed("h1").expect("read"),
            Some(("a".into(), "p".into()))
        );
        store
            .calendar_feed_create("a", "p", "h2", 2)
            .expect("create");
        assert_eq!(store.calendar_feed("h1").expect("read"), None);
        assert_eq!(store.calendar_feed_revoke("a", "p", 3).expect("revoke"), 1);
        assert_eq!(store.calendar_feed("h2").expect("read"), None);
    }
}
