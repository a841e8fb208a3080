//! Rendering a live reply update once per shape instead of once per subscriber. Most
//! readers of a thread subscribe with the same selection, and what they see of a reply
//! differs only by a few facts (a block with the author? connected with her? is she the
//! author? which reactions are hers?). A selection made only of fields their types list
//! as shareable (`graphql::Shareable`) gets a *shape*; the first reader in the process
//! with a given shape and facts renders it and the others reuse the result. Any other
//! field (a new one too) makes the selection shapeless: rendered per reader. A shared
//! rendering runs with no reader in its context — no viewer, loaders for no one, no
//! client — so it is made of the snapshot and the facts alone.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError};

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, FragmentDefinition, FragmentSpread, Selection, SelectionSet};
use async_graphql::{
    Context, ContextSelectionSet, Data, Name, OutputType, Positioned, QueryEnv, QueryPathNode, QueryPathSegment,
    Response, SchemaEnv, ServerResult, Value, registry,
};
use uuid::Uuid;

use super::live::ThreadUpdate;
use super::loader::ReactionLoader;
use super::model::{ReactionCount, Reply};
use super::snapshot::{Facts, ReplySnapshot};
use crate::db::Db;
use crate::error::AppError;
use crate::graphql::{MutationBudget, Shareable, SharedField, annotate_errors, count_errors};
use crate::members::{ChildrenLoader, FieldVisibility, Member, MemberLoader};
use crate::viewer::{ClientInfo, Viewer};

/// A selection's fields, in order with their aliases: equal shapes render alike.
pub type Shape = Arc<str>;

/// The types a reply update renders, each with the fields it lists as shareable.
static SHAREABLE: LazyLock<Vec<(Cow<'static, str>, &'static [SharedField])>> = LazyLock::new(|| {
    vec![
        ThreadUpdate::shareable(),
        Reply::shareable(),
        ReactionCount::shareable(),
        Member::shareable(),
        FieldVisibility::shareable(),
    ]
});

/// Each type a shared reply update renders, with its shareable fields.
pub fn shareable_fields() -> &'static [(Cow<'static, str>, &'static [SharedField])] {
    &SHAREABLE
}

/// Whether `field` on `parent` is shareable, and the type its selection is read on.
fn decided_by_facts(parent: &str, field: &str) -> Option<Option<&'static str>> {
    if field == "__typename" {
        return Some(None);
    }
    let (_, fields) = SHAREABLE.iter().find(|(name, _)| name == parent)?;
    fields.iter().find(|(name, _)| *name == field).map(|(_, child)| *child)
}

type Fragments = HashMap<Name, Positioned<FragmentDefinition>>;

/// The fragment `spread` names, unless a directive makes it conditional.
fn unconditional<'a>(spread: &Positioned<FragmentSpread>, fragments: &'a Fragments) -> Option<&'a FragmentDefinition> {
    let fragment = fragments.get(&spread.node.fragment_name.node)?;
    (spread.node.directives.is_empty() && fragment.node.directives.is_empty()).then_some(&fragment.node)
}

/// Writes the shape of `set` on type `parent`; `None` when any part of it is not
/// decided by facts or is conditional (a directive on a field or a fragment).
fn write_selection(parent: &str, set: &SelectionSet, fragments: &Fragments, shape: &mut String) -> Option<()> {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => write_field(parent, &field.node, fragments, shape)?,
            Selection::FragmentSpread(spread) => {
                let fragment = unconditional(spread, fragments)?;
                write_selection(parent, &fragment.selection_set.node, fragments, shape)?;
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

/// Writes `set` in full (aliases, names, fragments spread with their type condition);
/// `None` when anything in it has arguments or directives.
fn write_whole(set: &SelectionSet, fragments: &Fragments, out: &mut String) -> Option<()> {
    for item in &set.items {
        let (condition, inner) = match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                if !field.arguments.is_empty() || !field.directives.is_empty() {
                    return None;
                }
                if let Some(alias) = &field.alias {
                    out.push_str(alias.node.as_str());
                    out.push(':');
                }
                out.push_str(field.name.node.as_str());
                (None, &field.selection_set.node)
            }
            Selection::FragmentSpread(spread) => {
                let fragment = unconditional(spread, fragments)?;
                (Some(&fragment.type_condition.node.on.node), &fragment.selection_set.node)
            }
            Selection::InlineFragment(inline) => {
                if !inline.node.directives.is_empty() {
                    return None;
                }
                (
                    inline.node.type_condition.as_ref().map(|condition| &condition.node.on.node),
                    &inline.node.selection_set.node,
                )
            }
        };
        if let Some(condition) = condition {
            out.push_str("...on ");
            out.push_str(condition.as_str());
        }
        if !inner.items.is_empty() {
            out.push('{');
            write_whole(inner, fragments, out)?;
            out.push('}');
        }
        out.push(' ');
    }
    Some(())
}

/// The `threadUpdates` field `ctx` resolves, written in full with its response key:
/// readers with equal keys render every update alike, their own (a thread's) too.
/// `None` when anything below it has arguments or directives.
pub fn selection_key(ctx: &Context<'_>) -> Option<String> {
    let field = &ctx.item.node;
    let mut key = format!("{}{{", field.response_key().node);
    write_whole(&field.selection_set.node, &ctx.query_env.fragments, &mut key)?;
    key.push('}');
    Some(key)
}

/// Renders a subscriber's updates outside async-graphql's executor, as its subscription
/// stream would: her operation's schema and query environment and her field.
pub struct Renderer {
    schema_env: SchemaEnv,
    query_env: QueryEnv,
    field: Positioned<Field>,
    /// See [`selection_key`].
    pub key: String,
}

impl Renderer {
    /// The renderer of the field `ctx` resolves, known by `key`.
    pub fn of(ctx: &Context<'_>, key: String) -> Self {
        Self { schema_env: ctx.schema_env.clone(), query_env: ctx.query_env.clone(), field: ctx.item.clone(), key }
    }

    /// `update` as a serialised GraphQL response, rendered with `data` (see
    /// [`reader_data`]) in front of the operation's own request data; a shared update
    /// needs none (it brings its own). A rendering that gave no data is an error: her
    /// operation ends, as through async-graphql.
    pub async fn render(&self, update: &LiveThreadUpdate, data: Option<&Data>) -> Result<Arc<str>, AppError> {
        let name = self.field.node.response_key().node.clone();
        let path = QueryPathNode { parent: None, segment: QueryPathSegment::Name(&name) };
        let ctx = self.query_env.create_context(&self.schema_env, Some(path), &self.field.node.selection_set, data);
        let mut response = match update.resolve(&ctx, &self.field).await {
            Ok(value) => Response::new(Value::Object(IndexMap::from([(name.clone(), value)]))),
            Err(error) => Response::from_errors(vec![error]),
        };
        let reported = std::mem::take(&mut *self.query_env.errors.lock().unwrap_or_else(PoisonError::into_inner));
        response.errors.extend(reported);
        response.errors.iter_mut().for_each(annotate_errors);
        count_errors(&response.errors);
        if let Some(error) = response.errors.first().filter(|_| response.data == Value::Null) {
            return Err(AppError::Internal(anyhow::anyhow!("a live update could not be rendered: {}", error.message)));
        }
        serde_json::to_string(&response)
            .map(Arc::from)
            .map_err(|error| AppError::Internal(anyhow::Error::new(error).context("cannot encode a live update")))
    }
}

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

/// Request data for rendering as `viewer` sees it, standing in front of the request's
/// own: one of each kind `schema::attach_request_data` gives a request (a shared
/// rendering's viewer is no one, with loaders for no one), no client, an unspent budget.
pub fn reader_data(db: &Db, viewer: Viewer) -> Data {
    let member = viewer.member_id().unwrap_or(Uuid::nil());
    let mut data = Data::default();
    data.insert(viewer);
    data.insert(MemberLoader::for_request(db.clone(), member));
    data.insert(ChildrenLoader::for_request(db.clone()));
    data.insert(ReactionLoader::for_request(db.clone(), member));
    data.insert(ClientInfo { ip: String::new(), user_agent: None });
    data.insert(Arc::new(MutationBudget::default()));
    data
}

/// Request data for a shared rendering: no one's.
pub fn shared_data(db: &Db) -> Data {
    reader_data(db, Viewer::Refused("a shared live rendering has no reader"))
}

fn no_reader(ctx: &ContextSelectionSet<'_>) -> ServerResult<Data> {
    let db = ctx.data::<Db>().map_err(|error| error.into_server_error(ctx.item.pos))?;
    Ok(shared_data(db))
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
            // Boxed, here and below: unboxed, the rendering's state would be part of
            // every idle subscription's.
            Self::Own(update) => return Box::pin(update.resolve(ctx, field)).await,
            Self::Shared { snapshot, shape, facts } => (snapshot, shape, facts),
        };
        if let Some(value) = snapshot.renders.get(shape, facts) {
            return Ok(value);
        }
        let errors_before = errors_so_far(ctx);
        let no_reader = no_reader(ctx)?;
        let shared_ctx = ctx.query_env.create_context(ctx.schema_env, ctx.path_node, ctx.item, Some(&no_reader));
        let update = snapshot.update_for(facts);
        let value = Box::pin(update.resolve(&shared_ctx, field)).await?;
        // A rendering that reported an error (into this reader's response only) is not
        // handed to others without it.
        if errors_so_far(ctx).is_some_and(|after| Some(after) == errors_before) {
            snapshot.renders.keep(shape, facts, value.clone());
        }
        Ok(value)
    }
}
