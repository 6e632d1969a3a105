// Signing in through the real login form in tests, and a small cookie jar that carries cookies between requests.
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import type { Role, User } from '../../src/features/users/index.js';
import { type Page, parseHtml } from './html.js';

type Headers = Readonly<Record<string, string | string[] | number | undefined>>;

export interface Response {
  readonly statusCode: number;
  readonly headers: Headers;
  readonly body: string;
}

/** What a browser would keep: cookies by name, dropped when the server expires them. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  absorb(response: Pick<Response, 'headers'>): this {
    for (const line of setCookies(response)) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      // Only a deletion counts as expiry: tests run on clocks of their own, so real time says nothing here.
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.UTC(2000, 0, 1)));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  /** A copy, so one test can keep an old state of the jar while the browser moves on. */
  clone(): CookieJar {
    return new CookieJar(Object.fromEntries(this.cookies));
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export function setCookies(response: Pick<Response, 'headers'>): string[] {
  return ([] as string[]).concat((response.headers['set-cookie'] as string | string[] | undefined) ?? []);
}

/** The Set-Cookie line for `name`, if the response sets it. */
export function setCookieFor(response: Pick<Response, 'headers'>, name: string): string | undefined {
  return setCookies(response).find((line) => line.startsWith(`${name}=`));
}

export interface RequestOptions {
  /** The client's address (rate limits count per address); inject's default is 127.0.0.1. */
  readonly remoteAddress?: string;
}

export async function get(app: App, url: string, jar?: CookieJar, options: RequestOptions = {}): Promise<Response> {
  const response = await app.server.inject({
    method: 'GET', url, remoteAddress: options.remoteAddress, headers: jar ? { cookie: jar.header() } : {},
  });
  jar?.absorb(response);
  return response;
}

export async function postForm(
  app: App, url: string, fields: Readonly<Record<string, string>>, jar?: CookieJar, options: RequestOptions = {},
): Promise<Response> {
  const response = await app.server.inject({
    method: 'POST',
    url,
    remoteAddress: options.remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(jar ? { cookie: jar.header() } : {}) },
    payload: new URLSearchParams(fields).toString(),
  });
  jar?.absorb(response);
  return response;
}

/** GETs a page with a form, keeping its cookies; returns the parsed page and its CSRF token. */
export async function openForm(app: App, url: string, jar: CookieJar): Promise<{ $: Page; csrf: string; response: Response }> {
  const response = await get(app, url, jar);
  const $ = parseHtml(response.body);
  return { $, csrf: String($('input[name="_csrf"]').first().val() ?? ''), response };
}

export interface SignInOptions extends RequestOptions {
  /** Continue in this browser (its cookies, e.g. an older session); a new one otherwise. */
  readonly jar?: CookieJar;
}

/** Signs in through the real form and returns the browser's cookies (session and CSRF). */
export async function signIn(app: App, email: string, password: string, options: SignInOptions = {}): Promise<CookieJar> {
  const jar = options.jar ?? new CookieJar();
  const { csrf } = await openForm(app, '/admin/login', jar);
  const response = await postForm(app, '/admin/login', { _csrf: csrf, email, password }, jar, options);
  expect(response.statusCode, `signing in as ${email}`).toBe(303);
  return jar;
}

export const STAFF_PASSWORD = 'correct horse battery staple';

let staffSequence = 0;

/** A person with `role` and a known password (STAFF_PASSWORD). */
export function createStaff(app: App, role: Role, overrides: { email?: string; displayName?: string } = {}): Promise<User> {
  const n = ++staffSequence;
  return app.services.users.create({
    email: overrides.email ?? `staff-${role}-${n}@example.test`,
    login: `staff-${role}-${n}`,
    displayName: overrides.displayName ?? `${role[0]?.toUpperCase()}${role.slice(1)} ${n}`,
    role,
    password: STAFF_PASSWORD,
  });
}
