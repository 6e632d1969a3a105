// Single posts and pages: what they show, their threaded comments, and how their addresses resolve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { attrsOf, expectThemedErrorPage, fetchPage, textsOf } from '../support/pages.js';

describe('a single post', () => {
  let app: TestApp;
  let author: User;
  let alpha: Term;
  let beta: Term;
  let first: Post;
  let middle: Post;
  let last: Post;

  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
    author = await buildAuthor(app, { login: 'quill', displayName: 'Quill Penrose' });
    alpha = await buildCategory(app, { name: 'Alpha topics' });
    beta = await buildCategory(app, { name: 'Beta topics' });
    // Years before the demo's posts, so the demo never sits between these three.
    first = await buildPost(app, { title: 'First of three', publishedAt: '2020-01-01T09:00:00.000Z', author });
    middle = await buildPost(app, {
      title: 'Middle of three',
      source: 'A paragraph with *emphasis*.\n\n## A subheading\n\nAnother paragraph.',
      publishedAt: '2020-01-02T09:00:00.000Z',
      author,
      categories: [beta, alpha],
      tags: ['gouache', 'paper'],
    });
    last = await buildPost(app, { title: 'Last of three', publishedAt: '2020-01-03T09:00:00.000Z', author });
  });
  afterAll(async () => app.close());

  it('renders the post at /YYYY/MM/DD/slug/ with title, date, author, text, terms and neighbours', async () => {
    expect(permalinkOf(middle)).toBe('/2020/01/02/middle-of-three/');
    const { status, $ } = await fetchPage(app, permalinkOf(middle));
    expect(status).toBe(200);
    const article = $(`article#post-${middle.id}`);
    expect(article.length).toBe(1);
    expect($('h1').length).toBe(1);
    expect(article.find('h1.entry-title').text()).toBe('Middle of three');
    expect(article.find('time').attr('datetime')).toBe('2020-01-02T09:00:00.000Z');
    expect(article.find('time').text()).toBe('January 2, 2020');
    expect(article.find('a.author').attr('href')).toBe('/author/quill/');
    expect(article.find('a.author').text()).toBe('Quill Penrose');
    expect(article.find('.entry-content em').text()).toBe('emphasis');
    expect(article.find('.entry-content h2').text()).toBe('A subheading');
    expect(article.find('.cat-links').text().replace(/\s+/g, ' ').trim()).toBe('Categories: Alpha topics, Beta topics');
    expect(attrsOf($, '.cat-links a', 'href')).toEqual([`/category/${alpha.slug}/`, `/category/${beta.slug}/`]);
    expect(textsOf($, '.tag-links a')).toEqual(['gouache', 'paper']);
    expect(attrsOf($, '.tag-links a', 'href')).toEqual(['/tag/gouache/', '/tag/paper/']);
    expect($('nav.post-navigation a[rel="prev"]').attr('href')).toBe(permalinkOf(first));
    expect($('nav.post-navigation a[rel="prev"]').text()).toContain('First of three');
    expect($('nav.post-navigation a[rel="next"]').attr('href')).toBe(permalinkOf(last));
    expect($('link[rel="canonical"]').attr('href')).toBe(`http://blog.test${permalinkOf(middle)}`);
  });

  it('has no previous link on the oldest post', async () => {
    const { $ } = await fetchPage(app, permalinkOf(first));
    expect($('a[rel="prev"]').length).toBe(0);
    expect($('a[rel="next"]').attr('href')).toBe(permalinkOf(middle));
  });

  it('answers 404 for an existing slug under the wrong date', async () => {
    for (const url of ['/2020/01/03/middle-of-three/', '/2021/01/02/middle-of-three/', '/2020/02/02/middle-of-three/']) {
      expect((await fetchPage(app, url)).status, url).toBe(404);
    }
  });

  it('redirects an address without its trailing slash to the slash URL, keeping the query', async () => {
    const response = await app.server.inject('/2020/01/02/middle-of-three?utm_source=feed&x=1');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/2020/01/02/middle-of-three/?utm_source=feed&x=1');
    const page = await app.server.inject('/about');
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe('/about/');
  });

  it('never redirects to another site when the path starts with several slashes', async () => {
    // A Location of //evil.example/ is protocol-relative: the browser would leave the site.
    for (const url of ['//evil.example', '///evil.example', '//evil.example/x?y=1']) {
      const response = await app.server.inject(url);
      expect([301, 404], url).toContain(response.statusCode);
      expect(String(response.headers.location ?? '/'), url).toMatch(/^\/(?![/\\])/);
    }
  });

  it('redirects /?p=ID to the permalink of a post and to the path of a page', async () => {
    const post = await app.server.inject(`/?p=${middle.id}`);
    expect(post.statusCode).toBe(301);
    expect(post.headers.location).toBe(permalinkOf(middle));
    const guides = await buildPage(app, { title: 'Guides', slug: 'guides', author });
    const knots = await buildPage(app, { title: 'Knots', slug: 'knots', parentId: guides.id, author });
    const page = await app.server.inject(`/?p=${knots.id}`);
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe('/guides/knots/');
  });

  it('answers 404 for /?p= of nothing, of a non-number and of a draft', async () => {
    const draft = await buildPost(app, { status: 'draft', author });
    for (const url of ['/?p=999999', '/?p=abc', '/?p=0', '/?p=-3', `/?p=${draft.id}`]) {
      const page = await fetchPage(app, url);
      expect(page.status, url).toBe(404);
      expectThemedErrorPage(page, 'The Offcut');
    }
  });

  it('answers 410 with the themed page for a trashed post', async () => {
    const post = await buildPost(app, { title: 'Soon gone', publishedAt: '2020-05-05T09:00:00.000Z', author });
    expect((await fetchPage(app, permalinkOf(post))).status).toBe(200);
    await app.services.posts.moveToTrash(post.id);
    const page = await fetchPage(app, permalinkOf(post));
    expect(page.status).toBe(410);
    expectThemedErrorPage(page, 'The Offcut');
    expect(page.$('main h1').text()).toBe('This page is gone');
    expect(page.$('main .error-page').text()).toContain('no longer available');
  });

  it('answers 404 for drafts, pending, private and scheduled posts, even at their would-be address', async () => {
    for (const status of ['draft', 'pending', 'private', 'scheduled'] as const) {
      const post = await buildPost(app, { status, publishedAt: '2020-06-06T09:00:00.000Z', author });
      const page = await fetchPage(app, permalinkOf(post));
      expect(page.status, status).toBe(404);
      expect(page.$('main h1').text(), status).toBe('Page not found');
    }
  });
});

describe('a single page', () => {
  let app: TestApp;
  let parent: Post;
  let child: Post;

  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
    const editor = await buildAuthor(app, { role: 'editor' });
    parent = await buildPage(app, { title: 'Handbook', slug: 'handbook', author: editor });
    child = await buildPage(app, { title: 'Style guide', slug: 'style-guide', parentId: parent.id, source: 'Use *short* sentences.', author: editor });
  });
  afterAll(async () => app.close());

  it('renders /about/ without a byline, terms or post navigation', async () => {
    const { status, $ } = await fetchPage(app, '/about/');
    expect(status).toBe(200);
    const article = $('article.page');
    expect(article.length).toBe(1);
    expect(article.find('h1').text()).toBe('About The Offcut');
    expect($('h1').length).toBe(1);
    expect($('.entry-meta, .byline, .cat-links, .post-navigation').length).toBe(0);
    expect(article.find('.entry-content p').length).toBeGreaterThan(0);
  });

  it('renders a nested page at /parent/child/ and not at /child/', async () => {
    const { status, $ } = await fetchPage(app, '/handbook/style-guide/');
    expect(status).toBe(200);
    expect($(`article#post-${child.id} h1`).text()).toBe('Style guide');
    expect($('.entry-content em').text()).toBe('short');
    expect((await fetchPage(app, '/style-guide/')).status).toBe(404);
    expect((await fetchPage(app, '/about/style-guide/')).status).toBe(404);
    expect((await fetchPage(app, '/handbook/')).status).toBe(200);
  });

  it('answers 404 for a draft page and 410 for a trashed one', async () => {
    const draft = await buildPage(app, { title: 'Not yet', slug: 'not-yet', status: 'draft' });
    expect((await fetchPage(app, `/${draft.slug}/`)).status).toBe(404);
    const old = await buildPage(app, { title: 'Old page', slug: 'old-page' });
    await app.services.posts.moveToTrash(old.id);
    expect((await fetchPage(app, '/old-page/')).status).toBe(410);
  });
});
