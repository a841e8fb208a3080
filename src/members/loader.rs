//! Batches member look-ups within one request: a page of N items with authors costs one
//! query for the authors (and one for their children), not N. Made per request for one
//! viewer — what a member shows depends on who asks — and never caching.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use uuid::Uuid;

use super::profile::Child;
use super::store::{self, Member};
use crate::db::Db;
use crate::db::statements::spawner;

/// Loads members by id, as one viewer sees them.
pub struct MemberLoader {
    db: Db,
    viewer: Uuid,
}

/// The per-request loader type resolvers find in the request data.
pub type MemberDataLoader = DataLoader<MemberLoader>;

impl MemberLoader {
    /// A fresh loader for one request by `viewer` (nil when anonymous).
    pub fn for_request(db: Db, viewer: Uuid) -> MemberDataLoader {
        DataLoader::new(Self { db, viewer }, spawner())
    }
}

impl Loader<Uuid> for MemberLoader {
    type Value = Member;
    type Error = Arc<sqlx::Error>;

    async fn load(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Member>, Self::Error> {
        let members = store::find_many(&self.db, self.viewer, ids).await.map_err(Arc::new)?;
        Ok(members.into_iter().map(|member| (member.id, member)).collect())
    }
}

/// Loads the children of members.
pub struct ChildrenLoader {
    db: Db,
}

/// The per-request children loader.
pub type ChildrenDataLoader = DataLoader<ChildrenLoader>;

impl ChildrenLoader {
    /// A fresh loader for one request.
    pub fn for_request(db: Db) -> ChildrenDataLoader {
        DataLoader::new(Self { db }, spawner())
    }
}

impl Loader<Uuid> for ChildrenLoader {
    type Value = Vec<Child>;
    type Error = Arc<sqlx::Error>;

    async fn load(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Child>>, Self::Error> {
        let mut children: HashMap<Uuid, Vec<Child>> = HashMap::new();
        for (member, child) in store::children_of(&self.db, ids).await.map_err(Arc::new)? {
            children.entry(member).or_default().push(child);
        }
        Ok(children)
    }
}
