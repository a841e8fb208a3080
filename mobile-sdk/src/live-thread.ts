/**
 * A thread kept live: `threadUpdates` resumed from the cursor of the last new reply it
 * delivered, so every reply arrives once and in order across dropped connections,
 * server restarts and app restarts (the cursor is kept in storage). Whenever it had to
 * subscribe again (a gap, or `RESYNC` when the server could not keep up) the replay
 * brings the replies, and `onResync` tells the app to refresh what a replay does not
 * carry (edits, deletions, reactions). The resuming itself is `live-feed.ts`'s.
 */
import type { Runner } from './documents.js';
import {
  ThreadLatestRepliesDocument,
  ThreadUpdatesDocument,
  type ThreadUpdatesSubscription,
} from './generated/graphql.js';
import type { VillageError } from './errors.js';
import { type LiveFeed, liveFeed } from './live-feed.js';
import type { KeyValueStorage } from './platform.js';
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
export interface LiveThread extends LiveFeed {
  /** The cursor of the last new reply delivered: `resume` picks up from it. */
  cursor(): string | null;
}

export function cursorKey(threadId: string): string {
  return `village.live.${threadId}`;
}

export function liveThread(
  socket: Socket,
  sessions: Sessions,
  run: Runner,
  storage: KeyValueStorage,
  threadId: string,
  options: LiveThreadOptions,
): Promise<LiveThread> {
  const feed = {
    document: ThreadUpdatesDocument,
    variables: (after: string | null) => ({ threadId, after }),
    update: (data: ThreadUpdatesSubscription) => data.threadUpdates,
    newItemKind: 'REPLY_POSTED' as const,
    itemId: (update: ThreadUpdate) => update.reply?.id,
    storageKey: cursorKey(threadId),
    latest: async () => {
      const latest = await run(ThreadLatestRepliesDocument, { id: threadId, last: 1 });
      return latest.thread.replies.pageInfo.endCursor;
    },
  };
  return liveFeed(socket, sessions, storage, feed, options);
}
