//! iCalendar (RFC 5545) output, made with the `icalendar` crate: one event at
//! `GET /events/{id}.ics`, and each member's private feed of the events she is going to
//! at `GET /calendar/{token}.ics` (the token is secret; only its hash is stored).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use icalendar::{Calendar, Component, EventLike, EventStatus};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{Event, RsvpStatus};
use super::service;
use super::store::{self, EventFilter};
use crate::graphql::relay::PageArgs;
use crate::server::AppState;

/// A new feed token and the hash to store.
pub fn new_token() -> (String, Vec<u8>) {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let token = URL_SAFE_NO_PAD.encode(secret);
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    (token, hash)
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

/// A calendar named `name` holding `events`.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for event in events {
        calendar.push(ics_event(event));
    }
    calendar.done().to_string()
}

fn ics_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response()
}

fn strip_ics(file: &str) -> Option<&str> {
    file.strip_suffix(".ics")
}

/// `GET /events/{id}.ics`: one event, for a signed-in member who may read it (bearer
/// token); calendar apps without one use the private feed.
pub async fn event_ics(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(id) = strip_ics(&file).and_then(|id| Uuid::try_parse(id).ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let viewer = match state.auth.viewer(authorization).await.map(|viewer| viewer.member_id()) {
        Ok(Ok(viewer)) => viewer,
        Ok(Err(_)) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match service::readable(&state.db, viewer, id).await {
        Ok(event) => ics_response(calendar(&event.title.clone(), &[event])),
        Err(crate::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(?error, "calendar export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// How far back a feed reaches.
const FEED_HISTORY_DAYS: i64 = 30;
/// Most events one feed lists.
const FEED_LIMIT: i32 = 100;

/// `GET /calendar/{token}.ics`: the events the token's owner is going to.
pub async fn feed_ics(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = strip_ics(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    let owner = match store::feed_owner(&state.db, &hash).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(?error, "calendar feed lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let recent = crate::clock::now() - chrono::TimeDelta::days(FEED_HISTORY_DAYS);
    let filter = EventFilter { mine: Some(RsvpStatus::Going), from: Some(recent), ..EventFilter::default() };
    let page = PageArgs { first: Some(FEED_LIMIT), ..PageArgs::default() }.validate();
    let events = match page {
        Ok(page) => store::page_events(&state.db, owner, &filter, &page).await,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match events {
        Ok(events) => {
            let going: Vec<Event> =
                events.into_iter().filter(|e| e.viewer_status() == Some(RsvpStatus::Going)).collect();
            ics_response(calendar("Village", &going))
        }
        Err(error) => {
            tracing::error!(?error, "calendar feed failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
