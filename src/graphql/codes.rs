//! Gives every GraphQL error its `extensions.code`, and counts errors by code for
//! /metrics. Errors from resolvers carry their [`AppError`] as source and are annotated
//! from it (async-graphql's blanket conversion from any error is switched off, so
//! nothing else can reach a resolver's `?`). Refused documents are annotated where they
//! are refused (`limits`). What remains is async-graphql's own word on a value that does
//! not fit its type — the client's mistake, `BAD_USER_INPUT` — and anything else, which
//! is a server fault: logged here and answered `INTERNAL` with no detail.

use async_graphql::{ServerError, Value as ConstValue};

use crate::error::{AppError, code};

/// How async-graphql words a value that does not fit its input type, a request that
/// names an operation it does not hold, or a subscription sent over plain HTTP: the
/// client's mistakes, found while executing.
const INPUT_MISTAKES: &[&str] = &[
    "Failed to parse",
    "Expected input type",
    "Invalid value for argument",
    "Unknown operation named",
    "Operation name required",
    "Variable ",
    "Subscriptions are not supported on this transport",
];

/// A refusal with `BAD_USER_INPUT` and a machine-readable `reason`.
pub fn refusal(reason: &str, message: String) -> ServerError {
    labelled(ServerError::new(message, None), reason)
}

/// `error` labelled as the client's: `BAD_USER_INPUT` with `reason`.
pub fn labelled(mut error: ServerError, reason: &str) -> ServerError {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    extensions.set("code", code::BAD_USER_INPUT);
    extensions.set("reason", reason);
    error
}

fn has_code(error: &ServerError) -> bool {
    error.extensions.as_ref().is_some_and(|extensions| extensions.get("code").is_some())
}

/// Sets the code of `error` if it has none yet.
pub fn annotate(error: &mut ServerError) {
    if has_code(error) {
        return;
    }
    let source = error.source.clone();
    if let Some(app_error) = source.as_deref().and_then(|source| source.downcast_ref::<AppError>()) {
        app_error.annotate(error);
        return;
    }
    if error.source.is_none() && INPUT_MISTAKES.iter().any(|start| error.message.starts_with(start)) {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", code::BAD_USER_INPUT);
        extensions.set("reason", "GRAPHQL_VALIDATION_FAILED");
        return;
    }
    tracing::error!(error = %error.message, path = ?error.path, "unexpected GraphQL error");
    error.message = "internal error".to_owned();
    error.source = None;
    error.extensions.get_or_insert_with(Default::default).set("code", code::INTERNAL);
}

/// Counts `errors` by code, once each: called where an answer leaves the server (HTTP
/// and WebSocket), never on the way there.
pub fn count<'a>(errors: impl IntoIterator<Item = &'a ServerError>) {
    for error in errors {
        let code = match error.extensions.as_ref().and_then(|extensions| extensions.get("code")) {
            Some(ConstValue::String(code)) => code.clone(),
            _ => code::INTERNAL.to_owned(),
        };
        metrics::counter!("graphql_errors_total", "code" => code).increment(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extension(error: &ServerError, key: &str) -> Option<String> {
        match error.extensions.as_ref()?.get(key)? {
            ConstValue::String(text) => Some(text.clone()),
            _ => None,
        }
    }

    #[test]
    fn an_unexpected_error_is_internal_and_says_nothing_of_its_cause() {
        let database = std::io::Error::other("connection to 10.0.0.5 refused: password authentication failed");
        let mut error = async_graphql::Error::new_with_source(database).into_server_error(Default::default());

        annotate(&mut error);

        assert_eq!(extension(&error, "code").as_deref(), Some("INTERNAL"));
        assert_eq!(error.message, "internal error");
    }

    #[test]
    fn app_errors_and_misfit_values_keep_their_codes() {
        let mut refused: ServerError =
            async_graphql::Error::from(AppError::NotFound).into_server_error(Default::default());
        let mut misfit = ServerError::new(r#"Failed to parse "DateTime": input contains invalid characters"#, None);

        annotate(&mut refused);
        annotate(&mut misfit);

        assert_eq!(extension(&refused, "code").as_deref(), Some("NOT_FOUND"));
        assert_eq!(extension(&misfit, "code").as_deref(), Some("BAD_USER_INPUT"));
    }
}
