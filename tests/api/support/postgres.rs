//! A fresh database per test: a SQLite file in the test's temp dir, or, when
//! `VILLAGE_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it that is
//! dropped when the test ends (even when it panics).

use std::path::Path;
use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection};

/// A database for one test.
pub struct TestDatabase {
    pub url: String,
    admin_url: Option<String>,
    name: String,
}

/// The PostgreSQL admin URL tests run against, if any.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("VILLAGE_TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())
}

async fn admin_connection(admin_url: &str) -> PgConnection {
    let options = PgConnectOptions::from_str(admin_url).expect("VILLAGE_TEST_DATABASE_URL is a PostgreSQL URL");
    options.connect().await.expect("PostgreSQL at VILLAGE_TEST_DATABASE_URL is reachable")
}

impl TestDatabase {
    /// A new, empty database.
    pub async fn create(data_dir: &Path) -> Self {
        let name = format!("village_test_{}", uuid::Uuid::now_v7().simple());
        let Some(admin_url) = postgres_admin_url() else {
            let url = format!("sqlite://{}/{name}.sqlite3", data_dir.display());
            return Self { url, admin_url: None, name };
        };
        let mut admin = admin_connection(&admin_url).await;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create test database");
        let _ = admin.close().await;
        let base = admin_url.split('?').next().unwrap_or(&admin_url);
        let (server, _) = base.rsplit_once('/').expect("VILLAGE_TEST_DATABASE_URL names a database");
        Self { url: format!("{server}/{name}"), admin_url: Some(admin_url), name }
    }

    /// Connects to it with the migrations up to `version` run: a database as an older
    /// release left it, to test an upgrade with.
    pub async fn migrated_to(&self, version: i64) -> village::db::Db {
        let db = village::db::connect(&self.url, 2).await.expect("connects");
        let mut before = match db {
            village::db::Db::Sqlite(_) => sqlx::migrate!("migrations/sqlite"),
            village::db::Db::Postgres(_) => sqlx::migrate!("migrations/postgres"),
        };
        before.migrations =
            before.migrations.iter().filter(|m| m.version <= version).cloned().collect::<Vec<_>>().into();
        village::on_db!(&db, pool => before.run(pool).await).expect("migrated");
        db
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(admin_url) = self.admin_url.clone() else {
            return;
        };
        let name = self.name.clone();
        // Drop runs inside the test's runtime; a separate thread may block on its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                let mut admin = admin_connection(&admin_url).await;
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await;
            });
        });
        let _ = dropped.join();
    }
}
