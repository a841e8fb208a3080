/**
 * Sessions against a real server whose access tokens last 10 s: one refresh however
 * many requests need it, a refused refresh ending the session, a live thread that
 * outlives its token, and sign-out taking the device's push registration with it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  MyProfileDocument,
  MyPushSubscriptionsDocument,
  PostReplyDocument,
  type SessionEndReason,
  type ThreadUpdate,
  VillageError,
  memoryStorage,
} from '../../src/index.js';
import { SESSION_KEY, type StoredSession } from '../../src/session.js';
import { PASSWORD, clientOf, community, eventually, member } from '../support/clients.js';
import { observedFetch } from '../support/network.js';
import { VillageServer } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start(['--trusted-documents-only', '--access-token-ttl-secs', '10']);
});

afterAll(async () => {
  await server.dispose();
});

async function storedSession(storage: { getItem(key: string): unknown }): Promise<StoredSession> {
  return JSON.parse(String(await storage.getItem(SESSION_KEY))) as StoredSession;
}

/** Waits out the server's 10 s access-token lifetime. */
const tokenLifetime = () => new Promise((resolve) => setTimeout(resolve, 11_000));

describe('sessions', () => {
  it('signs in, keeps the session in storage, and signs out', async () => {
    const storage = memoryStorage();
    const first = await member(server, 'Ana', { storage });
    const email = (await first.request(MyProfileDocument)).me.email;
    await first.signOut();

    const client = clientOf(server, { storage });
    const signedIn = await client.signIn({ email: email ?? '', password: PASSWORD });
    expect(await client.isSignedIn()).toBe(true);
    expect((await client.request(MyProfileDocument)).me.id).toBe(signedIn.id);
    await client.signOut();
    expect(await client.isSignedIn()).toBe(false);
    expect(await storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('refreshes an expired token once for every request in flight, then retries them', async () => {
    const observed = observedFetch();
    const ana = await member(server, 'Ana', { fetch: observed.fetch });
    const before = await storedSession(ana.storage);
    await tokenLifetime();
    // The phone's clock is behind: the client believes the token is still good.
    await ana.storage.setItem(SESSION_KEY, JSON.stringify({ ...before, accessTokenExpiresAt: Date.now() + 3_600_000 }));
    const again = clientOf(server, { storage: ana.storage, fetch: observed.fetch });

    const answers = await Promise.all(Array.from({ length: 5 }, () => again.request(MyProfileDocument)));

    expect(answers.map((answer) => answer.me.displayName)).toEqual(Array(5).fill('Ana'));
    expect(observed.count('RefreshSession')).toBe(1);
    expect((await storedSession(ana.storage)).accessToken).not.toBe(before.accessToken);
  });

  it('ends the session when the server refuses to refresh it', async () => {
    const ended: SessionEndReason[] = [];
    const ana = await member(server, 'Ana', { onSessionEnded: (reason) => ended.push(reason) });
    const session = await storedSession(ana.storage);
    await ana.storage.setItem(SESSION_KEY, JSON.stringify({ ...session, accessTokenExpiresAt: 0, refreshToken: 'not-a-token' }));
    const client = clientOf(server, { storage: ana.storage, onSessionEnded: (reason) => ended.push(reason) });

    const refused = await client.request(MyProfileDocument).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(VillageError);
    expect((refused as VillageError).code).toBe('UNAUTHENTICATED');
    expect(ended).toEqual(['refreshRefused']);
    expect(await client.isSignedIn()).toBe(false);
  });

  it('keeps a live thread going past its token: the server ends it UNAUTHENTICATED, the client refreshes and resumes', async () => {
    const { ana, bea, threadId, cursor } = await community(server);
    const bodies: string[] = [];
    const onUpdate = (update: ThreadUpdate) => update.kind === 'REPLY_POSTED' && bodies.push(update.reply?.body ?? '?');
    const live = await bea.liveThread(threadId, { after: cursor, onUpdate });
    const tokenBefore = (await storedSession(bea.storage)).accessToken;

    await tokenLifetime();
    await ana.request(PostReplyDocument, { input: { threadId, body: 'after her token ran out' } });
    await eventually(() => bodies.length === 1, 20_000, 'the reply after expiry');

    expect(bodies).toEqual(['after her token ran out']);
    expect((await storedSession(bea.storage)).accessToken).not.toBe(tokenBefore);
    live.stop();
    await Promise.all([ana.close(), bea.close()]);
  });
});

describe('errors', () => {
  it('come back as VillageError with the server code and details', async () => {
    const client = clientOf(server);
    const wrong = await client.signIn({ email: 'nobody@example.com', password: 'wrong password' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED' });

    const { ana, threadId } = await community(server);
    const empty = await ana.request(PostReplyDocument, { input: { threadId, body: '' } }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    await ana.close();
  });
});

function webPushSubscription() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
  return {
    endpoint: `http://127.0.0.1:9/push/${randomBytes(8).toString('hex')}`,
    keys: { p256dh: raw.toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

describe('push', () => {
  it('registers the device and removes it on sign-out', async () => {
    const phone = await member(server, 'Ana');
    const email = (await phone.request(MyProfileDocument)).me.email ?? '';
    expect(await phone.push.vapidPublicKey()).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    const device = await phone.push.registerWebPush(webPushSubscription(), 'Pixel 8');
    const laptop = clientOf(server);
    await laptop.signIn({ email, password: PASSWORD });
    const listed = await laptop.request(MyPushSubscriptionsDocument);
    expect(listed.myPushSubscriptions.map((d) => d.id)).toEqual([device.id]);

    await phone.signOut();

    expect((await laptop.request(MyPushSubscriptionsDocument)).myPushSubscriptions).toEqual([]);
    await laptop.close();
  });
});
