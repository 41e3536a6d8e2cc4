//! Browser tests (wasm-bindgen-test in headless Chromium): the mounted widget
//! and its use of localStorage. Run by scripts/test.sh.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use throughline::entry::mount;
use throughline::shell::storage;

wasm_bindgen_test_configure!(run_in_browser);

const SOURCE: &str = include_str!("fixtures/minimal.toml");
const PROGRAM_ID: &str = "https://example.org/programs/feedback";

/// A source program in the compiled form learners' widgets load.
fn compiled(source: &str) -> String {
    use throughline::program::{compiled, parse, Format};
    compiled::compile(&parse(source, Format::Toml).expect("valid fixture"))
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh element in the page for one widget.
fn host() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("html element");
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

fn options(learner: &str, extra: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    let set = |obj: &js_sys::Object, k: &str, v: &JsValue| {
        js_sys::Reflect::set(obj, &k.into(), v).expect("set")
    };
    set(&o, "programText", &compiled(SOURCE).into());
    let l = js_sys::Object::new();
    set(&l, "id", &learner.into());
    set(&l, "name", &"Robin".into());
    set(&o, "learner", &l);
    for (k, v) in extra {
        set(&o, k, &(*v).into());
    }
    o.into()
}

/// Lets Leptos run its scheduled effects and the browser render.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no element {selector}"))
        .dyn_into()
        .expect("html");
    el.click();
}

fn button(root: &web_sys::HtmlElement, text: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| {
            buttons
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        })
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button “{text}” in {}", root.inner_html()))
}

fn set_value(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el = root
        .query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no element {selector}"));
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let event = web_sys::Event::new("input").expect("event");
    el.dispatch_event(&event).expect("dispatch");
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn storage_round_trips_and_keeps_unreadable_data_aside() {
    storage::save("throughline:test:key", "value").expect("save");
    assert_eq!(
        storage::load("throughline:test:key")
            .expect("load")
            .as_deref(),
        Some("value")
    );
    storage::keep_aside("throughline:test:key", "{broken");
    assert_eq!(
        storage::load("throughline:test:key:unreadable")
            .expect("load")
            .as_deref(),
        Some("{broken")
    );
    let first = storage::anonymous_learner();
    assert!(!first.is_empty());
    assert_eq!(
        storage::anonymous_learner(),
        first,
        "the anonymous id is stable in one browser"
    );
}

#[wasm_bindgen_test]
async fn learner_chooses_role_commits_and_returns_to_their_plan() {
    let learner = "web-flow";
    let el = host();
    mount(el.clone(), options(learner, &[("now", "2027-01-01")]))
        .await
        .expect("mounts");
    settle().await;
    assert!(
        text(&el).contains("Which role fits you best"),
        "{}",
        text(&el)
    );

    click(&el, "input[type=radio][value=leader]");
    button(&el, "Continue").click();
    settle().await;
    assert!(
        text(&el).contains("Commit to what you will do at work"),
        "{}",
        text(&el)
    );

    click(&el, "input[type=checkbox]");
    settle().await;
    set_value(&el, "input[type=text]", "In my Monday check-ins");
    // Where the learner starts: the baseline for the chosen behaviour.
    click(&el, ".tl-commitment-body input[type=radio]");
    button(&el, "Commit to my plan").click();
    settle().await;
    assert!(text(&el).contains("My commitments"), "{}", text(&el));
    assert!(text(&el).contains("Nothing due today"), "{}", text(&el));

    let stored = storage::load(&throughline::launch::plan_key(PROGRAM_ID, learner))
        .expect("storage")
        .expect("plan saved");
    assert!(
        stored.contains("In my Monday check-ins") && stored.contains("\"leader\""),
        "{stored}"
    );

    // A second mount (a reload) on day 7 lands on the due reflection with its self-check.
    let again = host();
    mount(again.clone(), options(learner, &[("now", "2027-01-08")]))
        .await
        .expect("mounts again");
    settle().await;
    let shown = text(&again);
    assert!(
        shown.contains("How did your team respond to your feedback"),
        "role prompt: {shown}"
    );
    assert!(shown.contains("Self-check"), "{shown}");
    set_value(&again, "textarea", "They asked for more.");
    click(&again, "input[type=radio][value='3']");
    button(&again, "Save reflection").click();
    settle().await;
    assert!(
        text(&again).contains("Nothing due today"),
        "{}",
        text(&again)
    );
    let stored = storage::load(&throughline::launch::plan_key(PROGRAM_ID, learner))
        .expect("storage")
        .expect("plan saved");
    assert!(stored.contains("They asked for more."), "{stored}");
}

#[wasm_bindgen_test]
async fn host_role_hint_preselects_the_role() {
    let el = host();
    mount(el.clone(), options("web-hint", &[("role", "Instructor")]))
        .await
        .expect("mounts");
    settle().await;
    let leader: web_sys::HtmlInputElement = el
        .query_selector("input[value=leader]")
        .expect("q")
        .expect("leader")
        .dyn_into()
        .expect("input");
    assert!(
        leader.checked(),
        "the LMS role Instructor maps to the leader role"
    );
}

#[wasm_bindgen_test]
async fn bad_options_show_a_clear_error_and_reject() {
    let el = host();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"now".into(), &"15/01/2027".into()).expect("set");
    let result = mount(el.clone(), o.into()).await;
    settle().await;
    assert!(result.is_err());
    let shown = text(&el);
    assert!(shown.contains("could not start"), "{shown}");
    assert!(
        shown.contains("`program` is missing") && shown.contains("YYYY-MM-DD"),
        "{shown}"
    );
    assert!(el.query_selector("[role=alert]").expect("q").is_some());
}

#[wasm_bindgen_test]
async fn invalid_program_lists_its_problems() {
    let el = host();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(
        &o,
        &"programText".into(),
        &compiled(SOURCE).replace(r#""day":21"#, r#""day":3"#).into(),
    )
    .expect("set");
    assert!(mount(el.clone(), o.into()).await.is_err());
    settle().await;
    let shown = text(&el);
    assert!(
        shown.contains("throughline check") && shown.contains("schedule[2].day"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn injected_markup_in_learner_text_stays_text() {
    let learner = "web-xss";
    let el = host();
    mount(
        el.clone(),
        options(learner, &[("role", "leader"), ("now", "2027-01-01")]),
    )
    .await
    .expect("mounts");
    settle().await;
    button(&el, "Continue").click();
    settle().await;
    click(&el, "input[type=checkbox]");
    settle().await;
    set_value(
        &el,
        "textarea",
        "<img src=x onerror=\"document.body.dataset.owned=1\">Feedback daily",
    );
    set_value(
        &el,
        "input[type=text]",
        "<script>document.body.dataset.owned=1</script>",
    );
    click(&el, ".tl-commitment-body input[type=radio]");
    button(&el, "Commit to my plan").click();
    settle().await;
    assert!(
        text(&el).contains("<img src=x"),
        "shown as text: {}",
        text(&el)
    );
    assert!(el.query_selector("img").expect("q").is_none());
    assert!(document()
        .body()
        .expect("body")
        .dataset()
        .get("owned")
        .is_none());
}

#[wasm_bindgen_test]
async fn corrupt_stored_plan_is_reset_with_a_notice() {
    let learner = "web-corrupt";
    let key = throughline::launch::plan_key(PROGRAM_ID, learner);
    storage::save(&key, "{this is not json").expect("save");
    let el = host();
    mount(el.clone(), options(learner, &[]))
        .await
        .expect("mounts");
    settle().await;
    let shown = text(&el);
    assert!(shown.contains("could not be read"), "{shown}");
    assert!(shown.contains("Which role fits you best"), "{shown}");
    assert_eq!(
        storage::load(&format!("{key}:unreadable"))
            .expect("load")
            .as_deref(),
        Some("{this is not json")
    );
}

#[wasm_bindgen_test]
async fn queued_statements_survive_an_unreachable_lrs() {
    use throughline::launch::lms::{from_host, RawLrs};
    use throughline::shell::{lrs::Lrs, outbox::Outbox};
    // Port 9 (discard) on loopback: nothing listens, so every send fails without an answer.
    let raw = RawLrs {
        endpoint: Some("http://127.0.0.1:9/xapi/".into()),
        key: Some("k".into()),
        secret: Some("s".into()),
        home_page: Some("http://127.0.0.1".into()),
        ..RawLrs::default()
    };
    let connection = from_host(raw, Some("web-outbox"), None).expect("valid");
    let outbox = Outbox::new(Lrs::new(&connection), "tab-test".into(), None);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let log = seen.clone();
    outbox.on_status(move |s| log.borrow_mut().push(s));
    let ids = [
        "6a3c8a3e-7d0c-4b6e-9a57-1d3c0c8f9e21",
        "0b9f6c1a-2f4e-4c53-8d2a-5e7f1a2b3c4d",
    ];
    outbox
        .enqueue(
            ids.iter()
                .map(|id| (id.to_string(), serde_json::json!({ "id": id })))
                .collect(),
        )
        .expect("queued");
    assert_eq!(
        outbox.entries().len(),
        2,
        "written to storage before any send"
    );
    outbox.start(None);
    for _ in 0..50 {
        gloo_timers::future::TimeoutFuture::new(40).await;
        if seen.borrow().last().is_some_and(|s| s.offline) {
            break;
        }
    }
    let last = seen.borrow().last().cloned().expect("a status");
    assert!(last.offline, "{last:?}");
    assert_eq!(last.waiting, 2);
    let entries = outbox.entries();
    assert_eq!(entries.len(), 2, "nothing lost");
    assert!(
        entries.iter().all(|e| e.attempts == 1 && e.next_at > 0.0),
        "backing off"
    );
    // A second handle (a reload, another tab) sees the same queue.
    let again = Outbox::new(Lrs::new(&connection), "tab-other".into(), None);
    assert_eq!(again.entries().len(), 2);
}

#[wasm_bindgen_test]
async fn a_source_program_without_its_checker_says_what_to_do() {
    // The test page has no `check/` folder next to the bundle, as a package without it would not.
    let el = host();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"programText".into(), &SOURCE.into()).expect("set");
    assert!(mount(el.clone(), o.into()).await.is_err());
    settle().await;
    let shown = text(&el);
    assert!(
        shown.contains("source file") && shown.contains("throughline compile"),
        "{shown}"
    );
    assert!(el.query_selector("[role=alert]").expect("q").is_some());
}
