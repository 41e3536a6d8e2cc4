//! `throughline check FILE...`: the designer's command-line check.
//! Prints `FILE:LINE:COL: path: message` per problem; exit 0 when every file is valid, 1 when not, 2 on usage errors.

use std::process::ExitCode;

use throughline::program::{parse, Format};

const USAGE: &str = "usage: throughline check FILE...\n\nChecks Throughline program files (TOML or JSON) and reports every problem as FILE:LINE:COL: field: message.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, files)) if cmd == "check" && !files.is_empty() => check(files),
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
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                println!("{file}:1:1: cannot read the file: {e}");
                ok = false;
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let (line, col) = throughline::program::line_column(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                );
                println!("{file}:{line}:{col}: the file is not UTF-8 text; save it as UTF-8");
                ok = false;
                continue;
            }
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
