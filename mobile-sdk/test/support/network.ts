/**
 * A network the tests can cut: a WebSocket class and a fetch that fail while it is
 * off (as a phone in a tunnel does), and a `NetworkSource` telling the client when it
 * comes back.
 */
import WebSocket from 'ws';

import type { FetchLike, NetworkSource } from '../../src/index.js';

/** Port 1 on loopback: nothing listens, so a connection is refused at once. */
const NOWHERE = 'ws://127.0.0.1:1/graphql';

export function cuttableNetwork() {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const source: NetworkSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  class CuttableWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(online ? url : NOWHERE, protocols);
    }
  }
  const fetchThrough: FetchLike = (input, init) =>
    online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: network is off'));
  return {
    source,
    WebSocket: CuttableWebSocket,
    fetch: fetchThrough,
    set(value: boolean) {
      online = value;
      listeners.forEach((listener) => listener(value));
    },
  };
}

/** Fetch that counts requests by operation name, and can lose the answer of the next one named. */
export function observedFetch() {
  const counts = new Map<string, number>();
  let loseNext: string | undefined;
  const observed: FetchLike = async (input, init) => {
    const name = (JSON.parse(init.body) as { operationName?: string }).operationName ?? '?';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const response = await fetch(input, init);
    if (loseNext === name) {
      loseNext = undefined;
      await response.json();
      throw new TypeError('fetch failed: connection reset after the server answered');
    }
    return response;
  };
  return {
    fetch: observed,
    count: (name: string) => counts.get(name) ?? 0,
    loseAnswerOfNext(name: string) {
      loseNext = name;
    },
  };
}
