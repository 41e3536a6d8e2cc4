//! Packages for LMSs: a cmi5 course zip, an xAPI (TinCan) zip, an npm
//! package and a plain embed folder, built from a checked program and the
//! widget bundle. Templates live in `pkg-config/`; ids are IRIs derived from
//! the program id, so re-packaging a program gives the same ids and the LMS
//! keeps its records. Native only (the `throughline package` command).

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::program::{compiled, parse, Diagnostics, Format, Program};

const LAUNCH: &str = include_str!("../pkg-config/launch.html");
const AUTO: &str = include_str!("../pkg-config/auto.js");
const NPM_PACKAGE: &str = include_str!("../pkg-config/npm/package.json");
const NPM_TYPES: &str = include_str!("../pkg-config/npm/throughline.d.ts");
const SNIPPET: &str = include_str!("../pkg-config/embed/snippet.html");
const CSP: &str = include_str!("../pkg-config/embed/csp.txt");

/// The widget files every package carries, besides wasm-bindgen's `snippets/` folder and the
/// modules the bundle was split into ([`is_split_module`]). `__wasm_split.js` is the loader
/// `wasm-split-cli` writes, which `throughline.js` imports.
pub const BUNDLE_FILES: [&str; 4] = [
    "throughline.js",
    "throughline_bg.wasm",
    "__wasm_split.js",
    "throughline.css",
];

/// Whether `name` is a module `wasm-split-cli` cut from the learner bundle (`split_<point>.wasm`,
/// `chunk_<n>.wasm`), fetched by the widget once its first screen is drawn.
pub fn is_split_module(name: &str) -> bool {
    (name.starts_with("split_") || name.starts_with("chunk_"))
        && name.ends_with(".wasm")
        && !name.contains(['/', '\\'])
}

/// wasm-bindgen's folder of JS snippets that `throughline.js` imports.
const SNIPPETS: &str = "snippets";

/// The widget's language files (`i18n/<lang>.ftl`), fetched for the learner's language.
const I18N: &str = "i18n";

/// Whether `name` is inside one of the bundle's folders a package carries whole.
fn in_bundle_folder(name: &str) -> bool {
    [SNIPPETS, I18N].iter().any(|f| {
        name.strip_prefix(f)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The compiled program a package's widget loads (no checker needed in the learner's browser).
pub const COMPILED_PROGRAM: &str = "program.throughline.json";

/// Reads the widget files a package carries from a bundle folder (as
/// `scripts/build-widget.sh` writes it): [`BUNDLE_FILES`] and `snippets/`.
pub fn read_bundle(dir: &std::path::Path) -> Result<Vec<(String, Vec<u8>)>, PackageError> {
    let mut files = Vec::with_capacity(BUNDLE_FILES.len() + 1);
    for name in BUNDLE_FILES {
        let bytes = std::fs::read(dir.join(name))
            .map_err(|_| PackageError::MissingBundle(name.to_string()))?;
        files.push((name.to_string(), bytes));
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| PackageError::Write(format!("cannot list the bundle: {e}")))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_split_module(&name) {
            let bytes = std::fs::read(entry.path())
                .map_err(|e| PackageError::Write(format!("cannot read {name}: {e}")))?;
            files.push((name, bytes));
        }
    }
    let mut folders = vec![SNIPPETS.to_string(), I18N.to_string()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(name);
            } else {
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| PackageError::Write(format!("cannot read {name}: {e}")))?;
                files.push((name, bytes));
            }
        }
    }
    Ok(files)
}

/// What to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// cmi5 course package (zip with `cmi5.xml`).
    Cmi5,
    /// xAPI / TinCan package (zip with `tincan.xml`).
    Xapi,
    /// npm package folder.
    Npm,
    /// Plain folder with a copy-paste snippet and the CSP it needs.
    Embed,
}

impl Kind {
    /// Reads `cmi5`, `xapi`, `npm` or `embed`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "cmi5" => Some(Kind::Cmi5),
            "xapi" | "tincan" => Some(Kind::Xapi),
            "npm" => Some(Kind::Npm),
            "embed" => Some(Kind::Embed),
            _ => None,
        }
    }
}

/// Why a package could not be built.
#[derive(Debug)]
pub enum PackageError {
    /// The program has problems; the same list `throughline check` prints.
    Invalid(Diagnostics),
    /// A bundle file is missing.
    MissingBundle(String),
    /// Writing the archive failed.
    Write(String),
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackageError::Invalid(d) => write!(
                f,
                "the program has {} problem(s); fix them first (see `throughline check`)",
                d.0.len()
            ),
            PackageError::MissingBundle(name) => write!(
                f,
                "the widget bundle has no {name}; build it with scripts/build-widget.sh"
            ),
            PackageError::Write(why) => write!(f, "the package could not be written: {why}"),
        }
    }
}

impl std::error::Error for PackageError {}

/// A built package: a zip file or a folder of files.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// File (zip) or folder name, derived from the program id.
    pub name: String,
    /// Whether `files` go into one zip called `name`.
    pub zip: bool,
    /// Path inside the package, and content.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A short, file-name-safe slug of the program id (its last path segment).
pub fn slug(program: &Program) -> String {
    let last = program
        .id
        .trim_end_matches('/')
        .rsplit(['/', ':', '#'])
        .next()
        .unwrap_or("program");
    let s: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "program".into()
    } else {
        s
    }
}

/// The `<link>` hints that let a page fetch the widget's module (and the split loader it imports),
/// its wasm and the program at the same time. Without them each waits for the one before (page,
/// module, wasm, program): four round trips before the first screen. The split modules are not
/// hinted: the widget fetches them once its first screen is drawn, not competing with it.
/// `base` is where the bundle is served, ending in `/`; `program`
/// the program's address, when the page knows it. `crossorigin` makes the hint's request the same
/// as the widget's own `fetch` (CORS mode, same-origin credentials), so the browser reuses it.
pub fn preload_hints(base: &str, program: Option<&str>) -> String {
    let base = escape_html(base);
    let mut out = format!(
        "<link rel=\"modulepreload\" href=\"{base}throughline.js\">\n\
         <link rel=\"modulepreload\" href=\"{base}__wasm_split.js\">\n\
         <link rel=\"preload\" href=\"{base}throughline_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"
    );
    if let Some(program) = program {
        out.push_str(&format!(
            "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>\n",
            escape_html(program)
        ));
    }
    out
}

/// `scheme://host[:port]` of an absolute http(s) address; `None` for a relative one (the page's own
/// origin, which a policy names as 'self').
fn origin(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if host_len == 0
        || rest[..host_len].contains(|c: char| c.is_whitespace() || c == ';' || c == '\'')
    {
        return None;
    }
    Some(&url[..url.len() - rest.len() + host_len])
}

fn escape_html(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(template.to_string(), |t, (k, v)| {
        t.replace(&format!("{{{{{k}}}}}"), v)
    })
}

fn xml(
    build: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>,
) -> Result<Vec<u8>, PackageError> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(|e| PackageError::Write(e.to_string()))?;
    build(&mut w).map_err(|e| PackageError::Write(e.to_string()))?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> std::io::Result<()> {
    let mut start = BytesStart::new(name);
    for (k, v) in attrs {
        start.push_attribute((*k, *v));
    }
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn langstring(w: &mut Writer<Vec<u8>>, name: &str, lang: &str, text: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    text_element(w, "langstring", &[("lang", lang)], text)?;
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

/// The cmi5 course structure: one course with one AU that launches `index.html`.
pub fn cmi5_xml(program: &Program) -> Result<Vec<u8>, PackageError> {
    let description = program
        .description
        .clone()
        .unwrap_or_else(|| program.title.clone());
    let course_id = format!("{}/cmi5/course", program.id.trim_end_matches('/'));
    let au_id = format!("{}/cmi5/au", program.id.trim_end_matches('/'));
    xml(|w| {
        let mut root = BytesStart::new("courseStructure");
        root.push_attribute((
            "xmlns",
            "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
        ));
        w.write_event(Event::Start(root))?;
        let mut course = BytesStart::new("course");
        course.push_attribute(("id", course_id.as_str()));
        w.write_event(Event::Start(course))?;
        langstring(w, "title", &program.locale, &program.title)?;
        langstring(w, "description", &program.locale, &description)?;
        w.write_event(Event::End(BytesEnd::new("course")))?;
        let mut au = BytesStart::new("au");
        au.push_attribute(("id", au_id.as_str()));
        au.push_attribute(("moveOn", "Completed"));
        au.push_attribute(("launchMethod", "AnyWindow"));
        w.write_event(Event::Start(au))?;
        langstring(w, "title", &program.locale, &program.title)?;
        langstring(w, "description", &program.locale, &description)?;
        text_element(w, "url", &[], "index.html")?;
        w.write_event(Event::End(BytesEnd::new("au")))?;
        w.write_event(Event::End(BytesEnd::new("courseStructure")))?;
        Ok(())
    })
}

/// The TinCan package manifest: one course activity that launches `index.html`.
pub fn tincan_xml(program: &Program) -> Result<Vec<u8>, PackageError> {
    let description = program
        .description
        .clone()
        .unwrap_or_else(|| program.title.clone());
    let id = format!("{}/tincan", program.id.trim_end_matches('/'));
    xml(|w| {
        let mut root = BytesStart::new("tincan");
        root.push_attribute(("xmlns", "http://projecttincan.com/tincan.xsd"));
        w.write_event(Event::Start(root))?;
        w.write_event(Event::Start(BytesStart::new("activities")))?;
        let mut activity = BytesStart::new("activity");
        activity.push_attribute(("id", id.as_str()));
        activity.push_attribute(("type", "http://adlnet.gov/expapi/activities/course"));
        w.write_event(Event::Start(activity))?;
        text_element(w, "name", &[("lang", &program.locale)], &program.title)?;
        text_element(w, "description", &[("lang", &program.locale)], &description)?;
        text_element(w, "launch", &[("lang", &program.locale)], "index.html")?;
        w.write_event(Event::End(BytesEnd::new("activity")))?;
        w.write_event(Event::End(BytesEnd::new("activities")))?;
        w.write_event(Event::End(BytesEnd::new("tincan")))?;
        Ok(())
    })
}

/// Zips files (deflated), in the given order.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PackageError> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        out.start_file(name.as_str(), options)
            .map_err(|e| PackageError::Write(e.to_string()))?;
        out.write_all(bytes)
            .map_err(|e| PackageError::Write(e.to_string()))?;
    }
    out.finish()
        .map(|c| c.into_inner())
        .map_err(|e| PackageError::Write(e.to_string()))
}

/// Builds a package. `program_name` is the program file's name (kept, so designers recognise it);
/// `bundle` holds the widget files by name. `base` is where an embed folder will be hosted
/// (for the snippet), and `lrs` the LRS origin for its Content-Security-Policy.
pub fn build(
    program_text: &str,
    program_name: &str,
    kind: Kind,
    bundle: &[(String, Vec<u8>)],
    base: &str,
    lrs: &str,
) -> Result<Package, PackageError> {
    let program = parse(
        program_text,
        Format::detect(Some(program_name), program_text),
    )
    .map_err(PackageError::Invalid)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for name in BUNDLE_FILES {
        let (_, bytes) = bundle
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| PackageError::MissingBundle(name.to_string()))?;
        files.push((name.to_string(), bytes.clone()));
    }
    // The split modules, then the bundle's folders, each in name order.
    for carried in [is_split_module, in_bundle_folder] {
        let mut these: Vec<_> = bundle.iter().filter(|(n, _)| carried(n)).cloned().collect();
        these.sort();
        files.extend(these);
    }
    // The source stays in the package so designers recognise it; the widget loads the compiled form.
    let source_file = if program_name.ends_with(".json") {
        "program.json"
    } else {
        "program.toml"
    };
    files.push((source_file.to_string(), program_text.as_bytes().to_vec()));
    let program_file = COMPILED_PROGRAM;
    files.push((
        program_file.to_string(),
        compiled::compile(&program).into_bytes(),
    ));
    let slug = slug(&program);
    let launch = fill(
        LAUNCH,
        &[
            ("lang", &escape_html(&program.locale)),
            ("title", &escape_html(&program.title)),
            ("program", program_file),
        ],
    );
    let package = match kind {
        Kind::Cmi5 | Kind::Xapi => {
            files.push(("index.html".into(), launch.into_bytes()));
            files.push(("throughline-auto.js".into(), AUTO.as_bytes().to_vec()));
            let (manifest, bytes, suffix) = match kind {
                Kind::Cmi5 => ("cmi5.xml", cmi5_xml(&program)?, "cmi5"),
                _ => ("tincan.xml", tincan_xml(&program)?, "xapi"),
            };
            files.insert(0, (manifest.to_string(), bytes));
            Package {
                name: format!("{slug}-{suffix}.zip"),
                zip: true,
                files,
            }
        }
        Kind::Npm => {
            let title = program.title.replace('\\', "").replace('"', "'");
            let json = fill(
                NPM_PACKAGE,
                &[
                    ("name", &format!("throughline-{slug}")),
                    ("version", env!("CARGO_PKG_VERSION")),
                    ("title", &title),
                    ("program", program_file),
                    ("source", source_file),
                ],
            );
            files.push(("package.json".into(), json.into_bytes()));
            files.push(("throughline.d.ts".into(), NPM_TYPES.as_bytes().to_vec()));
            Package {
                name: format!("{slug}-npm"),
                zip: false,
                files,
            }
        }
        Kind::Embed => {
            let base = if base.ends_with('/') {
                base.to_string()
            } else {
                format!("{base}/")
            };
            files.push(("throughline-auto.js".into(), AUTO.as_bytes().to_vec()));
            files.push((
                "snippet.html".into(),
                fill(
                    SNIPPET,
                    &[("base", &escape_html(&base)), ("program", program_file)],
                )
                .into_bytes(),
            ));
            // The page's own origin is 'self'; the files' host (when another) and the LRS are added.
            let files_origin = origin(&base).map(|o| format!(" {o}")).unwrap_or_default();
            let lrs_origin = match origin(lrs) {
                Some(o) if Some(o) != origin(&base) => format!(" {o}"),
                _ => String::new(),
            };
            files.push((
                "csp.txt".into(),
                fill(CSP, &[("files", &files_origin), ("lrs", &lrs_origin)]).into_bytes(),
            ));
            Package {
                name: format!("{slug}-embed"),
                zip: false,
                files,
            }
        }
    };
    Ok(package)
}

#[cfg(test)]
mod tests {
    #[test]
    fn preload_hints_name_the_bundle_and_the_program_escaped() {
        let hints = preload_hints("https://cdn.example/tl/", Some("/p.json?a=1&b=\"2\""));
        assert_eq!(
            hints,
            "<link rel=\"modulepreload\" href=\"https://cdn.example/tl/throughline.js\">\n\
             <link rel=\"modulepreload\" href=\"https://cdn.example/tl/__wasm_split.js\">\n\
             <link rel=\"preload\" href=\"https://cdn.example/tl/throughline_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
             <link rel=\"preload\" href=\"/p.json?a=1&amp;b=&quot;2&quot;\" as=\"fetch\" crossorigin>\n"
        );
        assert_eq!(preload_hints("/pkg/", None).lines().count(), 3);
    }

    use super::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    const PROGRAM: &str = include_str!("../service/programs/coaching.toml");

    fn bundle() -> Vec<(String, Vec<u8>)> {
        BUNDLE_FILES
            .iter()
            .chain(&[
                "split_overview.wasm",
                "chunk_0.wasm",
                "split_commit.wasm",
                "snippets/throughline-0123/inline0.js",
                "i18n/de.ftl",
                "check/throughline_check.js",
            ])
            .map(|n| (n.to_string(), format!("/* {n} */").into_bytes()))
            .collect()
    }

    /// Element names and their attributes, in document order; fails on malformed XML.
    fn elements(xml: &[u8]) -> Vec<(String, Vec<(String, String)>)> {
        let mut reader = Reader::from_reader(xml);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    let attrs = e
                        .attributes()
                        .map(|a| a.expect("attribute"))
                        .map(|a| {
                            (
                                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .expect("value")
                                    .into_owned(),
                            )
                        })
                        .collect();
                    out.push((
                        String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                        attrs,
                    ));
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        out
    }

    fn unzip(bytes: &[u8]) -> Vec<String> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        (0..archive.len())
            .map(|i| archive.by_index(i).expect("entry").name().to_string())
            .collect()
    }

    #[test]
    fn cmi5_package_has_a_valid_course_structure() {
        let p = build(PROGRAM, "coaching.toml", Kind::Cmi5, &bundle(), "", "").expect("built");
        assert_eq!(p.name, "coaching-for-performance-cmi5.zip");
        let names: Vec<&str> = p.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "cmi5.xml",
                "throughline.js",
                "throughline_bg.wasm",
                "__wasm_split.js",
                "throughline.css",
                "chunk_0.wasm",
                "split_commit.wasm",
                "split_overview.wasm",
                "i18n/de.ftl",
                "snippets/throughline-0123/inline0.js",
                "program.toml",
                "program.throughline.json",
                "index.html",
                "throughline-auto.js"
            ]
        );
        let xml = elements(&p.files[0].1);
        let tags: Vec<&str> = xml.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            tags,
            [
                "courseStructure",
                "course",
                "title",
                "langstring",
                "description",
                "langstring",
                "au",
                "title",
                "langstring",
                "description",
                "langstring",
                "url"
            ]
        );
        assert_eq!(
            xml[1].1,
            vec![(
                "id".to_string(),
                "https://throughline.example/programs/coaching-for-performance/cmi5/course"
                    .to_string()
            )]
        );
        assert!(xml[6]
            .1
            .contains(&("moveOn".to_string(), "Completed".to_string())));
        let zipped = zip(&p.files).expect("zip");
        assert_eq!(unzip(&zipped), names);
        let again = build(PROGRAM, "coaching.toml", Kind::Cmi5, &bundle(), "", "").expect("built");
        assert_eq!(again.files[0], p.files[0], "ids are stable across builds");
    }

    #[test]
    fn tincan_package_has_a_launchable_activity() {
        let p = build(PROGRAM, "coaching.toml", Kind::Xapi, &bundle(), "", "").expect("built");
        let xml = elements(&p.files[0].1);
        assert_eq!(p.files[0].0, "tincan.xml");
        assert_eq!(xml[2].0, "activity");
        assert!(xml[2].1.contains(&(
            "type".to_string(),
            "http://adlnet.gov/expapi/activities/course".to_string()
        )));
        assert_eq!(xml.last().map(|(n, _)| n.as_str()), Some("launch"));
        let index = p
            .files
            .iter()
            .find(|(n, _)| n == "index.html")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .expect("index");
        assert!(
            index.contains(r#"data-throughline-program="program.throughline.json""#)
                && !index.contains("{{")
        );
        // The module, the wasm and the program are asked for at once, as the widget will fetch them.
        assert!(index.contains(r#"<link rel="modulepreload" href="throughline.js">"#));
        assert!(index.contains(r#"<link rel="preload" href="throughline_bg.wasm" as="fetch" type="application/wasm" crossorigin>"#));
        assert!(index.contains(
            r#"<link rel="preload" href="program.throughline.json" as="fetch" crossorigin>"#
        ));
    }

    #[test]
    fn npm_and_embed_fill_their_templates() {
        let npm = build(PROGRAM, "coaching.toml", Kind::Npm, &bundle(), "", "").expect("built");
        let json: serde_json::Value = serde_json::from_slice(
            &npm.files
                .iter()
                .find(|(n, _)| n == "package.json")
                .expect("package.json")
                .1,
        )
        .expect("valid JSON");
        assert_eq!(json["name"], "throughline-coaching-for-performance");
        assert_eq!(json["types"], "throughline.d.ts");
        let embed = build(
            PROGRAM,
            "coaching.toml",
            Kind::Embed,
            &bundle(),
            "https://cdn.example.org/tl",
            "https://lrs.example.org",
        )
        .expect("built");
        let text = |name: &str| {
            embed
                .files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .expect(name)
        };
        assert!(text("snippet.html")
            .contains(r#"src="https://cdn.example.org/tl/throughline-auto.js""#));
        let csp = text("csp.txt");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(
            !csp.contains(" 'unsafe-eval'")
                && !csp.contains("unsafe-inline")
                && csp.contains("script-src 'self' https://cdn.example.org 'wasm-unsafe-eval'")
                && csp.contains("style-src 'self' https://cdn.example.org;")
                && csp.contains(
                    "connect-src 'self' https://cdn.example.org https://lrs.example.org;"
                )
        );
        assert_eq!(
            origin("https://cdn.example.org:8443/tl/"),
            Some("https://cdn.example.org:8443")
        );
        assert_eq!(origin("/tl/"), None);
        assert_eq!(origin("https://x.org; script-src *"), None);
    }

    #[test]
    fn invalid_programs_and_missing_bundles_are_refused() {
        let broken = PROGRAM.replace("day = 21", "day = 3");
        match build(&broken, "coaching.toml", Kind::Cmi5, &bundle(), "", "") {
            Err(PackageError::Invalid(d)) => assert!(d
                .0
                .iter()
                .any(|x| x.to_string().contains("schedule[2].day"))),
            other => panic!("expected the check's errors, got {other:?}"),
        }
        assert!(matches!(
            build(PROGRAM, "coaching.toml", Kind::Npm, &[], "", ""),
            Err(PackageError::MissingBundle(_))
        ));
    }
}
