/**
 * What a live thread and a live conversation share: a subscription that takes `after`
 * (the cursor of an item), resumed from the cursor of the last new item it delivered,
 * so every item arrives once and in order across dropped connections, server restarts
 * and app restarts (the cursor is kept in storage). Whenever it had to subscribe again
 * (a gap, or `RESYNC` when the server could not keep up) the server's replay brings the
 * new items, and `onResync` tells the app to refresh what a replay does not carry.
 */
import type { Operation } from './documents.js';
import { type VillageError, isVillageError } from './errors.js';
import type { KeyValueStorage } from './platform.js';
import { type SubscriptionControl, resilientSubscription } from './resilient.js';
import type { Sessions } from './session.js';
import type { Socket } from './socket.js';

/** A running live feed: a subscription (stop, pause, resume, retryNow) that knows its cursor. */
export interface LiveFeed extends SubscriptionControl {
  /** The cursor of the last new item delivered: `resume` picks up from it. */
  cursor(): string | null;
}

/** The shape every update of a live feed has. */
export interface FeedUpdate {
  kind: string;
  cursor?: string | null;
}

/** One kind of live feed: its subscription and how to read its updates. */
export interface Feed<R, V, U extends FeedUpdate> {
  document: Operation<R, V>;
  /** The subscription's variables, starting after `after`. */
  variables(after: string | null): V;
  /** The update in one result of the subscription. */
  update(data: R): U;
  /** The kind of update that brings a new item: only it moves the cursor. */
  newItemKind: U['kind'];
  /** The id of the item an update of `newItemKind` brings, to drop a repeat. */
  itemId(update: U): string | undefined;
  /** Where the cursor is kept between runs. */
  storageKey: string;
  /** The cursor of the latest item now, to start after when none is given or kept. */
  latest(): Promise<string | null | undefined>;
}

/** What the app hears from a live feed. */
export interface FeedHandlers<U> {
  /** Start after this cursor (default: the one kept from last time, else the latest item's). */
  after?: string | null;
  onUpdate(update: U): void;
  /** It subscribed again after a gap: new items are replayed, anything else may have been missed. */
  onResync?(): void;
  /** It stopped for good (no access, not found, session over). */
  onError?(error: VillageError): void;
}

/** Item ids remembered to drop a repeat (belt and braces: the server sends each once). */
const REMEMBERED_ITEMS = 500;

/** The update kind that makes a feed subscribe again from its cursor. */
const RESYNC = 'RESYNC';

/** Where to start: the caller's cursor, the one kept from last time, or the latest item's. */
async function startingCursor<R, V, U extends FeedUpdate>(storage: KeyValueStorage, feed: Feed<R, V, U>, after?: string | null) {
  if (after !== undefined) return after;
  const kept = await storage.getItem(feed.storageKey);
  if (kept) return kept;
  try {
    return (await feed.latest()) ?? null;
  } catch (error) {
    // Offline: start from whenever it connects (the app has no page to be behind yet).
    if (isVillageError(error, 'NETWORK')) return null;
    throw error;
  }
}

/** Subscribes `feed` from its starting cursor and keeps it live from the last new item, until stopped. */
export async function liveFeed<R, V, U extends FeedUpdate>(
  socket: Socket,
  sessions: Sessions,
  storage: KeyValueStorage,
  feed: Feed<R, V, U>,
  handlers: FeedHandlers<U>,
): Promise<LiveFeed> {
  let cursor = await startingCursor(storage, feed, handlers.after);
  const delivered = new Set<string>();
  let saving: Promise<void> = Promise.resolve();

  const remember = (update: U): boolean => {
    const itemId = update.kind === feed.newItemKind ? feed.itemId(update) : undefined;
    if (!itemId) return true;
    if (delivered.has(itemId)) return false;
    delivered.add(itemId);
    if (delivered.size > REMEMBERED_ITEMS) delivered.delete(delivered.values().next().value as string);
    return true;
  };

  const advance = (next: string) => {
    cursor = next;
    saving = saving.then(() => storage.setItem(feed.storageKey, next)).catch(() => undefined);
  };

  let control: SubscriptionControl;
  const onData = (data: R) => {
    const update = feed.update(data);
    if (update.kind === RESYNC) {
      // Subscribing again from the cursor replays what was missed (and calls onResync).
      control.pause();
      control.resume();
      return;
    }
    if (!remember(update)) return;
    // Only a new item moves the cursor: an update to an older one carries that one's.
    if (update.kind === feed.newItemKind && update.cursor) advance(update.cursor);
    handlers.onUpdate(update);
  };

  control = resilientSubscription(socket, sessions, feed.document, () => feed.variables(cursor), {
    next: onData,
    error: (error) => handlers.onError?.(error),
    resubscribing: () => handlers.onResync?.(),
  });
  return { ...control, cursor: () => cursor };
}
