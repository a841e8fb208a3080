//! Gives every GraphQL error its `extensions.code`: errors from resolvers carry their
//! [`AppError`] as source and are annotated from it; validation errors (unknown field,
//! wrong argument type) become `BAD_USER_INPUT`. Errors are counted by code for /metrics.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextRequest};
use async_graphql::{Response, ServerError, Value as ConstValue};

use crate::error::{AppError, code};

/// The extension factory registered on the schema.
pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodesExtension)
    }
}

struct ErrorCodesExtension;

fn has_code(error: &ServerError) -> bool {
    error.extensions.as_ref().is_some_and(|extensions| extensions.get("code").is_some())
}

/// Sets the code of `error` if it has none yet, and counts it then.
pub fn annotate(error: &mut ServerError) {
    if has_code(error) {
        return;
    }
    let source = error.source.clone();
    match source.as_deref().and_then(|source| source.downcast_ref::<AppError>()) {
        Some(app_error) => app_error.annotate(error),
        None => {
            let extensions = error.extensions.get_or_insert_with(Default::default);
            extensions.set("code", code::BAD_USER_INPUT);
            extensions.set("reason", "GRAPHQL_VALIDATION_FAILED");
        }
    }
    let code = match error.extensions.as_ref().and_then(|extensions| extensions.get("code")) {
        Some(ConstValue::String(code)) => code.clone(),
        _ => code::INTERNAL.to_owned(),
    };
    metrics::counter!("graphql_errors_total", "code" => code).increment(1);
}

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodesExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        response.errors.iter_mut().for_each(annotate);
        response
    }
}
