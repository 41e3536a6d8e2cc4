//! How a host hands the widget its settings: `mount(element, options)` from
//! JavaScript, `data-` attributes for auto-mount, and `?now=` on the page URL.
//! Parsing and checking live here, free of browser APIs.

pub mod admin;
pub mod lms;

use serde::Deserialize;
use time::Date;

/// Where the program file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramSource {
    /// Fetched from a URL (relative to the page).
    Url(String),
    /// Given inline as TOML or JSON text.
    Inline(String),
}

/// Options as a host writes them in JavaScript (camelCase keys).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawOptions {
    /// URL of the program file.
    pub program: Option<String>,
    /// The program file's text, instead of a URL.
    pub program_text: Option<String>,
    /// The learner, as the host knows them.
    pub learner: Option<RawLearner>,
    /// Program role id or LMS role name, when the host knows it.
    pub role: Option<String>,
    /// Clock override, `YYYY-MM-DD`.
    pub now: Option<String>,
    /// Link back to the course, used in calendar events.
    pub course_url: Option<String>,
    /// The LRS to report to, when the host has one (a URL launch takes precedence).
    pub lrs: Option<lms::RawLrs>,
    /// LTI-style context from the host page.
    pub lti: Option<lms::RawLti>,
    /// The learner's language as the host knows it (a BCP 47 tag such as `de` or `ja-JP`): first
    /// in line for the widget's words.
    pub locale: Option<String>,
}

/// The learner as the host describes them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLearner {
    /// Stable id in the host (LMS user id, email, ...).
    pub id: Option<String>,
    /// Display name.
    pub name: Option<String>,
}

/// Checked options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Where the program comes from.
    pub program: ProgramSource,
    /// Learner id; `None` means "this browser's anonymous learner".
    pub learner_id: Option<String>,
    /// Learner display name.
    pub learner_name: Option<String>,
    /// Role hint from the host (program role id or LMS role name).
    pub role: Option<String>,
    /// Clock override.
    pub now: Option<Date>,
    /// Link back to the course.
    pub course_url: Option<String>,
    /// The LRS connection, if any: cmi5 or TinCan launch on the page URL, else `lrs` from the host.
    pub connection: Option<lms::Connection>,
    /// LMS role names (LTI roles shortened), tried in order when `role` is not given.
    pub lms_roles: Vec<String>,
    /// The launch may seed a team with the course roster (an instructor's LTI launch).
    pub roster: bool,
    /// Languages the host names for the learner, most preferred first: the `locale` option, then
    /// the LTI launch's `launch_presentation.locale` (`i18n::negotiate` adds cmi5's and the browser's).
    pub languages: Vec<String>,
}

/// A problem with what the host passed, phrased for the page author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchError(pub String);

impl std::fmt::Display for LaunchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LaunchError {}

const MAX_ID: usize = 256;

/// Parses a `YYYY-MM-DD` clock override.
pub fn parse_now(s: &str) -> Result<Date, LaunchError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), format).map_err(|_| {
        LaunchError(format!(
            "`now` must be a date written as YYYY-MM-DD, such as 2027-01-15 (got “{}”)",
            shorten(s)
        ))
    })
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl Options {
    /// Checks raw options; every problem is reported, not just the first.
    /// `page_query` is the page URL's query string, where LMS launches put their parameters.
    pub fn from_raw(raw: RawOptions, page_query: &str) -> Result<Options, Vec<LaunchError>> {
        let mut errors = Vec::new();
        let program = match (
            raw.program.filter(|s| !s.trim().is_empty()),
            raw.program_text.filter(|s| !s.trim().is_empty()),
        ) {
            (Some(url), None) => Some(ProgramSource::Url(url.trim().to_string())),
            (None, Some(text)) => Some(ProgramSource::Inline(text)),
            (Some(_), Some(_)) => {
                errors.push(LaunchError(
                    "give either `program` (a URL) or `programText`, not both".into(),
                ));
                None
            }
            (None, None) => {
                errors.push(LaunchError("`program` is missing: give the URL of a program file, or its text as `programText`".into()));
                None
            }
        };
        let learner = raw.learner.unwrap_or_default();
        let learner_id = learner
            .id
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if learner_id
            .as_ref()
            .is_some_and(|id| id.len() > MAX_ID || id.chars().any(char::is_control))
        {
            errors.push(LaunchError(format!(
                "`learner.id` must be at most {MAX_ID} characters of plain text"
            )));
        }
        let now = match raw.now.as_deref().map(parse_now).transpose() {
            Ok(d) => d,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let mut learner_name = learner
            .name
            .map(|n| shorten(n.trim()))
            .filter(|n| !n.is_empty());
        let connection = match lms::from_query(page_query) {
            Ok(Some(c)) => Some(c),
            Ok(None) => match raw.lrs {
                Some(lrs) => lms::from_host(lrs, learner_id.as_deref(), learner_name.as_deref())
                    .map_err(|e| errors.extend(e))
                    .ok(),
                None => None,
            },
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        // The LMS's identity wins: statements, state and the local plan must agree on who this is.
        let learner_id = connection.as_ref().map(|c| c.actor.key()).or(learner_id);
        if let Some(name) = connection.as_ref().and_then(|c| c.actor.name.clone()) {
            learner_name = Some(shorten(name.trim()));
        }
        let roster = raw.lti.as_ref().is_some_and(|l| l.roster);
        // A language tag is at most a few dozen characters; anything longer is not one.
        let languages: Vec<String> = raw
            .locale
            .iter()
            .chain(raw.lti.as_ref().and_then(|l| l.locale.as_ref()))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && l.len() <= 35)
            .collect();
        let lms_roles = raw
            .lti
            .map(|l| {
                l.roles
                    .iter()
                    .map(|r| lms::lti_role_name(r).to_string())
                    .collect()
            })
            .unwrap_or_default();
        match program {
            Some(program) if errors.is_empty() => Ok(Options {
                program,
                learner_id,
                learner_name,
                connection,
                lms_roles,
                roster,
                languages,
                role: raw
                    .role
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty()),
                now,
                course_url: raw.course_url,
            }),
            _ => Err(errors),
        }
    }
}

/// Storage key for one learner's plan in one program.
pub fn plan_key(program_id: &str, learner_id: &str) -> String {
    format!("throughline:v1:plan:{program_id}:{learner_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_options() {
        let ok = Options::from_raw(
            RawOptions {
                program: Some(" /p.toml ".into()),
                now: Some("2027-01-15".into()),
                ..Default::default()
            },
            "",
        )
        .expect("ok");
        assert_eq!(ok.program, ProgramSource::Url("/p.toml".into()));
        assert_eq!(ok.now, Some(time::macros::date!(2027 - 01 - 15)));
        let errs = Options::from_raw(
            RawOptions {
                now: Some("15/01/2027".into()),
                ..Default::default()
            },
            "",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].0.contains("`program` is missing"));
        assert!(errs[1].0.contains("YYYY-MM-DD"));
        let both = RawOptions {
            program: Some("a".into()),
            program_text: Some("b".into()),
            ..Default::default()
        };
        assert!(Options::from_raw(both, "").is_err());
    }

    #[test]
    fn url_launch_wins_over_host_lrs_and_sets_the_learner() {
        let actor =
            r#"{"name":"Ana","account":{"homePage":"https://lms.example.org","name":"ana"}}"#;
        let q = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("endpoint", "https://lrs.example.org/xapi/"),
                ("auth", "Basic YTpi"),
                ("actor", actor),
            ])
            .finish();
        let raw = RawOptions {
            program: Some("/p.toml".into()),
            learner: Some(RawLearner {
                id: Some("host-id".into()),
                name: Some("Host".into()),
            }),
            lrs: Some(lms::RawLrs {
                endpoint: Some("https://other.example.org/".into()),
                auth: Some("Basic eDp5".into()),
                ..Default::default()
            }),
            lti: Some(lms::RawLti {
                roles: vec!["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor".into()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let o = Options::from_raw(raw, &q).expect("valid");
        let c = o.connection.expect("connection");
        assert_eq!(c.route, lms::Route::TinCan);
        assert_eq!(c.endpoint, "https://lrs.example.org/xapi/");
        assert_eq!(o.learner_id.as_deref(), Some("https://lms.example.org|ana"));
        assert_eq!(o.learner_name.as_deref(), Some("Ana"));
        assert_eq!(o.lms_roles, vec!["Mentor".to_string()]);
        let bad = RawOptions {
            program: Some("/p.toml".into()),
            lrs: Some(lms::RawLrs::default()),
            ..Default::default()
        };
        assert!(
            Options::from_raw(bad, "").is_err(),
            "an incomplete lrs is an error, not silently local-only"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = serde_json::from_str::<RawOptions>(r#"{"progam": "x"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `progam`"));
    }
}
