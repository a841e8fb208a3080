//! The jobs of email: sending queued messages (a batch at a time, a few at once, since
//! a send cannot be undone), and the hourly clean-up of the records of old ones.

use chrono::TimeDelta;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use uuid::Uuid;

use super::store::{self, OutgoingEmail};
use super::transport::{Mailer, NotSent};
use crate::clock;
use crate::config::EmailSettings;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RetryNotBefore, RunBatch, RunEach};

/// Messages sent at once (each mostly waits on the SMTP server).
const SENDING_AT_ONCE: usize = 4;
/// The longest one send takes (the SMTP timeout, and some): a claim unanswered for
/// longer is a sender that died mid-send, and its message counts as gone.
const SENDING_AT_MOST: TimeDelta = TimeDelta::seconds(45);
/// Records of messages, kept while a crashed job may still run again.
const KEEP_EMAILS: TimeDelta = TimeDelta::days(7);
/// Who email comes from when no one is configured (development only).
const DEVELOPMENT_FROM: &str = "Village <village@localhost>";

/// Runs `SEND_EMAIL` (subject: the message).
pub struct SendEmails {
    db: Db,
    mailer: Mailer,
    from: Mailbox,
    /// The domain of the Message-IDs it makes.
    domain: String,
}

impl SendEmails {
    /// Sends through `mailer`, from `settings`' address.
    pub fn new(db: Db, mailer: Mailer, settings: &EmailSettings) -> anyhow::Result<Self> {
        let from: Mailbox = settings
            .email_from
            .as_deref()
            .unwrap_or(DEVELOPMENT_FROM)
            .parse()
            .map_err(|error| anyhow::anyhow!("VILLAGE_EMAIL_FROM is not an address: {error}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Self { db, mailer, from, domain })
    }

    /// Sends message `id` unless a run already did (or is doing it now).
    async fn send_one(&self, id: Uuid) -> anyhow::Result<()> {
        let Some(email) = store::claim(&self.db, id, clock::now()).await? else {
            return self.claimed_before(id).await;
        };
        let outcome = match self.message(&email) {
            Ok(message) => self.mailer.send(message, &links_in(&email.text_body)).await,
            Err(refused) => Err(refused),
        };
        match outcome {
            Ok(()) => store::settle(&self.db, id, None, clock::now()).await?,
            Err(NotSent::Refused(reason)) => {
                tracing::warn!(email = %id, %reason, "the mail server refused an email for good; not retried");
                store::settle(&self.db, id, Some(&reason), clock::now()).await?;
            }
            Err(failed) => {
                store::release(&self.db, id).await?;
                return Err(failed.into());
            }
        }
        Ok(())
    }

    /// A message another run claimed: sent, refused or gone is done; one being sent now
    /// is retried once that run must have finished; one whose sender died mid-send
    /// counts as gone (as a push does: never twice).
    async fn claimed_before(&self, id: Uuid) -> anyhow::Result<()> {
        let Some(standing) = store::standing(&self.db, id).await? else {
            return Ok(());
        };
        match standing.claimed_at {
            Some(claimed_at) if standing.sent_at.is_none() && claimed_at > clock::now() - SENDING_AT_MOST => {
                let reason = "another run is sending this email".to_owned();
                Err(RetryNotBefore { at: claimed_at + SENDING_AT_MOST, reason }.into())
            }
            _ => {
                if standing.sent_at.is_none() {
                    tracing::warn!(email = %id, "an email's sender died while sending it; not sent again");
                }
                Ok(())
            }
        }
    }

    /// The message to send; an address it cannot be sent to is refused for good.
    fn message(&self, email: &OutgoingEmail) -> Result<Message, NotSent> {
        let to: Mailbox =
            email.to_address.parse().map_err(|error| NotSent::Refused(format!("bad address: {error}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .message_id(Some(format!("<{}@{}>", email.id.simple(), self.domain)));
        if let Some(unsubscribe) = &email.list_unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{unsubscribe}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(email.text_body.clone(), email.html_body.clone()))
            .map_err(|error| NotSent::Refused(format!("cannot build the message: {error}")))
    }
}

/// The links in a plain-text body, to log beside a message written to a file.
fn links_in(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|word| word.starts_with("http://") || word.starts_with("https://")).collect()
}

impl RunBatch for SendEmails {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::SendEmail]
    }

    fn run_batch<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, Vec<anyhow::Result<()>>> {
        Box::pin(async move {
            let emails: Vec<Uuid> = jobs.iter().map(|job| job.subject).collect();
            futures_util::stream::iter(emails).map(|id| self.send_one(id)).buffered(SENDING_AT_ONCE).collect().await
        })
    }
}

/// Runs `EMAIL_HOUSEKEEPING`.
pub struct EmailHousekeeping {
    pub db: Db,
}

impl RunEach for EmailHousekeeping {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::EmailHousekeeping]
    }

    fn run(&self, _job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let emails = store::prune(&self.db, clock::now(), KEEP_EMAILS).await?;
            tracing::info!(emails, "housekeeping: forgot the records of old emails");
            Ok(Ran::writes(self.db.begin_write().await?))
        })
    }
}
