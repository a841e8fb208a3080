/**
 * A thread kept live: `threadUpdates` resumed from the last reply cursor it delivered,
 * so every reply arrives once and in order across dropped connections, server restarts
 * and app restarts (the cursor is kept in storage). On `RESYNC` (the server could not
 * keep up) it resubscribes from that cursor, which replays what was missed, and tells
 * the app to refresh what a replay does not carry (edits, reactions).
 */
import { ThreadUpdatesDocument, type ThreadUpdatesSubscription } from './generated/graphql.js';
import type { VillageError } from './errors.js';
import type { KeyValueStorage } from './platform.js';
import { type SubscriptionControl, resilientSubscription } from './resilient.js';
import type { Sessions } from './session.js';
import type { Socket } from './socket.js';

/** One update of a live thread. */
export type ThreadUpdate = ThreadUpdatesSubscription['threadUpdates'];

export interface LiveThreadOptions {
  /** Start after this reply cursor (default: the one kept from last time, else now). */
  after?: string | null;
  onUpdate(update: ThreadUpdate): void;
  /** Updates other than new replies may have been missed: refetch the thread's state. */
  onResync?(): void;
  /** The live thread stopped for good (no access, not found, session over). */
  onError?(error: VillageError): void;
}

export interface LiveThread {
  /** The cursor of the last reply delivered. */
  cursor(): string | null;
  stop(): void;
  /** Let go of the socket while the app is in the background... */
  pause(): void;
  /** ...and pick up from the last cursor when it comes back. */
  resume(): void;
  /** Reconnect now rather than after the backoff (the network is back). */
  retryNow(): void;
}

/** Reply ids remembered to drop a repeat (belt and braces: the server sends each once). */
const REMEMBERED_REPLIES = 500;

export function cursorKey(threadId: string): string {
  return `village.live.${threadId}`;
}

export async function liveThread(
  socket: Socket,
  sessions: Sessions,
  storage: KeyValueStorage,
  threadId: string,
  options: LiveThreadOptions,
): Promise<LiveThread> {
  let cursor = options.after !== undefined ? options.after : await storage.getItem(cursorKey(threadId));
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
      options.onResync?.();
      control.pause();
      control.resume();
      return;
    }
    if (!remember(update)) return;
    if (update.cursor) advance(update.cursor);
    options.onUpdate(update);
  };

  control = resilientSubscription(socket, sessions, ThreadUpdatesDocument, () => ({ threadId, after: cursor }), {
    next: onData,
    error: (error) => options.onError?.(error),
  });
  return {
    cursor: () => cursor,
    stop: () => control.stop(),
    pause: () => control.pause(),
    resume: () => control.resume(),
    retryNow: () => control.retryNow(),
  };
}
