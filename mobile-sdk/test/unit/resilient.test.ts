/** What makes a subscription refresh, retry or stop: close codes and error codes as graphql-ws hands them over. */
import { describe, expect, it } from 'vitest';

import { classify } from '../../src/resilient.js';

const closed = (code: number) => ({ code, reason: '', wasClean: true });
const errors = (code: string, extra: Record<string, unknown> = {}) => [{ message: code, extensions: { code, ...extra } }];

describe('classify', () => {
  it('refreshes the session on 4401/4403 closes and UNAUTHENTICATED errors', () => {
    expect(classify(closed(4403))).toEqual({ kind: 'auth' });
    expect(classify(closed(4401))).toEqual({ kind: 'auth' });
    expect(classify(errors('UNAUTHENTICATED'))).toEqual({ kind: 'auth' });
  });

  it('retries after the server went away, a dropped network or a fault, and waits out a rate limit', () => {
    expect(classify(closed(1001))).toEqual({ kind: 'retry' });
    expect(classify(closed(1006))).toEqual({ kind: 'retry' });
    expect(classify(new Error('ECONNREFUSED'))).toEqual({ kind: 'retry' });
    expect(classify(errors('INTERNAL'))).toEqual({ kind: 'retry' });
    expect(classify(errors('RATE_LIMITED', { retryAfterSeconds: 7 }))).toEqual({ kind: 'retry', afterMs: 7000 });
  });

  it('sends the text when the hash is unknown, and stops for what retrying cannot mend', () => {
    expect(classify(errors('PERSISTED_QUERY_NOT_FOUND'))).toEqual({ kind: 'unknownHash' });
    expect(classify(errors('NOT_FOUND'))).toMatchObject({ kind: 'fatal', error: { code: 'NOT_FOUND' } });
    expect(classify(errors('FORBIDDEN'))).toMatchObject({ kind: 'fatal', error: { code: 'FORBIDDEN' } });
  });
});
