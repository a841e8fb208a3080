/**
 * SDK clients for the integration tests, on Node's fetch and the `ws` WebSocket, and a
 * small community to act in: Ana's group and thread, with Bea a member; or Ana and Bea
 * connected, for direct messages.
 */
import WebSocket from 'ws';

import {
  AcceptConnectionDocument,
  CreateGroupDocument,
  CreateThreadDocument,
  JoinGroupDocument,
  PostReplyDocument,
  RequestConnectionDocument,
  ThreadDocument,
  type KeyValueStorage,
  type VillageClient,
  type VillageClientOptions,
  createVillageClient,
  memoryStorage,
} from '../../src/index.js';
import type { VillageServer } from './server.js';

export const PASSWORD = 'correct horse battery';

let emails = 0;

/** A client of `server` with memory storage (or the one given). */
export function clientOf(server: VillageServer, extra: Partial<VillageClientOptions> = {}): VillageClient {
  return createVillageClient({ url: server.url, storage: memoryStorage(), WebSocket, ...extra });
}

/** A new member, signed in on a client of her own. */
export async function member(
  server: VillageServer,
  name: string,
  extra: Partial<VillageClientOptions> = {},
): Promise<VillageClient & { storage: KeyValueStorage }> {
  const storage = extra.storage ?? memoryStorage();
  const client = clientOf(server, { ...extra, storage });
  emails += 1;
  await client.signUp({ email: `${name}${emails}@example.com`, password: PASSWORD, displayName: name });
  return Object.assign(client, { storage });
}

/**
 * Ana's public group with a thread that has one reply, and Bea in the group. `cursor`
 * is that reply's: a live thread opened after it, as an app opens one after loading the
 * thread's page, misses nothing posted since.
 */
export async function community(server: VillageServer, extra: Partial<VillageClientOptions> = {}) {
  const ana = await member(server, 'Ana', extra);
  const bea = await member(server, 'Bea', extra);
  const group = await ana.request(CreateGroupDocument, {
    input: { name: `Moms at Work ${emails}`, visibility: 'PUBLIC', joinPolicy: 'OPEN' },
  });
  const groupId = group.createGroup.id;
  await bea.request(JoinGroupDocument, { input: { groupId } });
  const thread = await ana.request(CreateThreadDocument, {
    input: { groupId, title: 'Pumping at work', body: 'Where do you all pump?' },
  });
  const threadId = thread.createThread.id;
  await ana.request(PostReplyDocument, { input: { threadId, body: 'Welcome!' } });
  const page = await bea.request(ThreadDocument, { id: threadId });
  const cursor = page.thread.replies.pageInfo.endCursor ?? null;
  return { ana, bea, groupId, threadId, cursor };
}

/** The signed-in member's id. */
export async function idOf(client: VillageClient): Promise<string> {
  const id = await client.memberId();
  if (!id) throw new Error('not signed in');
  return id;
}

/** Ana and Bea, connected (Ana asked, Bea accepted): a conversation between them lands in both inboxes. */
export async function connected(server: VillageServer, extra: Partial<VillageClientOptions> = {}) {
  const ana = await member(server, 'Ana', extra);
  const bea = await member(server, 'Bea', extra);
  const [anaId, beaId] = await Promise.all([idOf(ana), idOf(bea)]);
  await ana.request(RequestConnectionDocument, { input: { memberId: beaId } });
  await bea.request(AcceptConnectionDocument, { input: { memberId: anaId } });
  return { ana, bea, anaId, beaId };
}

/** Waits until `condition` holds (polling), or fails after `ms`. */
export async function eventually(condition: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
