//! Coffee chats: a member proposes one to three times to meet another who is open to
//! coffee chats (at a place or online); whoever is awaited accepts one, or declines;
//! either can cancel or propose new times. An accepted chat goes into both members'
//! calendar feeds and reminds them a day and an hour before; every change tells the
//! other member.

mod calendar;
mod model;
mod notify;
mod schema;
mod service;
mod store;

pub use calendar::feed_entries;
pub use model::Slot;
pub use notify::NotifyCoffeeChat;
pub use schema::{CoffeeChatMutation, CoffeeChatQuery};
pub use service::{Proposal, accept, propose};
