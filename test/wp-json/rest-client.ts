// Calling /wp-json in tests as WordPress clients do: JSON bodies, HTTP Basic with an application password.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../../src/app.js';
import type { Role, User } from '../../src/features/users/index.js';
import { buildAuthor } from '../support/factories.js';

export interface RestResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
  json<T = unknown>(): T;
}

export interface RestCall {
  /** An `Authorization` header (basicAuth), or none: anonymous. */
  readonly auth?: string;
  readonly payload?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly remoteAddress?: string;
}

export function basicAuth(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

export async function rest(app: App, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, call: RestCall = {}): Promise<RestResponse> {
  const body = call.payload === undefined ? {} : { payload: JSON.stringify(call.payload) };
  return app.server.inject({
    method,
    url,
    remoteAddress: call.remoteAddress,
    headers: {
      ...(call.payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(call.auth ? { authorization: call.auth } : {}),
      ...call.headers,
    },
    ...body,
  }) as unknown as Promise<RestResponse>;
}

export interface ApiUser {
  readonly user: User;
  /** The Authorization header of a fresh application password of theirs. */
  readonly auth: string;
  readonly password: string;
}

/** A person with `role` (no sign-in password: these tests authenticate with application passwords) and one app password. */
export async function apiUser(app: App, role: Role): Promise<ApiUser> {
  const user = await buildAuthor(app, { role });
  const { password } = await app.services.appPasswords.create(user.id, 'Tests');
  return { user, auth: basicAuth(user.login, password), password };
}

const fixtures = path.resolve(import.meta.dirname, '../fixtures/wp-json-resources');

export function restFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as T;
}
