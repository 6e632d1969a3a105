// ?s= search: ranking, highlighted snippets, odd input, what is never found, paging and accents.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildPage, buildPost } from '../support/factories.js';
import { cardTitles, expectNoInternals, expectThemedErrorPage, fetchPage, textsOf } from '../support/pages.js';

const search = (words: string, path = '/') => `${path}?${new URLSearchParams({ s: words })}`;

describe('search', () => {
  let app: TestApp;
  let author: User;

  beforeAll(async () => {
    app = await createTestApp();
    author = await buildAuthor(app);
    // The stronger match is the older one, so ranking (not recency) has to put it first.
    await buildPost(app, {
      title: 'Sourdough without tears',
      source: 'Sourdough needs patience. A sourdough starter is alive, and sourdough bread rewards the wait.',
      publishedAt: '2025-01-01T09:00:00.000Z',
      author,
    });
    await buildPost(app, {
      title: 'A week of baking',
      source: 'Monday was rye, Tuesday was focaccia, and on Wednesday a friend brought sourdough to share.',
      publishedAt: '2025-02-01T09:00:00.000Z',
      author,
    });
    for (const [i, topic] of ['Pickled radishes', 'Fixing a chair', 'Night trains', 'Winter light'].entries()) {
      await buildPost(app, { title: topic, source: `${topic} and nothing else.`, publishedAt: `2024-0${i + 1}-01T09:00:00.000Z`, author });
    }
    await buildPost(app, { title: 'Crème brûlée for two', source: 'A custard with a glass roof.', author });
    for (const status of ['draft', 'pending', 'private', 'trash', 'scheduled'] as const) {
      await buildPost(app, { title: `Sourdough ${status}`, source: 'Sourdough sourdough sourdough.', status, publishedAt: '2025-03-01T09:00:00.000Z', author });
    }
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ postsPerPage: 10 });
  });

  it('ranks the post with the word in its title and body above one that mentions it once', async () => {
    const { status, $ } = await fetchPage(app, search('sourdough'));
    expect(status).toBe(200);
    expect(cardTitles($)).toEqual(['Sourdough without tears', 'A week of baking']);
    expect($('h1.archive-title').text()).toBe('Search results for “sourdough”');
    expect($('.archive-description').text()).toBe('2 results');
    expect($('head meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('aside input[name="s"]').val()).toBe('sourdough');
  });

  it('shows a snippet with the matched words in <mark>', async () => {
    const { $ } = await fetchPage(app, search('focaccia'));
    const snippet = $('main article.post .entry-summary');
    expect(snippet.length).toBe(1);
    expect(textsOf($, 'main article.post .entry-summary mark').map((t) => t.toLowerCase())).toEqual(['focaccia']);
    expect(snippet.text()).toContain('Tuesday was');
  });

  it('never finds drafts, pending, private, trashed or scheduled posts', async () => {
    const titles = cardTitles((await fetchPage(app, search('sourdough'))).$);
    expect(titles.filter((t) => t !== 'Sourdough without tears' && t !== 'A week of baking')).toEqual([]);
  });

  it('reads query syntax and SQL in the words as plain words: no crash, no error', async () => {
    const words = ['"', '"sourdough', '*', 'sour*', 'OR', 'sourdough OR rye', 'NEAR(', 'NEAR(sourdough rye)', "'; DROP TABLE posts; --", '%', '_', 'AND NOT', '\\', '()', '-sourdough', 'title:sourdough', '^sourdough', '!&|:'];
    for (const word of words) {
      const page = await fetchPage(app, search(word));
      expect(page.status, word).toBe(200);
      expectNoInternals(page.body);
    }
    expect(cardTitles((await fetchPage(app, search('sourdough'))).$)).toHaveLength(2);
    expect(cardTitles((await fetchPage(app, search('%'))).$)).toEqual([]);
  });

  it('shows a prompt for an empty search', async () => {
    for (const words of ['', '   ']) {
      const { status, $ } = await fetchPage(app, search(words));
      expect(status).toBe(200);
      expect($('h1').text()).toBe('Search');
      expect($('.archive-description').text()).toBe('Type one or more words to search the site.');
      expect($('main article.post').length).toBe(0);
    }
  });

  it('says when nothing matched', async () => {
    const { status, $ } = await fetchPage(app, search('zanzibar'));
    expect(status).toBe(200);
    expect($('.archive-description').text()).toBe('0 results');
    expect($('main .no-results').text()).toContain('Try other or fewer words');
  });

  it('answers a 10 kB search with a 400 page that says what to do', async () => {
    const page = await fetchPage(app, search('sourdough '.repeat(1024)));
    expect(page.status).toBe(400);
    expectThemedErrorPage(page, 'Quire');
    expect(page.$('main .error-page p').first().text()).toBe('A search is at most 200 characters long. Try fewer words.');
  });

  it('pages the results at /page/N/?s=', async () => {
    for (const n of [1, 2, 3]) {
      await buildPost(app, { title: `Quince jam ${n}`, source: 'Quince, sugar and time.', publishedAt: `2023-0${n}-01T09:00:00.000Z`, author });
    }
    await app.services.settings.update({ postsPerPage: 2 });
    const first = await fetchPage(app, search('quince'));
    expect(cardTitles(first.$)).toHaveLength(2);
    expect(first.$('.pagination a.older').attr('href')).toBe('/page/2/?s=quince');
    const second = await fetchPage(app, search('quince', '/page/2/'));
    expect(second.status).toBe(200);
    expect(cardTitles(second.$)).toHaveLength(1);
    expect(second.$('.pagination a.newer').attr('href')).toBe('/?s=quince');
    const all = [...cardTitles(first.$), ...cardTitles(second.$)].sort();
    expect(all).toEqual(['Quince jam 1', 'Quince jam 2', 'Quince jam 3']);
    expect((await fetchPage(app, search('quince', '/page/3/'))).status).toBe(404);
    expect(cardTitles((await fetchPage(app, `${search('quince')}&paged=2`)).$)).toHaveLength(1);
  });

  it('ignores accents: "creme" and "brulee" find “Crème brûlée”', async () => {
    for (const words of ['creme', 'Crème', 'CREME BRULEE', 'brûlée']) {
      expect(cardTitles((await fetchPage(app, search(words))).$), words).toEqual(['Crème brûlée for two']);
    }
  });

  it('links a found page to its own address, nested pages included', async () => {
    const parent = await buildPage(app, { title: 'Guides', slug: 'guides', author });
    await buildPage(app, { title: 'Kayak care', slug: 'kayak-care', parentId: parent.id, source: 'Rinse the kayak.', author });
    const { $ } = await fetchPage(app, search('kayak'));
    const href = $('main article h2 a').attr('href') ?? '';
    expect(href).toBe('/guides/kayak-care/');
    expect((await fetchPage(app, href)).status).toBe(200);
  });
});
