// What the comment-identity tests share: the app with Google and a generic OpenID Connect provider enabled, both
// served by a real OpenID Provider (npm oidc-provider on 127.0.0.1), and readers signed in the ways a browser would.
import { expect } from 'vitest';
import type { Clock } from '../../src/kernel/clock.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { arriveAtCallback, startSignIn } from '../support/oauth-flow.js';
import { type PictureServer, type TestOidcProvider, startOidcProvider, startPictureServer } from '../support/oidc-provider.js';
import { CookieJar, openForm, postForm } from '../support/session.js';

export const SITE = 'http://blog.test';
export const SITE_TITLE = 'The Offcut';
export const OIDC_NAME = 'Test ID';
const OIDC_CLIENT = { client_id: 'quire-oidc', client_secret: 'oidc-client-secret' };
const GOOGLE_CLIENT = { client_id: 'quire-google', client_secret: 'google-client-secret' };
export const PASSWORD = 'plane shavings curl on the bench';

export interface IdentityWorld {
  readonly app: TestApp;
  readonly op: TestOidcProvider;
  /** Moves the app's clock ahead of real time (ID tokens are judged by it, so it cannot be frozen). */
  setClockOffset(ms: number): void;
  close(): Promise<void>;
}

export async function startIdentityWorld(): Promise<IdentityWorld> {
  let pictures: PictureServer | undefined;
  let op: TestOidcProvider | undefined;
  try {
    pictures = await startPictureServer();
    op = await startOidcProvider([
      { ...OIDC_CLIENT, redirect_uris: [`${SITE}/auth/oidc/callback`] },
      { ...GOOGLE_CLIENT, redirect_uris: [`${SITE}/auth/google/callback`] },
    ]);
    op.accounts.set('alice', { email: 'alice@example.test', email_verified: true, name: 'Alice Liddell', picture: pictures.url('alice.png') });
    op.accounts.set('bob', { name: 'Bob Nomail' });
    let offset = 0;
    const clock: Clock = { now: () => new Date(Date.now() + offset) };
    const app = await createTestApp({
      clock,
      config: {
        publicUrl: SITE,
        authProviders: {
          oidc: { clientId: OIDC_CLIENT.client_id, clientSecret: OIDC_CLIENT.client_secret, issuer: op.issuer, name: OIDC_NAME },
          google: { clientId: GOOGLE_CLIENT.client_id, clientSecret: GOOGLE_CLIENT.client_secret, issuer: op.issuer },
        },
      },
    });
    // Every comment here comes from one address, sent at once: the human-speed and flood checks stay out of the way.
    await app.services.settings.update({ title: SITE_TITLE, commentMinFillSeconds: 0, commentFloodSeconds: 0, commentIpLimitPerHour: 10_000 });
    const [started, pics] = [op, pictures];
    return {
      app, op: started,
      setClockOffset: (ms) => void (offset = ms),
      async close() {
        await app.close();
        await started.close();
        await pics.close();
      },
    };
  } catch (error) {
    await op?.close();
    await pictures?.close();
    throw error;
  }
}

/** Signs `login` in at the provider (through the app's /auth/<provider>/start and /callback) in `jar`'s browser. */
export async function signInWith(world: IdentityWorld, provider: 'oidc' | 'google', login: string, returnTo: string, jar = new CookieJar()) {
  const started = await startSignIn(world.app, provider, jar, { return_to: returnTo });
  const callback = await world.op.authorize(started.authorizationUrl, login);
  const response = await arriveAtCallback(world.app, callback, jar);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  expect(response.headers.location).toBe(`${returnTo}#respond`);
  return jar;
}

let accountSequence = 0;

/** A site account (registered, its address confirmed) signed in with its password: the session names its 'site' identity. */
export async function signInWithSiteAccount(world: IdentityWorld, displayName: string): Promise<{ jar: CookieJar; email: string }> {
  const { app } = world;
  const email = `reader${++accountSequence}@example.test`;
  const jar = new CookieJar();
  const remoteAddress = `203.0.113.${accountSequence}`;
  const form = await openForm(app, '/account/register', jar);
  const registered = await postForm(app, '/account/register', { _csrf: form.csrf, email, display_name: displayName, password: PASSWORD }, jar, { remoteAddress });
  expect(registered.statusCode, registered.body.slice(0, 300)).toBeLessThan(400);
  // The confirmation link as its mail would carry it (the mail itself is the accounts tests' business).
  const link = await app.services.accounts.issueLink('verify', { email });
  expect(link).toBeDefined();
  await app.services.accounts.verify(link?.token);
  const login = await openForm(app, '/account/login', jar);
  const signedIn = await postForm(app, '/account/login', { _csrf: login.csrf, email, password: PASSWORD, return_to: '/' }, jar, { remoteAddress });
  expect(signedIn.statusCode, signedIn.body.slice(0, 300)).toBe(303);
  return { jar, email };
}
