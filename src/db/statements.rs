//! Counts the SQL statements one request runs, so "a page of N items costs a bounded
//! number of statements" can be checked (development servers report the count in the
//! `x-village-sql-statements` response header). Every store call goes through
//! [`on_db!`](crate::on_db) / [`on_tx!`](crate::on_tx), which count one statement each.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::future::BoxFuture;

tokio::task_local! {
    static STATEMENTS: Arc<AtomicUsize>;
}

/// Counts one statement for the request running this task, if it is being counted.
pub fn count() {
    let _ = STATEMENTS.try_with(|counter| counter.fetch_add(1, Ordering::Relaxed));
}

/// Runs `future` and returns its output with the number of statements it ran.
pub async fn counting<F: Future>(future: F) -> (F::Output, usize) {
    let counter = Arc::new(AtomicUsize::new(0));
    let output = STATEMENTS.scope(Arc::clone(&counter), future).await;
    (output, counter.load(Ordering::Relaxed))
}

/// A task spawner for dataloaders that keeps counting for the request that made them.
pub fn spawner() -> impl Fn(BoxFuture<'static, ()>) -> tokio::task::JoinHandle<()> + Send + Sync + 'static {
    let counter = STATEMENTS.try_with(Arc::clone).ok();
    move |future| match &counter {
        Some(counter) => tokio::spawn(STATEMENTS.scope(Arc::clone(counter), future)),
        None => tokio::spawn(future),
    }
}
