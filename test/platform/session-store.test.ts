// One contract for every SessionStore (the database, Redis), then what is particular to each.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseSessionStore, createSessionsService } from '../../src/features/sessions/index.js';
import type { User } from '../../src/features/users/index.js';
import { systemClock } from '../../src/kernel/clock.js';
import { sha256 } from '../../src/kernel/ids.js';
import type { SessionRecord, SessionStore } from '../../src/kernel/sessions.js';
import { closeRedis, connectRedis } from '../../src/platform/redis-client.js';
import { createRedisSessionStore } from '../../src/platform/redis-session-store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { REDIS_TEST_URL, skipRedisTests, uniqueRedisPrefix } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unique = 0;
const freshId = () => sha256(`session ${++unique} ${Math.random()}`);

/** A session that began now (real time: Redis expires keys in real time) and ends `lifeMs` from now. */
function recordFor(userId: number, lifeMs = 60_000): SessionRecord {
  const now = new Date();
  return { userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + lifeMs).toISOString() };
}

// The database store needs real users (sessions.user_id references users.id); the test app provides them.
let app: TestApp;
let users: [User, User];
beforeAll(async () => {
  app = await createTestApp();
  users = [
    await app.services.users.create({ email: 'one@example.test', role: 'editor' }),
    await app.services.users.create({ email: 'two@example.test', role: 'author' }),
  ];
});
afterAll(() => app.close());

interface Implementation {
  readonly name: string;
  readonly skip: boolean;
  open(): Promise<{ store: SessionStore; close(): Promise<void> }>;
}

const implementations: readonly Implementation[] = [
  { name: 'database', skip: false, open: async () => ({ store: createDatabaseSessionStore(app.db), close: async () => {} }) },
  {
    name: 'Redis',
    skip: skipRedisTests,
    async open() {
      const redis = await connectRedis(REDIS_TEST_URL, 'quire-test');
      return { store: createRedisSessionStore(redis, uniqueRedisPrefix(), systemClock), close: () => closeRedis(redis) };
    },
  },
];

describe.each(implementations)('the $name session store', (implementation) => {
  let store: SessionStore;
  let close = async () => {};
  beforeAll(async () => {
    if (implementation.skip) return;
    ({ store, close } = await implementation.open());
  });
  afterAll(() => close());
  const it_ = it.skipIf(implementation.skip);

  it_('gives back what was put, and nothing for an unknown id', async () => {
    const id = freshId();
    const record = recordFor(users[0].id);
    await store.put(id, record);
    expect(await store.get(id)).toEqual(record);
    expect(await store.get(freshId())).toBeUndefined();
  });

  it_('keeps the identity a session was started through, across a touch', async () => {
    const id = freshId();
    const record = { ...recordFor(users[0].id), identityId: 42 };
    await store.put(id, record);
    expect(await store.get(id)).toEqual(record);
    const later = new Date(Date.now() + 5_000).toISOString();
    await store.touch(id, later, new Date(Date.now() + 120_000).toISOString());
    expect((await store.get(id))?.identityId).toBe(42);
  });

  it_('touches a live session, and never brings back one that was deleted', async () => {
    const id = freshId();
    const record = recordFor(users[0].id);
    await store.put(id, record);
    const later = new Date(Date.now() + 5_000).toISOString();
    const end = new Date(Date.now() + 120_000).toISOString();
    await store.touch(id, later, end);
    expect(await store.get(id)).toEqual({ ...record, lastSeenAt: later, expiresAt: end });
    await store.delete(id);
    await store.touch(id, later, end);
    expect(await store.get(id)).toBeUndefined();
  });

  it_('deletes one session and leaves the others', async () => {
    const [a, b] = [freshId(), freshId()];
    await store.put(a, recordFor(users[0].id));
    await store.put(b, recordFor(users[0].id));
    await store.delete(a);
    await store.delete(freshId()); // unknown: no error
    expect(await store.get(a)).toBeUndefined();
    expect(await store.get(b)).toBeDefined();
  });

  it_("deletes all of one user's sessions and none of another's", async () => {
    const mine = [freshId(), freshId(), freshId()];
    const theirs = freshId();
    for (const id of mine) await store.put(id, recordFor(users[0].id));
    await store.put(theirs, recordFor(users[1].id));
    await store.deleteAllForUser(users[0].id);
    for (const id of mine) expect(await store.get(id)).toBeUndefined();
    expect(await store.get(theirs)).toBeDefined();
    await store.deleteAllForUser(users[0].id); // again, with nothing left: no error
  });

  it_('forgets sessions once they have expired, keeping live ones', async () => {
    const [short, long] = [freshId(), freshId()];
    await store.put(short, recordFor(users[1].id, 200));
    await store.put(long, recordFor(users[1].id, 60_000));
    await sleep(300);
    await store.deleteExpired(new Date());
    expect(await store.get(short)).toBeUndefined();
    expect(await store.get(long)).toBeDefined();
  });
});

describe('the database session store', () => {
  it('keeps only the sha256 of the cookie token', async () => {
    const sessions = createSessionsService({ store: createDatabaseSessionStore(app.db), clock: systemClock, settings: app.services.settings });
    const { token } = await sessions.create(users[0].id);
    const rows = await app.db.kysely.selectFrom('sessions').select(['idHash', 'userId']).where('userId', '=', users[0].id).execute();
    expect(rows.map((r) => r.idHash)).toContain(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await sessions.resolve(token))?.userId).toBe(users[0].id);
  });
});

describe.skipIf(skipRedisTests)('the Redis session store', () => {
  const prefix = uniqueRedisPrefix();
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis(REDIS_TEST_URL, 'quire-test');
  });
  afterAll(() => closeRedis(redis));

  it('keeps each session under the site prefix, expiring when the session does', async () => {
    const store = createRedisSessionStore(redis, prefix, systemClock);
    const id = freshId();
    await store.put(id, recordFor(users[0].id, 60_000));
    const ttl = await redis.pttl(`${prefix}session:${id}`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await redis.smembers(`${prefix}session-user:${users[0].id}`)).toContain(id);
  });

  it('stores nothing for a session that has already ended, and ignores unreadable values', async () => {
    const store = createRedisSessionStore(redis, prefix, systemClock);
    const id = freshId();
    await store.put(id, recordFor(users[0].id, -1));
    expect(await redis.exists(`${prefix}session:${id}`)).toBe(0);
    await redis.set(`${prefix}session:${id}`, '{"userId":"1; DROP"}');
    expect(await store.get(id)).toBeUndefined();
  });
});
