//! Which feature runs which kind of job. Each feature owns its jobs (in its `jobs.rs`)
//! and hands the worker a runner for them; the registry, assembled once at start, maps
//! every [`JobKind`] to exactly one runner, so the worker dispatches without knowing any
//! feature, and a kind nobody runs is a start-up error rather than a silent default.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::future::BoxFuture;

use super::{JobKind, JobSpec};
use crate::db::Tx;

/// What to do once a job's writes committed: publish what they changed.
pub type AfterCommit = BoxFuture<'static, ()>;

/// A job run to completion: its writes, to commit together with the job's removal (so
/// they happen exactly once), and what to do after that commit.
pub struct Ran {
    pub writes: Tx,
    pub after_commit: Option<AfterCommit>,
}

impl Ran {
    /// Done with `writes` and nothing to do after.
    pub fn writes(writes: Tx) -> Self {
        Self { writes, after_commit: None }
    }
}

/// Runs jobs one at a time, in the order they were owed.
pub trait RunEach: Send + Sync {
    /// The kinds it runs.
    fn kinds(&self) -> Vec<JobKind>;
    /// Runs `job`; the worker commits [`Ran::writes`] with the job's removal.
    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>>;
}

/// Runs a run of its jobs — owed one after another — as one, with the same effect as
/// running each in turn: for jobs that come in floods (a reply each to a busy thread),
/// whose writes then commit once with all their removals instead of once each. Not for
/// hourly kinds: a folded run does not schedule the next.
pub trait RunFolded: Send + Sync {
    /// The kinds it runs.
    fn kinds(&self) -> Vec<JobKind>;
    /// Runs `jobs` (in the order owed); the worker commits [`Ran::writes`] with the
    /// removal of every one of them.
    fn run<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, anyhow::Result<Ran>>;
}

/// Runs its jobs a batch at a time: for effects outside the database that cannot be
/// undone (a push sent), so each job done is removed on its own afterwards.
pub trait RunBatch: Send + Sync {
    /// The kinds it runs.
    fn kinds(&self) -> Vec<JobKind>;
    /// Runs `jobs`, answering for each in the same order.
    fn run_batch<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, Vec<anyhow::Result<()>>>;
}

/// How a kind of job is run.
#[derive(Clone)]
pub enum Runner {
    Each(Arc<dyn RunEach>),
    Folded(Arc<dyn RunFolded>),
    Batch(Arc<dyn RunBatch>),
}

/// Every kind of job, with its runner.
#[derive(Clone)]
pub struct Registry {
    runners: HashMap<JobKind, Runner>,
}

/// A runner for a kind that already has one, or kinds that have none.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("two runners for jobs of kind {0:?}")]
    Twice(JobKind),
    #[error("no runner for jobs of kind {0:?}")]
    Missing(JobKind),
}

impl Registry {
    /// Starts an empty registry; [`RegistryBuilder::each`], [`RegistryBuilder::folded`]
    /// and [`RegistryBuilder::batch`] add runners, [`RegistryBuilder::complete`] checks
    /// every kind has one.
    pub fn builder() -> RegistryBuilder {
        RegistryBuilder { runners: HashMap::new(), twice: None }
    }

    /// The runner of `kind`.
    pub fn runner(&self, kind: JobKind) -> Option<&Runner> {
        self.runners.get(&kind)
    }
}

/// A registry being assembled.
pub struct RegistryBuilder {
    runners: HashMap<JobKind, Runner>,
    twice: Option<JobKind>,
}

impl RegistryBuilder {
    fn add(mut self, kinds: &[JobKind], runner: &Runner) -> Self {
        for kind in kinds {
            if self.runners.insert(*kind, runner.clone()).is_some() {
                self.twice.get_or_insert(*kind);
            }
        }
        self
    }

    /// Adds a runner of jobs one at a time.
    pub fn each(self, runner: impl RunEach + 'static) -> Self {
        let kinds = runner.kinds();
        self.add(&kinds, &Runner::Each(Arc::new(runner)))
    }

    /// Adds a runner of runs of jobs folded into one.
    pub fn folded(self, runner: impl RunFolded + 'static) -> Self {
        let kinds = runner.kinds();
        self.add(&kinds, &Runner::Folded(Arc::new(runner)))
    }

    /// Adds a runner of jobs a batch at a time.
    pub fn batch(self, runner: impl RunBatch + 'static) -> Self {
        let kinds = runner.kinds();
        self.add(&kinds, &Runner::Batch(Arc::new(runner)))
    }

    /// The registry, once every kind has exactly one runner.
    pub fn complete(self) -> Result<Registry, RegistryError> {
        if let Some(kind) = self.twice {
            return Err(RegistryError::Twice(kind));
        }
        if let Some(kind) = JobKind::ALL.iter().find(|kind| !self.runners.contains_key(kind)) {
            return Err(RegistryError::Missing(*kind));
        }
        Ok(Registry { runners: self.runners })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Runs(Vec<JobKind>);

    impl RunEach for Runs {
        fn kinds(&self) -> Vec<JobKind> {
            self.0.clone()
        }
        fn run(&self, _job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
            Box::pin(async { Err(anyhow::anyhow!("not run in this test")) })
        }
    }

    #[test]
    fn every_kind_needs_exactly_one_runner() {
        let all_but_one = Runs(JobKind::ALL[1..].to_vec());
        let missing = Registry::builder().each(all_but_one).complete();
        assert!(matches!(missing, Err(RegistryError::Missing(kind)) if kind == JobKind::ALL[0]));

        let twice =
            Registry::builder().each(Runs(JobKind::ALL.to_vec())).each(Runs(vec![JobKind::Housekeeping])).complete();
        assert!(matches!(twice, Err(RegistryError::Twice(JobKind::Housekeeping))));

        assert!(Registry::builder().each(Runs(JobKind::ALL.to_vec())).complete().is_ok());
    }
}
