//! Refuses costly documents before any resolver runs: fragments that spread into too
//! many fields (checked before async-graphql walks them), too many aliases, directives
//! or mutations (checked right after parsing; mutations against the request's
//! [`MutationBudget`]), too deep or too complex (async-graphql's validation measures
//! both against the limits the schema is built with — lists count `first × child` —
//! and its refusals are labelled here).

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, ServerError, ServerResult};

use super::budget::MutationBudget;
use super::codes::{labelled, refusal};

/// Deepest selection nesting accepted.
pub const MAX_DEPTH: usize = 12;
/// Highest complexity accepted (each field 1, a list of `first` items `first × child`).
pub const MAX_COMPLEXITY: usize = 2_500;
/// Most aliases in one document.
pub const MAX_ALIASES: usize = 200;
/// Most directives in one document.
pub const MAX_DIRECTIVES: usize = 200;
/// Most fields a document may stand for once its fragments are spread in place: a few
/// kilobytes of fragments spreading each other can otherwise stand for billions.
pub const MAX_EXPANDED_FIELDS: usize = 5_000;

/// Why a document's expansion was refused.
enum Unfolding {
    /// A fragment spreads itself.
    Cycle,
    /// Spreads and selections nest deeper than `MAX_NESTING`.
    TooDeep,
}

/// How deep selections and fragment spreads may nest while a document is unfolded
/// (each spread counts as a level, as async-graphql's own check counted them).
const MAX_NESTING: usize = 32;

/// How many fields `set` stands for with its fragments spread in place, counted once
/// per fragment (memo).
fn expanded(
    set: &SelectionSet,
    doc: &ExecutableDocument,
    memo: &mut HashMap<Name, usize>,
    visiting: &mut HashSet<Name>,
    depth: usize,
) -> Result<usize, Unfolding> {
    if depth > MAX_NESTING {
        return Err(Unfolding::TooDeep);
    }
    let mut fields = 0usize;
    for item in &set.items {
        let more = match &item.node {
            Selection::Field(field) => 1 + expanded(&field.node.selection_set.node, doc, memo, visiting, depth + 1)?,
            Selection::InlineFragment(inline) => {
                expanded(&inline.node.selection_set.node, doc, memo, visiting, depth + 1)?
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                match (memo.get(name), doc.fragments.get(name)) {
                    (Some(known), _) => *known,
                    (None, None) => 0,
                    (None, Some(fragment)) => {
                        if !visiting.insert(name.clone()) {
                            return Err(Unfolding::Cycle);
                        }
                        let size = expanded(&fragment.node.selection_set.node, doc, memo, visiting, depth + 1)?;
                        visiting.remove(name);
                        memo.insert(name.clone(), size);
                        size
                    }
                }
            }
        };
        fields = fields.saturating_add(more);
    }
    Ok(fields)
}

/// Refuses a document whose fragments spread into more than `MAX_EXPANDED_FIELDS`
/// fields, into themselves, or deeper than `MAX_NESTING`: one memoised pass, in place of
/// async-graphql's own depth check, which walks every path of the unfolded document.
fn check_expansion(doc: &ExecutableDocument) -> ServerResult<()> {
    let mut memo = HashMap::new();
    for (_, operation) in doc.operations.iter() {
        match expanded(&operation.node.selection_set.node, doc, &mut memo, &mut HashSet::new(), 0) {
            Err(Unfolding::Cycle) => {
                return Err(refusal("GRAPHQL_VALIDATION_FAILED", "a fragment spreads itself".to_owned()));
            }
            Err(Unfolding::TooDeep) => {
                let message = format!("selections and fragment spreads may nest at most {MAX_NESTING} levels");
                return Err(refusal("QUERY_TOO_DEEP", message));
            }
            Ok(fields) if fields > MAX_EXPANDED_FIELDS => {
                let message = format!("a query may stand for at most {MAX_EXPANDED_FIELDS} fields");
                return Err(refusal("QUERY_TOO_COMPLEX", message));
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

#[derive(Default)]
struct Counts {
    aliases: usize,
    directives: usize,
}

impl Counts {
    fn selection_set(&mut self, set: &SelectionSet) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    self.aliases += usize::from(field.node.alias.is_some());
                    self.directives += field.node.directives.len();
                    self.selection_set(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => self.directives += spread.node.directives.len(),
                Selection::InlineFragment(fragment) => {
                    self.directives += fragment.node.directives.len();
                    self.selection_set(&fragment.node.selection_set.node);
                }
            }
        }
    }

    fn document(doc: &ExecutableDocument) -> Self {
        let mut counts = Self::default();
        for (_, operation) in doc.operations.iter() {
            counts.directives += operation.node.directives.len();
            counts.directives +=
                operation.node.variable_definitions.iter().map(|v| v.node.directives.len()).sum::<usize>();
            counts.selection_set(&operation.node.selection_set.node);
        }
        for fragment in doc.fragments.values() {
            counts.directives += fragment.node.directives.len();
            counts.selection_set(&fragment.node.selection_set.node);
        }
        counts
    }
}

/// `query` parsed (once) and checked, before anything else reads it: in place of
/// async-graphql's own parse, whose depth check walks every path of the unfolded
/// document. Its mutations are charged to `budget`.
pub fn checked_document(query: &str, budget: &MutationBudget) -> ServerResult<ExecutableDocument> {
    let parsed = async_graphql::parser::parse_query(query);
    let doc = parsed.map_err(|error| labelled(ServerError::from(error), "GRAPHQL_PARSE_FAILED"))?;
    check_expansion(&doc)?;
    let counts = Counts::document(&doc);
    if counts.aliases > MAX_ALIASES {
        return Err(refusal("TOO_MANY_ALIASES", format!("a query may use at most {MAX_ALIASES} aliases")));
    }
    if counts.directives > MAX_DIRECTIVES {
        return Err(refusal("TOO_MANY_DIRECTIVES", format!("a query may use at most {MAX_DIRECTIVES} directives")));
    }
    budget.charge(&doc)?;
    Ok(doc)
}

/// How async-graphql's validation words the limits the schema is built with.
const TOO_DEEP: &str = "Query is nested too deep.";
const TOO_COMPLEX: &str = "Query is too complex.";

/// Labels an error async-graphql's validation found in a checked document: too deep,
/// too complex, or otherwise not valid against the schema.
pub fn label_validation_error(error: &mut ServerError) {
    let labelled_as = match error.message.as_str() {
        TOO_DEEP => refusal("QUERY_TOO_DEEP", format!("queries may nest at most {MAX_DEPTH} levels")),
        TOO_COMPLEX => {
            refusal("QUERY_TOO_COMPLEX", format!("query complexity exceeds {MAX_COMPLEXITY}; ask for smaller pages"))
        }
        _ => labelled(error.clone(), "GRAPHQL_VALIDATION_FAILED"),
    };
    *error = ServerError { locations: std::mem::take(&mut error.locations), ..labelled_as };
}
