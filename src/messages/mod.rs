//! Direct messages: conversations between 2 to 8 members, message requests from people
//! she is not connected with, and the rules blocks impose on both.

mod jobs;
mod live;
mod model;
mod schema;
mod service;
mod store;
mod subscription;

pub use jobs::NotifyMessage;
pub use model::MessageRow;
pub use schema::{Message, MessageMutation, MessageQuery};
pub use service::{
    SendMessage, StartConversation, answer_request, readable_message, remove_message, send_message,
    start as start_conversation,
};
pub use subscription::MessageSubscription;
