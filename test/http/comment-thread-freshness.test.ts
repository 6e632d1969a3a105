// The comment thread is kept in memory between requests: every change that alters it must show at once,
// even with the page cache off (the thread's own cache is what is tested here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildAuthor, buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';

describe('the comment thread kept between requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ config: { pageCache: false } });
  });
  afterAll(async () => app.close());

  const commentTexts = async (path: string) => {
    const response = await app.server.inject(path);
    expect(response.statusCode).toBe(200);
    return parseHtml(response.body)('.comment-content').map((_, el) => parseHtml(response.body)(el).text().trim()).get();
  };

  it('shows a newly approved comment on the next request', async () => {
    const post = await buildPost(app);
    await buildComment(app, post, { source: 'First words.' });
    expect(await commentTexts(permalinkOf(post))).toEqual(['First words.']);
    await buildComment(app, post, { source: 'Second words.' });
    expect(await commentTexts(permalinkOf(post))).toEqual(['First words.', 'Second words.']);
  });

  it('drops a comment that moderation takes away', async () => {
    const post = await buildPost(app);
    const id = await buildComment(app, post, { source: 'Soon gone.' });
    expect(await commentTexts(permalinkOf(post))).toEqual(['Soon gone.']);
    await app.services.comments.setStatus(id, 'spam');
    expect(await commentTexts(permalinkOf(post))).toEqual([]);
  });

  it('follows the thread settings as soon as they change', async () => {
    const post = await buildPost(app);
    await buildComment(app, post, { source: 'Older.', createdAt: '2026-01-01T10:00:00.000Z' });
    await buildComment(app, post, { source: 'Newer.', createdAt: '2026-01-02T10:00:00.000Z' });
    expect(await commentTexts(permalinkOf(post))).toEqual(['Older.', 'Newer.']);
    await app.services.settings.update({ commentOrder: 'newest' });
    expect(await commentTexts(permalinkOf(post))).toEqual(['Newer.', 'Older.']);
    await app.services.settings.update({ commentOrder: 'oldest' });
  });

  it('marks the post author’s comments by the author the post has', async () => {
    const author = await buildAuthor(app);
    const post = await buildPost(app, { author });
    await buildComment(app, post, { userId: author.id, authorName: author.displayName });
    const page = parseHtml((await app.server.inject(permalinkOf(post))).body);
    expect(page('.comment.bypostauthor').length).toBe(1);
  });
});
