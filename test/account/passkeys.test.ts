// Passkeys over HTTP: adding one needs a session and the page's CSRF token; forged, garbage, replayed and expired
// answers are refused (400) with nothing stored and no session; sign-in is same-origin only and rate limited; the
// signature counter must go up; removing never takes the last way in. Stand-ins: the browser and its authenticator
// (a software authenticator, passkey-authenticator.ts; the browser test uses Chromium's virtual one), and time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { get, postForm, setCookieFor } from '../support/session.js';
import type { CreationOptions } from './passkey-authenticator.js';
import { CookieJar, PasskeyWorld, SITE, SoftwareAuthenticator, freshIp } from './passkey-helpers.js';

describe('passkeys over HTTP', () => {
  let world: PasskeyWorld;
  beforeAll(async () => {
    world = await PasskeyWorld.start();
  });
  afterAll(() => world.close());

  it('shows the Passkeys section on /account and a hidden passkey sign-in on /account/login, with their script', async () => {
    const { jar } = await world.signedInAccount();
    const { $ } = await world.accountPage(jar);
    expect($('.account-passkeys h2').text()).toBe('Passkeys');
    expect($('.account-passkeys').text()).toContain('No passkeys yet.');
    expect($('button.passkey-add').attr('data-options')).toBe('/account/passkeys/options');
    // Served hidden: only the script, having found WebAuthn, shows a button that can work.
    expect($('button.passkey-add').closest('p').attr('hidden')).toBeDefined();
    expect($('script[src^="/assets/passkeys."]').length).toBe(1);

    const login = parseHtml((await get(world.app, '/account/login?return_to=%2F2026%2F12%2Fa-post%2F', new CookieJar())).body);
    const section = login('section.passkey-sign-in');
    expect(section.attr('hidden')).toBeDefined(); // shown by the script once it has found WebAuthn in the browser
    expect(section.find('button').attr('data-return-to')).toBe('/2026/12/a-post/');
    expect(login('script[src^="/assets/passkeys."]').length).toBe(1);
  });

  it('offers no passkeys on an address browsers refuse them on (plain http off localhost): no button, 404', async () => {
    const plain = await createTestApp({ config: { publicUrl: 'http://blog.test' } });
    try {
      const login = parseHtml((await get(plain, '/account/login')).body);
      expect(login('section.passkey-sign-in').length).toBe(0);
      expect(login('script[src^="/assets/passkeys."]').length).toBe(0);
      const response = await plain.server.inject({ method: 'POST', url: '/auth/passkey/options', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'PASSKEYS_UNAVAILABLE' });
    } finally {
      await plain.close();
    }
  });

  it('refuses registration options to visitors who are not signed in (401, JSON) and keeps no challenge', async () => {
    const response = await world.postJson('/account/passkeys/options', {}, new CookieJar(), { csrf: 'anything' });
    expect(response.statusCode).toBe(401);
    expect(response.json.code).toBe('SIGN_IN_REQUIRED');
    expect(setCookieFor(response, 'quire_passkey_reg')).toBeUndefined();
  });

  it('refuses adding a passkey without the page\'s CSRF token, in the options and in the answer', async () => {
    const { user, jar } = await world.signedInAccount();
    for (const csrf of [undefined, '', 'forged-token']) {
      const options = await world.postJson('/account/passkeys/options', {}, jar, csrf === undefined ? {} : { csrf });
      expect(options.statusCode).toBe(403);
      expect(options.json.code).toBe('CSRF_TOKEN_INVALID');
    }
    const { csrf } = await world.accountPage(jar);
    const credential = new SoftwareAuthenticator(SITE).create(await world.registrationOptions(jar, csrf));
    const answer = await world.postJson('/account/passkeys', { credential }, jar, { csrf: 'forged-token' });
    expect(answer.statusCode).toBe(403);
    expect(answer.json.code).toBe('CSRF_TOKEN_INVALID');
    expect(await world.passkeysOf(user.id)).toEqual([]);
  });

  it('adds a passkey, then signs in with it into the account\'s site identity, counting its signatures', async () => {
    const { user, jar } = await world.signedInAccount();
    const authenticator = new SoftwareAuthenticator(SITE);
    const { csrf } = await world.accountPage(jar);
    const options = await world.postJson('/account/passkeys/options', {}, jar, { csrf });
    expect(options.json).toMatchObject({
      rp: { id: 'blog.test', name: 'The Offcut' }, user: { name: user.email, displayName: user.displayName },
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' }, excludeCredentials: [],
    });
    for (const attribute of [/HttpOnly/i, /SameSite=Strict/i, /Path=\/account\/passkeys(;|$)/, /Max-Age=300/, /Secure/]) {
      expect(setCookieFor(options, 'quire_passkey_reg')).toMatch(attribute);
    }
    const added = await world.postJson('/account/passkeys', { credential: authenticator.create(options.json as unknown as CreationOptions) }, jar, { csrf });
    expect(added.statusCode).toBe(201);
    expect(added.json).toEqual({ passkey: { id: authenticator.credentialId, name: 'Passkey on a device' }, redirect: '/account' });
    expect(await world.passkeysOf(user.id)).toMatchObject([{ id: authenticator.credentialId, counter: 0, transports: ['internal'], lastUsedAt: null }]);
    const { $ } = await world.accountPage(jar);
    expect($('.passkey .passkey-name').text()).toBe('Passkey on a device');
    expect($('.passkey form').attr('action')).toBe(`/account/passkeys/${authenticator.credentialId}/delete`);
    const again = await world.registrationOptions(jar, csrf);
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId]);

    // Another browser signs in: discoverable credentials (no list of ids), a same-origin return_to, the 'site' identity.
    authenticator.counter = 7;
    const browser = new CookieJar();
    const request = await world.postJson('/auth/passkey/options', {}, browser);
    expect(request.json).not.toHaveProperty('allowCredentials');
    for (const attribute of [/HttpOnly/i, /SameSite=Strict/i, /Path=\/auth\/passkey(;|$)/, /Max-Age=300/]) {
      expect(setCookieFor(request, 'quire_passkey')).toMatch(attribute);
    }
    const signedIn = await world.postJson('/auth/passkey', {
      credential: authenticator.get(request.json as never), return_to: '/2026/12/a-post/',
    }, browser);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json).toEqual({ redirect: '/2026/12/a-post/' });
    const session = await world.app.services.sessions.resolve(String(browser.get('quire_session')));
    const site = (await world.app.services.accounts.listIdentities(user.id)).find((identity) => identity.provider === 'site');
    expect(session).toMatchObject({ userId: user.id, identityId: site?.id });
    expect(await world.passkeysOf(user.id)).toMatchObject([{ counter: 7, lastUsedAt: world.clock.now().toISOString() }]);

    // The counter goes on up; a return_to on another site lands on the home page instead.
    const third = await world.signInWithPasskey(authenticator, new CookieJar(), 'https://evil.example/');
    expect(third.json).toEqual({ redirect: '/' });
    expect((await world.passkeysOf(user.id))[0]?.counter).toBe(8);
  });

  it('refuses garbage and forged registrations (400) and stores nothing', async () => {
    const { user, jar } = await world.signedInAccount();
    const { csrf } = await world.accountPage(jar);
    const authenticator = new SoftwareAuthenticator(SITE);
    const forgeries: ((options: CreationOptions) => unknown)[] = [
      () => 'not a credential',
      () => ({ id: 'eA', rawId: 'eA', type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: 'e30', attestationObject: 'oA' } }),
      (options) => authenticator.create(options, { origin: 'https://evil.example' }),
      (options) => authenticator.create(options, { rpId: 'evil.example' }),
      (options) => authenticator.create(options, { challenge: 'another-challenge' }),
      (options) => ({ ...authenticator.create(options), id: 'b3RoZXI', rawId: 'b3RoZXI' }),
    ];
    for (const forge of forgeries) {
      const credential = forge(await world.registrationOptions(jar, csrf));
      const answer = await world.postJson('/account/passkeys', { credential }, jar, { csrf });
      expect(answer.statusCode, JSON.stringify(credential).slice(0, 60)).toBe(400);
      expect(answer.json.code).toBe('PASSKEY_INVALID');
    }
    await world.registrationOptions(jar, csrf);
    expect((await world.postJson('/account/passkeys', [], jar, { csrf })).statusCode).toBe(400);
    expect(await world.passkeysOf(user.id)).toEqual([]);
  });

  it('refuses a replayed, missing, expired or other session\'s registration challenge (400)', async () => {
    const { user, jar } = await world.signedInAccount();
    const { csrf } = await world.accountPage(jar);
    const [first, other] = [new SoftwareAuthenticator(SITE), new SoftwareAuthenticator(SITE)];
    const options = await world.registrationOptions(jar, csrf);
    const challengeCookie = String(jar.get('quire_passkey_reg'));
    expect((await world.postJson('/account/passkeys', { credential: first.create(options) }, jar, { csrf })).statusCode).toBe(201);
    expect(jar.get('quire_passkey_reg')).toBeUndefined(); // cleared once used
    const refusal = async (credential: unknown, browser = jar, token = csrf) => {
      const answer = await world.postJson('/account/passkeys', { credential }, browser, { csrf: token });
      expect(answer.statusCode).toBe(400);
      expect(answer.json.code).toBe('PASSKEY_CHALLENGE_EXPIRED');
    };
    // The used challenge again (its cookie put back), for a passkey not stored yet; then none at all.
    jar.set('quire_passkey_reg', challengeCookie);
    await refusal(other.create(options));
    await refusal(other.create(options));
    // Older than five minutes.
    const late = await world.registrationOptions(jar, csrf);
    world.clock.advance(5 * 60_000 + 1000);
    await refusal(other.create(late));
    // Asked for in another session of the same account: its cookie in this browser is not this session's.
    const elsewhere = await world.registrationOptions(jar, csrf);
    const secondBrowser = await world.signInWithPassword(user.email);
    const { csrf: csrf2 } = await world.accountPage(secondBrowser);
    secondBrowser.set('quire_passkey_reg', String(jar.get('quire_passkey_reg')));
    await refusal(other.create(elsewhere), secondBrowser, csrf2);
    expect((await world.passkeysOf(user.id)).map((p) => p.id)).toEqual([first.credentialId]);
  });

  it('refuses a passkey that is registered already (409), to this account or another', async () => {
    const { jar } = await world.signedInAccount();
    const authenticator = new SoftwareAuthenticator(SITE);
    expect((await world.addPasskey(jar, authenticator)).statusCode).toBe(201);
    const twice = await world.addPasskey(jar, authenticator);
    expect(twice.statusCode).toBe(409);
    expect(twice.json.code).toBe('PASSKEY_ALREADY_REGISTERED');
    const { jar: someoneElse } = await world.signedInAccount();
    expect((await world.addPasskey(someoneElse, authenticator)).json.code).toBe('PASSKEY_ALREADY_REGISTERED');
  });

  it('refuses garbage, forged, unknown, replayed and expired sign-ins (400) without starting a session', async () => {
    const { user, jar } = await world.signedInAccount();
    const authenticator = new SoftwareAuthenticator(SITE);
    await world.addPasskey(jar, authenticator);
    const stranger = new SoftwareAuthenticator(SITE);
    const { user: other } = await world.signedInAccount();
    const otherHandle = (await world.app.services.passkeys.registrationOptions(other)).user.id;
    const attempts: [string, (options: never) => unknown][] = [
      ['PASSKEY_INVALID', () => ({ nothing: 'here' })],
      ['PASSKEY_INVALID', (options) => authenticator.get(options, { origin: 'https://evil.example' })],
      ['PASSKEY_INVALID', (options) => authenticator.get(options, { rpId: 'evil.example' })],
      ['PASSKEY_INVALID', (options) => authenticator.get(options, { challenge: 'another-challenge' })],
      ['PASSKEY_INVALID', (options) => authenticator.get(options, { userHandle: otherHandle })],
      ['PASSKEY_INVALID', (options) => {
        // Signed by another key than the one stored for this credential.
        const real = authenticator.get(options) as { response: Record<string, string> };
        const forged = stranger.get(options) as { response: Record<string, string> };
        return { ...real, response: { ...real.response, signature: forged.response.signature } };
      }],
      ['PASSKEY_NOT_RECOGNIZED', (options) => stranger.get(options)],
    ];
    for (const [code, forge] of attempts) {
      const browser = new CookieJar();
      const credential = forge((await world.signInOptions(browser)) as never);
      const answer = await world.postJson('/auth/passkey', { credential }, browser);
      expect(answer.statusCode, code).toBe(400);
      expect(answer.json.code).toBe(code);
      expect(browser.get('quire_session')).toBeUndefined();
    }
    // A real answer replayed with its (used) challenge cookie; then one answered too late.
    const browser = new CookieJar();
    const options = await world.signInOptions(browser);
    const cookie = String(browser.get('quire_passkey'));
    const credential = authenticator.get(options);
    expect((await world.postJson('/auth/passkey', { credential }, browser)).statusCode).toBe(200);
    const thief = new CookieJar({ quire_passkey: cookie });
    const replay = await world.postJson('/auth/passkey', { credential }, thief);
    expect(replay.json.code).toBe('PASSKEY_CHALLENGE_EXPIRED');
    const late = new CookieJar();
    const lateOptions = await world.signInOptions(late);
    world.clock.advance(5 * 60_000 + 1000);
    expect((await world.postJson('/auth/passkey', { credential: authenticator.get(lateOptions) }, late)).json.code).toBe('PASSKEY_CHALLENGE_EXPIRED');
    expect(thief.get('quire_session') ?? late.get('quire_session')).toBeUndefined();
    expect((await world.passkeysOf(user.id))[0]?.lastUsedAt).not.toBeNull();
  });

  it('refuses a signature counter that does not go up (403) and keeps the counter', async () => {
    const { user, jar } = await world.signedInAccount();
    const authenticator = new SoftwareAuthenticator(SITE);
    await world.addPasskey(jar, authenticator);
    authenticator.counter = 5;
    expect((await world.signInWithPasskey(authenticator)).statusCode).toBe(200);
    for (const counter of [5, 3, 0]) {
      authenticator.counter = counter;
      const browser = new CookieJar();
      const clone = await world.signInWithPasskey(authenticator, browser);
      expect(clone.statusCode, `counter ${counter}`).toBe(403);
      expect(clone.json.code).toBe('PASSKEY_COUNTER_INVALID');
      expect(browser.get('quire_session')).toBeUndefined();
    }
    expect((await world.passkeysOf(user.id))[0]?.counter).toBe(5);
  });

  it('refuses passkey requests that another site or subdomain made the browser send (403), setting nothing', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' }, { origin: 'https://comments.blog.test' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      for (const url of ['/auth/passkey/options', '/auth/passkey']) {
        const browser = new CookieJar();
        const response = await world.postJson(url, {}, browser, { headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.json.code).toBe('PASSKEY_CROSS_SITE');
        expect(setCookieFor(response, 'quire_passkey')).toBeUndefined();
      }
    }
  });

  it('limits sign-in attempts per address: the 21st failure in 15 minutes is refused (429), other addresses go on', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await world.postJson('/auth/passkey', { credential: 'guess' }, new CookieJar(), { ip })).statusCode).toBe(400);
    }
    const limited = await world.postJson('/auth/passkey', { credential: 'guess' }, new CookieJar(), { ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json.code).toBe('PASSKEY_RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('900');
    expect((await world.postJson('/auth/passkey', { credential: 'guess' }, new CookieJar(), { ip: freshIp() })).statusCode).toBe(400);

    const optionsIp = freshIp();
    for (let i = 0; i < 60; i++) await world.signInOptions(new CookieJar(), optionsIp);
    expect((await world.postJson('/auth/passkey/options', {}, new CookieJar(), { ip: optionsIp })).statusCode).toBe(429);
  });

  it('removes a passkey by the form on /account, never the last way to sign in', async () => {
    const remove = async (jar: CookieJar, id: string, withCsrf = true) => {
      const { $ } = await world.accountPage(jar);
      const csrf = withCsrf ? String($('input[name="_csrf"]').first().val()) : 'forged';
      return postForm(world.app, `/account/passkeys/${id}/delete`, { _csrf: csrf }, jar);
    };
    const { user, jar } = await world.signedInAccount();
    const mine = new SoftwareAuthenticator(SITE);
    await world.addPasskey(jar, mine);
    expect((await remove(jar, mine.credentialId, false)).statusCode).toBe(403);
    expect((await postForm(world.app, `/account/passkeys/${mine.credentialId}/delete`, { _csrf: 'x' }, new CookieJar())).statusCode).toBe(403);
    const { jar: other } = await world.signedInAccount();
    expect((await remove(other, mine.credentialId)).statusCode).toBe(404);
    expect((await remove(jar, 'made-up-id')).statusCode).toBe(404);
    // A password and a confirmed address remain: the only passkey may go.
    const done = await remove(jar, mine.credentialId);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account');
    expect(await world.passkeysOf(user.id)).toEqual([]);

    // An account with no password, no provider and no confirmed address keeps its last passkey.
    const { user: lone, jar: loneJar } = await world.signedInAccount('passkey-only');
    const [a, b] = [new SoftwareAuthenticator(SITE), new SoftwareAuthenticator(SITE)];
    await world.addPasskey(loneJar, a);
    await world.addPasskey(loneJar, b);
    expect((await remove(loneJar, a.credentialId)).statusCode).toBe(303);
    const refused = await remove(loneJar, b.credentialId);
    expect(refused.statusCode).toBe(409);
    expect(parseHtml(refused.body)('main').text()).toContain('only way left to sign in');
    expect((await world.passkeysOf(lone.id)).map((p) => p.id)).toEqual([b.credentialId]);
    expect((await world.passkeysOf(lone.id)).map((p) => p.name)).toEqual(['Passkey on a device 2']);
  });
});
