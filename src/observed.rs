//! How others see a person: observer ratings folded into figures that are safe to show.
//!
//! Nobody may learn one rater's answer. So a figure is shown only over at least
//! `min_raters` different people, and it is built to resist differencing (reading one
//! rating off the change between two figures):
//! - ratings are grouped by round, the schedule step at which they were asked;
//! - in a round, each rater counts once, with their first rating (a changed answer cannot
//!   be read off a changed figure);
//! - a round's figure counts raters in whole blocks of `min_raters`, in the order they
//!   answered: with 3 as the minimum, raters 1-3 make the figure, and it stays the same
//!   until raters 4, 5 and 6 have all answered. One new rating never moves it.
//!
//! The same threshold guards the leader's view of the team's adoption.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::adoption::State;

/// One observer rating, as the service reads it from an `observed` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// Who rated (an agent key).
    pub rater: String,
    /// Who was rated (an agent key).
    pub about: String,
    /// The behaviour rated.
    pub behaviour: String,
    /// The schedule step the rating was asked at.
    pub round: u32,
    /// The level chosen, 0 = the scale's lowest.
    pub level: u8,
    /// When the LRS stored it (its order decides which ratings a block holds).
    pub order: i64,
}

/// What one round shows about one behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    /// The schedule step.
    pub day: u32,
    /// Raters counted in the figure (a multiple of `min_raters`), `0` when not shown.
    pub counted: usize,
    /// Raters still needed before the figure (or its next update) shows.
    pub needed: usize,
    /// Mean level of the counted raters, on the scale's 0-based levels; `None` until shown.
    pub mean: Option<f64>,
}

/// How a person is seen for one behaviour, round by round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// The behaviour.
    pub behaviour: String,
    /// Rounds with at least one rating, in schedule order.
    pub rounds: Vec<Round>,
}

/// How `about` is seen, per behaviour they were rated on, from `ratings` (any order, any
/// people: only those about `about` count, and never their own).
pub fn seen(ratings: &[Rating], about: &str, min_raters: u8) -> Vec<Seen> {
    let min = usize::from(min_raters.max(1));
    // behaviour -> round -> first rating per rater
    let mut by: BTreeMap<&str, BTreeMap<u32, Vec<&Rating>>> = BTreeMap::new();
    let mut mine: Vec<&Rating> = ratings
        .iter()
        .filter(|r| r.about == about && r.rater != about)
        .collect();
    mine.sort_by_key(|r| r.order);
    for r in mine {
        let round = by
            .entry(&r.behaviour)
            .or_default()
            .entry(r.round)
            .or_default();
        if !round.iter().any(|x| x.rater == r.rater) {
            round.push(r);
        }
    }
    by.into_iter()
        .map(|(behaviour, rounds)| Seen {
            behaviour: behaviour.to_string(),
            rounds: rounds
                .into_iter()
                .map(|(day, raters)| {
                    let counted = raters.len() / min * min;
                    let mean = (counted > 0).then(|| {
                        raters[..counted]
                            .iter()
                            .map(|r| f64::from(r.level))
                            .sum::<f64>()
                            / counted as f64
                    });
                    Round {
                        day,
                        counted,
                        needed: min - raters.len() % min,
                        mean,
                    }
                })
                .collect(),
        })
        .collect()
}

/// What the service answers a team member about their team (`GET /teams/{id}/insights`):
/// only aggregates, never one person's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamInsights {
    /// How the team sees the person asking, per behaviour they are observed on.
    pub seen: Vec<Seen>,
    /// For the leader: the members' adoption of each paired behaviour (empty for members).
    pub adoption: Vec<Adoption>,
}

/// The team's adoption of one behaviour: how many members are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    /// The behaviour.
    pub behaviour: String,
    /// Members committed to it.
    pub members: usize,
    /// Not started yet.
    pub not_started: usize,
    /// Trying.
    pub trying: usize,
    /// Adopted.
    pub adopted: usize,
    /// Lapsed.
    pub lapsed: usize,
}

/// Counts members' states per behaviour, `states` being (behaviour, state) per member
/// and commitment. A behaviour fewer than `min_members` committed to is left out: with
/// two, each could tell the other's state from the counts.
pub fn team_adoption(states: &[(String, State)], min_members: u8) -> Vec<Adoption> {
    let mut out: BTreeMap<&str, Adoption> = BTreeMap::new();
    for (behaviour, state) in states {
        let a = out.entry(behaviour).or_insert_with(|| Adoption {
            behaviour: behaviour.clone(),
            ..Adoption::default()
        });
        a.members += 1;
        match state {
            State::NotStarted => a.not_started += 1,
            State::Trying => a.trying += 1,
            State::Adopted => a.adopted += 1,
            State::Lapsed => a.lapsed += 1,
        }
    }
    out.into_values()
        .filter(|a| a.members >= usize::from(min_members))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(rater: &str, level: u8, order: i64) -> Rating {
        Rating {
            rater: rater.into(),
            about: "ana".into(),
            behaviour: "give-feedback".into(),
            round: 21,
            level,
            order,
        }
    }

    fn round(ratings: &[Rating]) -> Round {
        seen(ratings, "ana", 3)
            .into_iter()
            .next()
            .expect("a behaviour")
            .rounds
            .remove(0)
    }

    #[test]
    fn nothing_shows_below_the_minimum_and_then_a_mean_of_whole_blocks() {
        let two = [r("ben", 4, 1), r("chloe", 2, 2)];
        assert_eq!(
            round(&two),
            Round {
                day: 21,
                counted: 0,
                needed: 1,
                mean: None
            }
        );
        let three = [r("ben", 4, 1), r("chloe", 2, 2), r("dev", 3, 3)];
        assert_eq!(round(&three).mean, Some(3.0));
        assert_eq!(round(&three).needed, 3);
    }

    #[test]
    fn one_new_rating_never_moves_a_figure_so_it_cannot_be_read_off_the_difference() {
        let mut ratings = vec![r("ben", 4, 1), r("chloe", 2, 2), r("dev", 3, 3)];
        let before = round(&ratings);
        for (i, who) in ["eve", "finn"].iter().enumerate() {
            ratings.push(r(who, 0, 10 + i as i64));
            assert_eq!(round(&ratings).mean, before.mean, "after {who}");
        }
        // A rater changing their answer changes nothing either: their first answer counts.
        ratings.push(r("ben", 0, 20));
        assert_eq!(round(&ratings).mean, before.mean);
        // The third new rater completes a block: now the figure moves, over six people.
        ratings.push(r("gus", 0, 30));
        let after = round(&ratings);
        assert_eq!((after.counted, after.mean), (6, Some(1.5)));
    }

    #[test]
    fn self_ratings_other_people_and_rounds_stay_apart() {
        let mut ratings = vec![
            r("ben", 4, 1),
            r("chloe", 2, 2),
            r("dev", 3, 3),
            r("ana", 0, 4),
        ];
        ratings.push(Rating {
            about: "ben".into(),
            ..r("chloe", 0, 5)
        });
        ratings.push(Rating {
            round: 45,
            ..r("ben", 1, 6)
        });
        let s = seen(&ratings, "ana", 3);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rounds.len(), 2);
        assert_eq!(
            s[0].rounds[0].mean,
            Some(3.0),
            "Ana's own rating and Ben's about others are not counted"
        );
        assert_eq!(s[0].rounds[1].mean, None);
        assert!(seen(&ratings, "nobody", 3).is_empty());
    }

    #[test]
    fn team_adoption_needs_enough_members_per_behaviour() {
        let states = [
            ("receive".to_string(), State::Trying),
            ("receive".to_string(), State::Adopted),
            ("receive".to_string(), State::Adopted),
            ("prepare".to_string(), State::Trying),
            ("prepare".to_string(), State::NotStarted),
        ];
        let a = team_adoption(&states, 3);
        assert_eq!(a.len(), 1);
        assert_eq!(
            (
                a[0].behaviour.as_str(),
                a[0].members,
                a[0].adopted,
                a[0].trying
            ),
            ("receive", 3, 2, 1)
        );
    }
}
