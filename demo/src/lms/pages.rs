//! The LMS's HTML: home page, course pages, the launch player and error
//! pages. Plain string templates; every value that is not a literal goes
//! through [`escape`] (HTML) or [`script_json`] (JSON inside a `<script>`).

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{json, Value};

use super::people::{self, Course, Person, Visitor, COURSES, PEOPLE};
use super::{AppState, Origin, LEARNER_HOME_PAGE, PROGRAM_URL};
use axum::extract::State;
use throughline_service::lrs::Scope;

pub use throughline_service::http::escape;

/// JSON text safe inside `<script type="application/json">`: `<`, `>` and
/// `&` are written as `\u003c`, `\u003e`, `\u0026` so nothing in a value can
/// close the script element; `JSON.parse` reads them back unchanged.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

const STYLE: &str = r#"
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b; background: #eef1f5; }
    .lms-bar { background: #17324d; color: #fff; padding: .75rem 1.25rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    .lms-bar a { color: #fff; }
    .lms-brand { font-weight: 700; margin-right: auto; }
    main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
    .lesson, .panel { background: #fff; border: 1px solid #c9d1db; border-radius: 10px; padding: 1.25rem 1.5rem; margin-bottom: 1.5rem; }
    .crumbs { color: #4a5562; font-size: .9rem; }
    .hint { background: #fff8e1; border: 1px solid #e0c36a; border-radius: 10px; padding: .75rem 1.25rem; margin-bottom: 1.5rem; }
    .people { list-style: none; padding: 0; display: flex; gap: .5rem; flex-wrap: wrap; }
    .people a { display: inline-block; padding: .4rem .8rem; border: 1px solid #17324d; border-radius: 999px; color: #17324d; text-decoration: none; }
    .people a[aria-current] { background: #17324d; color: #fff; }
    .routes dt { font-weight: 600; margin-top: .75rem; }
    .routes dd { margin-left: 0; }
    code { background: #eef1f5; padding: .1rem .3rem; border-radius: 4px; overflow-wrap: anywhere; }
    pre { background: #eef1f5; padding: .75rem; border-radius: 6px; overflow-x: auto; }
    h1 { margin: .25rem 0 1rem; }
"#;

/// Reads the page's options JSON, adds what only the browser knows and
/// mounts the widget. The anonymous course page still honours the old
/// `?learner=&name=&role=` parameters, so a bare link can name a learner.
const MOUNT_SCRIPT: &str = r#"  <script type="module">
    import init, { mount } from '/pkg/throughline.js';
    const options = JSON.parse(document.getElementById('throughline-options').textContent);
    const params = new URLSearchParams(location.search);
    if (!options.courseUrl) options.courseUrl = location.origin + location.pathname;
    if (params.get('now')) options.now = params.get('now');
    // `?lang=de` shows the widget in another language, as a host's `locale` option would.
    if (params.get('lang')) options.locale = params.get('lang');
    if (!options.learner && !options.lrs && !options.lti && (params.get('learner') || params.get('name'))) {
      options.learner = {};
      if (params.get('learner')) options.learner.id = params.get('learner');
      if (params.get('name')) options.learner.name = params.get('name');
    }
    if (!options.role && !options.lti && params.get('role')) options.role = params.get('role');
    await init();
    // On bad options the widget shows what is wrong and logs it; nothing more to do here.
    await mount(document.getElementById('throughline'), options).catch(() => {});
  </script>
"#;

/// Reads the dashboard's options JSON, adds `now` from the address (for
/// demonstrations on a fixed day) and mounts the adoption dashboard from the
/// admin bundle.
const DASHBOARD_SCRIPT: &str = r#"  <script type="module">
    import init, { mountDashboard } from '/pkg/admin/throughline_admin.js';
    await init();
    const o = JSON.parse(document.getElementById('throughline-dashboard-options').textContent);
    const p = new URLSearchParams(location.search);
    if (p.get('now')) o.now = p.get('now');
    // `?snapshot=off` reads every statement even from the service; `?cache=off` keeps nothing.
    if (p.get('snapshot') === 'off') o.snapshot = false;
    if (p.get('cache') === 'off') o.cache = false;
    // `?lang=de` shows the dashboard in another language (else the browser's).
    if (p.get('lang')) o.locale = p.get('lang');
    await mountDashboard(document.getElementById('dashboard'), o);
  </script>
"#;

/// The admin's adoption dashboard page.
pub(crate) const ADMIN_PAGE: &str = "/admin?as=admin";

/// Which Throughline bundle a page loads, so its head carries the stylesheet and fetch hints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bundle {
    None,
    /// The learner widget with the demo's program (module, wasm and program fetched together).
    Learner,
    Dashboard,
}

/// Whole page around `body`; `who` is the `?as=` value to keep in links.
pub(crate) fn layout(title: &str, visitor: Visitor, bundle: Bundle, body: &str) -> String {
    let as_q = as_query(visitor);
    let who = match visitor {
        Visitor::Nobody => "<a href=\"/\">Choose a person</a>".to_string(),
        Visitor::Learner(p) => format!(
            "<span>Signed in as {} (demo)</span> <a href=\"/\">Switch</a>",
            escape(p.name)
        ),
        Visitor::Admin => "<span>Signed in as Admin (demo)</span> <a href=\"/\">Switch</a>".into(),
    };
    let css = match bundle {
        Bundle::None => String::new(),
        Bundle::Learner => {
            let hints = throughline::package::preload_hints("/pkg/", Some(PROGRAM_URL));
            let hints: String = hints.lines().map(|l| format!("  {l}\n")).collect();
            format!("  <link rel=\"stylesheet\" href=\"/pkg/throughline.css\">\n{hints}")
        }
        Bundle::Dashboard => {
            "  <link rel=\"stylesheet\" href=\"/pkg/throughline.css\">\n".to_string()
        }
    };
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} · Northwind Learning</title>
{css}  <style>{STYLE}  </style>
</head>
<body>
  <nav class="lms-bar" aria-label="Learning platform">
    <span class="lms-brand">Northwind Learning</span>
    <a href="/{as_q}">My courses</a>
    {who}
  </nav>
  <main>
{body}  </main>
"#,
        title = escape(title),
    )
}

/// `?as=<id>` for links, or nothing.
fn as_query(visitor: Visitor) -> String {
    match visitor {
        Visitor::Nobody => String::new(),
        Visitor::Learner(p) => format!("?as={}", p.id),
        Visitor::Admin => format!("?as={}", people::ADMIN),
    }
}

fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        "    <h1>{}</h1>\n    <p>{}</p>\n    <p><a href=\"/\">Back to Northwind Learning</a></p>\n",
        escape(title),
        escape(message)
    );
    let page = layout(title, Visitor::Nobody, Bundle::None, &body) + "</body>\n</html>\n";
    (status, Html(page)).into_response()
}

/// A request the LMS refuses, answered with an error page.
#[derive(Debug)]
pub(crate) struct Refused {
    status: StatusCode,
    message: String,
}

impl Refused {
    /// 404.
    pub(crate) fn not_found(message: impl Into<String>) -> Refused {
        Refused {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    /// 400.
    pub(crate) fn bad_request(message: impl Into<String>) -> Refused {
        Refused {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    /// 403.
    pub(crate) fn forbidden(message: impl Into<String>) -> Refused {
        Refused {
            status: StatusCode::FORBIDDEN,
            message: message.into(),
        }
    }
    /// 500.
    pub(crate) fn internal(message: impl Into<String>) -> Refused {
        Refused {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let title = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Cannot open this page",
            StatusCode::FORBIDDEN => "Not allowed",
            _ => "Something went wrong",
        };
        error_page(self.status, title, &self.message)
    }
}

/// The 404 page.
pub fn not_found(message: &str) -> Response {
    Refused::not_found(message).into_response()
}

/// Reads `?as=`, refusing someone the demo does not know.
pub(crate) fn visitor(query: &HashMap<String, String>) -> Result<Visitor, Refused> {
    Visitor::from_param(query.get("as").map(String::as_str)).map_err(|unknown| {
        Refused::bad_request(format!(
            "There is nobody called “{unknown}” here; pick Ana, Ben, Chloe or Admin on the home page."
        ))
    })
}

/// Reads the course slug, refusing an unknown one with a 404.
pub(crate) fn find_course(slug: &str) -> Result<&'static Course, Refused> {
    people::course(slug).ok_or_else(|| Refused::not_found(format!("There is no course “{slug}”.")))
}

/// Reads `?as=` for a launch route, which needs a learner.
pub(crate) fn learner(query: &HashMap<String, String>) -> Result<Person, Refused> {
    match visitor(query)? {
        Visitor::Learner(p) => Ok(p),
        _ => Err(Refused::bad_request(
            "Launch routes are for learners: add ?as=ana, ?as=ben or ?as=chloe (the home page has the links).",
        )),
    }
}

/// `GET /`: people menu, catalogue and launch routes.
pub async fn home(
    State(state): State<AppState>,
    origin: Origin,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let visitor = visitor(&query)?;
    let as_q = as_query(visitor);
    let mut body = String::new();
    match visitor {
        Visitor::Nobody => body.push_str("    <h1>Welcome to Northwind Learning</h1>\n"),
        Visitor::Learner(p) => {
            body.push_str(&format!("    <h1>Welcome, {}</h1>\n", escape(p.name)))
        }
        Visitor::Admin => body.push_str("    <h1>Welcome, Admin</h1>\n"),
    }

    body.push_str("    <section class=\"panel\" aria-labelledby=\"people-h\">\n      <h2 id=\"people-h\">Who are you?</h2>\n      <p>This demo LMS has no sign-in: pick a person and every link below carries it along (<code>?as=</code>). Nothing is stored about you on the server.</p>\n      <ul class=\"people\">\n");
    let mut menu: Vec<(String, String, String, bool)> = PEOPLE
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                p.name.to_string(),
                p.label.to_string(),
                visitor == Visitor::Learner(*p),
            )
        })
        .collect();
    menu.push((
        people::ADMIN.into(),
        "Admin".into(),
        "LRS operator".into(),
        visitor == Visitor::Admin,
    ));
    for (id, name, label, current) in menu {
        body.push_str(&format!(
            "        <li><a href=\"/?as={}\"{}>{}</a> – {}</li>\n",
            escape(&id),
            if current {
                " aria-current=\"page\""
            } else {
                ""
            },
            escape(&name),
            escape(&label)
        ));
    }
    body.push_str("      </ul>\n    </section>\n");

    body.push_str("    <section class=\"panel\" aria-labelledby=\"courses-h\">\n      <h2 id=\"courses-h\">Courses</h2>\n      <p>Both courses end with the same follow-up plan (the Throughline widget).</p>\n      <ul>\n");
    for c in &COURSES {
        body.push_str(&format!(
            "        <li><a href=\"/course/{}{}\">{}</a>: {}</li>\n",
            c.slug,
            escape(&as_q),
            escape(c.title),
            escape(c.blurb)
        ));
    }
    body.push_str("      </ul>\n    </section>\n");

    body.push_str("    <section class=\"panel\" aria-labelledby=\"routes-h\">\n      <h2 id=\"routes-h\">Launch routes</h2>\n");
    match visitor {
        Visitor::Learner(p) => {
            body.push_str(&format!(
                "      <p>The same widget, connected to this LMS's learning record store in each way an LMS can launch it, as {}:</p>\n      <dl class=\"routes\">\n",
                escape(p.name)
            ));
            let lti = format!("&lti_role={}", p.lti_role);
            // (name, what it does, route prefix, extra query)
            let routes = [
                (
                    "Plain embed with mount",
                    "The course page passes the learner and the LRS key to mount().",
                    "/course",
                    "",
                ),
                (
                    "TinCan-style launch",
                    "Redirects to a player page with endpoint, auth, actor and registration in its address.",
                    "/launch/tincan",
                    "",
                ),
                (
                    "cmi5 launch",
                    "Writes LMS.LaunchData, then redirects with a one-time fetch URL for the auth token.",
                    "/launch/cmi5",
                    "",
                ),
                (
                    "LTI-style host context",
                    "The course page passes LTI roles and course context instead of a role.",
                    "/launch/lti",
                    lti.as_str(),
                ),
            ];
            for (name, what, prefix, extra) in routes {
                let links: Vec<String> = COURSES
                    .iter()
                    .map(|c| {
                        let link = format!("{prefix}/{}?as={}{extra}", c.slug, p.id);
                        format!("<a href=\"{}\">{}</a>", escape(&link), escape(c.title))
                    })
                    .collect();
                body.push_str(&format!(
                    "        <dt>{}</dt>\n        <dd>{} {}</dd>\n",
                    escape(name),
                    escape(what),
                    links.join(" · ")
                ));
            }
            body.push_str("      </dl>\n");
        }
        _ => body.push_str("      <p>Pick Ana, Ben or Chloe above to get one link per integration route: plain embed with <code>mount</code>, TinCan-style launch, cmi5 launch and LTI-style host context.</p>\n"),
    }
    body.push_str("    </section>\n");

    if visitor == Visitor::Admin {
        let endpoint = format!("{}/xapi/", origin.0);
        body.push_str("    <section class=\"panel\" aria-labelledby=\"lrs-h\">\n      <h2 id=\"lrs-h\">Learning record store</h2>\n");
        body.push_str(&format!(
            "      <p>xAPI endpoint: <code>{}</code></p>\n",
            escape(&endpoint)
        ));
        if let Some(admin) = state
            .lrs
            .credentials()
            .iter()
            .find(|c| c.scope == Scope::Admin)
        {
            let pair = format!("{}:{}", admin.key, admin.secret);
            body.push_str(&format!(
                "      <p>Admin key:secret (reads and writes everything): <code>{}</code></p>\n",
                escape(&pair)
            ));
            body.push_str(&format!(
                "      <p>Read the latest statements with curl:</p>\n      <pre><code>curl -u '{}' -H 'X-Experience-API-Version: 1.0.3' '{}statements?limit=10'</code></pre>\n",
                escape(&pair),
                escape(&endpoint)
            ));
        }
        body.push_str(&format!(
            "      <p>Available now: the xAPI resources under <code>{}</code> (statements, State, Activity Profile, Agent Profile, activities, agents) with these keys, and <a href=\"/xapi/about\">/xapi/about</a>, which needs no key. The learner keys are printed in the terminal where the demo started.</p>\n    </section>\n",
            escape(&endpoint)
        ));
        body.push_str(&format!(
            "    <section class=\"panel\" aria-labelledby=\"dashboard-h\">\n      <h2 id=\"dashboard-h\">Adoption</h2>\n      <p><a href=\"{}\">Adoption dashboard</a>: who committed to what and which behaviours are taking hold, read from this learning record store.</p>\n    </section>\n",
            escape(ADMIN_PAGE)
        ));
    }

    body.push_str(
        "    <section class=\"panel\" aria-labelledby=\"designers-h\">\n      <h2 id=\"designers-h\">For course designers</h2>\n      <p><a href=\"/workbench\">Designer's workbench</a>: edit a program file, see its problems and the widget as each role sees it, and download LMS packages.</p>\n    </section>\n",
    );
    let page = layout("My courses", visitor, Bundle::None, &body) + "</body>\n</html>\n";
    Ok(Html(page).into_response())
}

/// The widget options a course page passes to `mount` (before the page
/// adds `courseUrl` and `now`).
pub(crate) fn course_options(
    state: &AppState,
    origin: &Origin,
    course: &Course,
    visitor: Visitor,
    lti_role: Option<&str>,
) -> Value {
    let mut options = json!({ "program": PROGRAM_URL });
    if let Visitor::Learner(p) = visitor {
        options["learner"] = json!({"id": p.id, "name": p.name});
        if lti_role.is_none() {
            options["role"] = json!(p.program_role);
        }
        if let Some(c) = state.lrs.credentials().iter().find(|c| c.name == p.id) {
            options["lrs"] = json!({
                "endpoint": format!("{}/xapi/", origin.0),
                "key": c.key,
                "secret": c.secret,
                "homePage": LEARNER_HOME_PAGE,
            });
        }
    }
    if let Some(role) = lti_role {
        options["lti"] = json!({
            "roles": [format!("http://purl.imsglobal.org/vocab/lis/v2/membership#{role}")],
            "contextId": course.slug,
            "contextTitle": course.title,
        });
    }
    options
}

/// A course page: lesson, then the widget mounted with `options`.
pub(crate) fn course_page(course: &Course, visitor: Visitor, options: &Value) -> Response {
    let mut body = format!(
        "    <p class=\"crumbs\">{}</p>\n    <h1>{}: putting it to work</h1>\n",
        escape(course.crumbs),
        escape(course.title)
    );
    match visitor {
        Visitor::Learner(_) => {}
        _ => body.push_str("    <p class=\"hint\" role=\"note\">You are not signed in, so your plan stays in this browser only. <a href=\"/\">Pick a person on the home page</a> to connect it to the learning record store.</p>\n"),
    }
    body.push_str("    <section class=\"lesson\" aria-labelledby=\"lesson-h\">\n      <h2 id=\"lesson-h\">Lesson summary</h2>\n");
    for para in course.lesson {
        body.push_str(&format!("      <p>{}</p>\n", escape(para)));
    }
    body.push_str("    </section>\n    <div id=\"throughline\"></div>\n");
    let page = layout(course.title, visitor, Bundle::Learner, &body)
        + &format!(
            "  <script type=\"application/json\" id=\"throughline-options\">{}</script>\n",
            script_json(options)
        )
        + MOUNT_SCRIPT
        + "</body>\n</html>\n";
    Html(page).into_response()
}

/// `GET /course/{slug}?as=`.
pub async fn course(
    State(state): State<AppState>,
    origin: Origin,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let course = find_course(&slug)?;
    let visitor = visitor(&query)?;
    let options = course_options(&state, &origin, course, visitor, None);
    Ok(course_page(course, visitor, &options))
}

/// `GET /admin?as=admin`: the adoption dashboard, mounted with the LRS
/// endpoint and the admin key (it reads every learner's statements). Anyone
/// else gets a 403 page.
pub async fn admin(
    State(state): State<AppState>,
    origin: Origin,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refused> {
    if query.get("as").map(|a| a.trim()) != Some(people::ADMIN) {
        return Err(Refused::forbidden(
            "Only the admin may see the adoption dashboard.",
        ));
    }
    let admin = state
        .lrs
        .credentials()
        .iter()
        .find(|c| c.scope == Scope::Admin)
        .ok_or_else(|| Refused::internal("The LRS credentials file has no admin key."))?;
    let options = json!({
        "endpoint": format!("{}/xapi/", origin.0),
        "key": admin.key,
        "secret": admin.secret,
        "program": PROGRAM_URL,
    });
    let body = "    <p class=\"crumbs\">Administration</p>\n    <h1>Adoption dashboard</h1>\n    <p>Who committed to what, and which behaviours are taking hold, from the statements in this LMS's learning record store.</p>\n    <div id=\"dashboard\"></div>\n";
    let page = layout(
        "Adoption dashboard",
        Visitor::Admin,
        Bundle::Dashboard,
        body,
    ) + &format!(
        "  <script type=\"application/json\" id=\"throughline-dashboard-options\">{}</script>\n",
        script_json(&options)
    ) + DASHBOARD_SCRIPT
        + "</body>\n</html>\n";
    Ok(Html(page).into_response())
}

/// `GET /play/{slug}`: the page a TinCan or cmi5 launch lands on. The
/// launch parameters are in its address, where the widget reads them.
pub async fn play(origin: Origin, Path(slug): Path<String>) -> Result<Response, Refused> {
    let course = find_course(&slug)?;
    let options = json!({
        "program": PROGRAM_URL,
        "courseUrl": format!("{}/course/{}", origin.0, course.slug),
    });
    let body = format!(
        "    <p class=\"crumbs\">Launched from your learning platform</p>\n    <h1>{}</h1>\n    <div id=\"throughline\"></div>\n",
        escape(course.title)
    );
    let page = layout(course.title, Visitor::Nobody, Bundle::Learner, &body)
        + &format!(
            "  <script type=\"application/json\" id=\"throughline-options\">{}</script>\n",
            script_json(&options)
        )
        + MOUNT_SCRIPT
        + "</body>\n</html>\n";
    Ok(Html(page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_script_json() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let text = script_json(&json!({"x": "</script><b>&"}));
        assert!(!text.contains('<') && !text.contains('>'));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back["x"], "</script><b>&");
    }
}
