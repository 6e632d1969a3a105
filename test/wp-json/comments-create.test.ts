// Posting comments over /wp/v2/comments goes through the comment form's own pipeline: the same minimum writing time
// (with the form's stamp), flood and duplicate checks, word lists and moderation, with WordPress's codes; refusals
// store nothing; what is shown is sanitized.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { countComments, openCommentForm, sendComment } from '../support/comment-form.js';
import { buildPost, permalinkOf } from '../support/factories.js';
import { type ApiUser, apiUser, rest, restFixture } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let clock: MutableClock;
let moderator: ApiUser;
let subscriber: ApiUser;
let post: Post;
let address = 0;

beforeAll(async () => {
  clock = mutableClock('2026-06-01T12:00:00.000Z');
  app = await createTestApp({ clock });
  moderator = await apiUser(app, 'editor');
  subscriber = await apiUser(app, 'subscriber');
  post = await buildPost(app, { title: 'Open for comments' });
});
afterAll(async () => app.close());
afterEach(async () => {
  await app.services.settings.update({ commentRequireRegistration: false, commentDisallowedKeys: '' });
  // A new hour for the rate limits and flood control of the next test.
  clock.advance(2 * 60 * 60 * 1000);
});

/** A stamp as the comment script fetches one when the writer starts, and the few seconds of writing after it. */
async function stampFor(postId: number, seconds = 5): Promise<string> {
  const { stamp } = (await app.server.inject(`/comments/stamp?post=${postId}`)).json<{ stamp: string }>();
  clock.advance(seconds * 1000);
  return stamp;
}

const fresh = () => `192.0.2.${++address}`;

async function postComment(payload: Item, options: { auth?: string; remoteAddress?: string } = {}) {
  return rest(app, 'POST', '/wp-json/wp/v2/comments', { payload, auth: options.auth, remoteAddress: options.remoteAddress ?? fresh() });
}

const reader = (n: number) => ({ author_name: `Reader ${n}`, author_email: `reader${n}@example.com` });

describe('an anonymous comment over REST', () => {
  it('is accepted with a stamp, held as a first comment, answered 201 in WordPress’s shape', async () => {
    const response = await postComment({ post: post.id, content: 'Nice post!', ...reader(1), quire_stamp: await stampFor(post.id) });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<Item>();
    expect(created).toMatchObject({ post: post.id, parent: 0, author: 0, author_name: 'Reader 1', status: 'hold', type: 'comment', content: { raw: 'Nice post!' } });
    expect(response.headers.location).toBe(`http://blog.test/wp-json/wp/v2/comments/${String(created.id)}`);
    expect((await app.services.comments.find(Number(created.id)))?.status).toBe('pending');
  });

  it('sanitizes hostile markup in content.rendered', async () => {
    const payload = 'Some *emphasis*.\n\n<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">link</a>';
    const response = await postComment({ post: post.id, content: payload, ...reader(2), quire_stamp: await stampFor(post.id) });
    expect(response.statusCode).toBe(201);
    const rendered = String((response.json<{ content: { rendered: string } }>()).content.rendered);
    expect(rendered).not.toMatch(/<script|onerror|javascript:/i);
    expect(rendered).toContain('<em>emphasis</em>');
    expect(rendered).toContain('>link</a>');
  });

  it('waits for moderation without a stamp (WordPress clients know none), even from a previously approved author', async () => {
    const known = await postComment({ post: post.id, content: 'An approved thought.', ...reader(9), quire_stamp: await stampFor(post.id) });
    await app.services.comments.setStatus(Number(known.json<Item>().id), 'approved');
    clock.advance(60_000);
    const stampless = await postComment({ post: post.id, content: 'From a WordPress app.', ...reader(9) });
    expect(stampless.statusCode, stampless.body).toBe(201);
    expect(stampless.json<Item>().status).toBe('hold');
    expect((await app.services.comments.find(Number(stampless.json<Item>().id)))?.status).toBe('pending');
    clock.advance(60_000);
    const withStamp = await postComment({ post: post.id, content: 'From the site script.', ...reader(9), quire_stamp: await stampFor(post.id) });
    expect((await app.services.comments.find(Number(withStamp.json<Item>().id)))?.status).toBe('approved');
  });

  it('is refused as too quick when sent within the minimum writing time of its stamp', async () => {
    const before = await countComments(app);
    const quick = await postComment({ post: post.id, content: 'Hurried', ...reader(3), quire_stamp: await stampFor(post.id, 1) });
    expect(quick.statusCode).toBe(429);
    expect(quick.json<Item>().code).toBe('comment_too_fast');
    expect(await countComments(app)).toBe(before);
  });

  it('meets flood control and duplicate detection shared with the comment form', async () => {
    const ip = fresh();
    const first = await postComment({ post: post.id, content: 'First thought.', ...reader(4), quire_stamp: await stampFor(post.id) }, { remoteAddress: ip });
    expect(first.statusCode).toBe(201);
    const flood = await postComment({ post: post.id, content: 'Second thought.', ...reader(4), quire_stamp: await stampFor(post.id, 3) }, { remoteAddress: ip });
    expect(flood.statusCode).toBe(429);
    expect(flood.json()).toEqual({ code: 'comment_flood', message: 'You are posting comments too quickly. Slow down.', data: { status: 429 } });
    clock.advance(60_000);
    const duplicate = await postComment({ post: post.id, content: 'First thought.', ...reader(4), quire_stamp: await stampFor(post.id) }, { remoteAddress: ip });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<Item>().code).toBe('comment_duplicate');
    // The form sees the REST comment too: the same text again is the same duplicate there.
    clock.advance(60_000);
    const { hidden } = await openCommentForm(app, permalinkOf(post));
    clock.advance(5_000);
    const viaForm = await sendComment(app, { ...hidden, author: 'Reader 4', email: 'reader4@example.com', comment: 'First thought.' }, { remoteAddress: fresh() });
    expect(viaForm.statusCode).toBe(409);
  });

  it('lands in the trash on a disallowed word, answered as held like the form (a program learns nothing)', async () => {
    await app.services.settings.update({ commentDisallowedKeys: 'casino' });
    const response = await postComment({ post: post.id, content: 'Best casino bonus', ...reader(5), quire_stamp: await stampFor(post.id) });
    expect(response.statusCode).toBe(201);
    expect(response.json<Item>().status).toBe('hold');
    expect((await app.services.comments.find(Number(response.json<Item>().id)))?.status).toBe('trash');
  });

  it('is refused with WordPress’s 401 when the site requires registration, before any field is read', async () => {
    await app.services.settings.update({ commentRequireRegistration: true });
    const response = await postComment({ post: post.id, content: 'Hello', ...reader(6) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(restFixture('errors/create_comment_anonymous_full_401.json'));
    const signedIn = await postComment({ post: post.id, content: 'Signed in.', quire_stamp: await stampFor(post.id) }, { auth: subscriber.auth });
    expect(signedIn.statusCode, signedIn.body).toBe(201);
  });

  it('needs a name and an e-mail address (the discussion setting), content, and a published post open for comments', async () => {
    const stamp = await stampFor(post.id);
    const noAuthor = await postComment({ post: post.id, content: 'Who am I?', quire_stamp: stamp });
    expect(noAuthor.statusCode).toBe(400);
    expect(noAuthor.json<Item>().code).toBe('rest_comment_author_data_required');
    const badEmail = await postComment({ post: post.id, content: 'Hi', author_name: 'X', author_email: 'not-an-address', quire_stamp: stamp });
    expect(badEmail.json<Item>().code).toBe('rest_comment_author_data_required');
    const noContent = await postComment({ post: post.id, ...reader(7), quire_stamp: stamp });
    expect(noContent.json()).toEqual(restFixture('errors/create_comment_admin_missing_content_400.json'));
    const draft = await buildPost(app, { status: 'draft' });
    const closed = await buildPost(app, { commentStatus: 'closed' });
    for (const target of [undefined, 0, 999_999, draft.id]) {
      const response = await postComment({ ...(target === undefined ? {} : { post: target }), content: 'Hello', ...reader(7) });
      expect(response.json(), String(target)).toEqual(restFixture('errors/create_comment_admin_missing_post_403.json'));
    }
    expect((await postComment({ post: closed.id, content: 'Hello', ...reader(7) })).json<Item>().code).toBe('rest_comment_closed');
    expect((await postComment({ post: 'abc', content: 'Hello' })).json<Item>().code).toBe('rest_invalid_param');
  });

  it('refuses an oversized comment (413) and an oversized body, storing nothing', async () => {
    const before = await countComments(app);
    const long = await postComment({ post: post.id, content: 'x'.repeat(70_000), ...reader(8), quire_stamp: await stampFor(post.id) });
    expect(long.statusCode).toBe(413);
    const huge = await postComment({ post: post.id, content: 'x'.repeat(1_100_000), ...reader(8) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<Item>().code).toBe('rest_request_too_large');
    expect(await countComments(app)).toBe(before);
  });

  it('lets only moderators set a status or write as someone else', async () => {
    const status = await postComment({ post: post.id, content: 'Approve me', ...reader(9), status: 'approved' });
    expect(status.statusCode).toBe(401);
    expect(status.json<Item>().code).toBe('rest_comment_invalid_status');
    const other = await postComment({ post: post.id, content: 'I am them', author: moderator.user.id }, { auth: subscriber.auth });
    expect(other.statusCode).toBe(403);
    expect(other.json<Item>().code).toBe('rest_comment_invalid_author');
  });
});

describe('a signed-in comment over REST', () => {
  it('is written as the account, and a moderator’s is approved at once without a stamp', async () => {
    const byModerator = await postComment({ post: post.id, content: 'From the desk.' }, { auth: moderator.auth });
    expect(byModerator.statusCode).toBe(201);
    expect(byModerator.json()).toMatchObject({ author: moderator.user.id, author_name: moderator.user.displayName, status: 'approved' });
    const held = await postComment({ post: post.id, content: 'Hold this one', status: 'hold' }, { auth: moderator.auth });
    expect(held.json<Item>().status).toBe('hold');
  });
});
