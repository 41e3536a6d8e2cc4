//! Launches from an LMS: TinCan-style and cmi5 parameters on the page URL,
//! LRS settings passed to `mount`, and LTI-style context from the host page.
//! Turns them into one [`Connection`], or plain-language errors that never
//! repeat a credential.

use serde::Deserialize;
use uuid::Uuid;

use super::LaunchError;
use crate::ident::is_absolute_iri;
use crate::xapi::{Agent, Version};

/// How the widget was connected to an LRS, in order of precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// cmi5: the LMS launched us with a one-time `fetch` URL for the auth token.
    Cmi5 {
        /// The fetch URL, used exactly once.
        fetch: String,
    },
    /// TinCan-style: `endpoint`, `auth`, `actor` on the page URL.
    TinCan,
    /// The host page passed `lrs` to `mount`.
    Host,
}

/// Where statements and the learner's documents go, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// Which launch this came from.
    pub route: Route,
    /// LRS endpoint, always ending in `/`.
    pub endpoint: String,
    /// The `Authorization` header value; empty for cmi5 until the token is fetched.
    pub auth: String,
    /// xAPI version to speak.
    pub version: Version,
    /// The learner as the LMS identifies them.
    pub actor: Agent,
    /// Registration from the launch.
    pub registration: Option<Uuid>,
    /// The LMS's activity id for this course or AU.
    pub activity_id: Option<String>,
}

/// LRS settings as a host writes them in `mount(el, { lrs: {...} })`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawLrs {
    /// Endpoint URL.
    pub endpoint: Option<String>,
    /// Full Authorization header value, e.g. "Basic dXNlcjpwYXNz".
    pub auth: Option<String>,
    /// Basic auth key (with `secret`), instead of `auth`.
    pub key: Option<String>,
    /// Basic auth secret.
    pub secret: Option<String>,
    /// "1.0.3" (default) or "2.0.0".
    pub version: Option<String>,
    /// The learner as an xAPI Agent; otherwise built from `learner` and `homePage`.
    pub actor: Option<serde_json::Value>,
    /// Home page of the learners' accounts, with `learner.id` as the account name.
    pub home_page: Option<String>,
    /// Registration UUID.
    pub registration: Option<String>,
    /// The course's activity id.
    pub activity_id: Option<String>,
}

/// LTI-style context handed over by a host page (e.g. from an LTI 1.3 launch it validated).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawLti {
    /// LTI role URIs or short names ("Instructor", "Learner", "Mentor", ...).
    #[serde(default)]
    pub roles: Vec<String>,
    /// The LMS course id.
    pub context_id: Option<String>,
    /// The LMS course title.
    pub context_title: Option<String>,
    /// Whether this launch may add the course roster to a team it leads (the service says so
    /// for an instructor's launch that came with a roster service).
    #[serde(default)]
    pub roster: bool,
    /// The platform's `launch_presentation.locale`: the learner's language in the LMS.
    pub locale: Option<String>,
}

/// The short LTI role name of a role URI: `http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor` -> `Instructor`.
pub fn lti_role_name(role: &str) -> &str {
    let tail = role.rsplit(['#', '/']).next().unwrap_or(role);
    tail.trim()
}

fn check_endpoint(raw: &str, errors: &mut Vec<LaunchError>) -> Option<String> {
    let e = raw.trim();
    let http = e.starts_with("https://") || e.starts_with("http://");
    if !http || e.len() > 2048 || e.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(LaunchError("`endpoint` must be the LRS address, starting with https:// (or http:// on this machine)".into()));
        return None;
    }
    Some(if e.ends_with('/') {
        e.to_string()
    } else {
        format!("{e}/")
    })
}

fn check_auth(raw: &str, errors: &mut Vec<LaunchError>) -> Option<String> {
    let a = raw.trim();
    // Never echo the value: it is a credential.
    if a.is_empty() || a.len() > 4096 || a.chars().any(|c| c.is_control()) || !a.contains(' ') {
        errors.push(LaunchError(
            "`auth` must be an Authorization header value such as “Basic …”".into(),
        ));
        return None;
    }
    Some(a.to_string())
}

/// Reads an xAPI actor given as JSON text or value, accepting TinCan 0.9's one-element arrays.
pub fn parse_actor(value: serde_json::Value) -> Result<Agent, LaunchError> {
    let unwrap = |v: serde_json::Value| match v {
        serde_json::Value::Array(mut items) if items.len() == 1 => items.remove(0),
        other => other,
    };
    let value = match value {
        serde_json::Value::String(s) => {
            serde_json::from_str(&s).map_err(|_| LaunchError("`actor` is not valid JSON".into()))?
        }
        v => v,
    };
    let serde_json::Value::Object(map) = value else {
        return Err(LaunchError("`actor` must be a JSON object".into()));
    };
    let mut fixed = serde_json::Map::new();
    for (k, v) in map {
        let v = unwrap(v);
        let v = if k == "account" {
            match v {
                // TinCan 0.9 wrote accountServiceHomePage / accountName.
                serde_json::Value::Object(mut a) => {
                    if let Some(h) = a.remove("accountServiceHomePage") {
                        a.insert("homePage".into(), h);
                    }
                    if let Some(n) = a.remove("accountName") {
                        a.insert("name".into(), n);
                    }
                    serde_json::Value::Object(a)
                }
                other => other,
            }
        } else {
            v
        };
        fixed.insert(k, v);
    }
    let agent: Agent = serde_json::from_value(serde_json::Value::Object(fixed))
        .map_err(|e| LaunchError(format!("`actor` is not an xAPI Agent: {e}")))?;
    if agent.identifier_count() != 1 {
        return Err(LaunchError("`actor` must identify the learner with exactly one of mbox, mbox_sha1sum, openid or account".into()));
    }
    if agent.object_type != "Agent" {
        return Err(LaunchError("`actor` must be an Agent".into()));
    }
    Ok(agent)
}

fn registration(raw: Option<&str>, errors: &mut Vec<LaunchError>) -> Option<Uuid> {
    let r = raw?.trim();
    match Uuid::try_parse(r) {
        Ok(u) if r.len() == 36 => Some(u),
        _ => {
            errors.push(LaunchError(
                "`registration` must be a UUID such as 6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21".into(),
            ));
            None
        }
    }
}

fn activity(raw: Option<&str>, errors: &mut Vec<LaunchError>) -> Option<String> {
    let a = raw?.trim();
    if is_absolute_iri(a) {
        Some(a.to_string())
    } else {
        errors.push(LaunchError(
            "the activity id must be an absolute IRI".into(),
        ));
        None
    }
}

/// Reads an LMS launch from the page's query string. `Ok(None)` when the URL carries none.
/// cmi5 (a `fetch` parameter) wins over TinCan-style parameters.
pub fn from_query(query: &str) -> Result<Option<Connection>, Vec<LaunchError>> {
    let params: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(endpoint) = get("endpoint") else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let endpoint = check_endpoint(endpoint, &mut errors);
    let actor = match get("actor") {
        Some(a) => parse_actor(serde_json::Value::String(a.to_string()))
            .map_err(|e| errors.push(e))
            .ok(),
        None => {
            errors.push(LaunchError("the launch address has `endpoint` but no `actor`: the LMS must say who the learner is".into()));
            None
        }
    };
    let registration = registration(get("registration"), &mut errors);
    let (route, auth, activity_id) = match get("fetch") {
        Some(fetch) => {
            if !(fetch.starts_with("https://") || fetch.starts_with("http://")) {
                errors.push(LaunchError("cmi5 `fetch` must be an http(s) URL".into()));
            }
            if get("activityId").is_none() {
                errors.push(LaunchError("cmi5 launch is missing `activityId`".into()));
            }
            if registration.is_none() && get("registration").is_none() {
                errors.push(LaunchError("cmi5 launch is missing `registration`".into()));
            }
            (
                Route::Cmi5 {
                    fetch: fetch.to_string(),
                },
                Some(String::new()),
                activity(get("activityId"), &mut errors),
            )
        }
        None => {
            let auth = match get("auth") {
                Some(a) => check_auth(a, &mut errors),
                None => {
                    errors.push(LaunchError(
                        "the launch address has `endpoint` but no `auth`".into(),
                    ));
                    None
                }
            };
            (
                Route::TinCan,
                auth,
                activity(get("activity_id").or(get("activityId")), &mut errors),
            )
        }
    };
    let version = get("version")
        .map(|v| Version::parse(v).ok_or(()))
        .transpose()
        .unwrap_or_else(|_| {
            errors.push(LaunchError("`version` must be 1.0.3 or 2.0.0".into()));
            None
        });
    match (endpoint, actor, auth) {
        (Some(endpoint), Some(actor), Some(auth)) if errors.is_empty() => Ok(Some(Connection {
            route,
            endpoint,
            auth,
            version: version.unwrap_or_default(),
            actor,
            registration,
            activity_id,
        })),
        _ => Err(errors),
    }
}

/// Reads LRS settings given to `mount`. `learner_id`/`name` build an account actor when no `actor` is given.
pub fn from_host(
    raw: RawLrs,
    learner_id: Option<&str>,
    learner_name: Option<&str>,
) -> Result<Connection, Vec<LaunchError>> {
    let mut errors = Vec::new();
    let endpoint = match raw.endpoint.as_deref() {
        Some(e) => check_endpoint(e, &mut errors),
        None => {
            errors.push(LaunchError("`lrs.endpoint` is missing".into()));
            None
        }
    };
    let auth = match (
        raw.auth.as_deref(),
        raw.key.as_deref(),
        raw.secret.as_deref(),
    ) {
        (Some(a), None, None) => check_auth(a, &mut errors),
        (None, Some(k), Some(s)) => Some(format!("Basic {}", base64(&format!("{k}:{s}")))),
        _ => {
            errors.push(LaunchError(
                "give `lrs.auth`, or `lrs.key` with `lrs.secret`".into(),
            ));
            None
        }
    };
    let actor = match (raw.actor, raw.home_page.as_deref(), learner_id) {
        (Some(a), _, _) => parse_actor(a).map_err(|e| errors.push(e)).ok(),
        (None, Some(home), Some(id)) if is_absolute_iri(home) => {
            Some(Agent::account(home, id, learner_name))
        }
        (None, Some(_), Some(_)) => {
            errors.push(LaunchError("`lrs.homePage` must be an absolute URL".into()));
            None
        }
        _ => {
            errors.push(LaunchError("with `lrs`, say who the learner is: `lrs.actor`, or `learner.id` with `lrs.homePage`".into()));
            None
        }
    };
    let registration = registration(raw.registration.as_deref(), &mut errors);
    let activity_id = activity(raw.activity_id.as_deref(), &mut errors);
    let version = match raw.version.as_deref().map(Version::parse) {
        Some(None) => {
            errors.push(LaunchError("`lrs.version` must be 1.0.3 or 2.0.0".into()));
            None
        }
        Some(v) => v,
        None => None,
    };
    match (endpoint, auth, actor) {
        (Some(endpoint), Some(auth), Some(actor)) if errors.is_empty() => Ok(Connection {
            route: Route::Host,
            endpoint,
            auth,
            version: version.unwrap_or_default(),
            actor,
            registration,
            activity_id,
        }),
        _ => Err(errors),
    }
}

fn base64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTOR: &str = r#"{"objectType":"Agent","name":"Ana","account":{"homePage":"https://lms.example.org","name":"ana"}}"#;

    fn query(pairs: &[(&str, &str)]) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    #[test]
    fn tincan_launch_is_read() {
        let q = query(&[
            ("endpoint", "https://lrs.example.org/xapi"),
            ("auth", "Basic YTpi"),
            ("actor", ACTOR),
            ("registration", "6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21"),
            ("activity_id", "https://lms.example.org/course/7"),
        ]);
        let c = from_query(&q).expect("valid").expect("present");
        assert_eq!(c.route, Route::TinCan);
        assert_eq!(c.endpoint, "https://lrs.example.org/xapi/");
        assert_eq!(c.auth, "Basic YTpi");
        assert_eq!(
            c.actor.account.as_ref().map(|a| a.name.as_str()),
            Some("ana")
        );
        assert_eq!(
            c.activity_id.as_deref(),
            Some("https://lms.example.org/course/7")
        );
        assert_eq!(from_query("?now=2027-01-01").expect("fine"), None);
    }

    #[test]
    fn tincan_09_actor_arrays_are_accepted() {
        let old = r#"{"name":["Ana"],"account":[{"accountServiceHomePage":"https://lms.example.org","accountName":"ana"}]}"#;
        let a = parse_actor(serde_json::Value::String(old.into())).expect("actor");
        assert_eq!(
            a.account.map(|x| x.home_page),
            Some("https://lms.example.org".to_string())
        );
    }

    #[test]
    fn cmi5_launch_needs_its_parameters() {
        let q = query(&[
            ("endpoint", "http://127.0.0.1:9/xapi/"),
            ("fetch", "http://127.0.0.1:9/cmi5/fetch?t=1"),
            ("actor", ACTOR),
            ("registration", "6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21"),
            ("activityId", "https://lms.example.org/au/1"),
        ]);
        let c = from_query(&q).expect("valid").expect("present");
        assert_eq!(
            c.route,
            Route::Cmi5 {
                fetch: "http://127.0.0.1:9/cmi5/fetch?t=1".into()
            }
        );
        let broken = query(&[
            ("endpoint", "http://127.0.0.1:9/xapi/"),
            ("fetch", "http://127.0.0.1:9/f"),
            ("actor", ACTOR),
        ]);
        let errors = from_query(&broken).expect_err("invalid");
        assert!(
            errors.iter().any(|e| e.0.contains("activityId"))
                && errors.iter().any(|e| e.0.contains("registration"))
        );
    }

    #[test]
    fn bad_launches_say_what_is_wrong_without_echoing_credentials() {
        let secret = "Basic c2VjcmV0LWtleTpzZWNyZXQtcGFzcw";
        let q = query(&[
            ("endpoint", "ftp://x"),
            ("auth", secret),
            (
                "actor",
                r#"{"mbox":"mailto:a@b.c","account":{"homePage":"https://x","name":"y"}}"#,
            ),
            ("registration", "nope"),
        ]);
        let errors = from_query(&q).expect_err("invalid");
        let text: String = errors
            .iter()
            .map(|e| e.0.clone())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("endpoint")
                && text.contains("exactly one")
                && text.contains("registration"),
            "{text}"
        );
        assert!(
            !text.contains("c2VjcmV0"),
            "credentials never appear in messages"
        );
        let no_auth = query(&[
            ("endpoint", "https://lrs.example.org/"),
            ("actor", ACTOR),
            ("auth", ""),
        ]);
        assert!(from_query(&no_auth)
            .expect_err("invalid")
            .iter()
            .any(|e| e.0.contains("`auth`")));
    }

    #[test]
    fn host_settings_build_an_account_actor_and_basic_auth() {
        let raw = RawLrs {
            endpoint: Some("http://127.0.0.1:8080/xapi".into()),
            key: Some("ana-key".into()),
            secret: Some("s3cret".into()),
            home_page: Some("http://127.0.0.1:8080".into()),
            ..RawLrs::default()
        };
        let c = from_host(raw, Some("ana"), Some("Ana")).expect("valid");
        assert_eq!(c.auth, "Basic YW5hLWtleTpzM2NyZXQ=");
        assert_eq!(
            c.actor,
            Agent::account("http://127.0.0.1:8080", "ana", Some("Ana"))
        );
        let errors = from_host(
            RawLrs {
                version: Some("0.9".into()),
                ..RawLrs::default()
            },
            None,
            None,
        )
        .expect_err("invalid");
        assert_eq!(errors.len(), 4, "{errors:?}");
    }

    #[test]
    fn lti_roles_are_shortened() {
        assert_eq!(
            lti_role_name("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"),
            "Instructor"
        );
        assert_eq!(lti_role_name("Learner"), "Learner");
        assert_eq!(lti_role_name("urn:lti:role:ims/lis/Mentor"), "Mentor");
    }

    #[test]
    fn base64_matches_the_standard() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("a:b", "YTpi"),
        ] {
            assert_eq!(base64(plain), encoded);
        }
    }
}
