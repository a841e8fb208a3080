//! Live operations a feature serves itself once they started. A subscription run by
//! async-graphql keeps an executor, its parsed document and a stack of streams per
//! subscriber; a busy feature (a thread's live updates) can do better by serving all of
//! one topic's subscribers from one task. The WebSocket connection offers each
//! operation a [`HandOver`] slot; a resolver that takes its subscriber over puts a
//! [`Registration`] there and ends its stream; the connection starts it with an
//! [`Outlet`] (where the operation's results go) and keeps the operation open, without
//! an executor, until the client completes it, the feature ends it, or the session ends.

use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use futures_channel::mpsc;

use crate::error::AppError;

/// How many results may wait for one connection before an operation is told it fell
/// behind.
pub const FRAMES_WAITING: usize = 64;

/// One result of a handed-over operation, for the connection to send.
pub struct Frame {
    /// The operation (see [`Outlet::op`]).
    pub op: u64,
    pub body: FrameBody,
}

pub enum FrameBody {
    /// A result: a GraphQL response, serialised, shared by subscribers alike.
    Next(Arc<str>),
    /// The operation is over with this error.
    End(Box<AppError>),
}

/// A connection's queue of results, made when its first operation is handed over.
/// futures' channel rather than tokio's: tokio's allocates room for 32 results up front
/// (and pads its parts to cache lines), some 2 KiB per idle connection.
pub fn frames() -> (mpsc::Sender<Frame>, mpsc::Receiver<Frame>) {
    mpsc::channel(FRAMES_WAITING)
}

/// Where one handed-over operation's results go: its connection's queue, tagged with
/// a number no other operation in the process has.
pub struct Outlet {
    op: u64,
    frames: mpsc::Sender<Frame>,
}

/// Why a result could not be queued.
#[derive(Debug, PartialEq, Eq)]
pub enum Undelivered {
    /// The connection is behind: it has `FRAMES_WAITING` results still to send.
    Full,
    /// The connection is gone.
    Gone,
}

impl Outlet {
    /// An outlet into `frames` for a new operation.
    pub fn new(frames: mpsc::Sender<Frame>) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self { op: NEXT.fetch_add(1, Ordering::Relaxed), frames }
    }

    /// The operation's number, which every frame it sends carries.
    pub fn op(&self) -> u64 {
        self.op
    }

    /// Queues `body` without waiting.
    pub fn send(&mut self, body: FrameBody) -> Result<(), Undelivered> {
        self.frames.try_send(Frame { op: self.op, body }).map_err(|error| match error.is_full() {
            true => Undelivered::Full,
            false => Undelivered::Gone,
        })
    }

    /// Ends the operation with `error`: queued now, or as soon as there is room.
    pub fn end(&mut self, error: AppError) {
        let frame = Frame { op: self.op, body: FrameBody::End(Box::new(error)) };
        let Err(refused) = self.frames.try_send(frame) else {
            return;
        };
        if refused.is_full() {
            let mut frames = self.frames.clone();
            let frame = refused.into_inner();
            tokio::spawn(async move {
                let _ = futures_util::SinkExt::send(&mut frames, frame).await;
            });
        }
    }
}

/// A subscriber a feature takes over, ready to start.
pub trait Registration: Send {
    /// Starts serving the operation through `outlet`; it runs until the returned guard
    /// is dropped (or the feature ends it with [`FrameBody::End`]).
    fn start(self: Box<Self>, outlet: Outlet) -> Box<dyn Any + Send>;
}

type Slot = Mutex<Option<Box<dyn Registration>>>;

/// The slot a WebSocket operation's request carries. The connection holds it; the
/// request holds only a weak link, so a registration that holds the request (to render
/// with it) does not keep itself alive.
#[derive(Clone)]
pub struct HandOver(Weak<Slot>);

/// The connection's side of a [`HandOver`].
pub struct HandOverSlot(Arc<Slot>);

impl HandOverSlot {
    pub fn new() -> Self {
        Self(Arc::new(Mutex::new(None)))
    }

    /// The link a request carries.
    pub fn link(&self) -> HandOver {
        HandOver(Arc::downgrade(&self.0))
    }

    /// The registration the operation left, if it was taken over.
    pub fn take(&self) -> Option<Box<dyn Registration>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

impl Default for HandOverSlot {
    fn default() -> Self {
        Self::new()
    }
}

impl HandOver {
    /// Leaves `registration` for the connection; `false` when the operation is gone.
    pub fn offer(&self, registration: Box<dyn Registration>) -> bool {
        let Some(slot) = self.0.upgrade() else {
            return false;
        };
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(registration);
        true
    }
}
