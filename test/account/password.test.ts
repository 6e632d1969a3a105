// Passwords of site accounts: signing in (wrong password, the rate limit, safe return paths), and the reset by
// mailed link (read from a real SMTP server): one answer for every address, the link works once and for an hour,
// the old password stops working and every other session ends. Stand-in: time (a clock the test moves).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoInternals } from '../support/pages.js';
import {
  type AccountWorld, CookieJar, GOOD_PASSWORD, accountSignIn, get, linkIn, mailTo, mailsTo, parseHtml, postForm,
  registerConfirmed, signedInEmail, startAccountWorld, submitForm,
} from './account-helpers.js';

const NEW_PASSWORD = 'a sharper chisel for the dovetails';
const FAILED = 'The e-mail address or password is incorrect.';

describe('site-account passwords', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
    await registerConfirmed(world, 'ann@example.test');
    await registerConfirmed(world, 'bea@example.test');
  });
  afterEach(() => world.smtp.clear());
  afterAll(() => world.close());

  const forgot = (email: string, jar = new CookieJar()) => submitForm(world.app, '/account/password/forgot', { email }, jar);

  it('signs in with the right password and starts a session that names the site identity', async () => {
    const { response, jar } = await accountSignIn(world.app, 'ANN@example.test', GOOD_PASSWORD, { returnTo: '/2026/12/01/a-post/' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/2026/12/01/a-post/');
    expect(await signedInEmail(world.app, jar)).toBe('ann@example.test');
    const user = await world.app.services.users.findByEmail('ann@example.test');
    const site = (await world.app.services.accounts.listIdentities(user?.id ?? 0)).find((i) => i.provider === 'site');
    const session = await world.app.services.sessions.resolve(jar.get('quire_session') ?? '');
    expect(session?.identityId).toBe(site?.id);
  });

  it.each([['https://evil.example/'], ['//evil.example/'], ['/\\evil.example'], ['javascript:alert(1)']])(
    'ignores return_to=%s (no open redirect)', async (returnTo) => {
      const { response } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD, { returnTo });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
    },
  );

  it('refuses a wrong password with the words it uses for an unknown address, and no session', async () => {
    const wrong = await accountSignIn(world.app, 'ann@example.test', 'not the password at all', { ip: '192.0.2.50' });
    const unknown = await accountSignIn(world.app, 'nobody@example.test', 'not the password at all', { ip: '192.0.2.50' });
    for (const { response, jar } of [wrong, unknown]) {
      expect(response.statusCode).toBe(400);
      const $ = parseHtml(response.body);
      expect($('main [role="alert"]').text().trim()).toBe(FAILED);
      expect($('input[name="email"]').val()).not.toBe('');
      expect($('input[name="password"]').val()).toBe('');
      expect(response.body).not.toContain('not the password at all');
      expect(jar.get('quire_session')).toBeUndefined();
    }
  });

  it('rate-limits failed sign-ins: 429 with Retry-After, even for the right password, until the window passes', async () => {
    const ip = '192.0.2.77';
    for (let n = 0; n < 5; n++) expect((await accountSignIn(world.app, 'bea@example.test', `wrong guess ${n}`, { ip })).response.statusCode).toBe(400);
    const limited = await accountSignIn(world.app, 'bea@example.test', GOOD_PASSWORD, { ip });
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers['retry-after']).toBe('900');
    expect(parseHtml(limited.response.body)('main').text()).toContain('Too many sign-in attempts');
    expectNoInternals(limited.response.body);
    expect(limited.jar.get('quire_session')).toBeUndefined();

    world.clock.advance(15 * 60_000);
    expect((await accountSignIn(world.app, 'bea@example.test', GOOD_PASSWORD, { ip })).response.statusCode).toBe(303);
  });

  it('answers the same for every address, and mails a reset link only to an account', async () => {
    const known = await forgot('bea@example.test');
    const unknown = await forgot('nobody@example.test');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const mainOf = (body: string, email: string) => (parseHtml(body)('main').html() ?? '').split(email).join('ADDRESS');
    expect(mainOf(known.body, 'bea@example.test')).toBe(mainOf(unknown.body, 'nobody@example.test'));
    const mail = await mailTo(world, 'bea@example.test', 'Choose a new password');
    expect(linkIn(mail, '/account/password/reset/')).toMatch(/^\/account\/password\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(await mailsTo(world, 'nobody@example.test')).toEqual([]);
  });

  it('resets the password once: the old one stops working, and every other session of the account ends', async () => {
    const elsewhere = (await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD)).jar;
    expect(await signedInEmail(world.app, elsewhere)).toBe('ann@example.test');

    await forgot('ann@example.test');
    const path = linkIn(await mailTo(world, 'ann@example.test', 'Choose a new password'), '/account/password/reset/');
    const jar = new CookieJar();
    const page = await get(world.app, path, jar);
    expect(page.statusCode).toBe(200);
    expect(parseHtml(page.body)('input[name="password"][autocomplete="new-password"]').length).toBe(1);
    // Opening the page changed nothing: the old password and the other session still work.
    expect(await signedInEmail(world.app, elsewhere)).toBe('ann@example.test');

    const done = await submitForm(world.app, path, { password: NEW_PASSWORD }, jar);
    expect(done.statusCode).toBe(200);
    expect(parseHtml(done.body)('h1').text()).toBe('Your password was changed');
    expect(done.body).not.toContain(NEW_PASSWORD);

    expect(await signedInEmail(world.app, elsewhere)).toBeUndefined();
    expect((await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD, { ip: '192.0.2.60' })).response.statusCode).toBe(400);
    expect((await accountSignIn(world.app, 'ann@example.test', NEW_PASSWORD)).response.statusCode).toBe(303);

    // The link works once.
    expect((await get(world.app, path)).statusCode).toBe(404);
    const reuse = await submitForm(world.app, '/account/password/forgot', { password: 'yet another fine password' }, jar, { action: path });
    expect(reuse.statusCode).toBe(404);
    expect((await accountSignIn(world.app, 'ann@example.test', NEW_PASSWORD)).response.statusCode).toBe(303);
  });

  it('refuses a weak new password with the reason, and the link still works afterwards', async () => {
    await forgot('bea@example.test');
    const path = linkIn(await mailTo(world, 'bea@example.test', 'Choose a new password'), '/account/password/reset/');
    const jar = new CookieJar();
    const weak = await submitForm(world.app, path, { password: 'iloveyou' }, jar);
    expect(weak.statusCode).toBe(400);
    expect(parseHtml(weak.body)('#field-password-error').text()).toContain('most common passwords');
    expect((await submitForm(world.app, path, { password: NEW_PASSWORD }, jar)).statusCode).toBe(200);
  });

  it('lets a reset link expire after an hour', async () => {
    await forgot('bea@example.test');
    const path = linkIn(await mailTo(world, 'bea@example.test', 'Choose a new password'), '/account/password/reset/');
    world.clock.advance(60 * 60_000);
    const expired = await get(world.app, path);
    expect(expired.statusCode).toBe(404);
    expect(parseHtml(expired.body)('main').text()).toContain('This link is no longer valid');
  });

  it('limits the mail one address can be sent: 429 with Retry-After once over five an hour', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) statuses.push((await forgot('flooded@example.test')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await forgot('flooded@example.test');
    expect(limited.headers['retry-after']).toBe('3600');
    expect(parseHtml(limited.body)('main [role="alert"]').text()).toContain('Too many messages');
  });

  it('refuses every password form without its CSRF token (403)', async () => {
    const jar = new CookieJar();
    await get(world.app, '/account/login', jar);
    const login = await postForm(world.app, '/account/login', { email: 'bea@example.test', password: NEW_PASSWORD }, jar);
    expect(login.statusCode).toBe(403);
    expect(jar.get('quire_session')).toBeUndefined();
    expect((await postForm(world.app, '/account/password/forgot', { email: 'bea@example.test' }, jar)).statusCode).toBe(403);
    expect(await mailsTo(world, 'bea@example.test')).toEqual([]);

    await forgot('bea@example.test');
    const path = linkIn(await mailTo(world, 'bea@example.test', 'Choose a new password'), '/account/password/reset/');
    expect((await postForm(world.app, path, { password: 'a password nobody sent' }, jar)).statusCode).toBe(403);
    expect((await submitForm(world.app, path, { password: 'the one the owner sent' }, jar)).statusCode).toBe(200);
  });
});
