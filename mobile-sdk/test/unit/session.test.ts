/** Sessions against a fake server: one refresh shared by all callers, and a refused one ending the session. */
import { describe, expect, it } from 'vitest';

import { HttpTransport } from '../../src/http.js';
import { memoryStorage } from '../../src/index.js';
import type { FetchLike } from '../../src/platform.js';
import { SESSION_KEY, Sessions, type SessionEndReason } from '../../src/session.js';

const expired = { accessToken: 'old', accessTokenExpiresAt: 0, refreshToken: 'r1', memberId: 'm' };

function refreshingServer(answer: 'grant' | 'refuse') {
  let refreshes = 0;
  const fetch: FetchLike = async () => {
    refreshes += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const body =
      answer === 'grant'
        ? { data: { refreshSession: { accessToken: `new${refreshes}`, accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(), refreshToken: 'r2', member: { id: 'm', displayName: 'Ana' } } } }
        : { errors: [{ message: 'refresh token is not valid', extensions: { code: 'UNAUTHENTICATED' } }] };
    return { ok: true, status: 200, json: async () => body };
  };
  return { fetch, refreshes: () => refreshes };
}

describe('Sessions', () => {
  it('refreshes once for every caller that needs a token', async () => {
    const server = refreshingServer('grant');
    const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify(expired) });
    const sessions = new Sessions(storage, new HttpTransport('u', server.fetch), () => undefined);

    const tokens = await Promise.all([sessions.accessToken(), sessions.accessToken(), sessions.refresh('old')]);

    expect(tokens).toEqual(['new1', 'new1', 'new1']);
    expect(server.refreshes()).toBe(1);
    expect(JSON.parse(String(await storage.getItem(SESSION_KEY)))).toMatchObject({ accessToken: 'new1', refreshToken: 'r2' });
  });

  it('does not refresh again for a token the session has already moved on from', async () => {
    const server = refreshingServer('grant');
    const sessions = new Sessions(memoryStorage({ [SESSION_KEY]: JSON.stringify(expired) }), new HttpTransport('u', server.fetch), () => undefined);
    await sessions.refresh('old');
    expect(await sessions.refresh('old')).toBe('new1');
    expect(server.refreshes()).toBe(1);
  });

  it('ends the session when the refresh is refused', async () => {
    const ended: SessionEndReason[] = [];
    const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify(expired) });
    const sessions = new Sessions(storage, new HttpTransport('u', refreshingServer('refuse').fetch), (why) => ended.push(why));

    expect(await sessions.accessToken()).toBeUndefined();
    expect(ended).toEqual(['refreshRefused']);
    expect(await storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('treats unreadable storage as no session', async () => {
    const sessions = new Sessions(memoryStorage({ [SESSION_KEY]: '{not json' }), new HttpTransport('u', refreshingServer('grant').fetch), () => undefined);
    expect(await sessions.current()).toBeNull();
  });
});

describe('Sessions sharing storage', () => {
  it('takes the session another tab refreshed instead of trading the old token in again', async () => {
    const server = refreshingServer('grant');
    const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify(expired) });
    const sessions = new Sessions(storage, new HttpTransport('u', server.fetch), () => undefined);
    await sessions.current();
    const refreshedElsewhere = { ...expired, accessToken: 'tab2', accessTokenExpiresAt: Date.now() + 900_000, refreshToken: 'r9' };
    await storage.setItem(SESSION_KEY, JSON.stringify(refreshedElsewhere));

    expect(await sessions.refresh('old')).toBe('tab2');
    expect(server.refreshes()).toBe(0);
  });

  it('does not bring a session back when a refresh lands after sign-out', async () => {
    const server = refreshingServer('grant');
    const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify(expired) });
    const sessions = new Sessions(storage, new HttpTransport('u', server.fetch), () => undefined);
    const refreshing = sessions.refresh('old');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sessions.end('signedOut');

    expect(await refreshing).toBeUndefined();
    expect(await sessions.current()).toBeNull();
    expect(await storage.getItem(SESSION_KEY)).toBeNull();
  });
});
