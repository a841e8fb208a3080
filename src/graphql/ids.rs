//! IDs on the wire are UUID strings; a malformed one is bad input on the field it came in.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// `id` on the wire, when there is one.
pub fn optional_id(id: Option<Uuid>) -> Option<ID> {
    id.map(|id| ID(id.to_string()))
}

/// The UUID in `id`, or `BAD_USER_INPUT` on `field`.
pub fn parse_id(field: &'static str, id: &ID) -> AppResult<Uuid> {
    Uuid::try_parse(id.as_str()).map_err(|_| AppError::bad_input(field, format!("{field} is not a valid id")))
}
