//! The simulated LTI 1.3 platform the tool's tests launch from: its RSA key,
//! its JWKS, and the id_token claims a real platform would sign.
#![allow(dead_code)]

use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};
use throughline_service::lti::Platform;

pub const KEY: &str = include_str!("../fixtures/lti-platform-test-key.pem");
pub const FORGER: &str = include_str!("../fixtures/lti-forger-test-key.pem");
pub const JWKS: &str = include_str!("../fixtures/lti-platform-jwks.json");
pub const ISS: &str = "https://lms.example.org";
pub const CLIENT: &str = "throughline-client";

pub fn platform() -> Platform {
    Platform {
        issuer: ISS.into(),
        client_id: CLIENT.into(),
        deployment_ids: vec!["dep-1".into()],
        auth_login_url: "https://lms.example.org/auth".into(),
        jwks_url: None,
        jwks: Some(serde_json::from_str(JWKS).expect("jwks")),
        auth_token_url: None,
        adoption_grade: false,
    }
}

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub fn claims(nonce: &str) -> Value {
    json!({
        "iss": ISS, "aud": CLIENT, "sub": "user-17", "name": "Ana Ruiz", "email": "ana@lms.example.org", "nonce": nonce,
        "iat": now(), "exp": now() + 300,
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "dep-1",
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        "https://purl.imsglobal.org/spec/lti/claim/context": { "id": "course-7", "title": "Coaching for leaders" },
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": { "id": "link-1" },
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { "locale": "de-DE", "document_target": "iframe" }
    })
}

pub fn sign(claims: &Value, pem: &str) -> String {
    let mut header = Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some("platform-test-1".into());
    encode(
        &header,
        claims,
        &EncodingKey::from_rsa_pem(pem.as_bytes()).expect("key"),
    )
    .expect("signed")
}
