// Settings → Permalinks reaches every link the site makes: for each structure, the feeds (item link, its comments
// feed, comment links), the sitemap, the REST `link`, oEmbed (discovery and lookup) and the comment mail name the
// post's current address, which answers 200 itself (never a 301 on the way). Mail is read from a real SMTP server.
import * as cheerio from 'cheerio';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMALINK_STRUCTURES, type PermalinkStructure, type Post } from '../../src/features/posts/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildAuthor, buildComment, buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { runJobsUntilIdle } from '../support/jobs.js';
import { expectNoInternals } from '../support/pages.js';
import { type TestSmtpServer, startSmtpServer } from '../support/smtp.js';

const SITE = 'http://blog.test';

/** The post's address in each structure, written out by hand (not computed by the code under test). */
const EXPECTED: Readonly<Record<PermalinkStructure, (post: Post) => string>> = {
  '/%year%/%monthnum%/%day%/%postname%/': (post) => `/2026/05/01/${post.slug}/`,
  '/%year%/%monthnum%/%postname%/': (post) => `/2026/05/${post.slug}/`,
  '/archives/%post_id%': (post) => `/archives/${post.id}/`,
  '/%postname%/': (post) => `/${post.slug}/`,
};

let app: TestApp;
let smtp: TestSmtpServer;
let author: User;
let post: Post;
let commentId: number;
let sequence = 0;

const get = (url: string) => app.server.inject({ method: 'GET', url });

/** `url` is on this site and answers 200 itself. */
async function expectLive(url: string | undefined): Promise<void> {
  expect(url?.startsWith(`${SITE}/`), url).toBe(true);
  const response = await get((url as string).slice(SITE.length));
  expect(response.statusCode, url).toBe(200);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await createTestApp({ clock: mutableClock('2026-06-01T10:00:00Z'), config: { smtpUrl: smtp.url } });
  await app.services.settings.update({
    commentManualApproval: false, commentPreviouslyApproved: false, commentNotifyAuthor: true, commentNotifyModeration: false,
    commentMinFillSeconds: 0, commentFloodSeconds: 0, commentIpLimitPerHour: 1_000_000, commentSpamThreshold: 100,
  });
  author = await buildAuthor(app, { displayName: 'Ada Author' });
  post = await buildPost(app, { title: 'Moving house', slug: 'moving-house', author, publishedAt: '2026-05-01T09:00:00Z' });
  commentId = await buildComment(app, post, { authorName: 'Jules', source: 'Welcome home.', createdAt: '2026-05-02T10:00:00Z' });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe.each(PERMALINK_STRUCTURES)('with the structure %s', (structure) => {
  let permalink: string;

  beforeAll(async () => {
    await app.services.settings.update({ permalinkStructure: structure });
    permalink = `${SITE}${EXPECTED[structure](post)}`;
  });

  it('the site feed links the post, and its comments feed, at the current address', async () => {
    const [item] = parseRssFeed((await get('/feed/')).body).items ?? [];
    expect(item?.link).toBe(permalink);
    expect(item?.wfw?.commentRss).toBe(`${permalink}feed/`);
    await expectLive(item?.link);
    await expectLive(item?.wfw?.commentRss);
    const json = parseJsonFeed((await get('/feed/json/')).body);
    expect(json.items?.[0]?.url).toBe(permalink);
  });

  it('the comments feeds link the post and the comment at the current address', async () => {
    const own = parseRssFeed((await get(`${EXPECTED[structure](post)}feed/`)).body);
    expect(own.link).toBe(permalink);
    const site = parseRssFeed((await get('/comments/feed/')).body);
    // The mail tests below add comments: every entry is checked, the first comment among them.
    for (const feed of [own, site]) {
      const links = (feed.items ?? []).map((item) => item.link ?? '');
      expect(links).toContain(`${permalink}#comment-${commentId}`);
      expect(links.filter((link) => !link.startsWith(`${permalink}#comment-`))).toEqual([]);
    }
  });

  it('the comments feed at another structure\'s address answers 301 to the current one, its format kept', async () => {
    const others = PERMALINK_STRUCTURES.filter((s) => s !== structure).map((s) => EXPECTED[s](post));
    for (const other of others) {
      const moved = await get(`${other}feed/atom/`);
      expect(moved.statusCode, other).toBe(301);
      expect(moved.headers.location).toBe(`${EXPECTED[structure](post)}feed/atom/`);
    }
  });

  it('the sitemap lists the current address only', async () => {
    const $ = cheerio.load((await get('/sitemap-posts-1.xml')).body, { xml: true });
    const locs = $('url > loc').map((_, el) => $(el).text()).get();
    expect(locs).toEqual([permalink]);
    await expectLive(locs[0]);
  });

  it('the REST API gives the current address as `link`, in the post and in search', async () => {
    expect((await get(`/wp-json/wp/v2/posts/${post.id}`)).json()).toMatchObject({ link: permalink });
    expect((await get('/wp-json/wp/v2/search?search=Moving')).json()).toEqual([expect.objectContaining({ id: post.id, url: permalink })]);
  });

  it('oEmbed is discovered with the current address and answers for it', async () => {
    const page = parseHtml((await get(EXPECTED[structure](post))).body);
    const discovery = new URL(page('link[type="application/json+oembed"]').attr('href') ?? '');
    expect(discovery.searchParams.get('url')).toBe(permalink);
    const oembed = await get(`${discovery.pathname}${discovery.search}`);
    expect(oembed.statusCode).toBe(200);
    expect(oembed.json()).toMatchObject({ title: 'Moving house', type: 'link' });
    // Links made under an earlier structure still name the post, as the site answers them (with a 301).
    for (const other of PERMALINK_STRUCTURES.map((s) => EXPECTED[s](post))) {
      const old = await get(`/wp-json/oembed/1.0/embed?url=${encodeURIComponent(`${SITE}${other}`)}`);
      expect(old.statusCode, other).toBe(200);
    }
  });

  it('the new-comment mail links the comment at the current address', async () => {
    const { id } = await app.services.comments.submit(
      {
        postId: post.id, parentId: null, authorName: `Guest ${++sequence}`, authorEmail: `guest${sequence}@example.test`, authorUrl: '',
        source: `Comment ${sequence}, worth reading.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      },
      { ip: `198.51.100.${sequence}`, userAgent: 'vitest' },
    );
    await runJobsUntilIdle(app);
    const mail = smtp.messages.find((m) => m.to.includes(author.email) && m.text.includes(`#comment-${id}`));
    expect(mail?.text.split('\n')[1]).toBe(`${permalink}#comment-${id}`);
    smtp.clear();
  });
});

describe('a post\'s comments feed at an address that names no post', () => {
  it.each([
    ['an unknown slug', '/no-such-post/feed/'],
    ['an unknown format', '/moving-house/feed/xml/'],
    ['a numeric address past any id', '/archives/99999999999/feed/'],
    ['a month that does not exist', '/2026/13/moving-house/feed/'],
    ['an undecodable segment', '/%E0%A4%A/feed/'],
    ['a control character', '/moving%00house/feed/'],
    ['a script in the slug', '/%3Cscript%3Ealert(1)%3C%2Fscript%3E/feed/'],
    ['an oversized slug', `/${'a'.repeat(5_000)}/feed/`],
  ])('answers 404 for %s, never a redirect or a 500', async (name, url) => {
    const response = await get(url);
    // Fastify itself refuses a path parameter it cannot decode (400, through the same error page).
    expect(response.statusCode).toBe(name === 'an undecodable segment' ? 400 : 404);
    expect(response.headers.location).toBeUndefined();
    expectNoInternals(response.body);
  });
});
