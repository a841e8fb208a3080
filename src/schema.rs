//! The Village schema assembled from the feature folders, and the per-request data every
//! operation gets: who is asking, from where, fresh dataloaders (never shared between
//! requests or viewers) and the request's mutation budget.

use std::sync::Arc;

use async_graphql::{Data, MergedObject, MergedSubscription, Schema, SchemaBuilder};
use uuid::Uuid;

use crate::accounts::{Accounts, AccountsMutation};
use crate::auth::{AuthMutation, AuthService};
use crate::coffee_chats::{CoffeeChatMutation, CoffeeChatQuery};
use crate::db::Db;
use crate::digests::{DigestMutation, DigestQuery};
use crate::events::{EventMutation, EventQuery};
use crate::graphql::{MAX_COMPLEXITY, MAX_DEPTH, MutationBudget};
use crate::groups::{GroupMutation, GroupQuery, GroupSubscription};
use crate::job_board::{JobBoardMutation, JobBoardQuery};
use crate::mailing_list::{MailingList, MailingListMutation, MailingListQuery};
use crate::members::{ChildrenLoader, MemberLoader, MemberMutation, MemberQuery};
use crate::messages::{MessageMutation, MessageQuery, MessageSubscription};
use crate::moderation::{ModerationMutation, ModerationQuery, ModerationSettings};
use crate::notifications::{NotificationMutation, NotificationQuery, NotificationSubscription};
use crate::programs::{ProgramMutation, ProgramQuery};
use crate::push::{PushConfig, PushMutation, PushQuery};
use crate::rate_limits::RateLimits;
use crate::realtime::Bus;
use crate::resources::{ResourceMutation, ResourceQuery};
use crate::suggestions::{SuggestionMutation, SuggestionQuery};
use crate::surveys::{SurveyMutation, SurveyQuery};
use crate::threads::{ReactionLoader, ThreadHubs, ThreadMutation, ThreadQuery, ThreadSubscription};
use crate::viewer::{ClientInfo, Viewer};

/// Every query field, one part per feature.
#[derive(MergedObject, Default)]
pub struct Query(
    MemberQuery,
    GroupQuery,
    ThreadQuery,
    EventQuery,
    ProgramQuery,
    SurveyQuery,
    MessageQuery,
    CoffeeChatQuery,
    JobBoardQuery,
    ResourceQuery,
    SuggestionQuery,
    NotificationQuery,
    PushQuery,
    MailingListQuery,
    DigestQuery,
    ModerationQuery,
);

/// Every mutation, one part per feature.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    AccountsMutation,
    MemberMutation,
    GroupMutation,
    ThreadMutation,
    EventMutation,
    ProgramMutation,
    SurveyMutation,
    MessageMutation,
    CoffeeChatMutation,
    JobBoardMutation,
    ResourceMutation,
    SuggestionMutation,
    NotificationMutation,
    PushMutation,
    MailingListMutation,
    DigestMutation,
    ModerationMutation,
);

/// Every subscription, one part per feature.
#[derive(MergedSubscription, Default)]
pub struct Subscription(ThreadSubscription, GroupSubscription, MessageSubscription, NotificationSubscription);

/// The Village schema.
pub type VillageSchema = Schema<Query, Mutation, Subscription>;

fn builder(production: bool) -> SchemaBuilder<Query, Mutation, Subscription> {
    // No extensions: the checks run around the schema (`graphql::execute`), so each
    // field resolves without an extension chain.
    let builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY);
    if production { builder.disable_introspection().disable_suggestions() } else { builder }
}

/// What the schema's resolvers reach beyond the database and the bus.
pub struct Services {
    pub auth: AuthService,
    pub accounts: Accounts,
    pub mailing_list: MailingList,
    pub push: PushConfig,
    pub rate_limits: RateLimits,
    pub moderation: ModerationSettings,
}

/// The schema with its services, ready to execute requests.
pub fn build(db: Db, bus: Bus, services: Services, production: bool) -> VillageSchema {
    let Services { auth, accounts, mailing_list, push, rate_limits, moderation } = services;
    builder(production)
        .data(db)
        .data(auth)
        .data(accounts)
        .data(mailing_list)
        .data(ThreadHubs::new(bus.clone()))
        .data(bus)
        .data(push)
        .data(rate_limits)
        .data(moderation)
        .finish()
}

/// The schema in SDL, as `village export-schema` prints and `schema.graphql` holds.
pub fn sdl() -> String {
    builder(false).finish().sdl()
}

/// Puts the viewer, the client, fresh loaders and the request's mutation budget (shared
/// by the operations of a batch) into `data`.
///
/// A shared live rendering shadows each of these with one for no reader
/// (`threads::render::reader_data`): a kind added here is added there too.
pub fn attach_request_data(data: &mut Data, db: &Db, viewer: Viewer, client: ClientInfo, budget: Arc<MutationBudget>) {
    let viewer_id = viewer.member_id().unwrap_or(Uuid::nil());
    data.insert(MemberLoader::for_request(db.clone(), viewer_id));
    data.insert(ChildrenLoader::for_request(db.clone()));
    data.insert(ReactionLoader::for_request(db.clone(), viewer_id));
    data.insert(viewer);
    data.insert(client);
    data.insert(budget);
}
