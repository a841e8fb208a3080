/**
 * What the SDK needs from the platform it runs on, injected so that one core runs in
 * React Native, browsers and Node: storage, fetch, WebSocket, and (optional) signals
 * for the app going to the background and the network coming back.
 */

/** Key-value storage: `localStorage`, React Native's `AsyncStorage`, or a memory map. */
export interface KeyValueStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/** `fetch` as the platform has it. */
export type FetchLike = (input: string, init: {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** A WebSocket constructor (the browser's, React Native's, or `ws` in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** Calls back with `true` when the app comes to the foreground, `false` when it leaves it. */
export interface AppStateSource {
  subscribe(listener: (active: boolean) => void): () => void;
}

/** Calls back with `true` when the network comes back, `false` when it goes. */
export interface NetworkSource {
  subscribe(listener: (online: boolean) => void): () => void;
}
