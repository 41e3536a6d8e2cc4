//! The designer's `throughline check` command, run as a real process.

use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("throughline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn valid_program_exits_zero() {
    let (code, out) = check(&[
        "check",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../service/programs/coaching.toml"
        ),
    ]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn invalid_program_prints_located_errors() {
    let text = include_str!("../../tests/fixtures/minimal.toml")
        .replace("behaviour = \"ask-feedback\"", "behaviour = \"nope\"");
    let file = temp("bad.toml", text.as_bytes());
    let (code, out) = check(&["check", &file]);
    assert_eq!(code, 1);
    let line = text
        .lines()
        .position(|l| l.contains("\"nope\""))
        .expect("line")
        + 1;
    assert!(
        out.starts_with(&format!(
            "{file}:{line}:13: roles[1].commitments[0].behaviour: no behaviour has the id `nope`"
        )),
        "{out}"
    );
}

#[test]
fn garbage_bytes_and_usage_never_panic() {
    let file = temp("junk.toml", &[0xff, 0xfe, b'a', b'=', 0, 0x80]);
    let (code, out) = check(&["check", &file, "/no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("not UTF-8") && out.contains("cannot read"),
        "{out}"
    );
    assert_eq!(check(&[]).0, 2);
    assert_eq!(check(&["check"]).0, 2);
}

#[test]
fn package_builds_a_cmi5_zip_and_refuses_an_invalid_program() {
    let program = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../service/programs/coaching.toml"
    );
    let bundle = std::path::Path::new(&temp("throughline.js", b"// js"))
        .parent()
        .expect("dir")
        .to_path_buf();
    // The learner bundle in pieces: the loader and a split module are carried too.
    for name in [
        "throughline_bg.wasm",
        "__wasm_split.js",
        "split_commit.wasm",
        "throughline.css",
    ] {
        std::fs::write(bundle.join(name), b"x").expect("write");
    }
    let out = bundle.join("dist");
    let (b, o) = (
        bundle.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    );
    let (code, _) = check(&[
        "package", program, "--kind", "cmi5", "--bundle", &b, "--out", &o,
    ]);
    assert_eq!(code, 0);
    let zip = std::fs::read(out.join("coaching-for-performance-cmi5.zip")).expect("zip written");
    assert_eq!(&zip[..2], b"PK");
    for carried in ["__wasm_split.js", "split_commit.wasm"] {
        assert!(
            zip.windows(carried.len()).any(|w| w == carried.as_bytes()),
            "the zip carries {carried}"
        );
    }
    let broken = temp(
        "broken.toml",
        std::fs::read_to_string(program)
            .expect("read")
            .replace("day = 21", "day = 3")
            .as_bytes(),
    );
    let (code, printed) = check(&[
        "package", &broken, "--kind", "cmi5", "--bundle", &b, "--out", &o,
    ]);
    assert_eq!(code, 1);
    assert!(printed.contains("schedule[2].day"), "{printed}");
    let (code, _) = check(&["package", program, "--kind", "scorm"]);
    assert_eq!(code, 2, "unknown kinds are usage errors");
}

#[test]
fn compile_writes_the_form_widgets_load_or_the_checks_lines() {
    use throughline::program::{compiled, parse, Format};
    let source = include_str!("../../tests/fixtures/minimal.toml");
    let file = temp("good.toml", source.as_bytes());
    let (code, out) = check(&["compile", &file]);
    assert_eq!(code, 0);
    let expected = parse(source, Format::Toml).expect("valid fixture");
    assert_eq!(compiled::load(out.trim_end()), Ok(Some(expected.clone())));

    let target = temp("good.throughline.json", b"");
    assert_eq!(
        check(&["compile", &file, "--out", &target]),
        (0, String::new())
    );
    let written = std::fs::read_to_string(&target).expect("written");
    assert_eq!(compiled::load(&written), Ok(Some(expected)));

    let bad = temp(
        "bad-compile.toml",
        source.replace("day = 21", "day = 3").as_bytes(),
    );
    let (code, out) = check(&["compile", &bad]);
    assert_eq!(code, 1);
    assert!(
        out.contains("bad-compile.toml:") && out.contains("schedule[2].day"),
        "{out}"
    );
    assert_eq!(check(&["compile"]).0, 2);
}

/// `throughline init-config` then `throughline serve --config`: the admin's first start, as a
/// real process on a free loopback port, with the paths in the file relative to it.
#[test]
fn an_admin_writes_a_starter_config_and_serves_with_it() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("throughline.toml");
    let c = config.to_string_lossy().into_owned();
    let (code, _) = check(&["init-config", "--out", &c]);
    assert_eq!(code, 0);
    let (again, _) = check(&["init-config", "--out", &c]);
    assert_eq!(again, 1, "an existing configuration is never overwritten");
    let starter = std::fs::read_to_string(&config).expect("written");
    assert!(
        starter.contains("[storage]") && starter.contains("# "),
        "commented"
    );
    let bundle = dir.path().join("pkg");
    std::fs::create_dir_all(&bundle).expect("bundle dir");
    std::fs::write(bundle.join("throughline.js"), "// stub").expect("stub");
    let text = starter
        .replace("127.0.0.1:8080", "127.0.0.1:0")
        .replace("\"service/static/pkg\"", "\"pkg\"");
    std::fs::write(&config, text).expect("edit");

    let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["serve", "--config", &c])
        .env_remove("THROUGHLINE_ADDR")
        .env_remove("THROUGHLINE_DATA")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_default();
    let get = |path: &str| {
        ureq::get(&format!("{base}{path}"))
            .header("X-Experience-API-Version", "1.0.3")
            .call()
            .map(|r| r.status().as_u16())
            .unwrap_or_else(|e| match e {
                ureq::Error::StatusCode(s) => s,
                _ => 0,
            })
    };
    let health = get("/health");
    let about = get("/xapi/about");
    let compiled = get("/compiled/coaching.json");
    let unauthenticated = get("/xapi/statements");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        (health, about, compiled, unauthenticated),
        (200, 200, 200, 401),
        "{first}"
    );
    assert!(
        dir.path()
            .join("throughline-data/lrs/lrs-credentials.json")
            .exists(),
        "data next to the file"
    );
}

#[test]
fn a_bad_config_is_named_with_its_place() {
    let bad = temp("bad.toml", b"[server]\nport = 80\n");
    let out = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["serve", "--config", &bad])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("port"), "{err}");
}

#[test]
fn an_admin_adds_a_key_and_sees_its_secret_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("throughline.toml");
    std::fs::write(&config, "[storage]\ndata = \"d\"\n").expect("config");
    let c = config.to_string_lossy().into_owned();
    let agent =
        r#"{"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"u1"}}"#;
    let (code, out) = check(&["add-key", "u1-sync", "--agent", agent, "--config", &c]);
    assert_eq!(code, 0);
    let (key, secret) = out.trim().split_once(':').expect("key:secret");
    let file =
        std::fs::read_to_string(dir.path().join("d/lrs/lrs-credentials.json")).expect("file");
    assert!(
        file.contains(key) && !file.contains(secret),
        "the key, and the secret's hash only"
    );
    assert_eq!(
        check(&["add-key", "x", "--config", &c]).0,
        2,
        "a scope is required"
    );
    assert_eq!(
        check(&["add-key", "x", "--agent", "{not json", "--config", &c]).0,
        2
    );
}
