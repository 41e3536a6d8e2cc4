//! The learner's list of programs, kept in their xAPI agent profile, and the
//! document ids the widget and the service agree on. Shared by the widget
//! (which writes them) and the service (whose nudges and calendar feeds read
//! them), so both read one format.

use serde::{Deserialize, Serialize};

/// State id of the plan document; one per program and learner, across courses.
pub const PLAN_STATE: &str = "https://throughline.app/xapi/state/plan";
/// Agent profile listing the learner's programs.
pub const PROGRAMS_PROFILE: &str = "https://throughline.app/xapi/profile/programs";

/// One of the learner's programs, as listed in their agent profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// Program id (IRI).
    pub id: String,
    /// Program title.
    pub title: String,
    /// Where the program file is, so another course page can load it.
    #[serde(default)]
    pub program_url: Option<String>,
    /// A course page that embeds it, to link the learner back.
    #[serde(default)]
    pub course_url: Option<String>,
    /// The learner's IANA time zone as their browser last reported it, so reminders
    /// respect their day and quiet hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The language the learner's widget speaks (`de`, `ja`, ...), so reminders come in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The agent profile document: every program the learner has opened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programs {
    /// In the order first opened.
    #[serde(default)]
    pub programs: Vec<Enrolment>,
}

impl Programs {
    /// Reads the document leniently: a document another tool wrote badly reads as empty
    /// rather than failing the learner's page.
    pub fn read(body: &[u8]) -> Programs {
        serde_json::from_slice(body).unwrap_or_default()
    }

    /// Adds or refreshes `enrolment`; what it does not know (a URL, the time zone) is kept
    /// from before (the language too). Whether anything changed.
    pub fn upsert(&mut self, enrolment: Enrolment) -> bool {
        let before = self.clone();
        match self.programs.iter_mut().find(|p| p.id == enrolment.id) {
            Some(p) => {
                p.title = enrolment.title;
                p.program_url = enrolment.program_url.or(p.program_url.take());
                p.course_url = enrolment.course_url.or(p.course_url.take());
                p.time_zone = enrolment.time_zone.or(p.time_zone.take());
                p.language = enrolment.language.or(p.language.take());
            }
            None => self.programs.push(enrolment),
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, course: Option<&str>, tz: Option<&str>) -> Enrolment {
        Enrolment {
            id: id.into(),
            title: "T".into(),
            program_url: None,
            course_url: course.map(Into::into),
            time_zone: tz.map(Into::into),
            language: None,
        }
    }

    #[test]
    fn upsert_keeps_what_a_visit_does_not_know() {
        let mut list = Programs::default();
        assert!(list.upsert(e("p", Some("https://lms/c"), Some("Europe/Berlin"))));
        assert!(!list.upsert(e("p", None, None)));
        assert_eq!(
            list.programs[0].course_url.as_deref(),
            Some("https://lms/c")
        );
        assert_eq!(list.programs[0].time_zone.as_deref(), Some("Europe/Berlin"));
        assert!(list.upsert(e("p", None, Some("Asia/Tokyo"))));
        assert_eq!(list.programs[0].time_zone.as_deref(), Some("Asia/Tokyo"));
        assert!(list.upsert(e("q", None, None)));
        assert_eq!(list.programs.len(), 2);
    }

    #[test]
    fn a_bad_document_reads_as_empty_and_old_ones_without_a_zone_read() {
        assert_eq!(Programs::read(b"not json"), Programs::default());
        let old = br#"{"programs":[{"id":"p","title":"T","course_url":"https://lms/c"}]}"#;
        assert_eq!(Programs::read(old).programs[0].time_zone, None);
        assert_eq!(Programs::read(old).programs[0].language, None);
    }
}
