//! `throughline check FILE...`: the designer's command-line check.
//! Prints `FILE:LINE:COL: path: message` per problem; exit 0 when every file is valid, 1 when not, 2 on usage errors.

use std::process::ExitCode;

use throughline::program::{parse, Format};

const USAGE: &str = "usage: throughline check FILE...\n       throughline compile FILE [--out FILE]\n       throughline package PROGRAM --kind cmi5|xapi|npm|embed [--out DIR] [--bundle DIR] [--base URL] [--lrs ORIGIN]\n\ncheck    reports every problem in program files (TOML or JSON) as FILE:LINE:COL: field: message.\ncompile  checks a program file and writes the compiled program learners' widgets load (stdout by default).\npackage  builds an LMS package from a valid program and the widget bundle (default bundle: demo/static/pkg, out: dist).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, files)) if cmd == "check" && !files.is_empty() => check(files),
        Some((cmd, rest)) if cmd == "compile" => compile(rest),
        Some((cmd, rest)) if cmd == "package" => package(rest),
        Some((flag, _)) if flag == "-h" || flag == "--help" || flag == "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(files: &[String]) -> ExitCode {
    let mut ok = true;
    for file in files {
        let Some(text) = read_text(file) else {
            ok = false;
            continue;
        };
        match parse(&text, Format::detect(Some(file), &text)) {
            Ok(program) => eprintln!(
                "{file}: ok ({} roles, {} behaviours, {} reflection steps)",
                program.roles.len(),
                program.behaviours.len(),
                program.schedule.len()
            ),
            Err(diagnostics) => {
                ok = false;
                for d in diagnostics.0 {
                    println!("{file}:{d}");
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads a program file as text; when it cannot, prints why as a `FILE:LINE:COL:` line.
fn read_text(file: &str) -> Option<String> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            println!("{file}:1:1: cannot read the file: {e}");
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let (line, col) = throughline::program::line_column(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            println!("{file}:{line}:{col}: the file is not UTF-8 text; save it as UTF-8");
            None
        }
    }
}

/// `throughline compile FILE [--out FILE]`: the compiled program, or the check's lines and exit 1.
fn compile(args: &[String]) -> ExitCode {
    let (file, out) = match args {
        [file] => (file, None),
        [file, flag, out] if flag == "--out" || flag == "-o" => (file, Some(out)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(text) = read_text(file) else {
        return ExitCode::from(1);
    };
    let program = match parse(&text, Format::detect(Some(file), &text)) {
        Ok(p) => p,
        Err(diagnostics) => {
            for d in diagnostics.0 {
                println!("{file}:{d}");
            }
            return ExitCode::from(1);
        }
    };
    let json = throughline::program::compiled::compile(&program);
    match out {
        None => println!("{json}"),
        Some(out) => {
            if let Err(e) = std::fs::write(out, json + "\n") {
                eprintln!("throughline compile: cannot write {out}: {e}");
                return ExitCode::from(1);
            }
            eprintln!("wrote {out}");
        }
    }
    ExitCode::SUCCESS
}

/// Packaging writes files and zips: a native command only (the crate also builds for wasm32).
#[cfg(target_arch = "wasm32")]
fn package(_: &[String]) -> ExitCode {
    eprintln!("throughline package is a native command");
    ExitCode::from(2)
}

#[cfg(not(target_arch = "wasm32"))]
fn package(args: &[String]) -> ExitCode {
    use throughline::package::{build, read_bundle, zip, Kind, PackageError};
    let mut program = None;
    let (mut kind, mut out, mut bundle, mut base, mut lrs) = (
        None,
        "dist".to_string(),
        "demo/static/pkg".to_string(),
        "./".to_string(),
        String::new(),
    );
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned();
        match arg.as_str() {
            "--kind" => kind = value().and_then(|k| Kind::parse(&k)),
            "--out" => out = value().unwrap_or(out.clone()),
            "--bundle" => bundle = value().unwrap_or(bundle.clone()),
            "--base" => base = value().unwrap_or(base.clone()),
            "--lrs" => lrs = value().unwrap_or_default(),
            file if program.is_none() && !file.starts_with("--") => {
                program = Some(file.to_string())
            }
            other => {
                eprintln!("throughline package: unexpected argument {other}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(program), Some(kind)) = (program, kind) else {
        eprintln!("throughline package: give a program file and --kind cmi5, xapi, npm or embed\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&program) {
        Ok(t) => t,
        Err(e) => {
            println!("{program}:1:1: cannot read the file: {e}");
            return ExitCode::from(1);
        }
    };
    // A missing bundle is reported by `build` after the program's own problems.
    let files = read_bundle(std::path::Path::new(&bundle)).unwrap_or_default();
    let name = std::path::Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let package = match build(&text, &name, kind, &files, &base, &lrs) {
        Ok(p) => p,
        Err(PackageError::Invalid(diagnostics)) => {
            for d in diagnostics.0 {
                println!("{program}:{d}");
            }
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("throughline package: {e}");
            return ExitCode::from(1);
        }
    };
    let target = std::path::Path::new(&out).join(&package.name);
    let written = (|| -> Result<(), String> {
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        if package.zip {
            let bytes = zip(&package.files).map_err(|e| e.to_string())?;
            std::fs::write(&target, bytes).map_err(|e| e.to_string())
        } else {
            for (path, bytes) in &package.files {
                let file = target.join(path);
                if let Some(folder) = file.parent() {
                    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
                }
                std::fs::write(file, bytes).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
    })();
    match written {
        Ok(()) => {
            eprintln!("wrote {}", target.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "throughline package: cannot write {}: {e}",
                target.display()
            );
            ExitCode::from(1)
        }
    }
}
