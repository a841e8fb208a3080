//! The job queue on Redis (with `REDIS_URL`): a relay moves due jobs from the outbox
//! into a stream that every worker reads through one consumer group, so instances share
//! the work without polling the database. An entry carries the claim it was relayed
//! under; a worker runs the job only while that claim is still the job's.
//! The outbox row stays until the job's work commits with its removal, so a Redis that
//! restarts empty loses nothing: a job whose entry vanished is relayed again when its
//! lease lapses. A worker that dies leaves its entries pending; the others claim them
//! once idle for a claim's length, and an entry delivered too often is set aside on the
//! dead-letter stream.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

use redis::aio::MultiplexedConnection;
use redis::streams::{StreamClaimReply, StreamId, StreamPendingCountReply, StreamReadOptions, StreamReadReply};
use redis::{AsyncCommands, AsyncConnectionConfig, RedisResult};
use uuid::Uuid;

use crate::db::Db;
use crate::on_db;

const GROUP: &str = "village-workers";
/// How long a read waits for new entries before checking for the end of work.
const READ_BLOCK: Duration = Duration::from_secs(1);
/// Deliveries after which an entry workers keep dying on is set aside.
pub const MAX_DELIVERIES: usize = 5;

/// One deployment's job stream and its dead-letter stream.
#[derive(Clone)]
pub struct JobStream {
    client: redis::Client,
    stream: String,
    dead: String,
    consumer: String,
}

/// A stream entry and the job claim it carries (none when the entry is not one of ours).
pub struct Entry {
    pub id: String,
    pub claim: Option<Claim>,
}

/// A job as relayed: its id and the claim it was relayed under. An entry whose claim is
/// no longer the job's (the job was relayed again, retried or done) is stale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Claim {
    pub job: Uuid,
    pub until: DateTime<Utc>,
}

impl From<StreamId> for Entry {
    fn from(entry: StreamId) -> Self {
        let job = entry.get::<String>("job").and_then(|job| job.parse().ok());
        let until = entry.get::<String>("until").and_then(|until| DateTime::parse_from_rfc3339(&until).ok());
        let claim = job.zip(until).map(|(job, until)| Claim { job, until: until.to_utc() });
        Self { id: entry.id, claim }
    }
}

impl JobStream {
    /// The stream of the deployment on `db` (named so deployments can share a Redis).
    pub async fn new(client: redis::Client, db: &Db) -> anyhow::Result<Self> {
        let deployment = deployment_id(db).await?;
        let consumer = format!("{}-{}", std::process::id(), Uuid::now_v7().simple());
        Ok(Self {
            client,
            stream: format!("village:{deployment}:jobs"),
            dead: format!("village:{deployment}:jobs:dead"),
            consumer,
        })
    }

    /// A connection of its own (a blocking read holds its connection), which waits out
    /// a blocking read's answer.
    pub async fn connect(&self) -> RedisResult<MultiplexedConnection> {
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(READ_BLOCK + Duration::from_secs(5)));
        self.client.get_multiplexed_async_connection_with_config(&config).await
    }

    /// Adds the claimed jobs `claims` to the stream.
    pub async fn publish(&self, connection: &mut MultiplexedConnection, claims: &[Claim]) -> RedisResult<()> {
        let mut pipe = redis::pipe();
        for claim in claims {
            let until = claim.until.to_rfc3339_opts(SecondsFormat::Micros, true);
            pipe.xadd(&self.stream, "*", &[("job", claim.job.to_string()), ("until", until)]).ignore();
        }
        pipe.query_async(connection).await
    }

    /// Up to `count` new entries for this worker, waiting up to a second for them. Fails
    /// with `NOGROUP` when the stream or its group is gone (Redis restarted empty).
    pub async fn read(&self, connection: &mut MultiplexedConnection, count: usize) -> RedisResult<Vec<Entry>> {
        let block = usize::try_from(READ_BLOCK.as_millis()).unwrap_or(1000);
        let options = StreamReadOptions::default().group(GROUP, &self.consumer).count(count).block(block);
        let reply: Option<StreamReadReply> = connection.xread_options(&[&self.stream], &[">"], &options).await?;
        let entries = reply.map(|reply| reply.keys).unwrap_or_default().into_iter().flat_map(|key| key.ids);
        Ok(entries.map(Entry::from).collect())
    }

    /// Makes the consumer group (reading the stream from its start, so entries added
    /// before it existed — after Redis restarted, say — are read too); returns whether
    /// this call made it (false when it was there already).
    pub async fn create_group(&self, connection: &mut MultiplexedConnection) -> RedisResult<bool> {
        let created: RedisResult<()> = connection.xgroup_create_mkstream(&self.stream, GROUP, "0").await;
        match created {
            Err(error) if error.code() == Some("BUSYGROUP") => Ok(false),
            created => created.map(|()| true),
        }
    }

    /// Takes over up to `count` entries left pending for `idle` or longer (their
    /// worker died): returns those to run again, and those already delivered
    /// `MAX_DELIVERIES` times, to set aside.
    pub async fn reclaim(
        &self,
        connection: &mut MultiplexedConnection,
        idle: Duration,
        count: usize,
    ) -> RedisResult<(Vec<Entry>, Vec<Entry>)> {
        let idle_ms = usize::try_from(idle.as_millis()).unwrap_or(usize::MAX);
        let pending: StreamPendingCountReply = redis::cmd("XPENDING")
            .arg(&self.stream)
            .arg(GROUP)
            .arg("IDLE")
            .arg(idle_ms)
            .arg("-")
            .arg("+")
            .arg(count)
            .query_async(connection)
            .await?;
        if pending.ids.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let ids: Vec<&str> = pending.ids.iter().map(|entry| entry.id.as_str()).collect();
        let claimed: StreamClaimReply = connection.xclaim(&self.stream, GROUP, &self.consumer, idle_ms, &ids).await?;
        let worn_out = |entry: &Entry| {
            pending.ids.iter().any(|pending| pending.id == entry.id && pending.times_delivered >= MAX_DELIVERIES)
        };
        Ok(claimed.ids.into_iter().map(Entry::from).partition(|entry| !worn_out(entry)))
    }

    /// Acknowledges and drops entries `ids`: their jobs are done, retried from the
    /// outbox later, or set aside.
    pub async fn finish(&self, connection: &mut MultiplexedConnection, ids: &[String]) -> RedisResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut pipe = redis::pipe();
        pipe.xack(&self.stream, GROUP, ids).ignore().xdel(&self.stream, ids).ignore();
        pipe.query_async(connection).await
    }

    /// Records job `job` on the dead-letter stream, with why it was set aside.
    pub async fn dead_letter(&self, connection: &mut MultiplexedConnection, job: Uuid, why: &str) -> RedisResult<()> {
        connection.xadd(&self.dead, "*", &[("job", job.to_string().as_str()), ("error", why)]).await
    }
}

/// This deployment's name, made by whichever instance asks first.
async fn deployment_id(db: &Db) -> Result<String, sqlx::Error> {
    const MAKE: &str = "INSERT INTO deployment (singleton, id) VALUES (1, $1) ON CONFLICT (singleton) DO NOTHING";
    const READ: &str = "SELECT id FROM deployment WHERE singleton = 1";
    let fresh = Uuid::now_v7().simple().to_string();
    on_db!(db, pool => sqlx::query(MAKE).bind(&fresh).execute(pool).await.map(drop))?;
    on_db!(db, pool => sqlx::query_scalar(READ).fetch_one(pool).await)
}
