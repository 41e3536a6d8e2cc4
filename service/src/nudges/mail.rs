//! One nudge email: the due prompts in plain words, a link back to the course,
//! why the message came and a one-click unsubscribe (RFC 8058), handed to the
//! mail server or written to the local mailbox.

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{Message, Transport as _};
use throughline::i18n::{Messages, SERVICE};
use throughline::program::{Program, Step};

use super::Transport;

/// One step in a message.
pub(crate) struct Item<'p> {
    pub program: &'p Program,
    pub step: &'p Step,
    pub role: String,
    pub reminder: bool,
    pub overdue_days: u32,
    pub course_url: Option<String>,
    /// The learner's language (one the service ships): the message's words; `program` is
    /// already in it where the program has a translation.
    pub lang: &'static str,
}

/// The words of a message to one learner: the language of its first item.
pub(crate) fn words(items: &[Item<'_>]) -> Messages {
    SERVICE.messages(items.first().map_or("en", |i| i.lang))
}

/// The programs the items come from, each once, quoted and joined as the language joins them.
pub(crate) fn programs(w: &Messages, items: &[Item<'_>]) -> String {
    let mut titles: Vec<&str> = items.iter().map(|i| i.program.title.as_str()).collect();
    titles.dedup();
    let quoted = |t: &str| w.with("nudge-program", &[("program", t.into())]);
    let mut it = titles.into_iter();
    let first = it.next().map(quoted).unwrap_or_default();
    it.fold(first, |acc, t| {
        w.with(
            "nudge-and",
            &[("first", acc.into()), ("second", quoted(t).into())],
        )
    })
}

/// The line that says what is due (or how long it has waited).
pub(crate) fn line_for(w: &Messages, item: &Item<'_>) -> String {
    let program = item.program.title.as_str();
    let step = item.step.title.as_str();
    if item.reminder {
        w.with(
            "nudge-waiting",
            &[
                ("step", step.into()),
                ("program", program.into()),
                ("days", item.overdue_days.into()),
            ],
        )
    } else {
        w.with(
            "nudge-due",
            &[("step", step.into()), ("program", program.into())],
        )
    }
}

/// A URL safe to put in a message: http(s), no spaces or control characters.
pub(crate) fn link(url: Option<&str>) -> Option<&str> {
    url.filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://"))
            && u.len() <= 2000
            && !u.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

pub(crate) fn subject(items: &[Item<'_>]) -> String {
    let w = words(items);
    match items {
        [one] if one.reminder => w.with(
            "nudge-subject-reminder",
            &[("step", one.step.title.as_str().into())],
        ),
        [one] => w.with(
            "nudge-subject-due",
            &[("step", one.step.title.as_str().into())],
        ),
        many => w.with("nudge-subject-many", &[("count", many.len().into())]),
    }
}

/// The message text (plain text: it reads the same in every client and screen reader).
pub(crate) fn body(items: &[Item<'_>], unsubscribe: &str, max_per_step: Option<u32>) -> String {
    let w = words(items);
    let mut out = format!("{}\n\n", w.get("nudge-hello"));
    for item in items {
        out += &format!("{}\n\n", line_for(&w, item));
        out += &format!("    {}\n\n", item.step.prompt_for(&item.role));
        match link(item.course_url.as_deref()) {
            Some(url) => out += &w.with("nudge-reflect-now", &[("url", url.into())]),
            None => out += &w.get("nudge-open-course"),
        }
        out += "\n";
        out += &w.get("nudge-few-minutes");
        out += "\n\n";
    }
    let programs = programs(&w, items);
    out += "--\n";
    out += &match max_per_step {
        Some(n) => w.with(
            "nudge-why-email-capped",
            &[("programs", programs.into()), ("count", n.into())],
        ),
        None => w.with("nudge-why-email", &[("programs", programs.into())]),
    };
    out += "\n";
    out += &w.with("nudge-stop-email", &[("url", unsubscribe.into())]);
    out += "\n";
    out
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// The message for `items` to `to`.
pub(crate) fn compose(
    from: &Mailbox,
    to: Mailbox,
    items: &[Item<'_>],
    unsubscribe: &str,
    max_per_step: u32,
) -> Result<Message, String> {
    if items.is_empty() {
        return Err("nothing to send".into());
    }
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject(items))
        .raw_header(raw("List-Unsubscribe", format!("<{unsubscribe}>")))
        .raw_header(raw(
            "List-Unsubscribe-Post",
            "List-Unsubscribe=One-Click".into(),
        ))
        .raw_header(raw("Auto-Submitted", "auto-generated".into()))
        .header(ContentType::TEXT_PLAIN)
        .body(body(items, unsubscribe, Some(max_per_step)))
        .map_err(|e| format!("the message could not be built: {e}"))
}

/// Hands `message` to the transport.
pub(crate) fn send(transport: &Transport, message: &Message) -> Result<(), String> {
    match transport {
        Transport::Off => Ok(()),
        Transport::Mailbox(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the mailbox {}: {e}", dir.display()))?;
            lettre::FileTransport::new(dir)
                .send(message)
                .map(|_| ())
                .map_err(|e| format!("cannot write to the mailbox {}: {e}", dir.display()))
        }
        Transport::Smtp(smtp) => smtp
            .send(message)
            .map(|_| ())
            .map_err(|e| format!("the mail server refused the message: {e}")),
    }
}

/// `url` with any password replaced, for messages.
pub(crate) fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:…{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use throughline::program::{parse, Format};

    fn program() -> Program {
        parse(crate::server::EXAMPLE_PROGRAM, Format::Toml).expect("example program")
    }

    #[test]
    fn a_message_says_what_is_due_where_to_go_why_it_came_and_how_to_stop() {
        let p = program();
        let step = &p.schedule[1];
        let item = Item {
            program: &p,
            step,
            role: "leader".into(),
            reminder: false,
            overdue_days: 0,
            course_url: Some("https://lms.example/course/7".into()),
            lang: "en",
        };
        let m = compose(
            &"Throughline <t@example.org>".parse().expect("from"),
            "ana@example.org".parse().expect("to"),
            &[item],
            "https://svc.example/nudges/unsubscribe/abc",
            2,
        )
        .expect("compose");
        let text = String::from_utf8(m.formatted()).expect("utf-8");
        assert!(text.contains("List-Unsubscribe: <https://svc.example/nudges/unsubscribe/abc>"));
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(text.contains("Auto-Submitted: auto-generated"));
        let body = body(
            &[Item {
                program: &p,
                step,
                role: "leader".into(),
                reminder: false,
                overdue_days: 0,
                course_url: Some("https://lms.example/course/7".into()),
                lang: "en",
            }],
            "https://svc.example/nudges/unsubscribe/abc",
            Some(2),
        );
        assert!(body.contains(step.prompt_for("leader")));
        assert!(body.contains("Reflect now: https://lms.example/course/7"));
        assert!(body.contains("because you made commitments in “Coaching for Performance”"));
        assert!(body.contains("at most 2 emails per reflection"));
    }

    #[test]
    fn a_digest_names_each_step_and_an_unsafe_link_is_left_out() {
        let p = program();
        let items = [
            Item {
                program: &p,
                step: &p.schedule[0],
                role: "leader".into(),
                reminder: true,
                overdue_days: 3,
                course_url: Some("javascript:alert(1)".into()),
                lang: "en",
            },
            Item {
                program: &p,
                step: &p.schedule[1],
                role: "leader".into(),
                reminder: false,
                overdue_days: 0,
                course_url: None,
                lang: "en",
            },
        ];
        assert_eq!(subject(&items), "2 reflections are waiting for you");
        let text = body(&items, "https://svc/u", None);
        assert!(text.contains("has been waiting for 3 days"));
        assert!(!text.contains("javascript:"));
        assert_eq!(
            text.matches("Open the course where you made your commitments")
                .count(),
            2
        );
    }

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            without_password("smtp://user:secret@mail.example:587"),
            "smtp://user:…@mail.example:587"
        );
        assert_eq!(without_password("mailbox"), "mailbox");
    }
}
