/**
 * A thread kept live: `threadUpdates` resumed from the cursor of the last new reply it
 * delivered, so every reply arrives once and in order across dropped connections,
 * server restarts and app restarts (the cursor is kept in storage). Whenever it had to
 * subscribe again (a gap, or `RESYNC` when the server could not keep up) the replay
 * brings the replies, and `onResync` tells the app to refresh what a replay does not
 * carry (edits, deletions, reactions).
 */
import type { Runner } from './documents.js';
import {
  ThreadLatestRepliesDocument,
  ThreadUpdatesDocument,
  type ThreadUpdatesSubscription,
} from './generated/graphql.js';
import { type VillageError, isVillageError } from './errors.js';
import type { KeyValueStorage } from './platform.js';
import { type SubscriptionControl, resilientSubscription } from './resilient.js';
import type { Sessions } from './session.js';
import type { Socket } from './socket.js';

/** One update of a live thread. */
export type ThreadUpdate = ThreadUpdatesSubscription['threadUpdates'];

export interface LiveThreadOptions {
  /** Start after this reply cursor (default: the one kept from last time, else the thread's latest reply). */
  after?: string | null;
  onUpdate(update: ThreadUpdate): void;
  /** It subscribed again after a gap: new replies are replayed, but edits, deletions and reactions may have been missed — refetch what is on screen. */
  onResync?(): void;
  /** The live thread stopped for good (no access, not found, session over). */
  onError?(error: VillageError): void;
}

/** A running live thread: a subscription (stop, pause, resume, retryNow) that knows its cursor. */
export interface LiveThread extends SubscriptionControl {
  /** The cursor of the last new reply delivered: `resume` picks up from it. */
  cursor(): string | null;
}

/** Reply ids remembered to drop a repeat (belt and braces: the server sends each once). */
const REMEMBERED_REPLIES = 500;

export function cursorKey(threadId: string): string {
  return `village.live.${threadId}`;
}

/** Where to start: the caller's cursor, the one kept from last time, or the thread's latest reply. */
async function startingCursor(run: Runner, storage: KeyValueStorage, threadId: string, after?: string | null) {
  if (after !== undefined) return after;
  const kept = await storage.getItem(cursorKey(threadId));
  if (kept) return kept;
  try {
    const latest = await run(ThreadLatestRepliesDocument, { id: threadId, last: 1 });
    return latest.thread.replies.pageInfo.endCursor ?? null;
  } catch (error) {
    // Offline: start from whenever it connects (the app has no page to be behind yet).
    if (isVillageError(error, 'NETWORK')) return null;
    throw error;
  }
}

export async function liveThread(
  socket: Socket,
  sessions: Sessions,
  run: Runner,
  storage: KeyValueStorage,
  threadId: string,
  options: LiveThreadOptions,
): Promise<LiveThread> {
  let cursor = await startingCursor(run, storage, threadId, options.after);
  const delivered = new Set<string>();
  let saving: Promise<void> = Promise.resolve();

  const remember = (update: ThreadUpdate): boolean => {
    const replyId = update.reply?.id;
    if (update.kind !== 'REPLY_POSTED' || !replyId) return true;
    if (delivered.has(replyId)) return false;
    delivered.add(replyId);
    if (delivered.size > REMEMBERED_REPLIES) delivered.delete(delivered.values().next().value as string);
    return true;
  };

  const advance = (next: string) => {
    cursor = next;
    saving = saving.then(() => storage.setItem(cursorKey(threadId), next)).catch(() => undefined);
  };

  let control: SubscriptionControl;
  const onData = (data: ThreadUpdatesSubscription) => {
    const update = data.threadUpdates;
    if (update.kind === 'RESYNC') {
      // Subscribing again from the cursor replays what was missed (and calls onResync).
      control.pause();
      control.resume();
      return;
    }
    if (!remember(update)) return;
    // Only a new reply moves the cursor: an edit or a reaction carries its (older) reply's.
    if (update.kind === 'REPLY_POSTED' && update.cursor) advance(update.cursor);
    options.onUpdate(update);
  };

  control = resilientSubscription(socket, sessions, ThreadUpdatesDocument, () => ({ threadId, after: cursor }), {
    next: onData,
    error: (error) => options.onError?.(error),
    resubscribing: () => options.onResync?.(),
  });
  return { ...control, cursor: () => cursor };
}
