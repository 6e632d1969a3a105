// `quire import wordpress` and `quire export wordpress` as a person runs them: exit codes, messages, the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/database.js';
import { type CliSite, createCliSite } from '../support/cli.js';
import { attack, fixture, removeTempFiles, writeTemp, wxrDoc } from './wxr-doc.js';

// Each run starts Node and compiles the sources: seconds, not milliseconds.
const SLOW = { timeout: 120_000 };

let site: CliSite;

async function rowCounts(): Promise<Record<string, number>> {
  const db = openDatabase({ dataDir: site.env.QUIRE_DATA_DIR ?? '', databaseUrl: site.env.DATABASE_URL, databaseSchema: site.env.QUIRE_DB_SCHEMA });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['users', 'terms', 'posts', 'comments', 'media', 'legacyIds'] as const) {
      const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await closeDatabase(db);
  }
}

beforeAll(async () => {
  site = await createCliSite();
});
afterAll(async () => {
  removeTempFiles();
  await site.close();
});

describe('quire import wordpress', () => {
  it('imports a real export and prints what it did per kind; a second run imports nothing', SLOW, async () => {
    const first = await site.run(['import', 'wordpress', fixture('small-export.xml')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('posts:     11 imported, 0 already there, 0 skipped');
    expect(first.stdout).toContain('comments:  1 imported, 0 already there, 0 skipped');
    const counts = await rowCounts();
    const second = await site.run(['import', 'wordpress', fixture('small-export.xml')]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('posts:     0 imported, 11 already there, 0 skipped');
    expect(await rowCounts()).toEqual(counts);
  });

  it('--dry-run says what it would import and writes nothing', SLOW, async () => {
    const before = await rowCounts();
    const result = await site.run(['import', 'wordpress', '--dry-run', writeTemp('two.xml', wxrDoc([{ id: 9001 }, { id: 9002 }]))]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('(dry run: nothing was written)');
    expect(result.stdout).toContain('posts:     2 imported');
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['an entity bomb', attack('billion-laughs.xml'), 'This file declares XML entities, which a WordPress export never does'],
    ['an external entity', attack('classic-xxe-etc-passwd.xml'), 'refers to an external entity or DTD'],
    ['a file that is not well-formed', fixture('malformed.xml'), 'is not well-formed XML'],
  ])('refuses %s with exit code 1, its message, and the database unchanged', SLOW, async (_what, file, message) => {
    const before = await rowCounts();
    const result = await site.run(['import', 'wordpress', file]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a 0-byte file, a text file and a path that does not exist with exit code 1', SLOW, async () => {
    const before = await rowCounts();
    const empty = await site.run(['import', 'wordpress', writeTemp('empty.xml', '')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('not well-formed XML');
    const text = await site.run(['import', 'wordpress', writeTemp('notes.txt', 'Dear diary,\ntoday I exported nothing.\n')]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('not well-formed XML');
    const missing = await site.run(['import', 'wordpress', '/nonexistent/site.xml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('quire: Cannot read /nonexistent/site.xml: no such file.\n');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses wrong command lines with exit code 2: no file, an unknown flag, --default-author without a login or with an unknown one', SLOW, async () => {
    const [noFile, unknownFlag, noLogin] = await Promise.all([
      site.run(['import', 'wordpress']),
      site.run(['import', 'wordpress', fixture('small-export.xml'), '--frobnicate']),
      site.run(['import', 'wordpress', fixture('small-export.xml'), '--default-author']),
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("missing required argument 'file'");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--frobnicate'");
    expect(noLogin.code).toBe(2);
    expect(noLogin.stderr).toContain("option '--default-author <login>' argument missing");
    const before = await rowCounts();
    const unknownLogin = await site.run(['import', 'wordpress', fixture('valid-wxr-1.0.xml'), '--default-author', 'nobody']);
    expect(unknownLogin.code).toBe(2);
    expect(unknownLogin.stderr).toContain('There is no account with the login "nobody"');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('quire export wordpress', () => {
  it('writes WXR 1.2 to stdout and its summary to stderr', SLOW, async () => {
    const result = await site.run(['export', 'wordpress']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8" ?>')).toBe(true);
    expect(result.stdout).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(result.stdout.trimEnd().endsWith('</rss>')).toBe(true);
    expect(result.stderr).toMatch(/^Exported \d+ posts and pages, \d+ comments/);
  });
});
