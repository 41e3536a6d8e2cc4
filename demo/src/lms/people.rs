//! The demo's people and courses: fixed, because the demo has no sign-in
//! and no catalogue editor. The learner ids match the learner keys the LRS
//! creates (`ana`, `ben`, `chloe`, and Ana's team members `dara`, `eli`, `femi`).

/// A demo learner the people menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    /// Id in the LMS, the `?as=` value and the LRS credential name.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// How the home page describes them.
    pub label: &'static str,
    /// Their role id in the coaching program.
    pub program_role: &'static str,
    /// The LTI membership role an LMS would give them.
    pub lti_role: &'static str,
}

/// The learners, in menu order.
pub const PEOPLE: [Person; 6] = [
    Person {
        id: "ana",
        name: "Ana Ruiz",
        label: "leader",
        program_role: "leader",
        lti_role: "Instructor",
    },
    Person {
        id: "ben",
        name: "Ben Okafor",
        label: "team member",
        program_role: "team-member",
        lti_role: "Learner",
    },
    Person {
        id: "chloe",
        name: "Chloe Martin",
        label: "stakeholder",
        program_role: "stakeholder",
        lti_role: "Mentor",
    },
    // Three more of Ana's team, so her team reaches the three raters her view needs.
    Person {
        id: "dara",
        name: "Dara Singh",
        label: "team member",
        program_role: "team-member",
        lti_role: "Learner",
    },
    Person {
        id: "eli",
        name: "Eli Novak",
        label: "team member",
        program_role: "team-member",
        lti_role: "Learner",
    },
    Person {
        id: "femi",
        name: "Femi Adeyemi",
        label: "team member",
        program_role: "team-member",
        lti_role: "Learner",
    },
];

/// The `?as=` value of the operator, who gets the LRS admin key instead of a course.
pub const ADMIN: &str = "admin";

/// Who `?as=` says the visitor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visitor {
    /// No `?as=`.
    Nobody,
    /// One of [`PEOPLE`].
    Learner(Person),
    /// `?as=admin`.
    Admin,
}

impl Visitor {
    /// Reads `?as=`; `Err` carries the unknown value.
    pub fn from_param(value: Option<&str>) -> Result<Visitor, String> {
        match value.map(str::trim) {
            None | Some("") => Ok(Visitor::Nobody),
            Some(ADMIN) => Ok(Visitor::Admin),
            Some(id) => PEOPLE
                .iter()
                .find(|p| p.id == id)
                .map(|p| Visitor::Learner(*p))
                .ok_or_else(|| id.to_string()),
        }
    }
}

/// A course in the catalogue; every course ends with the same widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Course {
    /// URL slug.
    pub slug: &'static str,
    /// Title.
    pub title: &'static str,
    /// Breadcrumb line.
    pub crumbs: &'static str,
    /// One line for the catalogue.
    pub blurb: &'static str,
    /// Lesson summary paragraphs (trusted text, HTML-escaped when shown).
    pub lesson: &'static [&'static str],
}

/// The catalogue.
pub const COURSES: [Course; 2] = [
    Course {
        slug: "coaching-leaders",
        title: "Coaching for leaders",
        crumbs: "Leadership · Module 4 of 4",
        blurb: "Clear expectations, short coaching conversations and feedback that names a real moment.",
        lesson: &[
            "You have practised setting clear expectations, holding short coaching conversations and giving feedback that names a real moment. Skills like these only stick when they show up at work, week after week.",
            "Below is your follow-up plan. Choose your role, commit to one to three things you will do, and come back when a reflection is due. Leaders, team members and partners each get their own commitments for the same skill, and everyone uses the same words.",
        ],
    },
    Course {
        slug: "feedback-teams",
        title: "Feedback for teams",
        crumbs: "Teamwork · Module 3 of 3",
        blurb: "Asking for feedback, giving it to peers, and turning it into one next step.",
        lesson: &[
            "Feedback works best when the whole team uses it: asking for it, giving it to peers, and agreeing on one next step. This course gave you the words; practice at work makes them a habit.",
            "Below is the same follow-up plan your leaders use. Pick the commitments that fit your role and check in when a reflection is due.",
        ],
    },
];

/// The course with this slug.
pub fn course(slug: &str) -> Option<&'static Course> {
    COURSES.iter().find(|c| c.slug == slug)
}
