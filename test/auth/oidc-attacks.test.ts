// Attacks on the OpenID Connect sign-in, each against the real provider: every one is refused with a readable
// page, and no session is created.
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { sha256 } from '../../src/kernel/ids.js';
import { createTestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, type Response, get, setCookieFor } from '../support/session.js';
import { OTHER_CLIENT, type OidcWorld, SITE, deliver, sessionOf, signInWith, startOidcWorld, startSignIn } from './oidc-flow.js';

let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(async () => {
  await world?.close();
});
afterEach(() => {
  world.op.setIdTokenTtl(3600);
  world.op.substituteIdToken(undefined);
  world.setClockOffset(0);
});

async function countSessions(): Promise<number> {
  const row = await world.app.db.kysely.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The refusal: a themed page with this status and heading, no session cookie, no session row. */
async function expectRefused(response: Response, status: number, heading: string, sessionsBefore: number) {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
  expect(String(response.headers['content-type'])).toContain('text/html');
  const $ = parseHtml(response.body);
  expect($('main h1').text()).toBe(heading);
  expect(setCookieFor(response, SESSION_COOKIE)).toBeUndefined();
  expect(await countSessions()).toBe(sessionsBefore);
  return $;
}

describe('the state parameter', () => {
  it('refuses a callback without state', async () => {
    const before = await countSessions();
    const $ = await expectRefused(await get(world.app, '/auth/oidc/callback?code=made-up', new CookieJar()), 400, 'Sign-in failed', before);
    expect($('main').text()).toContain('carries no state');
  });

  it('refuses a callback whose state is not the one the browser was given', async () => {
    const jar = new CookieJar();
    const callback = await world.op.authorize(await startSignIn(world, jar), 'alice');
    callback.searchParams.set('state', 'A'.repeat(43));
    const before = await countSessions();
    const $ = await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
    expect($('main').text()).toContain('expired, was used already, or was not started here');
  });

  it('refuses the same callback a second time (the state is single use)', async () => {
    const { jar, callback, response } = await signInWith(world, 'alice');
    expect(response.statusCode).toBe(303);
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
  });

  it('refuses a callback from another browser, and leaves the sign-in to the browser that started it', async () => {
    const jar = new CookieJar();
    const callback = await world.op.authorize(await startSignIn(world, jar), 'alice');
    const before = await countSessions();
    const $ = await expectRefused(await deliver(world, callback, new CookieJar()), 403, 'Sign-in failed', before);
    expect($('main').text()).toContain('started in another browser');
    // Another browser with a sign-in binding of its own is refused just the same.
    const other = new CookieJar();
    await startSignIn(world, other);
    await expectRefused(await deliver(world, callback, other), 403, 'Sign-in failed', before);
    expect((await deliver(world, callback, jar)).statusCode).toBe(303);
  });
});

describe('the authorization code and the ID token', () => {
  it('refuses a code used once already (replayed with a fresh state of the same browser)', async () => {
    const { jar, callback } = await signInWith(world, 'alice');
    const fresh = await startSignIn(world, jar);
    const replay = new URL(callback);
    replay.searchParams.set('state', String(fresh.searchParams.get('state')));
    const before = await countSessions();
    const $ = await expectRefused(await deliver(world, replay, jar), 400, 'Sign-in failed', before);
    expect($('main').text()).toContain('could not be verified');
  });

  it('refuses an ID token whose nonce is not the one of the transaction', async () => {
    const jar = new CookieJar();
    const authorization = await startSignIn(world, jar);
    const tokenHash = sha256(String(authorization.searchParams.get('state')));
    const row = await world.app.db.kysely.selectFrom('oneTimeTokens').select('subject').where('tokenHash', '=', tokenHash).executeTakeFirstOrThrow();
    const tampered = { ...(JSON.parse(row.subject) as Record<string, unknown>), nonce: 'not-the-nonce-the-provider-was-given' };
    await world.app.db.kysely.updateTable('oneTimeTokens').set({ subject: JSON.stringify(tampered) }).where('tokenHash', '=', tokenHash).execute();
    const callback = await world.op.authorize(authorization, 'alice');
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
  });

  it('refuses an ID token issued to another application (audience), even with the right nonce and a valid signature', async () => {
    const jar = new CookieJar();
    const authorization = await startSignIn(world, jar);
    const nonce = String(authorization.searchParams.get('nonce'));
    const other = await client.discovery(new URL(world.op.issuer), OTHER_CLIENT.client_id, OTHER_CLIENT.client_secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const otherUrl = client.buildAuthorizationUrl(other, {
      redirect_uri: OTHER_CLIENT.redirect_uris[0] ?? '', scope: 'openid', state: 'other-state', nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    const otherTokens = await client.authorizationCodeGrant(other, await world.op.authorize(otherUrl, 'alice'), {
      pkceCodeVerifier: verifier, expectedState: 'other-state', expectedNonce: nonce,
    });
    expect(otherTokens.claims()?.aud).toBe(OTHER_CLIENT.client_id);
    world.op.substituteIdToken(otherTokens.id_token);
    const callback = await world.op.authorize(authorization, 'alice');
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
  });

  it('refuses an expired ID token (judged by the app\'s clock)', async () => {
    world.op.setIdTokenTtl(60);
    const jar = new CookieJar();
    const callback = await world.op.authorize(await startSignIn(world, jar), 'alice');
    // Five minutes on: the transaction (10 minutes) is alive, the ID token (60 s + 30 s of tolerance) is not.
    world.setClockOffset(5 * 60_000);
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
  });

  it('refuses a transaction older than 10 minutes', async () => {
    const jar = new CookieJar();
    const callback = await world.op.authorize(await startSignIn(world, jar), 'alice');
    world.setClockOffset(11 * 60_000);
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in failed', before);
  });
});

describe('where the browser is sent back', () => {
  it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)'])(
    'ignores return_to=%s and comes back to the home page', async (returnTo) => {
      const { response } = await signInWith(world, 'alice', { query: `return_to=${encodeURIComponent(returnTo)}` });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/#respond');
    },
  );
});

describe('the provider\'s own refusals', () => {
  it('shows "Sign-in was cancelled" when the person declines at the provider, with a way back', async () => {
    const jar = new CookieJar();
    const callback = await world.op.authorizeAndDeny(await startSignIn(world, jar), 'alice');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const before = await countSessions();
    const $ = await expectRefused(await deliver(world, callback, jar), 400, 'Sign-in was cancelled', before);
    expect($('main a').attr('href')).toBe('/2026/03/14/a-post/#respond');
  });

  it('shows the same page for an error answer without state', async () => {
    const before = await countSessions();
    await expectRefused(await get(world.app, '/auth/oidc/callback?error=access_denied', new CookieJar()), 400, 'Sign-in was cancelled', before);
  });
});

describe('linking', () => {
  it('refuses to link an identity that already signs in to another account', async () => {
    const owner = await sessionOf(world, (await signInWith(world, 'alice', { provider: 'google' })).jar);
    world.op.accounts.set('henry', { name: 'Henry' });
    const { jar } = await signInWith(world, 'henry');
    const henry = await sessionOf(world, jar);
    const callback = await world.op.authorize(await startSignIn(world, jar, 'google', 'return_to=/account&link=1'), 'alice');
    const before = await countSessions();
    await expectRefused(await deliver(world, callback, jar), 409, 'That account is linked elsewhere', before);
    expect((await sessionOf(world, jar))?.user?.id).toBe(henry?.user?.id);
    expect((await world.app.services.identities.listForUser(owner?.user?.id ?? 0)).map((i) => i.provider)).toEqual(['google']);
  });
});

describe('starting a sign-in', () => {
  it('answers 404 for a provider that is not configured', async () => {
    expect((await get(world.app, '/auth/facebook/start')).statusCode).toBe(404);
    expect((await get(world.app, '/auth/nonsense/callback?state=x&code=y')).statusCode).toBe(404);
  });

  it('starts nothing for a HEAD request (link checkers and prefetchers)', async () => {
    const transactions = () =>
      world.app.db.kysely.selectFrom('oneTimeTokens').select((eb) => eb.fn.countAll<string | number>().as('n')).where('purpose', '=', 'oauth')
        .executeTakeFirstOrThrow().then((row) => Number(row.n));
    const before = await transactions();
    const response = await world.app.server.inject({ method: 'HEAD', url: '/auth/oidc/start?return_to=/' });
    // Not sent to the provider (the catch-all page route only adds its trailing slash), and nothing stored.
    expect(response.statusCode).not.toBe(302);
    expect(String(response.headers.location ?? '/')).toMatch(/^\/[^/]/);
    expect(await transactions()).toBe(before);
  });

  it('limits sign-ins started from one address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 31; n++) statuses.push((await get(world.app, '/auth/oidc/start', undefined, { remoteAddress: '192.0.2.77' })).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 302)).toBe(true);
    const refused = await get(world.app, '/auth/oidc/start', undefined, { remoteAddress: '192.0.2.77' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect((await get(world.app, '/auth/oidc/start', undefined, { remoteAddress: '192.0.2.78' })).statusCode).toBe(302);
  });

  it('shows "Sign-in is unavailable" when the provider cannot be reached, and starts nothing', async () => {
    const app = await createTestApp({
      config: { authProviders: { oidc: { clientId: 'c', clientSecret: 's', issuer: 'http://127.0.0.1:9/' } } },
    });
    try {
      const response = await get(app, '/auth/oidc/start?return_to=/');
      expect(response.statusCode).toBe(503);
      expect(parseHtml(response.body)('main').text()).toContain('cannot be reached');
      expect(await app.db.kysely.selectFrom('oneTimeTokens').selectAll().execute()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

it('redirect URIs name the site\'s public URL exactly', () => {
  expect(SITE).toBe(world.app.config.publicUrl);
});
