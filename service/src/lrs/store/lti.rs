//! What the LTI tool keeps in the service's database beyond logins and nonces:
//! each resource-link launch's LRS key, and the grade sends owed to platforms
//! (kept until a platform acknowledges them, retried with backoff, shared by
//! every service process).

use serde_json::Value;

use super::sql::{Arg, Row, Serial};
use super::{db_err, ApiError, Store};

/// A resource-link launch: the LRS key its widget reports with, and where the
/// platform wants grades and offers its roster.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchRecord {
    /// The LRS key (`lti-…`).
    pub key: String,
    /// SHA-256 (hex) of the key's secret: the secret is random and long, so a fast hash suffices.
    pub secret_sha256: String,
    /// The learner as an xAPI Agent (account at the platform).
    pub agent: Value,
    /// The platform.
    pub issuer: String,
    /// The tool's client id there.
    pub client_id: String,
    /// The learner's id at the platform.
    pub subject: String,
    /// LTI role URIs.
    pub roles: Vec<String>,
    /// The AGS line item the launch came with, when the platform allows scores.
    pub lineitem: Option<String>,
    /// The AGS line items URL, when the platform lets the tool add line items.
    pub lineitems: Option<String>,
    /// The compiled program the launch opened (`/compiled/NAME.json`).
    pub program: String,
    /// Whether the platform is registered for adoption grades too.
    pub adoption_grade: bool,
    /// The NRPS memberships URL, when offered.
    pub roster_url: Option<String>,
}

/// A grade owed to a platform.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeSend {
    /// The line item.
    pub lineitem: String,
    /// The learner's id at the platform.
    pub subject: String,
    /// What the grade is for (`completion`).
    pub kind: String,
    /// The platform.
    pub issuer: String,
    /// The tool's client id there.
    pub client_id: String,
    /// The AGS score to POST.
    pub score: Value,
    /// Tries so far.
    pub attempts: i64,
    /// The lease this send holds (`next_ns` as leased): a grade owed again meanwhile is not
    /// marked sent by it.
    pub leased_until: i64,
}

/// The grade queue at a glance, for the admin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GradeSummary {
    /// Acknowledged by their platform.
    pub sent: i64,
    /// Not yet acknowledged.
    pub waiting: i64,
    /// Of those, ones that have failed at least once.
    pub failing: i64,
    /// The newest failure, in the platform's words.
    pub last_error: Option<String>,
}

fn launch_from(mut r: Row) -> Result<LaunchRecord, ApiError> {
    let agent = serde_json::from_str(&r.text(2)?)
        .map_err(|e| ApiError::internal(format!("stored launch agent is not JSON: {e}")))?;
    let roles = serde_json::from_str(&r.text(6)?).unwrap_or_default();
    Ok(LaunchRecord {
        key: r.text(0)?,
        secret_sha256: r.text(1)?,
        agent,
        issuer: r.text(3)?,
        client_id: r.text(4)?,
        subject: r.text(5)?,
        roles,
        lineitem: r.opt_text(7)?,
        lineitems: r.opt_text(8)?,
        program: r.text(9)?,
        adoption_grade: r.int(10)? != 0,
        roster_url: r.opt_text(11)?,
    })
}

fn grade_from(mut r: Row) -> Result<GradeSend, ApiError> {
    Ok(GradeSend {
        lineitem: r.text(0)?,
        subject: r.text(1)?,
        kind: r.text(2)?,
        issuer: r.text(3)?,
        client_id: r.text(4)?,
        score: serde_json::from_str(&r.text(5)?)
            .map_err(|e| ApiError::internal(format!("stored score is not JSON: {e}")))?,
        attempts: r.int(6)?,
        leased_until: 0,
    })
}

const GRADE_KEY: &str = "lineitem = ?1 AND subject = ?2 AND kind = ?3";

impl Store {
    /// Records a launch and its LRS key.
    pub fn lti_launch_save(&self, l: &LaunchRecord, now_ns: i64) -> Result<(), ApiError> {
        let agent = l.agent.to_string();
        let roles = Value::from(l.roles.clone()).to_string();
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO lti_launches (key, secret_sha256, agent, issuer, client_id, subject, roles, lineitem, lineitems, program, adoption_grade, roster_url, created_ns) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                &[
                    Arg::Text(&l.key),
                    Arg::Text(&l.secret_sha256),
                    Arg::Text(&agent),
                    Arg::Text(&l.issuer),
                    Arg::Text(&l.client_id),
                    Arg::Text(&l.subject),
                    Arg::Text(&roles),
                    Arg::OptText(l.lineitem.as_deref()),
                    Arg::OptText(l.lineitems.as_deref()),
                    Arg::Text(&l.program),
                    Arg::Int(l.adoption_grade.into()),
                    Arg::OptText(l.roster_url.as_deref()),
                    Arg::Int(now_ns),
                ],
            )
            .map_err(db_err("recording an LTI launch"))?;
            Ok(())
        })
    }

    /// The launch an LRS key belongs to.
    pub fn lti_launch(&self, key: &str) -> Result<Option<LaunchRecord>, ApiError> {
        self.read(|db| {
            db.first(
                "SELECT key, secret_sha256, agent, issuer, client_id, subject, roles, lineitem, lineitems, program, adoption_grade, roster_url \
                 FROM lti_launches WHERE key = ?1",
                &[Arg::Text(key)],
            )
            .map_err(db_err("reading an LTI launch"))?
            .map(launch_from)
            .transpose()
        })
    }

    /// Owes `score` (of `kind`) to the platform of launch `key`, if it came with a line item;
    /// once per line item, learner and kind however often it is asked. Whether one is owed now.
    pub fn lti_grade_owe(
        &self,
        key: &str,
        kind: &str,
        score: &Value,
        now_ns: i64,
    ) -> Result<bool, ApiError> {
        let score = score.to_string();
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO lti_grades (lineitem, subject, kind, issuer, client_id, score, next_ns) \
                 SELECT lineitem, subject, ?2, issuer, client_id, ?3, ?4 FROM lti_launches \
                 WHERE key = ?1 AND lineitem IS NOT NULL ON CONFLICT DO NOTHING",
                &[Arg::Text(key), Arg::Text(kind), Arg::Text(&score), Arg::Int(now_ns)],
            )
            .map(|n| n == 1)
            .map_err(db_err("queueing a grade"))
        })
    }

    /// Owes launch `key`'s platform a fresh adoption grade, if it is registered for them and
    /// lets the tool add line items: worked out when sent, so owing it again (each self-check)
    /// only brings the send forward and it always carries the latest figures.
    pub fn lti_adoption_owe(&self, key: &str, now_ns: i64) -> Result<bool, ApiError> {
        let what = serde_json::json!({ "launch": key }).to_string();
        self.write(Serial::None, |db| {
            db.exec(
                "INSERT INTO lti_grades (lineitem, subject, kind, issuer, client_id, score, next_ns) \
                 SELECT lineitems, subject, 'adoption', issuer, client_id, ?2, ?3 FROM lti_launches \
                 WHERE key = ?1 AND lineitems IS NOT NULL AND adoption_grade = 1 \
                 ON CONFLICT (lineitem, subject, kind) DO UPDATE SET \
                 score = excluded.score, next_ns = excluded.next_ns, done_ns = NULL",
                &[Arg::Text(key), Arg::Text(&what), Arg::Int(now_ns)],
            )
            .map(|n| n == 1)
            .map_err(db_err("queueing an adoption grade"))
        })
    }

    /// Up to `limit` grades due at `now_ns`, each leased until `lease_until_ns` so that
    /// another process does not send it too; a lease another process won is skipped.
    pub fn lti_grades_due(
        &self,
        now_ns: i64,
        lease_until_ns: i64,
        limit: usize,
    ) -> Result<Vec<GradeSend>, ApiError> {
        self.write(Serial::None, |db| {
            let rows = db
                .rows(
                    &format!(
                        "SELECT lineitem, subject, kind, issuer, client_id, score, attempts, next_ns FROM lti_grades \
                         WHERE done_ns IS NULL AND next_ns <= ?1 ORDER BY next_ns LIMIT {limit}"
                    ),
                    &[Arg::Int(now_ns)],
                )
                .map_err(db_err("reading the grades due"))?;
            let mut out = Vec::new();
            for mut row in rows {
                let next = row.int(7)?;
                let mut grade = grade_from(row)?;
                grade.leased_until = lease_until_ns;
                let won = db
                    .exec(
                        &format!("UPDATE lti_grades SET next_ns = ?4 WHERE {GRADE_KEY} AND next_ns = ?5"),
                        &[
                            Arg::Text(&grade.lineitem),
                            Arg::Text(&grade.subject),
                            Arg::Text(&grade.kind),
                            Arg::Int(lease_until_ns),
                            Arg::Int(next),
                        ],
                    )
                    .map_err(db_err("leasing a grade"))?;
                if won == 1 {
                    out.push(grade);
                }
            }
            Ok(out)
        })
    }

    /// The platform acknowledged `g` (unless it was owed again while it was on its way:
    /// then it stays due, to send the newer figures).
    pub fn lti_grade_sent(&self, g: &GradeSend, now_ns: i64) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                &format!("UPDATE lti_grades SET done_ns = ?4, attempts = attempts + 1, last_error = NULL WHERE {GRADE_KEY} AND next_ns = ?5"),
                &[
                    Arg::Text(&g.lineitem),
                    Arg::Text(&g.subject),
                    Arg::Text(&g.kind),
                    Arg::Int(now_ns),
                    Arg::Int(g.leased_until),
                ],
            )
            .map_err(db_err("recording a sent grade"))?;
            Ok(())
        })
    }

    /// Sending `g` failed with `error`; try again at `next_ns`.
    pub fn lti_grade_failed(
        &self,
        g: &GradeSend,
        next_ns: i64,
        error: &str,
    ) -> Result<(), ApiError> {
        self.write(Serial::None, |db| {
            db.exec(
                &format!("UPDATE lti_grades SET next_ns = ?4, attempts = attempts + 1, last_error = ?5 WHERE {GRADE_KEY}"),
                &[
                    Arg::Text(&g.lineitem),
                    Arg::Text(&g.subject),
                    Arg::Text(&g.kind),
                    Arg::Int(next_ns),
                    Arg::Text(error),
                ],
            )
            .map_err(db_err("recording a failed grade"))?;
            Ok(())
        })
    }

    /// How the grade queue stands.
    pub fn lti_grade_summary(&self) -> Result<GradeSummary, ApiError> {
        self.read(|db| {
            let mut row = db
                .first(
                    "SELECT COALESCE(SUM(CASE WHEN done_ns IS NOT NULL THEN 1 ELSE 0 END), 0), \
                            COALESCE(SUM(CASE WHEN done_ns IS NULL THEN 1 ELSE 0 END), 0), \
                            COALESCE(SUM(CASE WHEN done_ns IS NULL AND attempts > 0 THEN 1 ELSE 0 END), 0) \
                     FROM lti_grades",
                    &[],
                )
                .map_err(db_err("summing the grade queue"))?
                .ok_or_else(|| ApiError::internal("storage error: no summary row"))?;
            let (sent, waiting, failing) = (row.int(0)?, row.int(1)?, row.int(2)?);
            let last_error = match db
                .first(
                    "SELECT last_error FROM lti_grades WHERE done_ns IS NULL AND last_error IS NOT NULL ORDER BY next_ns DESC LIMIT 1",
                    &[],
                )
                .map_err(db_err("reading the last grade failure"))?
            {
                Some(mut r) => r.opt_text(0)?,
                None => None,
            };
            Ok(GradeSummary { sent, waiting, failing, last_error })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Storage;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_grade_is_owed_once_leased_to_one_sender_retried_and_settled() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&Storage::Sqlite(dir.path().to_path_buf())).expect("open");
        let launch = LaunchRecord {
            key: "lti-1".into(),
            secret_sha256: "ab".into(),
            agent: json!({"account": {"homePage": "https://lms.example", "name": "u1"}}),
            issuer: "https://lms.example".into(),
            client_id: "c".into(),
            subject: "u1".into(),
            roles: vec!["Learner".into()],
            lineitem: Some("https://lms.example/lineitems/1".into()),
            lineitems: Some("https://lms.example/lineitems".into()),
            program: "/compiled/coaching.json".into(),
            adoption_grade: true,
            roster_url: None,
        };
        store.lti_launch_save(&launch, 1).expect("saved");
        assert_eq!(
            store.lti_launch("lti-1").expect("read"),
            Some(launch.clone())
        );
        let no_grades = LaunchRecord {
            key: "lti-2".into(),
            lineitem: None,
            ..launch
        };
        store.lti_launch_save(&no_grades, 1).expect("saved");
        let score = json!({"scoreGiven": 1});
        assert!(store
            .lti_grade_owe("lti-1", "completion", &score, 10)
            .expect("owed"));
        assert!(!store
            .lti_grade_owe("lti-1", "completion", &score, 11)
            .expect("once"));
        assert!(!store
            .lti_grade_owe("lti-2", "completion", &score, 11)
            .expect("no line item"));
        let due = store.lti_grades_due(10, 100, 5).expect("due");
        assert_eq!(due.len(), 1);
        assert!(
            store.lti_grades_due(20, 200, 5).expect("leased").is_empty(),
            "leased to one sender"
        );
        store
            .lti_grade_failed(&due[0], 150, "503 from the platform")
            .expect("failed");
        let summary = store.lti_grade_summary().expect("summary");
        assert_eq!((summary.waiting, summary.failing, summary.sent), (1, 1, 0));
        assert_eq!(summary.last_error.as_deref(), Some("503 from the platform"));
        let again = store.lti_grades_due(150, 300, 5).expect("due again");
        assert_eq!(again[0].attempts, 1);
        store.lti_grade_sent(&again[0], 160).expect("sent");
        let summary = store.lti_grade_summary().expect("summary");
        assert_eq!(
            (summary.waiting, summary.sent, summary.last_error),
            (0, 1, None)
        );
    }
}
