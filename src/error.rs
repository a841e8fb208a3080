//! The one error type of the API. Every error reaching a client carries a stable
//! `extensions.code`; internal failures are logged here and never detailed to the client.
//! Resolvers return `async_graphql::Result` and use `?` on an [`AppError`]; the
//! `graphql::codes` extension finds it again as the error's source and annotates it.

/// Stable error codes, as listed in the design.
pub mod code {
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    pub const FORBIDDEN: &str = "FORBIDDEN";
    pub const NOT_FOUND: &str = "NOT_FOUND";
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    pub const CONFLICT: &str = "CONFLICT";
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    pub const INTERNAL: &str = "INTERNAL";
}

/// Why a request failed, in terms a client can act on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("you are not allowed to do this")]
    Forbidden,
    /// `FORBIDDEN` for a reason she can act on, given in `extensions.reason`.
    #[error("{message}")]
    Refused { reason: &'static str, message: &'static str },
    /// `FORBIDDEN` with reason `SUSPENDED`: an admin suspended her account until a time.
    #[error("your account is suspended until {until}: {reason}")]
    Suspended { until: chrono::DateTime<chrono::Utc>, reason: String },
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    BadInput { field: &'static str, message: String },
    #[error("{message}")]
    Conflict { field: &'static str, message: String },
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// A cap on how much one connection or request may hold or do at once.
    #[error("at most {limit} {what}")]
    LimitReached { what: &'static str, limit: usize },
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

/// Result of anything that can fail with an [`AppError`].
pub type AppResult<T> = Result<T, AppError>;

/// What `result` found, or none when it is `NOT_FOUND`: for a field that shows what she
/// may see and null for the rest.
pub fn found<T>(result: AppResult<T>) -> AppResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

impl AppError {
    /// A `BAD_USER_INPUT` error about one input field.
    pub fn bad_input(field: &'static str, message: impl Into<String>) -> Self {
        Self::BadInput { field, message: message.into() }
    }

    /// A refusal turned into `NOT_FOUND`, for when saying "forbidden" would confirm
    /// that something private exists; other errors pass through.
    pub fn hidden_as_not_found(self) -> Self {
        match self {
            Self::Forbidden => Self::NotFound,
            other => other,
        }
    }

    /// The stable code clients see in `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => code::UNAUTHENTICATED,
            Self::Forbidden | Self::Refused { .. } | Self::Suspended { .. } => code::FORBIDDEN,
            Self::NotFound => code::NOT_FOUND,
            Self::BadInput { .. } => code::BAD_USER_INPUT,
            Self::Conflict { .. } => code::CONFLICT,
            Self::RateLimited { .. } | Self::LimitReached { .. } => code::RATE_LIMITED,
            Self::Internal(_) => code::INTERNAL,
        }
    }
}

/// An error as logs show it (see [`AppError::for_log`]).
pub struct ForLog<'a>(&'a AppError);

impl std::fmt::Display for ForLog<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            AppError::Internal(cause) => write!(f, "{cause:#}"),
            other => write!(f, "{other}"),
        }
    }
}

impl AppError {
    /// What a log says of this error: its message, and of an internal one its cause's
    /// chain ("reading the thread: pool timed out"). Never log its Debug: with
    /// RUST_BACKTRACE set, it prints the backtrace anyhow captured, and symbolising that
    /// loads the binary's debug info into a cache the process keeps (155 MB of a soak's
    /// heap after one internal error, heaptrack).
    pub fn for_log(&self) -> ForLog<'_> {
        ForLog(self)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if matches!(error, sqlx::Error::RowNotFound) {
            return Self::NotFound;
        }
        if let Some(field) = crate::db::unique_violation_field(&error) {
            return Self::Conflict { field, message: format!("{field} is already taken") };
        }
        Self::Internal(error.into())
    }
}

/// The only way an error reaches a resolver's `?`: async-graphql's blanket conversion
/// from any `Display` is switched off (`custom-error-conversion`), so a stray
/// `sqlx::Error` cannot become a client-visible message; it must pass through
/// [`AppError`] first, which turns the unexpected into `INTERNAL`.
impl From<AppError> for async_graphql::Error {
    fn from(error: AppError) -> Self {
        async_graphql::Error::new_with_source(error)
    }
}

impl AppError {
    /// Writes `code` (and `field` or `retryAfterSeconds`) into a GraphQL error's
    /// extensions; internal causes are logged here, once, and stay out of the response.
    pub fn annotate(&self, error: &mut async_graphql::ServerError) {
        if let Self::Internal(_) = self {
            tracing::error!(error = %self.for_log(), "internal error");
        }
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", self.code());
        match self {
            Self::BadInput { field, .. } | Self::Conflict { field, .. } => {
                extensions.set("field", *field);
            }
            Self::RateLimited { retry_after_secs } => {
                extensions.set("retryAfterSeconds", *retry_after_secs);
            }
            Self::Refused { reason, .. } => {
                extensions.set("reason", *reason);
            }
            Self::Suspended { until, .. } => {
                extensions.set("reason", "SUSPENDED");
                extensions.set("until", until.to_rfc3339());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_is_logged_as_its_causes_chain_without_a_backtrace() {
        // What RUST_BACKTRACE says decides whether anyhow captures one; this checks the
        // log line has none either way.
        let cause = anyhow::anyhow!("pool timed out").context("reading the thread");
        let logged = AppError::Internal(cause).for_log().to_string();
        assert_eq!(logged, "reading the thread: pool timed out");
        assert_eq!(AppError::NotFound.for_log().to_string(), "not found");
    }
}
