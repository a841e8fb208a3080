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

use tokio::sync::{OnceCell, mpsc};
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
    /// Set once the hub listens and runs.
    started: OnceCell<()>,
    /// The hub's end of `commands`, until it starts.
    waiting: Mutex<Option<mpsc::UnboundedReceiver<Command>>>,
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

    /// A place at `thread_id`'s hub, started (listening) if it was not.
    pub async fn join(&self, thread_id: Uuid) -> Ticket {
        let link = {
            let mut links = self.links.lock().unwrap_or_else(PoisonError::into_inner);
            match links.get(&thread_id).and_then(Weak::upgrade) {
                Some(link) => link,
                None => {
                    let (commands, waiting) = mpsc::unbounded_channel();
                    let link = Arc::new(Link {
                        commands,
                        seen: Arc::default(),
                        started: OnceCell::new(),
                        waiting: Mutex::new(Some(waiting)),
                    });
                    links.insert(thread_id, Arc::downgrade(&link));
                    link
                }
            }
        };
        link.started.get_or_init(|| self.start(thread_id, &link)).await;
        Ticket { after: link.seen.load(Ordering::Acquire), link }
    }

    /// Listens to the thread's topic and to access changes, then runs its hub.
    async fn start(&self, thread_id: Uuid, link: &Arc<Link>) {
        let live = self.bus.subscribe(&topic(thread_id)).await;
        let access = self.bus.subscribe(&access_topic()).await;
        let Some(commands) = link.waiting.lock().unwrap_or_else(PoisonError::into_inner).take() else {
            return;
        };
        let hub = Hub::new(Arc::clone(&link.seen));
        let (links, own) = (Arc::clone(&self.links), Arc::downgrade(link));
        tokio::spawn(async move {
            hub.run(commands, live, access).await;
            forget(&links, thread_id, &own);
        });
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
