//! Programs: a series of sessions for a cohort — a return-to-work circle, a leadership
//! course — that members enrol in, with places and a waitlist in arrival order. Each
//! has a private cohort group its sessions happen in; a place puts her in it and at its
//! sessions. Members on leave are offered the next program for coming back before
//! their return date, and asked on the date whether they are back.

mod jobs;
mod model;
mod schema;
mod service;
mod store;

pub use jobs::ProgramJobs;
pub use model::EnrollmentStatus;
pub use schema::{ProgramMutation, ProgramQuery};
pub use service::{ProgramDraft, create, enroll, release_everywhere};
pub use store::cohort_of;
