// Shared steps of the OpenID Connect sign-in tests: an app and a real provider, and the browser's round trip.
import { expect } from 'vitest';
import type { Clock } from '../../src/kernel/clock.js';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type PictureServer, type TestOidcProvider, startOidcProvider, startPictureServer } from '../support/oidc-provider.js';
import { CookieJar, type Response, get } from '../support/session.js';

export const SITE = 'http://blog.test';
export const OIDC_CLIENT = { client_id: 'quire-oidc', client_secret: 'oidc-client-secret' };
export const GOOGLE_CLIENT = { client_id: 'quire-google', client_secret: 'google-client-secret' };
/** Another application registered at the same provider: its ID tokens are not for us. */
export const OTHER_CLIENT = { client_id: 'other-app', client_secret: 'other-app-secret', redirect_uris: ['http://other.test/callback'] };

export interface OidcWorld {
  readonly app: TestApp;
  readonly op: TestOidcProvider;
  readonly pictures: PictureServer;
  /** Moves the app's clock (the one ID tokens are judged by) ahead of real time. */
  setClockOffset(ms: number): void;
  close(): Promise<void>;
}

export async function startOidcWorld(): Promise<OidcWorld> {
  const pictures = await startPictureServer();
  const op = await startOidcProvider([
    { ...OIDC_CLIENT, redirect_uris: [`${SITE}/auth/oidc/callback`] },
    { ...GOOGLE_CLIENT, redirect_uris: [`${SITE}/auth/google/callback`] },
    OTHER_CLIENT,
  ]);
  op.accounts.set('alice', { email: 'Alice@Example.test', email_verified: true, name: 'Alice Liddell', picture: pictures.url('alice.png') });
  op.accounts.set('bob', { name: 'Bob Nomail' });
  op.accounts.set('carol', { email: 'carol@example.test', email_verified: false, name: 'Carol Unverified' });
  op.accounts.set('dave', { email: 'dave@example.test', email_verified: true, name: 'Dave', picture: pictures.url('huge.png') });
  op.accounts.set('erin', { name: 'Erin', picture: pictures.url('html.png') });
  let offset = 0;
  // Real time plus an offset: openid-client judges ID-token times by the app's clock.
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const app = await createTestApp({
    clock,
    config: {
      publicUrl: SITE,
      authProviders: {
        oidc: { clientId: OIDC_CLIENT.client_id, clientSecret: OIDC_CLIENT.client_secret, issuer: op.issuer, name: 'Test ID' },
        google: { clientId: GOOGLE_CLIENT.client_id, clientSecret: GOOGLE_CLIENT.client_secret, issuer: op.issuer },
      },
    },
  });
  return {
    app, op, pictures,
    setClockOffset: (ms) => void (offset = ms),
    async close() {
      await app.close();
      await op.close();
      await pictures.close();
    },
  };
}

/** GET /auth/<provider>/start: the provider's authorization URL the browser is sent to. */
export async function startSignIn(world: OidcWorld, jar: CookieJar, provider = 'oidc', query = 'return_to=/2026/03/14/a-post/'): Promise<URL> {
  const response = await get(world.app, `/auth/${provider}/start?${query}`, jar);
  expect(response.statusCode, response.body).toBe(302);
  return new URL(String(response.headers.location));
}

/** The provider's redirect back, delivered to the app by the browser holding `jar`. */
export function deliver(world: OidcWorld, callback: URL, jar: CookieJar): Promise<Response> {
  expect(callback.origin).toBe(SITE);
  return get(world.app, `${callback.pathname}${callback.search}`, jar);
}

/** The whole round trip: start, sign in and consent at the provider as `login`, come back. */
export async function signInWith(world: OidcWorld, login: string, options: { provider?: string; query?: string; jar?: CookieJar } = {}) {
  const jar = options.jar ?? new CookieJar();
  const authorization = await startSignIn(world, jar, options.provider, options.query);
  const callback = await world.op.authorize(authorization, login);
  const response = await deliver(world, callback, jar);
  return { jar, response, authorization, callback };
}

/** Who the browser's session cookie signs in, and with which identity; undefined when it has none. */
export async function sessionOf(world: OidcWorld, jar: CookieJar) {
  const token = jar.get(SESSION_COOKIE);
  const session = token ? await world.app.services.sessions.resolve(token) : undefined;
  if (!session) return undefined;
  const user = await world.app.services.users.findById(session.userId);
  const identity = session.identityId === undefined ? undefined : await world.app.services.identities.findById(session.identityId);
  return { user, identity };
}

export async function countUsers(world: OidcWorld): Promise<number> {
  const row = await world.app.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
