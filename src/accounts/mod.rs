//! The flows that touch everything a member has: `requestDataExport` hands her all that
//! Village holds about her, and `deleteAccount` takes her out of Village for good —
//! what is hers alone goes, what she wrote into others' conversations stays as a
//! placeholder so they keep their shape, her seats go to the waitlist, and her address
//! may sign up again. They touch every feature's rows, so they live apart from each.

mod deletion;
mod export;
mod schema;
mod store;

pub use deletion::Accounts;
pub use export::ExportJobs;
pub use schema::AccountsMutation;
