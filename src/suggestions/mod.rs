//! "Moms like me": members to meet, ranked by what they share with the viewer (career
//! stage, city and neighbourhood, industry, children's ages, what they are open to),
//! using only what each lets the viewer see, never across a block, never someone she
//! is already connected with (or asked) or dismissed. Each says why.

mod rank;
mod schema;
mod store;

pub use schema::{SuggestionMutation, SuggestionQuery};
