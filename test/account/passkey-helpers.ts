// What the passkey HTTP tests share: an app on an https address (passkeys need one), requests made the way the
// page's script makes them, accounts signed in through the real form, and the account page's Add button.
import { expect } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, get, openForm, postForm } from '../support/session.js';
import { type CreationOptions, type RequestOptions, SoftwareAuthenticator } from './passkey-authenticator.js';

export const SITE = 'https://blog.test';
export const PASSWORD = 'plane shavings curl on the bench';

export interface JsonResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly json: Record<string, unknown>;
}

export interface JsonOptions {
  readonly csrf?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly ip?: string;
}

let ipSequence = 0;
/** A fresh client address, so that one test's rate limits do not hold back the next. */
export const freshIp = (): string => `203.0.113.${(++ipSequence % 250) + 1}`;

export class PasskeyWorld {
  private accounts = 0;

  private constructor(readonly app: TestApp, readonly clock: MutableClock) {}

  static async start(): Promise<PasskeyWorld> {
    const clock = mutableClock('2026-12-02T09:00:00.000Z');
    const app = await createTestApp({ clock, config: { publicUrl: SITE } });
    await app.services.settings.update({ title: 'The Offcut' });
    return new PasskeyWorld(app, clock);
  }

  close(): Promise<void> {
    return this.app.close();
  }

  /** A POST as the page's script makes it: JSON, from this site's page (Origin, Sec-Fetch-Site), with the jar's cookies. */
  async postJson(url: string, body: unknown, jar: CookieJar, options: JsonOptions = {}): Promise<JsonResponse> {
    const response = await this.app.server.inject({
      method: 'POST', url, remoteAddress: options.ip ?? '198.51.100.7',
      headers: {
        'content-type': 'application/json', accept: 'application/json', origin: SITE, 'sec-fetch-site': 'same-origin', cookie: jar.header(),
        ...(options.csrf === undefined ? {} : { 'x-csrf-token': options.csrf }), ...options.headers,
      },
      payload: JSON.stringify(body),
    });
    jar.absorb(response);
    return { statusCode: response.statusCode, headers: response.headers, json: response.json() as Record<string, unknown> };
  }

  /**
   * A subscriber signed in through /account/login (a password and a confirmed address); or, 'passkey-only', an
   * account with neither, whose session is made directly (the stand-in for however it first signed in).
   */
  async signedInAccount(kind: 'password' | 'passkey-only' = 'password'): Promise<{ user: User; jar: CookieJar }> {
    const n = ++this.accounts;
    const email = `reader-${n}@example.test`;
    const { users, sessions } = this.app.services;
    const user = await users.create({ email, displayName: `Reader ${n}`, role: 'subscriber', ...(kind === 'password' ? { password: PASSWORD } : {}) });
    if (kind === 'passkey-only') return { user, jar: new CookieJar({ quire_session: (await sessions.create(user.id)).token }) };
    await users.setEmailVerified(user.id);
    return { user, jar: await this.signInWithPassword(email) };
  }

  async signInWithPassword(email: string, jar = new CookieJar()): Promise<CookieJar> {
    const { csrf } = await openForm(this.app, '/account/login', jar);
    const response = await postForm(this.app, '/account/login', { _csrf: csrf, email, password: PASSWORD }, jar, { remoteAddress: freshIp() });
    expect(response.statusCode, `signing in as ${email}`).toBe(303);
    return jar;
  }

  /** The account page, parsed, and the CSRF token its Add button carries. */
  async accountPage(jar: CookieJar) {
    const page = await get(this.app, '/account', jar);
    expect(page.statusCode).toBe(200);
    const $ = parseHtml(page.body);
    return { $, csrf: String($('button.passkey-add').attr('data-csrf') ?? '') };
  }

  async registrationOptions(jar: CookieJar, csrf: string): Promise<CreationOptions> {
    const options = await this.postJson('/account/passkeys/options', {}, jar, { csrf });
    expect(options.statusCode, JSON.stringify(options.json)).toBe(200);
    return options.json as unknown as CreationOptions;
  }

  /** Presses Add: options, the authenticator's answer, the answer sent. */
  async addPasskey(jar: CookieJar, authenticator: SoftwareAuthenticator): Promise<JsonResponse> {
    const { csrf } = await this.accountPage(jar);
    const credential = authenticator.create(await this.registrationOptions(jar, csrf));
    return this.postJson('/account/passkeys', { credential }, jar, { csrf });
  }

  async signInOptions(jar: CookieJar, ip?: string): Promise<RequestOptions> {
    const options = await this.postJson('/auth/passkey/options', {}, jar, ip === undefined ? {} : { ip });
    expect(options.statusCode, JSON.stringify(options.json)).toBe(200);
    return options.json as unknown as RequestOptions;
  }

  /** Presses "Sign in with a passkey" in `jar`'s browser. */
  async signInWithPasskey(authenticator: SoftwareAuthenticator, jar = new CookieJar(), returnTo?: string): Promise<JsonResponse> {
    const credential = authenticator.get(await this.signInOptions(jar));
    return this.postJson('/auth/passkey', { credential, ...(returnTo === undefined ? {} : { return_to: returnTo }) }, jar);
  }

  passkeysOf(userId: number) {
    return this.app.services.passkeys.listForUser(userId);
  }

  async countPasskeys(): Promise<number> {
    const row = await this.app.db.kysely.selectFrom('webauthnCredentials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export { CookieJar, SoftwareAuthenticator };
