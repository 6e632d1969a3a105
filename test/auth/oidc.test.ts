// Signing in with OpenID Connect end to end against a real provider (npm oidc-provider on 127.0.0.1), generic and
// as Google (its issuer overridden): sessions, accounts and identities made, avatars stored, links and popups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { parseHtml } from '../support/html.js';
import { TINY_PNG } from '../support/oidc-provider.js';
import { CookieJar, get } from '../support/session.js';
import { type OidcWorld, SITE, countUsers, sessionOf, signInWith, startOidcWorld, startSignIn } from './oidc-flow.js';

let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('signing in with a generic OpenID Connect provider', () => {
  it('sends the browser to the provider with PKCE S256, state, nonce and the exact redirect URI', async () => {
    const jar = new CookieJar();
    const authorization = await startSignIn(world, jar);
    expect(authorization.origin).toBe(world.op.issuer);
    const params = authorization.searchParams;
    expect(params.get('client_id')).toBe('quire-oidc');
    expect(params.get('redirect_uri')).toBe(`${SITE}/auth/oidc/callback`);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('scope')).toBe('openid email profile');
    expect(jar.get('quire_auth')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('comes back to the post\'s form signed in as a new subscriber with the identity, its verified e-mail, name and local avatar', async () => {
    const before = await countUsers(world);
    const { jar, response } = await signInWith(world, 'alice');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/2026/03/14/a-post/#respond');
    const session = await sessionOf(world, jar);
    expect(session?.user?.role).toBe('subscriber');
    expect(session?.user?.displayName).toBe('Alice Liddell');
    expect(session?.identity).toMatchObject({
      provider: 'oidc', subject: 'alice', email: 'alice@example.test', displayName: 'Alice Liddell', userId: session?.user?.id,
    });
    // No merging by e-mail, so no account is found by it either: the account's own address is a placeholder.
    expect(session?.user?.email).toMatch(/@identity\.invalid$/);
    expect(await countUsers(world)).toBe(before + 1);
    // The account page (the accounts feature's) lists the identity the browser is signed in with.
    const account = await get(world.app, '/account', jar);
    expect(account.statusCode).toBe(200);
    expect(parseHtml(account.body)('main').text()).toContain('alice@example.test');

    const avatar = session?.identity?.avatarUrl ?? '';
    expect(avatar).toMatch(/^\/avatars\/[0-9a-f]{64}\.png$/);
    const picture = await world.app.server.inject({ method: 'GET', url: avatar });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(picture.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(picture.rawPayload.equals(TINY_PNG)).toBe(true);
  });

  it('signs the same person in to the same account the second time, without fetching the picture again', async () => {
    const first = await sessionOf(world, (await signInWith(world, 'alice')).jar);
    const fetched = world.pictures.hits.get('/alice.png');
    const before = await countUsers(world);
    const second = await sessionOf(world, (await signInWith(world, 'alice')).jar);
    expect(second?.user?.id).toBe(first?.user?.id);
    expect(second?.identity?.id).toBe(first?.identity?.id);
    expect(await countUsers(world)).toBe(before);
    expect(world.pictures.hits.get('/alice.png')).toBe(fetched);
  });

  it('works for a provider that tells no e-mail address, and keeps no unverified one', async () => {
    const bob = await sessionOf(world, (await signInWith(world, 'bob')).jar);
    expect(bob?.identity).toMatchObject({ subject: 'bob', email: null, displayName: 'Bob Nomail', avatarUrl: null });
    const carol = await sessionOf(world, (await signInWith(world, 'carol')).jar);
    expect(carol?.identity).toMatchObject({ subject: 'carol', email: null, displayName: 'Carol Unverified' });
  });

  it('signs in without an avatar when the picture is over 1 MB or not an image', async () => {
    const dave = await sessionOf(world, (await signInWith(world, 'dave')).jar);
    expect(dave?.identity).toMatchObject({ subject: 'dave', avatarUrl: null });
    const erin = await sessionOf(world, (await signInWith(world, 'erin')).jar);
    expect(erin?.identity).toMatchObject({ subject: 'erin', avatarUrl: null });
  });

  it('serves only stored avatars', async () => {
    for (const url of ['/avatars/nothing.png', `/avatars/${'0'.repeat(64)}.png`, `/avatars/${'0'.repeat(64)}.svg`, '/avatars/..%2Fquire.sqlite']) {
      expect((await get(world.app, url)).statusCode, url).toBe(404);
    }
  });
});

describe('the popup flow', () => {
  it('ends on a page whose first-party script tells the opener, with words and a link for when it cannot run', async () => {
    const { jar, response } = await signInWith(world, 'alice', { query: 'return_to=/2026/03/14/a-post/&popup=1' });
    expect(response.statusCode).toBe(200);
    expect(await sessionOf(world, jar)).toBeDefined();
    const $ = parseHtml(response.body);
    const result = $('[data-quire-auth="signed-in"]');
    expect(result.attr('data-origin')).toBe(SITE);
    expect(result.text()).toContain('You can close this window.');
    expect(result.text()).toContain('Test ID');
    expect(result.find('a').attr('href')).toBe('/2026/03/14/a-post/#respond');
    const scripts = $('script');
    expect(scripts.length).toBe(1);
    expect(scripts.attr('src')).toMatch(/^\/assets\/auth-popup\.[0-9a-f]{10}\.js$/);
    expect(scripts.html()).toBe('');
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    const script = await get(world.app, String(scripts.attr('src')));
    expect(script.body).toContain("type: 'quire:signed-in'");
    expect(script.body).toContain("new BroadcastChannel('quire-auth')");
  });
});

describe('Google (its issuer pointed at the local provider)', () => {
  it('signs in through the same flow with Google\'s client, and the same e-mail makes a new account: no merging', async () => {
    const generic = await sessionOf(world, (await signInWith(world, 'alice')).jar);
    const authorization = await startSignIn(world, new CookieJar(), 'google');
    expect(authorization.searchParams.get('client_id')).toBe('quire-google');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${SITE}/auth/google/callback`);
    const { jar, response } = await signInWith(world, 'alice', { provider: 'google' });
    expect(response.statusCode).toBe(303);
    const google = await sessionOf(world, jar);
    expect(google?.identity).toMatchObject({ provider: 'google', subject: 'alice', email: 'alice@example.test' });
    expect(google?.user?.id).not.toBe(generic?.user?.id);
  });
});

describe('linking a provider to the signed-in account', () => {
  beforeAll(() => {
    for (const login of ['frank', 'frank-google', 'frank-at-google', 'grace']) world.op.accounts.set(login, { name: login });
  });

  it('links only when the signed-in person asked (link=1); otherwise a sign-in makes its own account', async () => {
    const { jar } = await signInWith(world, 'frank');
    const frank = await sessionOf(world, jar);
    const oldSession = jar.get(SESSION_COOKIE);

    const linked = await signInWith(world, 'frank-at-google', { provider: 'google', query: 'return_to=/account&link=1', jar });
    expect(linked.response.headers.location).toBe('/account#respond');
    const after = await sessionOf(world, linked.jar);
    expect(after?.user?.id).toBe(frank?.user?.id);
    expect(after?.identity).toMatchObject({ provider: 'google', subject: 'frank-at-google', userId: frank?.user?.id });
    expect(linked.jar.get(SESSION_COOKIE)).not.toBe(oldSession);
    const identities = await world.app.services.identities.listForUser(frank?.user?.id ?? 0);
    expect(identities.map((i) => `${i.provider}:${i.subject}`)).toEqual(['oidc:frank', 'google:frank-at-google']);

    // Signed in, but not asking to link: another account (never merged), and the browser is now signed in to it.
    const unasked = await sessionOf(world, (await signInWith(world, 'frank-google', { provider: 'google', jar: linked.jar })).jar);
    expect(unasked?.user?.id).not.toBe(frank?.user?.id);
    expect(unasked?.identity).toMatchObject({ provider: 'google', subject: 'frank-google', userId: unasked?.user?.id });
    expect(await world.app.services.identities.listForUser(frank?.user?.id ?? 0)).toHaveLength(2);
  });

  it('ignores link=1 from a browser that is not signed in', async () => {
    const { jar } = await signInWith(world, 'grace', { query: 'return_to=/&link=1' });
    const grace = await sessionOf(world, jar);
    expect(grace?.identity?.userId).toBe(grace?.user?.id);
    expect(grace?.user?.role).toBe('subscriber');
  });
});
