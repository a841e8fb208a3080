/**
 * `createVillageClient`: the one object an app holds. It signs in and out, runs typed
 * operations with a session that refreshes itself, keeps subscriptions, live threads and
 * live conversations going across reconnects, queues offline writes and registers the
 * device for pushes.
 */
import type { Operation, Runner } from './documents.js';
import { VillageError, isVillageError } from './errors.js';
import {
  type SessionFragment,
  SignInDocument,
  type SignInInput,
  SignOutDocument,
  SignUpDocument,
  type SignUpInput,
} from './generated/graphql.js';
import { HttpTransport } from './http.js';
import { type LiveConversation, type LiveConversationOptions, liveConversation } from './live-conversation.js';
import { type LiveThread, type LiveThreadOptions, liveThread } from './live-thread.js';
import { Outbox } from './outbox.js';
import type { AppStateSource, FetchLike, KeyValueStorage, NetworkSource, WebSocketConstructor } from './platform.js';
import { PUSH_DEVICE_KEY, Push } from './push.js';
import { type SubscriptionControl, type SubscriptionHandlers, resilientSubscription } from './resilient.js';
import { type SessionEndReason, Sessions } from './session.js';
import { Socket } from './socket.js';

export interface VillageClientOptions {
  /** The GraphQL endpoint, e.g. `https://api.village.example/graphql`. */
  url: string;
  /** Where the session, live cursors and the outbox are kept. */
  storage: KeyValueStorage;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to the global `WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** The WebSocket endpoint; defaults to `url` with ws(s)://. */
  wsUrl?: string;
  /** Called when the session ends: signed out, or the server refused to refresh it. */
  onSessionEnded?(reason: SessionEndReason): void;
  /** Pauses live threads in the background and resumes them in the foreground. */
  appState?: AppStateSource;
  /** Sends the outbox when the network comes back. */
  network?: NetworkSource;
}

export type SignedIn = SessionFragment['member'];

function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://');
}

function defaultFetch(): FetchLike {
  const global = (globalThis as { fetch?: FetchLike }).fetch;
  if (!global) throw new TypeError('no global fetch: pass `fetch` to createVillageClient');
  return global.bind(globalThis);
}

export function createVillageClient(options: VillageClientOptions) {
  const http = new HttpTransport(options.url, options.fetch ?? defaultFetch());
  const ended = (reason: SessionEndReason) => {
    lives.forEach((live) => live.stop());
    lives.clear();
    void socket.close();
    void outbox.clear();
    options.onSessionEnded?.(reason);
  };
  const sessions = new Sessions(options.storage, http, ended);
  const webSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  const socket = new Socket(options.wsUrl ?? webSocketUrl(options.url), webSocketImpl, sessions);
  const lives = new Set<SubscriptionControl>();

  /** Runs an operation as the signed-in member (or anonymously), refreshing once if her token ran out. */
  const run: Runner = async (document, variables) => {
    const token = await sessions.accessToken();
    try {
      return await http.execute(document, variables, token);
    } catch (error) {
      if (!token || !isVillageError(error, 'UNAUTHENTICATED')) throw error;
      const fresh = await sessions.refresh(token);
      if (!fresh) throw error;
      return http.execute(document, variables, fresh);
    }
  };

  /** `run`, typed: variables are required when the operation has required ones. */
  const request = <R, V>(document: Operation<R, V>, ...[variables]: {} extends V ? [V?] : [V]): Promise<R> =>
    run(document, variables);

  const outbox = new Outbox(options.storage, run);
  const push = new Push(run, options.storage);

  const signedIn = async (payload: SessionFragment): Promise<SignedIn> => {
    await sessions.save(payload);
    void outbox.flush();
    return payload.member;
  };

  const tracked = <T extends SubscriptionControl>(control: T): T => {
    lives.add(control);
    const stop = control.stop;
    control.stop = () => {
      lives.delete(control);
      stop();
    };
    return control;
  };

  const appState = options.appState?.subscribe((active) => lives.forEach((live) => (active ? live.resume() : live.pause())));
  const network = options.network?.subscribe((online) => {
    if (!online) return;
    void outbox.flush();
    lives.forEach((live) => live.retryNow());
  });
  const stopListening = () => [appState, network].forEach((unsubscribe) => unsubscribe?.());

  return {
    request,
    async signUp(input: SignUpInput): Promise<SignedIn> {
      return signedIn((await http.execute(SignUpDocument, { input })).signUp);
    },
    async signIn(input: SignInInput): Promise<SignedIn> {
      return signedIn((await http.execute(SignInDocument, { input })).signIn);
    },
    /**
     * Ends this device's session. The push device this client registered is removed
     * first (it may have been registered by an earlier session); then the session ends
     * on the server, which removes every push registration made by it in the same
     * request (`removePushDevices`), however the first step went. The local state goes
     * whatever the network does.
     */
    async signOut(): Promise<void> {
      const session = await sessions.current();
      try {
        if (session) {
          await push.unregister().catch(() => undefined);
          // That request may have refreshed the session: name its newest refresh token.
          const refreshToken = ((await sessions.current()) ?? session).refreshToken;
          const input = { refreshToken, removePushDevices: true };
          await request(SignOutDocument, { input }).catch(() => undefined);
        }
      } finally {
        await Promise.resolve()
          .then(() => options.storage.removeItem(PUSH_DEVICE_KEY))
          .catch(() => undefined);
        await sessions.end('signedOut');
      }
    },
    /** Whether a session is kept (it may still be refused when next used). */
    async isSignedIn(): Promise<boolean> {
      return (await sessions.current()) !== null;
    },
    /** The signed-in member's id, if any. */
    async memberId(): Promise<string | undefined> {
      return (await sessions.current())?.memberId;
    },
    /** A subscription that resumes by itself; `variables` may be a function, asked on every (re)subscribe. */
    subscribe<R, V>(document: Operation<R, V>, variables: V | (() => V), handlers: SubscriptionHandlers<R>): SubscriptionControl {
      const current = typeof variables === 'function' ? (variables as () => V) : () => variables;
      return tracked(resilientSubscription(socket, sessions, document, current, handlers));
    },
    /** A thread kept live from the last reply it delivered, across reconnects and restarts. */
    async liveThread(threadId: string, liveOptions: LiveThreadOptions): Promise<LiveThread> {
      return tracked(await liveThread(socket, sessions, run, options.storage, threadId, liveOptions));
    },
    /** A conversation kept live from the last message it delivered, across reconnects and restarts. */
    async liveConversation(conversationId: string, liveOptions: LiveConversationOptions): Promise<LiveConversation> {
      return tracked(await liveConversation(socket, sessions, run, options.storage, conversationId, liveOptions));
    },
    outbox,
    push,
    /** Closes the WebSocket (live threads resume on their own when wanted). */
    reconnect(): void {
      socket.cut();
    },
    /** Stops everything this client runs: for tests and app shutdown. */
    async close(): Promise<void> {
      stopListening();
      outbox.stop();
      lives.forEach((live) => live.stop());
      lives.clear();
      await socket.close();
    },
  };
}

export type VillageClient = ReturnType<typeof createVillageClient>;
export { VillageError };
