//! Keyset pagination in SQL: a page of a list ordered by (timestamp, id) read with one
//! indexed query however deep the client scrolls. `graphql::relay` turns client
//! arguments into a [`Page`] and its rows into a Relay connection.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A position in a list ordered by (timestamp, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

/// A validated page request.
#[derive(Debug, Clone)]
pub struct Page {
    pub size: usize,
    pub after: Option<Cursor>,
    pub before: Option<Cursor>,
    /// `last/before`: rows are read newest first and turned around afterwards.
    pub backward: bool,
}

/// SQL fragments selecting one page, for a query ordered by `time_column, id_column`.
pub struct KeysetSql {
    /// ` AND (t, id) > ($n, $n+1) …` to append to a `WHERE`.
    pub condition: String,
    /// ` ORDER BY … LIMIT …` to end the query with.
    pub order_limit: String,
    /// Cursors to bind, in order, each as `.bind(c.at).bind(c.id)`.
    pub binds: Vec<Cursor>,
}

/// The order a list is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    OldestFirst,
    NewestFirst,
}

impl Page {
    /// The fragments for this page of a list in `order`; the first cursor placeholder is
    /// `$first_param`.
    pub fn keyset_sql(&self, order: Order, time_column: &str, id_column: &str, first_param: usize) -> KeysetSql {
        let newest_first = order == Order::NewestFirst;
        let (after_op, before_op) = if newest_first { ('<', '>') } else { ('>', '<') };
        let mut condition = String::new();
        let mut binds = Vec::new();
        let mut param = first_param;
        for (bound, op) in [(self.after, after_op), (self.before, before_op)] {
            if let Some(cursor) = bound {
                condition += &format!(" AND ({time_column}, {id_column}) {op} (${param}, ${})", param + 1);
                binds.push(cursor);
                param += 2;
            }
        }
        // Backward pages read from the far end and are turned around afterwards.
        let direction = if newest_first != self.backward { "DESC" } else { "ASC" };
        let order_limit =
            format!(" ORDER BY {time_column} {direction}, {id_column} {direction} LIMIT {}", self.size + 1);
        KeysetSql { condition, order_limit, binds }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyset_sql_numbers_its_placeholders_after_the_callers() {
        let cursor = Cursor { at: Utc::now(), id: Uuid::now_v7() };
        let page = Page { size: 10, after: Some(cursor), before: Some(cursor), backward: false };
        let sql = page.keyset_sql(Order::OldestFirst, "created_at", "id", 3);
        assert_eq!(sql.condition, " AND (created_at, id) > ($3, $4) AND (created_at, id) < ($5, $6)");
        assert_eq!(sql.order_limit, " ORDER BY created_at ASC, id ASC LIMIT 11");
        assert_eq!(sql.binds.len(), 2);
        let newest = page.keyset_sql(Order::NewestFirst, "created_at", "id", 1);
        assert_eq!(newest.condition, " AND (created_at, id) < ($1, $2) AND (created_at, id) > ($3, $4)");
        assert_eq!(newest.order_limit, " ORDER BY created_at DESC, id DESC LIMIT 11");
        let backward = Page { backward: true, ..page };
        assert_eq!(
            backward.keyset_sql(Order::NewestFirst, "t", "id", 1).order_limit,
            " ORDER BY t ASC, id ASC LIMIT 11"
        );
    }
}
