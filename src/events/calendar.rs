//! iCalendar (RFC 5545) output, made with the `icalendar` crate: one event a member may
//! read, and each member's private feed of the events she is going to, found by a
//! secret token of which only the hash is stored. `http` serves them as `.ics` files.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use icalendar::{Calendar, Component, EventLike, EventStatus};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{Event, RsvpStatus};
use super::service;
use super::store::{self, EventFilter};
use crate::db::Db;
use crate::error::AppResult;
use crate::graphql::relay::PageArgs;

/// A new private calendar feed token for the viewer (the old one stops working); only
/// its hash is stored.
pub async fn new_calendar_token(db: &Db, viewer: Uuid) -> AppResult<String> {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let token = URL_SAFE_NO_PAD.encode(secret);
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    store::set_feed_token(db, viewer, &hash, crate::clock::now()).await?;
    Ok(token)
}

fn ics_event(event: &Event) -> icalendar::Event {
    let mut entry = icalendar::Event::new();
    entry
        .uid(&format!("{}@village", event.id))
        .summary(&event.title)
        .description(&event.description)
        .starts(event.starts_at)
        .ends(event.ends_at)
        .timestamp(event.updated_at)
        .sequence(u32::try_from(event.sequence).unwrap_or(u32::MAX));
    if let Some(location) = &event.location {
        entry.location(location);
    }
    // The online link is for members who are going.
    if let Some(url) = event.online_url.as_ref().filter(|_| event.viewer_status() == Some(RsvpStatus::Going)) {
        entry.url(url);
    }
    entry.status(if event.cancelled_at.is_some() { EventStatus::Cancelled } else { EventStatus::Confirmed });
    entry.done()
}

/// A calendar named `name` holding `entries`.
pub fn calendar(name: &str, entries: impl IntoIterator<Item = icalendar::Event>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for entry in entries {
        calendar.push(entry);
    }
    calendar.done().to_string()
}

/// One event as a calendar, for `viewer` who may read it (`NOT_FOUND` otherwise).
pub async fn event_calendar(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<String> {
    let event = service::readable(db, viewer, id).await?;
    Ok(calendar(&event.title, [ics_event(&event)]))
}

/// How far back a feed reaches.
pub const FEED_HISTORY: chrono::TimeDelta = chrono::TimeDelta::days(30);
/// Most events one feed lists.
const FEED_LIMIT: i32 = 100;

/// The member whose private feed `token` opens, if it opens one.
pub async fn feed_owner(db: &Db, token: &str) -> AppResult<Option<Uuid>> {
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    Ok(store::feed_owner(db, &hash).await?)
}

/// The events `owner` is going to that end after `from`, as calendar entries.
pub async fn feed_entries(
    db: &Db,
    owner: Uuid,
    from: chrono::DateTime<chrono::Utc>,
) -> AppResult<Vec<icalendar::Event>> {
    let filter = EventFilter { mine: Some(RsvpStatus::Going), from: Some(from), ..EventFilter::default() };
    let page = PageArgs { first: Some(FEED_LIMIT), ..PageArgs::default() }.validate()?;
    let events = store::page_events(db, owner, &filter, &page).await?;
    let going = events.iter().filter(|event| event.viewer_status() == Some(RsvpStatus::Going));
    Ok(going.map(ics_event).collect())
}
