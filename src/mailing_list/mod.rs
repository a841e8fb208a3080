//! The community's mailing list: anyone may subscribe (double opt-in: nothing is sent
//! but the confirmation until its link is followed; unconfirmed entries go after a
//! week), members from their account; community admins send newsletters to a chosen
//! audience, through the queue at a steady pace, each subscriber once, each email with
//! a one-click unsubscribe.

mod jobs;
mod model;
mod schema;
mod service;
mod store;

pub use jobs::NewsletterJobs;
pub use schema::{MailingListMutation, MailingListQuery};
pub use service::{MailingList, UNSUBSCRIBE_SCOPE, forget_address, unsubscribe};
