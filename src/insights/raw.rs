//! Statements as the dashboard reads them: typed, borrowed from the page's text
//! where they can be, and lenient. A field of an unexpected type reads as missing
//! instead of failing the page, so each statement is judged exactly as
//! [`super::Insights::add`] judges it, without building a `serde_json::Value`
//! tree for every page first (that tree cost more than the aggregation itself).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Skips whatever a visitor was handed, so a lenient field can read "missing" and move on.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Lenient visits: each listed kind of value reads as "nothing" (`$nothing`), skipping what it holds.
macro_rules! nothing_for {
    ($nothing:expr; $($visit:ident $(($t:ty))?),* $(,)?) => {
        $(nothing_for!(@one $nothing; $visit $(($t))?);)*
    };
    (@one $nothing:expr; visit_seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            drain_seq(seq).map(|()| $nothing)
        }
    };
    (@one $nothing:expr; visit_map) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drain_map(map).map(|()| $nothing)
        }
    };
    (@one $nothing:expr; $visit:ident ($t:ty)) => {
        fn $visit<E>(self, _: $t) -> Result<Self::Value, E> {
            Ok($nothing)
        }
    };
    (@one $nothing:expr; $visit:ident) => {
        fn $visit<E>(self) -> Result<Self::Value, E> {
            Ok($nothing)
        }
    };
}

/// The scalar visits every container reads as "nothing".
macro_rules! scalars_are_nothing {
    ($nothing:expr) => {
        nothing_for!($nothing; visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_str(&str), visit_unit, visit_none);
    };
}

/// A string field; `None` when missing or not a string.
#[derive(Debug, Default)]
pub(super) struct Str<'a>(pub Option<Cow<'a, str>>);

impl Str<'_> {
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Owned(v))))
            }
            nothing_for!(Str(None); visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_unit, visit_none, visit_seq, visit_map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A reflection step number: a whole number, or a string holding one (as some LRSs rewrite it).
#[derive(Debug, Default)]
pub(super) struct StepNumber(pub Option<u32>);

impl<'de> Deserialize<'de> for StepNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StepNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<StepNumber, E> {
                Ok(StepNumber(u32::try_from(v).ok()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<StepNumber, E> {
                Ok(StepNumber(u32::try_from(v).ok()))
            }
            fn visit_str<E>(self, v: &str) -> Result<StepNumber, E> {
                Ok(StepNumber(
                    v.trim()
                        .parse::<u64>()
                        .ok()
                        .and_then(|d| u32::try_from(d).ok()),
                ))
            }
            nothing_for!(StepNumber(None); visit_bool(bool), visit_f64(f64), visit_unit, visit_none, visit_seq, visit_map);
        }
        d.deserialize_any(V)
    }
}

/// A small whole number (a scale level): an integer, a float with no fraction (`3.0`, as
/// scores are written), or a string holding one.
#[derive(Debug, Default)]
pub(super) struct Level(pub Option<u8>);

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Signed::deserialize(d).map(|n| Level(n.0.and_then(|n| u8::try_from(n).ok())))
    }
}

/// A whole number that may be negative (days moved): an integer, an integral float, or a
/// string holding one.
#[derive(Debug, Default)]
pub(super) struct Signed(pub Option<i32>);

impl<'de> Deserialize<'de> for Signed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Signed;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Signed, E> {
                Ok(Signed(i32::try_from(v).ok()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Signed, E> {
                Ok(Signed(i32::try_from(v).ok()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Signed, E> {
                let whole = v.is_finite() && v.fract() == 0.0 && v.abs() < 1e9;
                Ok(Signed(whole.then_some(v as i32)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Signed, E> {
                Ok(Signed(v.trim().parse::<i32>().ok()))
            }
            nothing_for!(Signed(None); visit_bool(bool), visit_unit, visit_none, visit_seq, visit_map);
        }
        d.deserialize_any(V)
    }
}

/// A yes/no field: a boolean, or a string `"true"`/`"false"` (as some LRSs rewrite it).
#[derive(Debug, Default)]
pub(super) struct Flag(pub Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag(match v.trim() {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                }))
            }
            nothing_for!(Flag(None); visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_unit, visit_none, visit_seq, visit_map);
        }
        d.deserialize_any(V)
    }
}

/// An object field; `None` when missing or not an object.
#[derive(Debug)]
pub(super) struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
            }
            scalars_are_nothing!(Obj(None));
            nothing_for!(Obj(None); visit_seq);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Context activities: a list, or the single object older LRSs stored; only the ids matter.
#[derive(Debug, Default)]
pub(super) struct Activities<'a>(pub Vec<Str<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Activities<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Activities<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Activities<'a>, A::Error> {
                // Keep a place for every entry: "the first activity" means the first, even when odd.
                let mut ids = Vec::new();
                while let Some(Obj(a)) = seq.next_element::<Obj<Id<'a>>>()? {
                    ids.push(a.map_or(Str(None), |a| a.id));
                }
                Ok(Activities(ids))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Activities<'a>, A::Error> {
                Id::deserialize(MapAccessDeserializer::new(map)).map(|a| Activities(vec![a.id]))
            }
            scalars_are_nothing!(Activities(Vec::new()));
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `{ "id": ... }`: verbs, activities.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Id<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
}

/// The statement's object: an activity, or a StatementRef when voiding.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Object<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
    #[serde(borrow, rename = "objectType")]
    pub object_type: Str<'a>,
}

/// An agent's inverse functional identifiers and name.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Actor<'a> {
    #[serde(borrow)]
    pub name: Str<'a>,
    #[serde(borrow)]
    pub mbox: Str<'a>,
    #[serde(borrow)]
    pub mbox_sha1sum: Str<'a>,
    #[serde(borrow)]
    pub openid: Str<'a>,
    #[serde(borrow)]
    pub account: Obj<Account<'a>>,
}

/// `actor.account`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Account<'a> {
    #[serde(borrow, rename = "homePage")]
    pub home_page: Str<'a>,
    #[serde(borrow)]
    pub name: Str<'a>,
}

/// `context`: where the statement came from.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Context<'a> {
    #[serde(borrow, rename = "contextActivities")]
    pub activities: Obj<ContextActivities<'a>>,
    #[serde(borrow)]
    pub extensions: Obj<Extensions<'a>>,
}

/// `context.contextActivities`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct ContextActivities<'a> {
    #[serde(borrow)]
    pub parent: Activities<'a>,
    #[serde(borrow)]
    pub grouping: Activities<'a>,
}

/// The catalogue's context extensions (`xapi::catalogue`); the names must match `super::ROLE` and `super::STEP`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Extensions<'a> {
    #[serde(borrow, rename = "https://throughline.app/xapi/extensions/role")]
    pub role: Str<'a>,
    #[serde(rename = "https://throughline.app/xapi/extensions/step")]
    pub step: StepNumber,
    /// On `joined`: the person leads the team they join (start).
    #[serde(rename = "https://throughline.app/xapi/extensions/leads")]
    pub leads: Flag,
    /// On `observed`: the person rated.
    #[serde(borrow, rename = "https://throughline.app/xapi/extensions/observed")]
    pub observed: Obj<Actor<'a>>,
}

/// `result`: the learner's words (only for glossary counts), the rating, and the catalogue's
/// result extensions. The "why" a learner gives is never read.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Outcome<'a> {
    #[serde(borrow)]
    pub response: Str<'a>,
    pub score: Obj<Score>,
    #[serde(borrow)]
    pub extensions: Obj<ResultExtensions<'a>>,
}

/// `result.score`: the raw score is the scale level of a `rated` statement.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Score {
    pub raw: Level,
}

/// The catalogue's result extensions the dashboard reads (`xapi::catalogue`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct ResultExtensions<'a> {
    #[serde(rename = "https://throughline.app/xapi/extensions/baseline")]
    pub baseline: Level,
    #[serde(rename = "https://throughline.app/xapi/extensions/moved-by")]
    pub moved_by: Signed,
    #[serde(borrow, rename = "https://throughline.app/xapi/extensions/weekday")]
    pub weekday: Str<'a>,
    #[serde(borrow, rename = "https://throughline.app/xapi/extensions/from")]
    pub from: Str<'a>,
    #[serde(borrow, rename = "https://throughline.app/xapi/extensions/until")]
    pub until: Str<'a>,
}

/// One statement, every field optional.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Statement<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
    #[serde(borrow)]
    pub verb: Obj<Id<'a>>,
    #[serde(borrow)]
    pub object: Obj<Object<'a>>,
    #[serde(borrow)]
    pub actor: Obj<Actor<'a>>,
    #[serde(borrow)]
    pub context: Obj<Context<'a>>,
    #[serde(borrow)]
    pub result: Obj<Outcome<'a>>,
    #[serde(borrow)]
    pub timestamp: Str<'a>,
    #[serde(borrow)]
    pub stored: Str<'a>,
}

/// A statement list read element by element into the fold ([`super::Insights::add_page_text`]),
/// noting the count and the newest `stored`; `false` when the value is not a list.
pub(super) struct StatementsSeed<'i> {
    insights: &'i mut super::Insights,
    read: &'i mut super::PageRead,
}

impl<'i> StatementsSeed<'i> {
    pub fn new(insights: &'i mut super::Insights, read: &'i mut super::PageRead) -> Self {
        StatementsSeed { insights, read }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for StatementsSeed<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StatementsSeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of statements")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut newest: Option<Cow<'de, str>> = None;
        while let Some(Obj(statement)) = seq.next_element::<Obj<Statement<'de>>>()? {
            self.read.statements += 1;
            self.insights.add_raw(statement.as_ref());
            // Moved, not copied: only the newest is turned into a `String`, once.
            if let Some(stored) = statement.and_then(|s| s.stored.0) {
                if newest.as_deref().is_none_or(|n| n < &*stored) {
                    newest = Some(stored);
                }
            }
        }
        if let Some(n) = newest {
            if self
                .read
                .newest_stored
                .as_deref()
                .is_none_or(|old| old < &*n)
            {
                self.read.newest_stored = Some(n.into_owned());
            }
        }
        Ok(true)
    }
    scalars_are_nothing!(false);
    nothing_for!(false; visit_map);
}

/// A StatementResult read with its list streamed ([`StatementsSeed`]); a repeated
/// `statements` or `more` is refused, so the forgiving reading (the last one wins) decides.
pub(super) struct PageSeed<'i> {
    insights: &'i mut super::Insights,
    read: &'i mut super::PageRead,
}

impl<'i> PageSeed<'i> {
    pub fn new(insights: &'i mut super::Insights, read: &'i mut super::PageRead) -> Self {
        PageSeed { insights, read }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for PageSeed<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a statement result")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        use serde::de::Error;
        let (mut list, mut more) = (None, false);
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match key.get() {
                Some("statements") if list.is_none() => {
                    list = Some(map.next_value_seed(StatementsSeed {
                        insights: &mut *self.insights,
                        read: &mut *self.read,
                    })?);
                }
                Some("more") if !more => {
                    more = true;
                    let link: Str<'de> = map.next_value()?;
                    self.read.more = link.get().filter(|m| !m.is_empty()).map(str::to_string);
                }
                Some("statements" | "more") => return Err(A::Error::custom("a repeated key")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(list == Some(true))
    }
    scalars_are_nothing!(false);
    nothing_for!(false; visit_seq);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_entries_keep_their_place_and_odd_types_read_as_missing() {
        let acts: Activities =
            serde_json::from_str(r#"[3, {"id": "a"}, {"id": 4}]"#).expect("reads");
        let ids: Vec<Option<&str>> = acts.0.iter().map(Str::get).collect();
        assert_eq!(ids, [None, Some("a"), None]);
        let single: Activities = serde_json::from_str(r#"{"id": "p"}"#).expect("reads");
        assert_eq!(single.0.len(), 1);
        let st: Statement = serde_json::from_str(
            r#"{"id": ["x"], "verb": "v", "timestamp": 5, "stored": "s", "context": {"extensions": {"https://throughline.app/xapi/extensions/step": " 7 "}}}"#,
        )
        .expect("reads");
        assert!(st.id.get().is_none() && st.verb.0.is_none() && st.timestamp.get().is_none());
        assert_eq!(st.stored.get(), Some("s"));
        let step = st
            .context
            .0
            .and_then(|c| c.extensions.0)
            .and_then(|e| e.step.0);
        assert_eq!(step, Some(7));
    }
}
