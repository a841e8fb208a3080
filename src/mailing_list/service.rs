//! The rules of the mailing list: subscribing answers alike whatever the address (a
//! confirmation goes only where one is due), confirming, leaving, and admins' newsletters.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use uuid::Uuid;

use super::model::{AudienceInput, Interest};
use super::store::{self, NewEntry, NewNewsletter};
use crate::auth::{admit_public_request, link_token_hash, mint_link_token, valid_email};
use crate::db::text_enum::to_text;
use crate::db::{Db, Tx};
use crate::email::{Language, Letter, Postbox, Recipient};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob};
use crate::text::{fold, required_body, required_line};
use crate::viewer::ClientInfo;
use crate::{clock, members};

/// How long a confirmation link works, and an unconfirmed entry is kept.
pub const CONFIRM_WITHIN: TimeDelta = TimeDelta::days(7);
/// What a newsletter's unsubscribe link names (with the entry's id).
pub const UNSUBSCRIBE_SCOPE: &str = "mailing-list";
const MAX_CITY_CHARS: usize = 80;
const MAX_SUBJECT_CHARS: usize = 200;
const MAX_BODY_CHARS: usize = 20_000;
/// Public subscriptions per address per hour, and from one client address.
const SUBSCRIBES_PER_EMAIL: i64 = 3;
const SUBSCRIBES_PER_ADDRESS: i64 = 10;

/// The mailing list of a deployment.
#[derive(Clone)]
pub struct MailingList {
    pub db: Db,
    pub postbox: Postbox,
    /// Newsletter emails queued per minute.
    pub per_minute: u32,
}

/// What a subscription asks for.
pub struct Subscription {
    pub interests: Vec<Interest>,
    pub city: Option<String>,
}

impl Subscription {
    /// The interests as stored (a JSON list, deduplicated; all three when none).
    fn stored_interests(&self) -> String {
        let mut interests = self.interests.clone();
        if interests.is_empty() {
            interests = vec![Interest::Events, Interest::Programs, Interest::News];
        }
        interests.sort_by_key(|interest| to_text(*interest));
        interests.dedup();
        serde_json::to_string(&interests).unwrap_or_else(|_| "[]".into())
    }

    fn city(&self) -> AppResult<Option<String>> {
        match self.city.as_deref().map(str::trim).filter(|city| !city.is_empty()) {
            Some(city) => Ok(Some(required_line("city", city, MAX_CITY_CHARS)?)),
            None => Ok(None),
        }
    }
}

/// Takes the entry an unsubscribe link names off the list (no sign-in needed).
pub async fn unsubscribe(db: &Db, entry: Uuid) -> AppResult<bool> {
    Ok(store::remove(db, entry).await?)
}

/// Takes `email` off the list inside `tx`, as her account closes.
pub async fn forget_address(tx: &mut Tx, email: &str) -> AppResult<()> {
    Ok(store::remove_address(tx, email).await?)
}

impl MailingList {
    /// Subscribes `email` from `client`: the same answer whether or not it is on the
    /// list already; a confirmation link goes unless it is confirmed (its settings are
    /// not changed by someone who only knows the address). `RATE_LIMITED` past a few
    /// an hour per address, or from one client.
    pub async fn subscribe(&self, email: &str, subscription: Subscription, client: &ClientInfo) -> AppResult<()> {
        let email = valid_email(email)?;
        let city = subscription.city()?;
        let now = clock::now();
        let counts = (SUBSCRIBES_PER_EMAIL, SUBSCRIBES_PER_ADDRESS);
        admit_public_request(&self.db, "mailing_list", (&email, &client.ip), counts, now).await?;
        let mut tx = self.db.begin_write().await?;
        if store::confirmed(&mut tx, &email).await? != Some(true) {
            let minted = mint_link_token();
            let interests = subscription.stored_interests();
            let city_key = city.as_deref().map(fold);
            let entry = NewEntry {
                id: Uuid::now_v7(),
                email: &email,
                member: None,
                interests: &interests,
                city_key: city_key.as_deref(),
                city: city.as_deref(),
                token_hash: Some(&minted.hash),
                now,
            };
            store::upsert(&mut tx, entry).await?;
            let to = Recipient { address: &email, member: None, name: "", language: Language::default() };
            let link = self.postbox.link("mailing-list/confirm", &minted.token);
            self.postbox.queue(&mut tx, to, Letter::MailingListConfirm, json!({ "link": link })).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Puts the signed-in `member` on the list with her confirmed address, at once.
    pub async fn join(&self, member: Uuid, subscription: Subscription) -> AppResult<()> {
        let city = subscription.city()?;
        let interests = subscription.stored_interests();
        let mut tx = self.db.begin_write().await?;
        let her = members::addressee(&mut tx, member).await?.ok_or(AppError::NotFound)?;
        store::remove_old_addresses(&mut tx, member, &her.email).await?;
        let city_key = city.as_deref().map(fold);
        let entry = NewEntry {
            id: Uuid::now_v7(),
            email: &her.email,
            member: Some(member),
            interests: &interests,
            city_key: city_key.as_deref(),
            city: city.as_deref(),
            token_hash: None,
            now: clock::now(),
        };
        store::upsert(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Confirms the subscription the link `token` was sent for.
    pub async fn confirm(&self, token: &str) -> AppResult<()> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        if !store::confirm(&mut tx, &link_token_hash(token), now - CONFIRM_WITHIN, now).await? {
            return Err(AppError::bad_input("token", "this link is invalid, was already used or has expired"));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Queues newsletter (`subject`, `body`) to `audience`, sent by admin `sender`;
    /// `FORBIDDEN` for anyone else. Returns its id.
    pub async fn send_newsletter(
        &self,
        sender: Uuid,
        subject: &str,
        body: &str,
        audience: AudienceInput,
    ) -> AppResult<Uuid> {
        if !members::is_admin(&self.db, sender).await? {
            return Err(AppError::Forbidden);
        }
        let subject = required_line("subject", subject, MAX_SUBJECT_CHARS)?;
        let body = required_body("body", body, MAX_BODY_CHARS)?;
        // Stored as a subscription's are: each interest once (none means all of them).
        let audience = Subscription { interests: audience.interests, city: audience.city };
        let (interests, city) = (audience.stored_interests(), audience.city()?);
        let id = Uuid::now_v7();
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let city_key = city.as_deref().map(fold);
        let newsletter = NewNewsletter {
            id,
            subject: &subject,
            body: &body,
            interests: &interests,
            city_key: city_key.as_deref(),
            sent_by: sender,
            now,
        };
        store::insert_newsletter(&mut tx, newsletter).await?;
        jobs::enqueue(&mut tx, NewJob::due_at(JobKind::NewsletterSend, id, now)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sends newsletter `id` to the next subscribers owed it (a minute's worth), inside
    /// `tx`; schedules the next run while some remain.
    pub async fn send_some(&self, tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> AppResult<()> {
        let Some(newsletter) = store::newsletter(tx, id).await? else {
            return Ok(());
        };
        if newsletter.finished_at.is_some() {
            return Ok(());
        }
        let interests: Vec<Interest> = serde_json::from_str(&newsletter.interests).unwrap_or_default();
        let patterns: Vec<String> = interests.iter().map(|interest| format!("%\"{}\"%", to_text(*interest))).collect();
        let batch = i64::from(self.per_minute.max(1));
        let owed = store::owed(tx, id, &patterns, newsletter.city_key.as_deref(), batch).await?;
        for recipient in &owed {
            store::delivered(tx, id, recipient.id, now).await?;
            let to = Recipient {
                address: &recipient.email,
                member: recipient.member_id,
                name: "",
                language: Language::default(),
            };
            let details = json!({ "subject": newsletter.subject, "body": newsletter.body });
            let scope = (recipient.id, UNSUBSCRIBE_SCOPE);
            self.postbox.queue_unsubscribable(tx, to, Letter::Newsletter, details, Some(scope)).await?;
        }
        if i64::try_from(owed.len()).unwrap_or(i64::MAX) < batch {
            store::finish(tx, id, now).await?;
        } else {
            jobs::enqueue(tx, NewJob::due_at(JobKind::NewsletterSend, id, now + TimeDelta::minutes(1))).await?;
        }
        Ok(())
    }
}
