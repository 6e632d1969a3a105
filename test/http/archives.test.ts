// Category, tag, author and date archives: which posts each lists, their pages, and addresses that name nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPost } from '../support/factories.js';
import { cardTitles, fetchPage, type Fetched } from '../support/pages.js';

describe('archives', () => {
  let app: TestApp;
  let author: User;
  let craft: Term;
  let woodworking: Term;
  const seen: Fetched[] = [];

  /** Fetches a page and keeps it for the one-h1-per-page check at the end. */
  async function visit(url: string): Promise<Fetched> {
    const page = await fetchPage(app, url);
    seen.push(page);
    return page;
  }

  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
    author = await buildAuthor(app, { login: 'fern', displayName: 'Fern Okoro' });
    craft = (await app.services.taxonomy.findBySlug('category', 'craft')) as Term;
    woodworking = (await app.services.taxonomy.findBySlug('category', 'woodworking')) as Term;
    await buildPost(app, {
      title: 'Filed only under woodworking',
      publishedAt: '2027-01-01T09:00:00.000Z',
      author,
      categories: [woodworking],
    });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ postsPerPage: 10 });
  });

  it('lists posts filed only under a child category in the parent category’s archive', async () => {
    expect(woodworking.parentId).toBe(craft.id);
    const { status, $ } = await visit('/category/craft/');
    expect(status).toBe(200);
    expect($('h1.archive-title').text()).toBe('Category: Craft');
    expect(cardTitles($)[0]).toBe('Filed only under woodworking');
    expect(cardTitles($)).toContain('Dovetails without fear'); // the demo's woodworking-only post
  });

  it('serves the child category at its full path, with only its own posts', async () => {
    const { status, $ } = await visit('/category/craft/woodworking/');
    expect(status).toBe(200);
    expect($('h1.archive-title').text()).toBe('Category: Woodworking');
    expect(cardTitles($)[0]).toBe('Filed only under woodworking');
    expect(cardTitles($)).not.toContain('Mending as a daily practice'); // craft only
  });

  it('resolves a child category by its slug alone, as WordPress does, pointing to the full path as canonical', async () => {
    const { status, $ } = await visit('/category/woodworking/');
    expect(status).toBe(200);
    expect($('h1.archive-title').text()).toBe('Category: Woodworking');
    expect($('link[rel="canonical"]').attr('href')).toBe('http://blog.test/category/craft/woodworking/');
  });

  it('answers 404 for a category under the wrong parent or unknown', async () => {
    for (const url of ['/category/wrong-parent/woodworking/', '/category/cities/woodworking/', '/category/woodworking/craft/', '/category/no-such-thing/']) {
      const { status, $ } = await visit(url);
      expect(status, url).toBe(404);
      expect($('main h1').text(), url).toBe('Page not found');
    }
  });

  it('pages a category archive at /category/x/page/N/', async () => {
    const x = await buildCategory(app, { name: 'Xylography', slug: 'x' });
    for (const day of [1, 2, 3]) {
      await buildPost(app, { title: `Print ${day}`, publishedAt: `2024-06-0${day}T09:00:00.000Z`, author, categories: [x] });
    }
    await app.services.settings.update({ postsPerPage: 2 });
    expect(cardTitles((await visit('/category/x/')).$)).toEqual(['Print 3', 'Print 2']);
    const second = await visit('/category/x/page/2/');
    expect(second.status).toBe(200);
    expect(cardTitles(second.$)).toEqual(['Print 1']);
    expect(second.$('.pagination a.newer').attr('href')).toBe('/category/x/');
    expect((await visit('/category/x/page/3/')).status).toBe(404);
    expect((await visit('/category/x/page/abc/')).status).toBe(404);
  });

  it('lists a tag’s posts at /tag/slug/', async () => {
    await buildPost(app, { title: 'Tagged with marbling', publishedAt: '2024-07-01T09:00:00.000Z', author, tags: ['Marbling'] });
    await buildPost(app, { title: 'Untagged', publishedAt: '2024-07-02T09:00:00.000Z', author });
    const { status, $ } = await visit('/tag/marbling/');
    expect(status).toBe(200);
    expect($('h1.archive-title').text()).toBe('Tag: Marbling');
    expect(cardTitles($)).toEqual(['Tagged with marbling']);
    expect((await visit('/tag/no-such-tag/')).status).toBe(404);
  });

  it('lists an author’s posts at /author/login/, and 404 for unknown logins and subscribers', async () => {
    const writer = await buildAuthor(app, { login: 'juniper', displayName: 'Juniper Hale', bio: 'Writes about paper.' });
    await buildPost(app, { title: 'Juniper one', publishedAt: '2024-08-01T09:00:00.000Z', author: writer });
    await buildPost(app, { title: 'Juniper two', publishedAt: '2024-08-02T09:00:00.000Z', author: writer });
    await buildPost(app, { title: 'Juniper draft', status: 'draft', author: writer });
    const { status, $ } = await visit('/author/juniper/');
    expect(status).toBe(200);
    expect($('h1.archive-title').text()).toBe('Author: Juniper Hale');
    expect($('.archive-description').text()).toBe('Writes about paper.');
    expect(cardTitles($)).toEqual(['Juniper two', 'Juniper one']);
    expect((await visit('/author/nobody-here/')).status).toBe(404);
    await buildAuthor(app, { login: 'reader', role: 'subscriber' });
    expect((await visit('/author/reader/')).status).toBe(404);
  });

  describe('by date', () => {
    beforeAll(async () => {
      await buildPost(app, { title: 'Pi day', publishedAt: '2023-03-14T09:00:00.000Z', author });
      await buildPost(app, { title: 'Pi day evening', publishedAt: '2023-03-14T21:00:00.000Z', author });
      await buildPost(app, { title: 'Ides of March', publishedAt: '2023-03-15T09:00:00.000Z', author });
      await buildPost(app, { title: 'Leap day', publishedAt: '2023-02-28T09:00:00.000Z', author });
      await buildPost(app, { title: 'New year', publishedAt: '2023-12-31T23:00:00.000Z', author });
      await buildPost(app, { title: 'Another year', publishedAt: '2022-03-14T09:00:00.000Z', author });
      await buildPost(app, { title: 'Unpublished on pi day', status: 'draft', publishedAt: '2023-03-14T10:00:00.000Z', author });
    });

    it('lists a year at /YYYY/', async () => {
      const { status, $ } = await visit('/2023/');
      expect(status).toBe(200);
      expect($('h1.archive-title').text()).toBe('Archives: 2023');
      expect(cardTitles($)).toEqual(['New year', 'Ides of March', 'Pi day evening', 'Pi day', 'Leap day']);
    });

    it('lists a month at /YYYY/MM/', async () => {
      const { status, $ } = await visit('/2023/03/');
      expect(status).toBe(200);
      expect($('h1.archive-title').text()).toBe('Archives: March 2023');
      expect(cardTitles($)).toEqual(['Ides of March', 'Pi day evening', 'Pi day']);
    });

    it('lists a day at /YYYY/MM/DD/', async () => {
      const { status, $ } = await visit('/2023/03/14/');
      expect(status).toBe(200);
      expect($('h1.archive-title').text()).toBe('Archives: March 14, 2023');
      expect(cardTitles($)).toEqual(['Pi day evening', 'Pi day']);
    });

    it('pages a date archive', async () => {
      await app.services.settings.update({ postsPerPage: 2 });
      expect(cardTitles((await visit('/2023/03/page/2/')).$)).toEqual(['Pi day']);
      expect((await visit('/2023/03/page/3/')).status).toBe(404);
    });

    it('answers 404 for dates that do not exist', async () => {
      for (const url of ['/2023/13/', '/2023/00/', '/2023/02/30/', '/2023/02/29/', '/2023/3/', '/2023/03/1/', '/2023/03/32/']) {
        const { status, $ } = await visit(url);
        expect(status, url).toBe(404);
        expect($('main h1').text(), url).toBe('Page not found');
      }
    });
  });

  it('gives every page it served exactly one h1', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const page of seen) expect(page.$('h1').length).toBe(1);
  });
});
