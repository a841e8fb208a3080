//! Events: meetups and conferences in groups, RSVPs with a waitlist in arrival order,
//! childcare places, and iCalendar export.

mod calendar;
mod model;
mod schema;
mod service;
mod store;

pub use calendar::{event_ics, feed_ics};
pub use schema::{EventMutation, EventQuery};
