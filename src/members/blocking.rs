//! Blocking a member and lifting it, with what follows: the connection between them
//! ends, and both members' live subscriptions check what they may read at once.

use uuid::Uuid;

use super::{blocks, connections};
use crate::db::Db;
use crate::error::AppResult;
use crate::realtime::{self, Bus};

/// `blocker` blocks `blocked`: any connection between them ends, and both members'
/// live subscriptions check what they may read at once.
#[tracing::instrument(skip_all, fields(blocker = %blocker, blocked = %blocked))]
pub async fn block(db: &Db, bus: &Bus, blocker: Uuid, blocked: Uuid) -> AppResult<()> {
    blocks::record(db, blocker, blocked).await?;
    connections::remove(db, blocker, blocked).await?;
    blocks_changed(bus, blocker, blocked).await;
    Ok(())
}

/// `blocker` lifts her block of `blocked`.
#[tracing::instrument(skip_all, fields(blocker = %blocker, blocked = %blocked))]
pub async fn unblock(db: &Db, bus: &Bus, blocker: Uuid, blocked: Uuid) -> AppResult<()> {
    blocks::lift(db, blocker, blocked).await?;
    blocks_changed(bus, blocker, blocked).await;
    Ok(())
}

async fn blocks_changed(bus: &Bus, a: Uuid, b: Uuid) {
    realtime::access_changed(bus, a).await;
    realtime::access_changed(bus, b).await;
}
