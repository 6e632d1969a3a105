// The "Leave a Reply" form under a post: WordPress's markup and every state it has (open, closed, replying,
// registration required, signed in, remembered details, optional name and e-mail), reply links and avatars.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTER_COOKIE } from '../../src/http/cookie-names.js';
import { html } from '../../src/kernel/html.js';
import { renderLayout } from '../../themes/default/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { formValuesOf, freshAddress, openCommentForm, sendComment } from '../support/comment-form.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, createStaff, signIn } from '../support/session.js';

describe('the comment form', () => {
  let app: TestApp;
  let clock: MutableClock;

  beforeAll(async () => {
    clock = mutableClock('2026-06-01T12:00:00.000Z');
    app = await createTestApp({ clock });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({
      commentRequireRegistration: false, commentRequireNameEmail: true, commentCloseAfterDays: 0, avatarSource: 'local', commentThreadDepth: 5,
    });
  });

  it('is WordPress’s #respond block with the guest fields, choices, honeypot, buttons and privacy link', async () => {
    const post = await buildPost(app);
    const { $, hidden } = await openCommentForm(app, permalinkOf(post));
    expect($('section#comments').attr('data-live')).toBe(`/comments/live/${post.id}`);
    expect($('section#comments').attr('data-stamp')).toBe(`/comments/stamp?post=${post.id}`);
    expect($('#respond.comment-respond > h3#reply-title.comment-reply-title').text()).toMatch(/^Leave a Reply\s+Cancel reply$/);
    expect($('#cancel-comment-reply-link').attr('hidden')).toBeDefined();
    const form = $('form#commentform.comment-form');
    expect(form.attr('method')).toBe('post');
    expect(form.attr('action')).toBe('/comments');
    expect(form.attr('novalidate')).toBeDefined();
    expect($('.comment-notes').text()).toBe('Fill in your details below or click an icon to log in:');
    expect($('div.comment-sign-in').length).toBe(1);
    // No provider is configured here: only the site's own ways to sign in (its account, a mailed link).
    expect($('div.comment-sign-in a.sign-in-icon').map((_, a) => $(a).attr('data-provider')).get()).toEqual(['site', 'email']);

    expect($('#email').attr('type')).toBe('email');
    expect($('#email').attr('required')).toBeDefined();
    expect($('label[for="email"]').text()).toMatch(/^Email/);
    expect($(`#${$('#email').attr('aria-describedby')}`).text()).toBe('Your email address will not be published.');
    expect($('#author').attr('required')).toBeDefined();
    expect($('label[for="author"]').text()).toMatch(/^Name/);
    expect($('#url').attr('required')).toBeUndefined();
    expect($('label[for="url"]').text()).toBe('Website');
    expect($('textarea#comment[name="comment"]').length).toBe(1);
    expect($('label[for="comment"]').text()).toMatch(/^Comment/);

    expect($('label[for="remember"]').text()).toBe('Save my name, email, and website in this browser for the next time I comment.');
    expect($('#remember').is(':checked')).toBe(false);
    expect($('label[for="subscribe"]').text()).toBe('Notify me of new comments via email.');
    expect($('select#subscribe option').map((_, o) => $(o).attr('value')).get()).toEqual(['none', 'comments', 'replies']);
    expect($('label[for="subscribe_posts"]').text()).toBe('Notify me of new posts via email.');
    expect($('label[for="quire_hp"]').text()).toBe('Leave this empty');
    expect($('#quire_hp').closest('.comment-form-hp').length).toBe(1);
    expect($('#quire_hp').attr('tabindex')).toBe('-1');

    expect($('button[name="submit"]').text()).toBe('Post Comment');
    expect($('button[name="preview"]').text()).toBe('Preview');
    expect(hidden).toMatchObject({ comment_post_ID: String(post.id), comment_parent: '0' });
    expect(hidden.quire_stamp).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(hidden._csrf).toBeUndefined();
    expect($('.comment-form-privacy a').attr('href')).toBe('/comments/privacy');
    expect($('.comment-form-privacy a').text()).toBe('Manage your comments and data');
    expect($('[data-avatar-preview]').hasClass('avatar-neutral')).toBe(true);
    expect($('[role="alert"]').length).toBe(0);
    // The theme's script, from the hashed asset route, deferred (the CSP allows no inline script).
    expect($('head script[src^="/assets/comments."][src$=".js"][defer]').length).toBe(1);
  });

  it('is not there when comments are off for the post, or closed by age', async () => {
    const off = await buildPost(app, { commentStatus: 'closed' });
    await buildComment(app, off);
    const { $ } = await openCommentForm(app, permalinkOf(off));
    expect($('#respond').length).toBe(0);
    expect($('.no-comments').text()).toBe('Comments are closed.');
    expect($('.comment-reply-link').length).toBe(0);

    const old = await buildPost(app, { publishedAt: '2026-05-01T12:00:00.000Z' });
    await buildComment(app, old);
    expect((await openCommentForm(app, permalinkOf(old))).$('#respond').length).toBe(1);
    await app.services.settings.update({ commentCloseAfterDays: 14 });
    const closed = await openCommentForm(app, permalinkOf(old));
    expect(closed.$('#respond').length).toBe(0);
    expect(closed.$('.no-comments').text()).toBe('Comments are closed.');
  });

  it('answers the comment named by ?replytocom: "Leave a Reply to NAME", Cancel reply, its parent id, noindex', async () => {
    const post = await buildPost(app);
    const id = await buildComment(app, post, { authorName: 'Cleo <Quotes>' });
    const { $, hidden } = await openCommentForm(app, `${permalinkOf(post)}?replytocom=${id}`);
    expect($('#reply-title').text()).toMatch(/^Leave a Reply to Cleo <Quotes>\s+Cancel reply$/);
    expect($('#reply-title a[href="#comment-' + id + '"]').text()).toBe('Cleo <Quotes>');
    expect($('#cancel-comment-reply-link').attr('href')).toBe(`${permalinkOf(post)}#respond`);
    expect($('#cancel-comment-reply-link').attr('hidden')).toBeUndefined();
    expect(hidden.comment_parent).toBe(String(id));
    expect($('meta[name="robots"]').attr('content')).toMatch(/noindex/);
  });

  it.each([
    ['a held comment', async (app: TestApp, postId: { id: number; publishedAt: string | null }) => String(await buildComment(app, postId, { status: 'pending' }))],
    ['a comment of another post', async (app: TestApp) => String(await buildComment(app, await buildPost(app)))],
    ['junk', async () => 'x1'],
  ])('ignores ?replytocom naming %s', async (_label, target) => {
    const post = await buildPost(app);
    const { $, hidden } = await openCommentForm(app, `${permalinkOf(post)}?replytocom=${await target(app, post)}`);
    expect($('#reply-title').text()).toMatch(/^Leave a Reply\s+Cancel reply$/);
    expect(hidden.comment_parent).toBe('0');
  });

  it('gives each comment WordPress’s reply link, except at the deepest level', async () => {
    await app.services.settings.update({ commentThreadDepth: 2 });
    const post = await buildPost(app);
    const top = await buildComment(app, post, { authorName: 'Dora' });
    const reply = await buildComment(app, post, { parentId: top });
    const { $ } = await openCommentForm(app, permalinkOf(post));
    const link = $(`#div-comment-${top} .comment-reply-link`);
    expect(link.attr('href')).toBe(`${permalinkOf(post)}?replytocom=${top}#respond`);
    expect(link.attr('data-commentid')).toBe(String(top));
    expect(link.attr('data-postid')).toBe(String(post.id));
    expect(link.attr('data-belowelement')).toBe(`div-comment-${top}`);
    expect(link.attr('data-respondelement')).toBe('respond');
    expect(link.attr('data-replyto')).toBe('Reply to Dora');
    expect(link.attr('aria-label')).toBe('Reply to Dora');
    expect(link.text()).toBe('Reply');
    expect($(`#div-comment-${reply} .comment-reply-link`).length).toBe(0);
  });

  it('when registration is required: "You must be logged in to post a comment." with a sign-in link, no guest fields', async () => {
    await app.services.settings.update({ commentRequireRegistration: true });
    const post = await buildPost(app);
    await buildComment(app, post);
    const { $ } = await openCommentForm(app, permalinkOf(post));
    expect($('#reply-title').text()).toMatch(/^Leave a Reply/);
    expect($('.must-log-in').text()).toBe('You must be logged in to post a comment.');
    expect($('.must-log-in a').attr('href')).toBe(`/account/login?return_to=${encodeURIComponent(`${permalinkOf(post)}#respond`)}`);
    expect($('#commentform, #author, #email, #url').length).toBe(0);
    expect($('.comment-reply-link').length).toBe(0);
    expect($('.comment-reply-login').text()).toBe('Log in to Reply');
  });

  it('when signed in: "You are commenting using your SITE account. (Log Out / Change)" (a POST form), the token, no guest fields, a personal page', async () => {
    const staff = await createStaff(app, 'author', { displayName: 'Petra Author' });
    const jar = await signIn(app, staff.email, 'correct horse battery staple');
    const post = await buildPost(app);
    const { $, hidden, response } = await openCommentForm(app, permalinkOf(post), jar);
    const siteTitle = (await app.services.settings.get()).title;
    expect($('.comment-signed-in-name').text()).toBe('Petra Author');
    expect($('.comment-signed-in-as').text().replace(/\s+/g, ' ').trim()).toBe(`You are commenting using your ${siteTitle} account. (Log Out / Change)`);
    const logout = $('form#comment-logout');
    expect($('.comment-signed-in-as button.comment-log-out').attr('form')).toBe('comment-logout');
    expect(logout.attr('method')).toBe('post');
    expect(logout.attr('action')).toBe('/auth/logout');
    expect(logout.find('input[name="_csrf"]').val()).toBe(hidden._csrf);
    expect(hidden._csrf).toBeTruthy();
    expect($('#author, #email, #url, .comment-notes').length).toBe(0);
    expect($('#commentform textarea#comment').length).toBe(1);
    expect(response.headers['cache-control']).toMatch(/private/);
  });

  it('fills in the remembered name, e-mail and website, with their avatar, on a page no cache keeps', async () => {
    const post = await buildPost(app);
    const jar = new CookieJar();
    const { hidden } = await openCommentForm(app, permalinkOf(post), jar);
    clock.advance(5_000);
    const sent = await sendComment(
      app, { ...hidden, author: 'Rita Hayworth', email: 'rita@example.com', url: 'https://rita.example/', comment: 'Remember me.', remember: '1' },
      { jar, remoteAddress: freshAddress() },
    );
    expect(sent.statusCode).toBe(303);
    const { $, response } = await openCommentForm(app, permalinkOf(post), jar);
    expect(formValuesOf($)).toEqual({ author: 'Rita Hayworth', email: 'rita@example.com', url: 'https://rita.example/', comment: '' });
    expect($('#remember').is(':checked')).toBe(true);
    expect($('[data-avatar-preview]').text()).toBe('RH');
    expect($('[data-avatar-preview]').attr('class')).toMatch(/avatar-hue-\d+/);
    expect(response.headers['x-cache']).toBe('BYPASS');
    expect(response.headers['cache-control']).toMatch(/private/);

    const forged = new CookieJar({ [COMMENTER_COOKIE]: `${jar.get(COMMENTER_COOKIE)?.slice(0, -2)}xx` });
    expect(formValuesOf((await openCommentForm(app, permalinkOf(post), forged)).$).author).toBe('');
  });

  it('drops "required" from name and e-mail when the site does not ask for them', async () => {
    await app.services.settings.update({ commentRequireNameEmail: false });
    const post = await buildPost(app);
    const { $ } = await openCommentForm(app, permalinkOf(post));
    expect($('#author').attr('required')).toBeUndefined();
    expect($('#email').attr('required')).toBeUndefined();
    expect($('label[for="author"] .required, label[for="email"] .required').length).toBe(0);
    expect($('#comment').attr('required')).toBeDefined();
  });

  it('shows Gravatar images (SHA-256 of the address) when the site uses them, local initials otherwise', async () => {
    const post = await buildPost(app);
    const id = await buildComment(app, post, { authorName: 'Gia Grav', authorEmail: ' Gia@Example.com ' });
    const local = await openCommentForm(app, permalinkOf(post));
    expect(local.$(`#comment-${id} span.avatar`).text()).toBe('GG');
    expect(local.$(`#comment-${id} img`).length).toBe(0);
    await app.services.settings.update({ avatarSource: 'gravatar' });
    const { $ } = await openCommentForm(app, permalinkOf(post));
    const img = $(`#comment-${id} img.avatar`);
    const hash = createHash('sha256').update('gia@example.com').digest('hex');
    expect(img.attr('src')).toBe(`https://secure.gravatar.com/avatar/${hash}?s=96&d=identicon`);
    expect(img.attr('alt')).toBe('');
    expect(img.attr('loading')).toBe('lazy');
    expect(img.attr('width')).toBeTruthy();
    expect(img.attr('height')).toBeTruthy();
  });

  it('the layout loads the page’s scripts deferred', () => {
    const page = renderLayout(
      {
        site: { title: 'T', tagline: '', homeHref: '/', language: 'en', menu: [] },
        sidebar: { searchWords: '', recent: [], categories: [], archives: [] },
        pageTitle: null, canonicalHref: null, stylesheetHref: '/a.css', scripts: ['/assets/comments.abc.js'],
      },
      html`<p>Main</p>`,
    );
    const script = parseHtml(page)('script[src="/assets/comments.abc.js"]');
    expect(script.length).toBe(1);
    expect(script.attr('defer')).toBeDefined();
  });
});
