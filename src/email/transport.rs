//! How a message leaves: through an SMTP server (lettre, rustls — the TLS stack the rest
//! of Village uses), or, with none configured, into `.eml` files in the data dir, their
//! links logged so a developer can follow every flow from a terminal.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{EmailSettings, redact_url};

/// How long one SMTP command may take before it counts as failed (and is retried).
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one whole send may take; under the job's `SENDING_AT_MOST`, so a claim that
/// old is always a sender that died.
const SEND_AT_MOST: Duration = Duration::from_secs(40);

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files { dir: PathBuf, transport: AsyncFileTransport<Tokio1Executor> },
}

/// Why a message did not go.
#[derive(Debug, thiserror::Error)]
pub enum NotSent {
    /// The server refused it for good (a bad address, a message it will never take).
    #[error("refused for good: {0}")]
    Refused(String),
    /// Worth trying again (the server is down, busy, or answered 4xx).
    #[error("not sent, try again: {0}")]
    Failed(String),
}

/// The SMTP URL lettre reads for `url`: STARTTLS is required unless the URL says
/// otherwise (`tls=none` for a relay on this machine), so credentials never cross a
/// network in the clear by default.
fn lettre_url(url: &str) -> anyhow::Result<String> {
    let mut parsed = url::Url::parse(url).with_context(|| format!("invalid SMTP URL {}", redact_url(url)))?;
    let mut pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let tls = pairs.iter().position(|(key, _)| key == "tls").map(|at| pairs.remove(at).1);
    match (parsed.scheme(), tls.as_deref()) {
        (_, Some("none")) => {}
        ("smtp", None) => pairs.push(("tls".into(), "required".into())),
        (_, Some(other)) => pairs.push(("tls".into(), other.to_owned())),
        (_, None) => {}
    }
    if pairs.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Ok(parsed.to_string())
}

impl Mailer {
    /// The SMTP server of `settings`, or files in `<data_dir>/mail/`. In `production`
    /// a server, a sender and a public URL are required: mail must reach members and
    /// its links lead back here.
    pub fn from_settings(
        settings: &EmailSettings,
        data_dir: &std::path::Path,
        production: bool,
    ) -> anyhow::Result<Self> {
        if production {
            anyhow::ensure!(
                settings.smtp_url.is_some(),
                "VILLAGE_SMTP_URL is required in production (email would only go to files)"
            );
            anyhow::ensure!(settings.email_from.is_some(), "VILLAGE_EMAIL_FROM is required in production");
            anyhow::ensure!(
                settings.public_url.is_some(),
                "VILLAGE_PUBLIC_URL is required in production (for the links in email)"
            );
        }
        match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url(url)?)
                    .with_context(|| format!("cannot use the SMTP server {}", redact_url(url)))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
                Ok(Self::Files { transport: AsyncFileTransport::new(&dir), dir })
            }
        }
    }

    /// Sends `message`; `links` are logged when it only goes to a file.
    pub async fn send(&self, message: Message, links: &[&str]) -> Result<(), NotSent> {
        match self {
            Self::Smtp(transport) => match tokio::time::timeout(SEND_AT_MOST, transport.send(message)).await {
                Ok(sent) => sent.map(drop).map_err(smtp_failure),
                Err(_) => Err(NotSent::Failed("the mail server took too long".into())),
            },
            Self::Files { dir, transport } => {
                let id = transport.send(message).await.map_err(|error| NotSent::Failed(error.to_string()))?;
                let file = dir.join(format!("{id}.eml"));
                tracing::info!(file = %file.display(), ?links, "no SMTP server: email written to a file");
                Ok(())
            }
        }
    }
}

fn smtp_failure(error: SmtpError) -> NotSent {
    if error.is_permanent() { NotSent::Refused(error.to_string()) } else { NotSent::Failed(error.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_require_starttls_unless_they_say_otherwise() -> anyhow::Result<()> {
        assert_eq!(lettre_url("smtp://u:p@mail.example:587")?, "smtp://u:p@mail.example:587?tls=required");
        assert_eq!(lettre_url("smtp://127.0.0.1:2525?tls=none")?, "smtp://127.0.0.1:2525");
        assert_eq!(lettre_url("smtps://u:p@mail.example")?, "smtps://u:p@mail.example");
        assert_eq!(lettre_url("smtp://h:25?tls=opportunistic")?, "smtp://h:25?tls=opportunistic");
        Ok(())
    }
}
