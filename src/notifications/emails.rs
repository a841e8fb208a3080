//! Notifications by email, for the kinds she wants emailed: one email per new entry
//! (not again as it collapses more happenings), saying what happened — generically for
//! a private group, and never a message's text — with a one-click link that stops email
//! for that kind. Gone, out of her sight, already read in the app, or to an address she
//! has not confirmed: nothing is sent.

use futures_util::future::BoxFuture;
use serde_json::json;

use super::model::NotificationKind;
use super::settings;
use super::store::{ForPush, for_push};
use crate::db::Db;
use crate::db::text_enum::{from_text, to_text};
use crate::email::{Letter, Postbox};
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::members;
use uuid::Uuid;

/// What an unsubscribe link for a kind names.
const KIND_SCOPE: &str = "kind:";

/// The scope of an unsubscribe link that stops email of `kind`.
fn scope_of(kind: NotificationKind) -> String {
    format!("{KIND_SCOPE}{}", to_text(kind))
}

/// The kind an unsubscribe link's `scope` stops, if it names one.
fn kind_of_scope(scope: &str) -> Option<NotificationKind> {
    from_text(scope.strip_prefix(KIND_SCOPE)?).ok()
}

/// What the email says happened.
fn line(found: &ForPush) -> String {
    let notification = &found.notification;
    if notification.shielded {
        NotificationKind::SHIELDED_LINE.to_owned()
    } else if notification.group_private {
        notification.kind.0.private_line().to_owned()
    } else {
        notification.headline(found.actor_name.as_deref().unwrap_or_default())
    }
}

/// Runs `EMAIL_NOTIFICATION` (subject: the notification; target: her).
pub struct EmailNotifications {
    pub db: Db,
    pub postbox: Postbox,
}

impl RunEach for EmailNotifications {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::EmailNotification]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let found = for_push(&self.db, &[job.subject]).await?.into_iter().next();
            let mut tx = self.db.begin_write().await?;
            let Some(found) = found.filter(|found| found.notification.read_at.is_none()) else {
                return Ok(Ran::writes(tx));
            };
            // Never to an address she has not confirmed (anyone may type anyone's).
            let member = members::addressee(&mut tx, found.member_id).await?;
            let Some(member) = member.filter(|member| member.email_verified_at.is_some()) else {
                return Ok(Ran::writes(tx));
            };
            let kind = found.notification.kind.0;
            let to = member.recipient();
            let details = json!({ "line": line(&found), "kind": to_text(kind).to_lowercase().replace('_', " ") });
            let scope = scope_of(kind);
            let unsubscribe = Some((member.id, scope.as_str()));
            self.postbox.queue_unsubscribable(&mut tx, to, Letter::Notification, details, unsubscribe).await?;
            Ok(Ran::writes(tx))
        })
    }
}

/// Stops email of the kind `scope` names for `member` (an unsubscribe link was
/// followed); false when the scope names no kind.
pub async fn stop_emails(db: &Db, member: Uuid, scope: &str) -> Result<bool, sqlx::Error> {
    let Some(kind) = kind_of_scope(scope) else {
        return Ok(false);
    };
    let current = settings::preference_for(db, member, kind).await?;
    settings::set_preference(db, member, settings::NotificationPreference { email: false, ..current }).await?;
    Ok(true)
}
