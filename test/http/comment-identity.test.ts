// The comment form's identity block over HTTP: icons of the enabled providers only, who is signed in ("You are
// commenting using your … account. (Log Out / Change)"), Log Out and Change, signed-in comments recording their
// identity, and the "trust verified identities" setting. Real OpenID Provider; the comment drafts are in
// comment-drafts.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { openCommentForm, sendComment } from '../support/comment-form.js';
import { buildPost, permalinkOf } from '../support/factories.js';
import { type Page, parseHtml } from '../support/html.js';
import { CookieJar, get, postForm } from '../support/session.js';
import { type IdentityWorld, OIDC_NAME, SITE_TITLE, signInWith, signInWithSiteAccount, startIdentityWorld } from './comment-identity-world.js';

let world: IdentityWorld;
beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world?.close();
});

const sentence = ($: Page) => $('.comment-signed-in-as').text().replace(/\s+/g, ' ').trim();
let textSequence = 0;
const uniqueText = () => `A signed-in thought, number ${++textSequence}.`;

describe('the identity block', () => {
  it('offers an icon for each enabled provider only (a plain link with an inline SVG and "Log in with …"), then the site account and an e-mail link', async () => {
    const post = await buildPost(world.app);
    const path = permalinkOf(post);
    const { $ } = await openCommentForm(world.app, path);
    const icons = $('.comment-sign-in a.sign-in-icon');
    expect(icons.map((_, a) => $(a).attr('data-provider')).get()).toEqual(['google', 'oidc', 'site', 'email']);
    expect(icons.map((_, a) => $(a).attr('aria-label')).get()).toEqual([
      'Log in with Google', `Log in with ${OIDC_NAME}`, `Log in with your ${SITE_TITLE} account`, 'Log in with an e-mail link',
    ]);
    const back = encodeURIComponent(path);
    expect($('a.sign-in-google').attr('href')).toBe(`/auth/google/start?return_to=${back}`);
    expect($('a.sign-in-oidc').attr('href')).toBe(`/auth/oidc/start?return_to=${back}`);
    expect($('a.sign-in-oidc').attr('data-label')).toBe(OIDC_NAME);
    expect($('a.sign-in-oidc').text().trim()).toBe(OIDC_NAME);
    expect($('a.sign-in-site').attr('href')).toBe(`/account/login?return_to=${encodeURIComponent(`${path}#respond`)}`);
    expect($('a.sign-in-email').attr('href')).toBe(`/account/email-link?return_to=${encodeURIComponent(`${path}#respond`)}`);
    expect(icons.map((_, a) => $(a).attr('data-flow')).get()).toEqual(['popup', 'popup', 'page', 'page']);
    // First-party drawings: an SVG in every icon, no image and no address of another site.
    expect($('.comment-sign-in a.sign-in-icon > svg').length).toBe(4);
    expect($('.comment-sign-in img, .comment-sign-in [src]').length).toBe(0);
    expect($('.comment-sign-in').html()).not.toMatch(/https?:\/\//);
    // Disabled providers have no icon.
    expect($('a.sign-in-facebook, a.sign-in-x, a.sign-in-github, a.sign-in-wordpress').length).toBe(0);
    // The icons start the real flow: a plain GET of the link goes to the provider.
    const started = await get(world.app, String($('a.sign-in-oidc').attr('href')), new CookieJar());
    expect(started.statusCode).toBe(302);
    expect(String(started.headers.location)).toMatch(new RegExp(`^${world.op.issuer}/`));
  });

  it('names a provider identity: its local picture and name, "You are commenting using your Test ID account. (Log Out / Change)", no guest fields', async () => {
    const post = await buildPost(world.app);
    const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
    const { $, hidden, response } = await openCommentForm(world.app, permalinkOf(post), jar);
    expect(sentence($)).toBe(`You are commenting using your ${OIDC_NAME} account. (Log Out / Change)`);
    expect($('.comment-signed-in-name').text()).toBe('Alice Liddell');
    expect($('.comment-signed-in img.avatar-image').attr('src')).toMatch(/^\/avatars\/[0-9a-f]{64}\.png$/);
    expect($('#author, #email, #url, .comment-sign-in').length).toBe(0);
    expect($('#comment-remember').attr('hidden')).toBeDefined();
    expect(hidden._csrf).toBeTruthy();
    expect($('form#comment-logout input[name="_csrf"]').val()).toBe(hidden._csrf);
    expect($('form#comment-logout input[name="return_to"]').val()).toBe(`${permalinkOf(post)}#respond`);
    expect($('a.comment-change-identity').attr('href')).toBe(`${permalinkOf(post)}?change_identity=1#respond`);
    expect(response.headers['cache-control']).toMatch(/private|no-store/);

    const google = await signInWith(world, 'google', 'alice', permalinkOf(post));
    expect(sentence((await openCommentForm(world.app, permalinkOf(post), google)).$)).toBe('You are commenting using your Google account. (Log Out / Change)');
  });

  it('names a site account by the site\'s title, with its initials for an avatar', async () => {
    const post = await buildPost(world.app);
    const { jar } = await signInWithSiteAccount(world, 'Mara Keller');
    const { $ } = await openCommentForm(world.app, permalinkOf(post), jar);
    expect(sentence($)).toBe(`You are commenting using your ${SITE_TITLE} account. (Log Out / Change)`);
    expect($('.comment-signed-in-name').text()).toBe('Mara Keller');
    expect($('.comment-signed-in span.avatar').text()).toBe('MK');
  });

  it('offers the same icons where the site requires signing in, and the whole form once signed in', async () => {
    await world.app.services.settings.update({ commentRequireRegistration: true });
    try {
      const post = await buildPost(world.app);
      const guest = await openCommentForm(world.app, permalinkOf(post));
      expect(guest.$('.must-log-in').text()).toBe('You must be logged in to post a comment.');
      expect(guest.$('#comment-identity a.sign-in-icon').map((_, a) => guest.$(a).attr('data-provider')).get()).toEqual(['google', 'oidc', 'site', 'email']);
      expect(guest.$('#commentform').length).toBe(0);
      const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
      const { $ } = await openCommentForm(world.app, permalinkOf(post), jar);
      expect($('#commentform textarea#comment').length).toBe(1);
      expect(sentence($)).toBe(`You are commenting using your ${OIDC_NAME} account. (Log Out / Change)`);
    } finally {
      await world.app.services.settings.update({ commentRequireRegistration: false });
    }
  });

  it('GET /comments/identity answers this browser\'s block as personal, unstored JSON { html, csrf }', async () => {
    const post = await buildPost(world.app);
    const guest = await get(world.app, `/comments/identity?post=${post.id}`, new CookieJar());
    expect(guest.statusCode).toBe(200);
    expect(guest.headers['cache-control']).toBe('no-store');
    const guestData = JSON.parse(guest.body) as { html: string; csrf: string | null; state: string };
    expect(guestData).toMatchObject({ csrf: null, state: 'guest' });
    expect(parseHtml(guestData.html)('#comment-identity a.sign-in-oidc').length).toBe(1);

    const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
    const { hidden } = await openCommentForm(world.app, permalinkOf(post), jar);
    const signedIn = JSON.parse((await get(world.app, `/comments/identity?post=${post.id}`, jar)).body) as typeof guestData;
    expect(signedIn.state).toBe('signed-in');
    expect(signedIn.csrf).toBe(hidden._csrf);
    const $ = parseHtml(signedIn.html);
    expect(sentence($)).toBe(`You are commenting using your ${OIDC_NAME} account. (Log Out / Change)`);
    expect($('form#comment-logout input[name="_csrf"]').val()).toBe(hidden._csrf);

    const changing = JSON.parse((await get(world.app, `/comments/identity?post=${post.id}&change=1`, jar)).body) as typeof guestData;
    expect(changing.state).toBe('changing');
    expect(parseHtml(changing.html)('#author, a.sign-in-google, a.comment-keep-identity').length).toBe(3);

    for (const query of ['post=999999', 'post=abc', '']) {
      const missing = await get(world.app, `/comments/identity?${query}`, jar);
      expect(missing.statusCode).toBe(404);
      expect(JSON.parse(missing.body)).toMatchObject({ code: 'COMMENT_POST_NOT_FOUND' });
    }
  });
});

describe('Log Out and Change', () => {
  it('Log Out ends the session on the server and returns to the post\'s form; without or with a wrong token it is refused and the session lives', async () => {
    const post = await buildPost(world.app);
    const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
    const { hidden } = await openCommentForm(world.app, permalinkOf(post), jar);
    const token = String(jar.get(SESSION_COOKIE));
    for (const csrf of [undefined, `${hidden._csrf}x`]) {
      const refused = await postForm(world.app, '/auth/logout', { ...(csrf ? { _csrf: csrf } : {}), return_to: `${permalinkOf(post)}#respond` }, jar.clone());
      expect(refused.statusCode).toBe(403);
      expect(await world.app.services.sessions.resolve(token)).toBeDefined();
    }
    const out = await postForm(world.app, '/auth/logout', { _csrf: String(hidden._csrf), return_to: `${permalinkOf(post)}#respond` }, jar);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe(`${permalinkOf(post)}#respond`);
    expect(await world.app.services.sessions.resolve(token)).toBeUndefined();
    const { $ } = await openCommentForm(world.app, permalinkOf(post), jar);
    expect($('.comment-signed-in').length).toBe(0);
    expect($('a.sign-in-oidc').length).toBe(1);
  });

  it('Change shows the icons and guest fields again with a way back; a comment sent from it is a guest\'s', async () => {
    const post = await buildPost(world.app);
    const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
    const { $, hidden } = await openCommentForm(world.app, `${permalinkOf(post)}?change_identity=1`, jar);
    expect($('.comment-signed-in').length).toBe(0);
    expect($('.comment-changing').text().replace(/\s+/g, ' ')).toContain(`You are signed in with your ${OIDC_NAME} account as Alice Liddell.`);
    expect($('a.comment-keep-identity').attr('href')).toBe(`${permalinkOf(post)}#respond`);
    expect($('a.sign-in-google, #author, #email').length).toBe(3);
    expect($('#comment-remember').attr('hidden')).toBeUndefined();
    expect(hidden.comment_as_guest).toBe('1');
    const sent = await sendComment(world.app, { ...hidden, author: 'Not Alice', email: 'guest@example.test', comment: uniqueText() }, { jar });
    expect(sent.statusCode).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(String(sent.headers.location))?.[1]);
    expect(await world.app.services.comments.find(id)).toMatchObject({ authorName: 'Not Alice', authorEmail: 'guest@example.test', userId: null, identityId: null });
    // Still signed in: "Keep using it" brings the identity back.
    expect(sentence((await openCommentForm(world.app, permalinkOf(post), jar)).$)).toContain(`your ${OIDC_NAME} account`);
  });
});

describe('commenting signed in', () => {
  it('needs the CSRF token; records the account and the identity, and the comment shows the identity\'s name and local picture', async () => {
    const post = await buildPost(world.app);
    const jar = await signInWith(world, 'oidc', 'alice', permalinkOf(post));
    const { hidden } = await openCommentForm(world.app, permalinkOf(post), jar);
    const { _csrf: token, ...withoutToken } = hidden;
    const missing = await sendComment(world.app, { ...withoutToken, comment: uniqueText() }, { jar });
    expect(missing.statusCode).toBe(403);
    expect((await sendComment(world.app, { ...hidden, _csrf: `${token}x`, comment: uniqueText() }, { jar })).statusCode).toBe(403);

    // No name or e-mail fields: the identity is the author.
    const sent = await sendComment(world.app, { ...hidden, comment: uniqueText() }, { jar });
    expect(sent.statusCode).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(String(sent.headers.location))?.[1]);
    const session = await world.app.services.sessions.resolve(String(jar.get(SESSION_COOKIE)));
    const comment = await world.app.services.comments.find(id);
    expect(comment).toMatchObject({
      authorName: 'Alice Liddell', authorEmail: 'alice@example.test', userId: session?.userId, identityId: session?.identityId, status: 'approved',
    });
    const identity = await world.app.services.identities.findById(Number(session?.identityId));
    const page = parseHtml((await get(world.app, permalinkOf(post))).body);
    expect(page(`#div-comment-${id} .fn`).text()).toBe('Alice Liddell');
    expect(page(`#div-comment-${id} img.avatar-image`).attr('src')).toBe(identity?.avatarUrl);
  });

  it.each([
    ['on', 'approved', true],
    ['off', 'pending', false],
  ] as const)('with "trust verified identities" %s, a first comment from a verified identity or site account is %s', async (_label, status, trust) => {
    await world.app.services.settings.update({ commentPreviouslyApproved: true, commentTrustVerifiedIdentities: trust });
    try {
      const post = await buildPost(world.app);
      // People new to the site: no approved comment by their account or address yet.
      const login = `trusting-${String(trust)}`;
      world.op.accounts.set(login, { email: `${login}@example.test`, email_verified: true, name: `Provider ${login}` });
      const provider = await signInWith(world, 'google', login, permalinkOf(post));
      const site = (await signInWithSiteAccount(world, `Site ${login}`)).jar;
      for (const jar of [provider, site]) {
        const { hidden } = await openCommentForm(world.app, permalinkOf(post), jar);
        const sent = await sendComment(world.app, { ...hidden, comment: uniqueText() }, { jar });
        expect(sent.statusCode).toBe(303);
        const id = Number(/#comment-(\d+)$/.exec(String(sent.headers.location))?.[1]);
        expect((await world.app.services.comments.find(id))?.status).toBe(status);
      }
    } finally {
      await world.app.services.settings.update({ commentTrustVerifiedIdentities: true });
    }
  });

  it('holds the first comment of an identity without a verified e-mail, trust or not', async () => {
    await world.app.services.settings.update({ commentPreviouslyApproved: true, commentTrustVerifiedIdentities: true });
    const post = await buildPost(world.app);
    const jar = await signInWith(world, 'oidc', 'bob', permalinkOf(post));
    const { hidden } = await openCommentForm(world.app, permalinkOf(post), jar);
    const sent = await sendComment(world.app, { ...hidden, comment: uniqueText() }, { jar });
    const id = Number(/#comment-(\d+)$/.exec(String(sent.headers.location))?.[1]);
    // The account's placeholder address is no e-mail: the comment carries none.
    expect(await world.app.services.comments.find(id)).toMatchObject({ status: 'pending', authorName: 'Bob Nomail', authorEmail: '' });
  });
});
