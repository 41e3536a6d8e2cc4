//! Request parameters: strict parsing (unknown or repeated parameters are a
//! 400, so a misspelt filter never silently returns everything), the
//! statement query filters, `more` links and the `ids` format.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::store::{self, StatementFilter};
use super::validate;
use super::ApiError;

/// Default and maximum page size for statement queries (`limit=0` or no
/// limit gives this many).
pub const MAX_PAGE: usize = 500;

/// The name of the paging parameter used in `more` links; it is private to
/// this LRS and only valid together with the original filters.
pub const CURSOR_PARAM: &str = "cursor";

/// Parsed query-string parameters of one request.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string, rejecting repeated parameters.
    pub fn parse(raw: Option<&str>) -> Result<Params, ApiError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if pairs.iter().any(|(seen, _)| *seen == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k} is given more than once"
                )));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A required parameter.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad_request(format!("parameter {name} is required")))
    }

    /// Rejects parameters this resource does not define.
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        match self
            .pairs
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_str()))
        {
            Some((k, _)) => Err(ApiError::bad_request(format!(
                "parameter {k} is not allowed here"
            ))),
            None => Ok(()),
        }
    }

    /// A `true`/`false` parameter, `false` when absent.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "parameter {name} must be true or false, not \"{other}\""
            ))),
        }
    }

    /// A timestamp parameter as unix nanoseconds.
    pub fn timestamp(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(s) => store::timestamp_ns(s).map(Some).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "parameter {name} must be an ISO 8601 timestamp with a time zone"
                ))
            }),
        }
    }

    /// A UUID parameter, lower-cased.
    pub fn uuid(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(s) if validate::is_uuid(s) => Ok(Some(s.to_ascii_lowercase())),
            Some(_) => Err(ApiError::bad_request(format!(
                "parameter {name} must be a UUID"
            ))),
        }
    }

    /// An absolute-IRI parameter.
    pub fn iri(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(s) if validate::is_absolute_iri(s) => Ok(Some(s.to_string())),
            Some(_) => Err(ApiError::bad_request(format!(
                "parameter {name} must be an absolute IRI"
            ))),
        }
    }

    /// A link to the same resource with the same parameters except
    /// `cursor`, which is set to `cursor`.
    pub fn more_link(&self, path: &str, cursor: i64) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.pairs.iter().filter(|(k, _)| k != CURSOR_PARAM) {
            ser.append_pair(k, v);
        }
        ser.append_pair(CURSOR_PARAM, &cursor.to_string());
        format!("{path}?{}", ser.finish())
    }
}

/// How statements are rendered in a GET answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As stored.
    Exact,
    /// Canonical activity definitions, one language per language map (see `canonical`).
    Canonical,
    /// Only what identifies agents, activities and verbs.
    Ids,
}

/// Parameters allowed on a statement GET.
pub const STATEMENT_GET_PARAMS: [&str; 15] = [
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    CURSOR_PARAM,
];

/// Parses `format`.
pub fn format(params: &Params) -> Result<Format, ApiError> {
    match params.get("format") {
        None | Some("exact") => Ok(Format::Exact),
        Some("canonical") => Ok(Format::Canonical),
        Some("ids") => Ok(Format::Ids),
        Some(other) => Err(ApiError::bad_request(format!(
            "parameter format must be ids, exact or canonical, not \"{other}\""
        ))),
    }
}

/// Turns statement query parameters into a store filter.
pub fn statement_filter(params: &Params) -> Result<StatementFilter, ApiError> {
    let agent = match params.get("agent") {
        Some(raw) => Some(validate::agent_param(raw, "parameter agent")?.1),
        None => None,
    };
    let limit = match params.get("limit") {
        None => MAX_PAGE,
        Some(s) => match s.parse::<usize>() {
            Ok(0) => MAX_PAGE,
            Ok(n) => n.min(MAX_PAGE),
            Err(_) => {
                return Err(ApiError::bad_request(
                    "parameter limit must be a non-negative integer",
                ))
            }
        },
    };
    let cursor =
        match params.get(CURSOR_PARAM) {
            None => None,
            Some(s) => Some(s.parse::<i64>().map_err(|_| {
                ApiError::bad_request("parameter cursor is not one this LRS issued")
            })?),
        };
    Ok(StatementFilter {
        agent,
        related_agents: params.flag("related_agents")?,
        verb: params.iri("verb")?,
        activity: params.iri("activity")?,
        related_activities: params.flag("related_activities")?,
        registration: params.uuid("registration")?,
        since_ns: params.timestamp("since")?,
        until_ns: params.timestamp("until")?,
        ascending: params.flag("ascending")?,
        limit,
        cursor,
        actor_restrict: None,
    })
}

/// A stored statement's text in the `ids` format, the same as reducing its tree gives.
///
/// The text is read once, written as it goes: only agents become values (to be cut to
/// their identifier); an activity's id and every member the format keeps (results,
/// extensions, ids, times) are copied as they were stored. A page of 500 is read for
/// every dashboard request, and building a tree of each statement was most of its cost.
pub fn ids_text(body: &str) -> serde_json::Result<String> {
    let mut out = String::with_capacity(body.len());
    let mut de = serde_json::Deserializer::from_str(body);
    serde::de::DeserializeSeed::deserialize(Ids::new(Part::Statement, &mut out), &mut de)?;
    de.end()?;
    Ok(out)
}

/// Which part of a statement a value is, which decides what `ids` keeps of it.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Statement,
    /// The verb, an Activity: its `id` member alone.
    Activity,
    Context,
    ContextActivities,
    /// An Activity, or a list of them (`contextActivities` members).
    Activities,
}

/// Writes one value of `part` in the `ids` format into `out`, as it is read.
struct Ids<'o> {
    part: Part,
    out: &'o mut String,
}

impl<'o> Ids<'o> {
    fn new(part: Part, out: &'o mut String) -> Ids<'o> {
        Ids { part, out }
    }

    /// A value kept whole (a scalar or list where an object was expected), as it was.
    fn whole(&mut self, v: impl serde::Serialize) {
        // Writing a value into a `String` cannot fail: it holds nothing that refuses.
        if let Ok(text) = serde_json::to_string(&v) {
            self.out.push_str(&text);
        }
    }

    fn key(&mut self, key: &Key<'_>) -> serde_json::Result<()> {
        match &key.0 {
            // Borrowed means the text held no escape, so it is a JSON string as it stands.
            std::borrow::Cow::Borrowed(k) => {
                self.out.push('"');
                self.out.push_str(k);
                self.out.push('"');
            }
            std::borrow::Cow::Owned(k) => self.out.push_str(&serde_json::to_string(k)?),
        }
        self.out.push(':');
        Ok(())
    }
}

/// A member name, borrowed from the text unless it held escapes.
struct Key<'a>(std::borrow::Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(v.into()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(v.to_owned().into()))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Ids<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Ids<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let fail = |e: serde_json::Error| A::Error::custom(e);
        self.out.push('{');
        let mut first = true;
        /// What becomes of one member's value.
        enum What {
            /// An agent: cut to its identifier (small, so read as a value).
            Agent,
            /// The statement's object, whose kind decides (see [`Members`]).
            Object,
            /// Kept as stored.
            Kept,
            /// Left out.
            Dropped,
            /// Read as this part, member by member.
            Part(Part),
        }
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let what = match (self.part, &*key.0) {
                (Part::Statement, "actor" | "authority")
                | (Part::Context, "instructor" | "team") => What::Agent,
                (Part::Statement, "object") => What::Object,
                (Part::Statement, "verb") => What::Part(Part::Activity),
                (Part::Statement, "context") => What::Part(Part::Context),
                (Part::Context, "contextActivities") => What::Part(Part::ContextActivities),
                (Part::ContextActivities, _) => What::Part(Part::Activities),
                (Part::Activity | Part::Activities, "id") => What::Kept,
                (Part::Activity | Part::Activities, _) => What::Dropped,
                _ => What::Kept,
            };
            if let What::Dropped = what {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            if !first {
                self.out.push(',');
            }
            first = false;
            self.key(&key).map_err(fail)?;
            match what {
                What::Agent => {
                    let mut agent: Value = map.next_value()?;
                    ids_agent(&mut agent);
                    self.whole(agent);
                }
                What::Object => {
                    let object: Members<'de> = map.next_value()?;
                    object.write(self.out).map_err(fail)?;
                }
                What::Kept | What::Dropped => {
                    let raw: &'de RawValue = map.next_value()?;
                    self.out.push_str(raw.get());
                }
                What::Part(part) => map.next_value_seed(Ids::new(part, self.out))?,
            }
        }
        self.out.push('}');
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if self.part != Part::Activities {
            let list = Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
            self.whole(list);
            return Ok(());
        }
        self.out.push('[');
        let mut first = true;
        loop {
            let mark = self.out.len();
            if !first {
                self.out.push(',');
            }
            if seq
                .next_element_seed(Ids::new(Part::Activity, self.out))?
                .is_none()
            {
                self.out.truncate(mark);
                break;
            }
            first = false;
        }
        self.out.push(']');
        Ok(())
    }

    fn visit_bool<E>(mut self, v: bool) -> Result<(), E> {
        self.whole(v);
        Ok(())
    }
    fn visit_i64<E>(mut self, v: i64) -> Result<(), E> {
        self.whole(v);
        Ok(())
    }
    fn visit_u64<E>(mut self, v: u64) -> Result<(), E> {
        self.whole(v);
        Ok(())
    }
    fn visit_f64<E>(mut self, v: f64) -> Result<(), E> {
        self.whole(Value::from(v));
        Ok(())
    }
    fn visit_str<E>(mut self, v: &str) -> Result<(), E> {
        self.whole(v);
        Ok(())
    }
    fn visit_unit<E>(mut self) -> Result<(), E> {
        self.whole(());
        Ok(())
    }
}

/// The statement's object with its members as written: which kind it is (`objectType`,
/// which sorts after `definition` and `id`) decides what is kept, so it is read first.
/// Anything but an object is kept whole.
struct Members<'a>(Result<Vec<(Key<'a>, &'a RawValue)>, Value>);

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<Key<'de>, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(Ok(members)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Members<'de>, A::Error> {
                let list = Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Members(Err(list)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Members<'de>, E> {
                Ok(Members(Err(v.into())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Members<'de>, E> {
                Ok(Members(Err(v.into())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Members<'de>, E> {
                Ok(Members(Err(v.into())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Members<'de>, E> {
                Ok(Members(Err(v.into())))
            }
            fn visit_str<E>(self, v: &str) -> Result<Members<'de>, E> {
                Ok(Members(Err(v.into())))
            }
            fn visit_unit<E>(self) -> Result<Members<'de>, E> {
                Ok(Members(Err(Value::Null)))
            }
        }
        d.deserialize_any(V)
    }
}

impl Members<'_> {
    fn write(&self, out: &mut String) -> serde_json::Result<()> {
        let members = match &self.0 {
            Ok(members) => members,
            Err(other) => {
                out.push_str(&other.to_string());
                return Ok(());
            }
        };
        let kind = members
            .iter()
            .find(|(k, _)| k.0 == "objectType")
            .and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok());
        let text = || {
            let mut whole = String::new();
            whole.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    whole.push(',');
                }
                Ids::new(Part::Statement, &mut whole).key(k)?;
                whole.push_str(v.get());
            }
            whole.push('}');
            Ok::<_, serde_json::Error>(whole)
        };
        match kind.as_deref() {
            None | Some("Activity") => {
                out.push('{');
                if let Some((k, id)) = members.iter().find(|(k, _)| k.0 == "id") {
                    Ids::new(Part::Statement, out).key(k)?;
                    out.push_str(id.get());
                }
                out.push('}');
            }
            Some("Agent") | Some("Group") => {
                let mut agent: Value = serde_json::from_str(&text()?)?;
                ids_agent(&mut agent);
                out.push_str(&agent.to_string());
            }
            Some("SubStatement") => out.push_str(&ids_text(&text()?)?),
            _ => out.push_str(&text()?),
        }
        Ok(())
    }
}

/// An Agent or Group as `format=ids` gives it: its identifier, or an anonymous group's members.
fn ids_agent(a: &mut Value) {
    let Some(obj) = a.as_object_mut() else { return };
    let identified = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .any(|k| obj.contains_key(*k));
    obj.retain(|k, _| {
        matches!(
            k.as_str(),
            "objectType" | "mbox" | "mbox_sha1sum" | "openid" | "account"
        ) || (k == "member" && !identified)
    });
    if let Some(Value::Array(members)) = obj.get_mut("member") {
        members.iter_mut().for_each(ids_agent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map};

    /// The `ids` format as a tree walk over the whole statement: what [`ids_text`] must equal.
    fn to_ids(mut statement: Value) -> Value {
        if let Some(obj) = statement.as_object_mut() {
            ids_in_statement(obj);
        }
        statement
    }

    fn ids_in_statement(obj: &mut Map<String, Value>) {
        for key in ["actor", "authority"] {
            if let Some(a) = obj.get_mut(key) {
                ids_agent(a);
            }
        }
        if let Some(verb) = obj.get_mut("verb").and_then(Value::as_object_mut) {
            verb.retain(|k, _| k == "id");
        }
        if let Some(object) = obj.get_mut("object") {
            match object.get("objectType").and_then(Value::as_str) {
                None | Some("Activity") => ids_activity(object),
                Some("Agent") | Some("Group") => ids_agent(object),
                Some("SubStatement") => {
                    if let Some(sub) = object.as_object_mut() {
                        ids_in_statement(sub);
                    }
                }
                _ => {}
            }
        }
        if let Some(ctx) = obj.get_mut("context").and_then(Value::as_object_mut) {
            for key in ["instructor", "team"] {
                if let Some(a) = ctx.get_mut(key) {
                    ids_agent(a);
                }
            }
            if let Some(ca) = ctx
                .get_mut("contextActivities")
                .and_then(Value::as_object_mut)
            {
                for v in ca.values_mut() {
                    match v {
                        Value::Array(items) => items.iter_mut().for_each(ids_activity),
                        other => ids_activity(other),
                    }
                }
            }
        }
    }

    /// An Activity as `format=ids` gives it: its id alone (objectType "Activity" is the default).
    fn ids_activity(a: &mut Value) {
        if let Some(obj) = a.as_object_mut() {
            obj.retain(|k, _| k == "id");
        }
    }

    #[test]
    fn params_reject_repeats_and_unknowns() {
        assert!(Params::parse(Some("verb=a&verb=b")).is_err());
        let p = Params::parse(Some("verb=http%3A%2F%2Fx&colour=red")).expect("parse");
        assert_eq!(p.get("verb"), Some("http://x"));
        assert!(p.only(&["verb"]).unwrap_err().message.contains("colour"));
    }

    #[test]
    fn more_link_replaces_cursor() {
        let p = Params::parse(Some("verb=http%3A%2F%2Fx&cursor=9")).expect("parse");
        assert_eq!(
            p.more_link("/xapi/statements", 5),
            "/xapi/statements?verb=http%3A%2F%2Fx&cursor=5"
        );
    }

    #[test]
    fn filter_parsing() {
        let p = Params::parse(Some("limit=abc")).expect("parse");
        assert!(statement_filter(&p).unwrap_err().message.contains("limit"));
        let p = Params::parse(Some("since=yesterday")).expect("parse");
        assert!(statement_filter(&p).unwrap_err().message.contains("since"));
        let p = Params::parse(Some("limit=0&ascending=true")).expect("parse");
        let f = statement_filter(&p).expect("filter");
        assert_eq!(f.limit, MAX_PAGE);
        assert!(f.ascending);
        let p = Params::parse(Some("format=full")).expect("parse");
        assert!(format(&p).is_err());
    }

    #[test]
    fn ids_text_is_what_the_value_reduction_gives_for_every_statement_stored() {
        use throughline::cohort::{generate, CohortConfig};
        let program = throughline::program::parse(
            crate::server::EXAMPLE_PROGRAM,
            throughline::program::Format::Toml,
        )
        .expect("the example program");
        let cohort = generate(
            &program,
            &CohortConfig {
                learners: 60,
                seed: 7,
                start: time::macros::date!(2027 - 01 - 04),
                cohorts: 2,
                home_page: "https://lms.example.org".into(),
                course_ids: vec!["https://lms.example.org/course/1".into()],
                as_of: time::macros::date!(2027 - 05 - 10),
            },
        );
        let odd = [
            json!({"id": "x", "object": {"objectType": "SubStatement", "actor": {"objectType": "Group",
                "name": "G", "member": [{"mbox": "mailto:m@x.org", "name": "M"}]},
                "verb": {"id": "http://v", "display": {"en": "v"}},
                "object": {"objectType": "Activity", "id": "http://s", "definition": {"type": "http://t"}}}}),
            json!({"verb": "not an object", "object": ["a", {"id": "b"}], "context": 3}),
            json!({"object": {"objectType": "StatementRef", "id": "e0c1d1c8-4a4f-4d4b-9d4a-3b8b8b8b8b8b"},
                "authority": {"objectType": "Group", "member": [{"account": {"homePage": "h", "name": "n"}, "name": "A"}]}}),
            json!({"object": {"objectType": "Agent", "mbox": "mailto:o@x.org", "name": "O"}, "context": {
                "contextActivities": {"parent": {"id": "http://p", "definition": {}}, "other": [{"id": "q", "x": 1}, 5],
                "grouping": "odd"}, "team": {"objectType": "Group", "name": "T", "account": {"homePage": "h", "name": "t"}},
                "k\"ey": {"id": "kept"}, "extensions": {"http://e/\"quoted\"": {"definition": {"keep": true}}}}}),
            json!({"object": {"objectType": 7, "id": "http://o", "definition": {}}, "result": {"response": "a\u{1}\n\"b\""}}),
            json!([1, 2]),
        ];
        let bodies = cohort
            .statements
            .iter()
            .map(|s| serde_json::to_value(s).expect("a statement"))
            .chain(odd)
            .map(|v| v.to_string());
        let mut n = 0;
        for body in bodies {
            let old = to_ids(serde_json::from_str(&body).expect("JSON")).to_string();
            assert_eq!(ids_text(&body).expect("reads"), old, "{body}");
            n += 1;
        }
        assert!(n > 500, "{n} statements");
        assert!(ids_text("{\"a\": ").is_err());
    }

    #[test]
    fn ids_format_strips_descriptions() {
        let st = json!({
            "actor": {"objectType": "Agent", "name": "Ana", "mbox": "mailto:a@x.org"},
            "verb": {"id": "http://v", "display": {"en": "did"}},
            "object": {"id": "http://o", "definition": {"name": {"en": "O"}}},
            "context": {"contextActivities": {"parent": [{"id": "http://p", "definition": {}}]}}
        });
        let ids = to_ids(st.clone());
        assert_eq!(
            ids["actor"],
            json!({"objectType": "Agent", "mbox": "mailto:a@x.org"})
        );
        assert_eq!(ids["verb"], json!({"id": "http://v"}));
        assert_eq!(ids["object"], json!({"id": "http://o"}));
        assert_eq!(
            ids["context"]["contextActivities"]["parent"][0],
            json!({"id": "http://p"})
        );
        // XAPI-00171: an Activity inside a SubStatement is its id alone, objectType too dropped.
        let sub = json!({"object": {"objectType": "SubStatement", "actor": {"mbox": "mailto:b@x.org"},
            "verb": {"id": "http://v"}, "object": {"objectType": "Activity", "id": "http://s", "definition": {"type": "http://t"}}}});
        assert_eq!(
            to_ids(sub.clone())["object"]["object"],
            json!({"id": "http://s"})
        );
    }
}
