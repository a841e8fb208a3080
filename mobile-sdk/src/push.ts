/**
 * Push registration: the browser's or PWA's Web Push subscription handed to the server
 * (asking it for its VAPID key when the app needs one to subscribe), and forgotten again
 * on sign-out so a shared device stops receiving her notifications.
 */
import {
  RegisterPushSubscriptionDocument,
  RemovePushSubscriptionDocument,
  VapidPublicKeyDocument,
  type PushDeviceFragment,
} from './generated/graphql.js';
import type { Runner } from './documents.js';
import type { KeyValueStorage } from './platform.js';

/** `PushSubscription.toJSON()` as browsers give it. */
export interface WebPushSubscriptionJSON {
  endpoint?: string;
  keys?: Record<string, string>;
}

export const PUSH_DEVICE_KEY = 'village.pushDevice';

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

  /** Removes this device's registration, if it has one. */
  async unregister(): Promise<void> {
    const id = await this.storage.getItem(PUSH_DEVICE_KEY);
    if (!id) return;
    await this.request(RemovePushSubscriptionDocument, { input: { id } });
    await this.storage.removeItem(PUSH_DEVICE_KEY);
  }
}
