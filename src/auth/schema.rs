//! GraphQL for accounts: `signUp`, `signIn`, `refreshSession`, `signOut`,
//! `signOutEverywhere`, and keeping an account: `verifyEmail`, `resendVerification`,
//! `requestPasswordReset`, `resetPassword`, `changePassword`, `changeEmail`,
//! `confirmEmailChange`.

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

/// A one-time link's token, from the email (the app opens the link and sends it here).
#[derive(InputObject)]
pub struct LinkTokenInput {
    pub token: String,
}

#[derive(InputObject)]
pub struct RequestPasswordResetInput {
    pub email: String,
}

#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The token of the emailed link.
    pub token: String,
    pub new_password: String,
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
}

#[derive(InputObject)]
pub struct ChangeEmailInput {
    pub new_email: String,
    /// Her current password.
    pub password: String,
}

/// What an account request did.
#[derive(SimpleObject)]
pub struct AccountPayload {
    /// True: done, or (for requests that email a link) accepted — the link arrives if
    /// there is someone to send it to.
    pub ok: bool,
}

const OK: AccountPayload = AccountPayload { ok: true };

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

    /// Confirms her email address with the emailed link's token (signed in or not).
    async fn verify_email(&self, ctx: &Context<'_>, input: LinkTokenInput) -> Result<AccountPayload> {
        data::<AuthService>(ctx)?.verify_email(&input.token).await?;
        Ok(OK)
    }

    /// Sends another link to confirm her email address (a few an hour).
    async fn resend_verification(&self, ctx: &Context<'_>) -> Result<AccountPayload> {
        data::<AuthService>(ctx)?.resend_verification(ctx.viewer()?).await?;
        Ok(OK)
    }

    /// Emails a link to choose a new password, if the address is a member's; the answer
    /// is the same either way.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        input: RequestPasswordResetInput,
    ) -> Result<AccountPayload> {
        data::<AuthService>(ctx)?.request_password_reset(&input.email, ctx.client()?).await?;
        Ok(OK)
    }

    /// Sets a new password with the emailed link's token; every device signs in again.
    async fn reset_password(&self, ctx: &Context<'_>, input: ResetPasswordInput) -> Result<AccountPayload> {
        data::<AuthService>(ctx)?.reset_password(&input.token, input.new_password).await?;
        Ok(OK)
    }

    /// Changes her password, given the current one; her other devices sign in again.
    async fn change_password(&self, ctx: &Context<'_>, input: ChangePasswordInput) -> Result<SignOutPayload> {
        let auth = data::<AuthService>(ctx)?;
        let sessions_ended =
            auth.change_password(ctx.viewer()?, input.current_password, input.new_password, ctx.client()?).await?;
        Ok(SignOutPayload { sessions_ended })
    }

    /// Asks to move her account to a new email address, given her password: the new
    /// address gets a link to confirm it; the old one stays until then.
    async fn change_email(&self, ctx: &Context<'_>, input: ChangeEmailInput) -> Result<AccountPayload> {
        let auth = data::<AuthService>(ctx)?;
        auth.change_email(ctx.viewer()?, &input.new_email, input.password, ctx.client()?).await?;
        Ok(OK)
    }

    /// Moves her account to the new address with the link's token sent there.
    async fn confirm_email_change(&self, ctx: &Context<'_>, input: LinkTokenInput) -> Result<AccountPayload> {
        data::<AuthService>(ctx)?.confirm_email_change(&input.token).await?;
        Ok(OK)
    }

    /// Signs the member out on every device.
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<SignOutPayload> {
        let sessions_ended = data::<AuthService>(ctx)?.sign_out_everywhere(ctx.viewer()?).await?;
        Ok(SignOutPayload { sessions_ended })
    }
}
