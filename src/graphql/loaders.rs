//! The per-request data every operation gets: who is asking, from where, and fresh
//! dataloaders (never shared between requests or viewers).

use std::sync::Arc;

use async_graphql::Data;
use uuid::Uuid;

use super::MutationBudget;
use crate::auth::{ClientInfo, Viewer};
use crate::db::Db;
use crate::members::{ChildrenLoader, MemberLoader};
use crate::threads::ReactionLoader;

/// Puts the viewer, the client, fresh loaders and the request's mutation budget (shared
/// by the operations of a batch) into `data`.
pub fn attach(data: &mut Data, db: &Db, viewer: Viewer, client: ClientInfo, budget: Arc<MutationBudget>) {
    let viewer_id = viewer.member_id().unwrap_or(Uuid::nil());
    data.insert(MemberLoader::for_request(db.clone(), viewer_id));
    data.insert(ChildrenLoader::for_request(db.clone()));
    data.insert(ReactionLoader::for_request(db.clone(), viewer_id));
    data.insert(viewer);
    data.insert(client);
    data.insert(budget);
}
