// The `quire` command line as a person runs it: a child process, exit codes, and what it prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/database.js';
import { type CliSite, createCliSite } from '../support/cli.js';

// Each run starts Node and compiles the sources: seconds, not milliseconds.
const SLOW = { timeout: 90_000 };

/** The users in the CLI site's database, read directly. */
async function usersOf(site: CliSite): Promise<Array<{ email: string; role: string; login: string }>> {
  const db = openDatabase({ dataDir: site.env.QUIRE_DATA_DIR ?? '', databaseUrl: site.env.DATABASE_URL, databaseSchema: site.env.QUIRE_DB_SCHEMA });
  try {
    return await db.kysely.selectFrom('users').select(['email', 'role', 'login']).orderBy('id').execute();
  } finally {
    await closeDatabase(db);
  }
}

describe('quire (command line)', () => {
  let site: CliSite;
  beforeAll(async () => {
    site = await createCliSite();
  });
  afterAll(async () => site.close());

  it('explains itself with --help, and refuses bad command lines with exit code 2', SLOW, async () => {
    const [help, wrongRole, noEmail, unknownFlag] = await Promise.all([
      site.run(['--help']),
      site.run(['user', 'add', '--email', 'x@y.example', '--role', 'boss']),
      site.run(['user', 'add', '--role', 'author']),
      site.run(['user', 'add', '--email', 'q@q.example', '--role', 'author', '--frobnicate']),
    ]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: quire');
    for (const command of ['serve', 'db', 'user', 'seed']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));

    expect(wrongRole.code, wrongRole.stderr).toBe(2);
    expect(wrongRole.stderr).toContain("argument 'boss' is invalid");
    expect(wrongRole.stderr).toContain('administrator, editor, author, contributor, subscriber');

    expect(noEmail.code, noEmail.stderr).toBe(2);
    expect(noEmail.stderr).toContain("required option '--email <email>' not specified");

    expect(unknownFlag.code, unknownFlag.stderr).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--frobnicate'");
    expect(unknownFlag.stderr).toContain('--help');
  });

  it('adds a user and prints a masked e-mail address, never the whole of it', SLOW, async () => {
    const result = await site.run(['user', 'add', '--email', 'a@b.example', '--role', 'author', '--password', 'longenough1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Created author');
    expect(result.stdout).toContain('@b.example');
    expect(result.stdout).not.toContain('a@b.example');
    expect(result.stderr).toBe('');
    expect(await usersOf(site)).toEqual([{ email: 'a@b.example', role: 'author', login: 'a' }]);
  });

  it('refuses an invalid e-mail address with exit code 2 and the field’s message', SLOW, async () => {
    const result = await site.run(['user', 'add', '--email', 'not-an-address', '--role', 'editor']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--email: Enter a valid e-mail address');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a duplicate with exit code 1 and a clear message', SLOW, async () => {
    const result = await site.run(['user', 'add', '--email', 'a@b.example', '--role', 'editor', '--login', 'another']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('An account with this e-mail address already exists.');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await usersOf(site)).toHaveLength(1);
  });

  it('seeds the demo once: the second run adds nothing', SLOW, async () => {
    const first = await site.run(['seed', 'demo']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Demo seeded: 3 authors, 6 categories, 16 posts, 2 pages, [1-9]\d* comments added\./);
    const second = await site.run(['seed', 'demo']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Demo seeded: 0 authors, 0 categories, 0 posts, 0 pages, 0 comments added.');
  });

  it('refuses a bad environment with exit code 2 and says which setting is wrong', SLOW, async () => {
    const result = await site.run(['db', 'migrate'], { PORT: 'abc' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('Quire cannot start because of its configuration');
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535, not "abc".');
  });
});

describe('quire db migrate', () => {
  let site: CliSite;
  beforeAll(async () => {
    site = await createCliSite();
  });
  afterAll(async () => site.close());

  it('migrates an empty database, then says it is up to date', SLOW, async () => {
    const first = await site.run(['db', 'migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\):/);
    expect(first.stdout).toContain('initial-schema');
    const second = await site.run(['db', 'migrate']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe('The database is up to date.');
  });
});
