//! Puts the top-level fields of an answer in the order the query asked for them
//! (GraphQL spec §6.3). The schema is merged from one part per feature, and async-graphql
//! answers a merged query part by part, grouping the fields by feature; this extension
//! notes the requested order when the document is parsed and restores it once the
//! operation has run. (Nested fields come back in order already.)

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Response, ServerResult, Value, Variables};

/// The extension factory registered on the schema.
pub struct FieldOrder;

impl ExtensionFactory for FieldOrder {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldOrderExtension::default())
    }
}

/// One request's documents top-level keys, by operation name.
#[derive(Default)]
struct FieldOrderExtension {
    requested: Mutex<Vec<(Option<Name>, Vec<Name>)>>,
}

/// The response keys `set` asks for, in order, each once (fragments spread in place,
/// each fragment once: a top-level key is found without walking the fragments' tree).
fn keys_of(set: &SelectionSet, doc: &ExecutableDocument, keys: &mut Vec<Name>, spread: &mut HashSet<Name>) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.clone();
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            Selection::InlineFragment(fragment) => keys_of(&fragment.node.selection_set.node, doc, keys, spread),
            Selection::FragmentSpread(name) => {
                let name = &name.node.fragment_name.node;
                if let Some(fragment) = doc.fragments.get(name)
                    && spread.insert(name.clone())
                {
                    keys_of(&fragment.node.selection_set.node, doc, keys, spread);
                }
            }
        }
    }
}

/// `data`'s entries in the order of `keys` (any others after them).
fn reordered(data: &mut Value, keys: &[Name]) {
    let Value::Object(fields) = data else { return };
    let mut ordered = async_graphql::indexmap::IndexMap::with_capacity(fields.len());
    for key in keys {
        if let Some(value) = fields.shift_remove(key) {
            ordered.insert(key.clone(), value);
        }
    }
    ordered.extend(fields.drain(..));
    *fields = ordered;
}

#[async_graphql::async_trait::async_trait]
impl Extension for FieldOrderExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let requested = doc
            .operations
            .iter()
            .map(|(name, operation)| {
                let mut keys = Vec::new();
                keys_of(&operation.node.selection_set.node, &doc, &mut keys, &mut HashSet::new());
                (name.cloned(), keys)
            })
            .collect();
        *self.requested.lock().unwrap_or_else(PoisonError::into_inner) = requested;
        Ok(doc)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let requested = self.requested.lock().unwrap_or_else(PoisonError::into_inner);
        let keys = match operation_name {
            Some(wanted) => requested.iter().find(|(name, _)| name.as_deref() == Some(wanted)),
            None => requested.first(),
        };
        if let Some((_, keys)) = keys {
            reordered(&mut response.data, keys);
        }
        response
    }
}
