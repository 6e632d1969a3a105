// Stored XSS on the staff screens in a real browser: XSS corpus payloads stored as comment names, websites and texts
// (held for moderation), post titles, excerpts and texts (a contributor's), category and tag names and descriptions,
// people's display names and biographies, and media titles, alt texts and captions are inert on every admin screen
// that shows them, in chromium with the admin scripts running and an administrator signed in through /admin/login:
// no dialog, no CSP violation, no console error, no handler, script URL or embed in the DOM. Payloads typed into the
// editor are inert in its live preview too. The public pages' twin is comment-xss.browser.test.ts.
// A subset: SAMPLE_SIZE payloads taken at an even stride through the whole corpus (so every corpus file is sampled,
// deterministically). Every payload would mean some 80 pages of each admin list (20 rows a page) and ~400 page
// loads; the sample fills three pages of every list, which exercises paging and keeps the file to about 35 s.
// The escaping is the same code for every payload, so the sample's role is to hit each field, not each vector; the
// sanitizer itself sees every payload in src/features/content/xss-corpus.test.ts.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { MEDIA_LIMITS } from '../../src/features/media/index.js';
import type { User } from '../../src/features/users/index.js';
import { isAppError } from '../../src/kernel/errors.js';
import { escapeHtml } from '../../src/kernel/html.js';
import { makeImage } from '../media/images.js';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';
import { buildPost } from '../support/factories.js';
import { STAFF_PASSWORD, createStaff } from '../support/session.js';
import { allXssPayloads } from '../support/xss-corpus.js';

/** Three admin list pages (20 rows each) of every kind. */
const SAMPLE_SIZE = 60;
const PAGES = 3;
// PostgreSQL text cannot hold U+0000: as in comment-xss, the one payload with a NUL carries U+FFFD.
const everyPayload = allXssPayloads().map((payload) => payload.replaceAll('\u0000', '\uFFFD'));
const stride = Math.floor(everyPayload.length / SAMPLE_SIZE);
const sample = Array.from({ length: SAMPLE_SIZE }, (_, i) => everyPayload[i * stride] ?? '');

// Names have short limits: a long payload is cut to fit (cut mid-tag, it is as hostile), so the name is stored and shown.
const TERM_NAME_MAX = 200;
const DISPLAY_NAME_MAX = 100;

/**
 * A payload may name a missing file of this site (<img src=x>, kept by the sanitizer without its handler): the 404
 * chromium logs for it is the payload's own, harmless. Our own assets missing still counts.
 */
function isPayloadsMissingFile(problem: string, baseUrl: string): boolean {
  const resource = /\((\S+)\)$/.exec(problem)?.[1] ?? '';
  return problem.includes('status of 404') && resource.startsWith(`${baseUrl}/`) && !resource.startsWith(`${baseUrl}/assets/`);
}

type Kind = 'comment' | 'post' | 'term' | 'user' | 'media';

/** What was stored: ids to open, and each kind's stored strings as the theme would escape them (to find on a page). */
interface Seeded {
  readonly ids: Record<'comment' | 'post' | 'category' | 'user' | 'media', number[]>;
  readonly escaped: Record<Kind, string[]>;
  readonly refused: Record<Kind, number>;
}

/** The created value, or undefined when the service refused the payload as bad input (a 4xx on a form). */
async function storedOrRefused<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    if (isAppError(error) && error.kind === 'invalid') return undefined;
    throw error;
  }
}

/** Records a stored value (as the theme would escape it, to find it on a page) or a refusal. */
function note(seeded: Seeded, kind: Kind, id: number | undefined, shown: string): number | undefined {
  if (id === undefined) seeded.refused[kind]++;
  else seeded.escaped[kind].push(escapeHtml(shown.trim()));
  return id;
}

/** One payload in every field of a held comment, a contributor's post, a category and a tag, and a person. */
async function storeEverywhere(app: App, seeded: Seeded, by: { host: number; contributor: User }, payload: string, i: number) {
  // Held comments, as an import stores them: no form checks in the way, the website not even filtered.
  const comment = await app.services.comments.insertTrusted({
    postId: by.host, parentId: null, status: 'pending', authorName: payload, authorEmail: `xss-${i}@example.test`,
    authorUrl: payload, source: payload, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  });
  seeded.ids.comment.push(note(seeded, 'comment', comment, payload) ?? 0);
  const post = await storedOrRefused(() =>
    app.services.posts.create({ title: payload, excerpt: payload, source: payload, status: 'pending' }, by.contributor, by.contributor));
  if (note(seeded, 'post', post?.id, payload) !== undefined) seeded.ids.post.push(post?.id ?? 0);
  const name = payload.slice(0, TERM_NAME_MAX);
  for (const taxonomy of ['category', 'post_tag'] as const) {
    const slug = `xss-${taxonomy === 'category' ? 'category' : 'tag'}-${i}`;
    const term = await storedOrRefused(() => app.services.taxonomy.create(taxonomy, { name, slug, description: payload }));
    if (note(seeded, 'term', term?.id, name) !== undefined && taxonomy === 'category') seeded.ids.category.push(term?.id ?? 0);
  }
  const displayName = payload.slice(0, DISPLAY_NAME_MAX);
  const person = await storedOrRefused(() =>
    app.services.users.create({ email: `xss-user-${i}@example.test`, login: `xss-user-${i}`, displayName, bio: payload, role: 'subscriber' }));
  if (note(seeded, 'user', person?.id, displayName) !== undefined) seeded.ids.user.push(person?.id ?? 0);
}

/** A few images (one upload each is the slow part), named and described with payloads cut to the fields' limits. */
async function storeMedia(app: App, seeded: Seeded, admin: User): Promise<void> {
  for (const [i, payload] of sample.filter((_, n) => n % 10 === 0).entries()) {
    const item = await app.services.media.upload({ content: await makeImage(8, 8), originalName: `${payload.slice(0, 60)}.png` }, admin);
    const title = payload.slice(0, MEDIA_LIMITS.title).trim() || `Item ${i}`;
    const described = { altText: payload.slice(0, MEDIA_LIMITS.altText), caption: payload.slice(0, MEDIA_LIMITS.caption), description: payload };
    await app.services.media.update(item.id, { title, ...described }, admin);
    seeded.ids.media.push(item.id);
    note(seeded, 'media', item.id, title);
  }
}

async function seed(app: App, admin: User): Promise<Seeded> {
  const seeded: Seeded = {
    ids: { comment: [], post: [], category: [], user: [], media: [] },
    escaped: { comment: [], post: [], term: [], user: [], media: [] },
    refused: { comment: 0, post: 0, term: 0, user: 0, media: 0 },
  };
  const by = { host: (await buildPost(app, { title: 'Host of the held comments' })).id, contributor: await createStaff(app, 'contributor') };
  for (const [i, payload] of sample.entries()) await storeEverywhere(app, seeded, by, payload, i);
  // The Dashboard's recent drafts are the signed-in person's own: a few of the administrator's, by title.
  for (const payload of sample.slice(0, 5)) {
    await storedOrRefused(() => app.services.posts.create({ title: payload, source: 'Draft.', status: 'draft' }, admin, admin));
  }
  await storeMedia(app, seeded, admin);
  return seeded;
}

describeInBrowser('XSS corpus payloads stored as user text are inert on every staff screen in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let seeded: Seeded | undefined;

  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchBrowser();
    const admin = await createStaff(served.app, 'administrator');
    seeded = await seed(served.app, admin);
    context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/admin/login`);
    await page.fill('input[name="email"]', admin.email);
    await page.fill('input[name="password"]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/(?!login)/), page.click('main button[type="submit"]')]);
    await page.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  function ready(): { baseUrl: string; context: BrowserContext; seeded: Seeded } {
    if (!served || !context || !seeded) throw new Error('beforeAll did not finish');
    return { baseUrl: served.baseUrl, context, seeded };
  }

  /**
   * Opens `path` with its scripts, lets `act` work on it, and returns what was wrong on it. Guards against a vacuous
   * pass: the page as served holds at least one stored payload of `kind`, escaped as the theme escapes it.
   */
  async function findingsOn(path: string, kind: Kind, act?: (page: Page) => Promise<void>): Promise<string[]> {
    const { baseUrl, context: ctx, seeded: stored } = ready();
    const url = `${baseUrl}${path}`;
    // The page as served, read apart from the browser's copy (which injected markup may navigate away from).
    const served = await ctx.request.get(url, { maxRedirects: 0 });
    expect(served.status(), `${path} (signed in)`).toBe(200);
    const body = await served.text();
    expect(stored.escaped[kind].some((shown) => shown !== '' && body.includes(shown)), `${path} shows a ${kind} payload`).toBe(true);
    const page = await ctx.newPage();
    try {
      const problems = collectPageProblems(page);
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      const ownProblems = () => problems.filter((problem) => !isPayloadsMissingFile(problem, baseUrl));
      // A <base>, a refresh or a script that moved the page: the DOM to inspect is gone, and that is the finding.
      if (page.url() !== url) return [`navigated away to ${page.url()}`, ...ownProblems()];
      await act?.(page);
      return [...(await inertnessReport(page)), ...ownProblems()];
    } finally {
      await page.close();
    }
  }

  /** Every finding of every page, by path: one failure lists them all. */
  async function checkAll(visits: readonly [string, Kind, ((page: Page) => Promise<void>)?][]): Promise<void> {
    const findings: Record<string, readonly string[]> = {};
    for (const [path, kind, act] of visits) {
      const found = await findingsOn(path, kind, act);
      if (found.length > 0) findings[path] = found;
    }
    expect(findings).toEqual({});
  }

  const pagesOf = (base: string, kind: Kind): [string, Kind][] =>
    Array.from({ length: PAGES }, (_, i) => [`${base}${base.includes('?') ? '&' : '?'}paged=${i + 1}`, kind]);
  const some = (ids: readonly number[]): number[] => [ids[0], ids[Math.floor(ids.length / 2)], ids.at(-1)].filter((id) => id !== undefined);

  it('most sampled payloads were stored in every field; the rest were refused as bad input', () => {
    const { seeded: stored } = ready();
    expect(sample.length).toBe(SAMPLE_SIZE);
    expect(stored.ids.comment.length).toBe(SAMPLE_SIZE);
    const kinds = ['post', 'term', 'user'] as const;
    const share = (kind: Kind) => stored.escaped[kind].length / (stored.escaped[kind].length + stored.refused[kind]);
    expect(kinds.filter((kind) => share(kind) < 0.8), JSON.stringify(stored.refused)).toEqual([]);
    // Enough of each to fill every page visited below.
    expect(stored.ids.post.length).toBeGreaterThan((PAGES - 1) * 20);
    expect(stored.ids.user.length).toBeGreaterThan((PAGES - 1) * 20);
    expect(stored.ids.category.length).toBeGreaterThan((PAGES - 1) * 20);
  });

  it('the Dashboard and every page of held comments, and their edit screens, are inert', async () => {
    const { seeded: stored } = ready();
    await checkAll([
      ['/admin/', 'comment'],
      ...pagesOf('/admin/comments', 'comment'),
      ...some(stored.ids.comment).map((id): [string, Kind] => [`/admin/comments/${id}/edit`, 'comment']),
    ]);
  }, 300_000);

  it('every page of posts, and the editor with its live preview of typed payloads, are inert', async () => {
    const { seeded: stored } = ready();
    let typed = 0;
    // Types payloads into the text and waits for the preview of each (its marker line) to be in the page.
    const typeIntoPreview = async (page: Page) => {
      for (const payload of sample.slice(typed, typed + 4)) {
        const marker = `preview-marker-${++typed}`;
        await page.fill('#content', `${marker}\n\n${payload}`);
        await page.click('[data-preview-button]');
        await page.locator('[data-preview-pane]', { hasText: marker }).waitFor();
      }
    };
    await checkAll([
      ...pagesOf('/admin/posts?post_status=pending', 'post'),
      ...some(stored.ids.post).map((id): [string, Kind, typeof typeIntoPreview] => [`/admin/posts/${id}/edit`, 'post', typeIntoPreview]),
    ]);
    expect(typed).toBe(12);
  }, 300_000);

  it('every page of categories, tags and users, their edit screens, and the media library are inert', async () => {
    const { seeded: stored } = ready();
    await checkAll([
      ...pagesOf('/admin/categories', 'term'),
      ...pagesOf('/admin/tags', 'term'),
      ...some(stored.ids.category).map((id): [string, Kind] => [`/admin/categories/${id}/edit`, 'term']),
      ...pagesOf('/admin/users', 'user'),
      ...some(stored.ids.user).map((id): [string, Kind] => [`/admin/users/${id}`, 'user']),
      ['/admin/media', 'media'],
      ...some(stored.ids.media).map((id): [string, Kind] => [`/admin/media/${id}`, 'media']),
    ]);
  }, 300_000);
});
