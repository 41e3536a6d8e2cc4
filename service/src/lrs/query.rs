//! Request parameters: strict parsing (unknown or repeated parameters are a
//! 400, so a misspelt filter never silently returns everything), the
//! statement query filters, `more` links and the `ids` format.

use serde_json::{Map, Value};

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

/// Reduces a statement to the `ids` format, in place (a page of them is read once).
pub fn to_ids(mut statement: Value) -> Value {
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
    use serde_json::json;

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
