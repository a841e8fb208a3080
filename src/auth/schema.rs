//! GraphQL for accounts: `signUp`, `signIn`, `refreshSession`, `signOut`,
//! `signOutEverywhere`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::service::{AuthService, IssuedSession, SignUp};
use crate::graphql::context::{ContextExt, data};
use crate::members::{Member, load_member};

/// Tokens for a signed-in device, and who signed in.
pub struct AuthPayload {
    session: IssuedSession,
}

#[Object]
impl AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`; valid until `accessTokenExpiresAt`.
    async fn access_token(&self) -> &str {
        &self.session.access_token
    }
    /// When the access token stops working; refresh before then.
    async fn access_token_expires_at(&self) -> DateTime<Utc> {
        self.session.access_token_expires_at
    }
    /// Single use: `refreshSession` returns a new one. Keep it in secure storage.
    async fn refresh_token(&self) -> &str {
        &self.session.refresh_token
    }
    /// The signed-in member.
    async fn member(&self, ctx: &Context<'_>) -> Result<Member> {
        let member = load_member(ctx, self.session.member_id).await?;
        Ok(Member { shown_to_herself: true, ..member })
    }
}

/// How many sessions a sign-out ended.
#[derive(SimpleObject)]
pub struct SignOutPayload {
    pub sessions_ended: u64,
}

#[derive(InputObject)]
pub struct SignUpInput {
    pub email: String,
    pub password: String,
    pub display_name: String,
}

#[derive(InputObject)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
}

#[derive(InputObject)]
pub struct RefreshSessionInput {
    pub refresh_token: String,
}

#[derive(InputObject)]
pub struct SignOutInput {
    /// The device's refresh token; without it, the session of the access token ends.
    pub refresh_token: Option<String>,
    /// Also stop pushes to this device: removes the push registrations (Web Push and
    /// native) made by the session that ends.
    #[graphql(default)]
    pub remove_push_devices: bool,
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Creates an account and signs in on this device.
    async fn sign_up(&self, ctx: &Context<'_>, input: SignUpInput) -> Result<AuthPayload> {
        let sign_up = SignUp { email: input.email, password: input.password, display_name: input.display_name };
        let session = data::<AuthService>(ctx)?.sign_up(sign_up, ctx.client()?).await?;
        Ok(AuthPayload { session })
    }

    /// Signs in on this device.
    async fn sign_in(&self, ctx: &Context<'_>, input: SignInInput) -> Result<AuthPayload> {
        let session = data::<AuthService>(ctx)?.sign_in(&input.email, input.password, ctx.client()?).await?;
        Ok(AuthPayload { session })
    }

    /// Trades a refresh token for new tokens. Each refresh token works once.
    async fn refresh_session(&self, ctx: &Context<'_>, input: RefreshSessionInput) -> Result<AuthPayload> {
        let session = data::<AuthService>(ctx)?.refresh(&input.refresh_token).await?;
        Ok(AuthPayload { session })
    }

    /// Signs this device out.
    async fn sign_out(&self, ctx: &Context<'_>, input: Option<SignOutInput>) -> Result<SignOutPayload> {
        let (refresh_token, remove_push_devices) =
            input.map_or((None, false), |input| (input.refresh_token, input.remove_push_devices));
        let sessions_ended =
            data::<AuthService>(ctx)?.sign_out(ctx.viewer()?, refresh_token.as_deref(), remove_push_devices).await?;
        Ok(SignOutPayload { sessions_ended })
    }

    /// Signs the member out on every device.
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<SignOutPayload> {
        let sessions_ended = data::<AuthService>(ctx)?.sign_out_everywhere(ctx.viewer()?).await?;
        Ok(SignOutPayload { sessions_ended })
    }
}
