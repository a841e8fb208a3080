//! The pages an email links to, for following a link in a browser (the app opens the
//! account links itself and calls the matching mutation): confirming an email address,
//! choosing a new password, confirming an email change, unsubscribing (also one-click,
//! RFC 8058). Each link opens a page with a button, and only the button's POST uses the link — mail scanners that fetch
//! links do not use them up. Pages are never cached and send no referrer (the token is
//! in the address).

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Router, routing::get};
use minijinja::{Environment, context};
use serde::Deserialize;

use super::AppState;
use crate::error::AppError;
use crate::{digests, mailing_list, notifications};

/// A link's token, from its address or its form.
#[derive(Deserialize)]
pub struct LinkToken {
    #[serde(default)]
    token: String,
}

/// The new-password form.
#[derive(Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
}

/// What one of the pages says, and its form.
struct Page {
    title: &'static str,
    message: String,
    /// The button's label, when the page asks to press it; with a password field.
    form: Option<(&'static str, bool)>,
}

fn render(page: Page, token: &str, status: StatusCode) -> Response {
    let mut env = Environment::new();
    env.set_auto_escape_callback(minijinja::default_auto_escape_callback);
    let form = page.form.map(|(button, password)| context! { token, button, password });
    let html = env
        .template_from_named_str("page.html", include_str!("pages/page.html"))
        .and_then(|template| template.render(context! { title => page.title, message => page.message, form }));
    let Ok(html) = html else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    (status, headers, html).into_response()
}

/// The page after a link was used, or refused.
fn outcome(result: Result<(), AppError>, done: Page) -> Response {
    match result {
        Ok(()) => render(done, "", StatusCode::OK),
        Err(AppError::BadInput { message, .. } | AppError::Conflict { message, .. }) => {
            let page = Page { title: "This link did not work", message, form: None };
            render(page, "", StatusCode::BAD_REQUEST)
        }
        Err(AppError::RateLimited { .. }) => {
            let page =
                Page { title: "Too many tries", message: "Please wait a while and try again.".into(), form: None };
            render(page, "", StatusCode::TOO_MANY_REQUESTS)
        }
        Err(error) => {
            tracing::error!(error = %error.for_log(), "an account link failed");
            let message = "Something went wrong on our side; please try again shortly.".into();
            render(Page { title: "Sorry", message, form: None }, "", StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

async fn verify_email_page(Query(link): Query<LinkToken>) -> Response {
    let message = "Press the button to confirm this address for your Village account.".into();
    let page = Page { title: "Confirm your email", message, form: Some(("Confirm my email", false)) };
    render(page, &link.token, StatusCode::OK)
}

async fn verify_email(State(state): State<AppState>, Form(link): Form<LinkToken>) -> Response {
    let result = state.auth.verify_email(&link.token).await.map(drop);
    let message = "Thank you! You can go back to the app: posting, messages and RSVPs are open to you now.".into();
    outcome(result, Page { title: "Your email is confirmed", message, form: None })
}

async fn reset_password_page(Query(link): Query<LinkToken>) -> Response {
    let message = "Choose a new password. Every device signed in to your account will need to sign in again.".into();
    let page = Page { title: "Choose a new password", message, form: Some(("Set my password", true)) };
    render(page, &link.token, StatusCode::OK)
}

async fn reset_password(State(state): State<AppState>, Form(form): Form<NewPassword>) -> Response {
    let result = state.auth.reset_password(&form.token, form.new_password).await;
    let message = "Your password is changed. Sign in with it in the app.".into();
    outcome(result, Page { title: "Password changed", message, form: None })
}

async fn confirm_email_page(Query(link): Query<LinkToken>) -> Response {
    let message = "Press the button to use this address for your Village account from now on.".into();
    let page = Page { title: "Confirm your new email", message, form: Some(("Use this address", false)) };
    render(page, &link.token, StatusCode::OK)
}

async fn confirm_email(State(state): State<AppState>, Form(link): Form<LinkToken>) -> Response {
    let result = state.auth.confirm_email_change(&link.token).await.map(drop);
    let message = "Done: sign in with your new address from now on.".into();
    outcome(result, Page { title: "Your email is changed", message, form: None })
}

async fn unsubscribe_page(Path(_token): Path<String>) -> Response {
    let message = "Press the button to stop these emails. You can turn them back on in the app.".into();
    let page = Page { title: "Unsubscribe", message, form: Some(("Unsubscribe", false)) };
    render(page, "", StatusCode::OK)
}

/// One-click unsubscribe (RFC 8058: a mail app POSTs `List-Unsubscribe=One-Click`), or
/// the page's button; the signed token says whom and from what, no sign-in needed.
async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((member, scope)) = state.auth.postbox().unsubscriber(&token) else {
        let message = "This unsubscribe link is not one of ours.".into();
        return render(Page { title: "This link did not work", message, form: None }, "", StatusCode::NOT_FOUND);
    };
    let stopped = if scope == mailing_list::UNSUBSCRIBE_SCOPE {
        mailing_list::unsubscribe(&state.db, member).await.map(|_| true)
    } else if scope == digests::UNSUBSCRIBE_SCOPE {
        digests::stop_digest(&state.db, member).await.map(|_| true).map_err(AppError::from)
    } else {
        notifications::stop_emails(&state.db, member, &scope).await.map_err(AppError::from)
    };
    let result = match stopped {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::bad_input("token", "this link names nothing to stop")),
        Err(error) => Err(error),
    };
    let message = "Done: you will not get these emails any more.".into();
    outcome(result, Page { title: "Unsubscribed", message, form: None })
}

async fn mailing_list_page(Query(link): Query<LinkToken>) -> Response {
    let message = "Press the button to get the Village mailing list at this address.".into();
    let page = Page { title: "Confirm your subscription", message, form: Some(("Yes, subscribe me", false)) };
    render(page, &link.token, StatusCode::OK)
}

async fn confirm_mailing_list(State(state): State<AppState>, Form(link): Form<LinkToken>) -> Response {
    let result = state.mailing_list.confirm(&link.token).await;
    let message = "You are on the list. Every email has a link to leave it.".into();
    outcome(result, Page { title: "Subscribed", message, form: None })
}

/// The pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mailing-list/confirm", get(mailing_list_page).post(confirm_mailing_list))
        .route("/email/unsubscribe/{token}", get(unsubscribe_page).post(unsubscribe))
        .route("/account/verify-email", get(verify_email_page).post(verify_email))
        .route("/account/reset-password", get(reset_password_page).post(reset_password))
        .route("/account/confirm-email", get(confirm_email_page).post(confirm_email))
}
