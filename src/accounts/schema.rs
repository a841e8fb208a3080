//! GraphQL for closing an account: `deleteAccount`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};

use super::deletion::Accounts;
use crate::graphql::context::{ContextExt, data};

#[derive(InputObject)]
pub struct DeleteAccountInput {
    /// Her current password.
    pub password: String,
}

/// What deleting an account did.
#[derive(SimpleObject)]
pub struct DeleteAccountPayload {
    /// True: the account is gone; this session ended with it.
    pub deleted: bool,
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Deletes her account for good, given her password: her profile, connections,
    /// messages she sent, devices and everything else of hers go; her threads and replies
    /// stay as placeholders by "Deleted member" with their words removed; her seats go to
    /// the waitlists. Her address may sign up again. A confirmation email follows.
    async fn delete_account(&self, ctx: &Context<'_>, input: DeleteAccountInput) -> Result<DeleteAccountPayload> {
        data::<Accounts>(ctx)?.delete_account(ctx.viewer()?, input.password, ctx.client()?).await?;
        Ok(DeleteAccountPayload { deleted: true })
    }
}
