// What API authentication leaves in the log: that an application password was refused and why, never the
// Authorization header, the password (clear or base64) or the nonce header.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, LOG_REDACTIONS, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { createTestDatabase } from '../support/database.js';
import { buildAuthor } from '../support/factories.js';
import { basicAuth, rest } from './rest-client.js';

let app: App;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const database = await createTestDatabase();
  const config = loadConfig(
    { QUIRE_DATA_DIR: dataDir, QUIRE_URL: 'http://blog.test', LOG_LEVEL: 'info', QUIRE_DEMO: '0' },
    { databaseUrl: database.databaseUrl, databaseSchema: database.schema },
  );
  // The app's real logger, written to memory instead of stdout.
  app = await createApp(config, { logger: { level: 'info', redact: LOG_REDACTIONS, stream: { write: (line: string) => void lines.push(line) } } });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('logs refused application passwords without any credential', async () => {
  const user = await buildAuthor(app, { role: 'editor' });
  const { password } = await app.services.appPasswords.create(user.id, 'Logged');
  const right = basicAuth(user.login, password);
  const wrong = basicAuth(user.login, 'NotTheRightPasswordAtAll');
  expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me', { auth: right })).statusCode).toBe(200);
  expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me', { auth: wrong })).statusCode).toBe(401);
  expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me', { headers: { 'x-wp-nonce': 'a-nonce-value-1234567890' } })).statusCode).toBe(401);

  const log = lines.join('');
  expect(log).toContain('application password refused');
  expect(log).toContain('incorrect_password');
  for (const secret of [password, 'NotTheRightPasswordAtAll', right.slice('Basic '.length), wrong.slice('Basic '.length), 'a-nonce-value-1234567890']) {
    expect(log).not.toContain(secret);
  }
});
