//! `throughline`: the service an admin runs (`serve`, `init-config`) and the designer's
//! commands (`check`, `compile`, `package`). `check` prints `FILE:LINE:COL: path: message`
//! per problem; exit 0 when every file is valid, 1 when not, 2 on usage errors.

/// The service reads and writes JSON statements by the million: mimalloc keeps the many small
/// allocations of `serde_json` values cheaper than the system allocator does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use throughline::program::{parse, Format};

const USAGE: &str = "usage: throughline serve [--config FILE]\n       throughline init-config [--out FILE]\n       throughline add-key NAME [--admin | --agent JSON] [--config FILE]\n       throughline rotate-lti-key [--config FILE]\n       throughline check FILE...\n       throughline compile FILE [--out FILE]\n       throughline package PROGRAM --kind cmi5|xapi|npm|embed [--out DIR] [--bundle DIR] [--base URL] [--lrs ORIGIN]\n\nserve        runs the service (xAPI LRS, LTI 1.3 tool, widget bundles, compiled programs, workbench) as FILE says (default: throughline.toml if present, else the defaults).\nadd-key      adds an LRS key (an admin key, or a learner key bound to an xAPI agent) and prints its secret once.\nrotate-lti-key  gives the LTI tool a new signing key; the previous one stays published at /lti/jwks until the next rotation.\ninit-config  writes a commented starter configuration (stdout by default; an existing file is never overwritten).\ncheck    reports every problem in program files (TOML or JSON) as FILE:LINE:COL: field: message.\ncompile  checks a program file and writes the compiled program learners' widgets load (stdout by default).\npackage  builds an LMS package from a valid program and the widget bundle (default bundle: service/static/pkg, out: dist).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, files)) if cmd == "check" && !files.is_empty() => check(files),
        Some((cmd, rest)) if cmd == "compile" => compile(rest),
        Some((cmd, rest)) if cmd == "package" => package(rest),
        Some((cmd, rest)) if cmd == "serve" => serve(rest),
        Some((cmd, rest)) if cmd == "init-config" => init_config(rest),
        Some((cmd, rest)) if cmd == "add-key" => add_key(rest),
        Some((cmd, rest)) if cmd == "rotate-lti-key" => rotate_lti_key(rest),
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
            Ok(program) => {
                eprintln!(
                    "{file}: ok ({} roles, {} behaviours, {} reflection steps{})",
                    program.roles.len(),
                    program.behaviours.len(),
                    program.schedule.len(),
                    if program.translations.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", translated into {}",
                            program
                                .translations
                                .keys()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                );
                // Warnings, not errors: a text left out shows in the program's own language.
                for (lang, path) in program.missing_translations() {
                    println!(
                        "{file}: warning: translations.{lang}.{path}: not translated; learners reading {lang} see the {} text",
                        program.locale
                    );
                }
            }
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
        "service/static/pkg".to_string(),
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

/// `throughline init-config [--out FILE]`.
fn init_config(args: &[String]) -> ExitCode {
    match args {
        [] => {
            print!("{}", throughline_service::config::STARTER);
            ExitCode::SUCCESS
        }
        [flag, file] if flag == "--out" => {
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(file)
                .and_then(|mut f| {
                    std::io::Write::write_all(
                        &mut f,
                        throughline_service::config::STARTER.as_bytes(),
                    )
                });
            match written {
                Ok(()) => {
                    eprintln!("wrote {file}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("throughline: cannot write {file} ({e}); an existing file is never overwritten");
                    ExitCode::from(1)
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The configuration `--config FILE` names, else `throughline.toml` if present, else the defaults.
fn load_config(file: Option<String>) -> Result<throughline_service::config::Config, String> {
    let env = |k: &str| std::env::var(k).ok();
    match file {
        Some(file) => throughline_service::config::Config::load(std::path::Path::new(&file), env),
        None if std::path::Path::new("throughline.toml").exists() => {
            throughline_service::config::Config::load(std::path::Path::new("throughline.toml"), env)
        }
        None => throughline_service::config::Config::load_defaults(env),
    }
}

/// `throughline rotate-lti-key [--config FILE]`.
fn rotate_lti_key(args: &[String]) -> ExitCode {
    let config = match args {
        [] => None,
        [flag, file] if flag == "--config" => Some(file.clone()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match load_config(config)
        .and_then(|c| throughline_service::lti::ToolKeys::rotate(&c.storage.data))
    {
        Ok(kid) => {
            println!("{kid}");
            eprintln!("The LTI tool signs with key {kid} after a restart; the previous key stays published at /lti/jwks until the next rotation.");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("throughline: {message}");
            ExitCode::from(1)
        }
    }
}

/// `throughline add-key NAME [--admin | --agent JSON] [--config FILE]`.
fn add_key(args: &[String]) -> ExitCode {
    use throughline_service::lrs::{auth, Scope};
    let Some((name, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (mut scope, mut agent, mut config) = (None, None, None);
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--admin" => scope = Some(Scope::Admin),
            "--agent" => match it
                .next()
                .map(|a| serde_json::from_str::<serde_json::Value>(a))
            {
                Some(Ok(a)) => {
                    scope = Some(Scope::Learner);
                    agent = Some(a);
                }
                _ => {
                    eprintln!("throughline: --agent takes an xAPI agent as JSON, e.g. '{{\"account\":{{\"homePage\":\"https://lms.example.org\",\"name\":\"u1\"}}}}'");
                    return ExitCode::from(2);
                }
            },
            "--config" => config = it.next().cloned(),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(scope) = scope else {
        eprintln!("throughline: say --admin, or --agent JSON for a learner key");
        return ExitCode::from(2);
    };
    let loaded = load_config(config);
    let result =
        loaded.and_then(|c| auth::add_key(&c.storage.data.join("lrs"), name, scope, agent));
    match result {
        Ok((key, secret)) => {
            println!("{key}:{secret}");
            eprintln!(
                "Added key “{name}”. Its secret is shown this once; restart the service to use it."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("throughline: {e}");
            ExitCode::from(1)
        }
    }
}

/// `throughline serve [--config FILE]`.
fn serve(args: &[String]) -> ExitCode {
    let config = match args {
        [flag, file] if flag == "--config" => load_config(Some(file.clone())),
        [] => load_config(None),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = config.and_then(|config| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the runtime: {e}"))?
            .block_on(run(config))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("throughline: {message}");
            ExitCode::from(1)
        }
    }
}

async fn run(config: throughline_service::config::Config) -> Result<(), String> {
    use throughline_service::server::{Service, ServiceConfig};
    if !config.widget.bundle.join("throughline.js").exists() {
        return Err(format!(
            "the widget bundle is missing in {}; build it with scripts/build-widget.sh or set [widget] bundle",
            config.widget.bundle.display()
        ));
    }
    let service = Service::open(ServiceConfig {
        data_dir: config.storage.data.clone(),
        database: config.storage.database.clone(),
        bundle: config.widget.bundle.clone(),
        lti_program: config.widget.lti_program.clone(),
        learners: Vec::new(),
        hash_secrets: true,
    })?;
    let listener = tokio::net::TcpListener::bind(config.server.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.server.addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // Scripts read this line: keep it first and keep its shape.
    say(format_args!(
        "Throughline service: http://{local}/ (data in {})",
        config.storage.data.display()
    ));
    // Where the LRS data lives, never with a password (the URL is parsed, not echoed).
    if let Ok(storage) = throughline_service::lrs::store::Storage::choose(
        config.storage.database.as_deref(),
        config.storage.data.join("lrs"),
    ) {
        say(format_args!("LRS storage: {}", storage.describe()));
    }
    say(format_args!(
        "LRS endpoint: http://{local}/xapi/  (keys in {})",
        config
            .storage
            .data
            .join("lrs")
            .join(throughline_service::lrs::auth::CREDENTIALS_FILE)
            .display()
    ));
    say(format_args!(
        "LTI 1.3 tool: login http://{local}/lti/login, launch http://{local}/lti/launch ({} platform(s))",
        service.lti_platforms()
    ));
    // A secret just made is in memory this once: the file keeps only its hash.
    for c in service
        .credentials()
        .iter()
        .filter(|c| !c.secret.is_empty())
    {
        say(format_args!(
            "New LRS key for {}: {}:{}  (shown once; the file keeps only its hash)",
            c.name, c.key, c.secret
        ));
    }
    let nudger = service.nudger(&config.nudges, &format!("http://{local}"))?;
    say(format_args!("Reflection emails: {}", nudger.describe()));
    // Grades owed to LTI platforms go out from every process (each one leased to one sender);
    // so do nudges (each one claimed in the database by one process).
    let _grades = service.lti().spawn_grade_sender();
    let _nudges = std::sync::Arc::new(nudger).spawn();
    axum::serve(listener, service.router())
        .with_graceful_shutdown(throughline_service::server::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// One line on stdout; a closed stdout (the admin's terminal went away) must not stop the service.
fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}
