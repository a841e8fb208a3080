//! GraphQL for direct messages: her conversations and message requests, one
//! conversation's messages, and what she does with them.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{ConversationRow, MessageRow, Standing};
use super::service::{self, SendMessage, StartConversation};
use super::store;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, rate_limited_create};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::rate_limits::Action;

/// A conversation between 2 to 8 members, as she sees it.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Conversation {
    pub id: ID,
    /// Where it stands for her: INBOX, REQUESTED (in her message requests), or DECLINED
    /// (in the answer to `declineMessageRequest`).
    pub standing: Standing,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    /// Messages from the others since she last read it.
    pub unread_count: i64,
    /// Muted for her until then, if it is.
    pub muted_until: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub row: ConversationRow,
}

impl From<ConversationRow> for Conversation {
    fn from(row: ConversationRow) -> Self {
        Self {
            id: ID(row.id.to_string()),
            standing: row.standing,
            created_at: row.created_at,
            last_message_at: row.last_message_at,
            unread_count: row.unread_count,
            muted_until: row.muted_until.filter(|until| *until > crate::clock::now()),
            row,
        }
    }
}

#[ComplexObject]
impl Conversation {
    /// Its members who have not left, her included.
    async fn members(&self, ctx: &Context<'_>) -> Result<Vec<Member>> {
        let mut members = Vec::new();
        for (member, standing) in store::members_of(ctx.db()?, self.row.id).await.map_err(AppError::from)? {
            if standing != Standing::Left {
                members.push(load_member(ctx, member).await?);
            }
        }
        Ok(members)
    }

    /// Who started it (for a message request: who wrote to her).
    async fn started_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.row.started_by).await?)
    }

    /// Whether she can no longer write in it (a block either way with one of its members).
    async fn read_only(&self, ctx: &Context<'_>) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::read_only(ctx.db()?, viewer, self.row.id).await?)
    }

    /// Its messages, oldest first.
    #[graphql(complexity = "crate::graphql::relay::complexity(first, last, child_complexity)")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Message>> {
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page_messages(ctx.db()?, self.row.id, &page).await.map_err(AppError::from)?;
        Ok(page.connection_with(rows, |row| Cursor { at: row.created_at, id: row.id }, Message::from))
    }
}

/// One message.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Message {
    pub id: ID,
    pub conversation_id: ID,
    pub body: String,
    /// The job it asks a referral for, if it does (open it with `job(id)`).
    pub job_id: Option<ID>,
    pub created_at: DateTime<Utc>,
    /// A community admin removed its words (the body is empty) after it was reported.
    pub removed_by_moderator: bool,
    #[graphql(skip)]
    pub author_id: Uuid,
}

impl From<MessageRow> for Message {
    fn from(row: MessageRow) -> Self {
        Self {
            id: ID(row.id.to_string()),
            conversation_id: ID(row.conversation_id.to_string()),
            body: row.body,
            job_id: row.job_post_id.map(|job| ID(job.to_string())),
            created_at: row.created_at,
            removed_by_moderator: row.removed_by_moderator,
            author_id: row.author_id,
        }
    }
}

#[ComplexObject]
impl Message {
    async fn author(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.author_id).await?)
    }
}

#[derive(InputObject)]
pub struct StartConversationInput {
    /// The other members (1 to 7).
    pub member_ids: Vec<ID>,
    /// The first message (plain text, at most 20 000 characters).
    pub body: String,
    /// Makes a retry of this request start nothing twice.
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct SendMessageInput {
    pub conversation_id: ID,
    pub body: String,
    /// Makes a retry of this request send nothing twice.
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct ConversationInput {
    pub conversation_id: ID,
}

#[derive(InputObject)]
pub struct MuteConversationInput {
    pub conversation_id: ID,
    /// Until when; for good when left out. A time passed unmutes it.
    pub until: Option<DateTime<Utc>>,
}

#[derive(InputObject)]
pub struct MarkConversationReadInput {
    pub conversation_id: ID,
    /// The last message she has read; the conversation's latest when left out.
    pub up_to: Option<ID>,
}

#[derive(InputObject)]
pub struct SetMessagePreviewsInput {
    /// Whether a message's text shows on her lock screen, after its author's name.
    pub in_pushes: bool,
}

#[derive(InputObject)]
pub struct SetMessageRequestsInput {
    /// Whether members she is not connected with may write to her (their conversations
    /// wait in her message requests).
    pub from_non_connections: bool,
}

#[derive(SimpleObject)]
pub struct LeaveConversationPayload {
    pub conversation_id: ID,
}

#[derive(Default)]
pub struct MessageQuery;

#[Object]
impl MessageQuery {
    /// Her conversations, latest message first.
    #[graphql(complexity = "crate::graphql::relay::complexity(first, None, child_complexity)")]
    async fn conversations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Conversation>> {
        list(ctx, Standing::Inbox, first, after).await
    }

    /// Conversations from members she is not connected with, waiting for her answer.
    #[graphql(complexity = "crate::graphql::relay::complexity(first, None, child_complexity)")]
    async fn message_requests(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Conversation>> {
        list(ctx, Standing::Requested, first, after).await
    }

    /// One of her conversations (in her inbox or her requests).
    async fn conversation(&self, ctx: &Context<'_>, id: ID) -> Result<Conversation> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::readable(ctx.db()?, viewer, parse_id("id", &id)?).await?.into())
    }

    /// Whether members she is not connected with may write to her.
    async fn accepts_message_requests(&self, ctx: &Context<'_>) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(store::accepts_requests(ctx.db()?, viewer).await.map_err(AppError::from)?)
    }

    /// Whether a message's text shows in its push (off unless she turned it on).
    async fn shows_message_previews(&self, ctx: &Context<'_>) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(store::push_previews(ctx.db()?, viewer).await.map_err(AppError::from)?)
    }
}

async fn list(
    ctx: &Context<'_>,
    standing: Standing,
    first: Option<i32>,
    after: Option<String>,
) -> Result<Connection<Cursor, Conversation>> {
    let viewer = ctx.viewer()?.member_id()?;
    let page = PageArgs { first, after, ..PageArgs::default() }.validate()?;
    let rows = store::page(ctx.db()?, viewer, standing, &page).await.map_err(AppError::from)?;
    Ok(page.connection_with(rows, |row| Cursor { at: row.last_message_at, id: row.id }, Conversation::from))
}

#[derive(Default)]
pub struct MessageMutation;

#[Object]
impl MessageMutation {
    /// Writes to 1 to 7 members: a connection finds it in her inbox, anyone else in her
    /// message requests (`FORBIDDEN` if she takes none from non-connections); a block
    /// either way reads as no such member. With one member she already has a
    /// conversation with, the message goes there. Answers the message.
    async fn start_conversation(&self, ctx: &Context<'_>, input: StartConversationInput) -> Result<Message> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Message, "startConversation", key).await?;
        let member_ids = input.member_ids.iter().map(|id| parse_id("memberIds", id)).collect::<Result<Vec<_>, _>>()?;
        let start = StartConversation {
            member_ids,
            body: input.body,
            client_mutation_id: input.client_mutation_id,
            about_job: None,
        };
        Ok(service::start(ctx.db()?, ctx.bus()?, viewer, start).await?.into())
    }

    /// Writes in one of her conversations (not a request she has not accepted, nor one
    /// a block made read-only: `FORBIDDEN`).
    async fn send_message(&self, ctx: &Context<'_>, input: SendMessageInput) -> Result<Message> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Message, "sendMessage", key).await?;
        let send = SendMessage {
            conversation_id: parse_id("conversationId", &input.conversation_id)?,
            body: input.body,
            client_mutation_id: input.client_mutation_id,
            about_job: None,
        };
        Ok(service::send_message(ctx.db()?, ctx.bus()?, viewer, send).await?.into())
    }

    /// Moves a message request to her inbox.
    async fn accept_message_request(&self, ctx: &Context<'_>, input: ConversationInput) -> Result<Conversation> {
        answer_request(ctx, &input.conversation_id, true).await
    }

    /// Hides a message request; its sender is not told.
    async fn decline_message_request(&self, ctx: &Context<'_>, input: ConversationInput) -> Result<Conversation> {
        answer_request(ctx, &input.conversation_id, false).await
    }

    /// She has read the conversation up to a message (its latest when `upTo` is left
    /// out, and then her notifications of it are read too). Never moves back.
    async fn mark_conversation_read(
        &self,
        ctx: &Context<'_>,
        input: MarkConversationReadInput,
    ) -> Result<Conversation> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("conversationId", &input.conversation_id)?;
        let up_to = input.up_to.as_ref().map(|message| parse_id("upTo", message)).transpose()?;
        Ok(service::mark_read(ctx.db()?, ctx.bus()?, viewer, id, up_to).await?.into())
    }

    /// Leaves a conversation: gone from her lists, and she writes no more in it.
    async fn leave_conversation(
        &self,
        ctx: &Context<'_>,
        input: ConversationInput,
    ) -> Result<LeaveConversationPayload> {
        let viewer = ctx.viewer()?.member_id()?;
        service::leave(ctx.db()?, ctx.bus()?, viewer, parse_id("conversationId", &input.conversation_id)?).await?;
        Ok(LeaveConversationPayload { conversation_id: input.conversation_id })
    }

    /// Mutes a conversation for her.
    async fn mute_conversation(&self, ctx: &Context<'_>, input: MuteConversationInput) -> Result<Conversation> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("conversationId", &input.conversation_id)?;
        Ok(service::mute(ctx.db()?, viewer, id, input.until).await?.into())
    }

    /// Whether members she is not connected with may write to her.
    async fn set_message_requests(&self, ctx: &Context<'_>, input: SetMessageRequestsInput) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        store::set_accepts_requests(ctx.db()?, viewer, input.from_non_connections).await.map_err(AppError::from)?;
        Ok(input.from_non_connections)
    }

    /// Whether a message's text shows in its push (off: "New message from Ana").
    async fn set_message_previews(&self, ctx: &Context<'_>, input: SetMessagePreviewsInput) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        store::set_push_previews(ctx.db()?, viewer, input.in_pushes).await.map_err(AppError::from)?;
        Ok(input.in_pushes)
    }
}

async fn answer_request(ctx: &Context<'_>, id: &ID, accept: bool) -> Result<Conversation> {
    let viewer = ctx.viewer()?.member_id()?;
    let id = parse_id("conversationId", id)?;
    Ok(service::answer_request(ctx.db()?, ctx.bus()?, viewer, id, accept).await?.into())
}
