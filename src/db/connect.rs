//! Opening the pool for a URL and applying the embedded migrations of its dialect.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::Db;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Each SQLite connection's page cache, in KiB. SQLite's default (2 MiB) on every
/// pooled connection grows with the database until it holds 32 MiB of copies of pages
/// the operating system caches anyway; a miss costs a read from that cache.
const SQLITE_CACHE_KIB: u32 = 512;

/// The two databases Village runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or an error saying which schemes work.
    pub fn of_url(url: &str) -> anyhow::Result<Self> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Ok(Self::Sqlite),
            Some("postgres" | "postgresql") => Ok(Self::Postgres),
            other => {
                bail!("unsupported database URL scheme {:?}: use sqlite://… or postgres://…", other.unwrap_or(url))
            }
        }
    }
}

/// Opens a pool for `url` (`sqlite:` or `postgres:`) and checks that it answers.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
    Ok(match Backend::of_url(url)? {
        Backend::Sqlite => Db::Sqlite(connect_sqlite(url, max_connections).await?),
        Backend::Postgres => Db::Postgres(connect_postgres(url, max_connections).await?),
    })
}

async fn connect_sqlite(url: &str, max_connections: u32) -> anyhow::Result<sqlx::SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .context("invalid SQLite URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .foreign_keys(true)
        // Negative: a size in KiB rather than in pages.
        .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"));
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire(true)
        .connect_with(options)
        .await
        .context("cannot open the SQLite database")?;
    Ok(pool)
}

async fn connect_postgres(url: &str, max_connections: u32) -> anyhow::Result<sqlx::PgPool> {
    let options = PgConnectOptions::from_str(url).context("invalid PostgreSQL URL")?;
    // Each connection is checked as it is taken from the pool (one short round trip):
    // after a PostgreSQL restart every pooled connection is dead, and without the check
    // each would fail one request before the pool noticed.
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(true)
        .connect_with(options)
        .await
        .context("cannot connect to PostgreSQL")?;
    Ok(pool)
}

/// Applies the pending migrations of the database's dialect. Safe to run from several
/// instances at once: PostgreSQL migrations take an advisory lock.
pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    match db {
        Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
        Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
    }
    .context("database migration failed")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// A migration's statements with comments dropped and PostgreSQL's types spelled as
    /// SQLite stores them, so the two sets can be compared line by line.
    fn shape(sql: &str, postgres: bool) -> Vec<String> {
        sql.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("--"))
            .map(|line| {
                let line = line.to_owned();
                if postgres {
                    line.replace("TIMESTAMPTZ", "TEXT")
                        .replace("UUID", "BLOB")
                        .replace("BYTEA", "BLOB")
                        .replace(" DATE", " TEXT")
                } else {
                    line
                }
            })
            .collect()
    }

    fn file_names(dir: &Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        names.sort();
        names
    }

    /// Migrations that say one thing in each dialect's own words (triggers, full-text
    /// search, SQLite's WITHOUT ROWID), compared by name only.
    const DIALECT_SPECIFIC: &[&str] =
        &["0023_moderation_log_append_only.sql", "0027_resource_search.sql", "0029_surveys.sql"];

    #[test]
    fn the_two_migration_sets_are_in_lockstep() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let names = file_names(&root.join("postgres"));
        assert_eq!(names, file_names(&root.join("sqlite")), "both dialects have the same migration files");
        for name in names.into_iter().filter(|name| !DIALECT_SPECIFIC.iter().any(|own| name == *own)) {
            let postgres = std::fs::read_to_string(root.join("postgres").join(&name)).unwrap();
            let sqlite = std::fs::read_to_string(root.join("sqlite").join(&name)).unwrap();
            assert_eq!(shape(&postgres, true), shape(&sqlite, false), "{name:?} differs beyond column types");
        }
    }
}
