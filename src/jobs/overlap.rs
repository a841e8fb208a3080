//! The batch runners' part of a claim (pushes, mostly waiting on push services) goes on
//! in a task of its own while the worker claims and runs the next jobs, a few claims'
//! worth at most. Only that part overlaps: jobs whose order matters still run one claim
//! after another.

use std::collections::VecDeque;
use std::future::Future;

use tokio::task::JoinHandle;

use crate::clock;

/// Claims whose batch runners' jobs may be running at once.
pub const AT_ONCE: usize = 3;

/// Work started beside the worker's next claims.
pub struct Overlap<E> {
    running: VecDeque<JoinHandle<Result<(), E>>>,
}

impl<E: Send + 'static> Overlap<E> {
    pub fn new() -> Self {
        Self { running: VecDeque::with_capacity(AT_ONCE) }
    }

    /// Starts `work`, once fewer than [`AT_ONCE`] are running (waiting for the oldest
    /// first); returns how the work waited for ended.
    pub async fn start(&mut self, work: impl Future<Output = Result<(), E>> + Send + 'static) -> Result<(), E> {
        let oldest = if self.running.len() >= AT_ONCE { self.wait_for_oldest().await } else { Ok(()) };
        self.running.push_back(tokio::spawn(clock::keeping_time(work)));
        oldest
    }

    /// Waits for all of it; returns the first failure.
    pub async fn finish(mut self) -> Result<(), E> {
        let mut ended = Ok(());
        while !self.running.is_empty() {
            let next = self.wait_for_oldest().await;
            ended = ended.and(next);
        }
        ended
    }

    async fn wait_for_oldest(&mut self) -> Result<(), E> {
        let Some(oldest) = self.running.pop_front() else {
            return Ok(());
        };
        oldest.await.unwrap_or_else(|panic| {
            tracing::error!(%panic, "a job panicked; it returns to the queue when its claim lapses");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn at_most_a_few_run_at_once_and_finishing_waits_for_all() {
        let (running, most, done) =
            (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let mut overlap = Overlap::new();
        for _ in 0..10 {
            let (running, most, done) = (Arc::clone(&running), Arc::clone(&most), Arc::clone(&done));
            let work = async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(5)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                done.fetch_add(1, Ordering::SeqCst);
                Ok::<(), String>(())
            };
            overlap.start(work).await.expect("no failure");
        }
        overlap.finish().await.expect("no failure");
        assert_eq!(done.load(Ordering::SeqCst), 10, "all of it ran before finish returned");
        assert!(most.load(Ordering::SeqCst) <= AT_ONCE, "never more than {AT_ONCE} at once");
    }

    #[tokio::test]
    async fn a_failure_is_handed_back_and_a_panic_is_not() {
        let mut overlap = Overlap::new();
        overlap.start(async { Err("cannot".to_owned()) }).await.expect("nothing waited for yet");
        overlap.start(async { panic!("a job panicked on purpose") }).await.expect("nothing waited for yet");
        overlap.start(async { Ok(()) }).await.expect("nothing waited for yet");
        assert_eq!(overlap.finish().await, Err("cannot".to_owned()));
    }
}
