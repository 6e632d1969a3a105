// A session made by one process is valid on every other process of the site: through the database, or through Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp, openAppOnSameDatabase, type TestApp } from '../support/app.js';
import { REDIS_TEST_URL, skipRedisTests, uniqueRedisPrefix } from '../support/redis.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const sessionRows = async (app: App) => (await app.db.kysely.selectFrom('sessions').select('idHash').execute()).length;

describe.each([
  { store: 'database', redis: false, skip: false },
  { store: 'Redis', redis: true, skip: skipRedisTests },
])('sessions kept in the $store, between two processes', ({ redis, skip }) => {
  let first: TestApp;
  let second: App;

  beforeAll(async () => {
    if (skip) return;
    first = await createTestApp(redis ? { config: { redisUrl: REDIS_TEST_URL, redisPrefix: uniqueRedisPrefix() } } : {});
    second = await openAppOnSameDatabase(first);
    await createStaff(first, 'editor', { email: 'ed@example.test' });
  });
  afterAll(async () => {
    if (skip) return;
    await second.close();
    await first.close();
  });

  it.skipIf(skip)('signed in on one process, signed in on the other; signed out on the other, signed out on both', async () => {
    const jar = await signIn(first, 'ed@example.test', STAFF_PASSWORD);
    expect((await get(second, '/admin/', jar.clone())).statusCode).toBe(200);
    expect(await sessionRows(first)).toBe(redis ? 0 : 1);
    const { csrf } = await openForm(second, '/admin/', jar);
    expect((await postForm(second, '/admin/logout', { _csrf: csrf }, jar.clone())).statusCode).toBe(303);
    expect((await get(first, '/admin/', jar.clone())).statusCode).toBe(303);
  });
});

// Without Redis each process counts for itself (cluster workers share their primary's counters instead).
describe.skipIf(skipRedisTests)('sign-in limits with Redis, between two processes', () => {
  let first: TestApp;
  let second: App;
  beforeAll(async () => {
    first = await createTestApp({ config: { redisUrl: REDIS_TEST_URL, redisPrefix: uniqueRedisPrefix() } });
    second = await openAppOnSameDatabase(first);
    await createStaff(first, 'editor', { email: 'ed@example.test' });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('count failures on one process on the other too', async () => {
    const jar = new CookieJar();
    const attempt = async (app: App) => {
      const { csrf } = await openForm(app, '/admin/login', jar);
      return (await postForm(app, '/admin/login', { _csrf: csrf, email: 'ed@example.test', password: 'wrong' }, jar)).statusCode;
    };
    const statuses = [await attempt(first), await attempt(second), await attempt(first), await attempt(second), await attempt(first)];
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    expect(await attempt(second)).toBe(429);
  });
});
