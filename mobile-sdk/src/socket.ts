/**
 * The one WebSocket a client shares among its subscriptions (graphql-ws). Its
 * `connectionParams` are computed on every (re)connect, so a new socket carries the
 * freshest access token; a socket whose pongs stop coming is cut so it can be replaced.
 * It does not retry on its own: each subscription resumes by itself, with the variables
 * of the moment (a live thread's latest cursor), see `resilient.ts`.
 */
import { type Client, createClient } from 'graphql-ws';

import type { Sessions } from './session.js';
import type { WebSocketConstructor } from './platform.js';

/** How often the client pings, and how long it waits for the pong. */
const PING_EVERY_MS = 15_000;
const PONG_WITHIN_MS = 5_000;

export class Socket {
  private client?: Client;
  /** The access token the current socket was opened with. */
  private openedWith?: string;

  constructor(
    private readonly url: string,
    private readonly webSocketImpl: WebSocketConstructor | undefined,
    private readonly sessions: Sessions,
  ) {}

  /** The graphql-ws client, made on first use. */
  graphqlWs(): Client {
    this.client ??= this.create();
    return this.client;
  }

  /** The token the socket in use was opened with (to refresh only a stale one). */
  tokenInUse(): string | undefined {
    return this.openedWith;
  }

  /** Closes the socket now; subscriptions see it closed and resume if they are wanted. */
  cut(): void {
    this.client?.terminate();
  }

  /** Closes the socket and forgets it (sign-out). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.dispose();
  }

  private create(): Client {
    let pongDeadline: ReturnType<typeof setTimeout> | undefined;
    const client: Client = createClient({
      url: this.url,
      webSocketImpl: this.webSocketImpl,
      lazy: true,
      lazyCloseTimeout: 1_000,
      retryAttempts: 0,
      keepAlive: PING_EVERY_MS,
      connectionParams: async () => {
        this.openedWith = await this.sessions.accessToken();
        return this.openedWith ? { authorization: `Bearer ${this.openedWith}` } : {};
      },
      on: {
        ping: (received) => {
          if (!received) pongDeadline = setTimeout(() => client.terminate(), PONG_WITHIN_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongDeadline);
        },
        closed: () => clearTimeout(pongDeadline),
      },
    });
    return client;
  }
}
