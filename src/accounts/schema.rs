//! GraphQL for the whole account: `requestDataExport`, `deleteAccount`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};

use super::deletion::Accounts;
use crate::graphql::context::{ContextExt, data, verified_member};

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

/// What asking for an export did.
#[derive(SimpleObject)]
pub struct RequestDataExportPayload {
    /// True: it is being gathered; a link arrives by email (valid 24 hours, opened with
    /// her session).
    pub requested: bool,
}

#[Object]
impl AccountsMutation {
    /// Asks for everything Village holds about her, as JSON: a link follows by email
    /// (`GET /exports/{token}` with her access token, for 24 hours). 3 a day.
    async fn request_data_export(&self, ctx: &Context<'_>) -> Result<RequestDataExportPayload> {
        data::<Accounts>(ctx)?.request_data_export(verified_member(ctx)?).await?;
        Ok(RequestDataExportPayload { requested: true })
    }

    /// Deletes her account for good, given her password: her profile, connections,
    /// messages she sent, devices and everything else of hers go; her threads and replies
    /// stay as placeholders by "Deleted member" with their words removed; her seats go to
    /// the waitlists. Her address may sign up again. A confirmation email follows.
    async fn delete_account(&self, ctx: &Context<'_>, input: DeleteAccountInput) -> Result<DeleteAccountPayload> {
        data::<Accounts>(ctx)?.delete_account(ctx.viewer()?, input.password, ctx.client()?).await?;
        Ok(DeleteAccountPayload { deleted: true })
    }
}
