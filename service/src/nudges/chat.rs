//! One nudge as a chat message, posted to the incoming webhook the host gave for a
//! learner: Slack's message JSON (Block Kit) or a Microsoft Teams Adaptive Card (the
//! message a Teams workflow's "when a webhook request is received" posts). Same content
//! as the email: what is due, the prompt, a link back to the course, why it came and
//! how to stop.

use serde_json::{json, Value};

use throughline::i18n::Messages;

use super::mail::{line_for, link, programs, subject, words, Item};

/// The webhook formats a host may give.
pub(crate) const FORMATS: [&str; 2] = ["slack", "teams"];

/// Whether `url` may receive nudges: https, or http to this machine (a local relay, tests).
/// Anything else is refused when the host sets it, so messages never travel in clear text
/// across a network.
pub(crate) fn webhook_ok(url: &str) -> bool {
    let Ok(uri) = url.parse::<axum::http::Uri>() else {
        return false;
    };
    let host = uri.host().unwrap_or_default();
    url.len() <= 2000
        && match uri.scheme_str() {
            Some("https") => !host.is_empty(),
            Some("http") => matches!(host, "127.0.0.1" | "localhost" | "[::1]"),
            _ => false,
        }
}

/// Slack's mrkdwn gives `&`, `<` and `>` meaning: program text shows as written.
fn slack_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// At most `max` characters (Slack refuses longer block texts).
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn footer(w: &Messages, items: &[Item<'_>], max_per_step: u32) -> String {
    w.with(
        "nudge-why-chat",
        &[
            ("programs", programs(w, items).into()),
            ("count", max_per_step.into()),
        ],
    )
}

/// The JSON body for `format` (one of `FORMATS`).
pub(crate) fn compose(
    format: &str,
    items: &[Item<'_>],
    unsubscribe: &str,
    max_per_step: u32,
) -> Result<Value, String> {
    if items.is_empty() {
        return Err("nothing to send".into());
    }
    match format {
        "slack" => Ok(slack(items, unsubscribe, max_per_step)),
        "teams" => Ok(teams(items, unsubscribe, max_per_step)),
        other => Err(format!("“{other}” is not a chat format (slack or teams)")),
    }
}

fn slack(items: &[Item<'_>], unsubscribe: &str, max_per_step: u32) -> Value {
    let w = words(items);
    let mut blocks = vec![json!({
        "type": "header",
        "text": { "type": "plain_text", "text": cut(&subject(items), 150) }
    })];
    for item in items {
        let text = format!(
            "{}\n>{}",
            slack_escape(&line_for(&w, item)),
            slack_escape(item.step.prompt_for(&item.role)).replace('\n', "\n>")
        );
        blocks.push(
            json!({ "type": "section", "text": { "type": "mrkdwn", "text": cut(&text, 3000) } }),
        );
        match link(item.course_url.as_deref()) {
            Some(url) => blocks.push(json!({
                "type": "actions",
                "elements": [{ "type": "button", "text": { "type": "plain_text", "text": w.get("nudge-reflect-button") }, "url": url }]
            })),
            None => blocks.push(json!({
                "type": "context",
                "elements": [{ "type": "mrkdwn", "text": slack_escape(&w.get("nudge-open-course")) }]
            })),
        }
    }
    blocks.push(json!({
        "type": "context",
        "elements": [{
            "type": "mrkdwn",
            "text": cut(&format!("{} <{}|{}>", slack_escape(&footer(&w, items, max_per_step)), unsubscribe, slack_escape(&w.get("nudge-stop-chat"))), 3000)
        }]
    }));
    // `text` is what notifications and screen readers announce.
    json!({ "text": subject(items), "blocks": blocks })
}

fn teams(items: &[Item<'_>], unsubscribe: &str, max_per_step: u32) -> Value {
    let w = words(items);
    let block = |text: String, extra: Value| {
        let mut b = json!({ "type": "TextBlock", "text": text, "wrap": true });
        if let (Some(b), Some(extra)) = (b.as_object_mut(), extra.as_object()) {
            b.extend(extra.clone());
        }
        b
    };
    let mut body = vec![block(
        subject(items),
        json!({ "size": "Medium", "weight": "Bolder" }),
    )];
    let mut actions = Vec::new();
    for item in items {
        body.push(block(line_for(&w, item), json!({})));
        body.push(block(
            item.step.prompt_for(&item.role).to_string(),
            json!({ "isSubtle": true }),
        ));
        match link(item.course_url.as_deref()) {
            Some(url) if !actions.iter().any(|a: &Value| a["url"] == url) => {
                let title = if items.len() == 1 {
                    w.get("nudge-reflect-button")
                } else {
                    w.with(
                        "nudge-reflect-step",
                        &[("step", item.step.title.as_str().into())],
                    )
                };
                actions.push(json!({ "type": "Action.OpenUrl", "title": title, "url": url }));
            }
            Some(_) => {}
            None => body.push(block(w.get("nudge-open-course"), json!({}))),
        }
    }
    body.push(block(
        footer(&w, items, max_per_step),
        json!({ "size": "Small", "isSubtle": true }),
    ));
    actions.push(
        json!({ "type": "Action.OpenUrl", "title": w.get("nudge-stop-chat"), "url": unsubscribe }),
    );
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": body,
                "actions": actions
            }
        }]
    })
}

/// Posts `body` to the webhook; any 2xx answer is delivery. Blocking.
pub(crate) fn send(agent: &ureq::Agent, url: &str, body: &Value) -> Result<(), String> {
    let mut answer = agent
        .post(url)
        .header("content-type", "application/json")
        .send(body.to_string())
        .map_err(|e| format!("the chat webhook could not be reached: {e}"))?;
    let status = answer.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let text = answer
        .body_mut()
        .with_config()
        .limit(2000)
        .read_to_string()
        .unwrap_or_default();
    Err(format!(
        "the chat webhook refused the message ({status}): {}",
        cut(text.trim(), 200)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use throughline::program::{parse, Format, Program};

    fn program() -> Program {
        parse(crate::server::EXAMPLE_PROGRAM, Format::Toml).expect("example program")
    }

    fn item<'a>(p: &'a Program, course_url: Option<&str>) -> Item<'a> {
        Item {
            program: p,
            step: &p.schedule[1],
            role: "leader".into(),
            reminder: false,
            overdue_days: 0,
            course_url: course_url.map(str::to_string),
            lang: "en",
        }
    }

    #[test]
    fn only_https_webhooks_or_this_machine_are_taken() {
        for ok in [
            "https://hooks.slack.com/services/T/B/x",
            "https://x.webhook.office.com/webhookb2/abc",
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
        ] {
            assert!(webhook_ok(ok), "{ok}");
        }
        for bad in [
            "http://hooks.example/x",
            "ftp://x.example/",
            "javascript:alert(1)",
            "https://",
            "not a url",
            "",
        ] {
            assert!(!webhook_ok(bad), "{bad}");
        }
    }

    #[test]
    fn slack_messages_carry_the_prompt_the_link_and_the_way_out_with_text_escaped() {
        let mut p = program();
        p.title = "Coaching <b>& more</b>".into();
        let m = compose(
            "slack",
            &[item(&p, Some("https://lms.example/c/7"))],
            "https://svc/u/t",
            2,
        )
        .expect("compose");
        assert_eq!(
            m["text"],
            "Time to reflect: First try".replace("First try", &p.schedule[1].title)
        );
        let all = m.to_string();
        assert!(
            all.contains("Coaching &lt;b&gt;&amp; more&lt;/b&gt;"),
            "{all}"
        );
        assert!(!all.contains("<b>"));
        assert_eq!(
            m["blocks"][2]["elements"][0]["url"],
            "https://lms.example/c/7"
        );
        let last = m["blocks"]
            .as_array()
            .and_then(|b| b.last())
            .expect("footer");
        let footer = last["elements"][0]["text"].as_str().expect("text");
        assert!(
            footer.ends_with("<https://svc/u/t|Stop these messages>"),
            "{footer}"
        );
        assert!(footer.contains("at most 2 messages per reflection"));
    }

    #[test]
    fn teams_cards_have_one_action_per_link_and_the_unsubscribe_action() {
        let p = program();
        let mut second = item(&p, Some("javascript:alert(1)"));
        second.step = &p.schedule[0];
        second.reminder = true;
        second.overdue_days = 4;
        let m = compose(
            "teams",
            &[item(&p, Some("https://lms.example/c/7")), second],
            "https://svc/u/t",
            2,
        )
        .expect("compose");
        let card = &m["attachments"][0]["content"];
        assert_eq!(card["type"], "AdaptiveCard");
        let actions = card["actions"].as_array().expect("actions");
        assert_eq!(actions.len(), 2);
        assert_eq!(actions[0]["url"], "https://lms.example/c/7");
        assert_eq!(actions[1]["url"], "https://svc/u/t");
        let text = card["body"].to_string();
        assert!(text.contains("has been waiting for 4 days"));
        assert!(!m.to_string().contains("javascript:"));
        assert!(compose("irc", &[item(&p, None)], "u", 2).is_err());
        assert!(compose("slack", &[], "u", 2).is_err());
    }
}
