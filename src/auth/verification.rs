//! Confirming a member's email address: a link goes out at sign-up (and again on
//! request, a few times an hour); following it marks the address confirmed. Until then
//! she may read but not write (see `graphql::context::verified_member`).

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use uuid::Uuid;

use super::account_tokens::{self, NewLink, Purpose};
use super::service::AuthService;
use crate::clock;
use crate::db::Tx;
use crate::email::Letter;
use crate::error::{AppError, AppResult};
use crate::members::{self, Addressee};
use crate::rate_limits::within_limit;
use crate::viewer::Viewer;

/// Verification links one member may be sent per hour.
const VERIFICATIONS_PER_HOUR: i64 = 3;
/// What a link that does not work (unknown, used, run out) is answered with.
pub const LINK_NOT_WORKING: &str = "this link is invalid, was already used or has expired";

impl AuthService {
    /// Sends `member` a link confirming her address, inside `tx`.
    pub(super) async fn send_verification(&self, tx: &mut Tx, member: &Addressee, now: DateTime<Utc>) -> AppResult<()> {
        let minted = account_tokens::mint();
        let link = NewLink { minted: &minted, member: member.id, purpose: Purpose::VerifyEmail, new_email: None, now };
        account_tokens::insert(tx, link).await?;
        let url = self.postbox.link("account/verify-email", &minted.token);
        self.postbox.queue(tx, member.recipient(), Letter::VerifyEmail, json!({ "link": url })).await?;
        Ok(())
    }

    /// Confirms the address the link `token` was sent to; returns whose it is.
    #[tracing::instrument(skip_all)]
    pub async fn verify_email(&self, token: &str) -> AppResult<Uuid> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let used = account_tokens::use_once(&mut tx, token, Purpose::VerifyEmail, now).await?;
        let member = used.ok_or_else(|| AppError::bad_input("token", LINK_NOT_WORKING))?.member_id;
        members::mark_email_verified(&mut tx, member, now).await?;
        tx.commit().await?;
        // Her sessions carry whether her address is confirmed: they are read afresh.
        self.access_changed(member).await;
        Ok(member)
    }

    /// Sends the viewer another verification link; `CONFLICT` once her address is
    /// confirmed, `RATE_LIMITED` past a few an hour.
    #[tracing::instrument(skip_all)]
    pub async fn resend_verification(&self, viewer: &Viewer) -> AppResult<()> {
        let member_id = viewer.member_id()?;
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let member = members::addressee(&mut tx, member_id).await?.ok_or(AppError::NotFound)?;
        if member.email_verified_at.is_some() {
            return Err(AppError::Conflict {
                field: "email",
                message: "your email address is already confirmed".into(),
            });
        }
        let window = TimeDelta::hours(1);
        let (sent, earliest) =
            account_tokens::sent_since(&mut tx, member_id, Purpose::VerifyEmail, now - window).await?;
        within_limit(sent, earliest, VERIFICATIONS_PER_HOUR, window, now)?;
        self.send_verification(&mut tx, &member, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
