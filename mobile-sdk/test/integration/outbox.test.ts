/**
 * Offline-safe writes against a real server: a reply whose answer was lost after the
 * server committed it is sent again with the same key and made once; writes queued with
 * the network off are kept in storage and sent in order when it comes back, even by an
 * app started again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type QueuedWrite, ThreadDocument, VillageError } from '../../src/index.js';
import { OUTBOX_KEY } from '../../src/outbox.js';
import { clientOf, community, eventually } from '../support/clients.js';
import { cuttableNetwork, observedFetch } from '../support/network.js';
import { VillageServer } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start(['--trusted-documents-only']);
});

afterAll(async () => {
  await server.dispose();
});

async function replyBodies(client: ReturnType<typeof clientOf>, threadId: string): Promise<string[]> {
  const page = await client.request(ThreadDocument, { id: threadId, first: 50 });
  return page.thread.replies.edges.map((edge) => edge.node.body ?? '?');
}

describe('outbox', () => {
  it('makes one reply when the answer to the first attempt was lost', async () => {
    const observed = observedFetch();
    const { ana, threadId } = await community(server, { fetch: observed.fetch });
    const attemptsBefore = observed.count('PostReply');
    observed.loseAnswerOfNext('PostReply');

    const reply = await ana.outbox.send('postReply', { threadId, body: 'Same here, the 3rd floor room' });

    expect(observed.count('PostReply') - attemptsBefore).toBe(2);
    expect(reply.postReply.body).toBe('Same here, the 3rd floor room');
    expect(await replyBodies(ana, threadId)).toEqual(['Welcome!', 'Same here, the 3rd floor room']);
    expect(await ana.outbox.pending()).toEqual([]);
  });

  it('keeps writes made offline and sends them in order when the network returns', async () => {
    const network = cuttableNetwork();
    const { ana, bea, threadId } = await community(server, { fetch: network.fetch, network: network.source });
    network.set(false);

    await bea.outbox.enqueue('postReply', { threadId, body: 'first, from the tunnel' });
    await bea.outbox.enqueue('react', { threadId, reaction: 'HEART' });
    await bea.outbox.enqueue('postReply', { threadId, body: 'second, from the tunnel' });
    const stored = JSON.parse((await bea.storage.getItem(OUTBOX_KEY)) ?? '[]') as QueuedWrite[];
    expect(stored.map((write) => write.operation)).toEqual(['postReply', 'react', 'postReply']);

    // The app is closed and opened again before the network returns.
    await bea.close();
    const reopened = clientOf(server, { storage: bea.storage, fetch: network.fetch, network: network.source });
    expect((await reopened.outbox.pending()).length).toBe(3);
    network.set(true);
    await eventually(async () => (await reopened.outbox.pending()).length === 0, 20_000, 'the outbox to empty');

    expect(await replyBodies(ana, threadId)).toEqual(['Welcome!', 'first, from the tunnel', 'second, from the tunnel']);
    const thread = await ana.request(ThreadDocument, { id: threadId });
    expect(thread.thread.reactions).toEqual([expect.objectContaining({ reaction: 'HEART', count: 1 })]);
    await Promise.all([ana.close(), reopened.close()]);
  });

  it('drops a write the server refuses for good and says why', async () => {
    const { ana, threadId } = await community(server);
    const failures: VillageError[] = [];
    ana.outbox.listen({ failed: (_write, error) => failures.push(error) });

    const refused = await ana.outbox.send('postReply', { threadId, body: ' ' }).catch((e: unknown) => e);

    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(failures.map((error) => error.code)).toEqual(['BAD_USER_INPUT']);
    expect(await ana.outbox.pending()).toEqual([]);
    expect(await replyBodies(ana, threadId)).toEqual(['Welcome!']);
    await ana.close();
  });
});
