/**
 * A subscription that stays subscribed while it is wanted: when its socket closes (the
 * network went, the server restarted or shut down with 1001, the phone slept) it
 * subscribes again with backoff and jitter, forever, asking for its variables anew each
 * time; an expired token (an `UNAUTHENTICATED` error or a 4401/4403 close) is refreshed
 * first. Only a refusal that retrying cannot mend (`NOT_FOUND`, `FORBIDDEN`, bad input)
 * or the end of the session stops it, through `error`.
 */
import { backoffDelay } from './backoff.js';
import { type Operation, wirePayload } from './documents.js';
import { type GraphQLErrorPayload, VillageError } from './errors.js';
import type { Sessions } from './session.js';
import type { Socket } from './socket.js';

/** What a subscription's caller hears. */
export interface SubscriptionHandlers<R> {
  next(data: R): void;
  /** The subscription stopped for good with this error. */
  error?(error: VillageError): void;
  /** The server ended the subscription. */
  complete?(): void;
  /** It is about to subscribe again after a gap (what happened meanwhile was not heard). */
  resubscribing?(): void;
}

/** A running subscription. */
export interface SubscriptionControl {
  /** Stops it for good. */
  stop(): void;
  /** Lets go of it (the app went to the background); `resume` picks it up again. */
  pause(): void;
  resume(): void;
  /** The network is back: a retry waiting out its backoff goes now. */
  retryNow(): void;
}

/** What went wrong, as far as resuming is concerned. */
export type Failure =
  | { kind: 'auth' }
  | { kind: 'unknownHash' }
  | { kind: 'retry'; afterMs?: number }
  | { kind: 'fatal'; error: VillageError };

const AUTH_CLOSE_CODES = new Set([4401, 4403]);

function closeCode(value: unknown): number | undefined {
  if (typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number') {
    return value.code;
  }
  return undefined;
}

/** Sorts what a graphql-ws sink's `error` received: GraphQL errors, a close event, or an Error. */
export function classify(value: unknown): Failure {
  if (Array.isArray(value)) {
    const error = VillageError.fromErrors(value as GraphQLErrorPayload[]);
    switch (error.code) {
      case 'UNAUTHENTICATED':
        return { kind: 'auth' };
      case 'PERSISTED_QUERY_NOT_FOUND':
        return { kind: 'unknownHash' };
      case 'RATE_LIMITED':
        return { kind: 'retry', afterMs: (error.retryAfterSeconds ?? 1) * 1000 };
      case 'INTERNAL':
        return { kind: 'retry' };
      default:
        return { kind: 'fatal', error };
    }
  }
  const code = closeCode(value);
  if (code !== undefined && AUTH_CLOSE_CODES.has(code)) return { kind: 'auth' };
  return { kind: 'retry' };
}

/** Subscribes `document` with `variables()` of the moment, resuming until stopped. */
export function resilientSubscription<R, V>(
  socket: Socket,
  sessions: Sessions,
  document: Operation<R, V>,
  variables: () => V,
  handlers: SubscriptionHandlers<R>,
): SubscriptionControl {
  let stopped = false;
  let paused = false;
  let attempt = 0;
  let byText = false;
  let dispose: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by every subscribe, pause and stop: a callback or an await that finds it
  // moved on belongs to an attempt that is over, and does nothing.
  let generation = 0;

  const letGo = () => {
    generation += 1;
    clearTimeout(timer);
    timer = undefined;
    dispose?.();
    dispose = undefined;
  };

  const subscribe = () => {
    letGo();
    if (stopped || paused) return;
    const mine = generation;
    const current = () => mine === generation && !stopped && !paused;
    // graphql-ws wants a `query` string; an empty one means "by its hash" to the server.
    const payload = { query: '', ...wirePayload(document, variables() as Record<string, unknown>, byText) };
    dispose = socket.graphqlWs().subscribe<R>(payload, {
      next: (result) => {
        if (!current()) return;
        if (result.errors?.length) {
          letGo();
          void recover(result.errors, generation);
          return;
        }
        attempt = 0;
        if (result.data) handlers.next(result.data);
      },
      error: (value) => {
        if (!current()) return;
        // Disposing gives graphql-ws its lock back (it keeps it after a close), so an
        // idle socket can still close; after a server `error` message it is a no-op.
        letGo();
        void recover(value, generation);
      },
      complete: () => {
        if (!current()) return;
        stopped = true;
        letGo();
        handlers.complete?.();
      },
    });
  };

  /** Subscribes again after `delayMs`, unless the attempt `mine` is over by then. */
  const again = (delayMs: number, mine: number) => {
    if (mine !== generation || stopped || paused) return;
    timer = setTimeout(() => {
      if (mine !== generation) return;
      handlers.resubscribing?.();
      subscribe();
    }, delayMs);
  };

  const recover = async (value: unknown, mine: number) => {
    const failure = classify(value);
    switch (failure.kind) {
      case 'fatal':
        stopped = true;
        handlers.error?.(failure.error);
        return;
      case 'unknownHash':
        byText = true;
        return again(0, mine);
      case 'auth':
        return refreshThenResubscribe(mine);
      case 'retry':
        return again(failure.afterMs ?? backoffDelay(attempt++), mine);
    }
  };

  const refreshThenResubscribe = async (mine: number) => {
    let token: string | undefined;
    try {
      token = await sessions.refresh(socket.tokenInUse());
    } catch {
      return again(backoffDelay(attempt++), mine);
    }
    if (mine !== generation || stopped) return;
    if (token === undefined) {
      stopped = true;
      handlers.error?.(new VillageError('UNAUTHENTICATED', 'the session has ended'));
      return;
    }
    // A socket opened with the old token is of no use any more: replace it.
    if (socket.tokenInUse() !== token) socket.cut();
    again(0, mine);
  };

  subscribe();
  return {
    stop: () => {
      stopped = true;
      letGo();
    },
    pause: () => {
      paused = true;
      letGo();
    },
    resume: () => {
      if (stopped || !paused) return;
      paused = false;
      attempt = 0;
      handlers.resubscribing?.();
      subscribe();
    },
    retryNow: () => {
      if (timer === undefined) return;
      attempt = 0;
      handlers.resubscribing?.();
      subscribe();
    },
  };
}
