// `quire user app-password` as a person runs it: the password alone on the last line, stored only as its hash;
// an unknown address and a missing --email refused with their exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/database.js';
import { normalizeAppPassword } from '../../src/features/app-passwords/index.js';
import { sha256 } from '../../src/kernel/ids.js';
import { type CliSite, createCliSite } from '../support/cli.js';

// Each run starts Node and compiles the sources: seconds, not milliseconds.
const SLOW = { timeout: 90_000 };

async function storedPasswords(site: CliSite): Promise<Array<{ name: string; passwordHash: string }>> {
  const db = openDatabase({ dataDir: site.env.QUIRE_DATA_DIR ?? '', databaseUrl: site.env.DATABASE_URL, databaseSchema: site.env.QUIRE_DB_SCHEMA });
  try {
    return await db.kysely.selectFrom('applicationPasswords').select(['name', 'passwordHash']).orderBy('id').execute();
  } finally {
    await closeDatabase(db);
  }
}

describe('quire user app-password', () => {
  let site: CliSite;
  beforeAll(async () => {
    site = await createCliSite();
    const added = await site.run(['user', 'add', '--email', 'writer@example.test', '--role', 'author']);
    expect(added.code, added.stderr).toBe(0);
  }, 90_000);
  afterAll(async () => site.close());

  it('prints the new password alone on its last line, in groups of four, and stores only its hash', SLOW, async () => {
    const result = await site.run(['user', 'app-password', '--email', 'Writer@Example.test', '--name', 'MarsEdit']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const last = lines.at(-1) ?? '';
    expect(last).toMatch(/^[A-Za-z0-9]{4}( [A-Za-z0-9]{4}){5}$/);
    expect(lines.slice(0, -1).join('\n')).toContain('"MarsEdit"');
    // The e-mail address is masked, as everywhere the CLI prints one.
    expect(result.stdout).not.toContain('writer@example.test');
    expect(await storedPasswords(site)).toEqual([{ name: 'MarsEdit', passwordHash: sha256(normalizeAppPassword(last)) }]);
  });

  it('refuses an unknown e-mail address with exit code 1 and a clear message, making nothing', SLOW, async () => {
    const result = await site.run(['user', 'app-password', '--email', 'nobody@example.test']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No account has this e-mail address');
    expect(result.stdout).toBe('');
    expect(await storedPasswords(site)).toHaveLength(1);
  });

  it('shows the usage with exit code 2 when --email is missing or the name is too long', SLOW, async () => {
    const [missing, longName] = await Promise.all([
      site.run(['user', 'app-password', '--name', 'x']),
      site.run(['user', 'app-password', '--email', 'writer@example.test', '--name', 'x'.repeat(101)]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
    expect(missing.stderr).toContain('--help');
    expect(longName.code).toBe(2);
    expect(longName.stderr).toContain('1–100 characters');
    expect(await storedPasswords(site)).toHaveLength(1);
  });
});
