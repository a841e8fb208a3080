//! Runs a request through the schema with Village's checks around it: the document is
//! parsed once and refused early when costly ([`limits`](super::limits)), the answer's
//! top-level fields are put in the order asked ([`order`](super::order)) and every error
//! gets its code ([`codes`](super::codes)). These run around the schema rather than as
//! async-graphql extensions because, with any extension registered, async-graphql sends
//! every field of every answer through the extension chain — a third of a thread
//! page's CPU, and of each live delivery's.

use async_graphql::{Name, ObjectType, Request, Response, Schema, ServerError, SubscriptionType};
use futures_util::{Stream, StreamExt};

use super::budget::MutationBudget;
use super::codes::annotate;
use super::limits::{checked_document, label_validation_error};
use super::order::{reorder, requested_keys};

/// What finishing a prepared request's answers needs: the top-level keys in the order
/// asked.
pub struct Prepared {
    keys: Vec<Name>,
}

/// Parses and checks `request`'s document (charging its mutations to `budget`) and
/// hands it to the request, so the schema does not parse it again.
pub fn prepare(request: &mut Request, budget: &MutationBudget) -> Result<Prepared, ServerError> {
    let doc = checked_document(&request.query, budget)?;
    let keys = requested_keys(&doc, request.operation_name.as_deref());
    request.set_parsed_query(doc);
    Ok(Prepared { keys })
}

/// An answer as it leaves: fields in the order asked, every error with its code (an
/// error before execution — no path, no code — is the validation's).
pub fn finish(response: &mut Response, prepared: &Prepared) {
    reorder(&mut response.data, &prepared.keys);
    for error in &mut response.errors {
        if error.path.is_empty() && error.extensions.as_ref().is_none_or(|extensions| extensions.get("code").is_none())
        {
            label_validation_error(error);
        }
        annotate(error);
    }
}

/// Runs one query or mutation.
pub async fn execute<Q, M, S>(schema: &Schema<Q, M, S>, mut request: Request, budget: &MutationBudget) -> Response
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let prepared = match prepare(&mut request, budget) {
        Ok(prepared) => prepared,
        Err(refused) => return refused_response(refused),
    };
    let mut response = schema.execute(request).await;
    finish(&mut response, &prepared);
    response
}

/// Runs one operation of any kind (a subscription's answers as they come).
pub fn execute_stream<Q, M, S>(
    schema: &Schema<Q, M, S>,
    mut request: Request,
    budget: &MutationBudget,
) -> impl Stream<Item = Response> + Send + use<Q, M, S>
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    match prepare(&mut request, budget) {
        Ok(prepared) => schema
            .execute_stream(request)
            .map(move |mut response| {
                finish(&mut response, &prepared);
                response
            })
            .boxed(),
        Err(refused) => futures_util::stream::once(async move { refused_response(refused) }).boxed(),
    }
}

fn refused_response(mut refused: ServerError) -> Response {
    annotate(&mut refused);
    Response::from_errors(vec![refused])
}
