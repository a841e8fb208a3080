//! Queuing an email: the letter is rendered in her language and recorded, with the job
//! that sends it, inside the transaction of the write that owes it.

use std::sync::Arc;

use serde_json::{Value, json};
use uuid::Uuid;

use super::store::{self, NewEmail};
use super::templates::{Language, Letter, Templates};
use super::unsubscribe::Unsubscribes;
use crate::clock;
use crate::config::Settings;
use crate::db::Tx;
use crate::error::AppResult;
use crate::jobs::{self, JobKind, NewJob};

/// Who an email goes to.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub address: &'a str,
    /// Her, when she is a member (so her unsent mail goes with her account).
    pub member: Option<Uuid>,
    /// What to call her.
    pub name: &'a str,
    pub language: Language,
}

/// Renders letters and queues them; also makes the links they carry.
#[derive(Clone)]
pub struct Postbox {
    templates: Arc<Templates>,
    public_url: url::Url,
    unsubscribes: Unsubscribes,
}

/// The name emails sign with.
const COMMUNITY: &str = "Village";

impl Postbox {
    /// Letters linking to `settings`' public URL (by default, the address it listens on),
    /// their unsubscribe links signed with `secret`.
    pub fn new(settings: &Settings, secret: &[u8]) -> anyhow::Result<Self> {
        let public_url = match &settings.email.public_url {
            Some(url) => url.clone(),
            None => {
                let mut bind = settings.bind;
                if bind.ip().is_unspecified() {
                    bind.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                url::Url::parse(&format!("http://{bind}"))?
            }
        };
        let mut public_url = public_url;
        if !public_url.path().ends_with('/') {
            // So links join under its path (`https://x/api` → `https://x/api/account/…`).
            public_url.set_path(&format!("{}/", public_url.path()));
        }
        Ok(Self { templates: Arc::new(Templates::new()?), public_url, unsubscribes: Unsubscribes::new(secret) })
    }

    /// The address of `path` on this server with `token` as its query, as a link in an
    /// email carries it.
    pub fn link(&self, path: &str, token: &str) -> String {
        let mut url = self.public_url.join(path).unwrap_or_else(|_| self.public_url.clone());
        url.query_pairs_mut().clear().append_pair("token", token);
        url.to_string()
    }

    /// The address of `path` on this server, as a link in an email carries it.
    pub fn path_link(&self, path: &str) -> String {
        self.public_url.join(path).unwrap_or_else(|_| self.public_url.clone()).to_string()
    }

    /// Whom the unsubscribe `token` names, from what; `None` when we did not sign it.
    pub fn unsubscriber(&self, token: &str) -> Option<(Uuid, String)> {
        self.unsubscribes.read(token)
    }

    /// Renders `letter` for `to` with `details` and records it, with the job that sends
    /// it, in `tx`; returns its id. For what she must get (her account's email).
    pub async fn queue(&self, tx: &mut Tx, to: Recipient<'_>, letter: Letter, details: Value) -> AppResult<Uuid> {
        self.queue_unsubscribable(tx, to, letter, details, None).await
    }

    /// [`Self::queue`] for email she may stop: with `List-Unsubscribe` (one click,
    /// RFC 8058) and a footer link that stop what `scope` names — an id (hers, or her
    /// mailing-list entry's) and what of it.
    pub async fn queue_unsubscribable(
        &self,
        tx: &mut Tx,
        to: Recipient<'_>,
        letter: Letter,
        details: Value,
        scope: Option<(Uuid, &str)>,
    ) -> AppResult<Uuid> {
        let unsubscribe = scope
            .map(|(id, scope)| self.path_link(&format!("email/unsubscribe/{}", self.unsubscribes.token(id, scope))));
        let mut context = json!({ "community": COMMUNITY, "public_url": self.public_url.as_str(), "name": to.name });
        if let (Some(context), Value::Object(details)) = (context.as_object_mut(), details) {
            context.extend(details);
        }
        if let (Some(context), Some(link)) = (context.as_object_mut(), &unsubscribe) {
            context.insert("unsubscribe_url".into(), Value::String(link.clone()));
        }
        let rendered = self.templates.render(to.language, letter, &context)?;
        let id = Uuid::now_v7();
        let email = NewEmail {
            id,
            member: to.member,
            category: letter.name(),
            to: to.address,
            rendered: &rendered,
            list_unsubscribe: unsubscribe.as_deref(),
            now: clock::now(),
        };
        store::insert(tx, email).await?;
        jobs::enqueue(tx, NewJob::system(JobKind::SendEmail, id)).await?;
        Ok(id)
    }
}
