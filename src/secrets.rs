//! The server's own secrets — the token-signing secret and the VAPID key that signs
//! pushes: from the environment in production; generated once into the data dir in
//! embedded mode, so restarts keep everyone signed in and every push subscription valid.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;

use crate::config::Settings;
use crate::db::Backend;

const MIN_SECRET_BYTES: usize = 32;
const SECRET_FILE: &str = "jwt-secret";
const VAPID_FILE: &str = "vapid-private-key";
const VAPID_KEY_BYTES: usize = 32;

/// A secret kept in a file of the data dir.
struct KeptSecret<'a> {
    file: &'a str,
    /// How many random bytes a new one has; a stored one must have at least `min`.
    bytes: usize,
    min: usize,
    what: &'a str,
}

fn embedded_only(settings: &Settings, variable: &str, hint: &str) -> anyhow::Result<()> {
    if Backend::of_url(&settings.effective_database_url())? != Backend::Sqlite {
        bail!("{variable} is required with PostgreSQL, so that every instance uses the same one ({hint})");
    }
    Ok(())
}

/// The secret that signs access tokens.
pub fn jwt_secret(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &settings.jwt_secret {
        if secret.len() < MIN_SECRET_BYTES {
            bail!("VILLAGE_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
        }
        return Ok(secret.as_bytes().to_vec());
    }
    embedded_only(settings, "VILLAGE_JWT_SECRET", "generate one with: openssl rand -base64 48")?;
    let kept = KeptSecret { file: SECRET_FILE, bytes: 64, min: MIN_SECRET_BYTES, what: "token-signing secret" };
    load_or_generate(&settings.data_dir, &kept)
}

/// The VAPID private key (a P-256 scalar) that signs pushes.
pub fn vapid_private_key(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    if let Some(key) = &settings.vapid_private_key {
        return URL_SAFE_NO_PAD.decode(key.trim()).context("VILLAGE_VAPID_PRIVATE_KEY is not base64url");
    }
    embedded_only(settings, "VILLAGE_VAPID_PRIVATE_KEY", "generate a pair with: village vapid-keys")?;
    let kept = KeptSecret { file: VAPID_FILE, bytes: VAPID_KEY_BYTES, min: VAPID_KEY_BYTES, what: "VAPID key" };
    load_or_generate(&settings.data_dir, &kept)
}

fn load_or_generate(data_dir: &Path, kept: &KeptSecret<'_>) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join(kept.file);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let secret = STANDARD.decode(text.trim()).with_context(|| format!("{} is corrupt", path.display()))?;
            if secret.len() < kept.min {
                bail!("{} holds a secret shorter than {} bytes", path.display(), kept.min);
            }
            Ok(secret)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => generate(&path, kept),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn generate(path: &Path, kept: &KeptSecret<'_>) -> anyhow::Result<Vec<u8>> {
    let mut secret = vec![0u8; kept.bytes];
    rand::rng().fill_bytes(&mut secret);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(STANDARD.encode(&secret).as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            tracing::info!(path = %path.display(), "generated a new {}", kept.what);
            Ok(secret)
        }
        // Another process sharing the data dir created it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            load_or_generate(path.parent().unwrap_or(path), kept)
        }
        Err(error) => Err(error).with_context(|| format!("cannot create {}", path.display())),
    }
}
