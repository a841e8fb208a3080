//! The token-signing secret: from the environment in production; generated once into
//! the data dir in embedded mode, so restarts keep everyone signed in.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

use crate::config::Settings;
use crate::db::Backend;

const MIN_SECRET_BYTES: usize = 32;
const SECRET_FILE: &str = "jwt-secret";

/// The secret that signs access tokens.
pub fn jwt_secret(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &settings.jwt_secret {
        if secret.len() < MIN_SECRET_BYTES {
            bail!("VILLAGE_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
        }
        return Ok(secret.as_bytes().to_vec());
    }
    if Backend::of_url(&settings.effective_database_url())? != Backend::Sqlite {
        bail!(
            "VILLAGE_JWT_SECRET is required with PostgreSQL, so that every instance signs tokens alike \
             (generate one with: openssl rand -base64 48)"
        );
    }
    load_or_generate(&settings.data_dir)
}

fn load_or_generate(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join(SECRET_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let secret = STANDARD.decode(text.trim()).with_context(|| format!("{} is corrupt", path.display()))?;
            if secret.len() < MIN_SECRET_BYTES {
                bail!("{} holds a secret shorter than {MIN_SECRET_BYTES} bytes", path.display());
            }
            Ok(secret)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => generate(&path),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn generate(path: &Path) -> anyhow::Result<Vec<u8>> {
    let mut secret = vec![0u8; 64];
    rand::rng().fill_bytes(&mut secret);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(STANDARD.encode(&secret).as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            tracing::info!(path = %path.display(), "generated a new token-signing secret");
            Ok(secret)
        }
        // Another process sharing the data dir created it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            load_or_generate(path.parent().unwrap_or(path))
        }
        Err(error) => Err(error).with_context(|| format!("cannot create {}", path.display())),
    }
}
