//! Relay connections for every list: `first/after` and `last/before` arguments checked
//! into a keyset [`Page`] (its SQL is in `db::page`), opaque cursors, and the rows of a
//! page turned into a connection.

use async_graphql::connection::{Connection, ConnectionNameType, Edge, EdgeNameType, EmptyFields};
use async_graphql::{OutputType, connection::CursorType};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Datelike};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

pub use crate::db::page::{Cursor, Order, Page};

/// Page size when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: usize = 100;

/// Query complexity of a connection field: the page size times the cost of one item.
pub fn complexity(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = first.or(last).map_or(DEFAULT_PAGE_SIZE, |n| usize::try_from(n).unwrap_or(0).min(MAX_PAGE_SIZE));
    size.max(1) * child_complexity
}

impl CursorType for Cursor {
    type Error = AppError;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let invalid = || AppError::bad_input("after", "invalid cursor");
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let (micros, id) = text.split_once('/').ok_or_else(invalid)?;
        let at = micros.parse().ok().and_then(DateTime::from_timestamp_micros).ok_or_else(invalid)?;
        // Both databases order timestamps correctly only within years 0000–9999.
        if !(0..=9999).contains(&at.year()) {
            return Err(invalid());
        }
        let id = Uuid::try_parse(id).map_err(|_| invalid())?;
        Ok(Self { at, id })
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}/{}", self.at.timestamp_micros(), self.id.simple()))
    }
}

/// The Relay arguments of a connection field, as the client sent them.
#[derive(Debug, Default, Clone)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

fn page_size(value: Option<i32>, field: &'static str) -> AppResult<Option<usize>> {
    value
        .map(|n| match usize::try_from(n) {
            Ok(n) if n <= MAX_PAGE_SIZE => Ok(n),
            _ => Err(AppError::bad_input(field, format!("{field} must be between 0 and {MAX_PAGE_SIZE}"))),
        })
        .transpose()
}

fn cursor(value: Option<&str>, field: &'static str) -> AppResult<Option<Cursor>> {
    value
        .map(|s| {
            Cursor::decode_cursor(s).map_err(|_| AppError::bad_input(field, format!("{field} is not a valid cursor")))
        })
        .transpose()
}

impl PageArgs {
    /// Checks the arguments: sizes within bounds, cursors ours, not both directions.
    pub fn validate(&self) -> AppResult<Page> {
        if self.first.is_some() && self.last.is_some() {
            return Err(AppError::bad_input("last", "pass either first or last, not both"));
        }
        let first = page_size(self.first, "first")?;
        let last = page_size(self.last, "last")?;
        Ok(Page {
            size: first.or(last).unwrap_or(DEFAULT_PAGE_SIZE),
            after: cursor(self.after.as_deref(), "after")?,
            before: cursor(self.before.as_deref(), "before")?,
            backward: last.is_some(),
        })
    }
}

/// Where a page of a ranked list starts: how many items came before it. For lists
/// ordered by something no keyset can follow (a search's ranking), and so kept short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset(pub usize);

/// The furthest a ranked list may be paged.
pub const MAX_OFFSET: usize = 1_000;

impl CursorType for Offset {
    type Error = AppError;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let invalid = || AppError::bad_input("after", "after is not a valid cursor");
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let offset: usize = text.strip_prefix("offset:").and_then(|n| n.parse().ok()).ok_or_else(invalid)?;
        if offset >= MAX_OFFSET {
            return Err(AppError::bad_input("after", format!("a ranked list goes {MAX_OFFSET} items deep")));
        }
        Ok(Self(offset))
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("offset:{}", self.0))
    }
}

/// A ranked page: where it starts, and `size` items (at most [`MAX_PAGE_SIZE`], never
/// past [`MAX_OFFSET`]) after the cursor `after`.
pub fn ranked_page(first: Option<i32>, after: Option<&str>) -> AppResult<(usize, usize)> {
    let size = page_size(first, "first")?.unwrap_or(DEFAULT_PAGE_SIZE);
    let start = after.map(Offset::decode_cursor).transpose()?.map_or(0, |Offset(last)| last + 1);
    Ok((start, size.min(MAX_OFFSET - start)))
}

/// Names a ranked list's connection apart from the same items' keyset one
/// (`ResourceRankedConnection` beside `ResourceConnection`).
pub struct RankedConnectionName;

impl ConnectionNameType for RankedConnectionName {
    fn type_name<T: OutputType>() -> String {
        format!("{}RankedConnection", T::type_name())
    }
}

/// Names a ranked list's edges (`ResourceRankedEdge`).
pub struct RankedEdgeName;

impl EdgeNameType for RankedEdgeName {
    fn type_name<T: OutputType>() -> String {
        format!("{}RankedEdge", T::type_name())
    }
}

/// A page of a ranked list.
pub type RankedConnection<T> = Connection<Offset, T, EmptyFields, EmptyFields, RankedConnectionName, RankedEdgeName>;

/// The connection of a ranked page read from `start` with one row more than `size` (so
/// it knows whether more follow).
pub fn ranked_connection<T: OutputType>(mut rows: Vec<T>, start: usize, size: usize) -> RankedConnection<T> {
    let has_next = rows.len() > size && start + size < MAX_OFFSET;
    rows.truncate(size);
    let mut connection = Connection::new(start > 0, has_next);
    connection.edges.extend(rows.into_iter().enumerate().map(|(at, row)| Edge::new(Offset(start + at), row)));
    connection
}

/// Connections made from the rows of a page (an inherent impl beside the GraphQL types
/// it makes; the page itself and its SQL are `db`'s).
impl Page {
    /// Turns the rows read with [`Page::keyset_sql`] into a connection of those rows.
    pub fn connection<T: OutputType>(&self, rows: Vec<T>, key: impl Fn(&T) -> Cursor) -> Connection<Cursor, T> {
        self.connection_with(rows, key, |row| row)
    }

    /// Turns the rows read with [`Page::keyset_sql`] into a connection of `node(row)`.
    pub fn connection_with<T, N: OutputType>(
        &self,
        mut rows: Vec<T>,
        key: impl Fn(&T) -> Cursor,
        node: impl Fn(T) -> N,
    ) -> Connection<Cursor, N> {
        let has_more = rows.len() > self.size;
        rows.truncate(self.size);
        if self.backward {
            rows.reverse();
        }
        let (has_previous, has_next) =
            if self.backward { (has_more, self.before.is_some()) } else { (self.after.is_some(), has_more) };
        let mut connection = Connection::new(has_previous, has_next);
        connection.edges.extend(rows.into_iter().map(|row| Edge::new(key(&row), node(row))));
        connection
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_pages_follow_their_offsets_and_stop_deep_down() {
        assert_eq!(Offset::decode_cursor(&Offset(41).encode_cursor()).ok(), Some(Offset(41)));
        assert_eq!(ranked_page(Some(10), Some(&Offset(9).encode_cursor())).ok(), Some((10, 10)));
        assert!(ranked_page(None, Some(&Offset(MAX_OFFSET).encode_cursor())).is_err());
        assert!(ranked_page(None, Some("b2Zmc2V0Oi0x")).is_err(), "offset:-1");
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = Cursor {
            at: DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap_or_default(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode_cursor(&cursor.encode_cursor()).ok(), Some(cursor));
        assert!(Cursor::decode_cursor("bm9wZQ").is_err());
        assert!(Cursor::decode_cursor("!!").is_err());
        let far_future = Cursor {
            at: DateTime::from_timestamp_micros(316_000_000_000_000_000).unwrap_or_default(),
            id: Uuid::nil(),
        };
        assert!(Cursor::decode_cursor(&far_future.encode_cursor()).is_err());
    }

    #[test]
    fn page_arguments_are_bounded() {
        let too_big = PageArgs { first: Some(101), ..Default::default() };
        assert!(matches!(too_big.validate(), Err(AppError::BadInput { field: "first", .. })));
        let negative = PageArgs { last: Some(-1), ..Default::default() };
        assert!(matches!(negative.validate(), Err(AppError::BadInput { field: "last", .. })));
        let both = PageArgs { first: Some(1), last: Some(1), ..Default::default() };
        assert!(both.validate().is_err());
        let bad_cursor = PageArgs { after: Some("zzz".into()), ..Default::default() };
        assert!(matches!(bad_cursor.validate(), Err(AppError::BadInput { field: "after", .. })));
    }
}
