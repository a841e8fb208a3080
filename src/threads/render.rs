//! Rendering a live reply update once per shape instead of once per subscriber. Most
//! readers of a thread subscribe with the same selection, and what they see of a reply
//! differs only by a few facts (blocked the author? connected with her? is she the
//! author? which reactions are hers?). A selection made only of fields decided by
//! those facts gets a *shape*; the first reader in the process with a given shape and
//! facts executes it, and the others reuse the result. Any other field (a new one
//! too, until it is listed here) makes the selection shapeless: rendered per reader.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, SelectionField, ServerResult, Value, registry};

use super::model::Reaction;
use super::snapshot::ReplySnapshot;
use super::subscription::{ThreadUpdate, ThreadUpdateKind};

/// A selection's fields, in order with their aliases: equal shapes render alike.
pub type Shape = Arc<str>;

/// Marks a leaf field, and `thread`, which is null in every reply update.
const ANYTHING: &str = "";

/// The type of `field` on `parent` when its value is decided by the reply snapshot and
/// the reader's facts alone; `None` for every other field.
fn decided_by_facts(parent: &str, field: &str) -> Option<&'static str> {
    let leaf = Some(ANYTHING);
    match (parent, field) {
        (_, "__typename") => leaf,
        ("ThreadUpdate", "kind" | "cursor" | "thread") => leaf,
        ("ThreadUpdate", "reply") => Some("Reply"),
        ("Reply", "id" | "threadId" | "parentReplyId" | "state" | "body" | "createdAt" | "editedAt") => leaf,
        ("Reply", "author") => Some("Member"),
        ("Reply", "reactions") => Some("ReactionCount"),
        ("ReactionCount", "reaction" | "count" | "reactedByMe") => leaf,
        (
            "Member",
            "id" | "displayName" | "handle" | "email" | "createdAt" | "avatarUrl" | "timezone" | "headline"
            | "industry" | "city" | "neighbourhood" | "careerStage" | "returnToWorkDate" | "interests" | "openTo"
            | "bio",
        ) => leaf,
        ("Member", "fieldVisibility") => Some("FieldVisibility"),
        ("FieldVisibility", "field" | "visibility") => leaf,
        _ => None,
    }
}

fn write_shape<'a>(parent: &str, fields: impl Iterator<Item = SelectionField<'a>>, shape: &mut String) -> Option<()> {
    shape.push('{');
    for field in fields {
        let child = decided_by_facts(parent, field.name())?;
        let plain = field.arguments().ok()?.is_empty() && field.directives().ok()?.is_empty();
        if !plain {
            return None;
        }
        shape.push_str(field.alias().unwrap_or_default());
        shape.push(':');
        shape.push_str(field.name());
        if child != ANYTHING {
            write_shape(child, field.selection_set(), shape)?;
        }
        shape.push(' ');
    }
    shape.push('}');
    Some(())
}

/// The shape of a `threadUpdates` selection, or `None` when it must be rendered per reader.
pub fn shape_of(subscription: &SelectionField<'_>) -> Option<Shape> {
    let mut shape = String::new();
    write_shape("ThreadUpdate", subscription.selection_set(), &mut shape)?;
    Some(shape.into())
}

/// What a reader's rendering of one reply update depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Facts {
    pub kind: ThreadUpdateKind,
    pub hidden: bool,
    pub connected: bool,
    pub is_author: bool,
    pub reacted: Vec<Reaction>,
}

/// Renderings of one reply update, by shape and facts; kept as long as the update is
/// being delivered.
#[derive(Default)]
pub struct Renders(Mutex<HashMap<(Shape, Facts), Value>>);

/// A `ThreadUpdate` as the subscription yields it: its own, or one built (and
/// rendered) only when no reader alike has rendered it yet.
pub enum LiveThreadUpdate {
    Own(Box<ThreadUpdate>),
    Shared { snapshot: Arc<ReplySnapshot>, shape: Shape, facts: Facts },
}

impl LiveThreadUpdate {
    /// An update rendered for its reader alone.
    pub fn own(update: ThreadUpdate) -> Self {
        Self::Own(Box::new(update))
    }
}

impl OutputType for LiveThreadUpdate {
    fn type_name() -> Cow<'static, str> {
        ThreadUpdate::type_name()
    }

    fn create_type_info(registry: &mut registry::Registry) -> String {
        ThreadUpdate::create_type_info(registry)
    }

    async fn resolve(&self, ctx: &ContextSelectionSet<'_>, field: &Positioned<Field>) -> ServerResult<Value> {
        let (snapshot, shape, facts) = match self {
            Self::Own(update) => return update.resolve(ctx, field).await,
            Self::Shared { snapshot, shape, facts } => (snapshot, shape, facts),
        };
        let renders = &snapshot.renders.0;
        let key = (Arc::clone(shape), facts.clone());
        if let Some(value) = renders.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
            return Ok(value.clone());
        }
        let value = snapshot.update_for(facts).resolve(ctx, field).await?;
        renders.lock().unwrap_or_else(PoisonError::into_inner).insert(key, value.clone());
        Ok(value)
    }
}
