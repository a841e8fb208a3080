//! `clientMutationId`: mobile networks drop answers, so a create mutation retried with
//! the same key returns what the first attempt made instead of making it twice. The
//! receipt is written in the same transaction as the thing it points to.

use uuid::Uuid;

use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::{on_db, on_tx};

const MAX_KEY_CHARS: usize = 128;

/// Checks a client's key: 1 to 128 characters, no control characters.
pub fn valid_key(key: Option<&str>) -> AppResult<Option<&str>> {
    match key {
        Some(key) if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_control) => {
            Err(AppError::bad_input(
                "clientMutationId",
                format!("clientMutationId must be 1 to {MAX_KEY_CHARS} characters, none of them control characters"),
            ))
        }
        other => Ok(other),
    }
}

async fn recall(db: &Db, member_id: Uuid, mutation: &str, key: &str) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str =
        "SELECT result_id FROM mutation_receipts WHERE member_id = $1 AND mutation = $2 AND client_mutation_id = $3";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(member_id).bind(mutation).bind(key).fetch_optional(pool).await)
}

async fn remember(tx: &mut Tx, member_id: Uuid, mutation: &str, key: &str, result_id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO mutation_receipts (member_id, mutation, client_mutation_id, result_id, created_at) \
                       VALUES ($1, $2, $3, $4, $5)";
    let now = clock::now();
    on_tx!(tx, conn => sqlx::query(SQL).bind(member_id).bind(mutation).bind(key).bind(result_id).bind(now).execute(conn).await.map(drop))
}

/// Whether `member_id` already made something with `key` through `mutation` (a retry
/// that will only be answered with it). An invalid key never was (and is refused when
/// the mutation runs).
pub async fn made_before(db: &Db, member_id: Uuid, mutation: &str, key: &str) -> AppResult<bool> {
    Ok(recall_valid(db, member_id, mutation, Some(key)).await?.is_some())
}

/// What `member_id` made with `key` through `mutation`, if she did (never, for no key or
/// an invalid one).
pub async fn recall_valid(db: &Db, member_id: Uuid, mutation: &str, key: Option<&str>) -> AppResult<Option<Uuid>> {
    let Ok(Some(key)) = valid_key(key) else {
        return Ok(None);
    };
    Ok(recall(db, member_id, mutation, key).await?)
}

/// What [`create_once`] answers: the id, and whether this call made it (else an
/// earlier one with the same key did).
#[derive(Debug, Clone, Copy)]
pub struct Made {
    pub id: Uuid,
    pub new: bool,
}

/// Runs `create` in a write transaction, once per (`member_id`, `mutation`, `key`):
/// with a key seen before it returns the id made then. `create` returns the new id.
pub async fn create_once(
    db: &Db,
    member_id: Uuid,
    mutation: &'static str,
    key: Option<&str>,
    create: impl AsyncFnOnce(&mut Tx) -> AppResult<Uuid>,
) -> AppResult<Made> {
    let key = valid_key(key)?;
    if let Some(key) = key
        && let Some(id) = recall(db, member_id, mutation, key).await?
    {
        return Ok(Made { id, new: false });
    }
    let mut tx = db.begin_write().await?;
    let id = create(&mut tx).await?;
    if let Some(key) = key
        && let Err(error) = remember(&mut tx, member_id, mutation, key, id).await
    {
        tx.rollback().await?;
        // A concurrent retry with the same key committed first: answer with its result.
        if error.as_database_error().is_some_and(|e| e.is_unique_violation())
            && let Some(id) = recall(db, member_id, mutation, key).await?
        {
            return Ok(Made { id, new: false });
        }
        return Err(error.into());
    }
    tx.commit().await?;
    Ok(Made { id, new: true })
}
