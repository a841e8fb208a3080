//! Accounts and sessions for a mobile app: argon2id passwords, short-lived access
//! tokens, rotating refresh tokens with reuse detection, throttled sign-in.

mod credentials;
mod jobs;
mod password;
mod schema;
mod service;
mod store;
mod throttle;
mod tokens;

pub use jobs::Housekeeping;
pub use password::hash_password;
pub use schema::AuthMutation;
pub use service::{AuthService, ForgetDevice};
