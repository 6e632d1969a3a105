// `_embed` on posts reaches this part's resources through their GET routes: the author (users), the terms
// (categories and tags), the replies (comments) and the featured image (media), each in WordPress's embed context.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildComment, buildPost } from '../support/factories.js';
import { makeImage } from '../media/images.js';
import { rest } from './rest-client.js';

type Embedded = Record<string, Array<Record<string, unknown>> | Array<Array<Record<string, unknown>>>>;

let app: TestApp;
let postId: number;
let commentId: number;
let mediaId: number;
let authorId: number;

beforeAll(async () => {
  app = await createTestApp();
  const author = await buildAuthor(app, { displayName: 'Embedded Author' });
  authorId = author.id;
  const image = await app.services.media.upload({ content: await makeImage(400, 300, 'png'), originalName: 'cover.png' }, author);
  mediaId = image.id;
  const category = await buildCategory(app, { name: 'Embedded' });
  const post = await buildPost(app, { author, categories: [category], tags: ['linked'], featuredMediaId: image.id });
  postId = post.id;
  commentId = await buildComment(app, post, { authorName: 'Replier', authorEmail: 'replier@example.com' });
  await buildComment(app, post, { status: 'pending', authorName: 'Hidden', authorEmail: 'hidden@example.com' });
});
afterAll(async () => app.close());

describe('_embed on a post', () => {
  it('embeds its author, terms, approved replies and featured image in the embed context', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/posts/${postId}?_embed`);
    expect(response.statusCode, response.body).toBe(200);
    const embedded = response.json<{ _embedded: Embedded }>()._embedded;
    expect(embedded.author).toEqual([expect.objectContaining({ id: authorId, name: 'Embedded Author' })]);
    expect(embedded.author?.[0]).not.toHaveProperty('meta');

    const terms = embedded['wp:term'] as Array<Array<Record<string, unknown>>>;
    expect(terms.map((group) => group.map((term) => term.name))).toEqual([['Embedded'], ['linked']]);
    expect(terms[0]?.[0]).not.toHaveProperty('count');

    const replies = embedded.replies as Array<Array<Record<string, unknown>>>;
    expect(replies[0]?.map((reply) => reply.id)).toEqual([commentId]);
    expect(replies[0]?.[0]).toMatchObject({ author_name: 'Replier', type: 'comment' });
    expect(replies[0]?.[0]).not.toHaveProperty('status');

    expect(embedded['wp:featuredmedia']).toEqual([expect.objectContaining({ id: mediaId, media_type: 'image', mime_type: 'image/png' })]);
    expect(embedded['wp:featuredmedia']?.[0]).not.toHaveProperty('guid');
  });
});
