// Signed-in sessions: created (rotated) at sign-in, resolved on every request, ended at Log Out.
import type { Clock } from '../../kernel/clock.js';
import { randomToken, sha256 } from '../../kernel/ids.js';
import type { SettingsService } from '../settings/index.js';
import {
  type SessionLifetimes, type SessionStore, absoluteEndOf, expiryOf, isLive, lifetimesOf, needsTouch, newSessionRecord,
} from './sessions.js';

export interface StartedSession {
  /** The secret for the cookie; only its sha256 is stored. */
  readonly token: string;
  /** The latest the session can live (the cookie's expiry). */
  readonly absoluteEnd: Date;
}

export interface ResolvedSession {
  readonly userId: number;
  /** The identity signed in with, when the session was started through one. */
  readonly identityId?: number;
  readonly absoluteEnd: Date;
}

export interface SessionsService {
  /**
   * A new session with a new token; `previousToken`'s session, if any, ends (no session fixation).
   * `identityId`: the identity the person signed in with (shown by the comment form).
   */
  create(userId: number, previousToken?: string, options?: { readonly identityId?: number }): Promise<StartedSession>;
  /** The session's user while it is live; touches lastSeenAt at most once a minute. */
  resolve(token: string): Promise<ResolvedSession | undefined>;
  destroy(token: string): Promise<void>;
  destroyAllForUser(userId: number): Promise<void>;
}

export interface SessionsDeps {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'get'>;
  /** How often expired sessions are swept from a store that keeps them (the database); default hourly. */
  readonly sweepEveryMs?: number;
}

export function createSessionsService(deps: SessionsDeps): SessionsService {
  const { store, clock } = deps;
  const sweepEveryMs = deps.sweepEveryMs ?? 60 * 60 * 1000;
  let lastSweep = Number.NEGATIVE_INFINITY;
  const lifetimes = async (): Promise<SessionLifetimes> => lifetimesOf(await deps.settings.get());

  // No scheduler needed: sign-ins and misses (a browser with a stale cookie) come often enough to keep
  // the table small, and at most once an hour per process the sweep is one indexed DELETE.
  const sweep = async (now: Date) => {
    if (now.getTime() - lastSweep < sweepEveryMs) return;
    lastSweep = now.getTime();
    await store.deleteExpired(now);
  };

  return {
    async create(userId, previousToken, options = {}) {
      const now = clock.now();
      if (previousToken) await store.delete(sha256(previousToken));
      await sweep(now);
      const limits = await lifetimes();
      const token = randomToken();
      const record = newSessionRecord(userId, now, limits, options.identityId);
      await store.put(sha256(token), record);
      return { token, absoluteEnd: absoluteEndOf(record.createdAt, limits) };
    },
    async resolve(token) {
      const now = clock.now();
      const idHash = sha256(token);
      const record = await store.get(idHash);
      if (!record) {
        await sweep(now);
        return undefined;
      }
      const limits = await lifetimes();
      if (!isLive(record, now, limits)) {
        await store.delete(idHash);
        return undefined;
      }
      if (needsTouch(record, now)) {
        const lastSeenAt = now.toISOString();
        await store.touch(idHash, lastSeenAt, expiryOf({ createdAt: record.createdAt, lastSeenAt }, limits).toISOString());
      }
      const identity = record.identityId === undefined ? {} : { identityId: record.identityId };
      return { userId: record.userId, ...identity, absoluteEnd: absoluteEndOf(record.createdAt, limits) };
    },
    destroy: (token) => store.delete(sha256(token)),
    destroyAllForUser: (userId) => store.deleteAllForUser(userId),
  };
}
