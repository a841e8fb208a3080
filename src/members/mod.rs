//! Members: who belongs to the community and what others may see of her.

mod loader;
mod schema;
mod store;

pub use loader::{MemberDataLoader, MemberLoader};
pub use schema::{MemberQuery, load_member};
pub use store::{Member, NewMember, credentials_by_email, find, insert};
