/**
 * Live threads and live conversations over a fake socket: where they start, when the
 * cursor moves and is kept, repeats dropped, RESYNC and a closed socket answered by
 * subscribing again from the cursor, and a refusal that stops them.
 */
import type { Sink } from 'graphql-ws';
import { describe, expect, it } from 'vitest';

import type { Runner } from '../../src/documents.js';
import { conversationCursorKey, liveConversation } from '../../src/live-conversation.js';
import { cursorKey, liveThread } from '../../src/live-thread.js';
import { type MessageItemFragment, type ThreadUpdate, VillageError, memoryStorage } from '../../src/index.js';
import type { KeyValueStorage } from '../../src/platform.js';
import type { Sessions } from '../../src/session.js';
import type { Socket } from '../../src/socket.js';

interface Subscribed {
  variables: Record<string, unknown>;
  sink: Sink<unknown>;
  disposed: boolean;
}

/** A socket whose subscriptions the test answers by hand. */
function fakeSocket() {
  const subscribed: Subscribed[] = [];
  const client = {
    subscribe(payload: { variables?: Record<string, unknown> }, sink: Sink<unknown>) {
      const entry: Subscribed = { variables: payload.variables ?? {}, sink, disposed: false };
      subscribed.push(entry);
      return () => (entry.disposed = true);
    },
  };
  const socket = { graphqlWs: () => client, tokenInUse: () => undefined, cut: () => undefined } as unknown as Socket;
  const latest = () => {
    const entry = subscribed.at(-1);
    if (!entry) throw new Error('nothing subscribed');
    return entry;
  };
  return { socket, subscribed, latest };
}

const sessions = {} as Sessions;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const member = { id: 'm1', displayName: 'Ana', handle: null, avatarUrl: null };
const reply = (id: string) => ({
  id,
  threadId: 't',
  parentReplyId: null,
  state: 'VISIBLE',
  author: member,
  body: id,
  createdAt: '2026-01-01T00:00:00Z',
  editedAt: null,
  reactions: [],
});
const replyPosted = (id: string, cursor: string) => ({
  data: { threadUpdates: { kind: 'REPLY_POSTED', cursor, reply: reply(id), thread: null } },
});
const message = (id: string): MessageItemFragment => ({
  id,
  conversationId: 'c',
  body: `body of ${id}`,
  createdAt: '2026-01-01T00:00:00Z',
  author: member,
});
const messageSent = (id: string, cursor: string) => ({
  data: { conversationUpdates: { kind: 'MESSAGE_SENT', cursor, message: message(id) } },
});

function runner(answer: () => unknown): Runner & { calls: string[] } {
  const calls: string[] = [];
  const run = (async (document: unknown) => {
    calls.push(/(query|mutation) (\w+)/.exec(String(document))?.[2] ?? '?');
    return answer();
  }) as Runner;
  return Object.assign(run, { calls });
}

const noQueries = runner(() => {
  throw new Error('no query expected');
});

describe('liveThread', () => {
  it('starts after the cursor given, else the one kept, else the thread’s latest reply', async () => {
    const { socket, latest } = fakeSocket();
    const none = { onUpdate: () => undefined };

    const given = await liveThread(socket, sessions, noQueries, memoryStorage({ [cursorKey('t')]: 'kept' }), 't', {
      ...none,
      after: 'given',
    });
    expect(latest().variables).toEqual({ threadId: 't', after: 'given' });
    given.stop();

    const kept = await liveThread(socket, sessions, noQueries, memoryStorage({ [cursorKey('t')]: 'kept' }), 't', none);
    expect(latest().variables).toEqual({ threadId: 't', after: 'kept' });
    kept.stop();

    const run = runner(() => ({ thread: { id: 't', replies: { pageInfo: { endCursor: 'newest' }, edges: [] } } }));
    const fresh = await liveThread(socket, sessions, run, memoryStorage(), 't', none);
    expect(run.calls).toEqual(['ThreadLatestReplies']);
    expect(latest().variables).toEqual({ threadId: 't', after: 'newest' });
    fresh.stop();

    const offline = runner(() => {
      throw VillageError.network(new TypeError('offline'));
    });
    const away = await liveThread(socket, sessions, offline, memoryStorage(), 't', none);
    expect(latest().variables).toEqual({ threadId: 't', after: null });
    away.stop();
  });

  it('moves and keeps its cursor for new replies only, drops a repeat, and resubscribes from it on RESYNC', async () => {
    const { socket, subscribed, latest } = fakeSocket();
    const storage: KeyValueStorage = memoryStorage();
    const updates: ThreadUpdate[] = [];
    let resyncs = 0;
    const live = await liveThread(socket, sessions, noQueries, storage, 't', {
      after: 'c0',
      onUpdate: (update) => updates.push(update),
      onResync: () => (resyncs += 1),
    });

    latest().sink.next(replyPosted('r1', 'c1'));
    latest().sink.next(replyPosted('r1', 'c1'));
    latest().sink.next({ data: { threadUpdates: { kind: 'REACTIONS_CHANGED', cursor: 'c0', reply: reply('r0'), thread: null } } });
    await tick();
    expect(updates.map((update) => `${update.kind} ${update.reply?.id}`)).toEqual(['REPLY_POSTED r1', 'REACTIONS_CHANGED r0']);
    expect(live.cursor()).toBe('c1');
    expect(await storage.getItem(cursorKey('t'))).toBe('c1');

    const before = latest();
    before.sink.next({ data: { threadUpdates: { kind: 'RESYNC', cursor: null, reply: null, thread: null } } });
    expect(before.disposed).toBe(true);
    expect(subscribed).toHaveLength(2);
    expect(latest().variables).toEqual({ threadId: 't', after: 'c1' });
    expect(resyncs).toBe(1);
    expect(updates).toHaveLength(2);
    live.stop();
    expect(latest().disposed).toBe(true);
  });
});

describe('liveConversation', () => {
  it('hands each message over once with its cursor, and keeps the cursor under its own key', async () => {
    const { socket, latest } = fakeSocket();
    const storage = memoryStorage({ [cursorKey('c')]: 'a thread’s cursor' });
    const received: string[] = [];
    const live = await liveConversation(socket, sessions, noQueries, storage, 'c', {
      after: 'm0',
      onMessage: (message, cursor) => received.push(`${message.id}@${cursor}`),
    });
    expect(latest().variables).toEqual({ conversationId: 'c', after: 'm0' });

    latest().sink.next(messageSent('m1', 'k1'));
    latest().sink.next(messageSent('m2', 'k2'));
    latest().sink.next(messageSent('m1', 'k1'));
    await tick();

    expect(received).toEqual(['m1@k1', 'm2@k2']);
    expect(live.cursor()).toBe('k2');
    expect(await storage.getItem(conversationCursorKey('c'))).toBe('k2');
    expect(await storage.getItem(cursorKey('c'))).toBe('a thread’s cursor');
    live.stop();
  });

  it('starts after the conversation’s latest message when no cursor is given or kept', async () => {
    const { socket, latest } = fakeSocket();
    const run = runner(() => ({ conversation: { id: 'c', messages: { pageInfo: { endCursor: 'newest' }, edges: [] } } }));
    const live = await liveConversation(socket, sessions, run, memoryStorage(), 'c', { onMessage: () => undefined });
    expect(run.calls).toEqual(['ConversationLatestMessages']);
    expect(latest().variables).toEqual({ conversationId: 'c', after: 'newest' });
    live.stop();

    const kept = memoryStorage({ [conversationCursorKey('c')]: 'kept' });
    const again = await liveConversation(socket, sessions, noQueries, kept, 'c', { onMessage: () => undefined });
    expect(latest().variables).toEqual({ conversationId: 'c', after: 'kept' });
    again.stop();
  });

  it('subscribes again from its cursor after the socket closed, and stops on FORBIDDEN', async () => {
    const { socket, subscribed, latest } = fakeSocket();
    const received: string[] = [];
    const failures: string[] = [];
    let resyncs = 0;
    const live = await liveConversation(socket, sessions, noQueries, memoryStorage(), 'c', {
      after: null,
      onMessage: (message) => received.push(message.id),
      onResync: () => (resyncs += 1),
      onError: (error) => failures.push(error.code),
    });
    latest().sink.next(messageSent('m1', 'k1'));

    // The server went away (1001): a retry waits out its backoff; the network is back, so now.
    latest().sink.error({ code: 1001, reason: 'going away', wasClean: true });
    live.retryNow();
    expect(subscribed).toHaveLength(2);
    expect(latest().variables).toEqual({ conversationId: 'c', after: 'k1' });
    expect(resyncs).toBe(1);
    latest().sink.next(messageSent('m2', 'k2'));

    // She left the conversation: the server ends it with FORBIDDEN.
    latest().sink.next({ errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }] });
    await tick();
    live.retryNow();
    expect(failures).toEqual(['FORBIDDEN']);
    expect(subscribed).toHaveLength(2);
    expect(received).toEqual(['m1', 'm2']);
    expect(live.cursor()).toBe('k2');
  });
});
