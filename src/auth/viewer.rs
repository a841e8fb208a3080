//! Who is asking: the member behind a request's access token, or nobody, and where the
//! request came from. Resolvers that need a member ask the viewer and get
//! `UNAUTHENTICATED` with the reason when there is none.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use uuid::Uuid;

use super::tokens::AccessClaims;
use crate::error::{AppError, AppResult};

/// The bearer of a request.
#[derive(Debug, Clone)]
pub enum Viewer {
    /// No credentials were sent.
    Anonymous,
    /// A live session's member.
    Member(AccessClaims),
    /// Credentials were sent but refused, for this reason.
    Refused(&'static str),
}

impl Viewer {
    /// The session claims, or `UNAUTHENTICATED`.
    pub fn claims(&self) -> AppResult<AccessClaims> {
        match self {
            Self::Member(claims) => Ok(*claims),
            Self::Anonymous => Err(AppError::Unauthenticated("sign in first")),
            Self::Refused(reason) => Err(AppError::Unauthenticated(reason)),
        }
    }

    /// The member's id, or `UNAUTHENTICATED`.
    pub fn member_id(&self) -> AppResult<Uuid> {
        self.claims().map(|claims| claims.member_id)
    }
}

/// Where a request came from, for throttling and session records.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    /// The client of a request from `peer` with `headers`; behind a proxy, the address
    /// the proxy appended last to `X-Forwarded-For` (the only entry it vouches for).
    pub fn from_request(peer: SocketAddr, headers: &HeaderMap, behind_proxy: bool) -> Self {
        let forwarded = behind_proxy
            .then(|| headers.get("x-forwarded-for")?.to_str().ok()?.rsplit(',').next()?.trim().parse::<IpAddr>().ok())
            .flatten();
        Self {
            ip: forwarded.unwrap_or(peer.ip()).to_string(),
            user_agent: headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
        }
    }
}
