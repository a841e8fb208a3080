//! The load driver: N clients each looping over one request for a fixed time, every
//! answer checked; latencies merged into percentiles.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How hard and how long to push.
pub struct RunConfig {
    pub clients: usize,
    pub duration: Duration,
}

/// What one measurement found.
pub struct Report {
    pub name: String,
    pub ok: usize,
    pub failed: usize,
    pub elapsed: Duration,
    latencies: Vec<Duration>,
    /// CPU time the server process spent meanwhile, when it runs on its own.
    pub server_cpu: Option<Duration>,
    /// SQL statements one such request runs on the server.
    pub statements: Option<usize>,
}

impl Report {
    /// Successful operations per second.
    pub fn throughput(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[rank.min(self.latencies.len() - 1)]
    }

    /// One table row; `baseline` is the throughput the ratio is taken against.
    pub fn row(&self, baseline: Option<f64>) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let ratio = baseline.map_or("—".to_owned(), |b| format!("{:.3}", self.throughput() / b));
        let cpu = self
            .server_cpu
            .map_or("—".to_owned(), |cpu| format!("{:.0}", cpu.as_secs_f64() * 1e6 / self.ok.max(1) as f64));
        let statements = self.statements.map_or("—".to_owned(), |n| n.to_string());
        format!(
            "| {:<30} | {:>9.0} | {:>8.2} | {:>8.2} | {:>8.2} | {:>7} | {:>8} | {:>9} | {:>4} |",
            self.name,
            self.throughput(),
            ms(self.percentile(0.50)),
            ms(self.percentile(0.95)),
            ms(self.percentile(0.99)),
            self.failed,
            ratio,
            cpu,
            statements
        )
    }
}

/// Header of the table [`Report::row`] fills.
pub fn header() -> String {
    format!(
        "| {:<30} | {:>9} | {:>8} | {:>8} | {:>8} | {:>7} | {:>8} | {:>9} | {:>4} |\n|{}|{}|{}|{}|{}|{}|{}|{}|{}|",
        "scenario",
        "ops/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "× static",
        "µs CPU/op",
        "SQL",
        "-".repeat(32),
        "-".repeat(11),
        "-".repeat(10),
        "-".repeat(10),
        "-".repeat(10),
        "-".repeat(9),
        "-".repeat(10),
        "-".repeat(11),
        "-".repeat(6)
    )
}

/// Runs `operation` from `config.clients` concurrent clients for `config.duration`.
/// The operation returns Ok when the answer was checked and right.
pub async fn measure<F, Fut>(name: &str, config: &RunConfig, operation: F) -> Report
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let operation = Arc::new(operation);
    let started = Instant::now();
    let deadline = started + config.duration;
    let clients: Vec<_> = (0..config.clients)
        .map(|client| {
            let operation = Arc::clone(&operation);
            tokio::spawn(async move {
                let (mut latencies, mut failed, mut first_error) = (Vec::new(), 0usize, None);
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    match operation(client).await {
                        Ok(()) => latencies.push(sent.elapsed()),
                        Err(error) => {
                            failed += 1;
                            first_error.get_or_insert(error);
                        }
                    }
                }
                (latencies, failed, first_error)
            })
        })
        .collect();
    let mut report = Report {
        name: name.to_owned(),
        ok: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
        server_cpu: None,
        statements: None,
    };
    for client in clients {
        match client.await {
            Ok((latencies, failed, first_error)) => {
                report.ok += latencies.len();
                report.failed += failed;
                report.latencies.extend(latencies);
                if let Some(error) = first_error {
                    eprintln!("{name}: first failure: {error:#}");
                }
            }
            Err(error) => eprintln!("{name}: client task failed: {error}"),
        }
    }
    report.elapsed = started.elapsed();
    report.latencies.sort_unstable();
    report
}
