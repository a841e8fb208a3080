//! The GraphQL toolkit every feature's resolvers use: typed context access, Relay
//! connections, ids, error codes, and the limits every request passes before a resolver
//! runs. The schema itself is assembled from the features in `crate::schema`.

mod budget;
mod codes;
pub mod context;
mod documents;
mod execution;
pub mod ids;
mod limits;
mod order;
pub mod relay;
mod shared;

pub use budget::MutationBudget;
pub use codes::{annotate as annotate_errors, count as count_errors, refusal};
pub use documents::TrustedDocuments;
pub use execution::{execute, execute_stream};
pub use limits::{MAX_COMPLEXITY, MAX_DEPTH};
pub use shared::{Shareable, SharedField};
