/**
 * A live thread against a real server: every reply once and in order across a server
 * restart, replies posted while the phone was off the network, and pause/resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PostReplyDocument, ReactDocument, ThreadDocument, type ThreadUpdate } from '../../src/index.js';
import { community, eventually } from '../support/clients.js';
import { cuttableNetwork } from '../support/network.js';
import { VillageServer } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start(['--trusted-documents-only']);
});

afterAll(async () => {
  await server.dispose();
});

function bodiesOf(updates: ThreadUpdate[]): string[] {
  return updates.filter((update) => update.kind === 'REPLY_POSTED').map((update) => update.reply?.body ?? '?');
}

describe('liveThread', () => {
  it('delivers every reply once, in order, across a restart and replies posted while it was away', async () => {
    const network = cuttableNetwork();
    const { ana, bea, threadId, cursor } = await community(server, { WebSocket: network.WebSocket, network: network.source });
    const updates: ThreadUpdate[] = [];
    const live = await bea.liveThread(threadId, { after: cursor, onUpdate: (update) => updates.push(update) });
    const post = (body: string) => ana.request(PostReplyDocument, { input: { threadId, body } });

    await post('one');
    await eventually(() => bodiesOf(updates).length === 1, 20_000, 'the first reply');
    await post('two');
    await eventually(() => bodiesOf(updates).length === 2, 20_000, 'the second reply');

    // The server restarts (its sockets close with 1001) while Bea's phone is off the network.
    network.set(false);
    await server.stop();
    await server.resume();
    await post('three');
    await post('four');
    network.set(true);
    await post('five');
    await eventually(() => bodiesOf(updates).length >= 5, 30_000, 'the replies since the restart');
    await post('six');
    await eventually(() => bodiesOf(updates).includes('six'), 20_000, 'the last reply');

    expect(bodiesOf(updates)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    expect(live.cursor()).toBe(updates.at(-1)?.cursor);
    live.stop();
    await Promise.all([ana.close(), bea.close()]);
  });

  it('starts after the cursor it kept, when the app starts again', async () => {
    const { ana, bea, threadId, cursor } = await community(server);
    const post = (body: string) => ana.request(PostReplyDocument, { input: { threadId, body } });
    const first: ThreadUpdate[] = [];
    const before = await bea.liveThread(threadId, { after: cursor, onUpdate: (update) => first.push(update) });
    await post('before the app closed');
    await eventually(() => first.length === 1, 20_000, 'the first reply');
    before.stop();
    await bea.close();

    await post('while the app was closed');
    const again: ThreadUpdate[] = [];
    // The same storage, as after an app restart.
    const reopened = await bea.liveThread(threadId, { onUpdate: (update) => again.push(update) });
    await post('after it opened');
    await eventually(() => bodiesOf(again).includes('after it opened'), 20_000, 'the new reply');

    expect(bodiesOf(again)).toEqual(['while the app was closed', 'after it opened']);
    reopened.stop();
    await Promise.all([ana.close(), bea.close()]);
  });

  it('lets go while paused, catches up on resume, and moves its cursor only for new replies', async () => {
    const { ana, bea, threadId, cursor } = await community(server);
    const post = (body: string) => ana.request(PostReplyDocument, { input: { threadId, body } });
    const updates: ThreadUpdate[] = [];
    let resyncs = 0;
    const live = await bea.liveThread(threadId, {
      after: cursor,
      onUpdate: (update) => updates.push(update),
      onResync: () => (resyncs += 1),
    });
    const anasView: ThreadUpdate[] = [];
    const anasLive = await ana.liveThread(threadId, { after: cursor, onUpdate: (update) => anasView.push(update) });
    await post('in the foreground');
    await eventually(() => updates.length === 1, 20_000, 'the first reply');
    const afterFirst = live.cursor();

    // A reaction to the older reply carries that reply's cursor: it must not move hers back.
    const welcome = (await ana.request(ThreadDocument, { id: threadId })).thread.replies.edges[0]?.node.id ?? '';
    await ana.request(ReactDocument, { input: { replyId: welcome, reaction: 'HEART' } });
    await eventually(() => updates.some((update) => update.kind === 'REACTIONS_CHANGED'), 20_000, 'the reaction');
    expect(live.cursor()).toBe(afterFirst);

    live.pause();
    await post('while in the background');
    await eventually(() => bodiesOf(anasView).includes('while in the background'), 20_000, "Ana's copy");
    expect(bodiesOf(updates)).toEqual(['in the foreground']);
    live.resume();
    await post('back in the foreground');
    await eventually(() => bodiesOf(updates).includes('back in the foreground'), 20_000, 'the replies');

    expect(bodiesOf(updates)).toEqual(['in the foreground', 'while in the background', 'back in the foreground']);
    expect(resyncs).toBe(1);
    live.stop();
    anasLive.stop();
    await Promise.all([ana.close(), bea.close()]);
  });

  it('refuses a thread that is not there: at once, or through onError once subscribed', async () => {
    const { bea } = await community(server);
    const missing = '00000000-0000-7000-8000-000000000000';
    await expect(bea.liveThread(missing, { onUpdate: () => undefined })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const failures: string[] = [];
    await bea.liveThread(missing, { after: null, onUpdate: () => undefined, onError: (error) => failures.push(error.code) });
    await eventually(() => failures.length === 1, 20_000, 'the refusal');
    expect(failures).toEqual(['NOT_FOUND']);
    await bea.close();
  });
});
