//! `deleteAccount`: given her password, in one transaction — groups she alone owns pass
//! to the next in line, her program places go to the next in line, she leaves every
//! group, her seats go to the waitlists, what she wrote in shared
//! places passes to the placeholder member with her words removed, work owed on her
//! behalf is dropped, and her row goes, taking everything that is hers alone (sessions,
//! devices, profile, children, connections, blocks, preferences, notifications, the
//! messages she sent, her calendar token, jobs, saved jobs, coffee chats, unsent mail).
//! Then her live connections close, and a last email confirms it.

use serde_json::json;

use super::store;
use crate::auth::AuthService;
use crate::db::Db;
use crate::email::{Letter, Postbox, Recipient};
use crate::error::{AppError, AppResult};
use crate::realtime::Bus;
use crate::viewer::{ClientInfo, Viewer};
use crate::{clock, email, events, groups, mailing_list, members, programs};

/// Closing accounts.
#[derive(Clone)]
pub struct Accounts {
    pub db: Db,
    pub bus: Bus,
    pub auth: AuthService,
    pub postbox: Postbox,
}

impl Accounts {
    /// Deletes the viewer's account, given her password.
    #[tracing::instrument(skip_all)]
    pub async fn delete_account(&self, viewer: &Viewer, password: String, client: &ClientInfo) -> AppResult<()> {
        let member_id = viewer.member_id()?;
        self.auth.check_password(member_id, password, "password", client).await?;
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let member = members::addressee(&mut tx, member_id).await?.ok_or(AppError::NotFound)?;
        programs::release_everywhere(&mut tx, member_id).await?;
        store::hand_over_groups(&mut tx, member_id).await?;
        groups::depart_everywhere(&mut tx, member_id).await?;
        events::release_everywhere(&mut tx, member_id).await?;
        store::ensure_deleted_member(&mut tx, now).await?;
        store::pass_to_placeholder(&mut tx, member_id, now).await?;
        email::forget_unsent_to(&mut tx, member_id).await?;
        mailing_list::forget_address(&mut tx, &member.email).await?;
        store::delete_member(&mut tx, member_id).await?;
        // Her row is gone with this transaction: the email is to her address alone.
        let farewell = Recipient { member: None, ..member.recipient() };
        self.postbox.queue(&mut tx, farewell, Letter::AccountDeleted, json!({})).await?;
        tx.commit().await?;
        self.auth.access_changed(member_id).await;
        tracing::info!(member = %member_id, "account deleted");
        Ok(())
    }
}
