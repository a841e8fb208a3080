//! Which WebSockets this process takes on, so a flood of them cannot starve the rest of
//! the server: at most `--ws-max-connections` open at once (sized from the process's
//! open-file limit by default, keeping the remainder for HTTP, the database and Redis),
//! and at most `--ws-anonymous-per-address` per client address that have not (yet)
//! presented a member's token. A connection holds its [`Place`] while it is open.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::protocol::close;

/// Open files the process keeps for everything but WebSockets, on top of a quarter of
/// its limit: listeners, HTTP requests, the database pool, Redis, logs.
const RESERVED_FILES: u64 = 256;

/// Raises the process's soft open-file limit to its hard limit (a WebSocket is an open
/// file); returns the limit now in force.
pub fn raise_open_files_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "cannot raise the open-file limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        }
    }
}

/// The default cap on open WebSockets for a process allowed `open_files` files: three
/// quarters of them, less a fixed reserve, and never below 16.
pub fn default_max_connections(open_files: u64) -> usize {
    let cap = (open_files / 4 * 3).saturating_sub(RESERVED_FILES).max(16);
    usize::try_from(cap).unwrap_or(usize::MAX)
}

/// Counts open WebSockets against the process's caps.
#[derive(Clone)]
pub struct Admission {
    open: Arc<Semaphore>,
    anonymous_per_address: usize,
    anonymous: Arc<Mutex<HashMap<String, usize>>>,
}

/// Why a WebSocket was turned away, and the close code that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The process holds as many WebSockets as it may (1013, try again later).
    Full,
    /// Too many unauthenticated WebSockets from this address (1008, policy violation).
    TooManyAnonymous,
}

impl Refusal {
    /// The close code and reason sent to the refused client.
    pub fn close_frame(self) -> (u16, &'static str) {
        match self {
            Self::Full => (close::TRY_AGAIN_LATER, "server at capacity; try again later"),
            Self::TooManyAnonymous => {
                (close::TOO_MANY_CONNECTIONS, "too many unauthenticated connections from this address")
            }
        }
    }
}

/// An admitted WebSocket's place; freed when dropped.
pub struct Place {
    _open: OwnedSemaphorePermit,
    anonymous: Option<AnonymousPlace>,
}

impl Place {
    /// The connection presented a member's token: it no longer counts as anonymous.
    pub fn authenticated(&mut self) {
        self.anonymous = None;
    }
}

/// One anonymous connection from an address.
struct AnonymousPlace {
    address: String,
    counts: Arc<Mutex<HashMap<String, usize>>>,
}

impl Drop for AnonymousPlace {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = counts.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

impl Admission {
    /// At most `max_open` WebSockets, of which `anonymous_per_address` per address
    /// without a member's token.
    pub fn new(max_open: usize, anonymous_per_address: usize) -> Self {
        Self {
            open: Arc::new(Semaphore::new(max_open.min(Semaphore::MAX_PERMITS))),
            anonymous_per_address,
            anonymous: Arc::default(),
        }
    }

    /// A place for a new WebSocket from `address` (anonymous until it authenticates).
    pub fn admit(&self, address: &str) -> Result<Place, Refusal> {
        let open = Arc::clone(&self.open).try_acquire_owned().map_err(|_| Refusal::Full)?;
        let mut counts = self.anonymous.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(address.to_owned()).or_default();
        if *count >= self.anonymous_per_address {
            return Err(Refusal::TooManyAnonymous);
        }
        *count += 1;
        let anonymous = AnonymousPlace { address: address.to_owned(), counts: Arc::clone(&self.anonymous) };
        Ok(Place { _open: open, anonymous: Some(anonymous) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_hold_and_places_come_back() {
        let admission = Admission::new(3, 2);
        let first = admission.admit("10.0.0.1").unwrap();
        let mut second = admission.admit("10.0.0.1").unwrap();
        assert_eq!(admission.admit("10.0.0.1").err(), Some(Refusal::TooManyAnonymous));

        second.authenticated();
        let third = admission.admit("10.0.0.1").unwrap();
        assert_eq!(admission.admit("10.0.0.2").err(), Some(Refusal::Full), "three are open");

        drop((first, third));
        assert!(admission.admit("10.0.0.2").is_ok());
    }

    #[test]
    fn the_default_cap_leaves_room_for_everything_else() {
        assert_eq!(default_max_connections(1024), 512);
        assert_eq!(default_max_connections(65_536), 48_896);
        assert_eq!(default_max_connections(100), 16);
    }
}
