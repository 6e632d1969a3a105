// Migrations from an empty database build exactly the schema of db/tables.ts, once; the demo seed adds once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, closeDatabase, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import type { Database } from '../../src/db/tables.js';
import { demoSite, seedDemoSite } from '../../src/features/demo/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

type ColumnsOf = { readonly [T in keyof Database]: readonly (keyof Database[T] & string)[] };

/** Every table and column of db/tables.ts, in TypeScript's camelCase. */
const EXPECTED = {
  users: ['id', 'login', 'email', 'displayName', 'role', 'passwordHash', 'bio', 'createdAt', 'emailVerifiedAt', 'url',
    'avatarMediaId'],
  identities: ['id', 'userId', 'provider', 'subject', 'email', 'displayName', 'avatarUrl', 'createdAt'],
  posts: [
    'id', 'type', 'title', 'slug', 'format', 'source', 'contentHtml', 'excerpt', 'searchText', 'status', 'publishedAt',
    'publishedLocal', 'authorId', 'parentId', 'menuOrder', 'commentStatus', 'commentCount', 'createdAt', 'updatedAt',
    'guid', 'featuredMediaId',
  ],
  terms: ['id', 'taxonomy', 'name', 'slug', 'description', 'parentId'],
  postTerms: ['postId', 'termId'],
  comments: [
    'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'identityId', 'ipHash',
    'userAgent', 'source', 'contentHtml', 'spamScore', 'createdAt',
  ],
  settings: ['key', 'value'],
  sessions: ['idHash', 'userId', 'data', 'createdAt', 'lastSeenAt', 'expiresAt'],
  oneTimeTokens: ['tokenHash', 'purpose', 'subject', 'createdAt', 'expiresAt', 'usedAt'],
  jobs: [
    'id', 'kind', 'payload', 'runAt', 'attempts', 'maxAttempts', 'lockedBy', 'lockedUntil', 'lastError', 'status',
    'dedupeKey', 'createdAt', 'updatedAt',
  ],
  subscriptions: ['id', 'email', 'kind', 'postId', 'status', 'createdAt', 'confirmedAt'],
  commentBans: ['id', 'kind', 'value', 'reason', 'createdBy', 'createdAt', 'expiresAt', 'liftedAt', 'liftedBy'],
  webauthnCredentials: ['id', 'userId', 'publicKey', 'counter', 'transports', 'name', 'createdAt', 'lastUsedAt'],
  commentDrafts: ['idHash', 'postId', 'parentId', 'text', 'createdAt', 'expiresAt'],
  media: [
    'id', 'authorId', 'postId', 'filePath', 'sourceUrl', 'originalName', 'mimeType', 'sizeBytes', 'width', 'height', 'title',
    'altText', 'caption', 'description', 'variants', 'guid', 'createdAt', 'updatedAt',
  ],
  postRevisions: ['id', 'postId', 'authorId', 'kind', 'title', 'source', 'excerpt', 'createdAt'],
  postLocks: ['postId', 'userId', 'expiresAt'],
  applicationPasswords: ['id', 'userId', 'uuid', 'name', 'passwordHash', 'createdAt', 'lastUsedAt', 'lastIpHash'],
  legacyIds: ['kind', 'oldId', 'newId'],
  legacyPaths: ['path', 'postId'],
  termRedirects: ['taxonomy', 'slug', 'termId'],
} as const satisfies ColumnsOf;

// The list cannot drift from tables.ts: `satisfies` refuses unknown tables and columns, and this line
// fails to compile, naming them, when a column of tables.ts is missing from the list.
type Unlisted = { [T in keyof Database]: Exclude<keyof Database[T], (typeof EXPECTED)[T][number]> }[keyof Database];
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;

/**
 * What each engine's full-text index adds besides tables.ts (db/dialect.ts createSearchIndex): SQLite's FTS5
 * table `posts_fts` and its shadow tables, PostgreSQL's generated column `posts.search_vector`.
 */
const isSearchIndexTable = (name: string) => /^posts_fts(_[a-z]+)?$/.test(name);
const SEARCH_INDEX_COLUMNS: Readonly<Record<string, readonly string[]>> = { posts: ['search_vector'] };

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** This site's tables and their columns as the database reports them (other test schemas left out). */
async function liveSchema(db: Db, schema: string | undefined): Promise<Map<string, string[]>> {
  const tables = await db.kysely.introspection.getTables();
  return new Map(
    tables
      .filter((t) => !t.isView && t.schema === schema && !isSearchIndexTable(t.name))
      .map((t) => [t.name, t.columns.map((c) => c.name).filter((c) => !SEARCH_INDEX_COLUMNS[t.name]?.includes(c)).sort()]),
  );
}

describe('migrations from an empty database', () => {
  let database: TestDatabase;
  let dataDir: string;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-migrate-'));
    db = openDatabase({ dataDir, databaseUrl: database.databaseUrl, databaseSchema: database.schema });
  });
  afterAll(async () => {
    await closeDatabase(db);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from nothing', async () => {
    expect(everyColumnListed).toBe(true);
    expect((await liveSchema(db, database.schema)).size).toBe(0);
  });

  it('applies every migration, in order, the first time', async () => {
    const all = Object.keys(await migrationProvider(db.dialect).getMigrations()).sort();
    expect(all.length).toBeGreaterThan(0);
    expect((await migrateToLatest(db)).applied).toEqual(all);
  });

  it('creates exactly the tables and columns of db/tables.ts', async () => {
    const live = await liveSchema(db, database.schema);
    const expected = new Map(Object.entries(EXPECTED).map(([table, columns]) => [snakeCase(table), columns.map(snakeCase).sort()]));
    expect([...live.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [table, columns] of expected) expect(live.get(table), table).toEqual(columns);
  });

  it('applies nothing the second time', async () => {
    expect((await migrateToLatest(db)).applied).toEqual([]);
  });

  it('builds the search index it promises (the only thing besides tables.ts)', async () => {
    const tables = (await db.kysely.introspection.getTables()).filter((t) => t.schema === database.schema);
    const ftsTables = tables.filter((t) => isSearchIndexTable(t.name));
    const vectorColumns = tables.find((t) => t.name === 'posts')?.columns.filter((c) => c.name === 'search_vector') ?? [];
    expect(ftsTables.length + vectorColumns.length).toBeGreaterThan(0);
  });
});

describe('the demo seed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app.close());

  const count = async (table: 'posts' | 'comments' | 'users' | 'terms' | 'postTerms') =>
    Number((await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

  it('adds the demo site the first time and nothing the second time', async () => {
    const first = await seedDemoSite(app.services, demoSite);
    expect(first).toEqual({
      users: demoSite.authors.length,
      categories: demoSite.categories.length,
      posts: demoSite.posts.length,
      pages: demoSite.pages.length,
      comments: expect.any(Number),
    });
    expect(first.comments).toBeGreaterThan(0);
    const before = { posts: await count('posts'), comments: await count('comments'), users: await count('users'), terms: await count('terms'), links: await count('postTerms') };
    expect(before.posts).toBe(demoSite.posts.length + demoSite.pages.length);
    expect(before.comments).toBe(first.comments);

    const second = await seedDemoSite(app.services, demoSite);
    expect(second).toEqual({ users: 0, categories: 0, posts: 0, pages: 0, comments: 0 });
    const after = { posts: await count('posts'), comments: await count('comments'), users: await count('users'), terms: await count('terms'), links: await count('postTerms') };
    expect(after).toEqual(before);
  });

  it('keeps settings an owner changed after the first seeding', async () => {
    await app.services.settings.update({ title: 'My own title' });
    await seedDemoSite(app.services, demoSite);
    expect((await app.services.settings.get()).title).toBe('My own title');
  });
});
