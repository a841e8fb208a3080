//! Batches reaction counts for a page of threads or replies into one query. Made per
//! request for one viewer, because "reacted by me" depends on who asks.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use uuid::Uuid;

use super::model::ReactionCount;
use super::store;
use crate::db::Db;

/// Loads reaction counts by thread or reply id, for one viewer.
pub struct ReactionLoader {
    db: Db,
    viewer: Uuid,
}

/// The per-request loader type resolvers find in the request data.
pub type ReactionDataLoader = DataLoader<ReactionLoader>;

impl ReactionLoader {
    /// A fresh loader for one request by `viewer` (nil for an anonymous one).
    pub fn for_request(db: Db, viewer: Uuid) -> ReactionDataLoader {
        DataLoader::new(Self { db, viewer }, crate::db::statements::spawner())
    }
}

impl Loader<Uuid> for ReactionLoader {
    type Value = Vec<ReactionCount>;
    type Error = Arc<sqlx::Error>;

    async fn load(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        store::reaction_counts(&self.db, self.viewer, ids).await.map_err(Arc::new)
    }
}
