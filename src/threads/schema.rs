//! GraphQL for conversations: `thread`, `feed`, a group's threads, and the mutations on
//! threads and replies.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::loader::ReactionDataLoader;
use super::model::{Reaction, ReactionCount, Reply, ReplyState, SensitiveTopic, Thread, ThreadOrder};
use super::service::{self, CreateThread, PostReply, ReactionTarget};
use super::store::{self, ThreadFlag};
use crate::error::{AppError, AppResult};
use crate::graphql::context::{ContextExt, data, rate_limited_create};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{Cursor, PageArgs};
use crate::graphql::{Shareable, SharedField};
use crate::members::{Member, load_member};
use crate::membership::{self, Group};
use crate::rate_limits::Action;
use crate::text::bounded_list;

async fn reactions_of(ctx: &Context<'_>, target: Uuid) -> AppResult<Vec<ReactionCount>> {
    let loader = data::<ReactionDataLoader>(ctx)?;
    let counts =
        loader.load_one(target).await.map_err(|e| AppError::Internal(anyhow::anyhow!("loading reactions: {e}")))?;
    Ok(counts.unwrap_or_default())
}

fn thread_cursor(order: ThreadOrder) -> impl Fn(&Thread) -> Cursor {
    move |thread| match order {
        ThreadOrder::Activity => Cursor { at: thread.last_activity_at, id: thread.id },
        ThreadOrder::Newest => Cursor { at: thread.created_at, id: thread.id },
    }
}

/// `group.threads`: a page of a readable group's threads.
pub async fn group_threads(
    ctx: &Context<'_>,
    group: &Group,
    order: ThreadOrder,
    args: PageArgs,
) -> AppResult<Connection<Cursor, Thread>> {
    if !group.readable() {
        return Err(AppError::NotFound);
    }
    let viewer = ctx.viewer()?.member_id()?;
    let page = args.validate()?;
    let rows = store::page_group_threads(ctx.db()?, viewer, group.id, order, &page).await?;
    Ok(page.connection(rows, thread_cursor(order)))
}

/// `group.pinnedThreads`.
pub async fn pinned_threads(ctx: &Context<'_>, group: &Group) -> AppResult<Vec<Thread>> {
    if !group.readable() {
        return Err(AppError::NotFound);
    }
    let viewer = ctx.viewer()?.member_id()?;
    Ok(store::pinned_threads(ctx.db()?, viewer, group.id).await?)
}

/// A conversation in a group.
#[Object]
impl Thread {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn group(&self, ctx: &Context<'_>) -> Result<Group> {
        Ok(membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, self.group_id).await?)
    }
    /// Null when it was posted anonymously, for all but its author, the group's owners
    /// and moderators, and community admins: show "Anonymous member".
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        if self.author_masked {
            return Ok(None);
        }
        if let Some(extras) = &self.preloaded {
            return Ok(Some(extras.author.clone()));
        }
        Ok(Some(load_member(ctx, self.author_id).await?))
    }
    /// Posted anonymously, in a group that allows it.
    async fn anonymous(&self) -> bool {
        self.anonymous
    }
    /// In a list, a thread on a topic she shields herself from reads "Sensitive topic:
    /// …" (open it by id to read it).
    async fn title(&self) -> String {
        match self.shielded_topic.0.filter(|_| self.collapsed) {
            Some(topic) => format!("Sensitive topic: {}", topic.label()),
            None => self.title.clone(),
        }
    }
    /// Plain text with simple markdown; clients render it, the server never makes HTML.
    /// Empty while collapsed.
    async fn body(&self) -> &str {
        if self.collapsed { "" } else { &self.body }
    }
    /// The sensitive topics it touches, set by its author or a moderator.
    async fn sensitive_topics(&self) -> &[SensitiveTopic] {
        &self.sensitive_topics.0
    }
    /// Shown collapsed: she shields herself from one of its topics (in lists only).
    async fn collapsed(&self) -> bool {
        self.collapsed
    }
    /// Empty while collapsed.
    async fn tags(&self) -> &[String] {
        if self.collapsed { &[] } else { &self.tags.0 }
    }
    async fn pinned(&self) -> bool {
        self.pinned
    }
    /// A locked thread takes no new replies.
    async fn locked(&self) -> bool {
        self.locked
    }
    /// A moderator removed its words: its title says so, its body is empty, it is
    /// locked; its replies stay.
    async fn removed_by_moderator(&self) -> bool {
        self.removed_by_moderator
    }
    /// Reported by enough members and hidden from everyone but its author and the
    /// group's moderators (who see this) until a moderator resolves the reports.
    async fn held_for_review(&self) -> bool {
        self.held_for_review
    }
    async fn reply_count(&self) -> i64 {
        self.reply_count
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.edited_at
    }
    async fn last_activity_at(&self) -> DateTime<Utc> {
        self.last_activity_at
    }
    async fn viewer_follows(&self) -> bool {
        self.viewer_follows
    }
    /// Whether the viewer may reply: she belongs to the group and the thread is open.
    async fn viewer_can_reply(&self) -> bool {
        self.viewer_is_member && !self.locked
    }
    /// Empty while collapsed.
    async fn reactions(&self, ctx: &Context<'_>) -> Result<Vec<ReactionCount>> {
        if self.collapsed {
            return Ok(Vec::new());
        }
        if let Some(extras) = &self.preloaded {
            return Ok(extras.reactions.clone());
        }
        Ok(reactions_of(ctx, self.id).await?)
    }

    /// Replies, oldest first; none while collapsed (she opens it by id to read them).
    #[graphql(complexity = "crate::graphql::relay::complexity(first, last, child_complexity)")]
    async fn replies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Reply>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        if self.collapsed {
            return Ok(page.connection(Vec::new(), |reply: &Reply| Cursor { at: reply.created_at, id: reply.id }));
        }
        let rows = store::page_replies(ctx.db()?, viewer, self.id, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |reply| Cursor { at: reply.created_at, id: reply.id }))
    }
}

/// Each follows from the reply and a shared rendering's facts (is its author blocked
/// either way with the reader?); its author and reactions come preloaded for the facts.
impl Shareable for Reply {
    const SHAREABLE_FIELDS: &'static [SharedField] = &[
        ("id", None),
        ("threadId", None),
        ("parentReplyId", None),
        ("state", None),
        ("body", None),
        ("createdAt", None),
        ("editedAt", None),
        ("author", Some("Member")),
        ("anonymous", None),
        ("reactions", Some("ReactionCount")),
    ];
}

/// A reply in a thread. Deleted replies and replies by members blocked either way keep
/// their place with no author or text; an anonymous reply shows no author to others.
#[Object]
impl Reply {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn thread_id(&self) -> ID {
        ID(self.thread_id.to_string())
    }
    /// The reply this one answers (replies nest one level).
    async fn parent_reply_id(&self) -> Option<ID> {
        self.parent_reply_id.map(|id| ID(id.to_string()))
    }
    async fn state(&self) -> ReplyState {
        self.shown_as()
    }
    /// Null unless the reply is visible; null too when it was posted anonymously, for
    /// all but its author, the group's owners and moderators, and community admins.
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        if self.shown_as() != ReplyState::Visible || self.author_masked {
            return Ok(None);
        }
        if let Some(extras) = &self.preloaded {
            return Ok(Some(extras.author.clone()));
        }
        Ok(Some(load_member(ctx, self.author_id).await?))
    }
    /// Posted anonymously, in a group that allows it.
    async fn anonymous(&self) -> bool {
        self.anonymous
    }
    /// Null unless the reply is visible.
    async fn body(&self) -> Option<&str> {
        (self.shown_as() == ReplyState::Visible).then_some(self.body.as_str())
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.edited_at
    }
    /// Reported by enough members and hidden from everyone but its author and the
    /// group's moderators (who see this) until a moderator resolves the reports.
    async fn held_for_review(&self) -> bool {
        self.held_for_review && !self.hidden
    }
    async fn reactions(&self, ctx: &Context<'_>) -> Result<Vec<ReactionCount>> {
        if self.shown_as() != ReplyState::Visible {
            return Ok(Vec::new());
        }
        if let Some(extras) = &self.preloaded {
            return Ok(extras.reactions.clone());
        }
        Ok(reactions_of(ctx, self.id).await?)
    }
}

#[derive(Default)]
pub struct ThreadQuery;

#[Object]
impl ThreadQuery {
    /// The sensitive topics she shields herself from.
    async fn shielded_topics(&self, ctx: &Context<'_>) -> Result<Vec<SensitiveTopic>> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::shielded_topics(ctx.db()?, viewer).await?)
    }

    /// A thread by id.
    async fn thread(&self, ctx: &Context<'_>, id: ID) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::readable(ctx.db()?, viewer, parse_id("id", &id)?).await?)
    }

    /// Recent activity across the viewer's groups, most recent first.
    #[graphql(complexity = "crate::graphql::relay::complexity(first, last, child_complexity)")]
    async fn feed(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Thread>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page_feed(ctx.db()?, viewer, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, thread_cursor(ThreadOrder::Activity)))
    }
}

#[derive(InputObject)]
pub struct CreateThreadInput {
    pub group_id: ID,
    pub title: String,
    pub body: String,
    /// Up to 10 short tags.
    #[graphql(default)]
    pub tags: Vec<String>,
    /// The sensitive topics it touches.
    #[graphql(default)]
    pub sensitive_topics: Vec<SensitiveTopic>,
    /// Post it as "Anonymous member", where the group allows anonymous posts (moderators
    /// still see who wrote it). It may mention no one.
    #[graphql(default)]
    pub anonymous: bool,
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct SetSensitiveTopicsInput {
    pub thread_id: ID,
    pub topics: Vec<SensitiveTopic>,
}

#[derive(InputObject)]
pub struct ShieldTopicsInput {
    /// Every topic she shields herself from (the list replaces the last one).
    pub topics: Vec<SensitiveTopic>,
}

#[derive(InputObject)]
pub struct PostReplyInput {
    pub thread_id: ID,
    pub body: String,
    /// Answer this top-level reply (one level of nesting).
    pub parent_reply_id: Option<ID>,
    /// Post it as "Anonymous member", where the group allows anonymous posts (moderators
    /// still see who wrote it). It may mention no one.
    #[graphql(default)]
    pub anonymous: bool,
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct EditReplyInput {
    pub reply_id: ID,
    pub body: String,
}

#[derive(InputObject)]
pub struct ReplyRefInput {
    pub reply_id: ID,
}

#[derive(InputObject)]
pub struct ThreadRefInput {
    pub thread_id: ID,
}

#[derive(InputObject)]
pub struct PinThreadInput {
    pub thread_id: ID,
    #[graphql(default = true)]
    pub pinned: bool,
}

#[derive(InputObject)]
pub struct LockThreadInput {
    pub thread_id: ID,
    #[graphql(default = true)]
    pub locked: bool,
}

/// React to a thread or to a reply (give exactly one). Reacting again takes it back.
#[derive(InputObject)]
pub struct ReactInput {
    pub thread_id: Option<ID>,
    pub reply_id: Option<ID>,
    pub reaction: Reaction,
    /// A key of the client's: the same reaction sent again with it is not taken back.
    pub client_mutation_id: Option<String>,
}

/// The result of `react`.
#[derive(SimpleObject)]
pub struct ReactPayload {
    /// Whether the viewer's reaction is there now.
    pub reacted: bool,
    pub reactions: Vec<ReactionCount>,
}

#[derive(Default)]
pub struct ThreadMutation;

fn optional_id(field: &'static str, id: Option<&ID>) -> AppResult<Option<Uuid>> {
    id.map(|id| parse_id(field, id)).transpose()
}

#[Object]
impl ThreadMutation {
    /// Starts a thread in a group the viewer belongs to.
    async fn create_thread(&self, ctx: &Context<'_>, input: CreateThreadInput) -> Result<Thread> {
        bounded_list("sensitiveTopics", &input.sensitive_topics, SensitiveTopic::ALL.len())?;
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Thread, "createThread", key).await?;
        let create = CreateThread {
            group_id: parse_id("groupId", &input.group_id)?,
            title: input.title,
            body: input.body,
            tags: input.tags,
            sensitive_topics: input.sensitive_topics,
            anonymous: input.anonymous,
            client_mutation_id: input.client_mutation_id,
        };
        Ok(service::create(ctx.db()?, ctx.bus()?, viewer, create).await?)
    }

    /// Sets the sensitive topics a thread touches: its author or the group's moderators.
    async fn set_thread_sensitive_topics(&self, ctx: &Context<'_>, input: SetSensitiveTopicsInput) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("threadId", &input.thread_id)?;
        bounded_list("topics", &input.topics, SensitiveTopic::ALL.len())?;
        Ok(service::set_sensitive_topics(ctx.db()?, ctx.bus()?, viewer, id, &input.topics).await?)
    }

    /// Chooses the sensitive topics she shields herself from: threads touching one leave
    /// her feed and group activity, show collapsed in group lists ("Sensitive topic: …",
    /// body hidden until she opens one), and are named in no push or email to her.
    async fn set_shielded_topics(&self, ctx: &Context<'_>, input: ShieldTopicsInput) -> Result<Vec<SensitiveTopic>> {
        let viewer = ctx.viewer()?.member_id()?;
        bounded_list("topics", &input.topics, SensitiveTopic::ALL.len())?;
        Ok(service::shield(ctx.db()?, viewer, &input.topics).await?)
    }

    /// Replies to a thread, or to a top-level reply in it.
    async fn post_reply(&self, ctx: &Context<'_>, input: PostReplyInput) -> Result<Reply> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Reply, "postReply", key).await?;
        let post = PostReply {
            thread_id: parse_id("threadId", &input.thread_id)?,
            body: input.body,
            parent_reply_id: optional_id("parentReplyId", input.parent_reply_id.as_ref())?,
            anonymous: input.anonymous,
            client_mutation_id: input.client_mutation_id,
        };
        Ok(service::reply(ctx.db()?, ctx.bus()?, viewer, post).await?)
    }

    /// Changes the text of her own reply.
    async fn edit_reply(&self, ctx: &Context<'_>, input: EditReplyInput) -> Result<Reply> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("replyId", &input.reply_id)?;
        Ok(service::edit_reply(ctx.db()?, ctx.bus()?, viewer, id, &input.body).await?)
    }

    /// Deletes her own reply, or any reply for a moderator. The thread stays readable.
    async fn delete_reply(&self, ctx: &Context<'_>, input: ReplyRefInput) -> Result<Reply> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::delete_reply(ctx.db()?, ctx.bus()?, viewer, parse_id("replyId", &input.reply_id)?).await?)
    }

    /// Pins (or unpins) a thread to the top of its group. Moderators only.
    async fn pin_thread(&self, ctx: &Context<'_>, input: PinThreadInput) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("threadId", &input.thread_id)?;
        Ok(service::set_flag(ctx.db()?, ctx.bus()?, viewer, id, ThreadFlag::Pinned, input.pinned).await?)
    }

    /// Locks (or unlocks) a thread: no new replies. Moderators only.
    async fn lock_thread(&self, ctx: &Context<'_>, input: LockThreadInput) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("threadId", &input.thread_id)?;
        Ok(service::set_flag(ctx.db()?, ctx.bus()?, viewer, id, ThreadFlag::Locked, input.locked).await?)
    }

    /// Adds a reaction, or takes it back.
    async fn react(&self, ctx: &Context<'_>, input: ReactInput) -> Result<ReactPayload> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Reaction, "react", key).await?;
        let target = match (
            optional_id("threadId", input.thread_id.as_ref())?,
            optional_id("replyId", input.reply_id.as_ref())?,
        ) {
            (Some(thread), None) => ReactionTarget::Thread(thread),
            (None, Some(reply)) => ReactionTarget::Reply(reply),
            _ => return Err(AppError::bad_input("threadId", "give either threadId or replyId").into()),
        };
        let db = ctx.db()?;
        let target_id = service::react(db, ctx.bus()?, viewer, target, input.reaction, key).await?;
        let counts = store::reaction_counts(db, viewer, &[target_id]).await.map_err(AppError::from)?;
        let reactions: Vec<ReactionCount> = counts.into_values().next().unwrap_or_default();
        let reacted = reactions.iter().any(|count| count.reaction == input.reaction && count.reacted_by_me);
        Ok(ReactPayload { reacted, reactions })
    }

    /// Follows a thread: its activity will notify her.
    async fn follow_thread(&self, ctx: &Context<'_>, input: ThreadRefInput) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::set_following(ctx.db()?, viewer, parse_id("threadId", &input.thread_id)?, true).await?)
    }

    /// Stops following a thread.
    async fn unfollow_thread(&self, ctx: &Context<'_>, input: ThreadRefInput) -> Result<Thread> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::set_following(ctx.db()?, viewer, parse_id("threadId", &input.thread_id)?, false).await?)
    }
}
