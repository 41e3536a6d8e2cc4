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
        concat!(env!("CARGO_MANIFEST_DIR"), "/demo/programs/coaching.toml"),
    ]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn invalid_program_prints_located_errors() {
    let text = include_str!("fixtures/minimal.toml")
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
