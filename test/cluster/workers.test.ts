// `quire serve --workers 2` on SQLite without Redis, as real processes: the primary prepares the site once, the
// workers' caches stay coherent through the primary, a killed worker is replaced, SIGTERM stops all cleanly.
// Nothing stands in; the only test-side access is reading and writing the same SQLite file.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { closeDatabase, openDatabase } from '../../src/db/database.js';
import { runQuire } from '../support/cli.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { cardTitles } from '../support/pages.js';
import { type QuireProcess, childPids, completeSetup, freePort, isListening, request, startQuire } from '../support/processes.js';
import { eventually } from '../support/redis.js';

// Each process starts Node and compiles the sources: seconds, not milliseconds.
const SLOW = { timeout: 90_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('quire serve --workers 2 (SQLite, no Redis)', () => {
  let dataDir: string;
  let port: number;
  let primary: QuireProcess;
  let setupLink: string;

  /** `count` GETs of the home page, each on a fresh connection (the primary deals connections to the workers in turn). */
  const homePages = async (count: number) => {
    const pages = [];
    for (let i = 0; i < count; i++) {
      const response = await request(`http://127.0.0.1:${port}/`);
      pages.push({ status: response.status, cache: response.headers['x-cache'], titles: cardTitles(parseHtml(response.body)) });
    }
    return pages;
  };
  const misses = (pages: ReadonlyArray<{ cache: unknown }>) => pages.filter((page) => page.cache === 'MISS').length;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-workers-'));
    port = await freePort();
    primary = startQuire(['serve', '--workers', '2', '--port', String(port)], { QUIRE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    await primary.waitFor(/Quire is serving .* with 2 workers\)/);
    setupLink = (await primary.waitFor(/http:\/\/\S+\/setup\/[\w-]+/))[0];
  }, 120_000);

  afterAll(async () => {
    await primary?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prepares the site once, in the primary: the demo is seeded once (not once a worker), and two workers serve it', SLOW, async () => {
    const db = openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const posts = await db.kysely.selectFrom('posts').select(({ fn }) => fn.countAll<number>().as('n')).where('type', '=', 'post').executeTakeFirstOrThrow();
      expect(Number(posts.n)).toBe(16);
    } finally {
      await closeDatabase(db);
    }
    expect(childPids(primary.pid)).toHaveLength(2);
  });

  it('answers from both workers, each with a page cache of its own', SLOW, async () => {
    const pages = await homePages(20);
    expect(pages.every((page) => page.status === 200)).toBe(true);
    expect(misses(pages)).toBe(2); // the first request each worker gets; every later one is a hit
  });

  it('purges both workers’ caches when one of them writes (the primary relays the change)', SLOW, async () => {
    const done = await completeSetup(setupLink);
    expect(done.status).toBe(200);
    expect(parseHtml(done.body)('main h1').text()).toContain('Your site is ready');
    // Without the relay only the writing worker would miss; the other would keep serving its old copy.
    expect(misses(await homePages(20))).toBe(2);
  });

  it('never serves a stale page once a post one worker published is live', SLOW, async () => {
    const before = await homePages(6); // both workers hold the home page now
    expect(misses(before)).toBe(0);
    // Scheduled and already due: whichever worker's job runner polls first publishes it.
    const writer = await createApp(loadConfig({ QUIRE_DATA_DIR: dataDir, QUIRE_DEMO: '0', LOG_LEVEL: 'silent' }), { logger: false });
    try {
      await buildPost(writer, { title: 'Published by a worker', status: 'scheduled', publishedAt: new Date(Date.now() - 1_000).toISOString() });
    } finally {
      await writer.close();
    }
    const live = async () => (await homePages(1))[0]!.titles.includes('Published by a worker');
    expect(await eventually(live, 20_000)).toBe(true);
    await sleep(200); // the relay is one IPC hop each way
    const after = await homePages(20);
    expect(after.filter((page) => !page.titles.includes('Published by a worker'))).toEqual([]);
  });

  it('replaces a worker that dies, and the new one serves', SLOW, async () => {
    const [victim, survivor] = childPids(primary.pid);
    process.kill(victim!, 'SIGKILL');
    expect(await eventually(() => childPids(primary.pid).length === 2 && !childPids(primary.pid).includes(victim!), 20_000)).toBe(true);
    expect(childPids(primary.pid)).toContain(survivor);
    expect(primary.output()).toContain('a worker died unexpectedly; restarting it');
    // The new worker starts with an empty cache: its first answer is a miss.
    expect(await eventually(async () => misses(await homePages(2)) > 0, 30_000)).toBe(true);
  });

  it('stops on SIGTERM: the workers finish, the primary exits 0 and the port is free', SLOW, async () => {
    const workers = childPids(primary.pid);
    expect(workers).toHaveLength(2);
    process.kill(primary.pid, 'SIGTERM');
    expect(await primary.exited).toBe(0);
    expect(await isListening(port)).toBe(false);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe('quire serve --workers that cannot serve', () => {
  it('exits 1 and says why when the workers cannot listen (the port is taken)', SLOW, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-workers-'));
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    try {
      const port = (squatter.address() as net.AddressInfo).port;
      const primary = startQuire(['serve', '--workers', '2', '--port', String(port)], { QUIRE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
      try {
        expect(await primary.exited).toBe(1);
        expect(primary.output()).toContain('EADDRINUSE');
        expect(primary.output()).toMatch(/Worker \d+ exited \(code 1\) before it could serve/);
      } finally {
        await primary.kill();
      }
    } finally {
      squatter.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('quire serve --workers with a bad value', () => {
  it('exits 2 and says what to give', SLOW, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-workers-'));
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), QUIRE_DATA_DIR: dataDir };
      const runs = await Promise.all(['0', 'lots', '-3'].map((value) => runQuire(['serve', '--workers', value], env)));
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain('Give a whole number from 1 to 64, or auto (one per CPU).');
      }
      expect(fs.existsSync(path.join(dataDir, 'quire.sqlite'))).toBe(false); // refused before touching the site
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
