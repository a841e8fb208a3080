//! Rows as JSON objects, column by column, whatever the query: for exports that hand a
//! member what the database holds about her. Values are read by their type (UUIDs as
//! text, times as the database keeps them, numbers, booleans, text); a value of a type
//! not listed is left out as null rather than guessed at.

use serde_json::{Map, Value};
use sqlx::{Column, Row, TypeInfo, ValueRef};
use uuid::Uuid;

use super::Db;

/// The rows `sql` (with `$1` = `member`) returns, each as a JSON object.
pub async fn rows_as_json(db: &Db, sql: &str, member: Uuid) -> Result<Vec<Value>, sqlx::Error> {
    super::statements::count();
    match db {
        Db::Sqlite(pool) => {
            let rows = sqlx::query(sql).bind(member).fetch_all(pool).await?;
            Ok(rows.iter().map(|row| object(row, sqlite_value)).collect())
        }
        Db::Postgres(pool) => {
            let rows = sqlx::query(sql).bind(member).fetch_all(pool).await?;
            Ok(rows.iter().map(|row| object(row, postgres_value)).collect())
        }
    }
}

fn object<R: Row>(row: &R, value: fn(&R, usize, &str) -> Value) -> Value {
    let mut object = Map::new();
    for (at, column) in row.columns().iter().enumerate() {
        object.insert(column.name().to_owned(), value(row, at, column.type_info().name()));
    }
    Value::Object(object)
}

fn json<T: serde::Serialize>(value: Result<Option<T>, sqlx::Error>) -> Value {
    value.ok().flatten().and_then(|value| serde_json::to_value(value).ok()).unwrap_or(Value::Null)
}

/// SQLite types values one by one (a computed column declares none), so each is read by
/// its own storage class; a column declared BOOLEAN reads as a boolean, as on PostgreSQL.
fn sqlite_value(row: &sqlx::sqlite::SqliteRow, at: usize, declared: &str) -> Value {
    let stored = match row.try_get_raw(at) {
        Ok(raw) if raw.is_null() => return Value::Null,
        Ok(raw) => raw.type_info().name().to_owned(),
        Err(_) => return Value::Null,
    };
    match stored.as_str() {
        "INTEGER" if declared == "BOOLEAN" => json(row.try_get::<Option<bool>, _>(at)),
        "BLOB" => json(row.try_get::<Option<Uuid>, _>(at)),
        "INTEGER" => json(row.try_get::<Option<i64>, _>(at)),
        "REAL" => json(row.try_get::<Option<f64>, _>(at)),
        _ => json(row.try_get::<Option<String>, _>(at)),
    }
}

fn postgres_value(row: &sqlx::postgres::PgRow, at: usize, type_name: &str) -> Value {
    match type_name {
        "UUID" => json(row.try_get::<Option<Uuid>, _>(at)),
        "INT8" => json(row.try_get::<Option<i64>, _>(at)),
        "INT4" => json(row.try_get::<Option<i32>, _>(at)),
        "INT2" => json(row.try_get::<Option<i16>, _>(at)),
        "BOOL" => json(row.try_get::<Option<bool>, _>(at)),
        "FLOAT8" => json(row.try_get::<Option<f64>, _>(at)),
        "TIMESTAMPTZ" => json(row.try_get::<Option<chrono::DateTime<chrono::Utc>>, _>(at)),
        "DATE" => json(row.try_get::<Option<chrono::NaiveDate>, _>(at)),
        "TEXT" | "VARCHAR" => json(row.try_get::<Option<String>, _>(at)),
        _ => Value::Null,
    }
}
