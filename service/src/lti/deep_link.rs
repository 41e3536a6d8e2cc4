//! Deep Linking: an instructor adds Throughline from the platform's "add
//! external tool" flow, picks a program, and the tool answers the platform
//! with a signed `LtiDeepLinkingResponse` holding one resource link whose
//! custom `program` is the compiled program its launches open, and a line item
//! for the learner's commitment.
//!
//! The picker keeps no state: what the answer needs from the request (the
//! platform, deployment, return URL and `data`) travels in a short-lived token
//! the tool signs for itself and checks when the form comes back, so any
//! service process may receive it.

use std::path::Path;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use serde_json::{json, Value};
use throughline::i18n::Messages;
use throughline::program::{parse, Format};

use super::{refuse, Launch, Lti, Platform};
use crate::http::{escape, page, Lang};

const LTI: &str = "https://purl.imsglobal.org/spec/lti/claim/";
const DL: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/";
/// Who the picker's own token is for: only this form accepts it.
const PICKER_AUDIENCE: &str = "throughline:deep-link-picker";
/// How long an instructor may take to pick.
const PICK_SECONDS: i64 = 30 * 60;

/// A program the picker offers: file name and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Offered {
    /// File name without extension (`coaching`), also the compiled URL's.
    pub name: String,
    /// The program's title.
    pub title: String,
}

/// The valid programs in `dir`, by title; files with problems are left out.
pub(crate) fn programs(dir: &Path) -> Vec<Offered> {
    let mut out: Vec<Offered> = programs_parsed(dir)
        .into_iter()
        .map(|(name, program)| Offered {
            name,
            title: program.title,
        })
        .collect();
    out.sort_by(|a, b| a.title.cmp(&b.title).then(a.name.cmp(&b.name)));
    out.dedup_by(|a, b| a.name == b.name);
    out
}

/// The valid programs in `dir` with their file names.
pub(crate) fn programs_parsed(dir: &Path) -> Vec<(String, throughline::program::Program)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let format = match path.extension().and_then(|x| x.to_str()) {
                Some("toml") => Format::Toml,
                Some("json") => Format::Json,
                _ => return None,
            };
            let name = path.file_stem()?.to_str()?.to_string();
            if !plain_name(&name) {
                return None;
            }
            let text = std::fs::read_to_string(&path).ok()?;
            let program = parse(&text, format).ok()?;
            Some((name, program))
        })
        .collect()
}

fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether a launch's custom `program` is one of this service's compiled
/// programs (`/compiled/NAME.json`), not a URL elsewhere a platform admin typed in.
pub(crate) fn program_url_is_local(url: &str) -> bool {
    url.strip_prefix("/compiled/")
        .and_then(|rest| rest.strip_suffix(".json"))
        .is_some_and(plain_name)
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The picker an instructor sees after a Deep Linking launch.
pub(crate) fn picker(
    lti: &Lti,
    w: &Messages,
    platform: &Platform,
    launch: &Launch,
    return_url: &str,
    data: Option<&str>,
) -> Response {
    let Some(keys) = &lti.0.keys else {
        return refuse(
            w,
            StatusCode::INTERNAL_SERVER_ERROR,
            &w.get("picker-no-key"),
        );
    };
    let offered = lti.0.programs.as_deref().map(programs).unwrap_or_default();
    if offered.is_empty() {
        return refuse(
            w,
            StatusCode::SERVICE_UNAVAILABLE,
            &w.get("picker-no-program"),
        );
    }
    let context = json!({
        "aud": PICKER_AUDIENCE, "iss": platform.issuer, "client_id": platform.client_id,
        "deployment_id": launch.deployment_id, "return_url": return_url, "data": data,
        "iat": now(), "exp": now() + PICK_SECONDS,
    });
    let Ok(context) = keys.sign(&context) else {
        return refuse(
            w,
            StatusCode::INTERNAL_SERVER_ERROR,
            &w.get("picker-not-prepared"),
        );
    };
    let choices: String = offered
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"<div><input type="radio" name="program" id="program-{i}" value="{name}"{checked}> <label for="program-{i}">{title}</label></div>"#,
                name = escape(&p.name),
                title = escape(&p.title),
                checked = if i == 0 { " checked" } else { "" }
            )
        })
        .collect();
    page(
        w,
        StatusCode::OK,
        &w.get("picker-title"),
        &format!(
            r#"<form method="post" action="/lti/deep-link?lang={lang}"><input type="hidden" name="context" value="{context}"><fieldset><legend>{legend}</legend>{choices}</fieldset><p>{grades}</p><button type="submit">{add}</button></form>"#,
            lang = w.lang(),
            context = escape(&context),
            legend = escape(&w.get("picker-legend")),
            grades = escape(&w.get("picker-grades")),
            add = escape(&w.get("picker-add")),
        ),
    )
}

/// The picker's form.
#[derive(Debug, Deserialize)]
pub(crate) struct Choice {
    context: Option<String>,
    program: Option<String>,
}

/// `POST /lti/deep-link`: the instructor's pick, answered to the platform.
pub(crate) async fn choose(
    State(lti): State<Lti>,
    origin: crate::http::Origin,
    Lang(w): Lang,
    Form(choice): Form<Choice>,
) -> Response {
    let Some(keys) = &lti.0.keys else {
        return refuse(
            &w,
            StatusCode::INTERNAL_SERVER_ERROR,
            &w.get("picker-no-key"),
        );
    };
    let (Some(context), Some(program)) = (choice.context, choice.program) else {
        return refuse(&w, StatusCode::BAD_REQUEST, &w.get("picker-choose"));
    };
    let Ok(context) = keys.verify(&context, PICKER_AUDIENCE) else {
        return refuse(&w, StatusCode::BAD_REQUEST, &w.get("picker-expired"));
    };
    let text = |k: &str| context.get(k).and_then(Value::as_str).unwrap_or_default();
    let Some(platform) = lti.platform(text("iss"), text("client_id")) else {
        return refuse(
            &w,
            StatusCode::BAD_REQUEST,
            &w.get("launch-platform-unknown"),
        );
    };
    let offered = lti.0.programs.as_deref().map(programs).unwrap_or_default();
    let Some(chosen) = offered.iter().find(|p| p.name == program) else {
        return refuse(&w, StatusCode::BAD_REQUEST, &w.get("picker-unavailable"));
    };
    let mut claims = json!({
        "iss": platform.client_id, "aud": platform.issuer, "iat": now(), "exp": now() + 300,
        "nonce": uuid::Uuid::new_v4().simple().to_string(),
    });
    claims[format!("{LTI}message_type")] = json!("LtiDeepLinkingResponse");
    claims[format!("{LTI}version")] = json!("1.3.0");
    claims[format!("{LTI}deployment_id")] = json!(text("deployment_id"));
    if let Some(data) = context.get("data").and_then(Value::as_str) {
        claims[format!("{DL}data")] = json!(data);
    }
    claims[format!("{DL}content_items")] = json!([{
        "type": "ltiResourceLink",
        "title": chosen.title,
        "url": format!("{}/lti/launch", origin.0),
        "custom": { "program": format!("/compiled/{}.json", chosen.name) },
        "lineItem": { "scoreMaximum": 1, "label": w.with("picker-line-item", &[("program", chosen.title.as_str().into())]), "resourceId": format!("throughline:{}", chosen.name) },
    }]);
    let Ok(jwt) = keys.sign(&claims) else {
        return refuse(
            &w,
            StatusCode::INTERNAL_SERVER_ERROR,
            &w.get("picker-not-signed"),
        );
    };
    let return_url = text("return_url");
    page(
        &w,
        StatusCode::OK,
        &w.get("picker-returning-title"),
        &format!(
            r#"<form id="answer" method="post" action="{url}"><input type="hidden" name="JWT" value="{jwt}"><p>{returning}</p><noscript><button type="submit">{next}</button></noscript></form><script>document.getElementById('answer').submit()</script>"#,
            url = escape(return_url),
            jwt = escape(&jwt),
            returning = escape(&w.with(
                "picker-returning",
                &[("program", chosen.title.as_str().into())]
            )),
            next = escape(&w.get("picker-continue")),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_services_compiled_programs_are_launched() {
        assert!(program_url_is_local("/compiled/coaching.json"));
        for bad in [
            "https://evil.example/p.json",
            "/compiled/../lrs.json",
            "/compiled/a/b.json",
            "/compiled/.json",
            "//evil.example/compiled/x.json",
            "/compiled/x.toml",
        ] {
            assert!(!program_url_is_local(bad), "{bad}");
        }
    }

    #[test]
    fn the_picker_offers_valid_programs_by_title() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("coaching.toml"),
            crate::server::EXAMPLE_PROGRAM,
        )
        .expect("write");
        std::fs::write(dir.path().join("broken.toml"), "title = ").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        let offered = programs(dir.path());
        assert_eq!(offered.len(), 1, "{offered:?}");
        assert_eq!(offered[0].name, "coaching");
        assert!(!offered[0].title.is_empty());
    }
}
