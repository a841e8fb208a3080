//! Accounts and sessions for a mobile app: argon2id passwords, short-lived access
//! tokens, rotating refresh tokens with reuse detection, throttled sign-in — and what
//! keeps an account over time: a confirmed email address, password reset, changing
//! password or email.

mod account_tokens;
mod changes;
mod credentials;
mod jobs;
mod password;
mod recovery;
mod schema;
mod service;
mod session_cache;
mod store;
mod throttle;
mod tokens;
mod verification;

pub use account_tokens::{hash_of as link_token_hash, mint as mint_link_token};
pub use credentials::valid_email;
pub use jobs::Housekeeping;
pub use password::hash_password;
pub use recovery::ResetRequests;
pub use schema::AuthMutation;
pub use service::{AuthService, ForgetDevice};
pub use throttle::admit_public_request;
