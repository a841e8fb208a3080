/**
 * Offline-safe writes. A creating mutation queued here gets its `clientMutationId` at
 * once, is kept in storage, and is sent in order whenever the network allows; a write
 * whose answer was lost is sent again with the same key, and the server answers with
 * what the first attempt made, so nothing is made twice. One outbox per storage: two
 * contexts (tabs) sharing one would each send the other's writes.
 */
import { backoffDelay } from './backoff.js';
import type { Operation, ResultOf, Runner } from './documents.js';
import { VillageError, isVillageError } from './errors.js';
import {
  CreateEventDocument,
  CreateGroupDocument,
  CreateThreadDocument,
  PostReplyDocument,
  ReactDocument,
  RsvpDocument,
  SendMessageDocument,
} from './generated/graphql.js';
import type { KeyValueStorage } from './platform.js';

/** The mutations that can be queued, by name: each takes `input.clientMutationId`. */
export const OUTBOX_OPERATIONS = {
  postReply: PostReplyDocument,
  createThread: CreateThreadDocument,
  react: ReactDocument,
  rsvp: RsvpDocument,
  createGroup: CreateGroupDocument,
  createEvent: CreateEventDocument,
  sendMessage: SendMessageDocument,
} as const;

export type OutboxOperation = keyof typeof OUTBOX_OPERATIONS;
type Doc<K extends OutboxOperation> = (typeof OUTBOX_OPERATIONS)[K];
type InputOf<K extends OutboxOperation> =
  Doc<K> extends Operation<unknown, { input: infer I }> ? Omit<I, 'clientMutationId'> : never;
type ResultFor<K extends OutboxOperation> = ResultOf<Doc<K>>;

/** A write waiting to be sent. */
export interface QueuedWrite {
  /** Its `clientMutationId`. */
  id: string;
  operation: OutboxOperation;
  input: Record<string, unknown>;
  queuedAt: number;
}

export interface OutboxListener {
  /** The server made it (or had made it already): its answer. */
  sent?(write: QueuedWrite, result: unknown): void;
  /** The server refused it for good (bad input, no access): it is dropped. */
  failed?(write: QueuedWrite, error: VillageError): void;
}

export const OUTBOX_KEY = 'village.outbox';
/** Times a write answered `INTERNAL` or `UNAUTHENTICATED` is tried before it is dropped. */
const MAX_ANSWERED_FAILURES = 5;

function newKey(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function parseJson(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : [];
  } catch {
    return [];
  }
}

export class Outbox {
  private queue?: QueuedWrite[];
  private flushing?: Promise<void>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private attempt = 0;
  /** Failed attempts of the write at the head of the queue that the server answered. */
  private answeredFailures = 0;
  /** Bumped by `clear` and `stop`: a flush that finds it moved on stops (her writes are not sent as another's). */
  private generation = 0;
  private readonly listeners = new Set<OutboxListener>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly execute: Runner,
  ) {}

  /** Queues a write and starts sending; resolves with it once it is stored. */
  async enqueue<K extends OutboxOperation>(operation: K, input: InputOf<K>, id = newKey()): Promise<QueuedWrite> {
    const write: QueuedWrite = { id, operation, input: input as Record<string, unknown>, queuedAt: Date.now() };
    const queue = await this.load();
    queue.push(write);
    await this.persist();
    void this.flush();
    return write;
  }

  /** Queues a write and resolves with the server's answer once it is sent. */
  send<K extends OutboxOperation>(operation: K, input: InputOf<K>): Promise<ResultFor<K>> {
    const id = newKey();
    return new Promise((resolve, reject) => {
      const listener: OutboxListener = {
        sent: (write, result) => write.id === id && (this.listeners.delete(listener), resolve(result as ResultFor<K>)),
        failed: (write, error) => write.id === id && (this.listeners.delete(listener), reject(error)),
      };
      this.listeners.add(listener);
      this.enqueue(operation, input, id).catch((error: unknown) => {
        this.listeners.delete(listener);
        reject(error);
      });
    });
  }

  /** Writes still waiting, oldest first. */
  async pending(): Promise<readonly QueuedWrite[]> {
    return [...(await this.load())];
  }

  /** Hears what becomes of each write; returns how to stop. */
  listen(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends every waiting write, in order; stops at the first the network could not carry. */
  flush(): Promise<void> {
    if (!this.flushing) {
      const run: Promise<void> = this.sendAll().finally(() => {
        if (this.flushing === run) this.flushing = undefined;
      });
      this.flushing = run;
    }
    return this.flushing;
  }

  /** Drops every waiting write (her session ended: they were hers), telling `failed` listeners. */
  async clear(reason = new VillageError('UNAUTHENTICATED', 'the session ended before this was sent')): Promise<void> {
    this.stop();
    this.attempt = 0;
    this.answeredFailures = 0;
    const dropped = await this.load();
    this.queue = [];
    await this.storage.removeItem(OUTBOX_KEY);
    dropped.forEach((write) => this.listeners.forEach((listener) => listener.failed?.(write, reason)));
  }

  /** Stops sending (the client is closing, or the session ended); `flush` starts again. */
  stop(): void {
    this.generation += 1;
    this.flushing = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async sendAll(): Promise<void> {
    clearTimeout(this.retryTimer);
    const generation = this.generation;
    const queue = await this.load();
    while (queue.length > 0 && generation === this.generation) {
      const write = queue[0]!;
      const outcome = await this.sendOne(write, generation);
      if (outcome === 'later' || generation !== this.generation) return;
      queue.shift();
      this.answeredFailures = 0;
      await this.persist();
    }
    this.attempt = 0;
  }

  /** Sends one write; a flush stopped meanwhile (`generation` moved on) acts on nothing. */
  private async sendOne(write: QueuedWrite, generation: number): Promise<'done' | 'later'> {
    const document = OUTBOX_OPERATIONS[write.operation];
    try {
      const variables = { input: { ...write.input, clientMutationId: write.id } };
      const result: unknown = await this.execute(document as Operation<unknown, typeof variables>, variables);
      if (generation !== this.generation) return 'later';
      this.attempt = 0;
      this.listeners.forEach((listener) => listener.sent?.(write, result));
      return 'done';
    } catch (error) {
      if (generation !== this.generation) return 'later';
      const refusal = error instanceof VillageError ? error : VillageError.network(error);
      if (this.worthRetrying(refusal)) {
        this.retryLater(refusal);
        return 'later';
      }
      this.listeners.forEach((listener) => listener.failed?.(write, refusal));
      return 'done';
    }
  }

  /** Network failures and rate limits wait as long as it takes; a server fault or a
   * refused token a few times, so that one bad write cannot hold up the rest for ever. */
  private worthRetrying(error: VillageError): boolean {
    if (error.code === 'NETWORK' || error.code === 'RATE_LIMITED') return true;
    if (error.code !== 'INTERNAL' && error.code !== 'UNAUTHENTICATED') return false;
    this.answeredFailures += 1;
    return this.answeredFailures < MAX_ANSWERED_FAILURES;
  }

  private retryLater(error: VillageError): void {
    const delay = isVillageError(error, 'RATE_LIMITED')
      ? (error.retryAfterSeconds ?? 1) * 1000
      : backoffDelay(this.attempt++, 1_000, 60_000);
    this.retryTimer = setTimeout(() => void this.flush(), delay);
  }

  private async load(): Promise<QueuedWrite[]> {
    if (!this.queue) {
      const parsed = parseJson(await this.storage.getItem(OUTBOX_KEY));
      const known = (write: QueuedWrite) => write && typeof write.id === 'string' && write.operation in OUTBOX_OPERATIONS;
      this.queue ??= Array.isArray(parsed) ? (parsed as QueuedWrite[]).filter(known) : [];
    }
    return this.queue;
  }

  private async persist(): Promise<void> {
    await this.storage.setItem(OUTBOX_KEY, JSON.stringify(this.queue ?? []));
  }
}
