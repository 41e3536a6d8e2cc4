//! LTI 1.3 launches from a simulated platform (its own RSA key and JWKS), over real HTTP.

#[path = "common/database.rs"]
mod database;
#[path = "common/lti_platform.rs"]
mod lti_platform;

use lti_platform::{claims, now, platform, sign, CLIENT, FORGER, ISS, JWKS, KEY};
use serde_json::{json, Value};
use throughline_service::lti::{validate, Lti, LtiError, Platform};

fn keys() -> jsonwebtoken::jwk::JwkSet {
    serde_json::from_str(JWKS).expect("jwks")
}

#[test]
fn a_valid_launch_gives_learner_context_and_roles() {
    let launch = validate(
        &sign(&claims("n-1"), KEY),
        &platform(),
        &keys(),
        "n-1",
        now(),
    )
    .expect("valid");
    assert_eq!(launch.subject, "user-17");
    assert_eq!(
        launch.context_title.as_deref(),
        Some("Coaching for leaders")
    );
    assert_eq!(
        launch.roles,
        vec!["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor".to_string()]
    );
    assert_eq!(
        launch.message,
        throughline_service::lti::Message::ResourceLink
    );
    assert_eq!(launch.resource_link_id.as_deref(), Some("link-1"));
    assert_eq!(
        (launch.lineitem, launch.roster_url, launch.custom_program),
        (None, None, None)
    );
}

/// What LTI Advantage adds to a launch: a line item only with the score scope, the roster URL,
/// the custom program; and a Deep Linking request with its return URL and data.
#[test]
fn advantage_claims_are_read_from_a_launch() {
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = json!({
        "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score", "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"],
        "lineitem": "https://lms.example.org/li/7", "lineitems": "https://lms.example.org/li"});
    c["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = json!({"context_memberships_url": "https://lms.example.org/members", "service_versions": ["2.0"]});
    c["https://purl.imsglobal.org/spec/lti/claim/custom"] =
        json!({"program": "/compiled/coaching.json"});
    let launch = validate(&sign(&c, KEY), &platform(), &keys(), "n-1", now()).expect("valid");
    assert_eq!(
        launch.lineitem.as_deref(),
        Some("https://lms.example.org/li/7")
    );
    assert_eq!(
        launch.roster_url.as_deref(),
        Some("https://lms.example.org/members")
    );
    assert_eq!(
        launch.custom_program.as_deref(),
        Some("/compiled/coaching.json")
    );
    c["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"]["scope"] =
        json!(["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"]);
    c["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"]
        ["context_memberships_url"] = json!("javascript:alert(1)");
    let launch = validate(&sign(&c, KEY), &platform(), &keys(), "n-1", now()).expect("valid");
    assert_eq!(
        (launch.lineitem, launch.roster_url),
        (None, None),
        "no score scope, no web URL"
    );

    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/message_type"] = json!("LtiDeepLinkingRequest");
    c["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = json!({
        "deep_link_return_url": "https://lms.example.org/dl", "accept_types": ["ltiResourceLink"], "data": "d1"});
    let launch = validate(&sign(&c, KEY), &platform(), &keys(), "n-1", now()).expect("valid");
    assert_eq!(
        launch.message,
        throughline_service::lti::Message::DeepLinking {
            return_url: "https://lms.example.org/dl".into(),
            data: Some("d1".into())
        }
    );
}

#[test]
fn forged_expired_misdirected_and_foreign_launches_are_refused() {
    let check = |c: Value, pem: &str| validate(&sign(&c, pem), &platform(), &keys(), "n-1", now());
    let token_err = |r: Result<_, LtiError>, needle: &str| match r {
        Err(e) => assert!(
            e.to_string().contains(needle),
            "{e} should mention {needle}"
        ),
        Ok(_) => panic!("accepted a launch that should mention {needle}"),
    };
    token_err(check(claims("n-1"), FORGER), "signature");
    // Signed with a key the platform has rotated out of its JWKS.
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some("rotated-out-2025".into());
    let old_key = jsonwebtoken::EncodingKey::from_rsa_pem(KEY.as_bytes()).expect("key");
    let rotated = jsonwebtoken::encode(&header, &claims("n-1"), &old_key).expect("signed");
    token_err(
        validate(&rotated, &platform(), &keys(), "n-1", now()),
        "does not publish",
    );
    let mut c = claims("n-1");
    c["aud"] = json!("another-tool");
    token_err(check(c, KEY), "another tool");
    let mut c = claims("n-1");
    c["exp"] = json!(now() - 3600);
    c["iat"] = json!(now() - 7200);
    token_err(check(c, KEY), "expired");
    let mut c = claims("n-1");
    c["iss"] = json!("https://evil.example.org");
    token_err(check(c, KEY), "another platform");
    token_err(check(claims("n-2"), KEY), "nonce");
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = json!("dep-unknown");
    token_err(check(c, KEY), "deployment");
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/version"] = json!("1.1");
    token_err(check(c, KEY), "1.3.0");
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/message_type"] = json!("LtiDeepLinkingRequest");
    token_err(check(c, KEY), "deep linking settings");
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/message_type"] = json!("LtiDeepLinkingRequest");
    c["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] =
        json!({"deep_link_return_url": "https://lms.example.org/dl", "accept_types": ["link"]});
    token_err(check(c, KEY), "accept_types");
    let mut c = claims("n-1");
    c["https://purl.imsglobal.org/spec/lti/claim/message_type"] =
        json!("LtiSubmissionReviewRequest");
    token_err(check(c, KEY), "message type");
    let mut c = claims("n-1");
    c["aud"] = json!([CLIENT, "other"]);
    token_err(check(c, KEY), "azp");
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

#[tokio::test(flavor = "multi_thread")]
async fn login_then_launch_over_http_and_replays_are_refused() {
    // The platform's keys come from its JWKS URL, served here like a real platform would.
    let jwks_app = axum::Router::new().route(
        "/jwks",
        axum::routing::get(|| async { ([("content-type", "application/json")], JWKS) }),
    );
    let jwks_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let jwks_url = format!("http://{}/jwks", jwks_listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(jwks_listener, jwks_app).await });
    let data = tempfile::tempdir().expect("temp dir");
    let lrs = throughline_service::lrs::Lrs::open(throughline_service::lrs::LrsConfig {
        data_dir: data.path().to_path_buf(),
        database: database::fresh(),
        learners: Vec::new(),
        hash_secrets: false,
    })
    .expect("the database the tool keeps logins and nonces in");
    let store_view = lrs.clone();
    let tool = Lti::new(
        vec![Platform {
            jwks: None,
            jwks_url: Some(jwks_url),
            ..platform()
        }],
        "/programs/coaching.toml",
        lrs,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, tool.router()).await });

    let run = move || {
        let http = agent();
        let login = format!("{base}/lti/login?iss={ISS}&login_hint=u17&target_link_uri={base}/lti/launch&client_id={CLIENT}&lti_deployment_id=dep-1");
        let r = http.get(&login).call().expect("login");
        assert_eq!(r.status().as_u16(), 303, "redirect to the platform");
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .expect("location")
            .to_string();
        assert!(location.starts_with("https://lms.example.org/auth?"));
        let params: std::collections::HashMap<String, String> =
            form_urlencoded::parse(location.split_once('?').expect("query").1.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(params["response_mode"], "form_post");
        assert_eq!(params["redirect_uri"], format!("{base}/lti/launch"));
        let token = sign(&claims(&params["nonce"]), KEY);
        let post = |state: &str, token: &str| {
            let mut r = http
                .post(&format!("{base}/lti/launch"))
                .send_form([("id_token", token), ("state", state)])
                .expect("launch");
            (
                r.status().as_u16(),
                r.body_mut().read_to_string().unwrap_or_default(),
            )
        };
        let (status, page) = post(&params["state"], &token);
        assert_eq!(status, 200, "{page}");
        assert!(
            page.contains("membership#Instructor")
                && page.contains("\"contextTitle\":\"Coaching for leaders\"")
                // The platform's language for the learner goes to the widget, first in line.
                && page.contains("\"locale\":\"de-DE\"")
                && page.contains("mount(")
        );
        // The platform's email claim is where the learner's reflection emails go.
        let reached = store_view
            .store()
            .nudge_recipients("", "~")
            .expect("recipients");
        assert_eq!(reached.len(), 1);
        assert_eq!(
            (reached[0].email.as_deref(), reached[0].source.as_str()),
            (Some("ana@lms.example.org"), "lti")
        );
        let (status, page) = post(&params["state"], &token);
        assert_eq!(status, 401, "the same state twice");
        assert!(page.contains("already used") && !page.contains("mount("));
        // A forged token on a fresh login is refused and no widget is served.
        let r = http.get(&login).call().expect("login");
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .expect("location")
            .to_string();
        let params: std::collections::HashMap<String, String> =
            form_urlencoded::parse(location.split_once('?').expect("query").1.as_bytes())
                .into_owned()
                .collect();
        let (status, page) = post(&params["state"], &sign(&claims(&params["nonce"]), FORGER));
        assert_eq!(status, 401);
        assert!(page.contains("signature") && !page.contains("mount("));
        let unknown = http
            .get(&format!(
                "{base}/lti/login?iss=https://nobody.example&login_hint=x&target_link_uri=x"
            ))
            .call()
            .expect("login");
        assert_eq!(unknown.status().as_u16(), 400);
    };
    tokio::task::spawn_blocking(run).await.expect("test body");
}
