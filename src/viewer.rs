//! Who is asking: the member behind a request's access token (what the token says, as
//! `auth` verified it), or nobody, and where the request came from. Resolvers that need
//! a member ask the viewer and get `UNAUTHENTICATED` with the reason when there is none.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use uuid::Uuid;

use chrono::{DateTime, Utc};

use crate::error::{AppError, AppResult};

/// What an access token says about its bearer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    pub member_id: Uuid,
    pub session_id: Uuid,
    /// When the token stops working (Unix seconds).
    pub expires_at: i64,
    /// Whether her email address is confirmed: not in the token, read with her session
    /// on each request (so a link followed on another device counts at once).
    pub email_verified: bool,
}

impl AccessClaims {
    /// When the token stops working.
    pub fn expiry(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.expires_at, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// Why a request or a live subscription was refused once its access token ran out.
pub const TOKEN_EXPIRED: &str = "access token expired";

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
    /// The client's address as limits count it: an IPv4 address, or the /64 an IPv6
    /// address is in (one subscriber line gets a whole /64).
    pub ip: String,
    pub user_agent: Option<String>,
}

/// How limits name the address `ip`: IPv4 as it is, IPv6 by its /64.
fn address_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !(u128::from(u64::MAX));
            format!("{}/64", std::net::Ipv6Addr::from(prefix))
        }
    }
}

impl ClientInfo {
    /// The client of a request from `peer` with `headers`; behind a proxy, the address
    /// the proxy appended last to `X-Forwarded-For` (the only entry it vouches for).
    pub fn from_request(peer: SocketAddr, headers: &HeaderMap, behind_proxy: bool) -> Self {
        let forwarded = behind_proxy
            .then(|| headers.get("x-forwarded-for")?.to_str().ok()?.rsplit(',').next()?.trim().parse::<IpAddr>().ok())
            .flatten();
        Self {
            ip: address_key(forwarded.unwrap_or(peer.ip())),
            user_agent: headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same_line: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(address_key(one), address_key(same_line));
        assert_eq!(address_key(one), "2001:db8:1:2::/64");
        assert_eq!(address_key("::ffff:203.0.113.9".parse().unwrap()), "203.0.113.9");
        assert_eq!(address_key("203.0.113.9".parse().unwrap()), "203.0.113.9");
    }
}
