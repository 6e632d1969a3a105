// A post's approved comments as a thread: replies inside their parents, a depth limit, author marks, safe links.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import type { Page } from '../support/html.js';
import { fetchPage } from '../support/pages.js';

interface StoredComment {
  readonly id: number;
  readonly parentId: number | null;
  readonly userId: number | null;
  readonly authorUrl: string;
}

/** How deep each comment really is (1 = answers the post), from the stored parent links. */
function trueDepths(comments: readonly StoredComment[]): Map<number, number> {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const depthOf = (c: StoredComment): number => (c.parentId === null ? 1 : 1 + depthOf(byId.get(c.parentId) as StoredComment));
  return new Map(comments.map((c) => [c.id, depthOf(c)]));
}

/** The comment ids of the <li class="comment"> elements that contain comment `id`, nearest first. */
function enclosingCommentIds($: Page, id: number): number[] {
  return $(`#comment-${id}`)
    .parents('li.comment')
    .map((_, element) => Number(($(element).attr('id') ?? '').replace('comment-', '')))
    .get();
}

describe('the comment thread of the demo long-read', () => {
  let app: TestApp;
  let post: Post;
  let comments: StoredComment[];

  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
    post = (await app.services.posts.findBySlug('post', 'the-rivers-under-our-streets')) as Post;
    comments = await app.db.kysely
      .selectFrom('comments')
      .select(['id', 'parentId', 'userId', 'authorUrl'])
      .where('postId', '=', post.id)
      .where('status', '=', 'approved')
      .orderBy('id')
      .execute();
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ commentThreadDepth: 5 });
  });

  it('holds 15 approved comments, threaded five levels deep (the data this file relies on)', () => {
    expect(comments).toHaveLength(15);
    expect(Math.max(...trueDepths(comments).values())).toBe(5);
  });

  it('renders every approved comment once, each reply inside its parent', async () => {
    const { status, $ } = await fetchPage(app, permalinkOf(post));
    expect(status).toBe(200);
    expect($('#comments-title').text()).toBe('15 responses to “The rivers under our streets”');
    expect($('li.comment').length).toBe(15);
    const depths = trueDepths(comments);
    for (const comment of comments) {
      expect($(`[id="comment-${comment.id}"]`).length, `comment ${comment.id}`).toBe(1);
      const enclosing = enclosingCommentIds($, comment.id);
      expect(enclosing[0], `parent of ${comment.id}`).toBe(comment.parentId ?? undefined);
      expect(enclosing.length, `ancestors of ${comment.id}`).toBe((depths.get(comment.id) ?? 0) - 1);
      expect($(`#comment-${comment.id}`).hasClass(`depth-${depths.get(comment.id)}`)).toBe(true);
    }
    expect($('ol.comment-list > li.comment').length).toBe(comments.filter((c) => c.parentId === null).length);
  });

  it('shows replies deeper than commentThreadDepth at the deepest level, after their parent', async () => {
    await app.services.settings.update({ commentThreadDepth: 2 });
    const { $ } = await fetchPage(app, permalinkOf(post));
    expect($('li.comment').length).toBe(15);
    const depths = trueDepths(comments);
    const order = $('li.comment')
      .map((_, element) => Number(($(element).attr('id') ?? '').replace('comment-', '')))
      .get();
    for (const comment of comments) {
      const shownDepth = Math.min(depths.get(comment.id) ?? 0, 2);
      const element = $(`#comment-${comment.id}`);
      expect(element.hasClass(`depth-${shownDepth}`), `comment ${comment.id}`).toBe(true);
      expect(enclosingCommentIds($, comment.id).length, `comment ${comment.id}`).toBe(shownDepth - 1);
      if (comment.parentId !== null) expect(order.indexOf(comment.id)).toBeGreaterThan(order.indexOf(comment.parentId));
    }
    expect($('li.comment.depth-3, li.comment.depth-4, li.comment.depth-5').length).toBe(0);
  });

  it('marks the comments written by the post’s author with .bypostauthor, and only those', async () => {
    const { $ } = await fetchPage(app, permalinkOf(post));
    const byAuthor = comments.filter((c) => c.userId === post.authorId);
    expect(byAuthor.length).toBeGreaterThan(0);
    for (const comment of comments) {
      const isByAuthor = comment.userId === post.authorId;
      expect($(`#comment-${comment.id}`).hasClass('bypostauthor'), `comment ${comment.id}`).toBe(isByAuthor);
    }
    expect($('li.bypostauthor').length).toBe(byAuthor.length);
  });

  it('links commenters’ sites with rel nofollow and ugc', async () => {
    const { $ } = await fetchPage(app, permalinkOf(post));
    const withUrl = comments.filter((c) => c.authorUrl !== '');
    expect(withUrl.length).toBeGreaterThan(0);
    for (const comment of withUrl) {
      const link = $(`#comment-${comment.id}`).children('article').find('.fn a');
      expect(link.attr('href')).toBe(comment.authorUrl);
      const rel = (link.attr('rel') ?? '').split(/\s+/);
      expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc']));
    }
  });

  it('does not link an author URL that is not http(s)', async () => {
    const other = await buildPost(app, { publishedAt: '2020-01-01T09:00:00.000Z' });
    const id = await buildComment(app, other, { authorName: 'Mallory', authorUrl: 'javascript:alert(1)' });
    const { $ } = await fetchPage(app, permalinkOf(other));
    const name = $(`#comment-${id} .fn`);
    expect(name.text()).toBe('Mallory');
    expect(name.find('a').length).toBe(0);
  });
});
