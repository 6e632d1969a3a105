// axe-core in chromium on every staff screen an administrator can open (read from the registered routes, so a new
// screen is covered without editing this file) and on each kind of public page: no serious or critical violation.
// Lesser ones are printed for whoever reads the log. axe is injected by the test (the page's CSP is bypassed for it).
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { registeredRoutes } from '../../src/http/access.js';
import { type ServedApp, describeInBrowser, launchBrowser, serveTestApp } from '../support/browser.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { STAFF_PASSWORD, createStaff } from '../support/session.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['serious', 'critical']);

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

describeInBrowser('accessibility (axe-core) of the admin screens and the public pages', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let admin: BrowserContext | undefined;
  let reader: BrowserContext | undefined;
  let administrator: User | undefined;

  beforeAll(async () => {
    served = await serveTestApp({ seed: 'demo' });
    browser = await launchBrowser();
    const { app, baseUrl } = served;
    administrator = await createStaff(app, 'administrator', { email: 'a11y@example.test' });
    // axe is injected as a script of the test's own: the context bypasses the page's CSP for it, and only for it.
    admin = await browser.newContext({ bypassCSP: true });
    reader = await browser.newContext({ bypassCSP: true });
    const page = await admin.newPage();
    await page.goto(`${baseUrl}/admin/login`);
    await page.fill('#field-email', 'a11y@example.test');
    await page.fill('#field-password', STAFF_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${baseUrl}/admin/`);
    await page.close();
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await reader?.close();
    await browser?.close();
    await served?.close();
  });

  /** The serious and critical violations on `path` (as "path: rule (targets)"); the others are printed. */
  async function audit(context: BrowserContext, path: string): Promise<string[]> {
    if (!served) throw new Error('beforeAll did not finish');
    const page: Page = await context.newPage();
    try {
      const response = await page.goto(`${served.baseUrl}${path}`);
      if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) return [];
      await page.addScriptTag({ path: AXE_PATH });
      // A string: the page's own globals (axe, document), which Node's types do not know.
      const { violations } = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: AxeViolation[] };
      const line = (v: AxeViolation) => `${path}: ${v.impact ?? 'unknown'} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`;
      for (const v of violations.filter((x) => !BLOCKING.has(x.impact ?? ''))) console.log(`axe (not blocking) ${line(v)}`);
      return violations.filter((v) => BLOCKING.has(v.impact ?? '')).map(line);
    } finally {
      await page.close();
    }
  }

  /** Samples for the routes with parameters: the first id of each kind that exists. */
  async function samples(): Promise<Map<string, string>> {
    if (!served) throw new Error('beforeAll did not finish');
    const { app } = served;
    const db = app.db.kysely;
    const post = await buildPost(app, { title: 'An accessible post' });
    const commentId = await buildComment(app, post, { status: 'pending' });
    const page = await db.selectFrom('posts').select('id').where('type', '=', 'page').executeTakeFirst();
    const category = await db.selectFrom('terms').select('id').where('taxonomy', '=', 'category').executeTakeFirst();
    const tag = await db.selectFrom('terms').select('id').where('taxonomy', '=', 'post_tag').executeTakeFirst();
    const other = await createStaff(app, 'author');
    // An image in the library, so that its pages (item, delete) are audited too.
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#335577' } }).png().toBuffer();
    const media = administrator ? await app.services.media.upload({ content: png, originalName: 'audited.png' }, administrator) : undefined;
    const ids: Record<string, number | undefined> = {
      posts: post.id, pages: page?.id, comments: commentId, categories: category?.id, tags: tag?.id, users: other.id, media: media?.id,
    };
    return new Map(Object.entries(ids).filter((e): e is [string, number] => e[1] !== undefined).map(([k, v]) => [k, String(v)]));
  }

  /** Every GET page under /admin/ an administrator may open: plain routes as they are, :id routes with a sample id. */
  async function adminPaths(): Promise<string[]> {
    if (!served) throw new Error('beforeAll did not finish');
    const ids = await samples();
    const paths: string[] = [];
    for (const route of registeredRoutes(served.app.server)) {
      if (route.method !== 'GET' || !route.url.startsWith('/admin/') || route.url === '/admin/login') continue;
      const params = route.url.match(/:[a-z]+/gi) ?? [];
      if (params.length === 0) paths.push(route.url);
      else if (params.length === 1 && params[0] === ':id') {
        const kind = route.url.split('/')[2] ?? '';
        const id = ids.get(kind);
        if (id) paths.push(route.url.replace(':id', id));
        else console.log(`axe: no sample for ${route.url}`);
      } else console.log(`axe: no sample for ${route.url}`);
    }
    return paths;
  }

  it('finds no serious or critical violation on any staff screen an administrator can open', async () => {
    if (!admin || !served) throw new Error('beforeAll did not finish');
    const paths = await adminPaths();
    for (const expected of ['/admin/', '/admin/comments', '/admin/users', '/admin/users/new', '/admin/profile']) expect(paths).toContain(expected);
    const problems: string[] = [];
    for (const path of paths) {
      const status = (await served.app.server.inject({ method: 'GET', url: path, headers: { cookie: await cookieHeader(admin) } })).statusCode;
      if (status !== 200) {
        console.log(`axe: ${path} answers ${status} to an administrator, not audited`);
        continue;
      }
      problems.push(...(await audit(admin, path)));
    }
    // The sign-in page, as an anonymous visitor sees it.
    if (reader) problems.push(...(await audit(reader, '/admin/login')));
    expect(problems).toEqual([]);
  }, 480_000);

  it('finds no serious or critical violation on each kind of public page', async () => {
    if (!reader || !served) throw new Error('beforeAll did not finish');
    const { app } = served;
    const withComments = await app.db.kysely.selectFrom('posts').select(['slug', 'publishedLocal']).where('type', '=', 'post')
      .where('status', '=', 'published').where('commentCount', '>', 0).executeTakeFirstOrThrow();
    const postPath = permalinkOf(withComments);
    const $ = parseHtml((await app.server.inject({ method: 'GET', url: postPath })).body);
    const firstHref = (prefix: string) => $(`a[href^="${prefix}"]`).first().attr('href') ?? `${prefix}missing/`;
    const page = await app.db.kysely.selectFrom('posts').select('slug').where('type', '=', 'page').where('status', '=', 'published').executeTakeFirst();
    const paths = [
      '/', postPath, page ? `/${page.slug}/` : '/', firstHref('/category/'), firstHref('/tag/'), firstHref('/author/'),
      `/${(withComments.publishedLocal ?? '2026').slice(0, 4)}/`, '/?s=the', '/no-such-page-at-all/', '/account/login', '/account/register',
    ];
    const problems: string[] = [];
    for (const path of paths) problems.push(...(await audit(reader, path)));
    expect(problems).toEqual([]);
  }, 480_000);
});

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
