// Every refusal of the comment form without JavaScript: the right status (never WordPress's 200), the message above
// the form (role="alert"), per-field messages tied to their fields, every typed value kept, and no new row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { SiteSettings } from '../../src/features/settings/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { countComments, formValuesOf, freshAddress, openCommentForm, sendComment } from '../support/comment-form.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';

type Typed = { author: string; email: string; url: string; comment: string };

interface Setup {
  readonly app: TestApp;
  readonly clock: MutableClock;
  readonly post: Post;
  readonly address: string;
  readonly typed: Typed;
  readonly hidden: Readonly<Record<string, string>>;
}

interface Refusal {
  readonly name: string;
  readonly status: number;
  readonly message: string;
  /** Fields of the typed comment to change. */
  readonly typed?: Partial<Typed>;
  /** Other form fields sent (honeypot, parent). */
  readonly extra?: (setup: Setup) => Promise<Record<string, string>> | Record<string, string>;
  readonly settings?: Partial<SiteSettings>;
  /** What happened before this comment (an earlier comment, a ban), after the form was opened. */
  readonly before?: (setup: Setup) => Promise<unknown>;
  readonly fieldError?: readonly [field: 'author' | 'email' | 'url' | 'comment', message: string];
  readonly retryAfter?: boolean;
  /** Send at once, before the minimum fill time. */
  readonly hurry?: boolean;
}

const FIELDS_INVALID = 'Some fields of your comment need attention before it can be posted.';
const TOO_LONG = 'Your comment is too long to be saved. Shorten what is marked and send it again.';

/** An earlier, accepted comment from the same browser and address (different words, so not a duplicate). */
async function postEarlier(setup: Setup, overrides: Partial<Typed> = {}) {
  const response = await sendComment(
    setup.app, { ...setup.hidden, ...setup.typed, comment: `Earlier words for post ${setup.post.id}.`, ...overrides },
    { remoteAddress: setup.address },
  );
  expect(response.statusCode, 'the earlier comment').toBe(303);
}

const refusals: readonly Refusal[] = [
  { name: 'missing name', status: 400, message: FIELDS_INVALID, typed: { author: '' }, fieldError: ['author', 'Please fill in your name.'] },
  { name: 'missing e-mail', status: 400, message: FIELDS_INVALID, typed: { email: '' }, fieldError: ['email', 'Please fill in your e-mail address.'] },
  { name: 'missing text', status: 400, message: FIELDS_INVALID, typed: { comment: '' }, fieldError: ['comment', 'Please type your comment text.'] },
  { name: 'malformed e-mail', status: 400, message: FIELDS_INVALID, typed: { email: 'not-an-address' }, fieldError: ['email', 'Please enter a valid e-mail address, such as ann@example.com.'] },
  { name: 'website that is not http(s)', status: 400, message: FIELDS_INVALID, typed: { url: 'javascript:alert(1)' }, fieldError: ['url', 'Please enter a web address starting with http:// or https://, or leave it empty.'] },
  { name: 'name of 246 characters', status: 413, message: TOO_LONG, typed: { author: 'n'.repeat(246) }, fieldError: ['author', 'Use at most 245 characters for your name.'] },
  { name: 'e-mail of 101 characters', status: 413, message: TOO_LONG, typed: { email: `${'e'.repeat(89)}@example.com` }, fieldError: ['email', 'Use at most 100 characters for your e-mail address.'] },
  { name: 'website of 201 characters', status: 413, message: TOO_LONG, typed: { url: `https://example.com/${'u'.repeat(181)}` }, fieldError: ['url', 'Use at most 200 characters for your website.'] },
  { name: 'text of 65,526 characters', status: 413, message: TOO_LONG, typed: { comment: 'w'.repeat(65_526) }, fieldError: ['comment', 'Your comment has 65,526 characters; the most is 65,525.'] },
  { name: 'honeypot filled in', status: 400, message: 'Your comment looks like it was sent by a program.', extra: () => ({ quire_hp: 'http://spam.example' }) },
  { name: 'sent too soon after the form was served', status: 429, message: 'That was quick! Read your comment over for a few seconds, then send it again.', hurry: true, retryAfter: true },
  { name: 'sent without a form stamp', status: 429, message: 'That was quick!', extra: () => ({ quire_stamp: '' }), retryAfter: true },
  {
    name: 'flood: a second comment within 15 s', status: 429, message: 'You are posting comments too quickly. Slow down.', retryAfter: true,
    before: (setup) => postEarlier(setup),
  },
  {
    name: 'duplicate of an earlier comment', status: 409, message: "Duplicate comment detected; it looks as though you've already said that!",
    before: async (setup) => {
      await postEarlier(setup, { comment: setup.typed.comment });
      setup.clock.advance(20_000);
    },
  },
  {
    name: 'comments closed after N days', status: 403, message: 'Comments are closed on this post.',
    before: (setup) => setup.app.services.settings.update({ commentCloseAfterDays: 5 }),
  },
  {
    name: 'banned e-mail', status: 403, message: 'Comments from you are not accepted on this site.',
    before: (setup) => setup.app.services.comments.ban({ kind: 'email', value: setup.typed.email, reason: 'test' }, null),
  },
  {
    name: 'banned IP address', status: 403, message: 'Comments from you are not accepted on this site.',
    before: (setup) => setup.app.services.comments.ban({ kind: 'ip', value: setup.address, reason: 'test' }, null),
  },
  {
    name: 'over the per-IP hourly limit', status: 429, message: 'Too many comments are arriving right now.', retryAfter: true,
    settings: { commentIpLimitPerHour: 1, commentFloodSeconds: 0 },
    before: (setup) => postEarlier(setup, { email: 'first@example.com' }),
  },
  {
    name: 'over the site-wide limit per minute', status: 429, message: 'Too many comments are arriving right now.', retryAfter: true,
    settings: { commentSiteLimitPerMinute: 1, commentFloodSeconds: 0 },
    before: (setup) => postEarlier(setup, { email: 'first@example.com' }),
  },
  {
    name: 'reply to a comment held for moderation', status: 400, message: 'The comment you are replying to is not on this post any more.',
    extra: async ({ app, post }) => ({ comment_parent: String(await buildComment(app, post, { status: 'pending' })) }),
  },
  {
    name: 'reply to a comment of another post', status: 400, message: 'The comment you are replying to is not on this post any more.',
    extra: async ({ app }) => ({ comment_parent: String(await buildComment(app, await buildPost(app))) }),
  },
  { name: 'reply to a made-up comment', status: 400, message: 'The comment you are replying to is not on this post any more.', extra: () => ({ comment_parent: 'abc' }) },
];

describe('a refused comment', () => {
  let app: TestApp;
  let clock: MutableClock;
  let n = 0;

  beforeAll(async () => {
    clock = mutableClock('2026-06-01T12:00:00.000Z');
    app = await createTestApp({ clock });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({
      commentCloseAfterDays: 0, commentIpLimitPerHour: 30, commentSiteLimitPerMinute: 120, commentFloodSeconds: 15, commentRequireRegistration: false,
    });
    // A new minute and hour for the rate limits of the next case.
    clock.advance(2 * 60 * 60 * 1000);
  });

  it.each(refusals)('$name: $status, the message, the typed text kept, nothing stored', async (refusal) => {
    n += 1;
    // Published ten days ago: open by default, closed once comments close after five days.
    const post = await buildPost(app, { publishedAt: new Date(clock.now().getTime() - 10 * 86_400_000).toISOString() });
    const typed: Typed = {
      author: `Reader ${n}`, email: `reader${n}@example.com`, url: `https://reader${n}.example/`, comment: `My comment number ${n}.`, ...refusal.typed,
    };
    const { hidden } = await openCommentForm(app, permalinkOf(post));
    expect(hidden.quire_stamp).toBeTruthy();
    if (!refusal.hurry) clock.advance(5_000);
    if (refusal.settings) await app.services.settings.update(refusal.settings);
    const setup: Setup = { app, clock, post, address: freshAddress(), typed, hidden };
    await refusal.before?.(setup);
    const extra = (await refusal.extra?.(setup)) ?? {};
    const before = await countComments(app);

    const response = await sendComment(app, { ...hidden, ...typed, ...extra }, { remoteAddress: setup.address });

    expect(response.statusCode).toBe(refusal.status);
    expect(response.headers['cache-control']).toBe('no-store');
    const $ = parseHtml(response.body);
    expect($('#comment-form-errors[role="alert"]').text()).toContain(refusal.message);
    expect(formValuesOf($)).toEqual(typed);
    expect($('#quire_hp').val()).toBe('');
    if (refusal.fieldError) {
      const [field, message] = refusal.fieldError;
      expect($(`#${field}-error`).text()).toBe(message);
      expect(($(`#${field}`).attr('aria-describedby') ?? '').split(' ')).toContain(`${field}-error`);
      expect($(`#${field}`).attr('aria-invalid')).toBe('true');
    }
    if (refusal.retryAfter) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    else expect(response.headers['retry-after']).toBeUndefined();
    expect(await countComments(app)).toBe(before);
  });

  it('comments off on the post: 403, the form comes back with the text so it can be copied', async () => {
    const post = await buildPost(app, { commentStatus: 'closed' });
    const { stamp } = (await app.server.inject(`/comments/stamp?post=${post.id}`)).json() as { stamp: string };
    clock.advance(5_000);
    const before = await countComments(app);
    const typed = { author: 'Late Reader', email: 'late@example.com', url: '', comment: 'Too late, sadly.' };
    const response = await sendComment(app, { comment_post_ID: String(post.id), comment_parent: '0', quire_stamp: stamp, ...typed });
    expect(response.statusCode).toBe(403);
    const $ = parseHtml(response.body);
    expect($('[role="alert"]').text()).toContain('Comments are closed on this post.');
    expect(formValuesOf($)).toEqual(typed);
    expect(await countComments(app)).toBe(before);
  });

  it('sign-in required: 401, the text kept read-only, no guest fields', async () => {
    const post = await buildPost(app);
    const { hidden } = await openCommentForm(app, permalinkOf(post));
    clock.advance(5_000);
    await app.services.settings.update({ commentRequireRegistration: true });
    const before = await countComments(app);
    const response = await sendComment(app, { ...hidden, author: 'Guest', email: 'guest@example.com', comment: 'Let me in.' });
    expect(response.statusCode).toBe(401);
    const $ = parseHtml(response.body);
    expect($('[role="alert"]').text()).toContain('You must be logged in to post a comment.');
    expect($('#comment').text()).toBe('Let me in.');
    expect($('#comment').attr('readonly')).toBeDefined();
    expect($('#author, #email').length).toBe(0);
    expect(await countComments(app)).toBe(before);
  });

  it('with name and e-mail optional, a comment without them is accepted', async () => {
    await app.services.settings.update({ commentRequireNameEmail: false });
    try {
      const post = await buildPost(app);
      const { hidden } = await openCommentForm(app, permalinkOf(post));
      clock.advance(5_000);
      const response = await sendComment(app, { ...hidden, comment: 'No name, no address.' }, { remoteAddress: freshAddress() });
      expect(response.statusCode).toBe(303);
    } finally {
      await app.services.settings.update({ commentRequireNameEmail: true });
    }
  });
});
