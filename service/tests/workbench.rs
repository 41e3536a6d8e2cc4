//! The designer's workbench over real HTTP: the page, the package downloads
//! and the embed snippet, on a free loopback port with a fresh data folder
//! and a stub widget bundle.

mod common;

use std::collections::HashMap;
use std::io::Read;

use serde_json::Value;
use throughline_service::server::{Service, ServiceConfig, EXAMPLE_PROGRAM as DEFAULT_PROGRAM};

struct Server {
    base: String,
    data: std::path::PathBuf,
    // Held only so the server stops when the test drops it.
    _running: common::Running,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the service; `bundle` lists the stub widget files to write.
    fn start(bundle_files: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let bundle = dir.path().join("pkg");
        std::fs::create_dir_all(&bundle).expect("bundle dir");
        for name in bundle_files {
            std::fs::write(bundle.join(name), format!("/* stub {name} */")).expect("stub bundle");
        }
        let data = dir.path().join("data");
        let service = Service::open(ServiceConfig {
            data_dir: data.clone(),
            bundle,
            database: None,
            lti_program: "/compiled/coaching.json".into(),
            learners: Vec::new(),
            hash_secrets: false,
        })
        .expect("open the service");
        let router = service.router();
        let (base, running) = common::serve(router);
        Server {
            base,
            data,
            _running: running,
            _dir: dir,
        }
    }

    fn full() -> Server {
        Server::start(&[
            "throughline.js",
            "throughline_bg.wasm",
            "__wasm_split.js",
            "split_commit.wasm",
            "throughline.css",
        ])
    }

    fn call(&self, method: &str, path: &str, body: Option<&[u8]>) -> Resp {
        let e = common::exchange(
            method,
            &format!("{}{}", self.base, path),
            &[("Content-Type", "text/plain; charset=utf-8")],
            body,
        );
        Resp {
            status: e.status,
            headers: e.headers,
            body: e.body,
        }
    }

    fn post(&self, path: &str, text: &str) -> Resp {
        self.call("POST", path, Some(text.as_bytes()))
    }
}

struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Resp {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    /// Entry names of a zip body, in order.
    fn zip_entries(&self) -> Vec<String> {
        assert!(self.body.starts_with(b"PK"), "a zip: {}", self.text());
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(self.body.as_slice())).expect("a zip");
        (0..archive.len())
            .map(|i| archive.by_index(i).expect("entry").name().to_string())
            .collect()
    }

    /// One zip entry's text.
    fn zip_text(&self, name: &str) -> String {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(self.body.as_slice())).expect("a zip");
        let mut out = String::new();
        archive
            .by_name(name)
            .expect("entry")
            .read_to_string(&mut out)
            .expect("text");
        out
    }
}

#[test]
fn page_has_the_escaped_program_and_every_control() {
    let s = Server::full();
    // Designers edit the data folder's copy; the workbench starts from it, escaped.
    let edited =
        format!("{DEFAULT_PROGRAM}\n# Note: </textarea><script>alert(1)</script> & more\n");
    std::fs::write(s.data.join("programs").join("coaching.toml"), &edited).expect("edit");
    let r = s.call("GET", "/workbench", None);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/html"));
    let page = r.text();
    for text in [
        "Northwind Learning",
        "<html lang=\"en\">",
        "role=\"tab\" id=\"wb-tab-form\" aria-controls=\"wb-panel-form\" aria-selected=\"true\">Form</button>",
        "role=\"tab\" id=\"wb-tab-text\" aria-controls=\"wb-panel-text\" aria-selected=\"false\" tabindex=\"-1\">Text</button>",
        "<p class=\"wb-note\" id=\"wb-program-label\">Program file (TOML or JSON)</p>",
        "title = \\\"Coaching for Performance\\\"",
        "# Note: \\u003c/textarea\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 more",
        "role=\"status\" aria-live=\"polite\"",
        "<label for=\"wb-role\">Preview as role</label>",
        "<select id=\"wb-role\"",
        "<label for=\"wb-week\">Preview week <span id=\"wb-week-n\">1</span>",
        "type=\"range\" id=\"wb-week\" min=\"1\" max=\"12\"",
        "Download cmi5 package",
        "Download xAPI package",
        "Download npm package",
        "Download embed folder",
        "Show embed snippet",
        "<link rel=\"stylesheet\" href=\"/pkg/throughline.css\">",
        "<script type=\"module\" src=\"/workbench/page.js\"></script>",
        "\"wb-fix-first\":\"Fix the problems to see the preview\"",
        "\"wb-no-problems\":\"No problems found\"",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    assert_eq!(
        page.matches("</script>").count(),
        3,
        "the program cannot close its script element"
    );
    assert!(!page.contains("<script>alert"));
    for handler in [
        " onclick=",
        " oninput=",
        " onchange=",
        " onload=",
        "innerHTML",
    ] {
        assert!(!page.contains(handler), "no {handler}");
    }
    // The page's script: the widget, the checker's form API and the code editor.
    let js = s.call("GET", "/workbench/page.js", None);
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").starts_with("text/javascript"));
    let js = js.text();
    for text in [
        "import init, { mount } from '/pkg/throughline.js';",
        "import initChecker, { checkProgram, programForm, editProgram, workbenchSay } from '/pkg/check/throughline_check.js';",
        "import { createEditor } from '/pkg/workbench/editor.js';",
    ] {
        assert!(js.contains(text), "missing {text}");
    }
    assert!(!js.contains("innerHTML"));
    // In the designer's language: the browser's, or the address's.
    let de = common::exchange(
        "GET",
        &format!("{}/workbench", s.base),
        &[("Accept-Language", "de-DE,de;q=0.9")],
        None,
    );
    let de = String::from_utf8_lossy(&de.body).into_owned();
    assert!(de.contains("<html lang=\"de\">") && de.contains("<h1>Werkbank für Lerndesign</h1>"));
    let ja = s.call("GET", "/workbench?lang=ja", None).text();
    assert!(ja.contains("<html lang=\"ja\">") && ja.contains(">フォーム</button>"));
    // The workbench is served beside the rest of the site, not instead of it.
    assert_eq!(s.call("GET", "/health", None).status, 200);
}

#[test]
fn cmi5_and_xapi_packages_are_zips_with_their_manifests() {
    let s = Server::full();
    let r = s.post("/workbench/package?kind=cmi5", DEFAULT_PROGRAM);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), "application/zip");
    assert_eq!(
        r.header("content-disposition"),
        "attachment; filename=\"coaching-for-performance-cmi5.zip\""
    );
    let entries = r.zip_entries();
    assert_eq!(entries[0], "cmi5.xml");
    for name in [
        "throughline.js",
        "throughline_bg.wasm",
        "__wasm_split.js",
        "split_commit.wasm",
        "throughline.css",
        "program.toml",
        "index.html",
    ] {
        assert!(entries.iter().any(|e| e == name), "missing {name}");
    }
    assert_eq!(r.zip_text("program.toml"), DEFAULT_PROGRAM);
    assert_eq!(r.zip_text("throughline.js"), "/* stub throughline.js */");

    let x = s.post("/workbench/package?kind=xapi", DEFAULT_PROGRAM);
    assert_eq!(x.status, 200);
    assert_eq!(x.zip_entries()[0], "tincan.xml");
}

#[test]
fn folder_packages_are_zipped_under_their_folder_name() {
    let s = Server::full();
    let npm = s.post("/workbench/package?kind=npm", DEFAULT_PROGRAM);
    assert_eq!(npm.status, 200, "{}", npm.text());
    assert_eq!(
        npm.header("content-disposition"),
        "attachment; filename=\"coaching-for-performance-npm.zip\""
    );
    let entries = npm.zip_entries();
    assert!(entries
        .iter()
        .all(|e| e.starts_with("coaching-for-performance-npm/")));
    assert!(entries.contains(&"coaching-for-performance-npm/package.json".to_string()));

    let embed = s.post("/workbench/package?kind=embed", DEFAULT_PROGRAM);
    assert_eq!(embed.status, 200);
    let snippet = embed.zip_text("coaching-for-performance-embed/snippet.html");
    assert!(snippet.contains(&format!("{}/pkg/throughline-auto.js", s.base)));
    let csp = embed.zip_text("coaching-for-performance-embed/csp.txt");
    // The files and the LRS are both on this service: its origin is named once.
    assert!(
        csp.contains(&format!("connect-src 'self' {};", s.base)),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("script-src 'self' {} 'wasm-unsafe-eval'", s.base)),
        "{csp}"
    );

    // A JSON program keeps its format.
    let json = r#"{"id": "x"}"#;
    let r = s.post("/workbench/package?kind=npm", json);
    assert_eq!(r.status, 422, "a JSON program is checked as JSON");
}

#[test]
fn invalid_programs_unknown_kinds_and_huge_bodies_are_refused() {
    let s = Server::full();
    let broken = DEFAULT_PROGRAM.replace("day = 21", "day = 3");
    let r = s.post("/workbench/package?kind=cmi5", &broken);
    assert_eq!(r.status, 422);
    let problems = r.json()["problems"].as_array().expect("problems").clone();
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.as_str().unwrap_or("").contains("schedule[2].day")),
        "{problems:?}"
    );
    // The same `line:column: path: message` lines `throughline check` prints.
    let first = problems[0].as_str().expect("a line");
    let mut parts = first.splitn(3, ':');
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
    assert_eq!(s.post("/workbench/snippet", &broken).status, 422);

    for path in [
        "/workbench/package?kind=scorm",
        "/workbench/package",
        "/workbench/package?kind=",
    ] {
        let r = s.post(path, DEFAULT_PROGRAM);
        assert_eq!(r.status, 400, "{path}");
        assert!(r.json()["error"].as_str().unwrap().contains("cmi5"));
    }

    let huge = format!("{DEFAULT_PROGRAM}#{}", "x".repeat(1 << 20));
    assert_eq!(s.post("/workbench/package?kind=cmi5", &huge).status, 413);
    assert_eq!(s.post("/workbench/snippet", &huge).status, 413);
    assert_eq!(
        s.call("GET", "/workbench/package?kind=cmi5", None).status,
        405
    );
}

#[test]
fn snippet_has_the_embed_markup_and_its_csp() {
    let s = Server::full();
    let r = s.post("/workbench/snippet", DEFAULT_PROGRAM);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let snippet = v["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("data-throughline-program"), "{snippet}");
    assert!(snippet.contains(&format!("{}/pkg/program.throughline.json", s.base)));
    let csp = v["csp"].as_str().expect("csp");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
}

#[test]
fn a_missing_bundle_is_explained_not_packaged() {
    let s = Server::start(&["throughline.js"]);
    let r = s.post("/workbench/package?kind=cmi5", DEFAULT_PROGRAM);
    assert_eq!(r.status, 503);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("throughline_bg.wasm"));
    // The snippet does not need the widget files.
    assert_eq!(s.post("/workbench/snippet", DEFAULT_PROGRAM).status, 200);
}

#[test]
fn bundle_files_go_out_precompressed_and_other_answers_compressed() {
    let server = Server::full();
    let bundle = server.data.parent().expect("temp dir").join("pkg");
    // The build writes a brotli copy beside each bundle file; the service sends it to browsers that take br.
    let wasm = vec![7u8; 4096];
    std::fs::write(bundle.join("throughline_bg.wasm"), &wasm).expect("wasm");
    std::fs::write(bundle.join("throughline_bg.wasm.br"), b"brotli bytes").expect("br copy");
    let get = |path: &str, accept: &str| {
        common::exchange(
            "GET",
            &format!("{}{path}", server.base),
            &[("Accept-Encoding", accept)],
            None,
        )
    };
    let br = get("/pkg/throughline_bg.wasm", "gzip, deflate, br");
    assert_eq!(br.status, 200);
    assert_eq!(
        br.headers.get("content-encoding").map(String::as_str),
        Some("br")
    );
    assert_eq!(
        br.headers.get("content-type").map(String::as_str),
        Some("application/wasm")
    );
    assert_eq!(br.body, b"brotli bytes");
    // A client that takes no compression gets the file itself.
    let plain = get("/pkg/throughline_bg.wasm", "identity");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.headers.get("content-encoding"), None);
    assert_eq!(plain.body, wasm);
    // Without a precompressed copy, answers are compressed as they go (here the compiled program).
    let program = get("/compiled/coaching.json", "gzip");
    assert_eq!(
        program.status,
        200,
        "{}",
        String::from_utf8_lossy(&program.body)
    );
    assert_eq!(
        program.headers.get("content-encoding").map(String::as_str),
        Some("gzip")
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(&program.body[..])
        .read_to_string(&mut text)
        .expect("gzip body");
    assert!(
        text.contains("\"format\""),
        "{}",
        &text[..text.len().min(200)]
    );
}
