//! Rendering a live reply update once per shape instead of once per subscriber. Most
//! readers of a thread subscribe with the same selection, and what they see of a reply
//! differs only by a few facts (a block with the author? connected with her? is she the
//! author? which reactions are hers?). A selection made only of fields decided by
//! those facts ([`SHAREABLE`]) gets a *shape*; the first reader in the process with a
//! given shape and facts executes it, and the others reuse the result. Any other field
//! (a new one too, until it is listed there) makes the selection shapeless: rendered
//! per reader.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::parser::types::{Field, FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Context, ContextSelectionSet, Name, OutputType, Positioned, ServerResult, Value, registry};

use super::live::{ThreadUpdate, ThreadUpdateKind};
use super::model::Reaction;
use super::snapshot::ReplySnapshot;

/// A selection's fields, in order with their aliases: equal shapes render alike.
pub type Shape = Arc<str>;

/// A shareable field: its name, and the type its selection is read on (`None`: not
/// looked into).
pub type SharedField = (&'static str, Option<&'static str>);

/// The fields whose value is decided by the reply snapshot and the reader's facts
/// alone, by type, each with the type its selection is read on (`None` for a leaf, or
/// for `thread`, which is null in every update that shares its rendering). Only these
/// are rendered once and shared among readers alike; every other field — any new one —
/// makes the selection per reader. A field listed here that depends on anything else
/// about the reader (a follow, a pending request, a mute) would show one member's view
/// to another. `tests/api/realtime.rs` reads every field listed here live and directly,
/// for readers with the same facts and different relations, and compares; whether two
/// such readers share one rendering there is decided by a race, so that test does not
/// prove a new field safe: review what it depends on before listing it.
pub const SHAREABLE: &[(&str, &[SharedField])] = &[
    ("ThreadUpdate", &[("kind", None), ("cursor", None), ("thread", None), ("reply", Some("Reply"))]),
    (
        "Reply",
        &[
            ("id", None),
            ("threadId", None),
            ("parentReplyId", None),
            ("state", None),
            ("body", None),
            ("createdAt", None),
            ("editedAt", None),
            ("author", Some("Member")),
            ("reactions", Some("ReactionCount")),
        ],
    ),
    ("ReactionCount", &[("reaction", None), ("count", None), ("reactedByMe", None)]),
    (
        "Member",
        &[
            ("id", None),
            ("displayName", None),
            ("handle", None),
            ("email", None),
            ("createdAt", None),
            ("avatarUrl", None),
            ("timezone", None),
            ("headline", None),
            ("industry", None),
            ("city", None),
            ("neighbourhood", None),
            ("careerStage", None),
            ("returnToWorkDate", None),
            ("interests", None),
            ("openTo", None),
            ("bio", None),
            ("fieldVisibility", Some("FieldVisibility")),
        ],
    ),
    ("FieldVisibility", &[("field", None), ("visibility", None)]),
];

/// Whether `field` on `parent` is shareable, and the type its selection is read on.
fn decided_by_facts(parent: &str, field: &str) -> Option<Option<&'static str>> {
    if field == "__typename" {
        return Some(None);
    }
    let (_, fields) = SHAREABLE.iter().find(|(name, _)| *name == parent)?;
    fields.iter().find(|(name, _)| *name == field).map(|(_, child)| *child)
}

type Fragments = HashMap<Name, Positioned<FragmentDefinition>>;

/// Writes the shape of `set` on type `parent`; `None` when any part of it is not
/// decided by facts or is conditional (a directive on a field or a fragment).
fn write_selection(parent: &str, set: &SelectionSet, fragments: &Fragments, shape: &mut String) -> Option<()> {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => write_field(parent, &field.node, fragments, shape)?,
            Selection::FragmentSpread(spread) => {
                let fragment = fragments.get(&spread.node.fragment_name.node)?;
                if !spread.node.directives.is_empty() || !fragment.node.directives.is_empty() {
                    return None;
                }
                write_selection(parent, &fragment.node.selection_set.node, fragments, shape)?;
            }
            Selection::InlineFragment(inline) => {
                if !inline.node.directives.is_empty() {
                    return None;
                }
                write_selection(parent, &inline.node.selection_set.node, fragments, shape)?;
            }
        }
    }
    Some(())
}

fn write_field(parent: &str, field: &Field, fragments: &Fragments, shape: &mut String) -> Option<()> {
    let child = decided_by_facts(parent, field.name.node.as_str())?;
    if !field.arguments.is_empty() || !field.directives.is_empty() {
        return None;
    }
    if let Some(alias) = &field.alias {
        shape.push_str(alias.node.as_str());
        shape.push(':');
    }
    shape.push_str(field.name.node.as_str());
    if let Some(child) = child {
        shape.push('{');
        write_selection(child, &field.selection_set.node, fragments, shape)?;
        shape.push('}');
    }
    shape.push(' ');
    Some(())
}

/// The shape of the `threadUpdates` selection `ctx` resolves, or `None` when it must be
/// rendered per reader.
pub fn shape_of(ctx: &Context<'_>) -> Option<Shape> {
    let mut shape = String::new();
    write_selection("ThreadUpdate", &ctx.item.node.selection_set.node, &ctx.query_env.fragments, &mut shape)?;
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
    /// Reactions by members blocked either way with her: not counted for her.
    pub unseen: Vec<Reaction>,
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

/// How many errors this reader's response holds so far.
fn errors_so_far(ctx: &ContextSelectionSet<'_>) -> Option<usize> {
    ctx.query_env.errors.lock().ok().map(|errors| errors.len())
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
        let errors_before = errors_so_far(ctx);
        let value = snapshot.update_for(facts).resolve(ctx, field).await?;
        // A rendering that reported an error (into this reader's response only) is not
        // handed to others without it.
        if errors_so_far(ctx).is_some_and(|after| Some(after) == errors_before) {
            renders.lock().unwrap_or_else(PoisonError::into_inner).insert(key, value.clone());
        }
        Ok(value)
    }
}
