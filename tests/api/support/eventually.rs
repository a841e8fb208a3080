//! Waiting for what a server does in the background, in one place: poll a check until
//! it yields, or fail the test naming what never happened. No test sleeps to wait.

use std::time::{Duration, Instant};

/// The longest anything the tests wait for may take (a worker waits out a lapsed send
/// for 45 s; a backlog of 1 200 jobs drains on PostgreSQL in well under a minute).
const PATIENCE: Duration = Duration::from_secs(120);

/// What `check` yields as soon as it yields something; a failed test, saying `what`
/// never happened, after two minutes of asking.
pub async fn eventually<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
