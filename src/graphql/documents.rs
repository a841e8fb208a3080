//! Trusted documents: operations a client sends by their SHA-256 instead of their text.
//! The mobile SDK's build writes a manifest (`sha256 → document`); the server holds it
//! (built in, plus one from `--trusted-documents`) and resolves requests in the Apollo
//! "persisted query" shape, `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":…}}}`,
//! on HTTP and on the WebSocket alike. Outside the manifests a client may register a
//! document by sending its text with its hash (automatic persisted queries, kept in a
//! small LRU); with `--trusted-documents-only` nothing outside the manifests runs.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use async_graphql::{Request, ServerError, Value};
use lru::LruCache;
use sha2::{Digest, Sha256};

/// The mobile SDK's own operations, written by its code generator.
const SDK_MANIFEST: &str = include_str!("../../mobile-sdk/src/generated/persisted-documents.json");

/// Documents registered by clients that this process remembers, and the longest one it
/// keeps (a longer one still runs; it is just sent as text each time).
const REGISTERED_CAPACITY: usize = 512;
const MAX_REGISTERED_BYTES: usize = 16 * 1024;

/// The codes of the refusals (Apollo clients resend the text on the first one).
pub const PERSISTED_QUERY_NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
pub const TRUSTED_DOCUMENTS_ONLY: &str = "TRUSTED_DOCUMENTS_ONLY";

/// The documents a server resolves by hash.
pub struct TrustedDocuments {
    manifest: HashMap<String, Arc<str>>,
    registered: Mutex<LruCache<String, Arc<str>>>,
    only: bool,
}

/// The hex SHA-256 of a document, as manifests and clients name it.
pub fn document_hash(document: &str) -> String {
    format!("{:x}", Sha256::digest(document.as_bytes()))
}

/// Reads a manifest, checking that every hash is its document's.
fn parse_manifest(json: &str) -> anyhow::Result<HashMap<String, Arc<str>>> {
    let entries: HashMap<String, String> = serde_json::from_str(json)?;
    entries
        .into_iter()
        .map(|(hash, document)| {
            anyhow::ensure!(
                document_hash(&document) == hash.to_ascii_lowercase(),
                "{hash} is not the SHA-256 of its document"
            );
            Ok((hash.to_ascii_lowercase(), Arc::from(document)))
        })
        .collect()
}

fn error(code: &str, message: &str) -> ServerError {
    let mut error = ServerError::new(message, None);
    error.extensions.get_or_insert_with(Default::default).set("code", code);
    error
}

/// The `sha256Hash` of a request's `persistedQuery` extension, if it has one.
fn requested_hash(request: &Request) -> Result<Option<String>, ServerError> {
    let Some(persisted) = request.extensions.0.get("persistedQuery") else {
        return Ok(None);
    };
    let hash = match persisted {
        Value::Object(fields) => fields.get("sha256Hash"),
        _ => None,
    };
    match hash {
        Some(Value::String(hash)) if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Ok(Some(hash.to_ascii_lowercase()))
        }
        _ => Err(crate::graphql::refusal(
            "PERSISTED_QUERY_MALFORMED",
            "persistedQuery needs a sha256Hash of 64 hex digits".to_owned(),
        )),
    }
}

impl TrustedDocuments {
    /// The SDK's manifest, and the one at `extra` when given.
    pub fn load(extra: Option<&Path>, only: bool) -> anyhow::Result<Self> {
        let mut manifest = parse_manifest(SDK_MANIFEST).context("the built-in SDK manifest")?;
        if let Some(path) = extra {
            let json = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            manifest.extend(parse_manifest(&json).with_context(|| format!("the manifest {}", path.display()))?);
        }
        let capacity = NonZeroUsize::new(REGISTERED_CAPACITY).unwrap_or(NonZeroUsize::MIN);
        Ok(Self { manifest, registered: Mutex::new(LruCache::new(capacity)), only })
    }

    fn known(&self, hash: &str) -> Option<Arc<str>> {
        if let Some(document) = self.manifest.get(hash) {
            return Some(Arc::clone(document));
        }
        if self.only {
            return None;
        }
        self.registered.lock().ok()?.get(hash).cloned()
    }

    fn register(&self, hash: String, document: &str) {
        if self.only || document.len() > MAX_REGISTERED_BYTES || self.manifest.contains_key(&hash) {
            return;
        }
        if let Ok(mut registered) = self.registered.lock() {
            registered.put(hash, Arc::from(document));
        }
    }

    /// Gives `request` the text its hash names, registers a new document sent with its
    /// hash, and refuses what may not run: an unknown hash, a hash that is not the
    /// text's, or (trusted documents only) any text outside the manifests.
    pub fn resolve(&self, request: &mut Request) -> Result<(), ServerError> {
        let hash = requested_hash(request)?;
        match (hash, request.query.is_empty()) {
            (Some(hash), true) => {
                let document =
                    self.known(&hash).ok_or_else(|| error(PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound"))?;
                request.query = document.to_string();
                Ok(())
            }
            (Some(hash), false) => {
                if document_hash(&request.query) != hash {
                    let message = "persistedQuery.sha256Hash is not the SHA-256 of the query".to_owned();
                    return Err(crate::graphql::refusal("PERSISTED_QUERY_HASH_MISMATCH", message));
                }
                self.check_trusted(&hash)?;
                self.register(hash, &request.query);
                Ok(())
            }
            (None, _) if self.only => self.check_trusted(&document_hash(&request.query)),
            (None, _) => Ok(()),
        }
    }

    fn check_trusted(&self, hash: &str) -> Result<(), ServerError> {
        if self.only && !self.manifest.contains_key(hash) {
            return Err(error(
                TRUSTED_DOCUMENTS_ONLY,
                "this server runs only the operations of its trusted documents; send one by its sha256Hash",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::Name;
    use async_graphql::indexmap::IndexMap;

    use super::*;

    fn by_hash(hash: &str, query: &str) -> Request {
        let mut persisted = IndexMap::new();
        persisted.insert(Name::new("version"), Value::from(1));
        persisted.insert(Name::new("sha256Hash"), Value::from(hash));
        let mut request = Request::new(query);
        request.extensions.0.insert("persistedQuery".to_owned(), Value::Object(persisted));
        request
    }

    fn code(error: &ServerError) -> Option<String> {
        match error.extensions.as_ref()?.get("code")? {
            Value::String(code) => Some(code.clone()),
            _ => None,
        }
    }

    #[test]
    fn the_sdk_manifest_is_built_in_and_every_hash_is_its_document() {
        let documents = TrustedDocuments::load(None, true).expect("the SDK manifest loads");
        assert!(documents.manifest.len() > 20, "the SDK's operations are in the manifest");
        for (hash, document) in &documents.manifest {
            assert!(async_graphql::parser::parse_query(document.as_ref()).is_ok(), "{hash} parses");
        }
    }

    #[test]
    fn a_document_registered_with_its_hash_is_found_by_hash_alone() {
        let documents = TrustedDocuments::load(None, false).expect("loads");
        let query = "{ me { id } }";
        let hash = document_hash(query);
        let unknown = documents.resolve(&mut by_hash(&hash, "")).expect_err("not registered yet");
        assert_eq!(code(&unknown).as_deref(), Some(PERSISTED_QUERY_NOT_FOUND));
        documents.resolve(&mut by_hash(&hash, query)).expect("registers");
        let mut again = by_hash(&hash, "");
        documents.resolve(&mut again).expect("found");
        assert_eq!(again.query, query);
    }

    #[test]
    fn a_hash_that_is_not_the_query_is_refused_and_not_registered() {
        let documents = TrustedDocuments::load(None, false).expect("loads");
        let hash = document_hash("{ me { id } }");
        let refused = documents.resolve(&mut by_hash(&hash, "{ me { email } }")).expect_err("mismatch");
        assert_eq!(code(&refused).as_deref(), Some("BAD_USER_INPUT"));
        assert!(documents.resolve(&mut by_hash(&hash, "")).is_err(), "nothing was registered");
    }

    #[test]
    fn trusted_only_refuses_text_and_registration_outside_the_manifest() {
        let documents = TrustedDocuments::load(None, true).expect("loads");
        let query = "{ me { id } }";
        let text = documents.resolve(&mut Request::new(query)).expect_err("text refused");
        assert_eq!(code(&text).as_deref(), Some(TRUSTED_DOCUMENTS_ONLY));
        let registration = documents.resolve(&mut by_hash(&document_hash(query), query)).expect_err("no registering");
        assert_eq!(code(&registration).as_deref(), Some(TRUSTED_DOCUMENTS_ONLY));
        let (hash, document) = documents.manifest.iter().next().expect("a trusted document");
        let mut trusted = by_hash(hash, "");
        documents.resolve(&mut trusted).expect("a trusted hash runs");
        assert_eq!(trusted.query, document.as_ref());
        documents.resolve(&mut Request::new(document.to_string())).expect("a trusted document's text runs");
    }
}
