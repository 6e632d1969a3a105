// What Settings → Sign-in leaves in the log (the app's real logger, at debug level, written to memory): the saves
// and tests, never the client secret typed in, whether the form is saved, refused or tested, nor when it is used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, LOG_REDACTIONS, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { createTestDatabase } from '../support/database.js';
import { type TestOidcProvider, startOidcProvider } from '../support/oidc-provider.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const SITE = 'http://blog.test';
const SECRET = 'log-canary-client-secret-7d1f';
const CLIENT = { client_id: 'quire-logged-oidc', client_secret: SECRET, redirect_uris: [`${SITE}/auth/oidc/callback`] };

let op: TestOidcProvider;
let app: App;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  op = await startOidcProvider([CLIENT]);
  op.accounts.set('alice', { email: 'alice@example.test', email_verified: true, name: 'Alice' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const database = await createTestDatabase();
  const config = loadConfig(
    { QUIRE_DATA_DIR: dataDir, QUIRE_URL: SITE, LOG_LEVEL: 'debug', QUIRE_DEMO: '0' },
    { databaseUrl: database.databaseUrl, databaseSchema: database.schema },
  );
  app = await createApp(config, { logger: { level: 'debug', redact: LOG_REDACTIONS, stream: { write: (line: string) => void lines.push(line) } } });
});
afterAll(async () => {
  await app?.close();
  await op?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('logs the saves and the tests of a provider, never its client secret', async () => {
  const user = await createStaff(app, 'administrator');
  const admin = await signIn(app, user.email, STAFF_PASSWORD);
  const send = async (url: string, fields: Readonly<Record<string, string>>) => {
    const { csrf } = await openForm(app, '/admin/settings/sign-in', admin);
    return postForm(app, url, { _csrf: csrf, ...fields }, admin);
  };
  const form = { oidcEnabled: '1', oidcClientId: CLIENT.client_id, oidcClientSecret: SECRET, oidcIssuer: op.issuer, oidcName: '' };
  expect((await send('/admin/settings/sign-in', { ...form, oidcIssuer: 'not a url' })).statusCode).toBe(400);
  expect((await send('/admin/settings/sign-in/test', { ...form, test: 'oidc' })).statusCode).toBe(200);
  expect((await send('/admin/settings/sign-in', form)).statusCode).toBe(303);
  const jar = new CookieJar();
  const start = await get(app, '/auth/oidc/start?return_to=/', jar);
  const callback = await op.authorize(new URL(String(start.headers.location)), 'alice');
  expect((await get(app, `${callback.pathname}${callback.search}`, jar)).statusCode).toBe(303);

  const log = lines.join('');
  expect(log).toContain('sign-in settings saved');
  expect(log).toContain('sign-in provider tested');
  expect(log).toContain('signed in with a provider');
  expect(log).not.toContain(SECRET);
});
