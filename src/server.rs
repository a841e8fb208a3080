//! Assembling and running a server: connect the database (and Redis), migrate, build the
//! schema and the router, serve until the shutdown future resolves, then drain.

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::accounts::{self, Accounts};
use crate::auth::{self, AuthService};
use crate::config::Settings;
use crate::db::{self, Db};
use crate::graphql::TrustedDocuments;
use crate::http::websocket::{self, Admission, ConnectionLimit};
use crate::http::{self, AppState, Shared};
use crate::mailing_list::{self, MailingList};
use crate::push::{self, PushConfig};
use crate::rate_limits::RateLimits;
use crate::realtime::Bus;
use crate::{
    coffee_chats, digests, email, job_board, jobs, messages, moderation, notifications, programs, schema, secrets,
    surveys, telemetry, threads,
};

/// A server ready to serve: storage connected and migrated.
pub struct App {
    state: AppState,
    stop: watch::Sender<bool>,
    /// What jobs run with, whether or not this process runs a worker.
    jobs: jobs::Worker,
    /// The job worker, when this process runs one.
    worker: Option<JoinHandle<()>>,
}

async fn connect_redis(client: redis::Client) -> anyhow::Result<ConnectionManager> {
    // While Redis is down, a command fails within a second rather than waiting out
    // reconnection attempts: writes publish after committing and must not stall.
    let config = ConnectionManagerConfig::new()
        .set_number_of_retries(1)
        .set_connection_timeout(Some(Duration::from_secs(1)))
        .set_response_timeout(Some(Duration::from_secs(2)));
    let connect = ConnectionManager::new_with_config(client, config);
    tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .context("Redis did not answer within 10 s")?
        .context("cannot connect to Redis")
}

/// The caps on this process's WebSockets: the configured ones, or sized from the
/// open-file limit (raised to its hard limit first).
fn websocket_admission(settings: &Settings) -> Admission {
    let open_files = websocket::raise_open_files_limit();
    let max_open = match settings.ws_max_connections {
        Some(max) => usize::try_from(max).unwrap_or(usize::MAX),
        None => websocket::default_max_connections(open_files),
    };
    let anonymous = usize::try_from(settings.ws_anonymous_per_address).unwrap_or(usize::MAX);
    tracing::info!(open_files, max_open, anonymous_per_address = anonymous, "WebSocket caps");
    Admission::new(max_open, anonymous)
}

/// Every feature's jobs, by kind.
fn job_registry(
    db: &Db,
    bus: &Bus,
    sender: Arc<push::Sender>,
    (accounts, mailing_list): (&Accounts, &MailingList),
    emails: email::SendEmails,
) -> anyhow::Result<jobs::Registry> {
    let registry = jobs::Registry::builder()
        .folded(notifications::Notify { db: db.clone(), bus: bus.clone() })
        .folded(threads::CountReplies { db: db.clone() })
        .each(messages::NotifyMessage { db: db.clone(), bus: bus.clone() })
        .each(job_board::Expiry { db: db.clone(), bus: bus.clone() })
        .each(moderation::Warnings { db: db.clone(), bus: bus.clone() })
        .each(moderation::HeldContent { db: db.clone(), bus: bus.clone() })
        .each(coffee_chats::NotifyCoffeeChat { db: db.clone(), bus: bus.clone() })
        .each(programs::ProgramJobs { db: db.clone(), bus: bus.clone() })
        .each(surveys::SurveyJobs { db: db.clone(), bus: bus.clone() })
        .batch(push::Push { db: db.clone(), sender: Arc::clone(&sender) })
        .each(push::ReleaseHeld { db: db.clone(), sender })
        .each(push::PushHousekeeping { db: db.clone() })
        .each(auth::Housekeeping { db: db.clone() })
        .each(auth::ResetRequests { auth: accounts.auth.clone() })
        .each(accounts::ExportJobs { accounts: accounts.clone() })
        .each(notifications::EmailNotifications { db: db.clone(), postbox: accounts.postbox.clone() })
        .each(mailing_list::NewsletterJobs { list: mailing_list.clone() })
        .each(digests::Digests { db: db.clone(), postbox: accounts.postbox.clone() })
        .batch(emails)
        .each(email::EmailHousekeeping { db: db.clone() })
        .complete()?;
    Ok(registry)
}

fn prepare_data_dir(settings: &Settings) -> anyhow::Result<()> {
    if settings.effective_database_url().starts_with("sqlite:") || settings.jwt_secret.is_none() {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("cannot create the data dir {}", settings.data_dir.display()))?;
    }
    Ok(())
}

impl App {
    /// Connects to storage, applies migrations and builds the schema.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        prepare_data_dir(&settings)?;
        // Settings are checked in full before the database is touched (or migrated).
        let secret = secrets::jwt_secret(&settings)?;
        let push = PushConfig::from_settings(&settings)?;
        let documents = TrustedDocuments::load(settings.trusted_documents.as_deref(), settings.trusted_documents_only)?;
        let db = db::connect(&settings.effective_database_url(), settings.db_max_connections).await?;
        db::migrate(&db).await?;
        let (redis, bus, job_stream) = match &settings.redis_url {
            Some(url) => {
                let client = redis::Client::open(url.as_str()).context("invalid REDIS_URL")?;
                let manager = connect_redis(client.clone()).await?;
                let job_stream = jobs::JobStream::new(client.clone(), &db).await?;
                (Some(manager.clone()), Bus::redis(client, manager), Some(job_stream))
            }
            None => (None, Bus::default(), None),
        };
        let auth = AuthService::new(db.clone(), bus.clone(), &settings, &secret)?
            .forgetting_devices_with(Arc::new(push::ForgetSessionDevices { db: db.clone() }));
        // Only where access signals reach every instance: without Redis, another
        // process on the same database could end a session this one would not hear of.
        if redis.is_some() {
            auth.cache_sessions();
        }
        let sender = Arc::new(push::Sender::new(&push)?);
        let mailer = email::Mailer::from_settings(&settings.email, &settings.data_dir, settings.production)?;
        let emails = email::SendEmails::new(db.clone(), mailer, &settings.email)?;
        let rate_limits = RateLimits::new(&settings, redis.clone());
        let accounts =
            Accounts { db: db.clone(), bus: bus.clone(), auth: auth.clone(), postbox: auth.postbox().clone() };
        let mailing_list = MailingList {
            db: db.clone(),
            postbox: auth.postbox().clone(),
            per_minute: settings.email.newsletter_emails_per_minute,
        };
        let services = schema::Services {
            auth: auth.clone(),
            accounts: accounts.clone(),
            mailing_list: mailing_list.clone(),
            push,
            rate_limits,
            moderation: moderation::ModerationSettings { reports_to_hold: i64::from(settings.reports_to_hold) },
        };
        let schema = schema::build(db.clone(), bus.clone(), services, settings.production);
        let metrics = telemetry::metrics_handle()?;
        let (stop, stopping) = watch::channel(false);
        let per_member = usize::try_from(settings.ws_connections_per_member).unwrap_or(usize::MAX);
        let connection_limit = ConnectionLimit::new(per_member, redis.clone());
        let admission = websocket_admission(&settings);
        let claim = Duration::from_secs(settings.job_claim_secs);
        let jobs = jobs::Worker {
            db: db.clone(),
            registry: Arc::new(job_registry(&db, &bus, sender, (&accounts, &mailing_list), emails)?),
            claim,
        };
        let worker = (!settings.no_worker).then(|| tokio::spawn(jobs::run(jobs.clone(), job_stream, stopping.clone())));
        let state = AppState::new(Shared {
            settings: Arc::new(settings),
            db,
            redis,
            bus,
            schema,
            documents: Arc::new(documents),
            auth,
            accounts,
            mailing_list,
            metrics,
            connection_limit,
            admission,
            stopping,
        });
        Ok(Self { state, stop, jobs, worker })
    }

    /// What this server's jobs run with: for running the due ones in hand
    /// ([`jobs::run_due`]) where no worker runs them.
    pub fn jobs(&self) -> jobs::Worker {
        self.jobs.clone()
    }

    /// Serves on `listener` until `shutdown` resolves, then stops accepting and lets
    /// in-flight requests finish (up to the configured grace period).
    pub async fn serve(
        mut self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let address = listener.local_addr()?;
        tracing::info!(
            database = self.state.db.backend(),
            "Village listening on http://{address} — GraphiQL at http://{address}/graphql"
        );
        let grace = Duration::from_secs(self.state.settings.shutdown_grace_secs);
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let service = http::router(self.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let stop = self.stop.clone();
        let server = axum::serve(listener, service).with_graceful_shutdown(async move {
            shutdown.await;
            tracing::info!("shutting down: no new connections, finishing in-flight requests");
            let _ = stop.send(true);
            let _ = stopping_tx.send(());
        });
        let grace_over = async move {
            if stopping_rx.await.is_ok() {
                tokio::time::sleep(grace).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            result = server => result.context("HTTP server failed")?,
            () = grace_over => tracing::warn!("grace period over; dropping remaining connections"),
        }
        self.finish_jobs(grace).await;
        self.state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

impl App {
    /// Runs only the background workers until `shutdown` resolves: what `village
    /// worker` runs. When given a `listener`, it answers `/healthz`, `/readyz` and
    /// `/metrics` there meanwhile.
    pub async fn work(
        mut self,
        listener: Option<TcpListener>,
        shutdown: impl Future<Output = ()>,
    ) -> anyhow::Result<()> {
        tracing::info!(database = self.state.db.backend(), "Village worker running jobs");
        if self.state.redis.is_none() {
            tracing::warn!(
                "no REDIS_URL: notifications are stored, but live notificationEvents from this worker reach no server"
            );
        }
        let ops = listener.map(|listener| {
            let address = listener.local_addr().map(|address| address.to_string()).unwrap_or_default();
            tracing::info!("worker listening on http://{address} for /healthz, /readyz and /metrics");
            tokio::spawn(axum::serve(listener, http::ops_router(self.state.clone())).into_future())
        });
        shutdown.await;
        tracing::info!("worker stopping");
        let _ = self.stop.send(true);
        self.finish_jobs(Duration::from_secs(self.state.settings.shutdown_grace_secs)).await;
        // Answering until the jobs in hand are finished.
        if let Some(ops) = ops {
            ops.abort();
        }
        self.state.db.close().await;
        Ok(())
    }

    /// Lets the job worker finish the batch in hand (up to `grace`), so its jobs are
    /// done or recorded as failed rather than left claimed.
    async fn finish_jobs(&mut self, grace: Duration) {
        if let Some(worker) = self.worker.take()
            && tokio::time::timeout(grace, worker).await.is_err()
        {
            tracing::warn!("the job worker did not stop in time; its claimed jobs return when their claims lapse");
        }
    }
}

/// Builds and serves: what `village serve` runs and what tests call.
pub async fn launch(
    settings: Settings,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    App::build(settings).await?.serve(listener, shutdown).await
}
