//! Sessions confirmed moments ago, so a request need not ask the database whether its
//! session still stands. Used where access signals reach every instance (Redis): an
//! entry goes the moment her access changes — here at once, on the other instances
//! when they hear the signal, milliseconds later — and lives a few seconds at most
//! otherwise, which bounds what a signal lost with Redis could leave standing. Nothing
//! is served from it until this process listens for those signals, nor after it may
//! have missed some.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use crate::realtime::{self, Bus, Heard};

/// How long a confirmed session is trusted without asking again.
const TRUSTED_FOR: Duration = Duration::from_secs(15);
/// Sessions remembered at most; beyond, the expired go, then all.
const CAPACITY: usize = 100_000;

/// What the database said about a session.
#[derive(Clone, Copy)]
struct Confirmed {
    member_id: Uuid,
    email_verified: bool,
    at: Instant,
}

/// Recently confirmed sessions, shared by the clones of the auth service.
#[derive(Clone, Default)]
pub struct SessionCache {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    sessions: Mutex<HashMap<Uuid, Confirmed>>,
    /// Whether this process hears every access signal right now.
    listening: AtomicBool,
}

impl SessionCache {
    /// Whether session `session_id` of `member_id` was confirmed within the trusted
    /// time, and if so whether her address is confirmed.
    pub fn standing(&self, session_id: Uuid, member_id: Uuid) -> Option<bool> {
        if !self.inner.listening.load(Ordering::Acquire) {
            return None;
        }
        let sessions = self.inner.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let confirmed = sessions.get(&session_id)?;
        (confirmed.member_id == member_id && confirmed.at.elapsed() < TRUSTED_FOR).then_some(confirmed.email_verified)
    }

    /// Remembers what the database just said about a standing session.
    pub fn confirmed(&self, session_id: Uuid, member_id: Uuid, email_verified: bool) {
        if !self.inner.listening.load(Ordering::Acquire) {
            return;
        }
        let mut sessions = self.inner.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        if sessions.len() >= CAPACITY {
            sessions.retain(|_, confirmed| confirmed.at.elapsed() < TRUSTED_FOR);
            if sessions.len() >= CAPACITY {
                sessions.clear();
            }
        }
        sessions.insert(session_id, Confirmed { member_id, email_verified, at: Instant::now() });
    }

    /// Forgets every session of `member_id`: what she may do changed.
    pub fn forget_member(&self, member_id: Uuid) {
        let mut sessions = self.inner.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.retain(|_, confirmed| confirmed.member_id != member_id);
    }

    fn forget_all(&self) {
        self.inner.sessions.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// Listens for access signals from every instance for as long as the process runs,
    /// forgetting the sessions of each member named; anything missed forgets all.
    pub fn listen(&self, bus: Bus) {
        let cache = self.clone();
        tokio::spawn(async move {
            let mut signals = bus.subscribe(&realtime::access_topic()).await;
            cache.inner.listening.store(true, Ordering::Release);
            loop {
                match signals.recv().await {
                    Ok(Heard::Message(member_id, _)) => cache.forget_member(member_id),
                    Ok(Heard::Resync) | Err(RecvError::Lagged(_)) => cache.forget_all(),
                    Err(RecvError::Closed) => break,
                }
            }
            cache.inner.listening.store(false, Ordering::Release);
            cache.forget_all();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listening() -> SessionCache {
        let cache = SessionCache::default();
        cache.inner.listening.store(true, Ordering::Release);
        cache
    }

    #[test]
    fn a_confirmed_session_is_trusted_for_its_member_only() {
        let cache = listening();
        let (session, member) = (Uuid::now_v7(), Uuid::now_v7());
        cache.confirmed(session, member, true);
        assert_eq!(cache.standing(session, member), Some(true));
        assert_eq!(cache.standing(session, Uuid::now_v7()), None);
        assert_eq!(cache.standing(Uuid::now_v7(), member), None);
    }

    #[test]
    fn an_access_change_forgets_every_session_of_that_member() {
        let cache = listening();
        let (her, other) = (Uuid::now_v7(), Uuid::now_v7());
        let (phone, laptop, others) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        cache.confirmed(phone, her, true);
        cache.confirmed(laptop, her, false);
        cache.confirmed(others, other, true);
        cache.forget_member(her);
        assert_eq!(cache.standing(phone, her), None);
        assert_eq!(cache.standing(laptop, her), None);
        assert_eq!(cache.standing(others, other), Some(true));
    }

    #[test]
    fn nothing_is_remembered_or_served_before_the_signals_are_heard() {
        let cache = SessionCache::default();
        let (session, member) = (Uuid::now_v7(), Uuid::now_v7());
        cache.confirmed(session, member, true);
        cache.inner.listening.store(true, Ordering::Release);
        assert_eq!(cache.standing(session, member), None);
    }
}
