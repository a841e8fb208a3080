/**
 * Direct messages against a real server: a live conversation that delivers every
 * message once and in order across a server restart (with messages sent while it was
 * away, one of them from the sender's outbox), one that starts again from the cursor it
 * kept, and message requests: answered, left and declined, each ending the live view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  AcceptMessageRequestDocument,
  AcceptsMessageRequestsDocument,
  ConversationDocument,
  ConversationLatestMessagesDocument,
  ConversationsDocument,
  DeclineMessageRequestDocument,
  LeaveConversationDocument,
  MarkConversationReadDocument,
  MessageRequestsDocument,
  MuteConversationDocument,
  SendMessageDocument,
  SetMessageRequestsDocument,
  StartConversationDocument,
  type VillageClient,
} from '../../src/index.js';
import { connected, eventually, idOf, member } from '../support/clients.js';
import { cuttableNetwork } from '../support/network.js';
import { VillageServer } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start(['--trusted-documents-only']);
});

afterAll(async () => {
  await server.dispose();
});

const send = (client: VillageClient, conversationId: string, body: string) =>
  client.request(SendMessageDocument, { input: { conversationId, body } });

/** Where an app opening the conversation at its end would start its live view. */
async function endCursor(client: VillageClient, conversationId: string): Promise<string | null> {
  const page = await client.request(ConversationLatestMessagesDocument, { id: conversationId });
  return page.conversation.messages.pageInfo.endCursor ?? null;
}

describe('liveConversation', () => {
  it('delivers every message once, in order, across a restart and messages sent while it was away', async () => {
    const network = cuttableNetwork();
    const { ana, bea, beaId } = await connected(server, { WebSocket: network.WebSocket, network: network.source });
    const started = await ana.request(StartConversationDocument, { input: { memberIds: [beaId], body: 'Coffee this week?' } });
    const conversationId = started.startConversation.conversationId;

    // A connection's conversation lands in her inbox, unread (a page of 100 is not too complex).
    const inbox = await bea.request(ConversationsDocument, { first: 100 });
    const listed = inbox.conversations.edges.map((edge) => edge.node);
    expect(listed.map((conversation) => [conversation.id, conversation.standing, conversation.unreadCount])).toEqual([
      [conversationId, 'INBOX', 1],
    ]);
    expect(listed[0]?.latest.edges.map((edge) => edge.node.body)).toEqual(['Coffee this week?']);

    const bodies: string[] = [];
    const cursors: (string | null)[] = [];
    const live = await bea.liveConversation(conversationId, {
      after: await endCursor(bea, conversationId),
      onMessage: (message, cursor) => {
        bodies.push(message.body);
        cursors.push(cursor);
      },
    });

    await send(ana, conversationId, 'one');
    await eventually(() => bodies.length === 1, 20_000, 'the first message');
    // Her own message comes through too (sent from her outbox, keyed).
    await bea.outbox.send('sendMessage', { conversationId, body: 'two' });
    await eventually(() => bodies.length === 2, 20_000, 'the second message');

    // The server restarts (its sockets close with 1001) while Bea's phone is off the
    // network; Ana writes meanwhile, the first time into her outbox while it is down.
    network.set(false);
    await server.stop();
    await ana.outbox.enqueue('sendMessage', { conversationId, body: 'three' });
    await server.resume();
    await ana.outbox.flush();
    expect(await ana.outbox.pending()).toEqual([]);
    await send(ana, conversationId, 'four');
    network.set(true);
    await send(ana, conversationId, 'five');
    await eventually(() => bodies.length >= 5, 30_000, 'the messages since the restart');
    await send(ana, conversationId, 'six');
    await eventually(() => bodies.includes('six'), 20_000, 'the last message');

    expect(bodies).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    expect(live.cursor()).toBe(cursors.at(-1));
    expect(new Set(cursors).size).toBe(6);

    const read = await bea.request(MarkConversationReadDocument, { input: { conversationId } });
    expect(read.markConversationRead.unreadCount).toBe(0);
    const page = await bea.request(ConversationDocument, { id: conversationId, first: 50 });
    expect(page.conversation.messages.edges.map((edge) => edge.node.body)).toEqual([
      'Coffee this week?',
      ...bodies,
    ]);
    live.stop();
    await Promise.all([ana.close(), bea.close()]);
  });

  it('starts after the cursor it kept, when the app starts again', async () => {
    const { ana, bea, beaId } = await connected(server);
    const started = await ana.request(StartConversationDocument, { input: { memberIds: [beaId], body: 'Hi!' } });
    const conversationId = started.startConversation.conversationId;
    const first: string[] = [];
    // No cursor given or kept: it starts after the latest message.
    const before = await bea.liveConversation(conversationId, { onMessage: (message) => first.push(message.body) });
    await send(ana, conversationId, 'before the app closed');
    await eventually(() => first.length === 1, 20_000, 'the first message');
    before.stop();
    await bea.close();

    await send(ana, conversationId, 'while the app was closed');
    const again: string[] = [];
    // The same storage, as after an app restart.
    const reopened = await bea.liveConversation(conversationId, { onMessage: (message) => again.push(message.body) });
    await send(ana, conversationId, 'after it opened');
    await eventually(() => again.includes('after it opened'), 20_000, 'the new message');

    expect(first).toEqual(['before the app closed']);
    expect(again).toEqual(['while the app was closed', 'after it opened']);
    reopened.stop();
    await Promise.all([ana.close(), bea.close()]);
  });

  it('waits in her message requests until accepted; leaving or declining ends the live view with FORBIDDEN', async () => {
    const [cy, dee, eve] = await Promise.all([member(server, 'Cy'), member(server, 'Dee'), member(server, 'Eve')]);
    const [deeId, eveId] = await Promise.all([idOf(dee), idOf(eve)]);
    const request = await cy.request(StartConversationDocument, { input: { memberIds: [deeId], body: 'Hello from Cy' } });
    const conversationId = request.startConversation.conversationId;

    const requests = await dee.request(MessageRequestsDocument, { first: 10 });
    expect(requests.messageRequests.edges.map((edge) => [edge.node.id, edge.node.standing])).toEqual([
      [conversationId, 'REQUESTED'],
    ]);
    expect((await dee.request(ConversationsDocument, {})).conversations.edges).toEqual([]);
    await expect(send(dee, conversationId, 'too soon')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const bodies: string[] = [];
    const failures: string[] = [];
    const live = await dee.liveConversation(conversationId, {
      onMessage: (message) => bodies.push(message.body),
      onError: (error) => failures.push(error.code),
    });
    const accepted = await dee.request(AcceptMessageRequestDocument, { input: { conversationId } });
    expect(accepted.acceptMessageRequest.standing).toBe('INBOX');
    await send(dee, conversationId, 'Hi Cy');
    await send(cy, conversationId, 'Glad you answered');
    await eventually(() => bodies.length === 2, 20_000, 'both messages');
    const muted = await dee.request(MuteConversationDocument, { input: { conversationId } });
    expect(muted.muteConversation.mutedUntil).toBeTruthy();

    const left = await dee.request(LeaveConversationDocument, { input: { conversationId } });
    expect(left.leaveConversation.conversationId).toBe(conversationId);
    await eventually(() => failures.length === 1, 20_000, 'the end of the live view');
    expect(failures).toEqual(['FORBIDDEN']);
    expect(bodies).toEqual(['Hi Cy', 'Glad you answered']);
    expect((await dee.request(ConversationsDocument, {})).conversations.edges).toEqual([]);
    live.stop();

    // Eve declines hers while watching it; then she takes no more requests at all.
    const toEve = await cy.request(StartConversationDocument, { input: { memberIds: [eveId], body: 'And you, Eve?' } });
    const toEveId = toEve.startConversation.conversationId;
    const eveFailures: string[] = [];
    const evesBodies: string[] = [];
    const evesView = await eve.liveConversation(toEveId, {
      onMessage: (message) => evesBodies.push(message.body),
      onError: (error) => eveFailures.push(error.code),
    });
    // Once a message has come through, her live view is surely under way.
    await send(cy, toEveId, 'Are you there?');
    await eventually(() => evesBodies.length === 1, 20_000, 'the message to Eve');
    await eve.request(DeclineMessageRequestDocument, { input: { conversationId: toEveId } });
    await eventually(() => eveFailures.length === 1, 20_000, 'the end of her live view');
    expect(eveFailures).toEqual(['FORBIDDEN']);
    expect((await eve.request(MessageRequestsDocument, {})).messageRequests.edges).toEqual([]);
    evesView.stop();

    expect((await eve.request(AcceptsMessageRequestsDocument)).acceptsMessageRequests).toBe(true);
    await eve.request(SetMessageRequestsDocument, { input: { fromNonConnections: false } });
    expect((await eve.request(AcceptsMessageRequestsDocument)).acceptsMessageRequests).toBe(false);
    const fromDee = dee.request(StartConversationDocument, { input: { memberIds: [eveId], body: 'Hi Eve' } });
    await expect(fromDee).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await Promise.all([cy.close(), dee.close(), eve.close()]);
  });
});
