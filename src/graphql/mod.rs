//! The GraphQL platform: the schema assembled from the feature folders, the limits every
//! request passes before a resolver runs, error codes, Relay helpers, and the HTTP and
//! WebSocket endpoints on `/graphql`.

mod budget;
mod codes;
pub mod context;
mod http;
pub mod ids;
mod limits;
mod loaders;
mod order;
pub mod relay;

use async_graphql::{MergedObject, MergedSubscription, Schema, SchemaBuilder};

use crate::auth::{AuthMutation, AuthService};
use crate::db::Db;
use crate::events::{EventMutation, EventQuery};
use crate::groups::{GroupMutation, GroupQuery, GroupSubscription};
use crate::members::{MemberMutation, MemberQuery};
use crate::notifications::{NotificationMutation, NotificationQuery, NotificationSubscription};
use crate::push::{PushConfig, PushMutation, PushQuery};
use crate::rate_limits::RateLimits;
use crate::realtime::Bus;
use crate::threads::{ThreadMutation, ThreadQuery, ThreadSubscription};

pub use budget::MutationBudget;
pub use codes::{annotate as annotate_errors, count as count_errors};
pub use http::{MAX_BATCH, MAX_BODY_BYTES, graphql_get, graphql_post};
pub use loaders::attach as attach_request_data;

/// Every query field, one part per feature.
#[derive(MergedObject, Default)]
pub struct Query(MemberQuery, GroupQuery, ThreadQuery, EventQuery, NotificationQuery, PushQuery);

/// Every mutation, one part per feature.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    MemberMutation,
    GroupMutation,
    ThreadMutation,
    EventMutation,
    NotificationMutation,
    PushMutation,
);

/// Every subscription, one part per feature.
#[derive(MergedSubscription, Default)]
pub struct Subscription(ThreadSubscription, GroupSubscription, NotificationSubscription);

/// The Village schema.
pub type VillageSchema = Schema<Query, Mutation, Subscription>;

fn builder(production: bool) -> SchemaBuilder<Query, Mutation, Subscription> {
    let builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .extension(codes::ErrorCodes)
        // Before the limits: those parse the document themselves and end the chain.
        .extension(order::FieldOrder)
        .extension(limits::QueryLimits);
    if production { builder.disable_introspection().disable_suggestions() } else { builder }
}

/// The schema with its services, ready to execute requests.
pub fn build_schema(
    db: Db,
    auth: AuthService,
    bus: Bus,
    push: PushConfig,
    rate_limits: RateLimits,
    production: bool,
) -> VillageSchema {
    builder(production).data(db).data(auth).data(bus).data(push).data(rate_limits).finish()
}

/// The schema in SDL, as `village export-schema` prints and `schema.graphql` holds.
pub fn sdl() -> String {
    builder(false).finish().sdl()
}
