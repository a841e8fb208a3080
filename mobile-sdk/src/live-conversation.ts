/**
 * A conversation kept live: `conversationUpdates` resumed from the cursor of the last
 * message it delivered, so every message arrives once and in order across dropped
 * connections, server restarts and app restarts (the cursor is kept in storage), as a
 * live thread does (`live-feed.ts`). Declining the request, leaving the conversation or
 * losing access to it ends it through `onError` (`FORBIDDEN`).
 */
import type { Runner } from './documents.js';
import type { VillageError } from './errors.js';
import {
  ConversationLatestMessagesDocument,
  ConversationUpdatesDocument,
  type ConversationUpdatesSubscription,
  type MessageItemFragment,
} from './generated/graphql.js';
import { type LiveFeed, liveFeed } from './live-feed.js';
import type { KeyValueStorage } from './platform.js';
import type { Sessions } from './session.js';
import type { Socket } from './socket.js';

type ConversationUpdate = ConversationUpdatesSubscription['conversationUpdates'];

export interface LiveConversationOptions {
  /** Start after this message cursor (default: the one kept from last time, else the conversation's latest message). */
  after?: string | null;
  /** A new message, with its cursor (each once, in order; her own included). */
  onMessage(message: MessageItemFragment, cursor: string | null): void;
  /** It subscribed again after a gap: the messages are replayed, but refetch the conversation's details (members, unread count, read-only). */
  onResync?(): void;
  /** The live conversation stopped for good (declined, left, no access, not found, session over). */
  onError?(error: VillageError): void;
}

/** A running live conversation: a subscription (stop, pause, resume, retryNow) that knows its cursor. */
export interface LiveConversation extends LiveFeed {
  /** The cursor of the last message delivered: `resume` picks up from it. */
  cursor(): string | null;
}

export function conversationCursorKey(conversationId: string): string {
  return `village.live.conversation.${conversationId}`;
}

export function liveConversation(
  socket: Socket,
  sessions: Sessions,
  run: Runner,
  storage: KeyValueStorage,
  conversationId: string,
  options: LiveConversationOptions,
): Promise<LiveConversation> {
  const feed = {
    document: ConversationUpdatesDocument,
    variables: (after: string | null) => ({ conversationId, after }),
    update: (data: ConversationUpdatesSubscription) => data.conversationUpdates,
    newItemKind: 'MESSAGE_SENT' as const,
    itemId: (update: ConversationUpdate) => update.message?.id,
    storageKey: conversationCursorKey(conversationId),
    latest: async () => {
      const latest = await run(ConversationLatestMessagesDocument, { id: conversationId, last: 1 });
      return latest.conversation.messages.pageInfo.endCursor;
    },
  };
  return liveFeed(socket, sessions, storage, feed, {
    after: options.after,
    onUpdate: (update) => {
      if (update.kind === 'MESSAGE_SENT' && update.message) options.onMessage(update.message, update.cursor ?? null);
    },
    onResync: () => options.onResync?.(),
    onError: (error) => options.onError?.(error),
  });
}
