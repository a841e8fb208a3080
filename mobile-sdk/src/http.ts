/**
 * GraphQL over HTTP: one POST per operation, sent by hash first and by text when the
 * server does not know the hash; an answer with errors becomes a `VillageError`.
 */
import { type Operation, hashOf, wirePayload } from './documents.js';
import { type GraphQLErrorPayload, VillageError } from './errors.js';
import type { FetchLike } from './platform.js';

interface Answer {
  data?: unknown;
  errors?: GraphQLErrorPayload[];
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && ('data' in value || 'errors' in value);
}

/** How long a request may take before it counts as a network failure. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Posts operations to one GraphQL endpoint. */
export class HttpTransport {
  /** Hashes the server did not know: those operations go as text from then on. */
  private readonly unknownHashes = new Set<string>();

  constructor(
    private readonly url: string,
    private readonly fetch: FetchLike,
  ) {}

  /** Runs `document`, with `accessToken` when given; throws `VillageError` on any error. */
  async execute<R, V>(document: Operation<R, V>, variables: V | undefined, accessToken?: string): Promise<R> {
    const vars = variables as Record<string, unknown> | undefined;
    const hash = hashOf(document);
    const byText = hash === undefined || this.unknownHashes.has(hash);
    let answer = await this.post(wirePayload(document, vars, byText), accessToken);
    if (!byText && answer.errors?.[0]?.extensions?.['code'] === 'PERSISTED_QUERY_NOT_FOUND') {
      this.unknownHashes.add(hash);
      answer = await this.post(wirePayload(document, vars, true), accessToken);
    }
    if (answer.errors && answer.errors.length > 0) {
      throw VillageError.fromErrors(answer.errors);
    }
    return answer.data as R;
  }

  private async post(payload: object, accessToken?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (accessToken) {
      headers['authorization'] = `Bearer ${accessToken}`;
    }
    let body: unknown;
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      // Called on its own, not as a method: browsers refuse a `fetch` whose `this` is not the window.
      const send = this.fetch;
      const init = { method: 'POST', headers, body: JSON.stringify(payload), signal: abort.signal };
      body = await (await send(this.url, init)).json();
    } catch (cause) {
      throw VillageError.network(cause);
    } finally {
      clearTimeout(timeout);
    }
    if (!isAnswer(body)) {
      throw new VillageError('INTERNAL', 'the server answered something that is not GraphQL');
    }
    return body;
  }
}
