//! The account rules: signing up and in, rotating refresh tokens (a reused one revokes
//! its whole session), signing out one device or all, and recognising the bearer of an
//! access token on each request.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::credentials::{valid_display_name, valid_email, valid_password};
use super::password::PasswordHasher;
use super::session_cache::SessionCache;
use super::store::{self, NewSession, RevokeReason, Rotation, SessionRow};
use super::throttle;
use super::tokens::{
    AccessTokenError, AccessTokens, PresentedRefreshToken, RefreshToken, Successors, new_refresh_token,
    parse_refresh_token,
};
use crate::clock;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::email::{Language, Postbox};
use crate::error::{AppError, AppResult};
use crate::members::{self, Addressee, NewMember};
use crate::moderation_log::{self, Act, LogAction, NewEntry, Target, TargetKind};
use crate::realtime::{self, Bus};
use crate::viewer::{AccessClaims, ClientInfo, TOKEN_EXPIRED, Viewer};

const WRONG_CREDENTIALS: &str = "wrong email or password";
const INVALID_REFRESH_TOKEN: &str = "refresh token is invalid, expired or signed out";
const REUSED_REFRESH_TOKEN: &str = "refresh token was already used; the session has been signed out";
const SESSION_ENDED: &str = "session has been signed out";
const MAX_USER_AGENT_CHARS: usize = 255;

/// A signed-in session as handed to the client.
pub struct IssuedSession {
    pub access_token: String,
    pub access_token_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub member_id: Uuid,
}

/// Where a presented refresh token stands.
enum Standing {
    Current(SessionRow),
    /// Already traded in by this session.
    Retired(SessionRow),
    Unknown,
}

/// Accounts and sessions. Every live subscription and connection keeps one, so a clone
/// is a reference count, not a copy of the keys.
#[derive(Clone)]
pub struct AuthService(Arc<Accounts>);

impl std::ops::Deref for AuthService {
    type Target = Accounts;

    fn deref(&self) -> &Accounts {
        &self.0
    }
}

/// What [`AuthService`] shares among its clones.
pub struct Accounts {
    pub(super) db: Db,
    pub(super) hasher: PasswordHasher,
    access_tokens: AccessTokens,
    successors: Successors,
    refresh_ttl: chrono::Duration,
    /// How long a traded-in refresh token still gets its successor back (a retry
    /// whose first answer was lost) instead of counting as reuse.
    reuse_grace: chrono::Duration,
    sign_ups_per_hour: u32,
    /// Live sessions a member may hold; a new one ends her oldest beyond it.
    sessions_per_member: u32,
    /// Where ended sessions are announced, so their live subscriptions stop at once.
    pub(super) bus: Bus,
    /// Where account emails (links, notices) are queued.
    pub(super) postbox: Postbox,
    /// What forgets a device that signs out saying so (push: its registrations).
    forget_device: OnceLock<Arc<dyn ForgetDevice>>,
    /// Sessions confirmed moments ago (see [`SessionCache`]).
    sessions: SessionCache,
}

/// Forgets what a session registered for its device, when the app signs out saying so
/// (`removePushDevices`). Push implements it and the server wires it in, so sign-out
/// need not know the features that keep things per device.
pub trait ForgetDevice: Send + Sync {
    fn forget_session(&self, session: Uuid) -> BoxFuture<'_, anyhow::Result<()>>;
}

/// What sign-up asks for.
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
}

impl AuthService {
    /// The service for `db`, signing tokens with `secret`.
    pub fn new(db: Db, bus: Bus, settings: &Settings, secret: &[u8]) -> anyhow::Result<Self> {
        let parallel_hashes = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        Ok(Self(Arc::new(Accounts {
            db,
            hasher: PasswordHasher::new(parallel_hashes)?,
            access_tokens: AccessTokens::new(secret, settings.access_token_ttl()),
            successors: Successors::new(secret),
            refresh_ttl: chrono::Duration::from_std(settings.refresh_token_ttl())?,
            reuse_grace: chrono::Duration::from_std(settings.refresh_reuse_grace())?,
            sign_ups_per_hour: settings.sign_ups_per_ip_per_hour,
            sessions_per_member: settings.sessions_per_member,
            bus,
            postbox: Postbox::new(settings, secret)?,
            forget_device: OnceLock::new(),
            sessions: SessionCache::default(),
        })))
    }

    /// Starts trusting recently confirmed sessions for a few seconds, forgetting them
    /// whenever the access signals `bus` carries from any instance say so.
    pub fn cache_sessions(&self) {
        self.sessions.listen(self.bus.clone());
    }

    /// Tells every instance that what `member` may do changed (sessions ended, address
    /// confirmed, account gone): her cached sessions go here at once, her live
    /// subscriptions and the other instances' caches hear it. Call after the commit.
    pub async fn access_changed(&self, member: Uuid) {
        self.sessions.forget_member(member);
        realtime::access_changed(&self.bus, member).await;
    }

    /// Where account emails are queued; the server's other features share it.
    pub fn postbox(&self) -> &Postbox {
        &self.postbox
    }

    /// This service, `forget` doing what a sign-out asks to forget of its device.
    pub fn forgetting_devices_with(self, forget: Arc<dyn ForgetDevice>) -> Self {
        // Wired once, at start-up; a second forgetter would be a wiring mistake.
        if self.forget_device.set(forget).is_err() {
            tracing::error!("a second device forgetter was wired in and ignored");
        }
        self
    }

    /// Creates a member, sends her a link to confirm her address, and signs her in on
    /// this device.
    #[tracing::instrument(skip_all, fields(address = %client.ip))]
    pub async fn sign_up(&self, input: SignUp, client: &ClientInfo) -> AppResult<IssuedSession> {
        let email = valid_email(&input.email)?;
        valid_password(&input.password)?;
        let display_name = valid_display_name(&input.display_name)?;
        let now = clock::now();
        throttle::admit_sign_up(&self.db, &email, &client.ip, self.sign_ups_per_hour, now).await?;
        let password_hash = self.hasher.hash(input.password).await?;
        let member_id = Uuid::now_v7();
        let new_member = NewMember {
            id: member_id,
            email: &email,
            password_hash: &password_hash,
            display_name: &display_name,
            now,
            email_verified_at: None,
        };
        let mut tx = self.db.begin_write().await?;
        members::insert(&mut tx, new_member).await?;
        let addressee = Addressee {
            id: member_id,
            email,
            display_name,
            language: Language::default().code().to_owned(),
            email_verified_at: None,
        };
        self.send_verification(&mut tx, &addressee, now).await?;
        let session = self.start_session(&mut tx, member_id, client, now).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Signs a member in on this device. Unknown email and wrong password get the same
    /// answer; repeated failures for one email from one address, from one address, or
    /// (past a higher ceiling) for one email are throttled.
    #[tracing::instrument(skip_all, fields(address = %client.ip))]
    pub async fn sign_in(&self, email: &str, password: String, client: &ClientInfo) -> AppResult<IssuedSession> {
        let email = valid_email(email).map_err(|_| AppError::Unauthenticated(WRONG_CREDENTIALS))?;
        valid_password(&password).map_err(|_| AppError::Unauthenticated(WRONG_CREDENTIALS))?;
        let now = clock::now();
        let attempt = throttle::admit_sign_in(&self.db, &email, &client.ip, now).await?;
        let credentials = members::credentials_by_email(&self.db, &email).await?;
        let (member_id, hash) = credentials.map_or((None, None), |(id, hash)| (Some(id), Some(hash)));
        let password_ok = self.hasher.verify(password, hash).await?;
        let Some(member_id) = member_id.filter(|_| password_ok) else {
            throttle::failed(&self.db, attempt).await?;
            return Err(AppError::Unauthenticated(WRONG_CREDENTIALS));
        };
        throttle::forget_sign_ins(&self.db, &email, &client.ip).await?;
        self.open_session(member_id, client).await
    }

    /// Starts a session for `member_id` with no password check: for sign-in once the
    /// password was verified, and for tools that create members themselves (the
    /// benchmark). No API reaches it otherwise.
    /// Beyond her `--sessions-per-member`, her oldest sessions end (and their sockets
    /// close). A suspended member gets none (`FORBIDDEN`, reason `SUSPENDED`).
    pub async fn open_session(&self, member_id: Uuid, client: &ClientInfo) -> AppResult<IssuedSession> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        if let Some((until, reason)) = members::suspension_in(&mut tx, member_id, now).await? {
            tx.rollback().await?;
            return Err(AppError::Suspended { until, reason });
        }
        let session = self.start_session(&mut tx, member_id, client, now).await?;
        let ended = store::end_oldest_sessions(&mut tx, member_id, self.sessions_per_member, now).await?;
        tx.commit().await?;
        if ended > 0 {
            self.access_changed(member_id).await;
        }
        Ok(session)
    }

    /// Where a presented refresh token stands: the current token of a live session, a
    /// token that session already traded in, or nothing we issued.
    async fn standing(&self, presented: &PresentedRefreshToken, now: DateTime<Utc>) -> AppResult<Standing> {
        let session = store::find_session(&self.db, presented.session_id).await?;
        let Some(session) = session.filter(|s| s.revoked_at.is_none() && s.expires_at > now) else {
            return Ok(Standing::Unknown);
        };
        if session.refresh_token_hash == presented.hash {
            return Ok(Standing::Current(session));
        }
        match store::retired_at(&self.db, presented.session_id, &presented.hash).await? {
            Some(_) => Ok(Standing::Retired(session)),
            None => Ok(Standing::Unknown),
        }
    }

    /// Ends session `session_id`, tells its live subscriptions, and returns how many
    /// sessions this ended (0 or 1).
    async fn end_session(&self, session_id: Uuid, reason: RevokeReason, now: DateTime<Utc>) -> AppResult<u64> {
        let Some(member) = store::revoke_session(&self.db, session_id, reason, now).await? else {
            return Ok(0);
        };
        self.access_changed(member).await;
        Ok(1)
    }

    async fn revoke_for_reuse(&self, session_id: Uuid, now: DateTime<Utc>) -> AppResult<AppError> {
        self.end_session(session_id, RevokeReason::RefreshTokenReuse, now).await?;
        tracing::warn!(%session_id, "refresh token presented twice; session revoked");
        Ok(AppError::Unauthenticated(REUSED_REFRESH_TOKEN))
    }

    /// Trades a refresh token for a new pair. A token traded in moments ago (within the
    /// reuse grace) gets the same pair again, as long as its successor is still the
    /// session's current token: the client lost the first answer and retried. Any other
    /// token already traded (a stolen copy) ends the session.
    #[tracing::instrument(skip_all)]
    pub async fn refresh(&self, refresh_token: &str) -> AppResult<IssuedSession> {
        let presented = parse_refresh_token(refresh_token).ok_or(AppError::Unauthenticated(INVALID_REFRESH_TOKEN))?;
        let now = clock::now();
        let next = self.successors.of(&presented)?;
        let session = match self.standing(&presented, now).await? {
            Standing::Current(session) => session,
            Standing::Retired(session) => return self.refresh_again(&presented, session, &next).await,
            Standing::Unknown => return Err(AppError::Unauthenticated(INVALID_REFRESH_TOKEN)),
        };
        let mut tx = self.db.begin_write().await?;
        let rotation =
            Rotation { old_hash: &presented.hash, new_hash: &next.hash, now, expires_at: now + self.refresh_ttl };
        if !store::rotate_refresh_token(&mut tx, presented.session_id, rotation).await? {
            // A concurrent refresh with the same token won: the same answer, if it is ours.
            tx.rollback().await?;
            return self.refresh_again(&presented, session, &next).await;
        }
        store::retire_refresh_token(&mut tx, presented.session_id, &presented.hash, now).await?;
        tx.commit().await?;
        self.issued(session.member_id, presented.session_id, next.token, now)
    }

    /// The answer to a refresh token already traded in: its pair again while the grace
    /// lasts and its successor is still current, else a revoked session.
    async fn refresh_again(
        &self,
        presented: &PresentedRefreshToken,
        session: SessionRow,
        next: &RefreshToken,
    ) -> AppResult<IssuedSession> {
        let now = clock::now();
        let retired_at = store::retired_at(&self.db, presented.session_id, &presented.hash).await?;
        let current = store::find_session(&self.db, presented.session_id).await?;
        let successor_current = current.is_some_and(|s| s.revoked_at.is_none() && s.refresh_token_hash == next.hash);
        if let Some(retired_at) = retired_at.filter(|at| successor_current && now - *at <= self.reuse_grace) {
            // Issued as at the first answer, so the access token is the same one too.
            return self.issued(session.member_id, presented.session_id, next.token.clone(), retired_at);
        }
        Err(self.revoke_for_reuse(presented.session_id, now).await?)
    }

    fn issued(
        &self,
        member_id: Uuid,
        session_id: Uuid,
        refresh_token: String,
        at: DateTime<Utc>,
    ) -> AppResult<IssuedSession> {
        let (access_token, access_token_expires_at) = self.access_tokens.issue(member_id, session_id, at)?;
        Ok(IssuedSession { access_token, access_token_expires_at, refresh_token, member_id })
    }

    /// Ends one device's session: the one `refresh_token` belongs to, or else the
    /// viewer's current one, first removing the push devices it registered when
    /// `remove_push_devices` (so a failure leaves the session to sign out again).
    /// Returns how many sessions ended.
    #[tracing::instrument(skip_all)]
    pub async fn sign_out(
        &self,
        viewer: &Viewer,
        refresh_token: Option<&str>,
        remove_push_devices: bool,
    ) -> AppResult<u64> {
        let now = clock::now();
        let session_id = match refresh_token {
            None => viewer.claims()?.session_id,
            Some(token) => {
                let presented = parse_refresh_token(token).ok_or(AppError::Unauthenticated(INVALID_REFRESH_TOKEN))?;
                if matches!(self.standing(&presented, now).await?, Standing::Unknown) {
                    return Err(AppError::Unauthenticated(INVALID_REFRESH_TOKEN));
                }
                presented.session_id
            }
        };
        if remove_push_devices && let Some(forget) = self.forget_device.get() {
            forget.forget_session(session_id).await?;
        }
        self.end_session(session_id, RevokeReason::SignOut, now).await
    }

    /// Suspends `member` until `until` (a community admin's act on reports, `act`, whose
    /// note is the reason she is shown; the admin was checked): her sessions end and her
    /// open sockets close at once, and signing in is refused until then. Logged.
    pub async fn suspend(&self, act: Act<'_>, member: Uuid, until: DateTime<Utc>) -> AppResult<()> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        members::suspend(&mut tx, member, until, act.note).await?;
        store::revoke_member_sessions_in(&mut tx, member, None, now).await?;
        let target = Target { kind: TargetKind::Member, id: member };
        let entry = NewEntry { until: Some(until), ..act.entry(LogAction::Suspend, target, Some(member)) };
        moderation_log::append(&mut tx, entry, now).await?;
        tx.commit().await?;
        self.access_changed(member).await;
        Ok(())
    }

    /// Ends every session of the viewer, on every device.
    #[tracing::instrument(skip_all)]
    pub async fn sign_out_everywhere(&self, viewer: &Viewer) -> AppResult<u64> {
        let member_id = viewer.member_id()?;
        let ended = store::revoke_member_sessions(&self.db, member_id, clock::now()).await?;
        self.access_changed(member_id).await;
        Ok(ended)
    }

    /// `UNAUTHENTICATED` once the session behind `claims` ended or its token expired:
    /// long subscriptions and open WebSockets ask this again as they run.
    pub async fn require_signed_in(&self, claims: AccessClaims) -> AppResult<()> {
        let now = clock::now();
        if claims.expires_at <= now.timestamp() {
            return Err(AppError::Unauthenticated(TOKEN_EXPIRED));
        }
        match store::session_standing(&self.db, claims.session_id, claims.member_id, now).await? {
            Some(_) => Ok(()),
            None => Err(AppError::Unauthenticated(SESSION_ENDED)),
        }
    }

    /// Who presents `authorization` (an `Authorization` header value or the same
    /// value from a WebSocket `connection_init`): a live session's member or nobody.
    pub async fn viewer(&self, authorization: Option<&str>) -> AppResult<Viewer> {
        let Some(value) = authorization else {
            return Ok(Viewer::Anonymous);
        };
        let token = match value.trim().split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
            _ => {
                return Ok(Viewer::Refused("use an Authorization: Bearer <access token> header"));
            }
        };
        let claims = match self.access_tokens.verify(token) {
            Ok(claims) => claims,
            Err(AccessTokenError::Expired) => return Ok(Viewer::Refused(TOKEN_EXPIRED)),
            Err(AccessTokenError::Invalid) => {
                return Ok(Viewer::Refused("access token is invalid"));
            }
        };
        if let Some(email_verified) = self.sessions.standing(claims.session_id, claims.member_id) {
            return Ok(Viewer::Member(AccessClaims { email_verified, ..claims }));
        }
        match store::session_standing(&self.db, claims.session_id, claims.member_id, clock::now()).await? {
            Some(email_verified) => {
                self.sessions.confirmed(claims.session_id, claims.member_id, email_verified);
                Ok(Viewer::Member(AccessClaims { email_verified, ..claims }))
            }
            None => Ok(Viewer::Refused(SESSION_ENDED)),
        }
    }

    async fn start_session(
        &self,
        tx: &mut Tx,
        member_id: Uuid,
        client: &ClientInfo,
        now: DateTime<Utc>,
    ) -> AppResult<IssuedSession> {
        let session_id = Uuid::now_v7();
        let refresh = new_refresh_token(session_id);
        let user_agent: Option<String> =
            client.user_agent.as_deref().map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect());
        let new_session = NewSession {
            id: session_id,
            member_id,
            refresh_token_hash: &refresh.hash,
            user_agent: user_agent.as_deref(),
            now,
            expires_at: now + self.refresh_ttl,
        };
        store::insert_session(tx, new_session).await?;
        let (access_token, access_token_expires_at) = self.access_tokens.issue(member_id, session_id, now)?;
        Ok(IssuedSession { access_token, access_token_expires_at, refresh_token: refresh.token, member_id })
    }
}
