//! Members: who belongs to the community and what others may see of her.

mod account;
mod blocking;
mod blocks;
mod connections;
mod loader;
mod profile;
mod schema;
mod store;

pub use account::{
    Addressee, DELETED_MEMBER, DELETED_MEMBER_EMAIL, addressee, addressee_by_email, admin_ids, credentials_of,
    is_admin, mark_email_verified, set_admin, set_email, set_password_hash, suspend, suspension_in,
};
pub use blocks::{blocked_either_way, blocked_with, not_blocked_with};
pub use connections::connected_with;
pub use loader::{ChildrenDataLoader, ChildrenLoader, MemberDataLoader, MemberLoader};
pub use profile::{CareerStage, Child, OpenTo, ProfileField, return_moment};
pub use schema::{FieldVisibility, MemberMutation, MemberQuery, load_member};
pub use store::{
    Member, NewMember, children_of, credentials_by_email, find, find_many, ids_by_handles, insert, member_columns,
};
