//! Puts the top-level fields of an answer in the order the query asked for them
//! (GraphQL spec §6.3). The schema is merged from one part per feature, and async-graphql
//! answers a merged query part by part, grouping the fields by feature; the requested
//! order is read from the document before it runs and restored once it has. (Nested
//! fields come back in order already.)

use std::collections::HashSet;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Value};

/// The top-level response keys the operation `operation_name` of `doc` asks for, in
/// order (the only operation when no name is given).
pub fn requested_keys(doc: &ExecutableDocument, operation_name: Option<&str>) -> Vec<Name> {
    let operation = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(operation), _) => Some(operation),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name),
        (DocumentOperations::Multiple(operations), None) => operations.values().next(),
    };
    let mut keys = Vec::new();
    if let Some(operation) = operation {
        keys_of(&operation.node.selection_set.node, doc, &mut keys, &mut HashSet::new());
    }
    keys
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
pub fn reorder(data: &mut Value, keys: &[Name]) {
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
