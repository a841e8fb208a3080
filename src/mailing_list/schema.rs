//! GraphQL of the mailing list: `subscribeToMailingList` (anyone), `confirmMailingList`,
//! `joinMailingList` (members), `sendNewsletter` and `newsletters` (community admins).

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::model::{AudienceInput, Interest, Newsletter};
use super::service::{MailingList, Subscription};
use super::store;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data, verified_member};
use crate::members;

#[derive(InputObject)]
pub struct SubscribeToMailingListInput {
    pub email: String,
    #[graphql(default)]
    pub interests: Vec<Interest>,
    pub city: Option<String>,
}

#[derive(InputObject)]
pub struct JoinMailingListInput {
    #[graphql(default)]
    pub interests: Vec<Interest>,
    pub city: Option<String>,
}

#[derive(InputObject)]
pub struct ConfirmMailingListInput {
    /// The token of the emailed link.
    pub token: String,
}

#[derive(InputObject)]
pub struct SendNewsletterInput {
    pub subject: String,
    /// Plain text.
    pub body: String,
    #[graphql(default)]
    pub audience: AudienceInput,
}

/// What a mailing-list request did.
#[derive(SimpleObject)]
pub struct MailingListPayload {
    /// True: done, or (for a subscription) accepted — a confirmation arrives if one is due.
    pub ok: bool,
}

/// A newsletter on its way.
#[derive(SimpleObject)]
pub struct SendNewsletterPayload {
    pub newsletter_id: ID,
}

/// Newsletters listed at most.
const MAX_LISTED: i64 = 100;

#[derive(Default)]
pub struct MailingListQuery;

#[Object]
impl MailingListQuery {
    /// The newsletters sent, newest first, with how many subscribers got each
    /// (community admins only).
    async fn newsletters(&self, ctx: &Context<'_>, #[graphql(default = 20)] first: i64) -> Result<Vec<Newsletter>> {
        let (viewer, db) = (ctx.viewer()?.member_id()?, ctx.db()?);
        if !members::is_admin(db, viewer).await.map_err(AppError::from)? {
            return Err(AppError::Forbidden.into());
        }
        let rows = store::newsletters(db, first.clamp(1, MAX_LISTED)).await.map_err(AppError::from)?;
        Ok(rows
            .into_iter()
            .map(|(id, subject, created_at, recipients, finished_at)| Newsletter {
                id: ID(id.to_string()),
                subject,
                created_at,
                recipients,
                finished_at,
            })
            .collect())
    }
}

#[derive(Default)]
pub struct MailingListMutation;

#[Object]
impl MailingListMutation {
    /// Subscribes an address to the mailing list (no account needed): a link to confirm
    /// it is emailed; nothing else is sent until it is followed. The same answer for any
    /// address.
    async fn subscribe_to_mailing_list(
        &self,
        ctx: &Context<'_>,
        input: SubscribeToMailingListInput,
    ) -> Result<MailingListPayload> {
        let subscription = Subscription { interests: input.interests, city: input.city };
        data::<MailingList>(ctx)?.subscribe(&input.email, subscription, ctx.client()?).await?;
        Ok(MailingListPayload { ok: true })
    }

    /// Confirms a subscription with the emailed link's token.
    async fn confirm_mailing_list(
        &self,
        ctx: &Context<'_>,
        input: ConfirmMailingListInput,
    ) -> Result<MailingListPayload> {
        data::<MailingList>(ctx)?.confirm(&input.token).await?;
        Ok(MailingListPayload { ok: true })
    }

    /// Puts her on the mailing list with her confirmed address, at once.
    async fn join_mailing_list(&self, ctx: &Context<'_>, input: JoinMailingListInput) -> Result<MailingListPayload> {
        let member = verified_member(ctx)?;
        let subscription = Subscription { interests: input.interests, city: input.city };
        data::<MailingList>(ctx)?.join(member, subscription).await?;
        Ok(MailingListPayload { ok: true })
    }

    /// Sends a newsletter to the confirmed subscribers of an audience, through the
    /// queue at a steady pace, each once (community admins only).
    async fn send_newsletter(&self, ctx: &Context<'_>, input: SendNewsletterInput) -> Result<SendNewsletterPayload> {
        let sender = ctx.viewer()?.member_id()?;
        let list = data::<MailingList>(ctx)?;
        let id = list.send_newsletter(sender, &input.subject, &input.body, input.audience).await?;
        Ok(SendNewsletterPayload { newsletter_id: ID(id.to_string()) })
    }
}
