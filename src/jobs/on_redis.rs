//! The two loops of the Redis queue: the relay, which passes the outbox's due jobs on to
//! the job stream (giving the claims back if Redis cannot take them), and the consumer,
//! which reads entries, runs their jobs and acknowledges them (a round's pushes going on
//! beside the next round's jobs) — and, now and then,
//! takes over entries a dead worker left pending. A consumer that finds the stream's
//! group gone (Redis restarted empty) makes it again and has every relayed job relayed
//! again at once.

use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use redis::aio::MultiplexedConnection;
use tokio::sync::watch;

use super::overlap::Overlap;
use super::runner::{Attempted, Worker};
use super::store;
use super::stream::{Claim, Entry, JobStream};
use crate::clock;
use crate::db::Db;

const TICK: Duration = Duration::from_millis(200);
/// Due jobs relayed at once.
const RELAY_BATCH: i64 = 500;
/// Entries read at once.
const READ_BATCH: usize = 256;
/// How often a worker looks for entries a dead worker left.
const RECLAIM_EVERY: Duration = Duration::from_secs(5);
/// How long to wait after Redis failed before trying again.
const AFTER_FAILURE: Duration = Duration::from_secs(1);

/// A relayed job's lease, in claims: long enough for the stream's backlog, after which a
/// job whose entry was lost (Redis restarted empty) is relayed again.
const RELAY_LEASE_CLAIMS: u32 = 5;

/// Relays due jobs to `stream` and runs what it delivers, until `stopping`.
pub async fn work(worker: Worker, stream: JobStream, stopping: watch::Receiver<bool>) {
    let lease = worker.claim * RELAY_LEASE_CLAIMS;
    let relay = tokio::spawn(relay(worker.db.clone(), stream.clone(), lease, stopping.clone()));
    consume(worker, stream, stopping).await;
    if let Err(error) = relay.await {
        tracing::error!(%error, "the job relay panicked");
    }
}

/// Passes due jobs on to `stream`, each claimed for `lease`, until `stopping`.
async fn relay(db: Db, stream: JobStream, lease: Duration, mut stopping: watch::Receiver<bool>) {
    let mut connection = None;
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => return,
            _ = tick.tick() => {}
        }
        if let Err(error) = relay_due(&db, &stream, &mut connection, lease).await {
            tracing::warn!(error = %format!("{error:#}"), "cannot relay jobs to Redis now; they wait in the outbox");
            connection = None;
            tokio::time::sleep(AFTER_FAILURE).await;
        }
    }
}

async fn relay_due(
    db: &Db,
    stream: &JobStream,
    connection: &mut Option<MultiplexedConnection>,
    lease: Duration,
) -> anyhow::Result<()> {
    if store::bury_abandoned(db).await? > 0 {
        tracing::error!("jobs the workers died on too often were set aside");
    }
    loop {
        let until = clock::now() + chrono::Duration::from_std(lease).unwrap_or_default();
        // Not an attempt yet: a worker counts one when it starts the job.
        let jobs = store::claim(db, RELAY_BATCH, until, false).await?;
        if jobs.is_empty() {
            return Ok(());
        }
        let claims: Vec<Claim> = jobs.iter().map(|job| Claim { job: job.id, until: job.locked_until }).collect();
        let published = match connection {
            Some(connection) => stream.publish(connection, &claims).await,
            None => match stream.connect().await {
                Ok(fresh) => stream.publish(connection.insert(fresh), &claims).await,
                Err(error) => Err(error),
            },
        };
        if let Err(error) = published {
            store::unclaim(db, &jobs).await?;
            return Err(error.into());
        }
        if jobs.len() < usize::try_from(RELAY_BATCH).unwrap_or(usize::MAX) {
            return Ok(());
        }
    }
}

/// What is left of a round once the jobs whose order matters ran: the batch runners'
/// jobs, then acknowledging the round's entries.
type RestOfRound = BoxFuture<'static, anyhow::Result<()>>;

/// Reads and runs jobs from `stream` until `stopping`.
async fn consume(worker: Worker, stream: JobStream, stopping: watch::Receiver<bool>) {
    let mut connection = None;
    let mut last_reclaim = Instant::now();
    let mut rests = Overlap::new();
    while !*stopping.borrow() {
        let reclaim = last_reclaim.elapsed() >= RECLAIM_EVERY;
        if reclaim {
            last_reclaim = Instant::now();
        }
        // In a task of its own, so a job that panics leaves its entry pending (to be
        // taken over), not the worker dead.
        let round = tokio::spawn({
            let (worker, stream, connection) = (worker.clone(), stream.clone(), connection.take());
            async move { consume_once(&worker, &stream, connection, reclaim).await }
        });
        let rest = match round.await {
            Ok(Ok((kept, rest))) => {
                connection = Some(kept);
                rests.start(rest).await
            }
            Ok(Err(error)) => Err(error),
            Err(error) => {
                tracing::error!(%error, "a job panicked; its entry is taken over when idle");
                Ok(())
            }
        };
        if let Err(error) = rest {
            tracing::warn!(error = %format!("{error:#}"), "cannot read, run or acknowledge jobs now; trying again shortly");
            tokio::time::sleep(AFTER_FAILURE).await;
        }
    }
    if let Err(error) = rests.finish().await {
        tracing::warn!(error = %format!("{error:#}"), "cannot acknowledge jobs run while stopping; they run again");
    }
}

/// One round: new entries (or, when `reclaim`, those dead workers left), their jobs
/// whose order matters run. Returns the connection for the next round, and the rest of
/// this one.
async fn consume_once(
    worker: &Worker,
    stream: &JobStream,
    connection: Option<MultiplexedConnection>,
    reclaim: bool,
) -> anyhow::Result<(MultiplexedConnection, RestOfRound)> {
    let mut connection = match connection {
        Some(connection) => connection,
        None => {
            let mut fresh = stream.connect().await?;
            make_group(&worker.db, stream, &mut fresh).await?;
            fresh
        }
    };
    let entries = if reclaim {
        let (again, worn_out) = stream.reclaim(&mut connection, worker.claim, READ_BATCH).await?;
        set_aside(worker, stream, &mut connection, worn_out).await?;
        again
    } else {
        match stream.read(&mut connection, READ_BATCH).await {
            Err(error) if error.code() == Some("NOGROUP") => {
                make_group(&worker.db, stream, &mut connection).await?;
                Vec::new()
            }
            read => read?,
        }
    };
    let rest = run_entries(worker, stream, &connection, entries).await?;
    Ok((connection, rest))
}

/// Makes the consumer group if it is missing. Made anew (not at a deployment's first
/// start) it means Redis lost the stream — restarted empty — and with it the entries of
/// every job relayed and not yet done: those are given back to be relayed at once
/// rather than when their leases lapse.
async fn make_group(db: &Db, stream: &JobStream, connection: &mut MultiplexedConnection) -> anyhow::Result<()> {
    if stream.create_group(connection).await? {
        let released = store::release_relayed(db).await?;
        if released > 0 {
            tracing::warn!(released, "the job stream was gone (Redis restarted empty?); relaying its jobs again");
        }
    }
    Ok(())
}

/// Runs the jobs `entries` name (skipping those done already) whose order matters;
/// returns the rest: the batch runners' jobs, then the entries acknowledged.
async fn run_entries(
    worker: &Worker,
    stream: &JobStream,
    connection: &MultiplexedConnection,
    entries: Vec<Entry>,
) -> anyhow::Result<RestOfRound> {
    let claims: Vec<Claim> = entries.iter().filter_map(|entry| entry.claim).collect();
    let jobs = store::start_relayed(&worker.db, &claims).await?;
    let (mut attempted, batches) = worker.run_in_order(jobs).await?;
    let (worker, stream, mut connection) = (worker.clone(), stream.clone(), connection.clone());
    Ok(Box::pin(async move {
        attempted.extend(worker.run_batches(batches).await?);
        for (job, attempted) in attempted {
            if let Attempted::SetAside(error) = attempted {
                stream.dead_letter(&mut connection, job, &error).await?;
            }
        }
        let ids: Vec<String> = entries.into_iter().map(|entry| entry.id).collect();
        stream.finish(&mut connection, &ids).await?;
        Ok(())
    }))
}

/// Sets aside the jobs of entries workers kept dying on.
async fn set_aside(
    worker: &Worker,
    stream: &JobStream,
    connection: &mut MultiplexedConnection,
    worn_out: Vec<Entry>,
) -> anyhow::Result<()> {
    const WHY: &str = "the workers stopped while running it, too often";
    for claim in worn_out.iter().filter_map(|entry| entry.claim) {
        // Only if the job is still where this entry left it (not relayed again since).
        if store::set_aside(&worker.db, claim, WHY).await? {
            tracing::error!(job = %claim.job, "{WHY}; set aside");
            stream.dead_letter(connection, claim.job, WHY).await?;
        }
    }
    let ids: Vec<String> = worn_out.into_iter().map(|entry| entry.id).collect();
    stream.finish(connection, &ids).await?;
    Ok(())
}
