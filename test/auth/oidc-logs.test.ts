// What a provider sign-in leaves in the log: who signed in and how, never the code, the state or a token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, LOG_REDACTIONS, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { createTestDatabase } from '../support/database.js';
import { type TestOidcProvider, startOidcProvider } from '../support/oidc-provider.js';
import { CookieJar, get } from '../support/session.js';
import { OIDC_CLIENT, SITE } from './oidc-flow.js';

let op: TestOidcProvider;
let app: App;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  op = await startOidcProvider([{ ...OIDC_CLIENT, redirect_uris: [`${SITE}/auth/oidc/callback`] }]);
  op.accounts.set('alice', { email: 'alice@example.test', email_verified: true, name: 'Alice' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const database = await createTestDatabase();
  const config = loadConfig(
    { QUIRE_DATA_DIR: dataDir, QUIRE_URL: SITE, LOG_LEVEL: 'info', QUIRE_DEMO: '0' },
    {
      databaseUrl: database.databaseUrl, databaseSchema: database.schema,
      authProviders: { oidc: { clientId: OIDC_CLIENT.client_id, clientSecret: OIDC_CLIENT.client_secret, issuer: op.issuer } },
    },
  );
  // The app's real logger, written to memory instead of stdout.
  app = await createApp(config, { logger: { level: 'info', redact: LOG_REDACTIONS, stream: { write: (line: string) => void lines.push(line) } } });
});
afterAll(async () => {
  await app?.close();
  await op?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('logs the sign-in and the refusals without the authorization code, the state or any token', async () => {
  const jar = new CookieJar();
  const start = await get(app, '/auth/oidc/start?return_to=/', jar);
  const callback = await op.authorize(new URL(String(start.headers.location)), 'alice');
  const code = String(callback.searchParams.get('code'));
  const state = String(callback.searchParams.get('state'));
  expect((await get(app, `${callback.pathname}${callback.search}`, jar)).statusCode).toBe(303);
  // Replayed: refused, and logged as such.
  expect((await get(app, `${callback.pathname}${callback.search}`, jar)).statusCode).toBe(400);

  const log = lines.join('');
  expect(log).toContain('signed in with a provider');
  expect(log).toContain('provider sign-in refused');
  expect(log).toContain('AUTH_STATE_INVALID');
  expect(code.length).toBeGreaterThan(10);
  expect(log).not.toContain(code);
  expect(log).not.toContain(state);
  expect(log).not.toContain('/auth/oidc/callback?');
  expect(log).not.toContain(OIDC_CLIENT.client_secret);
  expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT (ID token)
});
