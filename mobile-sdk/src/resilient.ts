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
type Failure =
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
function classify(value: unknown): Failure {
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

  const subscribe = () => {
    timer = undefined;
    if (stopped || paused) return;
    // graphql-ws wants a `query` string; an empty one means "by its hash" to the server.
    const payload = { query: '', ...wirePayload(document, variables() as Record<string, unknown>, byText) };
    let settled = false;
    dispose = socket.graphqlWs().subscribe<R>(payload, {
      next: (result) => {
        if (settled) return;
        if (result.errors?.length) {
          settled = true;
          dispose?.();
          void recover(result.errors);
          return;
        }
        attempt = 0;
        if (result.data) handlers.next(result.data);
      },
      error: (value) => {
        if (settled) return;
        settled = true;
        void recover(value);
      },
      complete: () => {
        if (settled || stopped || paused) return;
        settled = true;
        handlers.complete?.();
      },
    });
  };

  const again = (delayMs: number) => {
    if (stopped || paused) return;
    timer = setTimeout(subscribe, delayMs);
  };

  const recover = async (value: unknown) => {
    dispose = undefined;
    if (stopped || paused) return;
    const failure = classify(value);
    switch (failure.kind) {
      case 'fatal':
        stopped = true;
        handlers.error?.(failure.error);
        return;
      case 'unknownHash':
        byText = true;
        again(0);
        return;
      case 'auth':
        return refreshThenResubscribe();
      case 'retry':
        again(failure.afterMs ?? backoffDelay(attempt++));
    }
  };

  const refreshThenResubscribe = async () => {
    try {
      const token = await sessions.refresh(socket.tokenInUse());
      if (token === undefined) {
        stopped = true;
        handlers.error?.(new VillageError('UNAUTHENTICATED', 'the session has ended'));
        return;
      }
      // A socket opened with the old token is of no use any more: replace it.
      if (socket.tokenInUse() !== token) socket.cut();
      again(0);
    } catch {
      again(backoffDelay(attempt++));
    }
  };

  const letGo = () => {
    clearTimeout(timer);
    timer = undefined;
    dispose?.();
    dispose = undefined;
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
      subscribe();
    },
    retryNow: () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      attempt = 0;
      subscribe();
    },
  };
}
