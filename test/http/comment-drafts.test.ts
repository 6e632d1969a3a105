// Comment drafts over HTTP: the text a reader typed, kept by POST /comments/draft (the sign-in script does it when
// the popup is blocked) for an hour behind the HttpOnly quire_draft cookie, and put back into the post's form once.
// Refusals: another site (by Origin), too long, malformed, too many; each a JSON 4xx with nothing kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_COOKIE } from '../../src/http/cookie-names.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { openCommentForm } from '../support/comment-form.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { CookieJar, type Response, setCookieFor } from '../support/session.js';

const SITE = 'http://blog.test';
const HOUR = 60 * 60 * 1000;

let app: TestApp;
let clock: MutableClock;
beforeAll(async () => {
  clock = mutableClock('2026-12-04T10:00:00.000Z');
  app = await createTestApp({ clock });
});
afterAll(async () => app?.close());

let addressSequence = 0;

interface DraftRequest {
  readonly jar?: CookieJar;
  readonly headers?: Readonly<Record<string, string>>;
  readonly remoteAddress?: string;
}

/** POSTs a draft as the script does: JSON, from this site's page (its Origin), in `jar`'s browser. */
async function saveDraft(body: unknown, options: DraftRequest = {}): Promise<Response> {
  const response = await app.server.inject({
    method: 'POST',
    url: '/comments/draft',
    remoteAddress: options.remoteAddress ?? `192.0.2.${(++addressSequence % 250) + 1}`,
    headers: {
      'content-type': 'application/json', accept: 'application/json', origin: SITE, 'sec-fetch-site': 'same-origin',
      ...(options.jar ? { cookie: options.jar.header() } : {}), ...options.headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  options.jar?.absorb(response);
  return response;
}

async function countDrafts(): Promise<number> {
  const row = await app.db.kysely.selectFrom('commentDrafts').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('keeping a draft while the reader signs in', () => {
  it('keeps the text behind an HttpOnly, SameSite=Lax cookie for an hour and puts it back into the post\'s form once, with the reply it answered', async () => {
    const post = await buildPost(app);
    const parent = await buildComment(app, post, { authorName: 'Dora' });
    const jar = new CookieJar();
    const text = '  Two lines,\nkept exactly <b>as typed</b> & all.  ';
    const saved = await saveDraft({ postId: post.id, parentId: parent, text }, { jar });
    expect(saved.statusCode).toBe(201);
    expect(saved.headers['cache-control']).toBe('no-store');
    const cookie = String(setCookieFor(saved, DRAFT_COOKIE));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=3600/);
    // Only a hash of the cookie's id is stored.
    const row = await app.db.kysely.selectFrom('commentDrafts').selectAll().executeTakeFirstOrThrow();
    expect(row.idHash).not.toBe(jar.get(DRAFT_COOKIE));
    expect(row.idHash).toMatch(/^[0-9a-f]{64}$/);

    const back = await openCommentForm(app, permalinkOf(post), jar);
    expect(back.$('textarea#comment').text()).toBe(text);
    expect(back.hidden.comment_parent).toBe(String(parent));
    expect(back.$('#reply-title').text()).toMatch(/^Leave a Reply to Dora/);
    expect(back.response.headers['cache-control']).toMatch(/private|no-store/);
    expect(jar.get(DRAFT_COOKIE)).toBeUndefined();
    expect(await countDrafts()).toBe(0);
    // Used once: the next visit has an empty form.
    const again = await openCommentForm(app, permalinkOf(post), jar);
    expect(again.$('textarea#comment').text()).toBe('');
  });

  it('leaves a draft of another post for that post\'s page, and a second draft replaces the first', async () => {
    const [first, second] = [await buildPost(app), await buildPost(app)];
    const jar = new CookieJar();
    expect((await saveDraft({ postId: first.id, parentId: null, text: 'The first.' }, { jar })).statusCode).toBe(201);
    expect((await saveDraft({ postId: first.id, parentId: 0, text: 'The second, replacing it.' }, { jar })).statusCode).toBe(201);
    expect(await countDrafts()).toBe(1);
    const elsewhere = await openCommentForm(app, permalinkOf(second), jar);
    expect(elsewhere.$('textarea#comment').text()).toBe('');
    expect(jar.get(DRAFT_COOKIE)).toBeDefined();
    const home = await openCommentForm(app, permalinkOf(first), jar);
    expect(home.$('textarea#comment').text()).toBe('The second, replacing it.');
    expect(home.hidden.comment_parent).toBe('0');
  });

  it('forgets a draft after an hour: the form is empty and the cookie goes', async () => {
    const post = await buildPost(app);
    const jar = new CookieJar();
    await saveDraft({ postId: post.id, text: 'Too late for this one.' }, { jar });
    clock.advance(HOUR + 1000);
    try {
      const form = await openCommentForm(app, permalinkOf(post), jar);
      expect(form.$('textarea#comment').text()).toBe('');
      expect(jar.get(DRAFT_COOKIE)).toBeUndefined();
    } finally {
      clock.advance(-(HOUR + 1000));
    }
  });
});

describe('refusing drafts', () => {
  it.each([
    ['no Origin', { origin: '' }],
    ['another site\'s Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a draft with %s (403, nothing kept, no cookie)', async (_label, headers) => {
    const post = await buildPost(app);
    const response = await saveDraft({ postId: post.id, text: 'From elsewhere.' }, { headers });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'COMMENT_DRAFT_CROSS_SITE', data: { status: 403 } });
    expect(setCookieFor(response, DRAFT_COOKIE)).toBeUndefined();
    expect(await countDrafts()).toBe(0);
  });

  it('keeps a comment\'s full length and refuses one character more (413)', async () => {
    const post = await buildPost(app);
    const jar = new CookieJar();
    expect((await saveDraft({ postId: post.id, text: 'é'.repeat(65_525) }, { jar })).statusCode).toBe(201);
    await openCommentForm(app, permalinkOf(post), jar); // takes it back: the table is empty again
    const long = await saveDraft({ postId: post.id, text: 'é'.repeat(65_526) });
    expect(long.statusCode).toBe(413);
    expect(JSON.parse(long.body)).toMatchObject({ code: 'COMMENT_DRAFT_TOO_LONG' });
    const huge = await saveDraft({ postId: post.id, text: 'x'.repeat(600 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(await countDrafts()).toBe(0);
  });

  it.each([
    ['no text', (id: number) => ({ postId: id, text: '  \n ' }), 'text'],
    ['a NUL character', (id: number) => ({ postId: id, text: 'a\u0000b' }), 'text'],
    ['no post id', () => ({ text: 'Hello' }), 'postId'],
    ['a post id that is no number', () => ({ postId: '1', text: 'Hello' }), 'postId'],
    ['a reply target that is no id', (id: number) => ({ postId: id, parentId: -3, text: 'Hello' }), 'parentId'],
    ['a list for a body', () => [1, 2], 'postId'],
  ] as const)('refuses a draft with %s (400, the field named)', async (_label, body, field) => {
    const post = await buildPost(app);
    const response = await saveDraft(body(post.id));
    expect(response.statusCode).toBe(400);
    const refusal = JSON.parse(response.body) as { code: string; data: { status: number; fields: Record<string, string> } };
    expect(refusal).toMatchObject({ code: 'COMMENT_DRAFT_INVALID', data: { status: 400 } });
    expect(Object.keys(refusal.data.fields)).toContain(field);
    expect(await countDrafts()).toBe(0);
  });

  it('refuses a draft of a post that is not published (404) and a body that is not JSON (400)', async () => {
    const draft = await buildPost(app, { status: 'draft' });
    const unpublished = await saveDraft({ postId: draft.id, text: 'Early.' });
    expect(unpublished.statusCode).toBe(404);
    expect(JSON.parse(unpublished.body)).toMatchObject({ code: 'COMMENT_POST_NOT_FOUND' });
    const form = await saveDraft(`postId=${draft.id}&text=Hi`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(400);
    const broken = await saveDraft('{"postId":', {});
    expect(broken.statusCode).toBe(400);
    expect(await countDrafts()).toBe(0);
  });

  it('refuses more than 30 drafts from one address in 10 minutes (429 with Retry-After)', async () => {
    const post = await buildPost(app);
    const remoteAddress = '198.18.0.7';
    for (let i = 0; i < 30; i++) expect((await saveDraft({ postId: post.id, text: `Draft ${i}` }, { remoteAddress })).statusCode).toBe(201);
    const limited = await saveDraft({ postId: post.id, text: 'One more' }, { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(limited.body)).toMatchObject({ code: 'COMMENT_DRAFT_RATE_LIMITED' });
    await app.db.kysely.deleteFrom('commentDrafts').execute();
  });
});
