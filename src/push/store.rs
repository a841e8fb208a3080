//! Push subscriptions in the database: one per endpoint, registered again at will.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::subscription::ValidSubscription;
use crate::clock;
use crate::db::{Db, Tx, placeholder_list};
use crate::{on_db, on_tx};

/// A subscription as its member sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PushSubscriptionRow {
    pub id: Uuid,
    pub endpoint: String,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, endpoint, user_agent, created_at";

/// Devices kept per member: reinstalling an app makes a new endpoint and the old one
/// is rarely removed, so the least recently registered give way.
const DEVICES_KEPT: i64 = 20;

/// Records `subscription` for `member`; an endpoint registered before keeps its row,
/// now hers, with the new keys — but a device registered by another member moves to her
/// only with the same auth secret (the same browser or phone, now signed in as her):
/// knowing an endpoint is not enough to take someone's pushes. `None` when it did not
/// move. Beyond `DEVICES_KEPT`, her least recently registered devices are dropped.
pub async fn register(
    db: &Db,
    member: Uuid,
    subscription: &ValidSubscription,
) -> Result<Option<PushSubscriptionRow>, sqlx::Error> {
    const TRIM: &str = "DELETE FROM push_subscriptions WHERE member_id = $1 AND id NOT IN \
                        (SELECT id FROM push_subscriptions WHERE member_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2)";
    let Some(row) = upsert(db, member, subscription).await? else {
        return Ok(None);
    };
    on_db!(db, pool => sqlx::query(TRIM).bind(member).bind(DEVICES_KEPT).execute(pool).await.map(drop))?;
    Ok(Some(row))
}

async fn upsert(
    db: &Db,
    member: Uuid,
    subscription: &ValidSubscription,
) -> Result<Option<PushSubscriptionRow>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO push_subscriptions (id, member_id, endpoint, p256dh, auth, user_agent, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (endpoint) DO UPDATE SET member_id = excluded.member_id, \
         p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent, \
         updated_at = excluded.updated_at \
         WHERE push_subscriptions.member_id = excluded.member_id OR push_subscriptions.auth = excluded.auth \
         RETURNING {COLUMNS}"
    );
    on_db!(db, pool => sqlx::query_as(&sql)
        .bind(Uuid::now_v7())
        .bind(member)
        .bind(&subscription.endpoint)
        .bind(&subscription.p256dh)
        .bind(&subscription.auth)
        .bind(&subscription.user_agent)
        .bind(clock::now())
        .fetch_optional(pool)
        .await)
}

/// Her subscriptions, oldest first.
pub async fn of_member(db: &Db, member: Uuid) -> Result<Vec<PushSubscriptionRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM push_subscriptions WHERE member_id = $1 ORDER BY created_at, id");
    on_db!(db, pool => sqlx::query_as(&sql).bind(member).fetch_all(pool).await)
}

/// Removes her subscription `id`; false when she has none by that id.
pub async fn remove(db: &Db, member: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM push_subscriptions WHERE id = $1 AND member_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(member).execute(pool).await.map(|done| done.rows_affected() == 1))
}

/// A device as pushes are sent to it.
#[derive(Debug, sqlx::FromRow)]
pub struct DeviceRow {
    pub id: Uuid,
    pub member_id: Uuid,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The devices the pushes of `members` go to.
pub async fn devices_of(db: &Db, members: &[Uuid]) -> Result<Vec<DeviceRow>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, member_id, endpoint, p256dh, auth FROM push_subscriptions WHERE member_id IN ({}) ORDER BY id",
        placeholder_list(1, members.len())
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })
}

/// Forgets a device its push service says is gone.
pub async fn forget(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM push_subscriptions WHERE id = $1";
    on_db!(db, pool => sqlx::query(SQL).bind(id).execute(pool).await.map(drop))
}

/// Claims, before sending, each push `(key, device)`; returns those that no run had
/// claimed already, so a job run again after a crash never pushes twice.
pub async fn claim_deliveries(db: &Db, wanted: &[(String, Uuid)]) -> Result<HashSet<(String, Uuid)>, sqlx::Error> {
    if wanted.is_empty() {
        return Ok(HashSet::new());
    }
    let rows = (0..wanted.len()).map(|n| format!("(${}, ${}, $1)", 2 * n + 2, 2 * n + 3)).collect::<Vec<_>>();
    let sql = format!(
        "INSERT INTO push_deliveries (dedupe_key, subscription_id, claimed_at) VALUES {} \
         ON CONFLICT (dedupe_key, subscription_id) DO NOTHING RETURNING dedupe_key, subscription_id",
        rows.join(", ")
    );
    let claimed: Vec<(String, Uuid)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(clock::now());
        for (key, device) in wanted {
            query = query.bind(key).bind(device);
        }
        query.fetch_all(pool).await
    })?;
    Ok(claimed.into_iter().collect())
}

/// `(dedupe_key = $n AND subscription_id = $n+1) OR …` for `count` pushes from `$first`.
fn deliveries_sql(first: usize, count: usize) -> String {
    let each =
        (0..count).map(|n| format!("(dedupe_key = ${} AND subscription_id = ${})", first + 2 * n, first + 2 * n + 1));
    each.collect::<Vec<_>>().join(" OR ")
}

/// Of `claimed` pushes, those another run is sending now (claimed since `since`, not
/// yet answered), with when each was claimed.
pub async fn being_sent(
    db: &Db,
    claimed: &[(String, Uuid)],
    since: DateTime<Utc>,
) -> Result<HashMap<(String, Uuid), DateTime<Utc>>, sqlx::Error> {
    if claimed.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT dedupe_key, subscription_id, claimed_at FROM push_deliveries \
         WHERE sent_at IS NULL AND claimed_at > $1 AND ({})",
        deliveries_sql(2, claimed.len())
    );
    let rows: Vec<(String, Uuid, DateTime<Utc>)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(since);
        for (key, device) in claimed {
            query = query.bind(key).bind(device);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().map(|(key, device, at)| ((key, device), at)).collect())
}

/// Marks pushes `sent` as answered for good (delivered, or refused for good).
pub async fn mark_sent(db: &Db, sent: &[(String, Uuid)]) -> Result<(), sqlx::Error> {
    if sent.is_empty() {
        return Ok(());
    }
    let sql = format!("UPDATE push_deliveries SET sent_at = $1 WHERE {}", deliveries_sql(2, sent.len()));
    on_db!(db, pool => {
        let mut query = sqlx::query(&sql).bind(clock::now());
        for (key, device) in sent {
            query = query.bind(key).bind(device);
        }
        query.execute(pool).await.map(drop)
    })
}

/// Gives up the claim of a push that did not go, so a retry sends it.
pub async fn release_delivery(db: &Db, key: &str, device: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM push_deliveries WHERE dedupe_key = $1 AND subscription_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(key).bind(device).execute(pool).await.map(drop))
}

/// Forgets deliveries claimed before `before` (a redelivered job comes within hours).
pub async fn prune_deliveries(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM push_deliveries WHERE claimed_at < $1";
    on_db!(db, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|done| done.rows_affected()))
}

/// Holds her push of `notification` until her quiet hours end.
pub async fn hold(tx: &mut Tx, member: Uuid, notification: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO push_held (member_id, notification_id, held_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id, notification_id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL).bind(member).bind(notification).bind(clock::now()).execute(conn).await.map(drop))
}

/// The notifications whose pushes are held for her.
pub async fn held_for(db: &Db, member: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT notification_id FROM push_held WHERE member_id = $1 ORDER BY held_at, notification_id";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_all(pool).await)
}

/// Whether pushes are held for her, in `tx`.
pub async fn holds_any(tx: &mut Tx, member: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM push_held WHERE member_id = $1";
    let held: i64 = on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(member).fetch_one(conn).await)?;
    Ok(held > 0)
}

/// Lets go of held pushes `notifications` (sent, or no longer worth sending).
pub async fn unhold(tx: &mut Tx, member: Uuid, notifications: &[Uuid]) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM push_held WHERE member_id = $1 AND notification_id = $2";
    for notification in notifications {
        on_tx!(tx, conn => sqlx::query(SQL).bind(member).bind(notification).execute(conn).await.map(drop))?;
    }
    Ok(())
}
