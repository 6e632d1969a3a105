// Who /wp-json thinks is calling: application passwords over HTTP Basic (by login or e-mail, with or without
// spaces; wrong, unknown and revoked ones refused with WordPress's 401 codes; failures rate-limited per address),
// and a signed-in session only together with its nonce (X-WP-Nonce or _wpnonce).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkAppPassword } from '../../src/features/app-passwords/index.js';
import { MAX_BASIC_FAILURES_PER_ADDRESS } from '../../src/http/wp-json/caller.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { CookieJar, STAFF_PASSWORD, createStaff, openForm, signIn } from '../support/session.js';
import { type ApiUser, apiUser, basicAuth, rest, restFixture } from './rest-client.js';

let app: TestApp;
let editor: ApiUser;

beforeAll(async () => {
  app = await createTestApp();
  editor = await apiUser(app, 'editor');
});
afterAll(async () => app.close());

const me = (call: Parameters<typeof rest>[3]) => rest(app, 'GET', '/wp-json/wp/v2/users/me', call);

describe('application passwords over HTTP Basic', () => {
  it('authenticates by login, by e-mail address, and with the password in its groups of four', async () => {
    for (const auth of [
      editor.auth,
      basicAuth(editor.user.email, editor.password),
      basicAuth(editor.user.login, chunkAppPassword(editor.password)),
    ]) {
      const response = await me({ auth });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<{ id: number }>().id).toBe(editor.user.id);
    }
  });

  it('refuses a wrong password, an unknown login and an unknown address with WordPress’s 401 codes', async () => {
    const cases = [
      [basicAuth(editor.user.login, 'abcd efgh ijkl mnop qrst uvwx'), 'incorrect_password', 'The provided password is an invalid application password.'],
      [basicAuth('nobody-at-all', editor.password), 'invalid_username', 'Unknown username. Check again or try your email address.'],
      [basicAuth('nobody@example.test', editor.password), 'invalid_email', 'Unknown email address. Check again or try your username.'],
      // No colon: the whole is a name and the password is empty.
      [`Basic ${Buffer.from(editor.user.login).toString('base64')}`, 'incorrect_password', 'The provided password is an invalid application password.'],
    ] as const;
    for (const [auth, code, message] of cases) {
      const response = await me({ auth, remoteAddress: '198.51.100.1' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code, message, data: { status: 401 } });
    }
  });

  it('refuses a wrong password even on a read that needs no authentication (never falls back to anonymous)', async () => {
    const response = await rest(app, 'GET', '/wp-json/wp/v2/categories', { auth: basicAuth(editor.user.login, 'x'), remoteAddress: '198.51.100.2' });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ code: string }>().code).toBe('incorrect_password');
  });

  it('stops accepting a password the moment it is revoked', async () => {
    const owner = await apiUser(app, 'author');
    expect((await me({ auth: owner.auth })).statusCode).toBe(200);
    const [listed] = await app.services.appPasswords.listForUser(owner.user.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    await app.services.appPasswords.revoke(owner.user.id, listed?.uuid ?? '');
    const response = await me({ auth: owner.auth });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ code: string }>().code).toBe('incorrect_password');
  });

  it('treats other schemes as no credentials at all, as WordPress does', async () => {
    const response = await me({ headers: { authorization: 'Bearer some-token' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 401 } });
  });

  it('lets subscribers have application passwords: they read as themselves and can do little else', async () => {
    const subscriber = await apiUser(app, 'subscriber');
    expect((await me({ auth: subscriber.auth })).json<{ id: number }>().id).toBe(subscriber.user.id);
    const write = await rest(app, 'POST', '/wp-json/wp/v2/categories', { auth: subscriber.auth, payload: { name: 'Nope' } });
    expect(write.statusCode).toBe(403);
    expect(write.json<{ code: string }>().code).toBe('rest_cannot_create');
  });

  it('refuses Basic attempts from an address after too many failures, even right ones, while others go on', async () => {
    const address = '203.0.113.77';
    for (let n = 0; n < MAX_BASIC_FAILURES_PER_ADDRESS; n++) {
      expect((await me({ auth: basicAuth(editor.user.login, `wrong-${n}`), remoteAddress: address })).statusCode).toBe(401);
    }
    const locked = await me({ auth: editor.auth, remoteAddress: address });
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ code: string }>().code).toBe('rest_too_many_attempts');
    expect((await me({ auth: editor.auth, remoteAddress: '203.0.113.78' })).statusCode).toBe(200);
    // Requests without Basic credentials are not what is limited.
    expect((await rest(app, 'GET', '/wp-json/wp/v2/categories', { remoteAddress: address })).statusCode).toBe(200);
  });

  it('does not count successful requests against the address', async () => {
    const address = '203.0.113.90';
    for (let n = 0; n < MAX_BASIC_FAILURES_PER_ADDRESS + 5; n++) {
      expect((await me({ auth: editor.auth, remoteAddress: address })).statusCode).toBe(200);
    }
  });
});

describe('a signed-in session with its nonce', () => {
  let jar: CookieJar;
  let nonce: string;
  beforeAll(async () => {
    const staff = await createStaff(app, 'editor');
    jar = new CookieJar();
    // The nonce is the browser's CSRF token: the one every Quire form of this browser carries.
    nonce = (await openForm(app, '/admin/login', jar)).csrf;
    await signIn(app, staff.email, STAFF_PASSWORD, { jar });
  });

  it('is the signed-in person with X-WP-Nonce, or with _wpnonce in the query', async () => {
    const withHeader = await me({ headers: { cookie: jar.header(), 'x-wp-nonce': nonce } });
    expect(withHeader.statusCode, withHeader.body).toBe(200);
    const withQuery = await rest(app, 'GET', `/wp-json/wp/v2/users/me?_wpnonce=${encodeURIComponent(nonce)}`, { headers: { cookie: jar.header() } });
    expect(withQuery.statusCode).toBe(200);
    const write = await rest(app, 'POST', '/wp-json/wp/v2/categories', { headers: { cookie: jar.header(), 'x-wp-nonce': nonce }, payload: { name: 'Cookie made' } });
    expect(write.statusCode, write.body).toBe(201);
  });

  it('is anonymous on reads without a nonce, and refuses writes without a valid one as WordPress', async () => {
    const read = await me({ headers: { cookie: jar.header() } });
    expect(read.statusCode).toBe(401);
    expect(read.json<{ code: string }>().code).toBe('rest_not_logged_in');
    const attempts: Array<Record<string, string>> = [{ cookie: jar.header() }, { cookie: jar.header(), 'x-wp-nonce': 'forged' }];
    for (const headers of attempts) {
      const write = await rest(app, 'POST', '/wp-json/wp/v2/categories', { headers, payload: { name: 'Forged' } });
      expect(write.statusCode).toBe(403);
      expect(write.json()).toEqual(restFixture('errors/create_post_bad_nonce_403.json'));
    }
    expect(await app.services.taxonomy.findBySlug('category', 'forged')).toBeUndefined();
  });

  it('does not take another browser’s nonce', async () => {
    const other = new CookieJar();
    const otherNonce = (await openForm(app, '/admin/login', other)).csrf;
    const response = await rest(app, 'POST', '/wp-json/wp/v2/categories', { headers: { cookie: jar.header(), 'x-wp-nonce': otherNonce }, payload: { name: 'Stolen' } });
    expect(response.statusCode).toBe(403);
  });
});
