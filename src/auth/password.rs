//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane).
//! Hashing is slow on purpose, so it runs on the blocking pool behind a semaphore:
//! a burst of sign-ins queues instead of taking every core and gigabytes of memory, and
//! a request that waits too long for a slot is told to retry (`RATE_LIMITED`).

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::{AppError, AppResult};

/// How long a request waits for a free hashing slot before it is told to retry.
const QUEUE_TIMEOUT: Duration = Duration::from_secs(10);

/// Hashes and verifies passwords without blocking the async runtime.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A valid hash of a password nobody has, verified when the email is unknown so that
    /// "no such member" takes as long as "wrong password".
    decoy_hash: Arc<str>,
}

fn argon2() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` right away on this thread (for tools such as `seed-demo`; the
/// server uses [`PasswordHasher`]).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()?.hash_password(password.as_bytes(), &salt).map_err(|e| anyhow!("argon2 hash: {e}"))?;
    Ok(hash.to_string())
}

fn verify_now(password: &str, stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return false;
    };
    argon2().is_ok_and(|argon2| argon2.verify_password(password.as_bytes(), &parsed).is_ok())
}

impl PasswordHasher {
    /// A hasher running at most `parallelism` hashes at a time.
    pub fn new(parallelism: usize) -> anyhow::Result<Self> {
        let decoy_hash = hash_password("decoy password for unknown emails")?;
        Ok(Self { permits: Arc::new(Semaphore::new(parallelism.max(1))), decoy_hash: decoy_hash.into() })
    }

    async fn slot(&self) -> AppResult<SemaphorePermit<'_>> {
        match tokio::time::timeout(QUEUE_TIMEOUT, self.permits.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(closed)) => Err(AppError::Internal(closed.into())),
            Err(_) => Err(AppError::RateLimited { retry_after_secs: 5 }),
        }
    }

    /// Hashes `password` into a PHC string.
    pub async fn hash(&self, password: String) -> AppResult<String> {
        let _slot = self.slot().await?;
        let hashed = tokio::task::spawn_blocking(move || hash_password(&password)).await;
        Ok(hashed.context("password hashing task failed")??)
    }

    /// Checks `password` against `stored_hash`; with `None` (unknown email) it spends the
    /// same effort on a decoy and answers false.
    pub async fn verify(&self, password: String, stored_hash: Option<String>) -> AppResult<bool> {
        let _slot = self.slot().await?;
        let decoy = Arc::clone(&self.decoy_hash);
        let verified = tokio::task::spawn_blocking(move || match stored_hash {
            Some(hash) => verify_now(&password, &hash),
            None => {
                verify_now(&password, &decoy);
                false
            }
        })
        .await;
        Ok(verified.context("password verification task failed")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() -> anyhow::Result<()> {
        let hasher = PasswordHasher::new(1)?;
        let hash = hasher.hash("correct horse battery".into()).await?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify("correct horse battery".into(), Some(hash.clone())).await?);
        assert!(!hasher.verify("wrong horse battery".into(), Some(hash)).await?);
        assert!(!hasher.verify("anything".into(), None).await?);
        Ok(())
    }
}
