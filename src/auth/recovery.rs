//! Getting back in: a password-reset request answers the same, and does the same work,
//! whether or not the address is a member's (no enumeration, by answer or by timing) —
//! it only records the request, and a job sends the link if there is someone to send it
//! to. The link works once, for 30 minutes; using it sets the password, ends every
//! session and tells her by email.

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use serde_json::json;
use uuid::Uuid;

use super::account_tokens::{self, NewLink, Purpose};
use super::credentials::{valid_email, valid_password};
use super::service::AuthService;
use super::verification::LINK_NOT_WORKING;
use super::{store, throttle};
use crate::db::Tx;
use crate::email::Letter;
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, JobSpec, NewJob, Ran, RunEach};
use crate::viewer::ClientInfo;
use crate::{clock, members};

impl AuthService {
    /// Records a request to reset the password of `email`, from `client`; the same
    /// answer whether or not the address is a member's. `RATE_LIMITED` past a few an
    /// hour for one address, or from one client address.
    #[tracing::instrument(skip_all, fields(address = %client.ip))]
    pub async fn request_password_reset(&self, email: &str, client: &ClientInfo) -> AppResult<()> {
        let email = valid_email(email)?;
        let now = clock::now();
        throttle::admit_password_reset(&self.db, &email, &client.ip, now).await?;
        let request = Uuid::now_v7();
        let mut tx = self.db.begin_write().await?;
        store::insert_reset_request(&mut tx, request, &email, now).await?;
        jobs::enqueue(&mut tx, NewJob::system(JobKind::PasswordResetRequested, request)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Answers request `request`, inside `tx`: a single-use link to the member whose
    /// address it named, if any (earlier links stop working).
    async fn answer_reset_request(&self, tx: &mut Tx, request: Uuid, now: DateTime<Utc>) -> AppResult<()> {
        let Some(email) = store::take_reset_request(tx, request).await? else {
            return Ok(());
        };
        let Some(member) = members::addressee_by_email(tx, &email).await? else {
            return Ok(());
        };
        account_tokens::cancel(tx, member.id, &[Purpose::ResetPassword], now).await?;
        let minted = account_tokens::mint();
        let link =
            NewLink { minted: &minted, member: member.id, purpose: Purpose::ResetPassword, new_email: None, now };
        account_tokens::insert(tx, link).await?;
        let url = self.postbox.link("account/reset-password", &minted.token);
        let minutes = Purpose::ResetPassword.lifetime().num_minutes();
        self.postbox
            .queue(tx, member.recipient(), Letter::PasswordReset, json!({ "link": url, "minutes": minutes }))
            .await?;
        Ok(())
    }

    /// Sets a new password with the reset link `token`: every session ends (her devices
    /// sign in again), pending links stop working, and she is told by email. Following
    /// the link also confirms her address.
    #[tracing::instrument(skip_all)]
    pub async fn reset_password(&self, token: &str, new_password: String) -> AppResult<()> {
        valid_password(&new_password).map_err(|_| AppError::bad_input("newPassword", "use 8 to 256 characters"))?;
        // A link that cannot work costs no password hash.
        if !account_tokens::usable(&self.db, token, Purpose::ResetPassword, clock::now()).await? {
            return Err(AppError::bad_input("token", LINK_NOT_WORKING));
        }
        let hash = self.hasher.hash(new_password).await?;
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let used = account_tokens::use_once(&mut tx, token, Purpose::ResetPassword, now).await?;
        let member_id = used.ok_or_else(|| AppError::bad_input("token", LINK_NOT_WORKING))?.member_id;
        let member = members::addressee(&mut tx, member_id).await?.ok_or(AppError::NotFound)?;
        members::set_password_hash(&mut tx, member_id, &hash, now).await?;
        members::mark_email_verified(&mut tx, member_id, now).await?;
        account_tokens::cancel(&mut tx, member_id, &[Purpose::ResetPassword, Purpose::ChangeEmail], now).await?;
        store::revoke_member_sessions_in(&mut tx, member_id, None, now).await?;
        self.postbox.queue(&mut tx, member.recipient(), Letter::PasswordChanged, json!({ "how": "reset" })).await?;
        tx.commit().await?;
        self.access_changed(member_id).await;
        Ok(())
    }
}

/// Runs `PASSWORD_RESET_REQUESTED` (subject: the request).
pub struct ResetRequests {
    pub auth: AuthService,
}

impl RunEach for ResetRequests {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::PasswordResetRequested]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let mut tx = self.auth.db.begin_write().await?;
            self.auth.answer_reset_request(&mut tx, job.subject, clock::now()).await?;
            Ok(Ran::writes(tx))
        })
    }
}
