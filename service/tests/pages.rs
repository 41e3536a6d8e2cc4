//! The service's own pages in the visitor's language over real HTTP: `?lang=` first (the
//! links the service sends carry it), then `Accept-Language`, else English; `<html lang>`
//! says which.

mod common;

use throughline_service::server::{Service, ServiceConfig};

fn start() -> (String, common::Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let service = Service::open(ServiceConfig {
        data_dir: dir.path().join("data"),
        bundle: dir.path().join("pkg"),
        database: None,
        lti_program: "/compiled/coaching.json".into(),
        learners: Vec::new(),
        hash_secrets: false,
    })
    .expect("open the service");
    let (base, running) = common::serve(service.router());
    (base, running, dir)
}

fn get(url: &str, language: Option<&str>) -> (u16, String) {
    let headers: Vec<(&str, &str)> = language
        .map(|l| vec![("Accept-Language", l)])
        .unwrap_or_default();
    let e = common::exchange("GET", url, &headers, None);
    (e.status, String::from_utf8_lossy(&e.body).into_owned())
}

#[test]
fn pages_speak_the_asked_language_then_the_browsers_then_english() {
    let (base, _running, _dir) = start();

    let (status, page) = get(&format!("{base}/"), None);
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="en">"#) && page.contains("This server is running"));

    let (_, page) = get(&format!("{base}/"), Some("fr-CH, fr;q=0.9, en;q=0.5"));
    assert!(page.contains(r#"<html lang="fr">"#), "{page}");
    assert!(page.contains("Ce serveur fonctionne"), "{page}");
    // Values placed in a message keep their markup, and only theirs.
    assert!(
        page.contains(&format!("LRS xAPI : <code>{base}/xapi/</code>")),
        "{page}"
    );

    // `?lang=` wins over the browser; a language not shipped falls through to the next.
    let (_, page) = get(&format!("{base}/dashboard?lang=ja"), Some("de"));
    assert!(page.contains(r#"<html lang="ja">"#) && page.contains("ダッシュボードを開く"));
    let (_, page) = get(&format!("{base}/dashboard?lang=sv"), Some("sv, es;q=0.8"));
    assert!(page.contains(r#"<html lang="es">"#) && page.contains("Abrir el panel"));
    assert!(!page.contains("{{"), "every placeholder filled: {page}");

    // A refused LTI login, in the learner's browser language.
    let (status, page) = get(&format!("{base}/lti/login"), Some("de-AT"));
    assert_eq!(status, 400);
    assert!(page.contains(r#"<html lang="de">"#), "{page}");
    assert!(page.contains("Dieser Start wurde abgelehnt"), "{page}");
    assert!(
        page.contains("iss, login_hint oder target_link_uri"),
        "{page}"
    );

    // An unsubscribe link that is not one, in the language the link carries.
    let (status, page) = get(&format!("{base}/nudges/unsubscribe/x?lang=es"), None);
    assert_eq!(status, 404);
    assert!(page.contains("Enlace no válido"), "{page}");
}

#[test]
fn a_bad_host_is_refused_in_plain_words() {
    let (base, _running, _dir) = start();
    let e = common::exchange(
        "GET",
        &format!("{base}/"),
        &[("Host", "bad host!"), ("Accept-Language", "ja")],
        None,
    );
    let page = String::from_utf8_lossy(&e.body);
    assert_eq!(e.status, 400);
    assert!(page.contains("不正なリクエスト"), "{page}");
}
