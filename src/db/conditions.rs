//! Filters assembled at run time: each condition a list query adds, with the value it
//! binds as the next placeholder, so optional filters never splice member input into SQL.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A value bound into a query whose conditions are assembled at run time.
#[derive(Debug, Clone)]
pub enum Bind {
    Id(Uuid),
    Time(DateTime<Utc>),
    Text(String),
}

/// Appends ` AND <condition>` with its value as the next placeholder.
#[derive(Debug)]
pub struct Conditions {
    pub sql: String,
    pub binds: Vec<Bind>,
    pub next_param: usize,
}

impl Conditions {
    /// Conditions whose first placeholder is `$next_param`.
    pub fn new(next_param: usize) -> Self {
        Self { sql: String::new(), binds: Vec::new(), next_param }
    }

    /// Adds `template`, its `?` standing for `value`.
    pub fn push(&mut self, template: &str, value: Bind) {
        self.sql += &format!(" AND {}", template.replace('?', &format!("${}", self.next_param)));
        self.binds.push(value);
        self.next_param += 1;
    }
}

/// Binds `binds` to `$query` in order (either database's query type).
#[macro_export]
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                $crate::db::conditions::Bind::Id(id) => query.bind(*id),
                $crate::db::conditions::Bind::Time(time) => query.bind(*time),
                $crate::db::conditions::Bind::Text(text) => query.bind(text.clone()),
            };
        }
        query
    }};
}
