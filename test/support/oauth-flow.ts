// Driving a provider sign-in over HTTP as a browser would: /auth/:provider/start on the app, the provider's authorize URL over the network, the callback back on the app; and reading whom the browser's session signs in.
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import type { Identity } from '../../src/features/identity/index.js';
import type { User } from '../../src/features/users/index.js';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { type CookieJar, type Response, get } from './session.js';

export interface StartedSignIn {
  /** Where the app sent the browser: the provider's authorization endpoint with our parameters. */
  readonly authorizationUrl: URL;
  /** The `state` the app put in it. */
  readonly state: string;
}

/** GET /auth/:provider/start (a 302 to the provider is expected) in the browser `jar`. */
export async function startSignIn(app: App, provider: string, jar: CookieJar, query: Readonly<Record<string, string>> = {}): Promise<StartedSignIn> {
  const search = new URLSearchParams(query).toString();
  const response = await get(app, `/auth/${provider}/start${search ? `?${search}` : ''}`, jar);
  expect(response.statusCode, `starting a ${provider} sign-in: ${response.body.slice(0, 300)}`).toBe(302);
  const authorizationUrl = new URL(String(response.headers.location));
  return { authorizationUrl, state: authorizationUrl.searchParams.get('state') ?? '' };
}

/**
 * The browser at the provider: GET the authorization URL (the person is signed in there and consents at once)
 * and return where the provider sends the browser back, its fragment dropped as browsers do (Facebook's `#_=_`).
 */
export async function visitProvider(authorizationUrl: URL): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  expect(location, `the provider redirected back (${response.status}: ${location === null ? await response.text() : ''})`).not.toBeNull();
  const back = new URL(String(location), authorizationUrl);
  back.hash = '';
  return back;
}

/** The provider's redirect arriving at the app: GET the callback's path and query in the browser `jar`. */
export function arriveAtCallback(app: App, callbackUrl: URL, jar: CookieJar): Promise<Response> {
  return get(app, `${callbackUrl.pathname}${callbackUrl.search}`, jar);
}

export interface CompletedFlow {
  readonly started: StartedSignIn;
  /** The provider's redirect back to us (code and state, or error). */
  readonly callbackUrl: URL;
  /** The app's answer to it. */
  readonly response: Response;
}

/** start → provider → callback, in one browser. */
export async function signInWithProvider(app: App, provider: string, jar: CookieJar, query: Readonly<Record<string, string>> = {}): Promise<CompletedFlow> {
  const started = await startSignIn(app, provider, jar, query);
  const callbackUrl = await visitProvider(started.authorizationUrl);
  return { started, callbackUrl, response: await arriveAtCallback(app, callbackUrl, jar) };
}

export interface SignedInAs {
  readonly user: User;
  /** The identity the session was started with; undefined for a password session. */
  readonly identity: Identity | undefined;
}

/** Whom the browser's session cookie signs in, read through the services; undefined without a live session. */
export async function sessionOf(app: App, jar: CookieJar): Promise<SignedInAs | undefined> {
  const token = jar.get(SESSION_COOKIE);
  const session = token ? await app.services.sessions.resolve(token) : undefined;
  if (!session) return undefined;
  const user = await app.services.users.findById(session.userId);
  if (!user) return undefined;
  const identity = session.identityId === undefined ? undefined : await app.services.identities.findById(session.identityId);
  return { user, identity };
}
