//! One reader of a thread's live updates: who she is, whom she has a block with, what
//! she was replayed, and what each message on the thread's topic means for her. Her
//! subscription uses it whether async-graphql runs it or the thread's hub took it over.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;

use async_graphql::connection::CursorType;
use uuid::Uuid;

use super::live::{ThreadEvent, ThreadUpdate, ThreadUpdateKind, reply_cursor};
use super::model::Reply;
use super::render::{LiveThreadUpdate, Shape};
use super::snapshot::ReplySnapshot;
use super::{service, store};
use crate::auth::AuthService;
use crate::db::Db;
use crate::error::AppError;
use crate::graphql::relay::{Cursor, Page};
use crate::members;
use crate::realtime::{Delivery, Follower};
use crate::viewer::AccessClaims;

/// Replies replayed per query.
pub const REPLAY_PAGE: usize = 100;

/// The update that tells a reader she may have missed some: she fetches the replies
/// after her last cursor.
pub fn resync() -> ThreadUpdate {
    ThreadUpdate { kind: ThreadUpdateKind::Resync, reply: None, thread: None, cursor: None }
}

/// A reply replayed from the database.
pub fn reply_update(kind: ThreadUpdateKind, reply: Reply) -> ThreadUpdate {
    let cursor = Some(reply_cursor(&reply).encode_cursor());
    ThreadUpdate { kind, reply: Some(reply), thread: None, cursor }
}

/// What her access check found: whom she has a block with either way, and whether she
/// sees past anonymity and holds in this thread (its group's owners and moderators,
/// community admins).
pub struct Standing {
    pub blocked: HashSet<Uuid>,
    pub sees_authors: bool,
}

/// One subscriber of a thread, with what she may see.
pub struct Reader {
    pub db: Db,
    pub auth: AuthService,
    pub viewer: AccessClaims,
    pub thread_id: Uuid,
    /// The members with a block either way with her, whose replies she is not sent.
    pub blocked: HashSet<Uuid>,
    /// She moderates the thread's group or is a community admin: anonymous authors and
    /// replies held for review show to her live as they do on her reads.
    pub sees_authors: bool,
    /// Her selection's shape, when readers alike may share its rendering.
    pub shape: Option<Shape>,
    /// The last reply replayed to her from the database, not to be sent again live.
    pub replayed_up_to: Option<Cursor>,
}

impl Reader {
    /// Checks against the database that she may still read the thread; where she stands
    /// in it. Owns what it needs, so it can run beside her deliveries.
    pub fn check(&self) -> impl Future<Output = Result<Standing, AppError>> + Send + 'static {
        let (db, auth, viewer, thread_id) = (self.db.clone(), self.auth.clone(), self.viewer, self.thread_id);
        async move {
            auth.require_signed_in(viewer).await?;
            let thread = service::readable(&db, viewer.member_id, thread_id).await.map_err(|error| match error {
                AppError::NotFound => AppError::Forbidden,
                other => other,
            })?;
            let sees_authors = thread.preloaded.is_some_and(|extras| extras.viewer_sees_authors);
            Ok(Standing { blocked: members::blocked_with(&db, viewer.member_id).await?, sees_authors })
        }
    }

    /// Takes in what her latest access check found.
    pub fn stand(&mut self, Standing { blocked, sees_authors }: Standing) {
        self.blocked = blocked;
        self.sees_authors = sees_authors;
    }

    /// Checks again that she may read the thread, and re-reads where she stands in it.
    pub async fn recheck(&mut self) -> Result<(), AppError> {
        let standing = self.check().await?;
        self.stand(standing);
        Ok(())
    }

    /// The replies after `after`, a page at a time: replayed to her before live updates.
    pub async fn replay(&self, after: Cursor) -> Result<Vec<Reply>, AppError> {
        let page = Page { size: REPLAY_PAGE, after: Some(after), before: None, backward: false };
        let mut replies = store::page_replies(&self.db, self.viewer.member_id, self.thread_id, &page).await?;
        replies.truncate(REPLAY_PAGE);
        Ok(replies)
    }

    /// The update `event` (which came in `message`) stands for, or `None` when there is
    /// nothing to send.
    pub async fn update(
        &self,
        ThreadEvent { kind, reply_id }: ThreadEvent,
        message: &Delivery,
    ) -> Result<Option<LiveThreadUpdate>, AppError> {
        if kind == ThreadUpdateKind::Resync {
            return Ok(Some(LiveThreadUpdate::own(resync())));
        }
        let Some(reply_id) = reply_id else {
            // Flag changes are rare: the thread is read for each reader.
            let thread = Box::pin(service::readable(&self.db, self.viewer.member_id, self.thread_id)).await?;
            let update = ThreadUpdate { kind, reply: None, thread: Some(thread), cursor: None };
            return Ok(Some(LiveThreadUpdate::own(update)));
        };
        // Boxed: the load runs once per process, and unboxed it would sit in every
        // subscription's state, idle or not.
        let snapshot = match message.shared(|| Box::pin(ReplySnapshot::load(&self.db, reply_id))).await {
            Ok(snapshot) => snapshot,
            Err(error) => {
                // The stream goes on; the reader catches up from her cursor.
                tracing::warn!(error = %error.for_log(), "cannot read a reply for live readers");
                return Ok(Some(LiveThreadUpdate::own(resync())));
            }
        };
        let Some(snapshot) = snapshot.as_ref().as_ref().filter(|s| s.thread_id() == self.thread_id) else {
            return Ok(None);
        };
        let facts = snapshot.facts(self.viewer.member_id, &self.blocked, self.sees_authors, kind);
        let position = snapshot.position();
        let already_sent = kind == ThreadUpdateKind::ReplyPosted
            && self.replayed_up_to.is_some_and(|last| (position.at, position.id) <= (last.at, last.id));
        // Changes by members blocked either way with the viewer are not delivered to her;
        // a reply held for review is, as a placeholder.
        if already_sent || (facts.hidden && !facts.held) {
            return Ok(None);
        }
        Ok(Some(match &self.shape {
            Some(shape) => LiveThreadUpdate::Shared { snapshot: Arc::clone(snapshot), shape: Arc::clone(shape), facts },
            None => LiveThreadUpdate::own(snapshot.update_for(&facts)),
        }))
    }
}

impl Follower<ThreadEvent> for Reader {
    type Item = LiveThreadUpdate;

    async fn recheck(&mut self) -> Result<(), AppError> {
        Reader::recheck(self).await
    }

    async fn missed(&mut self) -> Result<Option<LiveThreadUpdate>, AppError> {
        Ok(Some(LiveThreadUpdate::own(resync())))
    }

    async fn message(
        &mut self,
        event: ThreadEvent,
        delivery: Arc<Delivery>,
    ) -> Result<Option<LiveThreadUpdate>, AppError> {
        self.update(event, &delivery).await
    }
}
