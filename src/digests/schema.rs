//! GraphQL of digests: `digestSettings` and `setDigest`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::schedule::DigestFrequency;
use super::service;
use super::store::{self, Setting};
use crate::error::AppError;
use crate::graphql::context::{ContextExt, verified_member};

/// Her digest: how often, at which local hour, and when the next is due.
#[derive(SimpleObject)]
pub struct DigestSettings {
    pub frequency: DigestFrequency,
    pub hour: i64,
    /// Null when she gets none.
    pub next_at: Option<DateTime<Utc>>,
}

impl From<Option<Setting>> for DigestSettings {
    fn from(setting: Option<Setting>) -> Self {
        match setting {
            Some(setting) if setting.frequency.0 != DigestFrequency::None => {
                Self { frequency: setting.frequency.0, hour: setting.hour, next_at: Some(setting.next_at) }
            }
            Some(setting) => Self { frequency: DigestFrequency::None, hour: setting.hour, next_at: None },
            None => Self { frequency: DigestFrequency::None, hour: 8, next_at: None },
        }
    }
}

#[derive(InputObject)]
pub struct SetDigestInput {
    pub frequency: DigestFrequency,
    /// Her local hour, 0–23 (in her quiet hours' time zone, else her profile's, else UTC).
    #[graphql(default = 8)]
    pub hour: i64,
}

#[derive(Default)]
pub struct DigestQuery;

#[Object]
impl DigestQuery {
    /// Her email digest.
    async fn digest_settings(&self, ctx: &Context<'_>) -> Result<DigestSettings> {
        let (viewer, db) = (ctx.viewer()?.member_id()?, ctx.db()?);
        Ok(store::setting(db, viewer).await.map_err(AppError::from)?.into())
    }
}

#[derive(Default)]
pub struct DigestMutation;

#[Object]
impl DigestMutation {
    /// Asks for an email digest — the busiest threads in her groups, unread mentions,
    /// upcoming events — daily or weekly (Mondays) at her local hour, or none.
    async fn set_digest(&self, ctx: &Context<'_>, input: SetDigestInput) -> Result<DigestSettings> {
        let (viewer, db) = (verified_member(ctx)?, ctx.db()?);
        let setting = service::set(db, viewer, input.frequency, input.hour).await?;
        Ok(Some(setting).into())
    }
}
