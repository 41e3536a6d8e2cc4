//! Checking an LTI 1.3 launch id_token: pure, so every refusal is tested.

use std::collections::HashSet;

use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::Platform;

const LTI: &str = "https://purl.imsglobal.org/spec/lti/claim/";
const DEEP_LINKING_SETTINGS: &str =
    "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
const AGS_ENDPOINT: &str = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
const NRPS: &str = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
/// The AGS scope for posting scores.
pub const SCORE_SCOPE: &str = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
/// The AGS scope for adding and reading line items.
pub const LINEITEM_SCOPE: &str = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
/// Seconds of clock difference allowed between platform and tool.
pub const LEEWAY: u64 = 60;

/// Why a launch was refused, in words for the learner and their admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LtiError {
    /// The platform's keys are missing or unreadable.
    Keys(String),
    /// The token's signature, dates or audience do not check out.
    Token(String),
    /// A required LTI claim is missing or wrong.
    Claim(String),
}

impl std::fmt::Display for LtiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LtiError::Keys(m) => write!(f, "The launch could not be checked: {m}."),
            LtiError::Token(m) => write!(f, "The launch token is not valid: {m}."),
            LtiError::Claim(m) => write!(f, "The launch is not a valid LTI 1.3 launch: {m}."),
        }
    }
}

impl std::error::Error for LtiError {}

/// Which LTI message a launch is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A learner or instructor opening the tool from a course.
    ResourceLink,
    /// An instructor adding the tool to a course (Deep Linking): pick what to add.
    DeepLinking {
        /// Where the tool posts its answer.
        return_url: String,
        /// The platform's opaque `data`, to echo back.
        data: Option<String>,
    },
}

/// What a valid launch tells the tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// Resource link or Deep Linking.
    pub message: Message,
    /// The deployment it came through.
    pub deployment_id: String,
    /// The resource link's id, on resource-link launches.
    pub resource_link_id: Option<String>,
    /// The program a Deep Linking answer attached to this link (custom `program`).
    pub custom_program: Option<String>,
    /// The AGS line item, when the platform lets this tool post scores to it.
    pub lineitem: Option<String>,
    /// The AGS line items URL, when the platform lets this tool add line items and score them.
    pub lineitems: Option<String>,
    /// The NRPS memberships URL, when the platform offers the roster.
    pub roster_url: Option<String>,
    /// The learner's id at the platform (`sub`).
    pub subject: String,
    /// Display name, when the platform shares it.
    pub name: Option<String>,
    /// Email address, when the platform shares it (OpenID Connect's `email` claim): where
    /// reflection emails go.
    pub email: Option<String>,
    /// LTI role URIs.
    pub roles: Vec<String>,
    /// Course id.
    pub context_id: Option<String>,
    /// Course title.
    pub context_title: Option<String>,
    /// The learner's language in the platform (`launch_presentation.locale`), for the widget's words.
    pub locale: Option<String>,
    /// The token's nonce, to refuse replays.
    pub nonce: String,
}

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    nonce: Option<String>,
    azp: Option<String>,
    aud: serde_json::Value,
    name: Option<String>,
    email: Option<String>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

fn claim<'a>(c: &'a Claims, name: &str) -> Option<&'a serde_json::Value> {
    c.rest.get(&format!("{LTI}{name}"))
}

/// Checks `token` from `platform` against its `keys` and the `nonce` issued at login, at `now` (unix seconds).
pub fn validate(
    token: &str,
    platform: &Platform,
    keys: &jsonwebtoken::jwk::JwkSet,
    nonce: &str,
    now: i64,
) -> Result<Launch, LtiError> {
    let header = decode_header(token).map_err(|_| LtiError::Token("it is not a JWT".into()))?;
    if header.alg != Algorithm::RS256 {
        return Err(LtiError::Token("it must be signed with RS256".into()));
    }
    let jwk = match &header.kid {
        Some(kid) => keys.find(kid),
        None => keys.keys.first(),
    }
    .ok_or_else(|| {
        LtiError::Token("it was signed with a key the platform does not publish".into())
    })?;
    let key = DecodingKey::from_jwk(jwk)
        .map_err(|_| LtiError::Keys("the platform's key is not usable".into()))?;
    let mut v = Validation::new(Algorithm::RS256);
    v.set_issuer(&[platform.issuer.as_str()]);
    v.set_audience(&[platform.client_id.as_str()]);
    v.leeway = LEEWAY;
    v.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
    // exp is checked by the library against the real clock; check both against `now` too, so tests can set the time.
    let data = decode::<Claims>(token, &key, &v).map_err(|e| {
        LtiError::Token(match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                "its signature does not match the platform's key".into()
            }
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => "it has expired".into(),
            jsonwebtoken::errors::ErrorKind::InvalidAudience => {
                "it is meant for another tool (aud)".into()
            }
            jsonwebtoken::errors::ErrorKind::InvalidIssuer => {
                "it comes from another platform (iss)".into()
            }
            jsonwebtoken::errors::ErrorKind::ImmatureSignature => "it is not valid yet".into(),
            _ => "it could not be read".into(),
        })
    })?;
    let c = data.claims;
    let times = |k: &str| c.rest.get(k).and_then(serde_json::Value::as_i64);
    let leeway = LEEWAY as i64;
    match (times("iat"), times("exp")) {
        (Some(iat), Some(exp)) if iat <= now + leeway && exp + leeway >= now => {}
        (Some(iat), _) if iat > now + leeway => {
            return Err(LtiError::Token("it was issued in the future".into()))
        }
        _ => return Err(LtiError::Token("it has expired".into())),
    }
    let audiences: HashSet<&str> = match &c.aud {
        serde_json::Value::String(s) => [s.as_str()].into(),
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => HashSet::new(),
    };
    if audiences.len() > 1 && c.azp.as_deref() != Some(platform.client_id.as_str()) {
        return Err(LtiError::Token(
            "it names several audiences but its azp is not this tool".into(),
        ));
    }
    if c.azp.as_deref().is_some_and(|a| a != platform.client_id) {
        return Err(LtiError::Token("its azp is another tool".into()));
    }
    let token_nonce = c
        .nonce
        .clone()
        .ok_or_else(|| LtiError::Token("it has no nonce".into()))?;
    if token_nonce != nonce {
        return Err(LtiError::Token(
            "its nonce does not match this login".into(),
        ));
    }
    let text = |name: &str| claim(&c, name).and_then(|v| v.as_str()).map(str::to_string);
    let message = match text("message_type").as_deref() {
        Some("LtiResourceLinkRequest") => Message::ResourceLink,
        Some("LtiDeepLinkingRequest") => deep_linking(c.rest.get(DEEP_LINKING_SETTINGS))?,
        _ => {
            return Err(LtiError::Claim(
                "the message type must be LtiResourceLinkRequest or LtiDeepLinkingRequest".into(),
            ))
        }
    };
    if text("version").as_deref() != Some("1.3.0") {
        return Err(LtiError::Claim("the LTI version must be 1.3.0".into()));
    }
    let deployment = text("deployment_id")
        .ok_or_else(|| LtiError::Claim("the deployment id is missing".into()))?;
    if !platform.deployment_ids.contains(&deployment) {
        return Err(LtiError::Claim(
            "this deployment is not registered with Throughline".into(),
        ));
    }
    let roles = claim(&c, "roles")
        .and_then(|r| r.as_array())
        .ok_or_else(|| LtiError::Claim("the roles claim is missing".into()))?;
    let context = claim(&c, "context");
    let ctx = |k: &str| {
        context
            .and_then(|x| x.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let ags = c.rest.get(AGS_ENDPOINT);
    let granted = |scope: &str| {
        ags.and_then(|a| a.get("scope"))
            .and_then(|s| s.as_array())
            .is_some_and(|s| s.iter().any(|x| x.as_str() == Some(scope)))
    };
    let may_score = granted(SCORE_SCOPE);
    let url = |v: Option<&serde_json::Value>| {
        v.and_then(|v| v.as_str())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(str::to_string)
    };
    Ok(Launch {
        resource_link_id: claim(&c, "resource_link")
            .and_then(|r| r.get("id"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        custom_program: claim(&c, "custom")
            .and_then(|r| r.get("program"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        lineitem: url(ags.and_then(|a| a.get("lineitem"))).filter(|_| may_score),
        lineitems: url(ags.and_then(|a| a.get("lineitems")))
            .filter(|_| may_score && granted(LINEITEM_SCOPE)),
        roster_url: url(c
            .rest
            .get(NRPS)
            .and_then(|n| n.get("context_memberships_url"))),
        message,
        deployment_id: deployment,
        subject: c.sub.clone(),
        name: c.name.clone(),
        email: c
            .email
            .clone()
            .filter(|e| e.len() <= 320 && e.contains('@')),
        roles: roles
            .iter()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect(),
        context_id: ctx("id"),
        context_title: ctx("title"),
        locale: claim(&c, "launch_presentation")
            .and_then(|p| p.get("locale"))
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|l| !l.is_empty() && l.len() <= 35)
            .map(str::to_string),
        nonce: token_nonce,
    })
}

fn deep_linking(settings: Option<&serde_json::Value>) -> Result<Message, LtiError> {
    let settings =
        settings.ok_or_else(|| LtiError::Claim("the deep linking settings are missing".into()))?;
    let return_url = settings
        .get("deep_link_return_url")
        .and_then(|v| v.as_str())
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .ok_or_else(|| LtiError::Claim("the deep linking settings have no return URL".into()))?;
    let accepts_links = settings
        .get("accept_types")
        .and_then(|v| v.as_array())
        .is_some_and(|t| t.iter().any(|x| x.as_str() == Some("ltiResourceLink")));
    if !accepts_links {
        return Err(LtiError::Claim(
            "the platform does not accept LTI resource links here (accept_types)".into(),
        ));
    }
    Ok(Message::DeepLinking {
        return_url: return_url.to_string(),
        data: settings
            .get("data")
            .and_then(|v| v.as_str())
            .map(str::to_string),
    })
}
