//! Waiting for what a server does in the background, in one place: poll a check until
//! it yields, or fail the test naming what never happened. (A test that shows nothing
//! happens still gives it a moment first; there is nothing to poll for.)

use std::fmt::Debug;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

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

/// What `read` lists once it holds `count` items, woken by `arrived` as they come; a
/// failed test showing what did arrive after `within`.
pub async fn at_least<T: Debug>(count: usize, within: Duration, arrived: &Notify, read: impl Fn() -> Vec<T>) -> Vec<T> {
    let wait = async {
        loop {
            let next = arrived.notified();
            let items = read();
            if items.len() >= count {
                return items;
            }
            next.await;
        }
    };
    match tokio::time::timeout(within, wait).await {
        Ok(items) => items,
        Err(_) => panic!("{count} did not arrive in {within:?}: {:?}", read()),
    }
}
