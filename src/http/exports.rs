//! `GET /exports/{token}`: a member's data export, as the link in her email leads to it,
//! for her own session alone (`Authorization: Bearer`), as a JSON download.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::error::AppError;

pub async fn data_export(State(state): State<AppState>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let viewer = match state.auth.viewer(authorization).await {
        Ok(viewer) if viewer.member_id().is_ok() => viewer,
        Ok(_) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match state.accounts.data_export(&viewer, &token).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"village-data.json\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(error = %error.for_log(), "a data export could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
