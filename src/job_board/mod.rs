//! The job board: members share jobs (community-wide, or inside a group for its members
//! only), filter and save them, and ask a poster who offers referrals for one — which
//! opens a direct conversation with the job linked. Jobs close by themselves when they
//! expire, and the poster is told a few days before.

mod expiry;
mod model;
mod schema;
mod service;
mod store;

pub use expiry::Expiry;
pub use model::{Employment, Flexibility, Workplace};
pub use schema::{JobBoardMutation, JobBoardQuery};
pub use service::{JobDraft, ask_for_referral, post};
