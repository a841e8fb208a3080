//! Events: meetups and conferences in groups, RSVPs with a waitlist in arrival order,
//! childcare places, and iCalendar export.

mod calendar;
mod model;
mod schema;
mod service;
mod store;

pub use calendar::{FEED_HISTORY, calendar, event_calendar, feed_entries, feed_owner};
pub use model::{Event, RsvpAnswer};
pub use schema::{EventMutation, EventQuery};
pub use service::{
    Answer, attend_upcoming, create as create_event, insert as insert_event, readable, release_everywhere,
    release_member, remove_event, rsvp,
};
pub use store::{EventAudience, EventFields, event_audience};
