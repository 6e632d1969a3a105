// isUniqueViolation against the real drivers (better-sqlite3 or pg, whichever this run uses): a duplicate key is
// recognised, whether thrown bare or wrapped as a cause; other constraint failures are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/db/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';

const row = (login: string, email: string) => ({
  login, email, displayName: 'Dup', role: 'subscriber' as const, passwordHash: null, bio: '', createdAt: '2026-12-01T00:00:00.000Z', emailVerifiedAt: null,
});

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe('isUniqueViolation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await app.db.kysely.insertInto('users').values(row('dup', 'dup@example.test')).execute();
  });
  afterAll(() => app.close());

  it('recognises a duplicate key of a unique index, bare or as the cause of another error', async () => {
    const duplicate = await errorOf(() => app.db.kysely.insertInto('users').values(row('dup', 'other@example.test')).execute());
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error('wrapped', { cause: duplicate }))).toBe(true);
  });

  it('does not take other failures for one', async () => {
    const missingTable = await errorOf(() => app.db.kysely.selectFrom('no_such_table' as 'users').selectAll().execute());
    expect(isUniqueViolation(missingTable)).toBe(false);
    const foreignKey = await errorOf(() => app.db.kysely.insertInto('identities')
      .values({ userId: 999_999, provider: 'site', subject: 'x', email: null, displayName: 'X', avatarUrl: null, createdAt: '2026-12-01T00:00:00.000Z' })
      .execute());
    expect(isUniqueViolation(foreignKey)).toBe(false);
    for (const value of [undefined, null, 'SQLITE_CONSTRAINT_UNIQUE', { code: 23505 }]) expect(isUniqueViolation(value)).toBe(false);
  });
});
