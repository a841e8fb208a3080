//! Typed access to what every resolver needs from the GraphQL context: the services put
//! on the schema at start and the viewer and loaders put on each request.

use std::any::type_name;

use async_graphql::Context;

use crate::auth::{AuthService, ClientInfo, Viewer};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::members::MemberDataLoader;
use crate::realtime::Bus;

fn get<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> AppResult<&'a T> {
    ctx.data::<T>().map_err(|_| AppError::Internal(anyhow::anyhow!("GraphQL context lacks {}", type_name::<T>())))
}

/// Accessors for the services and request data that the server always provides.
pub trait ContextExt {
    fn db(&self) -> AppResult<&Db>;
    fn auth(&self) -> AppResult<&AuthService>;
    fn viewer(&self) -> AppResult<&Viewer>;
    fn client(&self) -> AppResult<&ClientInfo>;
    fn member_loader(&self) -> AppResult<&MemberDataLoader>;
    fn bus(&self) -> AppResult<&Bus>;
}

impl ContextExt for Context<'_> {
    fn db(&self) -> AppResult<&Db> {
        get(self)
    }
    fn auth(&self) -> AppResult<&AuthService> {
        get(self)
    }
    fn viewer(&self) -> AppResult<&Viewer> {
        get(self)
    }
    fn client(&self) -> AppResult<&ClientInfo> {
        get(self)
    }
    fn member_loader(&self) -> AppResult<&MemberDataLoader> {
        get(self)
    }
    fn bus(&self) -> AppResult<&Bus> {
        get(self)
    }
}
