// Importing real WordPress exports: what the corpora's README says they hold arrives, ids are kept, nothing twice.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecret } from '../../src/config/secret.js';
import { hashIp } from '../../src/features/comments/index.js';
import type { ImportReport } from '../../src/features/wxr/index.js';
import { isAppError } from '../../src/kernel/errors.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildAuthor, buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { fixture, removeTempFiles, writeTemp, wxrDoc } from './wxr-doc.js';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => app.close());
afterAll(removeTempFiles);

const importFile = (name: string, options = {}) => app.services.wxr.importFile(fixture(name), options);

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['users', 'terms', 'posts', 'postTerms', 'comments', 'media', 'legacyIds', 'legacyPaths', 'jobs'] as const) {
    const row = await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

function totals(report: ImportReport, field: 'imported' | 'existing' | 'skipped'): number {
  return Object.values(report.counts).reduce((sum, c) => sum + c[field], 0);
}

describe('import of the theme unit test data (WXR 1.2, https namespaces)', () => {
  it('brings 58 posts, 21 pages, 37 attachments, 68 nested categories, the tags and 2 authors', async () => {
    const report = await importFile('themeunittestdata.wordpress.xml');
    const k = app.db.kysely;
    const posts = await k.selectFrom('posts').select(['type', 'status', 'title', 'featuredMediaId']).execute();
    expect(posts.filter((p) => p.type === 'post')).toHaveLength(58);
    expect(posts.filter((p) => p.type === 'page')).toHaveLength(21);
    expect(report.counts.media.imported).toBe(37);
    const terms = await k.selectFrom('terms').select(['taxonomy', 'slug', 'parentId', 'id']).execute();
    const categories = terms.filter((t) => t.taxonomy === 'category');
    expect(categories).toHaveLength(68);
    expect(terms.filter((t) => t.taxonomy === 'post_tag').length).toBeGreaterThanOrEqual(110);
    // parent / child / grandchild: a grandchild's parent has a parent.
    const byId = new Map(categories.map((c) => [c.id, c]));
    const grandchild = categories.find((c) => c.parentId !== null && byId.get(c.parentId)?.parentId != null);
    expect(grandchild).toBeDefined();
    const logins = (await k.selectFrom('users').select(['login', 'passwordHash', 'role']).execute());
    expect(logins.map((u) => u.login)).toEqual(expect.arrayContaining(['themedemos', 'themereviewteam']));
    expect(logins.every((u) => u.passwordHash === null && u.role === 'author')).toBe(true);
    expect(posts.filter((p) => p.featuredMediaId !== null).length).toBeGreaterThan(0);
  });

  it('keeps 33 comments’ facts: 29 comments with 10 threaded replies and 3 unapproved; 2 pingbacks and 2 trackbacks skipped', async () => {
    const report = await importFile('themeunittestdata.wordpress.xml');
    const comments = await app.db.kysely.selectFrom('comments').select(['id', 'parentId', 'status']).execute();
    expect(comments).toHaveLength(29);
    expect(comments.filter((c) => c.parentId !== null)).toHaveLength(10);
    expect(comments.filter((c) => c.status === 'pending')).toHaveLength(3);
    expect(report.counts.comments).toEqual({ imported: 29, existing: 0, skipped: 4 });
    expect(report.notes).toContain('2 × pingbacks (Quire has no pingbacks or trackbacks) (WordPress ids 923, 924)');
    expect(report.notes.some((n) => n.startsWith('70 × "nav_menu_item" items'))).toBe(true);
  });

  it('imports a password-protected post as private, a future post scheduled with its publish job, an untitled one as "(no title)"', async () => {
    await importFile('themeunittestdata.wordpress.xml');
    const k = app.db.kysely;
    const locked = await k.selectFrom('posts').select('status').where('id', '=', 1168).executeTakeFirstOrThrow();
    expect(locked.status).toBe('private');
    const scheduled = await k.selectFrom('posts').select(['id', 'publishedAt']).where('status', '=', 'scheduled').execute();
    expect(scheduled).toHaveLength(1);
    const jobs = await k.selectFrom('jobs').select(['kind', 'runAt', 'payload']).execute();
    expect(jobs).toEqual([{ kind: 'posts.publish', runAt: scheduled[0]?.publishedAt, payload: JSON.stringify({ postId: scheduled[0]?.id }) }]);
    const untitled = await k.selectFrom('posts').select('id').where('title', '=', '(no title)').execute();
    expect(untitled.length).toBeGreaterThan(0);
  });

  it('imports attachments as media: source URL, type from the extension, alt text, parent post, featured image', async () => {
    await importFile('themeunittestdata.wordpress.xml');
    const media = await app.db.kysely.selectFrom('media').selectAll().where('id', '=', 611).executeTakeFirstOrThrow();
    expect(media).toMatchObject({
      sourceUrl: 'https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg', mimeType: 'image/jpeg', title: 'canola2',
      altText: 'canola', postId: 555, filePath: null, originalName: 'canola2.jpg',
    });
    const featured = await app.db.kysely.selectFrom('posts').select('featuredMediaId').where('id', '=', 1).executeTakeFirst();
    const thumbnails = await app.db.kysely.selectFrom('posts').innerJoin('media', 'media.id', 'posts.featuredMediaId').select('posts.id').execute();
    expect(thumbnails.length).toBeGreaterThan(0);
    expect(featured?.featuredMediaId ?? null).toBeNull();
  });

  it('keeps every WordPress id on an empty site and records each in legacy_ids, old id = new id', async () => {
    await importFile('themeunittestdata.wordpress.xml');
    const legacy = await app.db.kysely.selectFrom('legacyIds').selectAll().where('kind', 'in', ['post', 'comment', 'media']).execute();
    expect(legacy.length).toBe(79 + 29 + 37);
    expect(legacy.every((row) => row.oldId === row.newId)).toBe(true);
    const comment = await app.db.kysely.selectFrom('comments').select('id').where('id', '=', 2).executeTakeFirst();
    expect(comment).toEqual({ id: 2 });
  });

  it('answers a WordPress permalink that differs from the new one with a 301 to the post', async () => {
    await importFile('themeunittestdata.wordpress.xml');
    const post = await app.services.posts.findById(163);
    if (!post) throw new Error('post 163 was not imported');
    for (const url of ['/wp-6-1-font-size-scale/', '/wp-6-1-font-size-scale']) {
      const response = await app.server.inject({ url });
      const target = response.headers.location === '/wp-6-1-font-size-scale/' ? await app.server.inject({ url: '/wp-6-1-font-size-scale/' }) : response;
      expect(target.statusCode).toBe(301);
      expect(target.headers.location).toBe(permalinkOf(post));
    }
    expect((await app.server.inject({ url: '/never-was-a-post/' })).statusCode).toBe(404);
  });

  it('keeps no redirect for an old permalink the site’s own structure gives again (Settings → Permalinks: /%postname%/)', async () => {
    await app.services.settings.update({ permalinkStructure: '/%postname%/' });
    await importFile('themeunittestdata.wordpress.xml');
    const paths = await app.db.kysely.selectFrom('legacyPaths').select('path').where('postId', '=', 163).execute();
    expect(paths).toEqual([]);
    expect((await app.server.inject({ url: '/wp-6-1-font-size-scale/' })).statusCode).toBe(200);
  });
});

describe('import of the WordPress importer’s own test files', () => {
  it('small-export.xml: 3 users, 30 categories, 3 tags, 5+1 posts, 4+1 pages, 1 comment, foo-bar under bar', async () => {
    await importFile('small-export.xml');
    const k = app.db.kysely;
    expect((await k.selectFrom('users').select('login').orderBy('id').execute()).map((u) => u.login)).toEqual(['admin', 'editor', 'author']);
    const terms = await k.selectFrom('terms').select(['id', 'slug', 'taxonomy', 'parentId']).execute();
    expect(terms.filter((t) => t.taxonomy === 'category')).toHaveLength(30);
    expect(terms.filter((t) => t.taxonomy === 'post_tag')).toHaveLength(3);
    const bySlug = new Map(terms.map((t) => [t.slug, t]));
    expect(bySlug.get('foo-bar')?.parentId).toBe(bySlug.get('bar')?.id);
    expect(bySlug.get('foo')?.parentId).toBeNull();
    const posts = await k.selectFrom('posts').select(['type', 'status', 'slug', 'id']).execute();
    expect(posts.filter((p) => p.type === 'post' && p.status === 'published')).toHaveLength(5);
    expect(posts.filter((p) => p.type === 'post' && p.status === 'private')).toHaveLength(1);
    expect(posts.filter((p) => p.type === 'page' && p.status === 'published')).toHaveLength(4);
    expect(posts.filter((p) => p.type === 'page' && p.status === 'draft')).toHaveLength(1);
    expect(await k.selectFrom('comments').select('id').execute()).toHaveLength(1);
    const many = posts.find((p) => p.slug === 'many-categories');
    expect(await k.selectFrom('postTerms').select('termId').where('postId', '=', many?.id ?? 0).execute()).toHaveLength(27);
  });

  it('small-export.xml: the private post has 1 category and the tags tag1, tag2, tag3', async () => {
    await importFile('small-export.xml');
    const terms = await app.db.kysely.selectFrom('posts').innerJoin('postTerms', 'postTerms.postId', 'posts.id')
      .innerJoin('terms', 'terms.id', 'postTerms.termId').select(['terms.slug', 'terms.taxonomy'])
      .where('posts.status', '=', 'private').execute();
    expect(terms.filter((t) => t.taxonomy === 'category')).toHaveLength(1);
    expect(terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.slug).sort()).toEqual(['tag1', 'tag2', 'tag3']);
  });

  it('importing the same file twice changes nothing and counts everything as already there', async () => {
    const first = await importFile('small-export.xml');
    const before = await tableCounts();
    const second = await importFile('small-export.xml');
    expect(await tableCounts()).toEqual(before);
    expect(totals(second, 'imported')).toBe(0);
    expect(second.counts.posts.existing).toBe(first.counts.posts.imported);
    expect(second.counts.comments.existing).toBe(first.counts.comments.imported);
    expect(second.counts.users.existing).toBe(3);
  });

  it('imports a second WordPress site whose ids collide with the first, and recognises it on a re-import by GUID', async () => {
    await importFile('small-export.xml');
    // Another site (other GUIDs) whose post 1 and comment 1 have the ids small-export.xml's have.
    const other = writeTemp('other-site.xml', wxrDoc([{ id: 1, slug: 'elsewhere', comments: [{ id: 1 }, { id: 2, parent: 1 }] }]));
    const second = await app.services.wxr.importFile(other);
    expect(second.counts.posts).toEqual({ imported: 1, existing: 0, skipped: 0 });
    expect(second.counts.comments).toEqual({ imported: 2, existing: 0, skipped: 0 });
    expect(second.notes.some((n) => n.includes('an import of another site used before'))).toBe(true);
    const post = await app.services.posts.findBySlug('post', 'elsewhere');
    expect(await app.db.kysely.selectFrom('comments').select('id').where('postId', '=', post?.id ?? 0).execute()).toHaveLength(2);
    const before = await tableCounts();
    const again = await app.services.wxr.importFile(other);
    expect(totals(again, 'imported')).toBe(0);
    expect(await tableCounts()).toEqual(before);
  });

  it('slashes.xml: backslashes survive verbatim in names, content and comments', async () => {
    await importFile('slashes.xml');
    const k = app.db.kysely;
    expect((await k.selectFrom('terms').select('name').where('slug', '=', 'alpha').executeTakeFirst())?.name).toBe('a \\"great\\" category');
    expect((await k.selectFrom('terms').select('name').where('slug', '=', 'tag1').executeTakeFirst())?.name).toBe("foo\\'bar");
    expect((await k.selectFrom('posts').select('source').executeTakeFirst())?.source).toBe('Slashes aren\\\'t \\"cool\\"');
    expect((await k.selectFrom('comments').select('source').orderBy('id').executeTakeFirst())?.source).toBe('\\o/ ¯\\_(ツ)_/¯');
  });

  it('crazy-cdata-escaped.xml: a "]]>" split across CDATA sections is read back whole', async () => {
    await importFile('crazy-cdata-escaped.xml');
    const post = await app.db.kysely.selectFrom('posts').select('source').executeTakeFirst();
    expect(post?.source).toBe('Content with nested <![CDATA[ tags ]]> :)');
  });

  it('WXR 1.0: 6 posts, the category alpha and the tag chicken', async () => {
    const v10 = await importFile('valid-wxr-1.0.xml');
    expect(v10.counts.posts.imported).toBe(6);
    expect(await app.db.kysely.selectFrom('terms').select('id').where('slug', 'in', ['alpha', 'chicken']).execute()).toHaveLength(2);
  });

  it('WXR 1.1: 2 posts, author john, alpha’s description, and the custom taxonomy skipped with its reason', async () => {
    const v11 = await importFile('valid-wxr-1.1.xml');
    expect(v11.counts.posts.imported).toBe(2);
    const alpha = await app.db.kysely.selectFrom('terms').select('description').where('slug', '=', 'alpha').executeTakeFirst();
    expect(alpha?.description).toBe('The alpha category');
    expect(v11.notes.some((n) => n.includes('custom taxonomy "post_tax"'))).toBe(true);
    expect(await app.db.kysely.selectFrom('users').select('login').where('login', '=', 'john').execute()).toHaveLength(1);
  });

  it('term-formats.xml: 2 categories and 3 tags whatever their whitespace; 2 terms of other taxonomies skipped', async () => {
    const report = await importFile('term-formats.xml');
    const terms = await app.db.kysely.selectFrom('terms').select(['taxonomy', 'slug', 'name']).where('slug', '!=', 'uncategorized').execute();
    expect(terms.filter((t) => t.taxonomy === 'category').map((t) => t.slug).sort()).toEqual(['cat-2', 'category-name']);
    expect(terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.name).sort()).toEqual(['A Random Color', 'A Tag!', 'Another Tag']);
    expect(report.counts.terms.skipped).toBe(2);
  });

  it('namespace-edge-cases.xml: binds by namespace URI, so an author under a fake wp: namespace is not imported', async () => {
    await importFile('namespace-edge-cases.xml');
    const logins = (await app.db.kysely.selectFrom('users').select('login').execute()).map((u) => u.login);
    expect(logins).toContain('real_user');
    expect(logins).not.toContain('fake_ns_user');
    expect(logins).not.toContain('custom_user');
    const mixed = await app.db.kysely.selectFrom('posts').select('id').where('title', '=', 'Mixed Namespaces').executeTakeFirst();
    expect(mixed?.id).toBe(1);
  });
});

describe('ids taken, authors and dry runs', () => {
  it('gives a post whose WordPress id is taken a new id, remembers it, and sends /?p=OLD there with a 301', async () => {
    const own = await buildPost(app, { status: 'draft' });
    const file = writeTemp('taken.xml', wxrDoc([{ id: own.id, title: 'From WordPress', slug: 'from-wordpress', comments: [{ id: 1 }] }]));
    const report = await app.services.wxr.importFile(file);
    expect(report.counts.posts.imported).toBe(1);
    const legacy = await app.db.kysely.selectFrom('legacyIds').selectAll().where('kind', '=', 'post').execute();
    const moved = legacy.find((row) => row.oldId === own.id);
    expect(moved?.newId).not.toBe(own.id);
    const imported = await app.services.posts.findById(moved?.newId ?? 0);
    expect(imported?.title).toBe('From WordPress');
    const response = await app.server.inject({ url: `/?p=${own.id}` });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(permalinkOf(imported ?? own));
  });

  it('leaves /?p=ID on the site’s own published post when an import had to move a WordPress post with that id', async () => {
    const own = await buildPost(app);
    await app.services.wxr.importFile(writeTemp('taken.xml', wxrDoc([{ id: own.id, slug: 'other' }])));
    const response = await app.server.inject({ url: `/?p=${own.id}` });
    expect(response.headers.location).toBe(permalinkOf(own));
  });

  it('gives a comment whose id is taken a new id, and its replies follow it there, not to the comment that had the id', async () => {
    const own = await buildPost(app);
    const taken = await buildComment(app, own);
    const file = writeTemp('taken-comment.xml', wxrDoc([{ id: 80, comments: [{ id: taken }, { id: 9000, parent: taken }] }]));
    await app.services.wxr.importFile(file);
    const moved = await app.db.kysely.selectFrom('legacyIds').select('newId').where('kind', '=', 'comment').where('oldId', '=', taken).executeTakeFirstOrThrow();
    expect(moved.newId).not.toBe(taken);
    const reply = await app.db.kysely.selectFrom('comments').select(['postId', 'parentId']).where('id', '=', 9000).executeTakeFirstOrThrow();
    expect(reply).toEqual({ postId: 80, parentId: moved.newId });
    expect((await app.db.kysely.selectFrom('comments').select('postId').where('id', '=', taken).executeTakeFirstOrThrow()).postId).toBe(own.id);
  });

  it('links a reply whose parent comes later in the file, and stores the IP as the comment pipeline’s salted hash', async () => {
    const file = writeTemp('threads.xml', wxrDoc([{ id: 40, comments: [{ id: 9, parent: 10, ip: '203.0.113.5' }, { id: 10 }] }]));
    await app.services.wxr.importFile(file);
    const comments = await app.db.kysely.selectFrom('comments').select(['id', 'parentId', 'ipHash']).orderBy('id').execute();
    expect(comments).toEqual([
      { id: 9, parentId: 10, ipHash: hashIp(resolveSecret(app.config), '203.0.113.5') },
      { id: 10, parentId: null, ipHash: null },
    ]);
  });

  it('numbers what is written after an import past the imported ids (PostgreSQL’s sequences are moved on)', async () => {
    await importFile('themeunittestdata.wordpress.xml');
    const max = await app.db.kysely.selectFrom('posts').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    const post = await buildPost(app);
    expect(post.id).toBeGreaterThan(Number(max.max));
    const category = await app.services.taxonomy.create('category', { name: 'After the import' });
    expect(category.id).toBeGreaterThan(0);
  });

  it('gives items of authors the file does not list to --default-author, and refuses an unknown one with nothing written', async () => {
    const editor = await buildAuthor(app, { role: 'editor', login: 'eddie' });
    const file = writeTemp('orphans.xml', wxrDoc([{ id: 50, creator: 'ghost' }], ''));
    const before = await tableCounts();
    const refusal = await app.services.wxr.importFile(file, { defaultAuthor: 'nobody' }).catch((error: unknown) => error);
    expect(isAppError(refusal) && refusal.code).toBe('WXR_UNKNOWN_AUTHOR');
    expect(await tableCounts()).toEqual(before);
    await app.services.wxr.importFile(file, { defaultAuthor: 'eddie' });
    expect((await app.services.posts.findById(50))?.authorId).toBe(editor.id);
  });

  it('a dry run reports what an import would do and writes nothing', async () => {
    const before = await tableCounts();
    const report = await importFile('small-export.xml', { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.counts.posts.imported).toBe(11);
    expect(await tableCounts()).toEqual(before);
  });

  it('sanitizes imported HTML by the author’s role: an author’s <script> and onclick are dropped', async () => {
    const file = writeTemp('xss.xml', wxrDoc([{ id: 60, content: '<p onclick="x()">Hi</p><script>alert(1)</script>' }]));
    await app.services.wxr.importFile(file);
    const post = await app.services.posts.findById(60);
    expect(post?.contentHtml).toBe('<p>Hi</p>');
    expect(post?.format).toBe('html');
  });
});
