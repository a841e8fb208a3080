//! What a sign-out that asks for it forgets of its device: the push registrations its
//! session made (Web Push and native), so the phone stops receiving her pushes.

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::store;
use crate::auth::ForgetDevice;
use crate::db::Db;

/// Removes the devices a session registered; the server hands it to the auth service.
pub struct ForgetSessionDevices {
    pub db: Db,
}

impl ForgetDevice for ForgetSessionDevices {
    fn forget_session(&self, session: Uuid) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async move {
            store::forget_session_devices(&self.db, session).await?;
            Ok(())
        })
    }
}
