// Staff sign-in at /admin/login: the form, sessions and their cookie, rotation, Log Out, expiry, rate limits, redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { parseHtml } from '../support/html.js';
import {
  CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, setCookieFor, signIn,
} from '../support/session.js';

const FAILED = 'The e-mail address or password is incorrect.';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Whether the browser's cookies open the staff landing page (a 303 to the sign-in page means no session). */
async function isSignedIn(app: TestApp, jar: CookieJar): Promise<boolean> {
  const response = await get(app, '/admin/', jar.clone());
  if (response.statusCode === 200) return true;
  expect(response.statusCode).toBe(303);
  expect(String(response.headers.location)).toMatch(/^\/admin\/login/);
  return false;
}

/** A sign-in attempt from a fresh browser at `remoteAddress`. */
async function attempt(app: TestApp, fields: Record<string, string>, remoteAddress = '198.51.100.1') {
  const jar = new CookieJar();
  const { csrf } = await openForm(app, '/admin/login', jar);
  const response = await postForm(app, '/admin/login', { _csrf: csrf, ...fields }, jar, { remoteAddress });
  return { response, jar, $: parseHtml(response.body) };
}

describe('signing in at /admin/login', () => {
  let app: TestApp;
  let ada: User;

  beforeAll(async () => {
    app = await createTestApp();
    ada = await createStaff(app, 'administrator', { email: 'ada@example.test', displayName: 'Ada Lovelace' });
  });
  afterAll(() => app.close());

  it('shows a labelled form with a CSRF field, kept out of caches and search engines', async () => {
    const response = await get(app, '/admin/login?redirect_to=%2Fadmin%2Fcomments');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    const $ = parseHtml(response.body);
    const form = $('form[method="post"][action="/admin/login"]');
    expect(form.length).toBe(1);
    expect(form.find('input[type="hidden"][name="_csrf"]').val()).toBeTruthy();
    expect(form.find('input[type="hidden"][name="redirect_to"]').val()).toBe('/admin/comments');
    for (const [name, type] of [['email', 'email'], ['password', 'password']] as const) {
      const input = form.find(`input[name="${name}"]`);
      expect(input.attr('type')).toBe(type);
      expect(form.find(`label[for="${input.attr('id')}"]`).text().trim()).not.toBe('');
    }
    expect(form.find('input[name="password"]').attr('autocomplete')).toBe('current-password');
    expect($('style, script:not([src]), [style]').length).toBe(0);
  });

  it('refuses a wrong password with the generic message, keeps the e-mail, and sets no session cookie', async () => {
    const { response, $ } = await attempt(app, { email: 'ada@example.test', password: 'not the password' });
    expect(response.statusCode).toBe(400);
    expect($('.form-errors[role="alert"]').text()).toContain(FAILED);
    expect($('input[name="email"]').val()).toBe('ada@example.test');
    expect(response.body).not.toContain('not the password');
    expect(setCookieFor(response, SESSION_COOKIE)).toBeUndefined();
  });

  it('answers an unknown e-mail address with the same status and message', async () => {
    const { response, $ } = await attempt(app, { email: 'nobody@example.test', password: STAFF_PASSWORD });
    expect(response.statusCode).toBe(400);
    expect($('.form-errors[role="alert"]').text().trim()).toBe(FAILED);
    expect(setCookieFor(response, SESSION_COOKIE)).toBeUndefined();
  });

  it('signs in with the right password: 303 to redirect_to and an HttpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const { response, jar } = await attempt(app, { email: 'ADA@example.test ', password: STAFF_PASSWORD, redirect_to: '/admin/comments' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/comments');
    const cookie = setCookieFor(response, SESSION_COOKIE) ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const home = await get(app, '/admin/', jar);
    expect(home.statusCode).toBe(200);
    const $ = parseHtml(home.body);
    expect($('h1').text()).toBe('Hello, Ada Lovelace');
    expect($('main').text()).toContain('Administrator');
    expect($('form.admin-logout[action="/admin/logout"] button').text()).toBe('Log Out');
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.headers['x-robots-tag']).toBe('noindex');
  });

  it('sends an anonymous reader of a staff page to sign in, and back to that page afterwards', async () => {
    const jar = new CookieJar();
    const first = await get(app, '/admin/comments?status=spam', jar);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/admin/login?redirect_to=%2Fadmin%2Fcomments%3Fstatus%3Dspam');
    const { $, csrf } = await openForm(app, String(first.headers.location), jar);
    const back = String($('input[name="redirect_to"]').val());
    const response = await postForm(app, '/admin/login', { _csrf: csrf, email: 'ada@example.test', password: STAFF_PASSWORD, redirect_to: back }, jar);
    expect(response.headers.location).toBe('/admin/comments?status=spam');
    expect((await get(app, '/admin/comments?status=spam', jar)).statusCode).toBe(200);
  });

  it('rotates the session at sign-in: a new token every time, and the browser\'s previous session ends', async () => {
    const planted = new CookieJar({ [SESSION_COOKIE]: 'A'.repeat(43) }); // a token an attacker chose
    const jar = await signIn(app, 'ada@example.test', STAFF_PASSWORD, { jar: planted });
    const first = jar.get(SESSION_COOKIE);
    expect(first).not.toBe('A'.repeat(43));
    const before = jar.clone();
    await signIn(app, 'ada@example.test', STAFF_PASSWORD, { jar });
    expect(jar.get(SESSION_COOKIE)).not.toBe(first);
    expect(await isSignedIn(app, jar)).toBe(true);
    expect(await isSignedIn(app, before)).toBe(false);
  });

  it('logs out only by a POST with its CSRF token, and ends the session on the server', async () => {
    const jar = await signIn(app, 'ada@example.test', STAFF_PASSWORD);
    const stolen = jar.clone(); // the same cookie, replayed after Log Out
    expect((await get(app, '/admin/logout', jar.clone())).statusCode).not.toBe(200);
    const forged = await postForm(app, '/admin/logout', {}, jar.clone());
    expect(forged.statusCode).toBe(403);
    expect(await isSignedIn(app, jar)).toBe(true);

    const { csrf } = await openForm(app, '/admin/', jar);
    const response = await postForm(app, '/admin/logout', { _csrf: csrf }, jar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login');
    expect(setCookieFor(response, SESSION_COOKIE)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(app, stolen)).toBe(false);
  });

  it('ends every session of a user at once (destroyAllForUser)', async () => {
    const [one, two] = [await signIn(app, 'ada@example.test', STAFF_PASSWORD), await signIn(app, 'ada@example.test', STAFF_PASSWORD)];
    await app.services.sessions.destroyAllForUser(ada.id);
    expect(await isSignedIn(app, one)).toBe(false);
    expect(await isSignedIn(app, two)).toBe(false);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab trick', '/\t/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'admin/comments'],
  ])('never redirects off the site: %s lands on /admin/', async (_what, target) => {
    const page = parseHtml((await get(app, `/admin/login?redirect_to=${encodeURIComponent(target)}`)).body);
    expect(page('input[name="redirect_to"]').val()).toBe('/admin/');
    const { response } = await attempt(app, { email: 'ada@example.test', password: STAFF_PASSWORD, redirect_to: target });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/');
  });

  it('refuses a sign-in without the CSRF token with 403 and no session', async () => {
    const response = await postForm(app, '/admin/login', { email: 'ada@example.test', password: STAFF_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(setCookieFor(response, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413', async () => {
    const jar = new CookieJar();
    const { csrf } = await openForm(app, '/admin/login', jar);
    const response = await postForm(app, '/admin/login', { _csrf: csrf, email: 'ada@example.test', password: 'x'.repeat(1024 * 1024 + 1) }, jar);
    expect(response.statusCode).toBe(413);
    expect(setCookieFor(response, SESSION_COOKIE)).toBeUndefined();
  });

  it('answers missing fields with 400 and a message by each', async () => {
    const { response, $ } = await attempt(app, { email: ' ', password: '' });
    expect(response.statusCode).toBe(400);
    expect($('#field-email').attr('aria-invalid')).toBe('true');
    expect($('#field-email').closest('.field').find('.error').text()).toBe('Enter your e-mail address.');
    expect($('#field-password').closest('.field').find('.error').text()).toBe('Enter your password.');
    const onlyPassword = await attempt(app, { email: 'ada@example.test' });
    expect(onlyPassword.response.statusCode).toBe(400);
    expect(onlyPassword.$('#field-email').attr('aria-invalid')).toBeUndefined();
    expect(onlyPassword.$('#field-password').attr('aria-invalid')).toBe('true');
  });
});

describe('the session cookie on an https site', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ config: { publicUrl: 'https://blog.test' } });
    await createStaff(app, 'editor', { email: 'eve@example.test' });
  });
  afterAll(() => app.close());

  it('is Secure', async () => {
    const { response } = await attempt(app, { email: 'eve@example.test', password: STAFF_PASSWORD });
    expect(response.statusCode).toBe(303);
    expect(setCookieFor(response, SESSION_COOKIE)).toContain('Secure');
  });
});

describe('session lifetimes and sign-in limits (on a clock the test moves)', () => {
  let app: TestApp;
  let clock: MutableClock;

  beforeAll(async () => {
    clock = mutableClock('2026-03-02T09:00:00Z');
    app = await createTestApp({ clock });
    await createStaff(app, 'editor', { email: 'ed@example.test' });
    await createStaff(app, 'author', { email: 'al@example.test' });
  });
  afterAll(() => app.close());

  it('ends a session left unused for the idle lifetime (2 days), and keeps a used one going', async () => {
    const idle = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
    const busy = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
    clock.advance(47 * HOUR);
    expect(await isSignedIn(app, busy)).toBe(true);
    clock.advance(2 * HOUR); // 49 hours after sign-in, 2 after busy's last request
    expect(await isSignedIn(app, busy)).toBe(true);
    expect(await isSignedIn(app, idle)).toBe(false);
    // The dead cookie is cleared, so that the browser gets cached public pages again.
    await get(app, '/admin/', idle);
    expect(idle.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('ends even a busy session at the absolute lifetime (14 days)', async () => {
    const jar = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
    for (let day = 1; day < 14; day++) {
      clock.advance(DAY);
      expect(await isSignedIn(app, jar), `day ${day}`).toBe(true);
    }
    clock.advance(DAY - 1);
    expect(await isSignedIn(app, jar)).toBe(true);
    clock.advance(1);
    expect(await isSignedIn(app, jar)).toBe(false);
  });

  it('takes its lifetimes from the site settings', async () => {
    await app.services.settings.update({ sessionIdleHours: 1 });
    try {
      const jar = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
      clock.advance(HOUR - 1000);
      expect(await isSignedIn(app, jar)).toBe(true);
      clock.advance(HOUR);
      expect(await isSignedIn(app, jar)).toBe(false);
    } finally {
      await app.services.settings.update({ sessionIdleHours: 48 });
    }
  });

  it('refuses the 6th failure for one e-mail with 429, and then even the right password, for 15 minutes', async () => {
    const address = '203.0.113.7';
    for (let n = 1; n <= 5; n++) {
      expect((await attempt(app, { email: 'ed@example.test', password: `wrong ${n}` }, address)).response.statusCode, `try ${n}`).toBe(400);
    }
    const sixth = await attempt(app, { email: 'ed@example.test', password: 'wrong 6' }, address);
    expect(sixth.response.statusCode).toBe(429);
    expect(sixth.$('main').text()).toContain('Too many sign-in attempts. Wait 15 minutes and try again.');
    expect(sixth.response.headers['retry-after']).toBe('900');
    const right = await attempt(app, { email: 'ed@example.test', password: STAFF_PASSWORD }, address);
    expect(right.response.statusCode).toBe(429);
    expect(setCookieFor(right.response, SESSION_COOKIE)).toBeUndefined();
    // Another account from the same address, and this account from elsewhere, are not held up.
    expect((await attempt(app, { email: 'al@example.test', password: STAFF_PASSWORD }, address)).response.statusCode).toBe(303);
    expect((await attempt(app, { email: 'ed@example.test', password: STAFF_PASSWORD }, '203.0.113.8')).response.statusCode).toBe(303);
    clock.advance(15 * 60 * 1000);
    expect((await attempt(app, { email: 'ed@example.test', password: STAFF_PASSWORD }, address)).response.statusCode).toBe(303);
  });

  it('does not count successful sign-ins as failures', async () => {
    const address = '203.0.113.9';
    for (let n = 1; n <= 8; n++) {
      expect((await attempt(app, { email: 'al@example.test', password: STAFF_PASSWORD }, address)).response.statusCode, `sign-in ${n}`).toBe(303);
    }
  });

  it('counts a burst of simultaneous guesses in full: of 10 at once for one account, 5 are refused unchecked', async () => {
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, n) => attempt(app, { email: 'al@example.test', password: `burst ${n}` }, '203.0.113.11')),
    );
    const statuses = burst.map((b) => b.response.statusCode).sort();
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
  });
});
