//! The rule of choosing a digest: an hour of her day, the next one due computed in her
//! time zone and scheduled in the same transaction (any earlier schedule stops counting).

use uuid::Uuid;

use super::schedule::{DigestFrequency, next_due, zone};
use super::store::{self, Setting};
use crate::clock;
use crate::db::Db;
use crate::db::text_enum::Stored;
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob};

/// Sets `member`'s digest to `frequency` at her local `hour` (0–23).
pub async fn set(db: &Db, member: Uuid, frequency: DigestFrequency, hour: i64) -> AppResult<Setting> {
    let local_hour = u32::try_from(hour).ok().filter(|hour| *hour <= 23);
    let local_hour = local_hour.ok_or_else(|| AppError::bad_input("hour", "an hour from 0 to 23"))?;
    let zone = zone(store::time_zone_of(db, member).await?.as_deref());
    let next_at = next_due(frequency, local_hour, zone, clock::now());
    let setting = Setting { frequency: Stored(frequency), hour, next_at };
    let mut tx = db.begin_write().await?;
    store::save(&mut tx, member, &setting).await?;
    if frequency != DigestFrequency::None {
        jobs::enqueue(&mut tx, NewJob::due_at(JobKind::DigestDue, member, next_at)).await?;
    }
    tx.commit().await?;
    Ok(setting)
}
