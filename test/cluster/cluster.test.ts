// Three Quire processes on loopback ports sharing one PostgreSQL schema and one Redis, as behind a load balancer:
// a comment approved through A shows on the pages B and C serve within a second, a session made on A is valid on
// B and C, a sign-in limit counts across all three, and each job is done once. Real processes, PostgreSQL and Redis
// (PostgreSQL whatever QUIRE_TEST_DB says); the test's own app on the same site only prepares data and reads it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { demoSite, seedDemoSite } from '../../src/features/demo/index.js';
import type { Post } from '../../src/features/posts/index.js';
import type { User } from '../../src/features/users/index.js';
import { createPostgresSchema, dropPostgresSchema, isPostgresReachable, POSTGRES_URL, testDialect } from '../support/database.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, type QuireProcess, freePort, request, startQuire, submitForm } from '../support/processes.js';
import { REDIS_TEST_URL, redisReachable, uniqueRedisPrefix } from '../support/redis.js';

const postgresReachable = await isPostgresReachable();
// Skipped loudly where PostgreSQL or Redis is missing, except under CI, where the tests run and fail.
const skip = (!postgresReachable || !redisReachable) && !process.env.CI;
if (!postgresReachable) {
  const line = '!'.repeat(78);
  console.error(`${line}\n!! PostgreSQL is not reachable at ${POSTGRES_URL}.\n!! ${
    process.env.CI ? 'CI must test the cluster: these tests will FAIL.' : 'SKIPPING the cluster tests. Start PostgreSQL to run them.'
  }\n${line}`);
}

const SLOW = { timeout: 90_000 };
const PASSWORD = 'correct horse battery staple';
const SECRET = 'cluster-test-secret-0123456789-abcdefghij';

describe.skipIf(skip)('three Quire processes sharing PostgreSQL and Redis', () => {
  const dataDirs: string[] = [];
  let schema: string | undefined;
  let redisPrefix: string;
  let site: App;
  let admin: User;
  let nodes: QuireProcess[] = [];
  let urls: string[] = [];

  const environment = (dataDir: string): Record<string, string> => ({
    DATABASE_URL: POSTGRES_URL,
    QUIRE_DB_SCHEMA: schema ?? '',
    REDIS_URL: REDIS_TEST_URL,
    QUIRE_REDIS_PREFIX: redisPrefix,
    QUIRE_SECRET: SECRET, // one secret for the site: a cookie signed by one process is read by the others
    QUIRE_URL: 'http://blog.test',
    QUIRE_DATA_DIR: dataDir,
    QUIRE_DEMO: '0',
    LOG_LEVEL: 'warn',
  });
  const newDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cluster-'));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    schema = (await createPostgresSchema()).schema;
    redisPrefix = uniqueRedisPrefix();
    // The site is prepared before any process starts, as `quire db migrate` and one first start would.
    site = await createApp(loadConfig(environment(newDataDir())), { logger: false });
    await seedDemoSite(site.services, demoSite);
    admin = await site.services.users.create({ email: 'ada@example.test', login: 'ada', displayName: 'Ada Admin', role: 'administrator', password: PASSWORD });
    const ports = [await freePort(), await freePort(), await freePort()];
    nodes = ports.map((port) => startQuire(['serve', '--port', String(port)], environment(newDataDir())));
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    await Promise.all(nodes.map((node) => node.waitFor(/Quire is serving/)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await site?.close();
    // On PostgreSQL runs global-setup drops every schema of the run at the end: dropping one while other files
    // migrate would trip their catalog queries. On SQLite runs nobody else uses PostgreSQL, and nobody else drops it.
    if (schema && testDialect !== 'postgres') await dropPostgresSchema(schema);
    await deleteRedisKeys(redisPrefix);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const [A, B, C] = [0, 1, 2];
  const signIn = (node: number, jar: CookieJar, email: string, password: string) =>
    submitForm(jar, `${urls[node]}/admin/login`, { email, password, redirect_to: '/admin/' });

  it('does each job once, whichever process claims it', SLOW, async () => {
    const author = await buildAuthor(site);
    const due = Date.now() - 60_000;
    // Each post's publish job is announced over Redis as it is stored: all three job runners wake and compete.
    const posts: Post[] = [];
    for (let i = 0; i < 30; i++) {
      posts.push(await buildPost(site, { title: `Due post ${i}`, status: 'scheduled', publishedAt: new Date(due + i * 1_000).toISOString(), author }));
    }
    const jobOf = (postId: number) => site.jobs.findByDedupeKey(`posts.publish:${postId}`);
    const doneCount = async () => (await Promise.all(posts.map((post) => jobOf(post.id)))).filter((job) => job?.status === 'done').length;
    await expect.poll(doneCount, { timeout: 30_000, interval: 200 }).toBe(30);
    for (const post of posts) {
      expect(await jobOf(post.id)).toMatchObject({ status: 'done', attempts: 1 });
      expect((await site.services.posts.findById(post.id))?.status).toBe('published');
    }
  });

  it('shows a comment approved through A on the pages B and C serve within a second', SLOW, async () => {
    const post = await buildPost(site, { title: 'A post with a comment awaiting moderation' });
    const comment = 'Worth approving: a comment from the cluster test.';
    const commentId = await site.services.comments.insertTrusted({
      postId: post.id, parentId: null, status: 'pending', authorName: 'Reader', authorEmail: 'reader@example.test',
      source: comment, createdAt: new Date().toISOString(),
    });
    const page = async (node: number) => {
      const response = await request(`${urls[node]}${permalinkOf(post)}`);
      return { cache: response.headers['x-cache'], shows: parseHtml(response.body)('main').text().includes(comment) };
    };
    // B and C keep the page without the comment (the post's own creation reached them over Redis first).
    for (const node of [B, C]) await expect.poll(() => page(node), { timeout: 5_000 }).toEqual({ cache: 'HIT', shows: false });

    const jar = new CookieJar();
    expect((await signIn(A, jar, admin.email, PASSWORD)).status).toBe(303);
    const approved = await submitForm(jar, `${urls[A]}/admin/comments`, { view: 'pending', paged: '1' }, `${urls[A]}/admin/comments/${commentId}/approve`);
    expect(approved.status).toBe(303);
    const approvedAt = Date.now();

    const seenAfter = await Promise.all(
      [B, C].map(async (node) => {
        while (!(await page(node)).shows && Date.now() - approvedAt < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
        return Date.now() - approvedAt;
      }),
    );
    for (const ms of seenAfter) expect(ms).toBeLessThan(1_000);
  });

  it('accepts on B and C a session made on A', SLOW, async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(A, jar, admin.email, PASSWORD);
    expect(signedIn.status).toBe(303);
    expect(jar.has('quire_session')).toBe(true);
    for (const node of [B, C]) {
      const dashboard = await request(`${urls[node]}/admin/`, { headers: jar.header() });
      expect(dashboard.status).toBe(200);
      expect(parseHtml(dashboard.body)('body').text()).toContain('Ada Admin');
      // …and without the cookie, the same process asks for a sign-in.
      expect((await request(`${urls[node]}/admin/`)).status).toBe(303);
    }
  });

  it('counts sign-in attempts across all three processes', SLOW, async () => {
    // The limit is five failures per account and address; with a count per process, fifteen would pass.
    const tries = [A, B, C, A, B].map((node) => signIn(node, new CookieJar(), 'nobody@example.test', 'wrong password'));
    for (const attempt of await Promise.all(tries)) expect(attempt.status).toBe(400);
    for (const node of [C, A, B]) {
      const refused = await signIn(node, new CookieJar(), 'nobody@example.test', 'wrong password');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('900');
    }
  });
});

/** Removes the keys (counters, sessions) this run left under its prefix. */
async function deleteRedisKeys(prefix: string | undefined): Promise<void> {
  if (!prefix || !redisReachable) return;
  const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
