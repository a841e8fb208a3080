//! Feedback surveys: community admins and group moderators ask a group's members, an
//! event's attendees once it is over, or a program's cohort. Members answer once and
//! may change their answers until it closes. In an anonymous survey nothing links an
//! answer to a member, not even in the database; results are counted, averaged and
//! broken down only into groups of at least five, and exported as CSV.

mod jobs;
mod model;
mod results;
mod schema;
mod service;
mod store;

pub use jobs::SurveyJobs;
pub use model::QuestionKind;
pub use schema::{SurveyMutation, SurveyQuery};
pub use service::{Audience, Given, QuestionDraft, SurveyDraft, answer, create};
pub use store::questions;
