// What every public page says about itself: feed autodiscovery, the REST API Link header, canonical,
// OpenGraph and Twitter meta, oEmbed discovery, and JSON-LD that a title cannot break out of.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { jsonForScript } from '../../themes/default/head.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { type Page, parseHtml } from '../support/html.js';

const BASE = 'http://blog.test';
const BREAKOUT_TITLE = 'Break </script><script>alert(1)</script> <!-- out & "in"';

describe('discovery and sharing metadata', () => {
  let app: TestApp;
  let post: Post;
  let page: Post;
  const fetch = async (url: string) => {
    const response = await app.server.inject(url);
    return { response, $: parseHtml(response.body) };
  };
  const alternates = ($: Page) =>
    $('head link[rel="alternate"]').map((_, el) => ({ type: $(el).attr('type'), title: $(el).attr('title'), href: $(el).attr('href') })).get();
  const link = ($: Page, rel: string) => $(`head link[rel="${rel}"]`).attr('href');
  const meta = ($: Page, key: string) => $(`head meta[property="${key}"], head meta[name="${key}"]`).attr('content');

  beforeAll(async () => {
    app = await createTestApp();
    const author = await buildAuthor(app, { login: 'fern', displayName: 'Fern Okoro' });
    const category = await buildCategory(app, { name: 'Craft', slug: 'craft' });
    const { id: mediaId } = await app.db.kysely
      .insertInto('media')
      .values({
        authorId: author.id, postId: null, filePath: '2026/04/plane.jpg', originalName: 'plane.jpg', mimeType: 'image/jpeg',
        sizeBytes: 1000, width: 1200, height: 800, altText: 'A plane', guid: null, createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    post = await buildPost(app, {
      title: BREAKOUT_TITLE, source: 'The text of the post.', publishedAt: '2026-04-04T08:00:00Z', author, categories: [category],
      featuredMediaId: mediaId,
    });
    page = await buildPage(app, { title: 'About us', slug: 'about', source: 'Who we are.' });
  });
  afterAll(async () => app.close());

  it('links the site’s feeds from the home page, and says it is a website', async () => {
    const { response, $ } = await fetch('/');
    expect(alternates($)).toEqual([
      { type: 'application/rss+xml', title: 'Quire » Feed', href: `${BASE}/feed/` },
      { type: 'application/rss+xml', title: 'Quire » Comments Feed', href: `${BASE}/comments/feed/` },
    ]);
    expect(response.headers.link).toBe(`<${BASE}/wp-json/>; rel="https://api.w.org/"`);
    expect(link($, 'https://api.w.org/')).toBe(`${BASE}/wp-json/`);
    expect(link($, 'shortlink')).toBeUndefined();
    expect([meta($, 'og:type'), meta($, 'og:site_name'), meta($, 'og:url'), meta($, 'twitter:card')]).toEqual(['website', 'Quire', `${BASE}/`, 'summary']);
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
  });

  it('adds an archive’s own feed on category, tag and author archives', async () => {
    const category = alternates((await fetch('/category/craft/')).$);
    expect(category[2]).toEqual({ type: 'application/rss+xml', title: 'Quire » Craft Category Feed', href: `${BASE}/category/craft/feed/` });
    const author = alternates((await fetch('/author/fern/')).$);
    expect(author[2]).toEqual({ type: 'application/rss+xml', title: 'Quire » Posts by Fern Okoro Feed', href: `${BASE}/author/fern/feed/` });
  });

  it('gives a post its comments feed, REST and oEmbed links, shortlink, canonical, OpenGraph article meta and a large image card', async () => {
    const { response, $ } = await fetch(permalinkOf(post));
    const url = `${BASE}${permalinkOf(post)}`;
    const embed = `${BASE}/wp-json/oembed/1.0/embed?url=${encodeURIComponent(url)}`;
    expect(alternates($).slice(2)).toEqual([
      { type: 'application/rss+xml', title: `Quire » ${BREAKOUT_TITLE} Comments Feed`, href: `${url}feed/` },
      { type: 'application/json', title: undefined, href: `${BASE}/wp-json/wp/v2/posts/${post.id}` },
      { type: 'application/json+oembed', title: undefined, href: embed },
      { type: 'text/xml+oembed', title: undefined, href: `${embed}&format=xml` },
    ]);
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect(link($, 'shortlink')).toBe(`${BASE}/?p=${post.id}`);
    expect(response.headers.link).toBe(`<${BASE}/wp-json/>; rel="https://api.w.org/"`);
    expect(meta($, 'og:type')).toBe('article');
    expect(meta($, 'og:title')).toBe(BREAKOUT_TITLE);
    expect(meta($, 'og:url')).toBe(url);
    expect(meta($, 'og:description')).toBe('The text of the post.');
    expect(meta($, 'og:image')).toBe(`${BASE}/uploads/2026/04/plane.jpg`);
    expect(meta($, 'og:image:alt')).toBe('A plane');
    expect(meta($, 'article:published_time')).toBe('2026-04-04T08:00:00.000Z');
    expect(meta($, 'twitter:card')).toBe('summary_large_image');
  });

  it('describes a post as a BlogPosting in JSON-LD that a </script> in its title cannot end', async () => {
    const { response, $ } = await fetch(permalinkOf(post));
    const scripts = $('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    // The title's own <script> never became an element: the only scripts are ours.
    expect($('script:not([src]):not([type="application/ld+json"])')).toHaveLength(0);
    expect(response.body).not.toContain('</script><script>alert(1)');
    const data = JSON.parse(scripts.text()) as Record<string, unknown>;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: BREAKOUT_TITLE,
      datePublished: '2026-04-04T08:00:00.000Z',
      author: { '@type': 'Person', name: 'Fern Okoro', url: `${BASE}/author/fern/` },
      publisher: { '@type': 'Organization', name: 'Quire', url: `${BASE}/` },
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${BASE}${permalinkOf(post)}` },
      image: `${BASE}/uploads/2026/04/plane.jpg`,
    });
    expect(typeof data.dateModified).toBe('string');
  });

  it('gives a page its REST and oEmbed links and article meta, but no comments feed and no BlogPosting', async () => {
    const { $ } = await fetch('/about/');
    const links = alternates($);
    expect(links.map((l) => l.type)).toEqual(['application/rss+xml', 'application/rss+xml', 'application/json', 'application/json+oembed', 'text/xml+oembed']);
    expect(links[2]?.href).toBe(`${BASE}/wp-json/wp/v2/pages/${page.id}`);
    expect(links[3]?.href).toBe(`${BASE}/wp-json/oembed/1.0/embed?url=${encodeURIComponent(`${BASE}/about/`)}`);
    expect(meta($, 'og:type')).toBe('article');
    expect(meta($, 'twitter:card')).toBe('summary');
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
  });

  it('escapes every character that could end a script element or open a comment', () => {
    const text = jsonForScript({ t: '</script><!-- & \u2028' });
    expect(text).toBe('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(text)).toEqual({ t: '</script><!-- & \u2028' });
  });
});
