/**
 * Native push devices against a real server with FCM and APNs turned on (the workspace's
 * test keys; registering contacts neither service): registered, listed, registered again
 * as the same device, taken along by sign-out, and refused when another member has the
 * token (or when the server sends by neither service).
 */
import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type FetchLike, MyProfileDocument, type VillageClient, VillageError } from '../../src/index.js';
import { PUSH_DEVICE_KEY } from '../../src/push.js';
import { PASSWORD, clientOf, member } from '../support/clients.js';
import { APNS_TOPIC, VillageServer, nativePushEnv } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start(['--trusted-documents-only'], nativePushEnv);
});

afterAll(async () => {
  await server.dispose();
});

/** An FCM registration token, shaped as Firebase issues them. */
const fcmToken = () => `${randomBytes(11).toString('base64url')}:APA91b${randomBytes(96).toString('base64url')}`;
/** An APNs device token: 32 bytes in hex. */
const apnsToken = () => randomBytes(32).toString('hex');

async function emailOf(client: VillageClient): Promise<string> {
  return (await client.request(MyProfileDocument)).me.email ?? '';
}

/** Fetch whose `RemoveDevice` requests fail as a lost network does (the rest go through). */
const removalLost: FetchLike = (input, init) =>
  (JSON.parse(init.body) as { operationName?: string }).operationName === 'RemoveDevice'
    ? Promise.reject(new TypeError('fetch failed: network is off'))
    : fetch(input, init);

describe('native push devices', () => {
  it('registers FCM and APNs devices, listed among her devices; the same token again is the same device', async () => {
    const phone = await member(server, 'Ana');
    const ipad = clientOf(server);
    await ipad.signIn({ email: await emailOf(phone), password: PASSWORD });
    const token = fcmToken();

    const android = await phone.push.registerNative({ transport: 'FCM', token, appId: 'org.village.android', deviceName: 'Pixel 8' });
    const ios = await ipad.push.registerNative({ transport: 'APNS', token: apnsToken(), appId: APNS_TOPIC, environment: 'SANDBOX' });

    expect(android).toMatchObject({ __typename: 'NativeDevice', transport: 'FCM', appId: 'org.village.android', name: 'Pixel 8', environment: null });
    expect(ios).toMatchObject({ __typename: 'NativeDevice', transport: 'APNS', appId: APNS_TOPIC, environment: 'SANDBOX' });
    expect(await phone.storage.getItem(PUSH_DEVICE_KEY)).toBe(android.id);
    const devices = await phone.push.devices();
    expect(devices.map((device) => [device.__typename, device.id, device.transport])).toEqual([
      ['NativeDevice', android.id, 'FCM'],
      ['NativeDevice', ios.id, 'APNS'],
    ]);

    const again = await phone.push.registerNative({ transport: 'FCM', token, appId: 'org.village.android', deviceName: 'Ana’s Pixel' });
    expect(again.id).toBe(android.id);
    expect(again.name).toBe('Ana’s Pixel');
    expect((await ipad.push.devices()).map((device) => device.id)).toEqual([android.id, ios.id]);

    await ipad.push.unregister();
    expect((await phone.push.devices()).map((device) => device.id)).toEqual([android.id]);
    await Promise.all([phone.close(), ipad.close()]);
  });

  it('refuses an APNs device of another app than the one the server pushes to', async () => {
    const phone = await member(server, 'Ana');
    const refused = await phone.push
      .registerNative({ transport: 'APNS', token: apnsToken(), appId: 'org.other.app' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(VillageError);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appId' });
    expect(await phone.storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    await phone.close();
  });

  it('is refused on transport by a server that does not send by FCM or APNs', async () => {
    const plain = await VillageServer.start(['--trusted-documents-only']);
    try {
      const phone = await member(plain, 'Ana');
      const refused = await phone.push
        .registerNative({ transport: 'FCM', token: fcmToken(), appId: 'org.village.android' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(VillageError);
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'transport' });
      await phone.close();
    } finally {
      await plain.dispose();
    }
  });

  it('signing out removes the devices that session registered, even when removing the device itself fails', async () => {
    const phone = await member(server, 'Ana', { fetch: removalLost });
    const email = await emailOf(phone);
    const ipad = clientOf(server);
    await ipad.signIn({ email, password: PASSWORD });
    await phone.push.registerNative({ transport: 'FCM', token: fcmToken(), appId: 'org.village.android' });
    const kept = await ipad.push.registerNative({ transport: 'APNS', token: apnsToken(), appId: APNS_TOPIC });

    await phone.signOut();

    expect(await phone.isSignedIn()).toBe(false);
    expect(await phone.storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    const again = clientOf(server);
    await again.signIn({ email, password: PASSWORD });
    // The iPad's session is still hers, and so is its device.
    expect((await again.push.devices()).map((device) => device.id)).toEqual([kept.id]);

    await ipad.signOut();
    expect(await again.push.devices()).toEqual([]);
    await Promise.all([phone.close(), ipad.close(), again.close()]);
  });

  it('refuses a token another member registered with CONFLICT, until she signs out on that phone', async () => {
    const ana = await member(server, 'Ana');
    const bea = await member(server, 'Bea');
    const token = apnsToken();
    await ana.push.registerNative({ transport: 'APNS', token, appId: APNS_TOPIC });

    const refused = await bea.push.registerNative({ transport: 'APNS', token, appId: APNS_TOPIC }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(VillageError);
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'token' });
    expect(await bea.storage.getItem(PUSH_DEVICE_KEY)).toBeNull();
    expect(await bea.push.devices()).toEqual([]);

    await ana.signOut();
    const moved = await bea.push.registerNative({ transport: 'APNS', token, appId: APNS_TOPIC });
    expect((await bea.push.devices()).map((device) => device.id)).toEqual([moved.id]);
    await Promise.all([ana.close(), bea.close()]);
  });
});
