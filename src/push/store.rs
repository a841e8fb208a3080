//! Push devices in the database — Web Push subscriptions (one per endpoint) and native
//! apps (one per transport and token), registered again at will — and the records of
//! which pushes went to which device, and of pushes held during quiet hours.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::device::{PushEnvironment, PushTransport};
use super::native::ValidNativeDevice;
use super::subscription::ValidSubscription;
use crate::clock;
use crate::db::text_enum::{from_text, to_text};
use crate::db::{Db, Tx, placeholder_list};
use crate::{on_db, on_tx};

/// A device, as its member sees it and as pushes are sent to it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub id: Uuid,
    pub member_id: Uuid,
    #[sqlx(try_from = "String")]
    pub transport: PushTransport,
    pub endpoint: Option<String>,
    pub p256dh: Option<String>,
    pub auth: Option<String>,
    pub token: Option<String>,
    pub app_id: Option<String>,
    #[sqlx(rename = "environment")]
    pub environment_text: Option<String>,
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl DeviceRow {
    /// Which APNs an iOS device is registered with.
    pub fn environment(&self) -> Option<PushEnvironment> {
        self.environment_text.as_deref().and_then(|text| from_text(text).ok())
    }
}

const COLUMNS: &str = "id, member_id, transport, endpoint, p256dh, auth, token, app_id, environment, name, created_at";

/// Devices whose registering session is live (or that no session registered), `$n`
/// being now: a phone she signed out of, or whose session ran out, gets none of her
/// pushes, and its token is free for whoever signs in on it next.
fn live(now: usize) -> String {
    format!(
        "(push_devices.session_id IS NULL OR EXISTS (SELECT 1 FROM sessions WHERE sessions.id = \
         push_devices.session_id AND sessions.revoked_at IS NULL AND sessions.expires_at > ${now}))"
    )
}

/// Devices kept per member: reinstalling an app makes a new endpoint or token and the
/// old one is rarely removed, so the least recently registered give way.
const DEVICES_KEPT: i64 = 20;

/// Records `subscription` for `member`, registered by her `session`; an endpoint
/// registered before keeps its row, now hers, with the new keys — but a device
/// registered by another member moves to her only with the same auth secret (the same
/// browser or phone, now signed in as her): knowing an endpoint is not enough to take
/// someone's pushes. `None` when it did not move.
pub async fn register_web_push(
    db: &Db,
    member: Uuid,
    session: Uuid,
    subscription: &ValidSubscription,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO push_devices (id, member_id, transport, endpoint, p256dh, auth, name, session_id, created_at, \
         updated_at) VALUES ($1, $2, 'WEB_PUSH', $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (endpoint) DO UPDATE SET \
         member_id = excluded.member_id, p256dh = excluded.p256dh, auth = excluded.auth, name = excluded.name, \
         session_id = excluded.session_id, updated_at = excluded.updated_at \
         WHERE push_devices.member_id = excluded.member_id OR push_devices.auth = excluded.auth \
         RETURNING {COLUMNS}"
    );
    let row = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(Uuid::now_v7())
        .bind(member)
        .bind(&subscription.endpoint)
        .bind(&subscription.p256dh)
        .bind(&subscription.auth)
        .bind(&subscription.user_agent)
        .bind(session)
        .bind(clock::now())
        .fetch_optional(pool)
        .await)?;
    keep_recent(db, member).await?;
    Ok(row)
}

/// Records a native app's `device` for `member`, registered by her `session`; the same
/// token registered again keeps its row with what the app says now. A token another
/// member registered moves only once her session there has ended; otherwise `None`.
pub async fn register_native(
    db: &Db,
    member: Uuid,
    session: Uuid,
    device: &ValidNativeDevice,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO push_devices (id, member_id, transport, token, app_id, environment, name, session_id, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (transport, token) DO UPDATE SET member_id = excluded.member_id, app_id = excluded.app_id, \
         environment = excluded.environment, name = excluded.name, session_id = excluded.session_id, \
         updated_at = excluded.updated_at WHERE push_devices.member_id = excluded.member_id OR NOT {} \
         RETURNING {COLUMNS}",
        live(9)
    );
    let row = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(Uuid::now_v7())
        .bind(member)
        .bind(to_text(device.transport))
        .bind(&device.token)
        .bind(&device.app_id)
        .bind(device.environment.map(to_text))
        .bind(&device.name)
        .bind(session)
        .bind(clock::now())
        .fetch_optional(pool)
        .await)?;
    keep_recent(db, member).await?;
    Ok(row)
}

/// Beyond `DEVICES_KEPT`, drops her least recently registered devices.
async fn keep_recent(db: &Db, member: Uuid) -> Result<(), sqlx::Error> {
    const TRIM: &str = "DELETE FROM push_devices WHERE member_id = $1 AND id NOT IN \
                        (SELECT id FROM push_devices WHERE member_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2)";
    on_db!(db, pool => sqlx::query(TRIM).bind(member).bind(DEVICES_KEPT).execute(pool).await.map(drop))
}

/// Her devices that receive her pushes, oldest first.
pub async fn of_member(db: &Db, member: Uuid) -> Result<Vec<DeviceRow>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM push_devices WHERE member_id = $1 AND {} ORDER BY created_at, id", live(2));
    on_db!(db, pool => sqlx::query_as(&sql).bind(member).bind(clock::now()).fetch_all(pool).await)
}

/// Removes her device `id`; false when she has none by that id.
pub async fn remove(db: &Db, member: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM push_devices WHERE id = $1 AND member_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(member).execute(pool).await.map(|done| done.rows_affected() == 1))
}

/// Removes the devices `session` registered (the app signing out said so); returns how many.
pub async fn forget_session_devices(db: &Db, session: Uuid) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM push_devices WHERE session_id = $1";
    on_db!(db, pool => sqlx::query(SQL).bind(session).execute(pool).await.map(|done| done.rows_affected()))
}

/// The devices the pushes of `members` go to.
pub async fn devices_of(db: &Db, members: &[Uuid]) -> Result<Vec<DeviceRow>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM push_devices WHERE member_id IN ({}) AND {} ORDER BY id",
        placeholder_list(2, members.len()),
        live(1)
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(clock::now());
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })
}

/// Forgets a device its push service says is gone.
pub async fn forget(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM push_devices WHERE id = $1";
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
        "INSERT INTO push_deliveries (dedupe_key, device_id, claimed_at) VALUES {} \
         ON CONFLICT (dedupe_key, device_id) DO NOTHING RETURNING dedupe_key, device_id",
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

/// `(dedupe_key = $n AND device_id = $n+1) OR …` for `count` pushes from `$first`.
fn deliveries_sql(first: usize, count: usize) -> String {
    let each = (0..count).map(|n| format!("(dedupe_key = ${} AND device_id = ${})", first + 2 * n, first + 2 * n + 1));
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
        "SELECT dedupe_key, device_id, claimed_at FROM push_deliveries \
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
    const SQL: &str = "DELETE FROM push_deliveries WHERE dedupe_key = $1 AND device_id = $2";
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
