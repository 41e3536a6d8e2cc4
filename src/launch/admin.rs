//! Options for the adoption dashboard (`mountDashboard`): which LRS to read,
//! with which admin credentials, for which program, as of which day.

use serde::Deserialize;
use time::Date;

use super::lms::{self, Connection, RawLrs};
use super::{parse_now, LaunchError, ProgramSource};

/// Options as a host page writes them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawAdminOptions {
    /// LRS endpoint.
    pub endpoint: Option<String>,
    /// Full Authorization header value.
    pub auth: Option<String>,
    /// Basic auth key (with `secret`).
    pub key: Option<String>,
    /// Basic auth secret.
    pub secret: Option<String>,
    /// "1.0.3" (default) or "2.0.0".
    pub version: Option<String>,
    /// URL of the program file.
    pub program: Option<String>,
    /// The program's text, instead of a URL.
    pub program_text: Option<String>,
    /// The day the figures are for (YYYY-MM-DD); today when absent.
    pub now: Option<String>,
    /// Whether this admin may switch learner names on (pseudonymous ids otherwise).
    #[serde(default)]
    pub names_allowed: bool,
}

/// Checked dashboard options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminOptions {
    /// The LRS, as a connection (the actor is unused: the dashboard only reads).
    pub lrs: Connection,
    /// Where the program comes from.
    pub program: ProgramSource,
    /// Day of the report.
    pub now: Option<Date>,
    /// See [`RawAdminOptions::names_allowed`].
    pub names_allowed: bool,
}

impl AdminOptions {
    /// Checks the options; every problem is listed, credentials never repeated.
    pub fn from_raw(raw: RawAdminOptions) -> Result<AdminOptions, Vec<LaunchError>> {
        let mut errors = Vec::new();
        let program = match (
            raw.program.filter(|s| !s.trim().is_empty()),
            raw.program_text.filter(|s| !s.trim().is_empty()),
        ) {
            (Some(url), None) => Some(ProgramSource::Url(url.trim().to_string())),
            (None, Some(text)) => Some(ProgramSource::Inline(text)),
            _ => {
                errors.push(LaunchError(
                    "give the program as `program` (a URL) or `programText`, one of them".into(),
                ));
                None
            }
        };
        let lrs = RawLrs {
            endpoint: raw.endpoint,
            auth: raw.auth,
            key: raw.key,
            secret: raw.secret,
            version: raw.version,
            // The dashboard reads as the admin; statements are never written with this actor.
            actor: Some(
                serde_json::json!({ "objectType": "Agent", "account": { "homePage": "https://throughline.app", "name": "dashboard" } }),
            ),
            ..RawLrs::default()
        };
        let lrs = lms::from_host(lrs, None, None)
            .map_err(|e| errors.extend(e))
            .ok();
        let now = raw
            .now
            .as_deref()
            .map(parse_now)
            .transpose()
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        match (lrs, program) {
            (Some(lrs), Some(program)) if errors.is_empty() => Ok(AdminOptions {
                lrs,
                program,
                now,
                names_allowed: raw.names_allowed,
            }),
            _ => Err(errors),
        }
    }
}

/// The first page of the statements a program's dashboard needs: everything in the program's context.
pub fn statements_query(program_id: &str, since: Option<&str>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.extend_pairs([
        ("activity", program_id),
        ("related_activities", "true"),
        ("ascending", "true"),
        ("limit", "500"),
    ]);
    if let Some(s) = since {
        q.append_pair("since", s);
    }
    format!("statements?{}", q.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked() {
        let raw = RawAdminOptions {
            endpoint: Some("http://127.0.0.1:8080/xapi".into()),
            key: Some("k".into()),
            secret: Some("s".into()),
            program: Some("/p.toml".into()),
            ..Default::default()
        };
        let o = AdminOptions::from_raw(raw).expect("valid");
        assert_eq!(o.lrs.endpoint, "http://127.0.0.1:8080/xapi/");
        assert!(!o.names_allowed);
        let errors = AdminOptions::from_raw(RawAdminOptions {
            now: Some("soon".into()),
            ..Default::default()
        })
        .expect_err("invalid");
        let text: Vec<String> = errors.into_iter().map(|e| e.0).collect();
        assert!(
            text.iter().any(|e| e.contains("program"))
                && text.iter().any(|e| e.contains("endpoint"))
                && text.iter().any(|e| e.contains("YYYY-MM-DD")),
            "{text:?}"
        );
        assert!(
            serde_json::from_str::<RawAdminOptions>(r#"{"endpont":"x"}"#).is_err(),
            "typos are refused"
        );
    }

    #[test]
    fn the_query_asks_for_the_program_context_oldest_first() {
        let q = statements_query("https://example.org/p", Some("2027-01-01T00:00:00Z"));
        assert!(q.starts_with("statements?activity=https%3A%2F%2Fexample.org%2Fp&related_activities=true&ascending=true&limit=500&since=2027"));
    }
}
