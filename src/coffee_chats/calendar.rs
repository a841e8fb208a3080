//! Accepted coffee chats as calendar entries, for each member's private feed.

use chrono::{DateTime, Utc};
use icalendar::{Component, EventLike, EventStatus};
use uuid::Uuid;

use super::store;
use crate::db::Db;
use crate::error::AppResult;
use crate::members;

/// Most chats one feed lists.
const FEED_LIMIT: i64 = 100;

/// `owner`'s accepted coffee chats starting after `from`, as calendar entries.
pub async fn feed_entries(db: &Db, owner: Uuid, from: DateTime<Utc>) -> AppResult<Vec<icalendar::Event>> {
    let chats = store::accepted_since(db, owner, from, FEED_LIMIT).await?;
    let others: Vec<Uuid> = chats.iter().map(|chat| chat.other_than(owner)).collect();
    let names = members::find_many(db, owner, &others).await?;
    let mut entries = Vec::with_capacity(chats.len());
    for chat in chats {
        let (Some(starts_at), Some(ends_at)) = (chat.starts_at, chat.ends_at) else { continue };
        let other = chat.other_than(owner);
        let name = names.iter().find(|member| member.id == other).map_or("a member", |member| &member.display_name);
        let mut entry = icalendar::Event::new();
        entry
            .uid(&format!("{}@village-coffee", chat.id))
            .summary(&format!("Coffee chat with {name}"))
            .description(&chat.note)
            .starts(starts_at)
            .ends(ends_at)
            .timestamp(chat.updated_at)
            .sequence(u32::try_from(chat.sequence).unwrap_or(u32::MAX))
            .status(EventStatus::Confirmed);
        if let Some(place) = &chat.place {
            entry.location(place);
        }
        if let Some(url) = &chat.online_url {
            entry.url(url);
        }
        entries.push(entry.done());
    }
    Ok(entries)
}
