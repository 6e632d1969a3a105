// Bad input of every kind gets a themed 4xx page, never a 500, and no internals leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { expectNoInternals, expectThemedErrorPage, type Fetched } from '../support/pages.js';

const SITE_TITLE = 'The Offcut';
const LONG_SEGMENT = 'a'.repeat(2048);

/** Requests that name nothing, or name it badly: [what, url, the status it must get]. */
const BAD_REQUESTS: ReadonlyArray<readonly [what: string, url: string, status: number]> = [
  ['an unknown page', '/no-such-page/', 404],
  ['an unknown nested page', '/no/such/nested/page/', 404],
  ['/page/abc/', '/page/abc/', 404],
  ['/page/0/', '/page/0/', 404],
  ['/page/-1/', '/page/-1/', 404],
  ['a page number past the limit in the path', '/page/99999999999/', 404],
  ['/page/1.5/', '/page/1.5/', 404],
  ['?page=-1', '/?page=-1', 400],
  ['?page=0', '/?page=0', 400],
  ['?page=99999999999', '/?page=99999999999', 400],
  ['?paged=abc', '/?paged=abc', 400],
  ['?paged=2e3', '/?paged=2e3', 400],
  ['?paged twice', '/?paged=1&paged=2', 400],
  ['?p twice', '/?p=1&p=2', 400],
  ['?s twice', '/?s=a&s=b', 400],
  ['a 10 kB ?s=', `/?s=${'x'.repeat(10 * 1024)}`, 400],
  ['a broken %-escape', '/%E0%A4%A/', 400],
  ['a broken %-escape in a tag slug', '/tag/%E0%A4%A/', 400],
  ['a %-escaped lone surrogate', '/%ED%A0%80/', 400],
  ['a NUL in a page path', '/%00/', 404],
  ['a NUL in a tag slug', '/tag/%00/', 404],
  ['a NUL in an author login', '/author/%00/', 404],
  ['a NUL in a category path', '/category/%00/', 404],
  ['a NUL in a post slug', '/2026/01/08/%00/', 404],
  ['a double-encoded NUL', '/%2500/', 404],
  ['a 2 kB path segment', `/${LONG_SEGMENT}/`, 404],
  ['a 2 kB category slug', `/category/${LONG_SEGMENT}/`, 404],
  ['a 2 kB tag slug', `/tag/${LONG_SEGMENT}/`, 404],
  ['a 2 kB post slug', `/2026/01/08/${LONG_SEGMENT}/`, 404],
  ['/category/ alone', '/category/', 404],
  ['/category/page/2/', '/category/page/2/', 404],
  ['/tag/ alone', '/tag/', 404],
  ['/author/ alone', '/author/', 404],
  ['an unknown post on a real date', '/2026/01/08/no-such-post/', 404],
  ['an unknown asset', '/assets/nothing.css', 404],
  ['/setup/ without a token', '/setup/', 404],
];

describe('bad input', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
  });
  afterAll(async () => app.close());

  async function get(url: string): Promise<Fetched> {
    const response = await app.server.inject({ method: 'GET', url });
    return { status: response.statusCode, headers: response.headers, body: response.body, $: parseHtml(response.body) };
  }

  it.each(BAD_REQUESTS)('%s → %i, as the themed error page', async (_what, url, status) => {
    const page = await get(url);
    expect(page.status).toBe(status);
    expectThemedErrorPage(page, SITE_TITLE);
    expect(page.headers['content-security-policy']).toBeTruthy();
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.$('head meta[name="robots"]').attr('content')).toBe('noindex');
  });

  it('answers an unknown path with the 404 page: heading, advice and the site around it', async () => {
    const page = await get('/this-is-not-here/');
    expect(page.status).toBe(404);
    expect(page.$('main h1').text()).toBe('Page not found');
    expect(page.$('main .error-page').text()).toContain('Try a search or the links below.');
    expect(page.$('aside.sidebar form[role="search"]').length).toBe(1);
    expect(page.$('nav.site-menu a').length).toBe(2);
  });

  it('explains what was wrong with a bad page number', async () => {
    const page = await get('/?paged=abc');
    expect(page.$('main h1').text()).toBe('That request did not make sense');
    expect(page.$('main .error-page').text()).toContain('The page number must be a whole number from 1 to 100,000.');
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const [url, status] of [['/', 200], ['/about/', 200], ['/no-such-page/', 404], ['/page/abc/', 404], ['/?paged=abc', 400]] as const) {
      const response = await app.server.inject({ method: 'HEAD', url });
      expect(response.statusCode, url).toBe(status);
      expect(response.body, url).toBe('');
    }
  });

  it('refuses other methods on the public pages with a 4xx page, never a 500', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      for (const url of ['/', '/about/', '/2026/01/08/a-year-of-sharpening/']) {
        const response = await app.server.inject({ method, url, payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect([404, 405], `${method} ${url}`).toContain(response.statusCode);
        expectThemedErrorPage({ status: response.statusCode, headers: response.headers, body: response.body, $: parseHtml(response.body) }, SITE_TITLE);
      }
    }
  });

  it('keeps the demo’s own pages working (the table above is not just 404 for everything)', async () => {
    for (const url of ['/', '/page/2/', '/?paged=2', '/about/', '/category/craft/', '/2026/01/08/a-year-of-sharpening/']) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expectNoInternals(page.body);
    }
  });
});
