//! Waiting for what a server does in the background, in one place: poll a check until
//! it yields, or fail the test naming what never happened. (A test that shows nothing
//! happens still gives it a moment first; there is nothing to poll for.)

use std::time::{Duration, Instant};

/// How long the tests wait for what should happen within moments.
const MOMENTS: Duration = Duration::from_secs(10);

/// What `check` yields as soon as it yields something; a failed test, saying `what`
/// never happened, after ten seconds of asking.
pub async fn eventually<T>(what: &str, check: impl AsyncFnMut() -> Option<T>) -> T {
    eventually_within(MOMENTS, what, check).await
}

/// As [`eventually`], for what may take up to `patience`.
pub async fn eventually_within<T>(patience: Duration, what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "waited {patience:?} for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
