/** The outbox with a fake runner: keys given at queueing, order kept, network failures waited out. */
import { describe, expect, it } from 'vitest';

import { VillageError, memoryStorage } from '../../src/index.js';
import type { Runner } from '../../src/documents.js';
import { OUTBOX_KEY, Outbox, type QueuedWrite } from '../../src/outbox.js';

describe('Outbox', () => {
  it('sends in order with the key it gave each write, and stops at a network failure', async () => {
    const sent: Record<string, unknown>[] = [];
    let online = false;
    const runner = async (_document: unknown, variables: unknown) => {
      if (!online) throw VillageError.network(new TypeError('offline'));
      sent.push((variables as { input: Record<string, unknown> }).input);
      return {};
    };
    const outbox = new Outbox(memoryStorage(), runner as Runner);

    const first = await outbox.enqueue('postReply', { threadId: 't', body: 'one' });
    const second = await outbox.enqueue('postReply', { threadId: 't', body: 'two' });
    await outbox.flush();
    expect(sent).toEqual([]);
    expect((await outbox.pending()).map((write) => write.id)).toEqual([first.id, second.id]);

    online = true;
    await outbox.flush();
    expect(sent).toEqual([
      { threadId: 't', body: 'one', clientMutationId: first.id },
      { threadId: 't', body: 'two', clientMutationId: second.id },
    ]);
    expect(first.id).not.toBe(second.id);
    await outbox.clear();
  });

  it('queues a direct message like a reply: by name, with the key it gave it', async () => {
    const sent: string[] = [];
    const runner = async (document: unknown, variables: unknown) => {
      const { input } = variables as { input: Record<string, unknown> };
      sent.push(`${/mutation (\w+)/.exec(String(document))?.[1]} ${String(input['body'])} ${String(input['clientMutationId'])}`);
      return { sendMessage: { id: 'm' } };
    };
    const outbox = new Outbox(memoryStorage(), runner as Runner);
    const write = await outbox.enqueue('sendMessage', { conversationId: 'c', body: 'see you at 5' });
    await outbox.flush();
    expect(sent).toEqual([`SendMessage see you at 5 ${write.id}`]);
    expect(await outbox.send('sendMessage', { conversationId: 'c', body: 'again' })).toEqual({ sendMessage: { id: 'm' } });
    outbox.stop();
  });

  it('ignores what it cannot read in storage', async () => {
    const unknown: QueuedWrite = { id: 'k', operation: 'deleteEverything' as never, input: {}, queuedAt: 0 };
    for (const stored of ['{not json', JSON.stringify({ not: 'a list' }), JSON.stringify([unknown])]) {
      const outbox = new Outbox(memoryStorage({ [OUTBOX_KEY]: stored }), (async () => ({})) as Runner);
      expect(await outbox.pending()).toEqual([]);
    }
  });
});

describe('Outbox when the session ends', () => {
  it('sends nothing more once cleared, even from a flush under way, and reports what it dropped', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const runner = async (_document: unknown, variables: unknown) => {
      sent.push(String((variables as { input: { body: string } }).input.body));
      await new Promise<void>((resolve) => (release = resolve));
      return {};
    };
    const outbox = new Outbox(memoryStorage(), runner as Runner);
    const dropped: string[] = [];
    outbox.listen({ failed: (write, error) => dropped.push(`${String(write.input['body'])}: ${error.code}`) });

    const first = outbox.send('postReply', { threadId: 't', body: 'one' });
    await outbox.enqueue('postReply', { threadId: 't', body: 'two' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await outbox.clear();
    release();
    await first.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(sent).toEqual(['one']);
    expect(dropped).toEqual(['one: UNAUTHENTICATED', 'two: UNAUTHENTICATED']);
    expect(await outbox.pending()).toEqual([]);
  });
});

describe('Outbox after clear', () => {
  it('starts the next member with a clean slate: no leftover failure count', async () => {
    let fail = true;
    const runner = async () => {
      if (fail) throw new VillageError('INTERNAL', 'internal error');
      return {};
    };
    const outbox = new Outbox(memoryStorage(), runner as Runner);
    const failed: string[] = [];
    outbox.listen({ failed: (write) => failed.push(String(write.input['body'])) });
    await outbox.enqueue('postReply', { threadId: 't', body: 'hers' });
    for (let attempt = 0; attempt < 3; attempt += 1) await outbox.flush();
    await outbox.clear();
    expect(failed).toEqual(['hers']);

    await outbox.enqueue('postReply', { threadId: 't', body: 'the next member’s' });
    await outbox.flush();
    expect(await outbox.pending()).toHaveLength(1);
    fail = false;
    await outbox.flush();
    expect(await outbox.pending()).toEqual([]);
    outbox.stop();
  });
});
