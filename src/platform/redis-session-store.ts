// The Redis SessionStore: every process of a site sees the same sessions, and Redis forgets each one when it expires.
import type { Redis } from 'ioredis';
import type { Clock } from '../kernel/clock.js';
import type { SessionRecord, SessionStore } from '../kernel/sessions.js';

/** The longest a user's index of sessions needs to live: past the longest absolute lifetime the settings allow. */
const USER_INDEX_TTL_MS = 400 * 24 * 60 * 60 * 1000;

export function parseSessionRecord(text: string | null): SessionRecord | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<SessionRecord>;
    const isTime = (t: unknown) => typeof t === 'string' && !Number.isNaN(Date.parse(t));
    if (!Number.isSafeInteger(value.userId) || !isTime(value.createdAt) || !isTime(value.lastSeenAt) || !isTime(value.expiresAt)) {
      return undefined;
    }
    if (value.identityId !== undefined && !Number.isSafeInteger(value.identityId)) return undefined;
    return value as SessionRecord;
  } catch {
    return undefined;
  }
}

export function createRedisSessionStore(redis: Redis, keyPrefix: string, clock: Clock): SessionStore {
  const keyOf = (idHash: string) => `${keyPrefix}session:${idHash}`;
  // Each user's session ids, so that all of them can be ended at once (a password change, a removed account).
  const userKey = (userId: number) => `${keyPrefix}session-user:${userId}`;
  /** Milliseconds until expiresAt on the app's clock (the one the expiry rules use), or 0 when it has passed. */
  const ttlOf = (expiresAt: string) => Math.max(0, Math.ceil(Date.parse(expiresAt) - clock.now().getTime()));

  return {
    async get(idHash) {
      return parseSessionRecord(await redis.get(keyOf(idHash)));
    },
    async put(idHash, record) {
      const ttl = ttlOf(record.expiresAt);
      if (ttl === 0) return;
      await redis
        .multi()
        .set(keyOf(idHash), JSON.stringify(record), 'PX', ttl)
        .sadd(userKey(record.userId), idHash)
        .pexpire(userKey(record.userId), USER_INDEX_TTL_MS)
        .exec();
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      const current = await this.get(idHash);
      const ttl = ttlOf(expiresAt);
      if (!current || ttl === 0) return;
      // XX: only while the key exists, so a session deleted meanwhile stays deleted.
      await redis.set(keyOf(idHash), JSON.stringify({ ...current, lastSeenAt, expiresAt }), 'PX', ttl, 'XX');
    },
    async delete(idHash) {
      const current = await this.get(idHash);
      const transaction = redis.multi().del(keyOf(idHash));
      if (current) transaction.srem(userKey(current.userId), idHash);
      await transaction.exec();
    },
    async deleteAllForUser(userId) {
      const ids = await redis.smembers(userKey(userId));
      await redis
        .multi()
        .del(...ids.map(keyOf), userKey(userId))
        .exec();
    },
    // Redis expires every session key by itself (PX); the user index only ever holds ids, and expires too.
    async deleteExpired() {},
  };
}
