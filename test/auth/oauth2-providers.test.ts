// Signing in with Facebook, X, WordPress.com and GitHub through the app over HTTP, against local servers that speak their OAuth 2 endpoints (test/support/oauth2-provider-servers.ts: the stand-ins for the providers, nothing else is).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { arriveAtCallback, sessionOf, signInWithProvider, startSignIn, visitProvider } from '../support/oauth-flow.js';
import {
  AVATAR_PNG, type LocalOAuth2Server, OAUTH2_FLAVOURS, type OAuth2Flavour, type ProviderPerson, defaultPerson, startOAuth2Server,
} from '../support/oauth2-provider-servers.js';
import { CookieJar } from '../support/session.js';

const SCOPES: Readonly<Record<OAuth2Flavour, string>> = {
  facebook: 'email public_profile', x: 'users.read tweet.read', wordpress: 'auth', github: 'read:user user:email',
};
/** X gives no e-mail at all; the others give the verified one. */
const GIVES_EMAIL: Readonly<Record<OAuth2Flavour, boolean>> = { facebook: true, x: false, wordpress: true, github: true };

let personSequence = 0;
function newPerson(flavour: OAuth2Flavour, overrides: Partial<ProviderPerson> = {}): ProviderPerson {
  const n = ++personSequence;
  return { ...defaultPerson(flavour), id: String(7_000_000 + n), username: `reader_${n}`, email: `reader${n}@example.org`, ...overrides };
}

function headingOf(body: string): string {
  return parseHtml(body)('h1').first().text().trim();
}

describe.each(OAUTH2_FLAVOURS)('signing in with %s', (flavour) => {
  let provider: LocalOAuth2Server;
  let app: TestApp;

  beforeAll(async () => {
    provider = await startOAuth2Server(flavour);
    app = await createTestApp({ config: { authProviders: { [flavour]: provider.settings } } });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('goes start → provider → callback and signs in with that identity, its verified e-mail and a local copy of the picture', async () => {
    const person = newPerson(flavour, { name: 'Ada Lovelace' });
    provider.person = person;
    const jar = new CookieJar();
    const fetchesBefore = provider.avatarFetches;
    const flow = await signInWithProvider(app, flavour, jar, { return_to: '/2026/11/a-post/' });

    expect(flow.response.statusCode, flow.response.body.slice(0, 500)).toBe(303);
    expect(flow.response.headers.location).toBe('/2026/11/a-post/#respond');
    // What the app asked the provider for: exact redirect URI, its state, PKCE S256, the provider's scopes.
    const asked = flow.started.authorizationUrl.searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      client_id: provider.clientId, redirect_uri: `http://blog.test/auth/${flavour}/callback`, response_type: 'code',
      code_challenge_method: 'S256', scope: SCOPES[flavour],
    });
    expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(flow.started.state.length).toBeGreaterThanOrEqual(20);
    expect(flow.callbackUrl.searchParams.get('state')).toBe(flow.started.state);

    const signedIn = await sessionOf(app, jar);
    expect(signedIn?.identity).toMatchObject({
      provider: flavour, subject: person.id, displayName: 'Ada Lovelace', email: GIVES_EMAIL[flavour] ? person.email : null,
    });
    expect(signedIn?.user).toMatchObject({ role: 'subscriber', displayName: 'Ada Lovelace' });
    expect(signedIn?.identity?.userId).toBe(signedIn?.user.id);
    // The picture was fetched once from the provider and is served by the app from now on.
    const avatarPath = signedIn?.identity?.avatarUrl ?? '';
    expect(avatarPath).toMatch(/^\/avatars\/[0-9a-f]{64}\.png$/);
    expect(provider.avatarFetches).toBe(fetchesBefore + 1);
    const avatar = await app.server.inject({ method: 'GET', url: avatarPath });
    expect(avatar.statusCode).toBe(200);
    expect(avatar.headers['content-type']).toBe('image/png');
    expect(avatar.rawPayload.equals(AVATAR_PNG)).toBe(true);
  });

  it('signs the same person in to the same account the next time, in another browser', async () => {
    provider.person = newPerson(flavour);
    const first = new CookieJar();
    expect((await signInWithProvider(app, flavour, first)).response.statusCode).toBe(303);
    const second = new CookieJar();
    expect((await signInWithProvider(app, flavour, second)).response.statusCode).toBe(303);
    const [a, b] = [await sessionOf(app, first), await sessionOf(app, second)];
    expect(b?.user.id).toBe(a?.user.id);
    expect(b?.identity?.id).toBe(a?.identity?.id);
  });

  it('refuses a code bought with another PKCE challenge: the provider checks our verifier, no session', async () => {
    // The victim's browser starts a sign-in; an attacker gets a code for their own sign-in and injects it there.
    const victim = new CookieJar();
    const started = await startSignIn(app, flavour, victim);
    const attackerCallback = await visitProvider((await startSignIn(app, flavour, new CookieJar())).authorizationUrl);
    const injected = new URL(attackerCallback);
    injected.searchParams.set('state', started.state);
    const tokensBefore = provider.tokensIssued;

    const response = await arriveAtCallback(app, injected, victim);

    expect(response.statusCode).toBe(400);
    expect(headingOf(response.body)).toBe('Sign-in failed');
    expect(provider.refusals.at(-1)).toBe('code_verifier does not match');
    expect(provider.tokensIssued).toBe(tokensBefore);
    expect(await sessionOf(app, victim)).toBeUndefined();
  });

  it('refuses a code used once already, replayed with a new sign-in: no session', async () => {
    provider.person = newPerson(flavour);
    const used = await signInWithProvider(app, flavour, new CookieJar());
    expect(used.response.statusCode).toBe(303);
    const thief = new CookieJar();
    const started = await startSignIn(app, flavour, thief);
    const replay = new URL(used.callbackUrl);
    replay.searchParams.set('state', started.state);

    const response = await arriveAtCallback(app, replay, thief);

    expect(response.statusCode).toBe(400);
    expect(headingOf(response.body)).toBe('Sign-in failed');
    expect(provider.refusals.at(-1)).toBe('the code was already used');
    expect(await sessionOf(app, thief)).toBeUndefined();
  });

  it('shows "Sign-in was cancelled" when the person declines at the provider, and starts no session', async () => {
    provider.denyNext();
    const jar = new CookieJar();
    const tokensBefore = provider.tokensIssued;
    const flow = await signInWithProvider(app, flavour, jar, { return_to: '/2026/11/a-post/' });

    expect(flow.callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect(flow.response.statusCode).toBe(400);
    const $ = parseHtml(flow.response.body);
    expect($('h1').first().text().trim()).toBe('Sign-in was cancelled');
    expect($('a[href="/2026/11/a-post/#respond"]').length).toBe(1);
    expect(provider.tokensIssued).toBe(tokensBefore);
    expect(await sessionOf(app, jar)).toBeUndefined();
  });

  it('signs in a person whose e-mail the provider has not verified, keeping no e-mail', async () => {
    const person = newPerson(flavour, { email: 'unconfirmed@example.org', emailVerified: false });
    provider.person = person;
    const jar = new CookieJar();
    expect((await signInWithProvider(app, flavour, jar)).response.statusCode).toBe(303);
    expect((await sessionOf(app, jar))?.identity).toMatchObject({ provider: flavour, subject: person.id, email: null });
  });

  it('signs in with a hostile profile cleaned: a 10 kB name cut to 100 characters, a javascript: picture dropped', async () => {
    provider.person = newPerson(flavour, { name: `Mallory ${'\u202e'.repeat(5)}${'m'.repeat(10_240)}`, pictureUrl: 'javascript:alert(document.cookie)' });
    const jar = new CookieJar();
    expect((await signInWithProvider(app, flavour, jar)).response.statusCode).toBe(303);
    const identity = (await sessionOf(app, jar))?.identity;
    expect(identity?.displayName).toBe(`Mallory ${'m'.repeat(92)}`);
    expect(identity?.avatarUrl).toBeNull();
  });

  it('refuses a profile without a usable account id with a page, and starts no session', async () => {
    provider.person = newPerson(flavour, { id: '' });
    const jar = new CookieJar();
    const flow = await signInWithProvider(app, flavour, jar);
    expect(flow.response.statusCode).toBe(400);
    expect(headingOf(flow.response.body)).toBe('Sign-in failed');
    expect(await sessionOf(app, jar)).toBeUndefined();
  });
});

// The stand-ins must refuse what the real providers refuse, or the tests above would prove nothing.
describe.each(OAUTH2_FLAVOURS)('the local %s server', (flavour) => {
  let provider: LocalOAuth2Server;
  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  beforeAll(async () => {
    provider = await startOAuth2Server(flavour);
  });
  afterAll(() => provider?.close());

  function authorizeUrl(overrides: Readonly<Record<string, string>> = {}): URL {
    const url = new URL(provider.authorizeUrl);
    const query = { client_id: provider.clientId, redirect_uri: provider.redirectUri, response_type: 'code', state: 's', code_challenge: challenge, code_challenge_method: 'S256', ...overrides };
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  async function tokenRequest(code: string, overrides: Readonly<Record<string, string>> = {}, secret = provider.clientSecret) {
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: provider.redirectUri, code_verifier: verifier, ...overrides });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (flavour === 'x') headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(provider.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    else {
      form.set('client_id', provider.clientId);
      form.set('client_secret', secret);
    }
    const response = await fetch(provider.tokenUrl, { method: 'POST', headers, body: form });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('sends an unregistered redirect URI an error page, never a redirect', async () => {
    const response = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/callback' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('requires a PKCE S256 challenge', async () => {
    const back = await visitProvider(authorizeUrl({ code_challenge_method: 'plain' }));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code once, with the right client secret and verifier only', async () => {
    const code = (await visitProvider(authorizeUrl())).searchParams.get('code') ?? '';
    expect((await tokenRequest(code, {}, 'wrong-secret')).body.error).toBeTruthy();
    expect(provider.refusals.at(-1)).toBe('client authentication failed');
    const other = (await visitProvider(authorizeUrl())).searchParams.get('code') ?? '';
    expect((await tokenRequest(other, { code_verifier: 'w'.repeat(43) })).body.error).toBeTruthy();
    expect(provider.refusals.at(-1)).toBe('code_verifier does not match');

    const granted = await tokenRequest(code);
    expect(granted).toMatchObject({ status: 200, body: { access_token: expect.any(String), token_type: 'bearer' } });
    expect((await tokenRequest(code)).body.error).toBeTruthy();
    expect(provider.refusals.at(-1)).toBe('the code was already used');
    // The replay also revoked the token the code had bought.
    const me = await fetch(provider.userinfoUrl, { headers: { authorization: `Bearer ${String(granted.body.access_token)}` } });
    expect(me.status).toBeGreaterThanOrEqual(400);
  });

  it('takes the client secret only the way the real provider does (X: HTTP Basic; the others: the body)', async () => {
    const code = (await visitProvider(authorizeUrl())).searchParams.get('code') ?? '';
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: provider.redirectUri, code_verifier: verifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // The other channel than tokenRequest() uses: what a client that ignores the provider's rules would send.
    if (flavour === 'x') {
      form.set('client_id', provider.clientId);
      form.set('client_secret', provider.clientSecret);
    } else {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`).toString('base64')}`;
    }
    const response = await fetch(provider.tokenUrl, { method: 'POST', headers, body: form });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.access_token).toBeUndefined();
    expect(provider.refusals.at(-1)).toBe('client authentication failed');
  });

  it('answers a profile request without a valid token in its own error shape', async () => {
    const response = await fetch(provider.userinfoUrl, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.json()).toBeTypeOf('object');
  });
});
