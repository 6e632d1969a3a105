// POST /comments refused before its handler runs (body over 1 MB, a content type it does not read, a body that
// cannot be read): JSON in the form's { code, message, data: { status } } shape for a client that prefers JSON,
// the themed error page for a browser; never a 500, a stack trace or Fastify's own bare answer. No stand-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { countComments } from '../support/comment-form.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { expectNoInternals, expectThemedErrorPage } from '../support/pages.js';

const SITE_TITLE = 'Workshop Notes';
const SCRIPT = 'application/json';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FORM = 'application/x-www-form-urlencoded';

interface Refusal {
  readonly name: string;
  readonly status: number;
  readonly code: string;
  readonly contentType: string;
  readonly payload: (post: Post) => string;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the reader is told, where it is ours rather than Fastify's. */
  readonly message?: RegExp;
}

const formOf = (post: Post, comment: string) =>
  new URLSearchParams({ comment_post_ID: String(post.id), author: 'Ann', email: 'ann@example.test', comment }).toString();

const REFUSALS: readonly Refusal[] = [
  { name: 'a body over 1 MB', status: 413, code: 'BODY_TOO_LARGE', contentType: FORM, payload: (post) => formOf(post, 'w'.repeat(1024 * 1024)),
    message: /Shorten it and send it again/ },
  { name: 'an XML body', status: 415, code: 'CONTENT_TYPE_UNSUPPORTED', contentType: 'application/xml', payload: () => '<comment>Hello</comment>',
    message: /not accepted here: send a form or JSON/ },
  { name: 'a multipart body', status: 415, code: 'CONTENT_TYPE_UNSUPPORTED', contentType: 'multipart/form-data; boundary=x', payload: () => '--x--' },
  {
    // A form body cut off in transit: shorter than its Content-Length says.
    name: 'a cut-off form body', status: 400, code: 'BAD_REQUEST', contentType: FORM,
    payload: (post) => formOf(post, 'Cut off'), headers: { 'content-length': '4096' },
  },
  { name: 'malformed JSON', status: 400, code: 'BAD_REQUEST', contentType: 'application/json', payload: (post) => `{"comment_post_ID": ${post.id}, "comment": ` },
];

describe('POST /comments refused before the handler runs', () => {
  let app: TestApp;
  let post: Post;

  beforeAll(async () => {
    app = await createTestApp();
    await app.services.settings.update({ title: SITE_TITLE, commentMinFillSeconds: 0 });
    post = await buildPost(app);
  });
  afterAll(async () => app.close());

  const postComment = (refusal: Refusal, accept: string) =>
    app.server.inject({
      method: 'POST',
      url: '/comments',
      headers: { 'content-type': refusal.contentType, accept, ...refusal.headers },
      payload: refusal.payload(post),
    });

  describe.each(REFUSALS)('$name', (refusal) => {
    it(`answers a script that asks for JSON with ${refusal.status} { code, message, data: { status } }`, async () => {
      const before = await countComments(app);
      const response = await postComment(refusal, SCRIPT);
      expect(response.statusCode).toBe(refusal.status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = response.json() as { code: string; message: string; data: { status: number } };
      expect(body).toEqual({ code: refusal.code, message: expect.any(String), data: { status: refusal.status } });
      expect(body.message.trim()).not.toBe('');
      if (refusal.message) expect(body.message).toMatch(refusal.message);
      expectNoInternals(response.body);
      expect(response.body).not.toMatch(/FST_|statusCode|stack/);
      expect(await countComments(app)).toBe(before);
    });

    it(`answers a browser with the themed ${refusal.status} page`, async () => {
      const before = await countComments(app);
      const response = await postComment(refusal, BROWSER);
      expect(response.statusCode).toBe(refusal.status);
      const $ = parseHtml(response.body);
      expectThemedErrorPage({ status: response.statusCode, headers: response.headers, body: response.body, $ }, SITE_TITLE);
      if (refusal.message) expect($('main').text()).toMatch(refusal.message);
      expect(await countComments(app)).toBe(before);
    });
  });

  it('follows the Accept header’s preference: JSON only when it ranks JSON above HTML', async () => {
    const [tooLarge] = REFUSALS as [Refusal];
    const answers: [accept: string, json: boolean][] = [
      ['application/json, text/html;q=0.5', true],
      ['application/*', true],
      ['text/html, application/json;q=0.9', false],
      ['application/json, text/html', false],
      ['application/json;q=0, */*', false],
      ['*/*', false],
      ['', false],
    ];
    for (const [accept, json] of answers) {
      const response = await postComment(tooLarge, accept);
      expect(response.statusCode, accept).toBe(413);
      expect(String(response.headers['content-type']), accept).toMatch(json ? /^application\/json/ : /^text\/html/);
    }
  });

  it('answers a script’s refusal by the form itself in the same JSON shape (one rule for both)', async () => {
    const response = await app.server.inject({
      method: 'POST', url: '/comments',
      headers: { 'content-type': FORM, accept: 'application/json, text/html;q=0.5' },
      payload: new URLSearchParams({ comment_post_ID: '999999', comment: 'Nowhere' }).toString(),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'COMMENT_POST_NOT_FOUND', data: { status: 404 } });
  });

  it('keeps page reads in HTML whatever Accept says: a missing page is the themed 404', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/no-such-page/', headers: { accept: SCRIPT } });
    expect(response.statusCode).toBe(404);
    expectThemedErrorPage({ status: 404, headers: response.headers, body: response.body, $: parseHtml(response.body) }, SITE_TITLE);
  });
});
