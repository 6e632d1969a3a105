// services.comments.submit given the post its caller already read (POST /comments does): the post is read once per
// comment, and the service still refuses a post that is not published, not a post, closed, or not the one named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommentSubmission, SubmissionContext } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { countComments, sendComment } from '../support/comment-form.js';
import { buildPost } from '../support/factories.js';

let app: TestApp;
let open: Post;
let sequence = 0;

beforeAll(async () => {
  app = await createTestApp();
  await app.services.settings.update({ commentMinFillSeconds: 0, commentFloodSeconds: 0, commentPreviouslyApproved: false });
  open = await buildPost(app, { title: 'Open for comments' });
});
afterAll(() => app.close());

function form(post: Pick<Post, 'id'>): CommentSubmission {
  const n = ++sequence;
  return {
    postId: post.id, parentId: null, authorName: `Reader ${n}`, authorEmail: `reader${n}@example.test`, authorUrl: '',
    source: `Remark number ${n}.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
  };
}

const context = (post: Post): SubmissionContext => ({ ip: `192.0.2.${++sequence % 250}`, userAgent: 'vitest', post });

describe('a post handed in by the caller', () => {
  it('spares the second read: POST /comments reads the post once', async () => {
    const reads = vi.spyOn(app.services.posts, 'findById');
    try {
      const response = await sendComment(
        app,
        { comment_post_ID: String(open.id), author: 'Once', email: 'once@example.test', comment: 'Read me once.' },
        { headers: { accept: 'application/json' } },
      );
      expect(response.statusCode).toBe(201);
      expect(reads.mock.calls.filter(([id]) => id === open.id)).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });

  it.each([
    ['a draft', { status: 'draft' }, 'COMMENT_POST_NOT_FOUND'],
    ['a page', { type: 'page' }, 'COMMENT_POST_NOT_FOUND'],
    ['a post with comments closed', { commentStatus: 'closed' }, 'COMMENTS_CLOSED'],
  ] as const)('is still checked: %s is refused and nothing is stored', async (_what, change, code) => {
    const before = await countComments(app);
    const given = { ...open, ...change } as Post;
    await expect(app.services.comments.submit(form(open), context(given))).rejects.toMatchObject({ code });
    expect(await countComments(app)).toBe(before);
  });

  it('is used only when it is the post the comment names: another one is read from the database', async () => {
    const draft = await buildPost(app, { status: 'draft' });
    const before = await countComments(app);
    await expect(app.services.comments.submit(form(draft), context(open))).rejects.toMatchObject({ code: 'COMMENT_POST_NOT_FOUND' });
    expect(await countComments(app)).toBe(before);
    const stored = await app.services.comments.submit(form(open), context(draft));
    expect(stored.postId).toBe(open.id);
  });
});
