// The home page: newest published posts first, paged, with the site's menu, sidebar and headers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { attrsOf, cardTitles, fetchPage, textsOf } from '../support/pages.js';

// Twelve published posts: "March post N" on 2025-03-N for N = 1..11, and one older post in February 2025;
// besides them one post of every unpublished status, two top-level pages, a child page and a draft page.
describe('the home page', () => {
  let app: TestApp;
  let author: User;
  let woodwork: Term;
  let kitchen: Term;
  const published: Post[] = [];
  let older: Post;

  beforeAll(async () => {
    app = await createTestApp();
    author = await buildAuthor(app, { login: 'wren', displayName: 'Wren Adler' });
    woodwork = await buildCategory(app, { name: 'Woodwork' });
    kitchen = await buildCategory(app, { name: 'Kitchen' });
    older = await buildPost(app, { title: 'An older post', publishedAt: '2025-02-20T10:00:00.000Z', author, categories: [kitchen] });
    for (let day = 1; day <= 11; day++) {
      const date = `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      published.push(
        await buildPost(app, {
          title: `March post ${day}`,
          source: `The **full text** of March post ${day}, which is long enough to be cut into an excerpt. ${'More words follow here. '.repeat(20)}`,
          publishedAt: date,
          author,
          categories: day % 2 === 0 ? [woodwork, kitchen] : [woodwork],
        }),
      );
    }
    for (const status of ['draft', 'pending', 'private', 'trash', 'scheduled'] as const) {
      await buildPost(app, { title: `Hidden ${status} post`, status, publishedAt: '2025-03-30T10:00:00.000Z', author, categories: [woodwork] });
    }
    await buildPage(app, { title: 'Colophon', slug: 'colophon', menuOrder: 2, publishedAt: '2025-03-31T10:00:00.000Z', author });
    const about = await buildPage(app, { title: 'About us', slug: 'about', menuOrder: 1, publishedAt: '2025-03-31T10:00:00.000Z', author });
    await buildPage(app, { title: 'Team', slug: 'team', parentId: about.id, author });
    await buildPage(app, { title: 'Unfinished page', status: 'draft', author });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ postsPerPage: 10, listContent: 'full' });
  });

  it('lists the ten newest published posts, newest first', async () => {
    const { status, $ } = await fetchPage(app, '/');
    expect(status).toBe(200);
    expect(cardTitles($)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((day) => `March post ${day}`));
    const dates = attrsOf($, 'main article.post time', 'datetime');
    expect(dates).toEqual([...dates].sort().reverse());
    expect($('.pagination .page-count').text()).toBe('Page 1 of 2');
    expect($('.pagination a.older').attr('href')).toBe('/page/2/');
    expect($('.pagination a.newer').length).toBe(0);
  });

  it('shows as many posts per page as the postsPerPage setting says', async () => {
    await app.services.settings.update({ postsPerPage: 4 });
    const { $ } = await fetchPage(app, '/');
    expect(cardTitles($)).toEqual(['March post 11', 'March post 10', 'March post 9', 'March post 8']);
    expect($('.pagination .page-count').text()).toBe('Page 1 of 3');
  });

  it('serves the older posts at /page/2/ and at ?paged=2', async () => {
    for (const url of ['/page/2/', '/?paged=2']) {
      const { status, $ } = await fetchPage(app, url);
      expect(status, url).toBe(200);
      expect(cardTitles($), url).toEqual(['March post 1', 'An older post']);
      expect($('.pagination a.newer').attr('href'), url).toBe('/');
      expect($('.pagination a.older').length, url).toBe(0);
    }
  });

  it('serves /page/1/ as the first page, with the home page as its canonical address', async () => {
    const { status, $ } = await fetchPage(app, '/page/1/');
    expect(status).toBe(200);
    expect(cardTitles($)[0]).toBe('March post 11');
    expect($('link[rel="canonical"]').attr('href')).toBe('http://blog.test/');
  });

  it('answers a page past the last with a 404 page', async () => {
    for (const url of ['/page/3/', '/?paged=3', '/page/100000/']) {
      const { status, $ } = await fetchPage(app, url);
      expect(status, url).toBe(404);
      expect($('h1').text(), url).toBe('Page not found');
    }
  });

  it('shows each card with its permalink, date, author and category links', async () => {
    const { $ } = await fetchPage(app, '/');
    const post = published[9] as Post; // March post 10, filed under both categories
    const card = $(`article#post-${post.id}`);
    expect(card.length).toBe(1);
    expect(card.find('h2.entry-title a').attr('href')).toBe(permalinkOf(post));
    expect(card.find('h2.entry-title a').text()).toBe('March post 10');
    expect(permalinkOf(post)).toBe('/2025/03/10/march-post-10/');
    expect(card.find('time').attr('datetime')).toBe('2025-03-10T10:00:00.000Z');
    expect(card.find('time').text()).toBe('March 10, 2025');
    expect(card.find('a.author').attr('href')).toBe('/author/wren/');
    expect(card.find('a.author').text()).toBe('Wren Adler');
    expect(card.find('.cat-links').text().replace(/\s+/g, ' ').trim()).toBe('Categories: Kitchen, Woodwork');
    expect(attrsOf($, `article#post-${post.id} .cat-links a`, 'href')).toEqual([`/category/${kitchen.slug}/`, `/category/${woodwork.slug}/`]);
  });

  it('shows the full text by default and excerpts when listContent is "excerpt"', async () => {
    const full = await fetchPage(app, '/');
    const first = full.$('main article.post').first();
    expect(first.find('.entry-content strong').text()).toBe('full text');
    expect(first.find('.entry-summary').length).toBe(0);

    await app.services.settings.update({ listContent: 'excerpt' });
    const { $ } = await fetchPage(app, '/');
    const card = $('main article.post').first();
    expect(card.find('.entry-content').length).toBe(0);
    const summary = card.find('.entry-summary p').first().text();
    expect(summary.startsWith('The full text of March post 11')).toBe(true);
    expect(summary.endsWith('[…]')).toBe(true);
    expect(card.find('.entry-summary strong').length).toBe(0);
    expect(card.find('a.more-link').attr('href')).toBe(permalinkOf(published[10] as Post));
  });

  it('never lists drafts, pending, private, trashed or scheduled posts, nor pages', async () => {
    const titles = [...cardTitles((await fetchPage(app, '/')).$), ...cardTitles((await fetchPage(app, '/page/2/')).$)];
    expect(titles).toHaveLength(12);
    expect(titles.filter((t) => t.startsWith('Hidden'))).toEqual([]);
    expect(titles).not.toContain('About us');
    expect(titles).not.toContain('Colophon');
    expect(titles).toContain(older.title);
  });

  it('lists the published top-level pages in the menu, in menu order', async () => {
    const { $ } = await fetchPage(app, '/');
    expect(textsOf($, 'nav.site-menu a')).toEqual(['About us', 'Colophon']);
    expect(attrsOf($, 'nav.site-menu a', 'href')).toEqual(['/about/', '/colophon/']);
  });

  it('shows the sidebar widgets: search, recent posts, categories with counts, archives by month', async () => {
    const { $ } = await fetchPage(app, '/');
    expect($('aside.sidebar form[role="search"] input[name="s"]').length).toBe(1);
    expect(textsOf($, '.widget-recent li a')).toEqual(['March post 11', 'March post 10', 'March post 9', 'March post 8', 'March post 7']);
    expect(textsOf($, '.widget-categories li')).toEqual(['Kitchen (6)', 'Woodwork (11)']);
    expect(attrsOf($, '.widget-categories li a', 'href')).toEqual([`/category/${kitchen.slug}/`, `/category/${woodwork.slug}/`]);
    expect(textsOf($, '.widget-archives li')).toEqual(['March 2025 (11)', 'February 2025 (1)']);
    expect(attrsOf($, '.widget-archives li a', 'href')).toEqual(['/2025/03/', '/2025/02/']);
  });

  it('names the language and sends the security headers', async () => {
    const response = await app.server.inject('/');
    expect(parseHtml(response.body)('html').attr('lang')).toBe('en');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('links a stylesheet that is served with a long, immutable cache lifetime', async () => {
    const { $ } = await fetchPage(app, '/');
    const href = $('link[rel="stylesheet"]').attr('href') ?? '';
    expect(href).toMatch(/^\/assets\/quire\.[0-9a-f]+\.css$/);
    const css = await app.server.inject(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(String(css.headers['cache-control'])).toMatch(/max-age=\d{7,}/);
    expect(String(css.headers['cache-control'])).toContain('immutable');
    expect(css.body.length).toBeGreaterThan(0);
    expect((await app.server.inject('/assets/quire.0000000000.css')).statusCode).toBe(404);
  });
});
