//! A thread's live readers in this process, served by one task: the thread's hub.
//! Through async-graphql, every `threadUpdates` subscriber kept an executor, her parsed
//! document and a stack of streams, woken for every message, and listened to the bus
//! and her member topic herself. Over WebSocket, once her access is checked and her
//! missed replies are replayed, her subscription hands her over (`realtime::handover`):
//! the hub hears each message once, renders it once per selection and set of facts,
//! and queues the same serialised answer to every connection alike. Access is checked
//! as before: on each access signal for her (her deliveries wait for the check), and
//! every sweep.

mod task;

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tokio::sync::{mpsc, watch};
use uuid::Uuid;

use super::live::topic;
use super::reader::Reader;
use super::render::Renderer;
use crate::realtime::handover::{Outlet, Registration};
use crate::realtime::{Bus, access_topic};
use task::{Command, Hub, Joining};

type Links = Arc<Mutex<HashMap<Uuid, Weak<Link>>>>;

/// The hubs of the threads someone in this process follows live.
#[derive(Clone)]
pub struct ThreadHubs {
    bus: Bus,
    links: Links,
}

/// The way to one hub. It runs while anyone holds its link: a ticket, a subscriber
/// waiting to start, or a running one.
struct Link {
    commands: mpsc::UnboundedSender<Command>,
    /// How many events the hub has taken in so far.
    seen: Arc<AtomicU64>,
    /// Turns true once the hub listens.
    listening: watch::Receiver<bool>,
}

/// A place at a thread's hub, taken before her access is checked and her missed replies
/// replayed: everything the hub takes in after it reaches her.
pub struct Ticket {
    link: Arc<Link>,
    after: u64,
}

impl ThreadHubs {
    pub fn new(bus: Bus) -> Self {
        Self { bus, links: Links::default() }
    }

    /// A place at `thread_id`'s hub, once it listens.
    pub async fn join(&self, thread_id: Uuid) -> Ticket {
        let link = {
            let mut links = self.links.lock().unwrap_or_else(PoisonError::into_inner);
            match links.get(&thread_id).and_then(Weak::upgrade) {
                Some(link) => link,
                None => {
                    let link = self.start(thread_id);
                    links.insert(thread_id, Arc::downgrade(&link));
                    link
                }
            }
        };
        // Err: the hub stopped before it listened (the bus is gone); nothing will come.
        let _ = link.listening.clone().wait_for(|listening| *listening).await;
        Ticket { after: link.seen.load(Ordering::Acquire), link }
    }

    /// Starts `thread_id`'s hub: in a task of its own, so that it starts (and, with no
    /// one left to serve, stops and is forgotten) even if the one who asked for it left.
    fn start(&self, thread_id: Uuid) -> Arc<Link> {
        let (commands, receiver) = mpsc::unbounded_channel();
        let (now_listening, listening) = watch::channel(false);
        let link = Arc::new(Link { commands, seen: Arc::default(), listening });
        let (bus, links, own, seen) =
            (self.bus.clone(), Arc::clone(&self.links), Arc::downgrade(&link), Arc::clone(&link.seen));
        tokio::spawn(async move {
            let live = bus.subscribe(&topic(thread_id)).await;
            let access = bus.subscribe(&access_topic()).await;
            let _ = now_listening.send(true);
            Hub::run(seen, receiver, live, access).await;
            forget(&links, thread_id, &own);
        });
        link
    }
}

/// Forgets the hub `own` of `thread_id` once it stopped (unless a new one took its place).
fn forget(links: &Links, thread_id: Uuid, own: &Weak<Link>) {
    let mut links = links.lock().unwrap_or_else(PoisonError::into_inner);
    if links.get(&thread_id).is_some_and(|link| link.ptr_eq(own)) {
        links.remove(&thread_id);
    }
}

impl Ticket {
    /// Her subscription's hand-over: she is served by the hub once her connection
    /// starts her.
    pub fn hand_over(self, reader: Reader, renderer: Renderer) -> Box<dyn Registration> {
        Box::new(HandedOver { ticket: self, reader, renderer })
    }
}

struct HandedOver {
    ticket: Ticket,
    reader: Reader,
    renderer: Renderer,
}

impl Registration for HandedOver {
    fn start(self: Box<Self>, outlet: Outlet) -> Box<dyn Any + Send> {
        let Self { ticket: Ticket { link, after }, reader, renderer } = *self;
        let op = outlet.op();
        let joining = Joining { reader, renderer, outlet, after };
        let _ = link.commands.send(Command::Join(Box::new(joining)));
        Box::new(Seat { link, op })
    }
}

/// A running subscriber's place at the hub; dropping it (her operation completed, her
/// connection closed) takes her off.
struct Seat {
    link: Arc<Link>,
    op: u64,
}

impl Drop for Seat {
    fn drop(&mut self) {
        let _ = self.link.commands.send(Command::Leave(self.op));
    }
}
