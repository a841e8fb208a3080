//! Closing an account: `deleteAccount` takes a member out of Village for good — what is
//! hers alone goes, what she wrote into others' conversations stays as a placeholder so
//! they keep their shape, her seats go to the waitlist, and her address may sign up
//! again. It touches every feature's rows, so it lives apart from each of them.

mod deletion;
mod schema;
mod store;

pub use deletion::Accounts;
pub use schema::AccountsMutation;
