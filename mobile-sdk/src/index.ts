/**
 * `@village/sdk`: the client half of Village's GraphQL contract. Start with
 * `createVillageClient`; every operation document and type is exported from here too.
 */
export { createVillageClient, type VillageClient, type VillageClientOptions, type SignedIn } from './client.js';
export { VillageError, isVillageError, type VillageErrorCode, type GraphQLErrorPayload } from './errors.js';
export { memoryStorage, webStorage, indexedDbStorage } from './storage.js';
export type { KeyValueStorage, FetchLike, WebSocketConstructor, AppStateSource, NetworkSource } from './platform.js';
export type { LiveThread, LiveThreadOptions, ThreadUpdate } from './live-thread.js';
export type { LiveConversation, LiveConversationOptions } from './live-conversation.js';
export type { SubscriptionControl, SubscriptionHandlers } from './resilient.js';
export type { QueuedWrite, OutboxListener, OutboxOperation } from './outbox.js';
export type { WebPushSubscriptionJSON, NativePushRegistration, RegisteredDevice } from './push.js';
export type { SessionEndReason } from './session.js';
export type { Operation, ResultOf, VariablesOf } from './documents.js';
export * from './generated/graphql.js';
