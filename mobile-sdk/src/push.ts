/**
 * Push registration: a browser's or PWA's Web Push subscription (asking the server for
 * its VAPID key when the app needs one to subscribe) or a native app's FCM or APNs token,
 * handed to the server and remembered, so that this client can remove its own device
 * again — and so that sign-out does, and a shared phone stops receiving her notifications.
 */
import { isVillageError } from './errors.js';
import {
  MyDevicesDocument,
  type MyDevicesQuery,
  type NativePushDeviceFragment,
  type PushDeviceFragment,
  type PushEnvironment,
  RegisterDeviceDocument,
  RegisterPushSubscriptionDocument,
  RemoveDeviceDocument,
  VapidPublicKeyDocument,
} from './generated/graphql.js';
import type { Runner } from './documents.js';
import type { KeyValueStorage } from './platform.js';

/** `PushSubscription.toJSON()` as browsers give it. */
export interface WebPushSubscriptionJSON {
  endpoint?: string;
  keys?: Record<string, string>;
}

/** A native app's push token, as the OS handed it over. */
export interface NativePushRegistration {
  /** `FCM` (Android, and iOS apps on Firebase) or `APNS` (iOS). */
  transport: 'FCM' | 'APNS';
  /** The FCM registration token, or the APNs device token in hex. */
  token: string;
  /** The Android package or the iOS bundle id (for APNs, the one the server pushes to). */
  appId: string;
  /** APNs only: `SANDBOX` for development builds; the server assumes `PRODUCTION`. */
  environment?: PushEnvironment;
  /** Shown in her device list, e.g. "Ana's iPhone". */
  deviceName?: string;
}

/** One of her devices as `devices()` lists them: a browser (`PushSubscription`) or a native app (`NativeDevice`). */
export type RegisteredDevice = MyDevicesQuery['myDevices'][number];

/** The storage key of the id of the device this client registered (any transport). */
export const PUSH_DEVICE_KEY = 'village.pushDevice';

const NATIVE_TRANSPORTS: ReadonlySet<string> = new Set(['FCM', 'APNS']);

export class Push {
  constructor(
    private readonly request: Runner,
    private readonly storage: KeyValueStorage,
  ) {}

  /** The server's VAPID public key (base64url), for `pushManager.subscribe`'s `applicationServerKey`. */
  async vapidPublicKey(): Promise<string> {
    return (await this.request(VapidPublicKeyDocument)).vapidPublicKey;
  }

  /** Registers this device's Web Push subscription; remembered for `unregister`. */
  async registerWebPush(subscription: WebPushSubscriptionJSON, deviceName?: string): Promise<PushDeviceFragment> {
    const { endpoint, keys } = subscription;
    if (!endpoint || !keys?.['p256dh'] || !keys['auth']) {
      throw new TypeError('a push subscription needs endpoint, keys.p256dh and keys.auth');
    }
    const input = { endpoint, p256dh: keys['p256dh'], auth: keys['auth'], userAgent: deviceName };
    const device = (await this.request(RegisterPushSubscriptionDocument, { input })).registerPushSubscription;
    await this.storage.setItem(PUSH_DEVICE_KEY, device.id);
    return device;
  }

  /**
   * Registers the native app's FCM or APNs token; remembered for `unregister`. Safe to
   * call on every start (and whenever the OS hands over a new token): the same token
   * keeps its registration. A token another member registered is refused with
   * `CONFLICT` on `token` until she signs out on that phone.
   */
  async registerNative(registration: NativePushRegistration): Promise<NativePushDeviceFragment> {
    const { transport, token, appId, environment, deviceName } = registration;
    if (!NATIVE_TRANSPORTS.has(transport)) {
      throw new TypeError(`a native device registers with transport FCM or APNS, not ${String(transport)}`);
    }
    if (!token || !appId) {
      throw new TypeError('a native device needs its push token and its app id');
    }
    const input = { transport, token, appId, environment, deviceName };
    const device = (await this.request(RegisterDeviceDocument, { input })).registerDevice;
    await this.storage.setItem(PUSH_DEVICE_KEY, device.id);
    return device;
  }

  /** Every device that receives her pushes (browsers and native apps), oldest first; tell them apart by `__typename`. */
  async devices(): Promise<RegisteredDevice[]> {
    return (await this.request(MyDevicesDocument)).myDevices;
  }

  /** Removes the device this client registered (Web Push or native), if it has one. */
  async unregister(): Promise<void> {
    const id = await this.storage.getItem(PUSH_DEVICE_KEY);
    if (!id) return;
    try {
      await this.request(RemoveDeviceDocument, { input: { id } });
    } catch (error) {
      // NOT_FOUND: removed already (from another device, or by the server as gone).
      if (!isVillageError(error, 'NOT_FOUND')) throw error;
    }
    await this.storage.removeItem(PUSH_DEVICE_KEY);
  }
}
