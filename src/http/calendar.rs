//! The iCalendar files: one event at `GET /events/{id}.ics` for a signed-in member who
//! may read it (bearer token), and each member's private feed at
//! `GET /calendar/{token}.ics` for calendar apps, which send no token.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::AppState;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::{clock, coffee_chats, events};

fn ics_response(calendar: AppResult<Option<String>>) -> Response {
    match calendar {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response(),
        Ok(None) | Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(error = %error.for_log(), "calendar export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /events/{id}.ics`.
pub async fn event_ics(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(id) = file.strip_suffix(".ics").and_then(|id| Uuid::try_parse(id).ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let viewer = match state.auth.viewer(authorization).await.map(|viewer| viewer.member_id()) {
        Ok(Ok(viewer)) => viewer,
        Ok(Err(_)) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    ics_response(events::event_calendar(&state.db, viewer, id).await.map(Some))
}

/// `GET /calendar/{token}.ics`.
pub async fn feed_ics(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    ics_response(feed(&state.db, token).await)
}

/// The calendar of what the owner of feed `token` is going to — events and accepted
/// coffee chats from the last 30 days on; `None` for a token that opens no feed.
async fn feed(db: &Db, token: &str) -> AppResult<Option<String>> {
    let Some(owner) = events::feed_owner(db, token).await? else {
        return Ok(None);
    };
    let from = clock::now() - events::FEED_HISTORY;
    let mut entries = events::feed_entries(db, owner, from).await?;
    entries.extend(coffee_chats::feed_entries(db, owner, from).await?);
    Ok(Some(events::calendar("Village", entries)))
}
