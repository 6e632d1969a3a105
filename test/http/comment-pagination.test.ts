// Long threads in pages (WordPress's PERMALINK/comment-page-N/): which page the post shows, the order within a
// page, the links between pages, junk page numbers, where a new comment sends its author, and the depth limit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { freshAddress, openCommentForm, sendComment } from '../support/comment-form.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import type { Page } from '../support/html.js';
import { expectThemedErrorPage, fetchPage } from '../support/pages.js';

const idsOf = ($: Page, selector: string) => $(selector).map((_, el) => Number(($(el).attr('id') ?? '').replace('comment-', ''))).get();
const topLevel = ($: Page) => idsOf($, 'ol.comment-list > li.comment');

describe('comment pages', () => {
  let app: TestApp;
  let clock: MutableClock;
  let post: Post;
  let path: string;
  /** Top-level comments, oldest first, and one reply to the oldest. */
  let c: number[];
  let reply: number;

  beforeAll(async () => {
    clock = mutableClock('2026-06-01T12:00:00.000Z');
    app = await createTestApp({ clock });
    post = await buildPost(app, { publishedAt: '2026-05-01T12:00:00.000Z' });
    path = permalinkOf(post);
    c = [];
    for (let day = 1; day <= 5; day++) c.push(await buildComment(app, post, { createdAt: `2026-05-0${day + 1}T12:00:00.000Z` }));
    reply = await buildComment(app, post, { parentId: c[0], createdAt: '2026-05-20T12:00:00.000Z' });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ commentsPerPage: 0, commentDefaultPage: 'newest', commentOrder: 'oldest', commentThreadDepth: 5 });
  });

  it('shows the newest page on the permalink by default, page 1 holding the oldest comments with their replies', async () => {
    await app.services.settings.update({ commentsPerPage: 2 });
    const bare = await fetchPage(app, path);
    expect(topLevel(bare.$)).toEqual([c[4]]);
    expect(bare.$('.comment-navigation a.older').attr('href')).toBe(`${path}comment-page-2/#comments`);
    expect(bare.$('.comment-navigation a.older').text()).toBe('Older comments');
    expect(bare.$('.comment-navigation a.newer').length).toBe(0);
    expect(bare.$('link[rel="canonical"]').attr('href')).toBe(`http://blog.test${path}`);

    const first = await fetchPage(app, `${path}comment-page-1/`);
    expect(first.status).toBe(200);
    expect(topLevel(first.$)).toEqual([c[0], c[1]]);
    expect(first.$(`#comment-${c[0]} > ol.children > li#comment-${reply}`).length).toBe(1);
    expect(first.$('.comment-navigation a.older').length).toBe(0);
    expect(first.$('.comment-navigation a.newer').attr('href')).toBe(`${path}comment-page-2/#comments`);
    expect(first.$('.comment-navigation a.newer').text()).toBe('Newer comments');
    expect(first.$('link[rel="canonical"]').attr('href')).toBe(`http://blog.test${path}comment-page-1/`);

    const second = await fetchPage(app, `${path}comment-page-2/`);
    expect(topLevel(second.$)).toEqual([c[2], c[3]]);
    expect(second.$('.comment-navigation a.older').attr('href')).toBe(`${path}comment-page-1/#comments`);
    expect(second.$('.comment-navigation a.newer').attr('href')).toBe(`${path}#comments`);

    const last = await fetchPage(app, `${path}comment-page-3/`);
    expect(topLevel(last.$)).toEqual([c[4]]);
    expect(last.$('link[rel="canonical"]').attr('href')).toBe(`http://blog.test${path}`);
  });

  it('shows the oldest page on the permalink when commentDefaultPage is "oldest"', async () => {
    await app.services.settings.update({ commentsPerPage: 2, commentDefaultPage: 'oldest' });
    const bare = await fetchPage(app, path);
    expect(topLevel(bare.$)).toEqual([c[0], c[1]]);
    expect(bare.$('.comment-navigation a.newer').attr('href')).toBe(`${path}comment-page-2/#comments`);
    const second = await fetchPage(app, `${path}comment-page-2/`);
    expect(second.$('.comment-navigation a.older').attr('href')).toBe(`${path}#comments`);
  });

  it('orders each page newest first when commentOrder is "newest", keeping the same pages', async () => {
    await app.services.settings.update({ commentsPerPage: 2, commentOrder: 'newest' });
    expect(topLevel((await fetchPage(app, `${path}comment-page-1/`)).$)).toEqual([c[1], c[0]]);
    expect(topLevel((await fetchPage(app, `${path}comment-page-2/`)).$)).toEqual([c[3], c[2]]);
    expect(topLevel((await fetchPage(app, path)).$)).toEqual([c[4]]);
  });

  it('puts the whole thread on one page when commentsPerPage is 0', async () => {
    const bare = await fetchPage(app, path);
    expect(topLevel(bare.$)).toEqual(c);
    expect(bare.$('.comment-navigation').length).toBe(0);
    expect((await fetchPage(app, `${path}comment-page-1/`)).status).toBe(200);
    expect((await fetchPage(app, `${path}comment-page-2/`)).status).toBe(404);
  });

  it.each(['comment-page-0/', 'comment-page-4/', 'comment-page-x/', 'comment-page-01/', 'comment-page-/', 'comment-page-1/extra/', 'comment-page-9999999/', 'comment-page-2/page/2/'])(
    '404 for %s',
    async (suffix) => {
      await app.services.settings.update({ commentsPerPage: 2 });
      const page = await fetchPage(app, `${path}${suffix}`);
      expect(page.status).toBe(404);
      expectThemedErrorPage(page, 'Quire');
    },
  );

  it('sends the author of a new comment to the page it is on', async () => {
    await app.services.settings.update({ commentsPerPage: 2, commentDefaultPage: 'oldest', commentPreviouslyApproved: false });
    const other = await buildPost(app);
    for (let i = 0; i < 4; i++) await buildComment(app, other);
    const { hidden } = await openCommentForm(app, permalinkOf(other));
    clock.advance(5_000);
    const fields = { ...hidden, author: 'Paula Pager', email: 'paula@example.com', comment: 'Where do I land?' };
    const response = await sendComment(app, fields, { remoteAddress: freshAddress() });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    const id = Number(location.split('#comment-')[1]);
    expect(location).toBe(`${permalinkOf(other)}comment-page-3/#comment-${id}`);
    const landed = await fetchPage(app, location.split('#')[0] ?? '');
    expect(landed.$(`#comment-${id}`).length).toBe(1);
    await app.services.settings.update({ commentPreviouslyApproved: true });
  });

  it.each([2, 3, 5, 10])('threads replies at most %i levels deep, with no reply link at the deepest level', async (depth) => {
    await app.services.settings.update({ commentThreadDepth: depth });
    const deep = await buildPost(app);
    let parent: number | null = null;
    for (let i = 0; i < 10; i++) parent = await buildComment(app, deep, { parentId: parent });
    const { $ } = await fetchPage(app, permalinkOf(deep));
    expect($('li.comment').length).toBe(10);
    expect($(`li.comment.depth-${depth}`).length).toBe(10 - depth + 1);
    expect($(`li.comment.depth-${depth + 1}`).length).toBe(0);
    expect($(`li.comment.depth-${depth} .comment-reply-link`).length).toBe(0);
    expect($('.comment-reply-link').length).toBe(depth - 1);
  });
});
