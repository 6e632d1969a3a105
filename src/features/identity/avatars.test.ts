// The avatar store against a real local HTTP server: what it accepts, what it refuses, where it writes.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAvatarStore } from './avatars.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let base = '';
let server: http.Server;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-avatars-'));
const store = createAvatarStore({ dir });

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/ok.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (url === '/hop') response.writeHead(302, { location: '/ok.png' }).end();
    else if (url === '/away') response.writeHead(302, { location: 'http://example.com/ok.png' }).end();
    else if (url === '/loop') response.writeHead(302, { location: '/loop' }).end();
    else if (url === '/liar.png') response.writeHead(200, { 'content-type': 'image/png' }).end('<svg onload="alert(1)"/>');
    else if (url === '/svg') response.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>');
    else if (url === '/declared-huge') response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(2 * 1024 * 1024) }).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the avatar store', () => {
  it('stores a PNG under its sha256 and names the local path', async () => {
    const local = await store.storeFromUrl(`${base}/ok.png`, { fromLocalProvider: true });
    expect(local).toMatch(/^\/avatars\/[0-9a-f]{64}\.png$/);
    const file = store.fileOf(String(local).slice('/avatars/'.length));
    expect(file?.contentType).toBe('image/png');
    expect(fs.readFileSync(String(file?.path)).equals(PNG)).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('follows a redirect, checking every hop', async () => {
    expect(await store.storeFromUrl(`${base}/hop`, { fromLocalProvider: true })).toMatch(/\.png$/);
    expect(await store.storeFromUrl(`${base}/away`, { fromLocalProvider: true })).toBeUndefined();
    expect(await store.storeFromUrl(`${base}/loop`, { fromLocalProvider: true })).toBeUndefined();
  });

  it.each([
    ['plain http, unless a local test provider allows it', '/ok.png', false],
    ['a body that is not what its type says', '/liar.png', true],
    ['SVG (scriptable)', '/svg', true],
    ['a declared size over 1 MB', '/declared-huge', true],
    ['a 404', '/missing.png', true],
  ])('refuses %s', async (_what, file, fromLocalProvider) => {
    expect(await store.storeFromUrl(`${base}${file}`, { fromLocalProvider })).toBeUndefined();
  });

  it('refuses URLs that are not http(s) at all', async () => {
    for (const url of ['file:///etc/passwd', 'data:image/png;base64,AAAA', 'not a url']) {
      expect(await store.storeFromUrl(url, { fromLocalProvider: true })).toBeUndefined();
    }
  });

  it('serves only names it writes', () => {
    for (const name of ['../secret.key', `${'a'.repeat(64)}.svg`, `${'A'.repeat(64)}.png`, 'x.png']) expect(store.fileOf(name)).toBeUndefined();
    expect(store.fileOf(`${'a'.repeat(64)}.webp`)?.contentType).toBe('image/webp');
  });
});
