//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane).
//! Hashing is slow on purpose, so it runs on the blocking pool behind a semaphore:
//! a burst of sign-ins queues instead of taking every core and gigabytes of memory.

use std::sync::{Arc, OnceLock};

use anyhow::{Context, anyhow};
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// Hashes and verifies passwords without blocking the async runtime.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

fn argon2() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A valid hash of a password nobody has, verified when the email is unknown so that
/// "no such member" takes as long as "wrong password".
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_now("decoy password for unknown emails").unwrap_or_default())
}

fn hash_now(password: &str) -> anyhow::Result<String> {
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
    pub fn new(parallelism: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(parallelism.max(1))) }
    }

    /// Hashes `password` into a PHC string.
    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await.context("password hasher closed")?;
        tokio::task::spawn_blocking(move || hash_now(&password)).await.context("password hashing task failed")?
    }

    /// Checks `password` against `stored_hash`; with `None` (unknown email) it spends the
    /// same effort and answers false.
    pub async fn verify(&self, password: String, stored_hash: Option<String>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await.context("password hasher closed")?;
        tokio::task::spawn_blocking(move || match stored_hash {
            Some(hash) => verify_now(&password, &hash),
            None => {
                verify_now(&password, decoy_hash());
                false
            }
        })
        .await
        .context("password verification task failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() -> anyhow::Result<()> {
        let hasher = PasswordHasher::new(1);
        let hash = hasher.hash("correct horse battery".into()).await?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify("correct horse battery".into(), Some(hash.clone())).await?);
        assert!(!hasher.verify("wrong horse battery".into(), Some(hash)).await?);
        assert!(!hasher.verify("anything".into(), None).await?);
        Ok(())
    }
}
