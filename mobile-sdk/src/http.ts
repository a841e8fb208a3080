/**
 * GraphQL over HTTP: one POST per operation, sent by hash first and by text when the
 * server does not know the hash; an answer with errors becomes a `VillageError`.
 */
import { type Operation, wirePayload } from './documents.js';
import { type GraphQLErrorPayload, VillageError } from './errors.js';
import type { FetchLike } from './platform.js';

interface Answer {
  data?: unknown;
  errors?: GraphQLErrorPayload[];
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && ('data' in value || 'errors' in value);
}

/** Posts operations to one GraphQL endpoint. */
export class HttpTransport {
  constructor(
    private readonly url: string,
    private readonly fetch: FetchLike,
  ) {}

  /** Runs `document`, with `accessToken` when given; throws `VillageError` on any error. */
  async execute<R, V>(document: Operation<R, V>, variables: V | undefined, accessToken?: string): Promise<R> {
    const vars = variables as Record<string, unknown> | undefined;
    let answer = await this.post(wirePayload(document, vars, false), accessToken);
    if (answer.errors?.[0]?.extensions?.['code'] === 'PERSISTED_QUERY_NOT_FOUND') {
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
    try {
      // Called on its own, not as a method: browsers refuse a `fetch` whose `this` is not the window.
      const send = this.fetch;
      const response = await send(this.url, { method: 'POST', headers, body: JSON.stringify(payload) });
      body = await response.json();
    } catch (cause) {
      throw VillageError.network(cause);
    }
    if (!isAnswer(body)) {
      throw new VillageError('INTERNAL', 'the server answered something that is not GraphQL');
    }
    return body;
  }
}
