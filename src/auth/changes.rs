//! Changing what she signs in with, signed in: her password (given the current one;
//! her other sessions end) and her email (given her password; the new address gets a
//! confirmation link, the old one a notice, and the old address stays until the link is
//! followed). Wrong passwords here count toward the sign-in throttle, so a stolen
//! session cannot guess at her password faster than a sign-in could.

use chrono::TimeDelta;
use serde_json::json;
use uuid::Uuid;

use super::account_tokens::{self, NewLink, Purpose};
use super::credentials::{valid_email, valid_password};
use super::service::AuthService;
use super::verification::LINK_NOT_WORKING;
use super::{store, throttle};
use crate::email::{Letter, Recipient};
use crate::error::{AppError, AppResult};
use crate::rate_limits::within_limit;
use crate::viewer::{ClientInfo, Viewer};
use crate::{clock, members};

/// Email changes one member may ask for per hour.
const EMAIL_CHANGES_PER_HOUR: i64 = 3;

impl AuthService {
    /// `password` checked against member `member_id`'s (throttled as a sign-in is);
    /// `BAD_USER_INPUT` on `field` when it is wrong. For anything that asks for her
    /// password again.
    pub async fn check_password(
        &self,
        member_id: Uuid,
        password: String,
        field: &'static str,
        client: &ClientInfo,
    ) -> AppResult<()> {
        // Never a password a sign-up could not have set (nor a megabyte to hash).
        valid_password(&password).map_err(|_| AppError::bad_input(field, "that is not your current password"))?;
        let (email, hash) = members::credentials_of(&self.db, member_id).await?.ok_or(AppError::NotFound)?;
        let attempt = throttle::admit_sign_in(&self.db, &email, &client.ip, clock::now()).await?;
        if self.hasher.verify(password, Some(hash)).await? {
            throttle::forget_sign_ins(&self.db, &email, &client.ip).await?;
            Ok(())
        } else {
            throttle::failed(&self.db, attempt).await?;
            Err(AppError::bad_input(field, "that is not your current password"))
        }
    }

    /// Sets the viewer's password, given her current one: her other sessions end, links
    /// she was sent stop working, and she is told by email.
    #[tracing::instrument(skip_all)]
    pub async fn change_password(
        &self,
        viewer: &Viewer,
        current: String,
        new_password: String,
        client: &ClientInfo,
    ) -> AppResult<u64> {
        let claims = viewer.claims()?;
        valid_password(&new_password).map_err(|_| AppError::bad_input("newPassword", "use 8 to 256 characters"))?;
        self.check_password(claims.member_id, current, "currentPassword", client).await?;
        let hash = self.hasher.hash(new_password).await?;
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let member = members::addressee(&mut tx, claims.member_id).await?.ok_or(AppError::NotFound)?;
        members::set_password_hash(&mut tx, member.id, &hash, now).await?;
        account_tokens::cancel(&mut tx, member.id, &[Purpose::ResetPassword, Purpose::ChangeEmail], now).await?;
        let ended = store::revoke_member_sessions_in(&mut tx, member.id, Some(claims.session_id), now).await?;
        self.postbox.queue(&mut tx, member.recipient(), Letter::PasswordChanged, json!({ "how": "changed" })).await?;
        tx.commit().await?;
        self.access_changed(member.id).await;
        Ok(ended)
    }

    /// Asks to move the viewer's account to `new_email`, given her password: a link to
    /// the new address confirms it, and the old one is told. An address another member
    /// has gets nothing, with the same answer (no probing for accounts, no mail to
    /// them); a few requests an hour.
    #[tracing::instrument(skip_all)]
    pub async fn change_email(
        &self,
        viewer: &Viewer,
        new_email: &str,
        password: String,
        client: &ClientInfo,
    ) -> AppResult<()> {
        let member_id = viewer.member_id()?;
        let new_email =
            valid_email(new_email).map_err(|_| AppError::bad_input("newEmail", "enter a valid email address"))?;
        self.check_password(member_id, password, "password", client).await?;
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let member = members::addressee(&mut tx, member_id).await?.ok_or(AppError::NotFound)?;
        if member.email == new_email {
            return Err(AppError::bad_input("newEmail", "that is already your email address"));
        }
        let window = TimeDelta::hours(1);
        let (asked, earliest) =
            account_tokens::sent_since(&mut tx, member_id, Purpose::ChangeEmail, now - window).await?;
        within_limit(asked, earliest, EMAIL_CHANGES_PER_HOUR, window, now)?;
        account_tokens::cancel(&mut tx, member_id, &[Purpose::ChangeEmail], now).await?;
        let minted = account_tokens::mint();
        let link = NewLink {
            minted: &minted,
            member: member_id,
            purpose: Purpose::ChangeEmail,
            new_email: Some(&new_email),
            now,
        };
        account_tokens::insert(&mut tx, link).await?;
        if members::addressee_by_email(&mut tx, &new_email).await?.is_none() {
            let url = self.postbox.link("account/confirm-email", &minted.token);
            // Nothing she typed goes to an address not yet shown to be hers.
            let to_new = Recipient { address: &new_email, name: "", ..member.recipient() };
            let details = json!({ "link": url, "new_email": new_email });
            self.postbox.queue(&mut tx, to_new, Letter::ConfirmNewEmail, details).await?;
        }
        let notice = json!({ "new_email": new_email });
        self.postbox.queue(&mut tx, member.recipient(), Letter::EmailChangeRequested, notice).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves the account to the address the link `token` was sent to (confirmed, since
    /// the link reached it); returns whose account. `CONFLICT` when another member took
    /// the address meanwhile.
    #[tracing::instrument(skip_all)]
    pub async fn confirm_email_change(&self, token: &str) -> AppResult<Uuid> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let used = account_tokens::use_once(&mut tx, token, Purpose::ChangeEmail, now).await?;
        let used = used.ok_or_else(|| AppError::bad_input("token", LINK_NOT_WORKING))?;
        let new_email = used.new_email.ok_or_else(|| AppError::bad_input("token", LINK_NOT_WORKING))?;
        members::set_email(&mut tx, used.member_id, &new_email, now).await.map_err(|error| {
            match AppError::from(error) {
                AppError::Conflict { .. } => {
                    AppError::Conflict { field: "email", message: "another account took that address meanwhile".into() }
                }
                other => other,
            }
        })?;
        tx.commit().await?;
        Ok(used.member_id)
    }
}
