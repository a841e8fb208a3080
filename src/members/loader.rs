//! Batches member look-ups within one request: a page of N items with authors costs one
//! query for the authors, not N. Made per request, and never caching, so nothing is
//! shared across viewers or goes stale.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use uuid::Uuid;

use super::store::{self, Member};
use crate::db::Db;

/// Loads members by id.
pub struct MemberLoader {
    db: Db,
}

/// The per-request loader type resolvers find in the request data.
pub type MemberDataLoader = DataLoader<MemberLoader>;

impl MemberLoader {
    /// A fresh loader for one request. It batches but does not cache, so one that lives
    /// as long as a WebSocket connection never serves stale members.
    pub fn for_request(db: Db) -> MemberDataLoader {
        DataLoader::new(Self { db }, crate::db::statements::spawner())
    }
}

impl Loader<Uuid> for MemberLoader {
    type Value = Member;
    type Error = Arc<sqlx::Error>;

    async fn load(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Member>, Self::Error> {
        let members = store::find_many(&self.db, ids).await.map_err(Arc::new)?;
        Ok(members.into_iter().map(|member| (member.id, member)).collect())
    }
}
