//! The database handle: SQLite (embedded default) or PostgreSQL, chosen by URL scheme.
//! Store code is written once inside [`on_db!`] / [`on_tx!`], which expand the same
//! query for each driver; per-dialect SQL appears only where the dialects truly differ.

pub mod conditions;
mod conflict;
mod connect;
pub mod json_rows;
pub mod page;
pub mod statements;
pub mod text_enum;
pub mod visibility;

use std::time::Duration;

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

pub use conflict::unique_violation_field;
pub use connect::{Backend, connect, migrate};

/// A pool for one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction on either database.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` — one statement — with `$pool` bound to the concrete pool of `$db`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {{
        $crate::db::statements::count();
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    }};
}

/// Runs `$body` — one statement — with `$conn` bound to the connection of the transaction `$tx`.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {{
        $crate::db::statements::count();
        match $tx {
            $crate::db::Tx::Sqlite(transaction) => {
                let $conn = &mut **transaction;
                $body
            }
            $crate::db::Tx::Postgres(transaction) => {
                let $conn = &mut **transaction;
                $body
            }
        }
    }};
}

/// `$first, $first+1, …` for `count` values, for an `IN (…)` list. A statement built
/// with it differs with each count: run it with `.persistent(false)`, or every
/// connection keeps a prepared statement per count seen (on SQLite a statement with a
/// thousand values holds megabytes, and a busy worker meets every count).
pub fn placeholder_list(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// Turns a row into its domain type; a row that does not convert is a decode error.
pub fn convert<R, T>(row: R) -> Result<T, sqlx::Error>
where
    R: TryInto<T, Error = anyhow::Error>,
{
    row.try_into().map_err(|error: anyhow::Error| sqlx::Error::Decode(error.into()))
}

/// [`convert`] for every row of a result.
pub fn convert_all<R, T>(rows: Vec<R>) -> Result<Vec<T>, sqlx::Error>
where
    R: TryInto<T, Error = anyhow::Error>,
{
    rows.into_iter().map(convert).collect()
}

impl Db {
    /// Starts a write transaction. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so a read-then-write never fails with "database is locked".
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Checks that the database answers, within `timeout`.
    pub async fn ping(&self, timeout: Duration) -> Result<(), sqlx::Error> {
        let query = async { on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop)) };
        tokio::time::timeout(timeout, query).await.map_err(|_| sqlx::Error::PoolTimedOut)?
    }

    /// Connections in the pool: (open, idle).
    pub fn pool_connections(&self) -> (u32, usize) {
        on_db!(self, pool => (pool.size(), pool.num_idle()))
    }

    /// Name of the backend, for logs and metrics.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Closes every connection of the pool.
    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

impl Tx {
    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(transaction) => transaction.commit().await,
            Tx::Postgres(transaction) => transaction.commit().await,
        }
    }

    /// Rolls the transaction back now (rather than when the connection is next used),
    /// releasing SQLite's write lock at once.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(transaction) => transaction.rollback().await,
            Tx::Postgres(transaction) => transaction.rollback().await,
        }
    }
}
