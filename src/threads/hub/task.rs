//! The hub's task: what it takes in (messages on the thread's topic, access changes,
//! subscribers joining and leaving, the results of access checks, the sweep) and what
//! each subscriber is sent. What it takes in is numbered; the last messages are kept,
//! and who had an access change when, so a subscriber who took her ticket before her
//! replay gets the messages that came meanwhile, held for a check if her access
//! changed.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OnceCell, mpsc};
use uuid::Uuid;

use super::super::live::ThreadEvent;
use super::super::reader::{Reader, Standing, resync};
use super::super::render::{LiveThreadUpdate, Renderer, reader_data, shared_data};
use super::super::snapshot::Facts;
use crate::error::AppError;
use crate::realtime::handover::{FrameBody, Outlet, Undelivered};
use crate::realtime::{Delivery, Heard, Listener, SWEEP_EVERY};
use crate::viewer::Viewer;

/// Messages kept for subscribers still joining: as many as a subscriber's buffer on the
/// thread's topic holds.
const KEPT: usize = 256;
/// Members whose last access change is remembered for subscribers still joining; past
/// that, all are forgotten and every joiner is checked again.
const ACCESS_CHANGES_KEPT: usize = 4096;
/// Events that may wait for one subscriber's access check before she is told to resync.
const HELD: usize = 256;

/// What the hub is asked to do.
pub enum Command {
    Join(Box<Joining>),
    /// Operation `op`'s subscriber left.
    Leave(u64),
}

/// A subscriber starting: her ticket's place, her reader, her renderer, her outlet.
pub struct Joining {
    pub reader: Reader,
    pub renderer: Renderer,
    pub outlet: Outlet,
    pub after: u64,
}

/// What the hub passes to its subscribers, in order.
#[derive(Clone)]
enum Event {
    Message(ThreadEvent, Arc<Delivery>),
    /// Messages may have been missed.
    Missed,
}

/// A subscriber's access check, done beside the hub's work.
struct Checked {
    op: u64,
    /// The check's number (see [`Subscriber::checks`]); an older one's answer is stale.
    number: u64,
    result: Result<Standing, AppError>,
}

/// A renderer and the answer it gives every subscriber on a resync.
struct Rendering {
    renderer: Renderer,
    resync: OnceCell<Arc<str>>,
}

struct Subscriber {
    reader: Reader,
    rendering: Arc<Rendering>,
    outlet: Outlet,
    /// Her connection had no room for an answer: she is sent a resync first.
    behind: bool,
    /// While her access is being checked, what came for her meanwhile.
    held: Option<Vec<Event>>,
    /// Access checks asked for her so far.
    checks: u64,
}

/// Answers rendered for one event, by renderer and facts.
type Rendered = HashMap<(usize, Facts), Arc<str>>;

/// When members' access last changed, by the hub's numbering.
#[derive(Default)]
struct AccessChanges {
    by_member: HashMap<Uuid, u64>,
    /// The last time anyone's may have (signals were missed).
    anyone: u64,
    /// Changes up to this one are forgotten.
    forgotten_up_to: u64,
}

impl AccessChanges {
    fn record(&mut self, who: Option<Uuid>, number: u64) {
        let Some(member) = who else {
            self.anyone = number;
            return;
        };
        if self.by_member.len() >= ACCESS_CHANGES_KEPT {
            self.by_member.clear();
            self.forgotten_up_to = number;
        }
        self.by_member.insert(member, number);
    }

    /// Whether `member`'s access may have changed after event `after`.
    fn since(&self, member: Uuid, after: u64) -> bool {
        self.anyone > after
            || self.forgotten_up_to > after
            || self.by_member.get(&member).is_some_and(|number| *number > after)
    }
}

pub struct Hub {
    subscribers: HashMap<u64, Subscriber>,
    renderings: HashMap<String, Arc<Rendering>>,
    kept: VecDeque<(u64, Event)>,
    /// The number of the last message no longer kept.
    dropped_up_to: u64,
    access_changes: AccessChanges,
    seen: Arc<AtomicU64>,
    /// Where access checks beside the hub's work send their answers.
    checked: mpsc::UnboundedSender<Checked>,
    sweeping: Arc<AtomicBool>,
}

impl Hub {
    fn new(seen: Arc<AtomicU64>, checked: mpsc::UnboundedSender<Checked>) -> Self {
        Self {
            subscribers: HashMap::new(),
            renderings: HashMap::new(),
            kept: VecDeque::new(),
            dropped_up_to: 0,
            access_changes: AccessChanges::default(),
            seen,
            checked,
            sweeping: Arc::default(),
        }
    }

    /// Runs a hub counting what it takes in on `seen`, until nobody holds its link (its
    /// commands end) or the bus is gone.
    pub async fn run(
        seen: Arc<AtomicU64>,
        mut commands: mpsc::UnboundedReceiver<Command>,
        mut live: Listener<ThreadEvent>,
        mut access: Listener<Uuid>,
    ) {
        let (sender, mut checked) = mpsc::unbounded_channel();
        let mut hub = Self::new(seen, sender);
        let mut sweep = tokio::time::interval_at(tokio::time::Instant::now() + SWEEP_EVERY, SWEEP_EVERY);
        sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut hearing_access = true;
        loop {
            tokio::select! {
                biased;
                command = commands.recv() => match command {
                    Some(Command::Join(joining)) => hub.join(*joining).await,
                    Some(Command::Leave(op)) => hub.leave(op),
                    None => return,
                },
                Some(checked) = checked.recv() => hub.on_checked(checked).await,
                heard = access.recv(), if hearing_access => hearing_access = hub.on_access(heard),
                heard = live.recv() => {
                    // Access changes heard before this message are acted on first.
                    while let Some(heard) = access.try_recv().filter(|_| hearing_access) {
                        hearing_access = hub.on_access(heard);
                    }
                    let event = match heard {
                        Ok(Heard::Message(message, delivery)) => Event::Message(message, delivery),
                        Ok(Heard::Resync) | Err(RecvError::Lagged(_)) => Event::Missed,
                        Err(RecvError::Closed) => return,
                    };
                    hub.take_in(event).await;
                }
                _ = sweep.tick() => hub.sweep(),
            }
        }
    }

    /// The number of what the hub takes in next.
    fn number_next(&self) -> u64 {
        let number = self.seen.load(Ordering::Acquire) + 1;
        self.seen.store(number, Ordering::Release);
        number
    }

    /// Numbers `event`, keeps it for subscribers joining, and passes it to everyone.
    async fn take_in(&mut self, event: Event) {
        let number = self.number_next();
        self.kept.push_back((number, event.clone()));
        if self.kept.len() > KEPT
            && let Some((dropped, _)) = self.kept.pop_front()
        {
            self.dropped_up_to = dropped;
        }
        let mut rendered = Rendered::new();
        let mut gone = Vec::new();
        for (op, subscriber) in &mut self.subscribers {
            if !subscriber.take(&event, &mut rendered).await {
                gone.push(*op);
            }
        }
        gone.into_iter().for_each(|op| self.leave(op));
    }

    /// An access signal: whom it is for, or `None` when signals were missed (the bus
    /// lost Redis, or the hub fell behind); `false` once the bus is gone.
    fn on_access(&mut self, heard: Result<Heard<Uuid>, RecvError>) -> bool {
        let who = match heard {
            Ok(Heard::Message(member, _)) => Some(member),
            Ok(Heard::Resync) | Err(RecvError::Lagged(_)) => None,
            Err(RecvError::Closed) => return false,
        };
        // Remembered even when no one here is concerned: someone joining may be.
        let number = self.number_next();
        self.access_changes.record(who, number);
        let checked = &self.checked;
        let concerned = self.subscribers.values_mut().filter(|subscriber| who.is_none_or(|m| m == subscriber.member()));
        concerned.for_each(|subscriber| subscriber.hold_for_check(checked));
        true
    }

    async fn join(&mut self, Joining { reader, renderer, outlet, after }: Joining) {
        let rendering = match self.renderings.get(&renderer.key) {
            Some(rendering) => Arc::clone(rendering),
            None => Arc::new(Rendering { renderer, resync: OnceCell::new() }),
        };
        let op = outlet.op();
        let mut subscriber = Subscriber { reader, rendering, outlet, behind: false, held: None, checks: 0 };
        // Messages since her ticket are no longer all kept: she resyncs.
        let missed = after < self.dropped_up_to;
        let mut alive = !missed || subscriber.send_resync().await;
        if missed || self.access_changes.since(subscriber.member(), after) {
            subscriber.hold_for_check(&self.checked);
        }
        for (_, event) in self.kept.iter().filter(|(number, _)| *number > after) {
            if !alive {
                break;
            }
            alive = subscriber.take(event, &mut Rendered::new()).await;
        }
        if alive {
            let key = subscriber.rendering.renderer.key.clone();
            self.renderings.entry(key).or_insert_with(|| Arc::clone(&subscriber.rendering));
            self.subscribers.insert(op, subscriber);
        }
    }

    fn leave(&mut self, op: u64) {
        if let Some(subscriber) = self.subscribers.remove(&op) {
            let key = &subscriber.rendering.renderer.key;
            // Its renderer goes with its last subscriber (the map and she hold it).
            if Arc::strong_count(&subscriber.rendering) == 2 {
                self.renderings.remove(key);
            }
        }
    }

    async fn on_checked(&mut self, Checked { op, number, result }: Checked) {
        let Some(subscriber) = self.subscribers.get_mut(&op).filter(|subscriber| subscriber.checks == number) else {
            return;
        };
        let alive = match result {
            Ok(standing) => subscriber.checked(standing).await,
            Err(error) => {
                subscriber.end(error);
                false
            }
        };
        if !alive {
            self.leave(op);
        }
    }

    /// Checks every subscriber's access again, one after another beside the hub's work;
    /// the safety net for changes no signal announced.
    fn sweep(&self) {
        if self.sweeping.swap(true, Ordering::AcqRel) {
            return;
        }
        let checks: Vec<_> = self
            .subscribers
            .iter()
            .map(|(op, subscriber)| (*op, subscriber.checks, subscriber.reader.check()))
            .collect();
        let (sender, sweeping) = (self.checked.clone(), Arc::clone(&self.sweeping));
        tokio::spawn(async move {
            for (op, number, check) in checks {
                let _ = sender.send(Checked { op, number, result: check.await });
            }
            sweeping.store(false, Ordering::Release);
        });
    }
}

impl Subscriber {
    fn member(&self) -> Uuid {
        self.reader.viewer.member_id
    }

    /// Acts on `event` for her (held while her access is checked); `false` when she
    /// is gone or her operation ended.
    async fn take(&mut self, event: &Event, rendered: &mut Rendered) -> bool {
        match event {
            _ if self.held.is_some() => {
                self.hold(event.clone());
                true
            }
            Event::Missed => self.send_resync().await,
            Event::Message(message, delivery) => self.receive(*message, delivery, rendered).await,
        }
    }

    /// Keeps `event` until her access check answers; past `HELD` of them, she resyncs.
    fn hold(&mut self, event: Event) {
        let Some(held) = &mut self.held else {
            return;
        };
        if held.len() >= HELD {
            held.clear();
            held.push(Event::Missed);
        } else {
            held.push(event);
        }
    }

    /// Holds what comes for her and checks her access again beside the hub's work.
    fn hold_for_check(&mut self, checks: &mpsc::UnboundedSender<Checked>) {
        self.held.get_or_insert_with(Vec::new);
        self.checks += 1;
        let (op, number, check, sender) = (self.outlet.op(), self.checks, self.reader.check(), checks.clone());
        tokio::spawn(async move {
            let _ = sender.send(Checked { op, number, result: check.await });
        });
    }

    /// Her access check passed: she is sent what was held for her, as she now sees it.
    async fn checked(&mut self, standing: Standing) -> bool {
        self.reader.stand(standing);
        let Some(held) = self.held.take() else {
            return true;
        };
        for event in held {
            if !self.take(&event, &mut Rendered::new()).await {
                return false;
            }
        }
        true
    }

    async fn receive(&mut self, message: ThreadEvent, delivery: &Delivery, rendered: &mut Rendered) -> bool {
        let update = match self.reader.update(message, delivery).await {
            Ok(Some(update)) => update,
            Ok(None) => return true,
            Err(error) => {
                self.end(error);
                return false;
            }
        };
        let renderer = &self.rendering.renderer;
        let answer = match &update {
            LiveThreadUpdate::Shared { facts, .. } => {
                let key = (Arc::as_ptr(&self.rendering) as usize, facts.clone());
                match rendered.get(&key) {
                    Some(answer) => Ok(Arc::clone(answer)),
                    None => {
                        let answer = renderer.render(&update, None).await;
                        if let Ok(answer) = &answer {
                            rendered.insert(key, Arc::clone(answer));
                        }
                        answer
                    }
                }
            }
            LiveThreadUpdate::Own(_) => {
                let data = reader_data(&self.reader.db, Viewer::Member(self.reader.viewer));
                Box::pin(renderer.render(&update, Some(&data))).await
            }
        };
        match answer {
            Ok(answer) => self.send(answer).await,
            Err(error) => {
                self.end(error);
                false
            }
        }
    }

    /// Queues `answer`, after the resync she is owed if she fell behind; `false` when
    /// her connection is gone.
    async fn send(&mut self, answer: Arc<str>) -> bool {
        if self.behind && !self.send_resync().await {
            return false;
        }
        if self.behind {
            return true;
        }
        self.queue(answer)
    }

    async fn send_resync(&mut self) -> bool {
        let rendering = Arc::clone(&self.rendering);
        let db = &self.reader.db;
        let answer = rendering
            .resync
            .get_or_try_init(|| async {
                let update = LiveThreadUpdate::own(resync());
                rendering.renderer.render(&update, Some(&shared_data(db))).await
            })
            .await;
        match answer {
            Ok(answer) => {
                self.behind = false;
                self.queue(Arc::clone(answer))
            }
            Err(error) => {
                self.end(error);
                false
            }
        }
    }

    fn queue(&mut self, answer: Arc<str>) -> bool {
        match self.outlet.send(FrameBody::Next(answer)) {
            Ok(()) => true,
            Err(Undelivered::Full) => {
                self.behind = true;
                true
            }
            Err(Undelivered::Gone) => false,
        }
    }

    /// Ends her operation with `error`.
    fn end(&mut self, error: AppError) {
        self.outlet.end(error);
    }
}
