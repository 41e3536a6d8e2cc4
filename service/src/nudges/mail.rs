//! One nudge email: the due prompts in plain words, a link back to the course,
//! why the message came and a one-click unsubscribe (RFC 8058), handed to the
//! mail server or written to the local mailbox.

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{Message, Transport as _};
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
    match items {
        [one] if one.reminder => format!("Still open: {}", one.step.title),
        [one] => format!("Time to reflect: {}", one.step.title),
        many => format!("{} reflections are waiting for you", many.len()),
    }
}

/// The message text (plain text: it reads the same in every client and screen reader).
pub(crate) fn body(items: &[Item<'_>], unsubscribe: &str, max_per_step: Option<u32>) -> String {
    let mut out = String::from("Hello,\n\n");
    for item in items {
        let title = &item.program.title;
        let step = &item.step.title;
        if item.reminder {
            let days = item.overdue_days;
            let plural = if days == 1 { "" } else { "s" };
            out += &format!("Your reflection “{step}” in “{title}” has been waiting for {days} day{plural}.\n\n");
        } else {
            out += &format!("It is time for your reflection in “{title}”: {step}.\n\n");
        }
        out += &format!("    {}\n\n", item.step.prompt_for(&item.role));
        match link(item.course_url.as_deref()) {
            Some(url) => out += &format!("Reflect now: {url}\n"),
            None => out += "Open the course where you made your commitments to reflect.\n",
        }
        out += "It takes a few minutes; you can also skip it or choose a later day there.\n\n";
    }
    let titles: Vec<String> = {
        let mut t: Vec<String> = items
            .iter()
            .map(|i| format!("“{}”", i.program.title))
            .collect();
        t.dedup();
        t
    };
    out += "--\n";
    out += &format!(
        "You are getting this email because you made commitments in {}, which reminds you of each reflection on its schedule",
        titles.join(" and ")
    );
    match max_per_step {
        Some(n) => out += &format!(" (at most {n} emails per reflection).\n"),
        None => out += ".\n",
    }
    out += &format!("Stop these emails: {unsubscribe}\n");
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
            },
            Item {
                program: &p,
                step: &p.schedule[1],
                role: "leader".into(),
                reminder: false,
                overdue_days: 0,
                course_url: None,
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
