//! The `village` command: `serve` (default), `worker`, `migrate`, `export-schema`,
//! `seed-demo`.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use tokio::net::TcpListener;
use village::config::{AdminAction, Cli, Command, Settings};
use village::{App, db, launch, schema, seed, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    if !matches!(command, Command::ExportSchema | Command::VapidKeys) {
        telemetry::init_logging(cli.settings.log_format);
    }
    match run(command, cli.settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("village: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve(settings).await,
        Command::Worker => work(settings).await,
        Command::Migrate => migrate(settings).await,
        Command::SeedDemo => {
            prepare_embedded_data_dir(&settings)?;
            seed::run(&settings.effective_database_url()).await
        }
        Command::VapidKeys => {
            let (private, public) = village::push::new_vapid_pair()?;
            println!("VILLAGE_VAPID_PRIVATE_KEY={private}");
            println!("# public key (vapidPublicKey returns it): {public}");
            Ok(())
        }
        Command::ExportSchema => {
            print!("{}", schema::sdl());
            Ok(())
        }
        Command::Admin { action } => admin(settings, action).await,
    }
}

/// `village admin grant|revoke EMAIL`.
async fn admin(settings: Settings, action: AdminAction) -> anyhow::Result<()> {
    prepare_embedded_data_dir(&settings)?;
    let db = db::connect(&settings.effective_database_url(), 1).await?;
    db::migrate(&db).await?;
    let (email, admin) = match &action {
        AdminAction::Grant { email } => (email.trim().to_lowercase(), true),
        AdminAction::Revoke { email } => (email.trim().to_lowercase(), false),
    };
    anyhow::ensure!(village::members::set_admin(&db, &email, admin).await?, "no member signs in with {email}");
    println!("{email} is {} community admin", if admin { "now a" } else { "no longer a" });
    Ok(())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    tracing::info!(?settings, "starting Village");
    let listener =
        TcpListener::bind(settings.bind).await.with_context(|| format!("cannot listen on {}", settings.bind))?;
    launch(settings, listener, shutdown_signal()).await
}

async fn work(settings: Settings) -> anyhow::Result<()> {
    tracing::info!(?settings, "starting a Village worker");
    if settings.no_worker {
        anyhow::bail!("--no-worker makes no sense for `village worker`");
    }
    // Without its endpoints a worker still works: a taken port is no reason to stop.
    let listener = match TcpListener::bind(settings.worker_bind).await {
        Ok(listener) => Some(listener),
        Err(error) => {
            tracing::warn!(%error, bind = %settings.worker_bind, "cannot listen for /healthz and /metrics; working without");
            None
        }
    };
    App::build(settings).await?.work(listener, shutdown_signal()).await
}

/// Creates the data dir when the database lives in it.
fn prepare_embedded_data_dir(settings: &Settings) -> anyhow::Result<()> {
    if settings.database_url.is_none() {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("cannot create the data dir {}", settings.data_dir.display()))?;
    }
    Ok(())
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    prepare_embedded_data_dir(&settings)?;
    let db = db::connect(&settings.effective_database_url(), 1).await?;
    db::migrate(&db).await?;
    tracing::info!(database = db.backend(), "migrations applied");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
