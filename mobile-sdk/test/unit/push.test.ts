/** Push registration against a fake server: the device remembered and removed, and sign-out taking it along. */
import { describe, expect, it } from 'vitest';

import { VillageError, createVillageClient, memoryStorage } from '../../src/index.js';
import type { FetchLike } from '../../src/platform.js';
import { PUSH_DEVICE_KEY } from '../../src/push.js';
import { SESSION_KEY } from '../../src/session.js';

const signedIn = {
  [SESSION_KEY]: JSON.stringify({ accessToken: 'a1', accessTokenExpiresAt: Date.now() + 900_000, refreshToken: 'r1', memberId: 'm' }),
};

const notFound = { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] };

interface Sent {
  operationName: string;
  variables: Record<string, unknown> | undefined;
}

/** A server answering each operation by name (an answer of `'offline'` fails the request as a lost network does). */
function fakeServer(answers: Record<string, unknown>) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const body = JSON.parse(init.body) as { operationName: string; variables?: Record<string, unknown> };
    sent.push({ operationName: body.operationName, variables: body.variables });
    const answer = answers[body.operationName];
    if (answer === 'offline') throw new TypeError('fetch failed: network is off');
    return { ok: true, status: 200, json: async () => answer ?? { errors: [{ message: 'unexpected', extensions: { code: 'INTERNAL' } }] } };
  };
  return { fetch, sent, names: () => sent.map((request) => request.operationName) };
}

const nativeDevice = {
  __typename: 'NativeDevice',
  id: 'd1',
  transport: 'APNS',
  name: "Ana's iPhone",
  appId: 'org.village.app',
  environment: 'SANDBOX',
  createdAt: '2025-01-01T00:00:00Z',
};

describe('push.registerNative', () => {
  it('registers the token, remembers the device and unregister removes it', async () => {
    const server = fakeServer({
      RegisterDevice: { data: { registerDevice: nativeDevice } },
      RemoveDevice: { data: { removeDevice: { removedId: 'd1' } } },
    });
    const storage = memoryStorage(signedIn);
    const client = createVillageClient({ url: 'http://village.test/graphql', storage, fetch: server.fetch });

    const token = 'ab'.repeat(32);
    const device = await client.push.registerNative({ transport: 'APNS', token, appId: 'org.village.app', environment: 'SANDBOX', deviceName: "Ana's iPhone" });

    expect(device).toEqual(nativeDevice);
    expect(server.sent[0]?.variables).toEqual({
      input: { transport: 'APNS', token, appId: 'org.village.app', environment: 'SANDBOX', deviceName: "Ana's iPhone" },
    });
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBe('d1');

    await client.push.unregister();
    expect(server.sent[1]).toEqual({ operationName: 'RemoveDevice', variables: { input: { id: 'd1' } } });
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    await client.close();
  });

  it('refuses a transport that is not native before asking the server', async () => {
    const server = fakeServer({});
    const client = createVillageClient({ url: 'u', storage: memoryStorage(signedIn), fetch: server.fetch });
    const registration = { transport: 'WEB_PUSH' as 'FCM', token: 't', appId: 'org.village.app' };
    await expect(client.push.registerNative(registration)).rejects.toBeInstanceOf(TypeError);
    expect(server.sent).toEqual([]);
    await client.close();
  });

  it('lists every device, told apart by __typename', async () => {
    const web = { __typename: 'PushSubscription', id: 'w1', transport: 'WEB_PUSH', name: null, endpoint: 'https://push.example/1', createdAt: '2025-01-01T00:00:00Z' };
    const server = fakeServer({ MyDevices: { data: { myDevices: [web, nativeDevice] } } });
    const client = createVillageClient({ url: 'u', storage: memoryStorage(signedIn), fetch: server.fetch });

    const devices = await client.push.devices();

    expect(devices.map((device) => (device.__typename === 'NativeDevice' ? device.appId : device.endpoint))).toEqual([
      'https://push.example/1',
      'org.village.app',
    ]);
    await client.close();
  });
});

describe('push.unregister', () => {
  it('forgets a device the server no longer has', async () => {
    const storage = memoryStorage({ ...signedIn, [PUSH_DEVICE_KEY]: 'gone' });
    const client = createVillageClient({ url: 'u', storage, fetch: fakeServer({ RemoveDevice: notFound }).fetch });
    await client.push.unregister();
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    await client.close();
  });

  it('keeps the device when the network failed, to try again', async () => {
    const storage = memoryStorage({ ...signedIn, [PUSH_DEVICE_KEY]: 'd1' });
    const client = createVillageClient({ url: 'u', storage, fetch: fakeServer({ RemoveDevice: 'offline' }).fetch });
    const error = await client.push.unregister().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VillageError);
    expect((error as VillageError).code).toBe('NETWORK');
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBe('d1');
    await client.close();
  });
});

describe('signOut', () => {
  it('removes the device, then ends the session asking the server to remove its push devices too', async () => {
    const server = fakeServer({
      RemoveDevice: { data: { removeDevice: { removedId: 'd1' } } },
      SignOut: { data: { signOut: { sessionsEnded: 1 } } },
    });
    const storage = memoryStorage({ ...signedIn, [PUSH_DEVICE_KEY]: 'd1' });
    const client = createVillageClient({ url: 'u', storage, fetch: server.fetch });

    await client.signOut();

    expect(server.names()).toEqual(['RemoveDevice', 'SignOut']);
    expect(server.sent[1]?.variables).toEqual({ input: { refreshToken: 'r1', removePushDevices: true } });
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    expect(await client.isSignedIn()).toBe(false);
  });

  it('still asks the server to remove the push devices when removing the device failed', async () => {
    const server = fakeServer({ RemoveDevice: 'offline', SignOut: { data: { signOut: { sessionsEnded: 1 } } } });
    const storage = memoryStorage({ ...signedIn, [PUSH_DEVICE_KEY]: 'd1' });
    const client = createVillageClient({ url: 'u', storage, fetch: server.fetch });

    await client.signOut();

    expect(server.names()).toEqual(['RemoveDevice', 'SignOut']);
    expect(server.sent[1]?.variables).toMatchObject({ input: { removePushDevices: true } });
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
  });

  it('forgets the session and the device locally when the network is gone', async () => {
    const ended: string[] = [];
    const server = fakeServer({ RemoveDevice: 'offline', SignOut: 'offline' });
    const storage = memoryStorage({ ...signedIn, [PUSH_DEVICE_KEY]: 'd1' });
    const client = createVillageClient({ url: 'u', storage, fetch: server.fetch, onSessionEnded: (reason) => ended.push(reason) });

    await client.signOut();

    expect(await storage.getItem(SESSION_KEY)).toBeNull();
    expect(await storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    expect(ended).toEqual(['signedOut']);
  });

  it('sends the sign-out alone when no device was registered', async () => {
    const server = fakeServer({ SignOut: { data: { signOut: { sessionsEnded: 1 } } } });
    const client = createVillageClient({ url: 'u', storage: memoryStorage(signedIn), fetch: server.fetch });
    await client.signOut();
    expect(server.names()).toEqual(['SignOut']);
  });
});
