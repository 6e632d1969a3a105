// The database SessionStore: the sessions table, keyed by the sha256 of the cookie token (never the token).
import type { Db } from '../../db/database.js';
import type { SessionRecord, SessionStore } from './sessions.js';

/** The `data` column is JSON of what a session carries besides its user; unreadable data carries nothing. */
function identityIdOf(data: string): number | undefined {
  try {
    const id = (JSON.parse(data) as { identityId?: unknown }).identityId;
    return Number.isSafeInteger(id) ? (id as number) : undefined;
  } catch {
    return undefined;
  }
}

export function createDatabaseSessionStore(db: Db): SessionStore {
  return {
    async get(idHash) {
      const row = await db.kysely
        .selectFrom('sessions')
        .select(['userId', 'data', 'createdAt', 'lastSeenAt', 'expiresAt'])
        .where('idHash', '=', idHash)
        .executeTakeFirst();
      // A row without a user would be an anonymous session, which nothing creates yet.
      if (!row || row.userId === null) return undefined;
      const identityId = identityIdOf(row.data);
      return {
        userId: row.userId, ...(identityId === undefined ? {} : { identityId }), createdAt: row.createdAt, lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
      };
    },
    async put(idHash, { identityId, ...record }: SessionRecord) {
      const data = JSON.stringify(identityId === undefined ? {} : { identityId });
      await db.kysely.insertInto('sessions').values({ idHash, data, ...record }).execute();
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      await db.kysely.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('idHash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.kysely.deleteFrom('sessions').where('idHash', '=', idHash).execute();
    },
    async deleteAllForUser(userId) {
      await db.kysely.deleteFrom('sessions').where('userId', '=', userId).execute();
    },
    async deleteExpired(now) {
      await db.kysely.deleteFrom('sessions').where('expiresAt', '<=', now.toISOString()).execute();
    },
  };
}
