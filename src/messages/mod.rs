//! Direct messages: conversations between 2 to 8 members, message requests from people
//! she is not connected with, and the rules blocks impose on both.

mod model;
mod schema;
mod service;
mod store;

pub use schema::{MessageMutation, MessageQuery};
