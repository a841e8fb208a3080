//! How many mutations one request may run, counted across a whole batch: aliases and
//! batches must not multiply expensive work (200 aliased `signIn` calls once ran 200
//! password hashes and made 200 sessions). A request may run at most `MAX_WRITES`
//! mutation fields, and at most `MAX_SESSION_WRITES` of those that hash a password or
//! make a session. Counted from the document right after parsing, before anything runs,
//! and for a batch over all its operations before the first runs, so a refused request
//! changes nothing.

use std::collections::HashSet;
use std::sync::Mutex;

use async_graphql::ServerError;
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};

use super::codes::refusal;

/// Mutation fields one request (a batch counts as one) may run.
pub const MAX_WRITES: usize = 10;
/// Fields that hash or check a password, or make a session, one request may run.
pub const MAX_SESSION_WRITES: usize = 1;
const SESSION_WRITES: [&str; 7] =
    ["signIn", "signUp", "refreshSession", "resetPassword", "changePassword", "changeEmail", "deleteAccount"];

/// What one request has spent so far; shared by the operations of a batch.
#[derive(Debug, Default)]
pub struct MutationBudget {
    spent: Mutex<Spent>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Spent {
    writes: usize,
    session_writes: usize,
}

impl Spent {
    fn field(&mut self, name: &str) {
        self.writes += 1;
        self.session_writes += usize::from(SESSION_WRITES.contains(&name));
    }

    /// The fields of a mutation's selection, fragments included (each counted once
    /// however often it is spread: validation refuses cycles later, this must not loop).
    fn selection(&mut self, set: &SelectionSet, doc: &ExecutableDocument, spread: &mut HashSet<String>) {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => self.field(field.node.name.node.as_str()),
                Selection::InlineFragment(fragment) => self.selection(&fragment.node.selection_set.node, doc, spread),
                Selection::FragmentSpread(name) => {
                    let name = name.node.fragment_name.node.as_str();
                    if let Some(fragment) = doc.fragments.get(name)
                        && spread.insert(name.to_owned())
                    {
                        self.selection(&fragment.node.selection_set.node, doc, spread);
                    }
                }
            }
        }
    }
}

impl MutationBudget {
    /// Charges the mutations of `doc` to this request; a refusal when they would take it
    /// past a cap (and then nothing is charged).
    pub fn charge(&self, doc: &ExecutableDocument) -> Result<(), ServerError> {
        let mut asked = Spent::default();
        for (_, operation) in doc.operations.iter() {
            if operation.node.ty == OperationType::Mutation {
                asked.selection(&operation.node.selection_set.node, doc, &mut HashSet::new());
            }
        }
        let mut spent = self.spent.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let after =
            Spent { writes: spent.writes + asked.writes, session_writes: spent.session_writes + asked.session_writes };
        if after.session_writes > MAX_SESSION_WRITES {
            let message = format!("a request may sign in, sign up or refresh at most {MAX_SESSION_WRITES} time");
            return Err(refusal("TOO_MANY_MUTATIONS", message));
        }
        if after.writes > MAX_WRITES {
            return Err(refusal("TOO_MANY_MUTATIONS", format!("a request may run at most {MAX_WRITES} mutations")));
        }
        *spent = after;
        Ok(())
    }

    /// Refuses a batch whose operations together would pass a cap, before any of them
    /// runs (each operation is charged as it is parsed, after the ones before it ran).
    /// An operation that does not parse costs nothing here; its own answer says why.
    pub fn check_batch<'a>(queries: impl IntoIterator<Item = &'a str>) -> Result<(), ServerError> {
        let budget = Self::default();
        for query in queries {
            if let Ok(doc) = async_graphql::parser::parse_query(query) {
                budget.charge(&doc)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charge(budget: &MutationBudget, query: &str) -> bool {
        let doc = async_graphql::parser::parse_query(query).expect("parses");
        budget.charge(&doc).is_ok()
    }

    #[test]
    fn aliases_fragments_and_batches_all_count() {
        let budget = MutationBudget::default();
        assert!(charge(&budget, "mutation { a: signIn(input: $i) { accessToken } }"));
        assert!(!charge(&budget, "mutation { b: signIn(input: $i) { accessToken } }"), "one per request");

        let budget = MutationBudget::default();
        let eleven = (0..11).map(|n| format!("r{n}: postReply(input: $i) {{ id }}")).collect::<Vec<_>>().join(" ");
        assert!(!charge(&budget, &format!("mutation {{ {eleven} }}")));
        assert!(charge(&budget, "mutation { ...F ...F } fragment F on Mutation { a: react(input: $i) { reacted } }"));
        assert!(charge(&budget, "query { me { id } }"), "queries cost nothing");
    }
}
