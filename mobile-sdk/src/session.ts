/**
 * The member's session: tokens kept in the injected storage, an access token refreshed
 * shortly before it runs out, and one refresh at a time however many requests need it
 * (single-flight). A refresh the server refuses ends the session. Before refreshing it
 * reads storage again: another tab (or the app's service worker) sharing it may have
 * refreshed already, and presenting the traded-in token would end the session for both.
 */
import { RefreshSessionDocument, type SessionFragment } from './generated/graphql.js';
import { VillageError, isVillageError } from './errors.js';
import type { HttpTransport } from './http.js';
import type { KeyValueStorage } from './platform.js';

/** What is stored of a session. */
export interface StoredSession {
  accessToken: string;
  /** Milliseconds since the epoch, as the server said. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  memberId: string;
}

/** The storage key of the session. */
export const SESSION_KEY = 'village.session';
/** Refresh ahead when an access token has less than this left. */
const REFRESH_AHEAD_MS = 5_000;

function parseStored(text: string | null): StoredSession | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    const complete =
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.memberId === 'string' &&
      typeof value.accessTokenExpiresAt === 'number';
    return complete ? (value as StoredSession) : null;
  } catch {
    return null;
  }
}

/** Why a session ended. */
export type SessionEndReason = 'signedOut' | 'refreshRefused';

export class Sessions {
  private loaded?: Promise<StoredSession | null>;
  private refreshing?: Promise<string | undefined>;
  /** Bumped when the session is saved or ended: a refresh begun before then is not kept. */
  private epoch = 0;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly http: HttpTransport,
    private readonly onEnded: (reason: SessionEndReason) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session, read from storage once. */
  current(): Promise<StoredSession | null> {
    this.loaded ??= Promise.resolve(this.storage.getItem(SESSION_KEY)).then(parseStored);
    return this.loaded;
  }

  /** Keeps a session the server just handed out. */
  async save(payload: SessionFragment): Promise<StoredSession> {
    const session: StoredSession = {
      accessToken: payload.accessToken,
      accessTokenExpiresAt: Date.parse(payload.accessTokenExpiresAt),
      refreshToken: payload.refreshToken,
      memberId: payload.member.id,
    };
    this.epoch += 1;
    this.loaded = Promise.resolve(session);
    await this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  /** Forgets the session and says why. */
  async end(reason: SessionEndReason): Promise<void> {
    const had = (await this.current()) !== null;
    this.epoch += 1;
    this.loaded = Promise.resolve(null);
    await this.storage.removeItem(SESSION_KEY);
    if (had) this.onEnded(reason);
  }

  /** An access token to send: refreshed first when it is about to run out. */
  async accessToken(): Promise<string | undefined> {
    const session = await this.current();
    if (!session) return undefined;
    if (session.accessTokenExpiresAt - this.now() > REFRESH_AHEAD_MS) return session.accessToken;
    return this.refresh(session.accessToken);
  }

  /**
   * A new access token in place of `stale` (the one a refused request carried). When
   * the session has moved on since, its current token is the answer; otherwise one
   * refresh runs, shared by every caller. `undefined` when the session is over.
   */
  async refresh(stale: string | undefined): Promise<string | undefined> {
    this.refreshing ??= this.refreshOnce(stale).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(stale: string | undefined): Promise<string | undefined> {
    const known = await this.current();
    const stored = parseStored(await this.storage.getItem(SESSION_KEY));
    if (!known) return undefined;
    if (!stored) {
      // Another context sharing the storage signed out.
      await this.end('signedOut');
      return undefined;
    }
    if (stored.memberId !== known.memberId) {
      // Another context signed in as someone else: this one's session is over.
      await this.end('signedOut');
      return undefined;
    }
    if (stored.refreshToken !== known.refreshToken) {
      // Another context sharing the storage refreshed: take its session.
      this.loaded = Promise.resolve(stored);
      this.epoch += 1;
    }
    if (stale !== undefined && stored.accessToken !== stale) return stored.accessToken;
    return this.trade(stored.refreshToken);
  }

  private async trade(refreshToken: string): Promise<string | undefined> {
    const epoch = this.epoch;
    try {
      const data = await this.http.execute(RefreshSessionDocument, { input: { refreshToken } });
      // Signed out (or in again) meanwhile: this refresh is not hers to keep.
      if (epoch !== this.epoch) return (await this.current())?.accessToken;
      return (await this.save(data.refreshSession)).accessToken;
    } catch (error) {
      if (epoch !== this.epoch) return (await this.current())?.accessToken;
      if (isVillageError(error, 'UNAUTHENTICATED')) {
        await this.end('refreshRefused');
        return undefined;
      }
      throw error instanceof VillageError ? error : VillageError.network(error);
    }
  }
}
