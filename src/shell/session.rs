//! Opens a learner's session: options, program, identity and stored plan.

use std::sync::Arc;

use crate::launch::Options;
use crate::plan::{self, Now, Restored};
use crate::program::Program;
use crate::shell::{clock, connect, program::LoadError, storage};

/// The LRS side of the visit; the UI keeps it in Leptos signals, which need `Send`,
/// and the browser runs everything on one thread.
pub type SharedLive = send_wrapper::SendWrapper<connect::Live>;

/// Everything the UI needs to show one learner their plan.
#[derive(Clone)]
pub struct Session {
    /// The checked program as the learner reads it (in their language where it is translated).
    pub program: Arc<Program>,
    /// The program as written, with all its translations: what statements are made from.
    pub source: Arc<Program>,
    /// Storage key of this learner's plan.
    pub key: String,
    /// Learner id (host-given or this browser's anonymous id).
    pub learner_id: String,
    /// Learner name, when the host gave one.
    pub learner_name: Option<String>,
    /// Program role the host suggests, already mapped from LMS role names.
    pub role_hint: Option<String>,
    /// The clock reading for this visit.
    pub now: Now,
    /// The host's date override (`?now=`), kept so later clock readings use it too.
    pub clock_override: Option<time::Date>,
    /// Link back to the course.
    pub course_url: Option<String>,
    /// The launch may seed a team with the course roster (an instructor's LTI launch).
    pub roster: bool,
    /// Where the program file was loaded from, so other course pages can load it too.
    pub program_url: Option<String>,
    /// The stored plan and any repair notice.
    pub restored: Restored,
    /// Where statements and the plan go, when an LRS is configured.
    pub live: Option<SharedLive>,
    /// The widget's words in the learner's language (`entry` chooses and loads them).
    pub messages: Arc<crate::i18n::Messages>,
    /// The language tag dates are written in (the messages' language with the learner's region).
    pub date_tag: String,
}

/// Loads the program and the learner's stored plan. Problems come back as
/// plain-language lines to show in the widget.
pub async fn open(options: Options) -> Result<Session, Vec<String>> {
    let program = super::program::load(&options.program)
        .await
        .map_err(|e| match e {
            LoadError::Fetch(m) => vec![m],
            LoadError::Invalid(lines) => {
                let mut out = vec![super::say("problem-program-invalid", &[])];
                out.extend(lines);
                out
            }
        })?;
    super::mark("throughline:program");
    let learner_id = options
        .learner_id
        .clone()
        .unwrap_or_else(storage::anonymous_learner);
    let key = crate::launch::plan_key(&program.id, &learner_id);
    let mut restored = match storage::load(&key) {
        Ok(raw) => {
            let restored = plan::restore(&program, raw.as_deref());
            if let (true, Some(raw)) = (restored.discarded, raw.as_deref()) {
                storage::keep_aside(&key, raw);
            }
            restored
        }
        Err(e) => Restored {
            plan: Default::default(),
            notice: Some(e.0),
            discarded: false,
        },
    };
    // The host's explicit role first, then LMS roles in the order the LMS gave them.
    let role_hint = options
        .role
        .as_deref()
        .into_iter()
        .chain(options.lms_roles.iter().map(String::as_str))
        .find_map(|r| program.role(r).or_else(|| program.role_for_lms(r)))
        .map(|r| r.id.clone());
    if let (Some(hint), None) = (&options.role, &role_hint) {
        let note = super::say("problem-role-hint", &[("role", hint.as_str().into())]);
        restored.notice = Some(match restored.notice.take() {
            Some(n) => format!("{n} {note}"),
            None => note,
        });
    }
    let live = match options.connection {
        Some(connection) => Some(send_wrapper::SendWrapper::new(
            connect::connect(connection, &program.id, options.course_url.as_deref())
                .await
                .map_err(|m| vec![m])?,
        )),
        None => None,
    };
    super::mark("throughline:connected");
    // cmi5: a plan committed earlier satisfies this registration too, once (a completed that an
    // earlier session could not send was dropped with that session, so it is sent in this one).
    if let Some(live) = &live {
        if !restored.plan.commitments.is_empty() {
            live.completed();
        }
    }
    Ok(Session {
        live,
        source: Arc::new(program.clone()),
        program: Arc::new(program),
        key,
        learner_id,
        learner_name: options.learner_name,
        role_hint,
        now: clock::now(options.now),
        clock_override: options.now,
        course_url: options.course_url,
        roster: options.roster,
        program_url: match &options.program {
            crate::launch::ProgramSource::Url(u) => Some(absolute(u)),
            crate::launch::ProgramSource::Inline(_) => None,
        },
        restored,
        messages: Arc::new(crate::i18n::Messages::english()),
        date_tag: "en".into(),
    })
}

/// Resolves a program URL against the page, so it still works from another course page.
fn absolute(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string())
}
