/** The HTTP transport and errors, against a fake fetch: hash first, text when unknown, typed errors. */
import { describe, expect, it } from 'vitest';

import { backoffDelay } from '../../src/backoff.js';
import { HttpTransport } from '../../src/http.js';
import { MyProfileDocument, PostReplyDocument, VillageError } from '../../src/index.js';
import type { FetchLike } from '../../src/platform.js';

function fakeFetch(answers: unknown[]) {
  const bodies: Record<string, unknown>[] = [];
  const fetch: FetchLike = async (_url, init) => {
    bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    const answer = answers.shift();
    return { ok: true, status: 200, json: async () => answer };
  };
  return { fetch, bodies };
}

describe('HttpTransport', () => {
  it('sends an operation by its hash alone, with the bearer token', async () => {
    const { fetch, bodies } = fakeFetch([{ data: { me: { id: '1' } } }]);
    const answer = await new HttpTransport('http://village.test/graphql', fetch).execute(MyProfileDocument, {}, 'token');
    expect(answer).toEqual({ me: { id: '1' } });
    expect(bodies[0]).toMatchObject({ operationName: 'MyProfile', extensions: { persistedQuery: { version: 1 } } });
    expect(bodies[0]).not.toHaveProperty('query');
  });

  it('sends the text when the server does not know the hash', async () => {
    const notFound = { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] };
    const { fetch, bodies } = fakeFetch([notFound, { data: { me: { id: '1' } } }]);
    await new HttpTransport('http://village.test/graphql', fetch).execute(MyProfileDocument, {});
    expect(bodies[1]?.['query']).toContain('query MyProfile');
    expect(bodies[1]).not.toHaveProperty('extensions');
  });

  it('turns errors into a VillageError with the code and its details', async () => {
    const limited = { errors: [{ message: 'too many', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }] };
    const { fetch } = fakeFetch([limited]);
    const input = { input: { threadId: 't', body: 'hi' } };
    const error = await new HttpTransport('u', fetch).execute(PostReplyDocument, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VillageError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
  });

  it('reports a failed network as NETWORK, and an unknown code as INTERNAL', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    await expect(new HttpTransport('u', down).execute(MyProfileDocument, {})).rejects.toMatchObject({ code: 'NETWORK' });
    expect(VillageError.fromErrors([{ message: 'x', extensions: { code: 'SOMETHING_NEW' } }]).code).toBe('INTERNAL');
  });
});

describe('backoffDelay', () => {
  it('grows with the attempt up to its cap, jittered below the ceiling', () => {
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4_000);
    expect(backoffDelay(40, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(3, 500, 30_000, () => 0.5)).toBe(2_000);
  });
});
