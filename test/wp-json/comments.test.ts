// Reading and moderating comments over /wp/v2/comments: WordPress's shape and filters, approved comments of published
// posts for everyone and the rest for moderators; moderation (approve, hold, spam, trash, delete) shows on the site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { type ApiUser, apiUser, rest, restFixture } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let moderator: ApiUser;
let author: ApiUser;
let post: Post;
let draft: Post;
const ids = { first: 0, reply: 0, byAuthor: 0, held: 0, spam: 0, onDraft: 0 };

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

beforeAll(async () => {
  app = await createTestApp();
  moderator = await apiUser(app, 'editor');
  author = await apiUser(app, 'author');
  post = await buildPost(app, { title: 'Discussed', publishedAt: '2026-03-01T09:00:00.000Z', author: author.user });
  draft = await buildPost(app, { status: 'draft' });
  ids.first = await buildComment(app, post, { createdAt: at(1), authorName: 'Ann', authorEmail: 'ann@example.com', source: 'First about *cats*.' });
  ids.reply = await buildComment(app, post, { createdAt: at(2), parentId: ids.first, authorName: 'Bob', authorEmail: 'bob@example.com', source: 'A reply about dogs.' });
  ids.byAuthor = await buildComment(app, post, { createdAt: at(3), userId: author.user.id, authorName: author.user.displayName, authorEmail: author.user.email, source: 'Thanks!' });
  ids.held = await buildComment(app, post, { createdAt: at(4), status: 'pending', authorName: 'Held', authorEmail: 'held@example.com', source: 'Waiting.' });
  ids.spam = await buildComment(app, post, { createdAt: at(5), status: 'spam', authorName: 'Spammer', authorEmail: 'spam@example.com', source: 'Buy now.' });
  ids.onDraft = await buildComment(app, draft, { createdAt: at(6), authorName: 'Early', authorEmail: 'early@example.com', source: 'Too soon.' });
});
afterAll(async () => app.close());

const list = async (query: string, auth?: string) => {
  const response = await rest(app, 'GET', `/wp-json/wp/v2/comments${query}`, { auth });
  return { response, ids: response.statusCode === 200 ? response.json<Item[]>().map((c) => c.id) : [] };
};

describe('reading comments', () => {
  it('lists approved comments of published posts, newest first, in WordPress’s fields and order', async () => {
    await app.services.settings.update({ avatarSource: 'gravatar' });
    const { response, ids: listed } = await list(`?post=${post.id}`);
    await app.services.settings.update({ avatarSource: 'local' });
    expect(listed).toEqual([ids.byAuthor, ids.reply, ids.first]);
    expect(response.headers['x-wp-total']).toBe('3');
    const [wordpress] = restFixture<Item[]>('comments_post_main_per_page_5.json');
    const items = response.json<Item[]>();
    const reply = items[1] ?? {};
    expect(Object.keys(reply)).toEqual(Object.keys(wordpress ?? {}));
    expect(reply).toMatchObject({
      id: ids.reply, post: post.id, parent: ids.first, author: 0, author_name: 'Bob', author_url: '', date: '2026-03-01T10:02:00',
      date_gmt: '2026-03-01T10:02:00', link: `http://blog.test${permalinkOf(post)}#comment-${ids.reply}`, status: 'approved', type: 'comment',
    });
    expect(reply).not.toHaveProperty('author_email');
    expect(Object.keys(reply.author_avatar_urls as object)).toEqual(['24', '48', '96']);
    expect(reply._links).toMatchObject({
      up: [{ embeddable: true, post_type: 'post', href: `http://blog.test/wp-json/wp/v2/posts/${post.id}` }],
      'in-reply-to': [{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/comments/${ids.first}` }],
    });
    expect(items[2]?._links).toMatchObject({ children: [{ href: `http://blog.test/wp-json/wp/v2/comments?parent=${ids.first}` }] });
    expect(items[0]).toMatchObject({ author: author.user.id });
    expect(items[0]?._links).toMatchObject({ author: [{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/users/${author.user.id}` }] });
  });

  it('filters by parent, search, include and order, and pages', async () => {
    expect((await list(`?post=${post.id}&parent=0&order=asc`)).ids).toEqual([ids.first, ids.byAuthor]);
    expect((await list(`?parent=${ids.first}`)).ids).toEqual([ids.reply]);
    expect((await list('?search=DOGS')).ids).toEqual([ids.reply]);
    expect((await list(`?include=${ids.first},${ids.held}`)).ids).toEqual([ids.first]);
    expect((await list(`?post=${post.id}&orderby=id&order=asc&per_page=2&page=2`)).ids).toEqual([ids.byAuthor]);
    const beyond = await list(`?post=${post.id}&per_page=2&page=5`);
    expect(beyond.response.json<Item>().code).toBe('rest_comment_invalid_page_number');
  });

  it('keeps held, spam and unpublished posts’ comments for moderators, refusing the status filter to others', async () => {
    const anonymous = await list('?status=hold');
    expect(anonymous.response.statusCode).toBe(401);
    expect(anonymous.response.json()).toEqual({ code: 'rest_forbidden_param', message: 'Query parameter not permitted: status', data: { status: 401 } });
    expect((await list('?status=spam', author.auth)).response.statusCode).toBe(403);
    expect((await list('?status=hold', moderator.auth)).ids).toEqual([ids.held]);
    expect((await list('?status=spam', moderator.auth)).ids).toEqual([ids.spam]);
    expect((await list('')).ids).not.toContain(ids.onDraft);
    expect((await list('', moderator.auth)).ids).toContain(ids.onDraft);
    const draftPost = await list(`?post=${draft.id}`);
    expect(draftPost.response.json<Item>().code).toBe('rest_cannot_read_post');
  });

  it('lets only staff filter by author or address, and only moderators see the edit context', async () => {
    expect((await list(`?author=${author.user.id}`)).response.json<Item>().code).toBe('rest_forbidden_param');
    expect((await list(`?author=${author.user.id}`, author.auth)).ids).toEqual([ids.byAuthor]);
    expect((await list('?author_email=ann@example.com', moderator.auth)).ids).toEqual([ids.first]);
    expect((await list('?context=edit', author.auth)).response.json<Item>().code).toBe('rest_forbidden_context');
    const edit = (await list(`?context=edit&include=${ids.first}`, moderator.auth)).response.json<Item[]>()[0];
    expect(edit).toMatchObject({ author_email: 'ann@example.com', content: { raw: 'First about *cats*.', rendered: expect.stringContaining('<em>cats</em>') } });
  });

  it('shows one comment to those who may read it, with WordPress’s codes otherwise', async () => {
    expect((await rest(app, 'GET', `/wp-json/wp/v2/comments/${ids.first}`)).json()).toMatchObject({ id: ids.first, author_name: 'Ann' });
    expect((await rest(app, 'GET', '/wp-json/wp/v2/comments/999999')).json()).toEqual({ code: 'rest_comment_invalid_id', message: 'Invalid comment ID.', data: { status: 404 } });
    expect((await rest(app, 'GET', `/wp-json/wp/v2/comments/${ids.held}`)).json<Item>().code).toBe('rest_cannot_read');
    expect((await rest(app, 'GET', `/wp-json/wp/v2/comments/${ids.held}`, { auth: moderator.auth })).statusCode).toBe(200);
    expect((await rest(app, 'GET', `/wp-json/wp/v2/comments/${ids.first}?context=edit`)).statusCode).toBe(401);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/comments/abc')).json<Item>().code).toBe('rest_no_route');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/comments?per_page=101')).json<Item>().code).toBe('rest_invalid_param');
  });
});

describe('moderating comments', () => {
  const commentIdsOnPage = async () => {
    const $ = parseHtml((await app.server.inject({ method: 'GET', url: permalinkOf(post) })).body);
    return $('li[id^="comment-"]').map((_, li) => Number(String($(li).attr('id')).slice('comment-'.length))).get();
  };

  it('approves a held comment (it appears on the post page), then marks it spam (it disappears)', async () => {
    const held = await buildComment(app, post, { status: 'pending', authorName: 'Patient', authorEmail: 'patient@example.com', source: 'Let me in.' });
    expect(await commentIdsOnPage()).not.toContain(held);
    const approved = await rest(app, 'POST', `/wp-json/wp/v2/comments/${held}`, { auth: moderator.auth, payload: { status: 'approved' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ id: held, status: 'approved', content: { raw: 'Let me in.' } });
    expect(await commentIdsOnPage()).toContain(held);
    const spam = await rest(app, 'PUT', `/wp-json/wp/v2/comments/${held}`, { auth: moderator.auth, payload: { status: 'spam' } });
    expect(spam.json<Item>().status).toBe('spam');
    expect(await commentIdsOnPage()).not.toContain(held);
  });

  it('edits the text (rendered and sanitized again) and refuses unknown statuses', async () => {
    const id = await buildComment(app, post, { source: 'Typo heer.' });
    const edited = await rest(app, 'PATCH', `/wp-json/wp/v2/comments/${id}`, { auth: moderator.auth, payload: { content: 'Typo here. <script>x()</script>' } });
    expect(edited.json()).toMatchObject({ content: { raw: 'Typo here. <script>x()</script>' } });
    expect(String((edited.json<{ content: { rendered: string } }>()).content.rendered)).not.toContain('<script');
    const bad = await rest(app, 'POST', `/wp-json/wp/v2/comments/${id}`, { auth: moderator.auth, payload: { status: 'published' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Item>().code).toBe('rest_invalid_param');
    expect((await app.services.comments.find(id))?.status).toBe('approved');
  });

  it('lets a comment’s own author change its text only, and nobody else who does not moderate', async () => {
    const own = await rest(app, 'POST', `/wp-json/wp/v2/comments/${ids.byAuthor}`, { auth: author.auth, payload: { content: 'Thanks a lot!' } });
    expect(own.statusCode, own.body).toBe(200);
    const status = await rest(app, 'POST', `/wp-json/wp/v2/comments/${ids.byAuthor}`, { auth: author.auth, payload: { status: 'hold' } });
    expect(status.statusCode).toBe(403);
    const others = await rest(app, 'POST', `/wp-json/wp/v2/comments/${ids.first}`, { auth: author.auth, payload: { content: 'Mine now' } });
    expect(others.json()).toEqual({ code: 'rest_cannot_edit', message: 'Sorry, you are not allowed to edit this comment.', data: { status: 403 } });
    expect((await rest(app, 'POST', `/wp-json/wp/v2/comments/${ids.first}`, { payload: { status: 'spam' } })).statusCode).toBe(401);
    expect((await app.services.comments.find(ids.first))?.status).toBe('approved');
  });

  it('trashes by default, refuses trashing twice (410), deletes for good with force=true', async () => {
    const id = await buildComment(app, post);
    expect((await rest(app, 'DELETE', `/wp-json/wp/v2/comments/${id}`, { auth: author.auth })).statusCode).toBe(403);
    const trashed = await rest(app, 'DELETE', `/wp-json/wp/v2/comments/${id}`, { auth: moderator.auth });
    expect(trashed.json()).toMatchObject({ id, status: 'trash' });
    expect((await app.services.comments.find(id))?.status).toBe('trash');
    const again = await rest(app, 'DELETE', `/wp-json/wp/v2/comments/${id}`, { auth: moderator.auth });
    expect(again.json()).toEqual({ code: 'rest_already_trashed', message: 'The comment has already been trashed.', data: { status: 410 } });
    const gone = await rest(app, 'DELETE', `/wp-json/wp/v2/comments/${id}?force=true`, { auth: moderator.auth });
    expect(gone.json()).toMatchObject({ deleted: true, previous: { id } });
    expect(await app.services.comments.find(id)).toBeUndefined();
    expect((await rest(app, 'DELETE', `/wp-json/wp/v2/comments/${id}?force=true`, { auth: moderator.auth })).statusCode).toBe(404);
  });
});
