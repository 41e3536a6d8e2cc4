//! How one role is connected to the others by a program's pairs and observations, in
//! plain words: what the designer's preview shows per role, and what a learner is told
//! to expect before teams exist.

use super::Program;

/// One connection of a role, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Connection {
    /// `pair`, `rates` (this role is asked about others) or `rated` (others are asked about it).
    pub kind: &'static str,
    /// The sentence.
    pub text: String,
}

fn days(days: &[u32]) -> String {
    let list: Vec<String> = days.iter().map(u32::to_string).collect();
    match list.as_slice() {
        [one] => format!("day {one}"),
        [init @ .., last] => format!("days {} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

fn label<'p>(p: &'p Program, role: &'p str) -> &'p str {
    p.role(role).map_or(role, |r| r.label.as_str())
}

fn title<'p>(p: &'p Program, behaviour: &'p str) -> &'p str {
    p.behaviour(behaviour)
        .map_or(behaviour, |b| b.title.as_str())
}

/// Every connection of `role`: its sides of each pair, who it rates, who rates it.
pub fn of_role(p: &Program, role: &str) -> Vec<Connection> {
    let mut out = Vec::new();
    for pair in &p.pairs {
        let practised_by = |b: &str| -> Vec<&str> {
            p.behaviour(b)
                .map(|x| x.roles.iter().map(String::as_str).collect())
                .unwrap_or_default()
        };
        let mine: Vec<String> = pair
            .behaviours
            .iter()
            .filter(|b| practised_by(b).contains(&role))
            .map(|b| format!("“{}”", title(p, b)))
            .collect();
        if mine.is_empty() {
            continue;
        }
        // The other sides: each behaviour of the pair as other roles practise it.
        let others: Vec<String> = pair
            .behaviours
            .iter()
            .filter_map(|b| {
                let roles: Vec<&str> = practised_by(b)
                    .into_iter()
                    .filter(|r| *r != role)
                    .map(|r| label(p, r))
                    .collect();
                (!roles.is_empty())
                    .then(|| format!("the {} side is “{}”", roles.join(" and "), title(p, b)))
            })
            .collect();
        let other_side = others.join("; ");
        out.push(Connection {
            kind: "pair",
            text: format!(
                "{}: your side is {}; {other_side}.",
                pair.title,
                mine.join(" and ")
            ),
        });
    }
    for o in &p.observations {
        if o.by.iter().any(|r| r == role) {
            out.push(Connection {
                kind: "rates",
                text: format!(
                    "On {} you are asked about each person in the role {} in your team: “{}”",
                    days(&o.days),
                    label(p, &o.about),
                    o.question_about(&format!("the {}", label(p, &o.about).to_lowercase()))
                ),
            });
        }
        if o.about == role {
            let raters: Vec<&str> = o.by.iter().map(|r| label(p, r)).collect();
            out.push(Connection {
                kind: "rated",
                text: format!(
                    "In your team, people in the role {} rate how often you show “{}” on {}. You see how they see you once {} different people have answered, never one person's answer.",
                    raters.join(" or "),
                    title(p, &o.behaviour),
                    days(&o.days),
                    o.min_raters
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::tests::{coaching, MINIMAL};
    use crate::program::{parse, Format};

    #[test]
    fn each_role_hears_its_side_who_it_rates_and_who_rates_it() {
        let p = coaching();
        let leader = of_role(&p, "leader");
        assert_eq!(leader.iter().filter(|c| c.kind == "pair").count(), 2);
        assert_eq!(leader[0].text, "The feedback conversation: your side is “Give specific, timely feedback”; the Team member side is “Receive feedback openly”.");
        assert!(leader.iter().any(|c| c.kind == "rated"
            && c.text.starts_with("In your team, people in the role Team member rate how often you show “Give specific, timely feedback” on days 21, 45 and 90. You see how they see you once 3 different people")), "{leader:#?}");
        assert!(
            leader.iter().any(|c| c.kind == "rates"
                && c.text
                    .contains("how often did the team member take feedback")),
            "{leader:#?}"
        );
        let member = of_role(&p, "team-member");
        assert!(member.iter().any(|c| c.kind == "rates" && c.text.starts_with("On days 21, 45 and 90 you are asked about each person in the role Leader in your team: “In the last two weeks, how often did the leader give you")), "{member:#?}");
        assert!(member.iter().any(|c| c.kind == "rated" && c.text.contains("people in the role Leader or Team member rate how often you show “Receive feedback openly” on days 45 and 90")), "{member:#?}");
        assert_eq!(
            of_role(&p, "stakeholder")
                .iter()
                .map(|c| c.kind)
                .collect::<Vec<_>>(),
            ["pair"]
        );
        assert!(of_role(&parse(MINIMAL, Format::Toml).expect("valid"), "leader").is_empty());
    }
}
