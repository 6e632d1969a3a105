// Settings → Permalinks at /admin/settings/permalinks: each of WordPress's common structures changes every post link on
// the site, the post answers at its new address, and its addresses in the other structures answer 301 to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const PATH = '/admin/settings/permalinks';

describe('Settings → Permalinks', () => {
  let app: TestApp;
  let admin: CookieJar;
  let post: Post;

  const choose = async (structure: string, jar = admin) => {
    const { csrf } = await openForm(app, PATH, jar);
    return postForm(app, PATH, { _csrf: csrf, permalinkStructure: structure }, jar);
  };
  const homeLinkOf = async (title: string) => {
    const $ = parseHtml((await get(app, '/')).body);
    return $('.entry-title a').filter((_, a) => $(a).text() === title).attr('href');
  };

  beforeAll(async () => {
    app = await createTestApp();
    const user = await createStaff(app, 'administrator');
    admin = await signIn(app, user.email, STAFF_PASSWORD);
    post = await buildPost(app, { title: 'Moving address', slug: 'moving-address', publishedAt: '2026-03-05T10:00:00.000Z' });
    await buildComment(app, post);
  });
  afterAll(() => app.close());

  it('offers WordPress’s common settings with an example address each, Day and name chosen', async () => {
    const { $ } = await openForm(app, PATH, admin);
    expect($('h1').text()).toBe('Permalink Settings');
    const options = $('input[name="permalinkStructure"]');
    expect(options.map((_, o) => $(o).attr('value')).get()).toEqual([
      '/%year%/%monthnum%/%day%/%postname%/', '/%year%/%monthnum%/%postname%/', '/archives/%post_id%', '/%postname%/',
    ]);
    expect(options.first().is('[checked]')).toBe(true);
    expect(options.eq(2).parent().text().trim()).toBe('Numeric: http://blog.test/archives/123/');
    expect(options.eq(3).parent().text().trim()).toBe('Post name: http://blog.test/sample-post/');
  });

  const ADDRESSES = {
    '/%year%/%monthnum%/%day%/%postname%/': '/2026/03/05/moving-address/',
    '/%year%/%monthnum%/%postname%/': '/2026/03/moving-address/',
    '/archives/%post_id%': 'NUMERIC',
    '/%postname%/': '/moving-address/',
  } as const;
  const addressOf = (structure: keyof typeof ADDRESSES) => ADDRESSES[structure].replace('NUMERIC', `/archives/${post.id}/`);

  it.each(Object.keys(ADDRESSES) as (keyof typeof ADDRESSES)[])('with %s, links lead to the new address and every other one answers 301 to it', async (structure) => {
    const response = await choose(structure);
    expect(response.statusCode).toBe(303);
    expect((await app.services.settings.get()).permalinkStructure).toBe(structure);
    const address = addressOf(structure);
    expect(await homeLinkOf('Moving address')).toBe(address);
    const page = await get(app, address);
    expect(page.statusCode).toBe(200);
    const $ = parseHtml(page.body);
    expect($('h1.entry-title').text()).toBe('Moving address');
    expect($('link[rel="canonical"]').attr('href')).toBe(`http://blog.test${address}`);
    for (const other of (Object.keys(ADDRESSES) as (keyof typeof ADDRESSES)[]).filter((s) => s !== structure)) {
      const old = await get(app, `${addressOf(other)}?replytocom=1`);
      expect(old.statusCode, addressOf(other)).toBe(301);
      expect(old.headers.location).toBe(`${address}?replytocom=1`);
    }
    // A comment page keeps its place at the new address.
    const commentPage = await get(app, `${addressOf(structure === '/%postname%/' ? '/archives/%post_id%' : '/%postname%/')}comment-page-1/`);
    expect(commentPage.headers.location).toBe(`${address}comment-page-1/`);
  });

  it('still answers 404 for an address that names no post, whatever the structure', async () => {
    expect((await choose('/%postname%/')).statusCode).toBe(303);
    for (const path of ['/no-such-post/', '/archives/999999/', '/2026/03/no-such-post/', '/archives/abc/']) {
      expect((await get(app, path)).statusCode, path).toBe(404);
    }
    expect((await choose('/%year%/%monthnum%/%day%/%postname%/')).statusCode).toBe(303);
  });

  it('refuses a structure not offered (400), a form without its CSRF token and an editor (403), changing nothing', async () => {
    const before = await app.services.settings.get();
    const refused = await choose('/%category%/%postname%/');
    expect(refused.statusCode).toBe(400);
    expect(parseHtml(refused.body)('#field-permalinkStructure-error').text()).toBe('Choose one of the structures.');
    expect((await postForm(app, PATH, { permalinkStructure: '/%postname%/' }, admin)).statusCode).toBe(403);
    const editor = await createStaff(app, 'editor');
    const jar = await signIn(app, editor.email, STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/login', jar);
    expect((await postForm(app, PATH, { _csrf: csrf, permalinkStructure: '/%postname%/' }, jar)).statusCode).toBe(403);
    expect(await app.services.settings.get()).toEqual(before);
  });
});
