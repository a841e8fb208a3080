//! The resource library: guides, articles, templates, videos and links that community
//! admins and group moderators publish for a career stage and children's ages; members
//! search it (full text on either database, ranked), get recommendations for where they
//! are, bookmark what helps, and suggest what is missing.

mod model;
mod schema;
mod search;
mod service;
mod store;

pub use model::{ChildAge, ResourceKind};
pub use schema::{ResourceMutation, ResourceQuery};
pub use service::{ResourceDraft, publish};
