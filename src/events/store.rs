//! SQL for events, RSVPs and calendar feeds, written once for both databases. An RSVP
//! first bumps the event's `rsvp_seq` with an UPDATE: that takes the event's row lock on
//! PostgreSQL (SQLite has one writer anyway), so RSVPs to one event are decided one at a
//! time and the sequence number records arrival order.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Event, RsvpStatus};
use crate::db::conditions::{Bind, Conditions};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{from_text, to_text};
use crate::db::visibility::blocked_either_way_sql;
use crate::db::{Db, Tx};
use crate::text::fold;
use crate::{on_db, on_tx};

/// An event about to be created.
pub struct NewEvent {
    pub id: Uuid,
    pub group_id: Uuid,
    pub created_by: Uuid,
    pub fields: EventFields,
    pub now: DateTime<Utc>,
}

/// The fields an organiser sets.
#[derive(Debug, Clone)]
pub struct EventFields {
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub location: Option<String>,
    pub city: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub kids_welcome: bool,
    pub childcare_provided: bool,
    pub childcare_capacity: Option<i64>,
    pub cost_cents: i64,
}

fn event_select() -> String {
    format!(
        "SELECT e.id, e.group_id, e.created_by, e.title, e.description, e.starts_at, e.ends_at, e.timezone, e.location, \
     e.city, e.online_url, e.capacity, e.kids_welcome, e.childcare_provided, e.childcare_capacity, e.cost_cents, \
     e.going_count, e.childcare_taken, e.sequence, e.cancelled_at, e.created_at, e.updated_at, \
     (SELECT COUNT(*) FROM rsvps w WHERE w.event_id = e.id AND w.status = 'WAITLISTED') AS waitlist_count, \
     r.status AS viewer_status_text, r.kids AS viewer_kids, \
     CASE WHEN r.status = 'WAITLISTED' THEN (SELECT COUNT(*) FROM rsvps w WHERE w.event_id = e.id \
       AND w.status = 'WAITLISTED' AND w.seq <= r.seq) END AS viewer_position, {} AS organiser_hidden \
     FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.member_id = $1",
        blocked_either_way_sql("e.created_by", "$1")
    )
}

/// Inserts an event inside `tx`.
pub async fn insert_event(tx: &mut Tx, event: &NewEvent) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO events (id, group_id, created_by, title, description, starts_at, ends_at, timezone, \
        location, city, online_url, capacity, kids_welcome, childcare_provided, childcare_capacity, cost_cents, \
        city_key, going_count, childcare_taken, rsvp_seq, sequence, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, 0, 0, 0, $18, $18)";
    let f = &event.fields;
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(event.id)
        .bind(event.group_id)
        .bind(event.created_by)
        .bind(&f.title)
        .bind(&f.description)
        .bind(f.starts_at)
        .bind(f.ends_at)
        .bind(&f.timezone)
        .bind(&f.location)
        .bind(&f.city)
        .bind(&f.online_url)
        .bind(f.capacity)
        .bind(f.kids_welcome)
        .bind(f.childcare_provided)
        .bind(f.childcare_capacity)
        .bind(f.cost_cents)
        .bind(f.city.as_deref().map(fold))
        .bind(event.now)
        .execute(conn)
        .await
        .map(drop))
}

/// Replaces an organiser's fields and bumps the iCalendar sequence.
pub async fn update_event(tx: &mut Tx, id: Uuid, f: &EventFields, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE events SET title = $2, description = $3, starts_at = $4, ends_at = $5, timezone = $6, \
        location = $7, city = $8, online_url = $9, capacity = $10, kids_welcome = $11, childcare_provided = $12, \
        childcare_capacity = $13, cost_cents = $14, city_key = $16, sequence = sequence + 1, updated_at = $15 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id)
        .bind(&f.title)
        .bind(&f.description)
        .bind(f.starts_at)
        .bind(f.ends_at)
        .bind(&f.timezone)
        .bind(&f.location)
        .bind(&f.city)
        .bind(&f.online_url)
        .bind(f.capacity)
        .bind(f.kids_welcome)
        .bind(f.childcare_provided)
        .bind(f.childcare_capacity)
        .bind(f.cost_cents)
        .bind(now)
        .bind(f.city.as_deref().map(fold))
        .execute(conn)
        .await
        .map(drop))
}

/// Marks an event cancelled; false when it already was.
pub async fn cancel_event(tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE events SET cancelled_at = $2, sequence = sequence + 1, updated_at = $2 \
                       WHERE id = $1 AND cancelled_at IS NULL";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(now).execute(conn).await.map(|done| done.rows_affected() == 1))
}

/// The event `id` as `viewer` sees it.
pub async fn find_event(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Event>, sqlx::Error> {
    let sql = format!("{} WHERE e.id = $2", event_select());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Which events a list shows.
#[derive(Debug, Default, Clone)]
pub struct EventFilter {
    pub group_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub city: Option<String>,
    pub kids_welcome: Option<bool>,
    pub childcare_provided: Option<bool>,
    /// Only events the viewer answered: `Going` for those she is going to, `Waitlisted`
    /// for those she is going to or waitlisted for.
    pub mine: Option<RsvpStatus>,
}

/// A page of events in groups whose content the viewer may read, soonest first.
pub async fn page_events(db: &Db, viewer: Uuid, filter: &EventFilter, page: &Page) -> Result<Vec<Event>, sqlx::Error> {
    let mut conditions = Conditions::new(2);
    if let Some(group_id) = filter.group_id {
        conditions.push("e.group_id = ?", Bind::Id(group_id));
    }
    if let Some(from) = filter.from {
        conditions.push("e.ends_at > ?", Bind::Time(from));
    }
    if let Some(to) = filter.to {
        conditions.push("e.starts_at < ?", Bind::Time(to));
    }
    if let Some(city) = &filter.city {
        conditions.push("e.city_key = ?", Bind::Text(fold(city)));
    }
    for (flag, column) in [(filter.kids_welcome, "e.kids_welcome"), (filter.childcare_provided, "e.childcare_provided")]
    {
        if let Some(flag) = flag {
            conditions.sql += &format!(" AND {column} = {}", if flag { "TRUE" } else { "FALSE" });
        }
    }
    conditions.sql += match filter.mine {
        Some(RsvpStatus::Going) => " AND r.status = 'GOING'",
        Some(_) => " AND r.status IN ('GOING', 'WAITLISTED')",
        None => "",
    };
    conditions.sql += &format!(" AND NOT {}", blocked_either_way_sql("e.created_by", "$1"));
    let keyset = page.keyset_sql(Order::OldestFirst, "e.starts_at", "e.id", conditions.next_param);
    let sql = format!(
        "{} WHERE e.group_id IN ({}){}{}{}",
        event_select(),
        crate::db::visibility::readable_group_ids_sql("$1"),
        conditions.sql,
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = crate::bind_all!(sqlx::query_as(&sql).bind(viewer), &conditions.binds);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// The state of an event an RSVP decides on, read while holding its lock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LockedEvent {
    pub starts_at: DateTime<Utc>,
    pub rsvp_seq: i64,
    pub capacity: Option<i64>,
    pub going_count: i64,
    pub kids_welcome: bool,
    pub childcare_provided: bool,
    pub childcare_capacity: Option<i64>,
    pub childcare_taken: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// Locks event `id` for an RSVP and takes the next arrival number.
pub async fn lock_for_rsvp(tx: &mut Tx, id: Uuid) -> Result<Option<LockedEvent>, sqlx::Error> {
    const SQL: &str = "UPDATE events SET rsvp_seq = rsvp_seq + 1 WHERE id = $1 RETURNING starts_at, rsvp_seq, capacity, going_count, \
                       kids_welcome, childcare_provided, childcare_capacity, childcare_taken, cancelled_at";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(id).fetch_optional(conn).await)
}

/// A stored RSVP.
#[derive(Debug, Clone)]
pub struct StoredRsvp {
    pub member_id: Uuid,
    pub status: RsvpStatus,
    pub kids: i64,
    pub childcare_seats: i64,
    pub seq: i64,
}

type RsvpRow = (Uuid, String, i64, i64, i64);

fn stored((member_id, status, kids, childcare_seats, seq): RsvpRow) -> Result<StoredRsvp, sqlx::Error> {
    let status = from_text(&status).map_err(|error| sqlx::Error::Decode(error.into()))?;
    Ok(StoredRsvp { member_id, status, kids, childcare_seats, seq })
}

/// The RSVP of `member_id` to `event_id`, read inside `tx`.
pub async fn find_rsvp(tx: &mut Tx, event_id: Uuid, member_id: Uuid) -> Result<Option<StoredRsvp>, sqlx::Error> {
    const SQL: &str =
        "SELECT member_id, status, kids, childcare_seats, seq FROM rsvps WHERE event_id = $1 AND member_id = $2";
    let row: Option<RsvpRow> =
        on_tx!(tx, conn => sqlx::query_as(SQL).bind(event_id).bind(member_id).fetch_optional(conn).await)?;
    row.map(stored).transpose()
}

/// The first waitlisted RSVP of `event_id`, in arrival order, whose children fit in
/// `childcare_left` places.
pub async fn first_waiting_that_fits(
    tx: &mut Tx,
    event_id: Uuid,
    childcare_left: i64,
) -> Result<Option<StoredRsvp>, sqlx::Error> {
    const SQL: &str = "SELECT member_id, status, kids, childcare_seats, seq FROM rsvps \
                       WHERE event_id = $1 AND status = 'WAITLISTED' AND childcare_seats <= $2 ORDER BY seq LIMIT 1";
    let row: Option<RsvpRow> =
        on_tx!(tx, conn => sqlx::query_as(SQL).bind(event_id).bind(childcare_left).fetch_optional(conn).await)?;
    row.map(stored).transpose()
}

/// The most childcare places any one waitlisted member of `event_id` needs, read inside
/// `tx` (0 when none).
pub async fn most_childcare_waiting(tx: &mut Tx, event_id: Uuid) -> Result<i64, sqlx::Error> {
    const SQL: &str =
        "SELECT COALESCE(MAX(childcare_seats), 0) FROM rsvps WHERE event_id = $1 AND status = 'WAITLISTED'";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(event_id).fetch_one(conn).await)
}

/// Upcoming, not cancelled events of `group_id` that `member_id` is going to or waiting for.
pub async fn answered_upcoming(
    tx: &mut Tx,
    group_id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT e.id FROM events e JOIN rsvps r ON r.event_id = e.id \
                       WHERE e.group_id = $1 AND r.member_id = $2 AND r.status IN ('GOING', 'WAITLISTED') \
                       AND e.cancelled_at IS NULL AND e.ends_at > $3";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).bind(member_id).bind(now).fetch_all(conn).await)
}

/// Upcoming, not cancelled events of `group_id` that `member_id` is neither going to
/// nor waiting for.
pub async fn unanswered_upcoming(
    tx: &mut Tx,
    group_id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT e.id FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.member_id = $2 \
                       WHERE e.group_id = $1 AND (r.status IS NULL OR r.status = 'NOT_GOING') \
                       AND e.cancelled_at IS NULL AND e.ends_at > $3 ORDER BY e.starts_at, e.id";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).bind(member_id).bind(now).fetch_all(conn).await)
}

/// The upcoming events `member_id` answered GOING or is waitlisted for, anywhere.
pub async fn answered_upcoming_anywhere(
    tx: &mut Tx,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT e.id FROM events e JOIN rsvps r ON r.event_id = e.id \
                       WHERE r.member_id = $1 AND r.status IN ('GOING', 'WAITLISTED') \
                       AND e.cancelled_at IS NULL AND e.ends_at > $2";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(member_id).bind(now).fetch_all(conn).await)
}

/// Writes an RSVP (new or changed).
pub async fn save_rsvp(tx: &mut Tx, event_id: Uuid, rsvp: &StoredRsvp, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO rsvps (event_id, member_id, status, kids, childcare_seats, seq, responded_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, member_id) DO UPDATE SET \
                       status = excluded.status, kids = excluded.kids, childcare_seats = excluded.childcare_seats, \
                       seq = excluded.seq, responded_at = excluded.responded_at";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(event_id)
        .bind(rsvp.member_id)
        .bind(to_text(rsvp.status))
        .bind(rsvp.kids)
        .bind(rsvp.childcare_seats)
        .bind(rsvp.seq)
        .bind(now)
        .execute(conn)
        .await
        .map(drop))
}

/// Stores the seats taken after an RSVP.
pub async fn set_counts(
    tx: &mut Tx,
    event_id: Uuid,
    going_count: i64,
    childcare_taken: i64,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE events SET going_count = $2, childcare_taken = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(event_id).bind(going_count).bind(childcare_taken).execute(conn).await.map(drop))
}

/// A page of the members going to `event_id`, in arrival order, without those `viewer`
/// blocked.
pub async fn page_attendees(
    db: &Db,
    viewer: Uuid,
    event_id: Uuid,
    page: &Page,
) -> Result<Vec<(Uuid, DateTime<Utc>)>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "responded_at", "member_id", 3);
    let sql = format!(
        "SELECT member_id, responded_at FROM rsvps WHERE event_id = $1 AND status = 'GOING' AND NOT {}{}{}",
        crate::db::visibility::blocked_either_way_sql("member_id", "$2"),
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(event_id).bind(viewer);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// Replaces the member's calendar feed token.
pub async fn set_feed_token(
    db: &Db,
    member_id: Uuid,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO calendar_feeds (member_id, token_hash, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at";
    on_db!(db, pool => sqlx::query(SQL).bind(member_id).bind(token_hash).bind(now).execute(pool).await.map(drop))
}

/// The member a calendar feed token belongs to.
pub async fn feed_owner(db: &Db, token_hash: &[u8]) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT member_id FROM calendar_feeds WHERE token_hash = $1";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(token_hash).fetch_optional(pool).await)
}

/// An event and who answered it: what its notifications are made from.
#[derive(Debug)]
pub struct EventAudience {
    pub event_id: Uuid,
    pub group_id: Uuid,
    pub organiser: Uuid,
    pub starts_at: DateTime<Utc>,
    pub cancelled: bool,
    /// Going or waitlisted.
    pub answered: Vec<Uuid>,
    pub going: Vec<Uuid>,
}

/// An event's group, organiser, start and cancellation.
type EventHead = (Uuid, Uuid, DateTime<Utc>, Option<DateTime<Utc>>);

/// Event `id` and who is going or waiting for it; `None` once it is gone.
pub async fn event_audience(db: &Db, id: Uuid) -> Result<Option<EventAudience>, sqlx::Error> {
    const EVENT: &str = "SELECT group_id, created_by, starts_at, cancelled_at FROM events WHERE id = $1";
    const ANSWERED: &str =
        "SELECT member_id, status FROM rsvps WHERE event_id = $1 AND status IN ('GOING', 'WAITLISTED')";
    let event: Option<EventHead> = on_db!(db, pool => sqlx::query_as(EVENT).bind(id).fetch_optional(pool).await)?;
    let Some((group_id, organiser, starts_at, cancelled_at)) = event else {
        return Ok(None);
    };
    let answers: Vec<(Uuid, String)> = on_db!(db, pool => sqlx::query_as(ANSWERED).bind(id).fetch_all(pool).await)?;
    let going = answers.iter().filter(|(_, status)| status == "GOING").map(|(member, _)| *member).collect();
    let answered = answers.into_iter().map(|(member, _)| member).collect();
    let cancelled = cancelled_at.is_some();
    Ok(Some(EventAudience { event_id: id, group_id, organiser, starts_at, cancelled, answered, going }))
}
