// Settings → Reading at /admin/settings/reading: a static homepage and a posts page that really work, posts per page,
// feed settings saved, and search engine visibility in robots.txt and on every public page; bad values refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const PATH = '/admin/settings/reading';

const LATEST = { showOnFront: 'posts', pageOnFront: '0', pageForPosts: '0', postsPerPage: '10', feedItems: '10', feedContent: 'full', discourageSearchEngines: '0' };

describe('Settings → Reading', () => {
  let app: TestApp;
  let admin: CookieJar;

  const send = async (fields: Readonly<Record<string, string>>, jar = admin) => {
    const { csrf } = await openForm(app, PATH, jar);
    return postForm(app, PATH, { _csrf: csrf, ...fields }, jar);
  };

  beforeAll(async () => {
    app = await createTestApp();
    const user = await createStaff(app, 'administrator');
    admin = await signIn(app, user.email, STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  it('shows WordPress’s fields with the current values and the published pages to choose from', async () => {
    const about = await buildPage(app, { title: 'About us', slug: 'about-us' });
    await buildPage(app, { title: 'Unfinished', status: 'draft' });
    const { $ } = await openForm(app, PATH, admin);
    expect($('h1').text()).toBe('Reading Settings');
    expect($('#field-showOnFront legend').text()).toBe('Your homepage displays');
    expect($('input[name="showOnFront"][value="posts"]').is('[checked]')).toBe(true);
    expect($('#field-pageOnFront option').map((_, o) => $(o).text()).get()).toEqual(['— Select —', 'About us']);
    expect($(`#field-pageForPosts option[value="${about.id}"]`).length).toBe(1);
    expect($('label[for="field-postsPerPage"]').text()).toBe('Blog pages show at most');
    expect($('#field-postsPerPage').val()).toBe('10');
    expect($('label[for="field-feedItems"]').text()).toBe('Syndication feeds show the most recent');
    expect($('#field-feedContent legend').text()).toBe('For each post in a feed, include');
    expect($('label[for="field-discourageSearchEngines"]').text().trim()).toBe('Discourage search engines from indexing this site');
  });

  it('makes a static page the homepage and another page list the posts, a page at a time', async () => {
    const home = await buildPage(app, { title: 'Welcome home', slug: 'welcome', source: 'The static front page.' });
    const blog = await buildPage(app, { title: 'Journal', slug: 'journal', source: 'Never shown: this page lists the posts.' });
    const [older, newer] = [
      await buildPost(app, { title: 'Older entry', publishedAt: '2026-01-01T10:00:00.000Z' }),
      await buildPost(app, { title: 'Newer entry', publishedAt: '2026-02-01T10:00:00.000Z' }),
    ];
    const response = await send({
      ...LATEST, showOnFront: 'page', pageOnFront: String(home.id), pageForPosts: String(blog.id), postsPerPage: '1', feedItems: '5', feedContent: 'excerpt',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${PATH}?settings-updated=true`);
    expect(await app.services.settings.get()).toMatchObject({
      showOnFront: 'page', pageOnFront: home.id, pageForPosts: blog.id, postsPerPage: 1, feedItems: 5, feedContent: 'excerpt',
    });

    const front = parseHtml((await get(app, '/')).body);
    expect(front('main').text()).toContain('The static front page.');
    expect(front('main').text()).not.toContain('Newer entry');
    const own = await get(app, '/welcome/');
    expect(own.statusCode).toBe(301);
    expect(own.headers.location).toBe('/');

    const list = parseHtml((await get(app, '/journal/')).body);
    expect(list('main').text()).toContain('Newer entry');
    expect(list('main').text()).not.toContain('Older entry');
    expect(list('main').text()).not.toContain('Never shown');
    const second = parseHtml((await get(app, '/journal/page/2/')).body);
    expect(second('main').text()).toContain('Older entry');
    expect((await get(app, '/journal/page/9/')).statusCode).toBe(404);
    expect((await get(app, '/welcome/page/2/')).statusCode).toBe(404);
    expect((await get(app, '/page/2/')).statusCode).toBe(404);
    expect((await get(app, permalinkOf(older))).statusCode).toBe(200);
    expect((await get(app, permalinkOf(newer))).statusCode).toBe(200);

    expect((await send(LATEST)).statusCode).toBe(303);
    expect(parseHtml((await get(app, '/')).body)('main').text()).toContain('Newer entry');
    expect((await get(app, '/welcome/')).statusCode).toBe(200);
  });

  it.each([
    ['a static homepage without its page', { showOnFront: 'page' }, 'pageOnFront', 'Choose the page to show as your homepage.'],
    ['a draft as the homepage', { showOnFront: 'page', pageOnFront: 'DRAFT' }, 'pageOnFront', 'Choose a published page.'],
    ['a page that does not exist', { pageForPosts: '999999' }, 'pageForPosts', 'Choose a published page.'],
    ['the homepage as the posts page', { showOnFront: 'page', pageOnFront: 'PAGE', pageForPosts: 'PAGE' }, 'pageForPosts', 'The posts page must not be the homepage.'],
    ['no posts a page', { postsPerPage: '0' }, 'postsPerPage', 'Must be a whole number from 1 to 100.'],
    ['words for a number', { feedItems: 'ten' }, 'feedItems', 'Must be a whole number from 1 to 100.'],
    ['an unknown feed content', { feedContent: 'summary<script>' }, 'feedContent', 'Choose one of the options.'],
  ])('refuses %s beside its field (400) and saves nothing', async (_, change, field, message) => {
    const draft = await buildPage(app, { title: 'Draft page', status: 'draft' });
    const page = await buildPage(app, { title: 'Some page' });
    const fields = Object.fromEntries(Object.entries({ ...LATEST, postsPerPage: '7', ...change }).map(([k, v]) => [k, v.replace('DRAFT', String(draft.id)).replace('PAGE', String(page.id))]));
    const before = await app.services.settings.get();
    const response = await send(fields);
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($(`#field-${field}-error`).text()).toBe(message);
    expect($('#field-postsPerPage').val()).toBe(fields.postsPerPage);
    expect(await app.services.settings.get()).toEqual(before);
  });

  it('makes the feeds show as many items as saved', async () => {
    await buildPost(app, { title: 'Feed one' });
    await buildPost(app, { title: 'Feed two' });
    expect((await send({ ...LATEST, feedItems: '1' })).statusCode).toBe(303);
    const feed = await get(app, '/feed/');
    expect(feed.statusCode).toBe(200);
    expect(parseHtml(feed.body)('item').length).toBe(1);
    expect((await send(LATEST)).statusCode).toBe(303);
    expect(parseHtml((await get(app, '/feed/')).body)('item').length).toBeGreaterThan(1);
  });

  it('discourages search engines: robots.txt disallows everything and every public page says noindex, nofollow', async () => {
    const post = await buildPost(app);
    const robotsBefore = await get(app, '/robots.txt');
    expect(robotsBefore.body).not.toMatch(/^Disallow: \/$/m);
    expect(parseHtml((await get(app, '/')).body)('meta[name="robots"]').length).toBe(0);

    expect((await send({ ...LATEST, discourageSearchEngines: '1' })).statusCode).toBe(303);
    expect((await app.services.settings.get()).discourageSearchEngines).toBe(true);
    expect((await get(app, '/robots.txt')).body).toBe('User-agent: *\nDisallow: /\n');
    for (const path of ['/', permalinkOf(post), '/?s=entry']) {
      expect(parseHtml((await get(app, path)).body)('meta[name="robots"]').attr('content'), path).toBe('noindex, nofollow');
    }

    expect((await send(LATEST)).statusCode).toBe(303);
    expect((await get(app, '/robots.txt')).body).not.toMatch(/^Disallow: \/$/m);
  });

  it('refuses a form without its CSRF token, and an editor (403), saving nothing', async () => {
    const before = await app.services.settings.get();
    expect((await postForm(app, PATH, { ...LATEST, postsPerPage: '3' }, admin)).statusCode).toBe(403);
    const editor = await createStaff(app, 'editor');
    const jar = await signIn(app, editor.email, STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/login', jar);
    expect((await postForm(app, PATH, { _csrf: csrf, ...LATEST, postsPerPage: '3' }, jar)).statusCode).toBe(403);
    expect(await app.services.settings.get()).toEqual(before);
  });
});
