// Provider pictures cannot reach inward (SSRF): URLs on private, loopback, link-local, CGNAT, multicast and
// unique-local addresses, or on names that resolve to one, are refused before any connection; a name is resolved
// once and the connection pinned to that answer (no DNS rebinding); every redirect hop is checked again.
// Stand-ins: DNS (a resolver the test answers) and, where a public address is "fetched", the internet (requests to
// it are routed to a local server). One test uses the real network code against a real local server.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAvatarStore } from './avatars.js';
import type { PictureNetwork, ResolvedAddress } from './picture-fetch.js';
import { isLoopbackAddress, isPublicAddress } from './public-address.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PUBLIC: ResolvedAddress = { address: '93.184.216.34', family: 4 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-avatars-ssrf-'));
let server: http.Server;
let port = 0;
let connections = 0;
const served: { path: string; host: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    served.push({ path: request.url ?? '/', host: request.headers.host });
    if (request.url === '/ok.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (request.url === '/inward') response.writeHead(302, { location: 'https://internal.example.com/ok.png' }).end();
    else if (request.url === '/metadata') response.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data/' }).end();
    else response.writeHead(404).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * DNS answers from `answers` (a list per name: the first call gets the first answer, later calls the last), and
 * requests recorded with the address their connection is pinned to, then routed to the local server.
 */
function stubNetwork(answers: Readonly<Record<string, readonly (readonly ResolvedAddress[])[]>>) {
  const resolved: string[] = [];
  const requested: { url: string; pinnedTo: string }[] = [];
  const network: PictureNetwork = {
    async resolve(hostname) {
      const list = answers[hostname] ?? [];
      const answer = list[Math.min(resolved.filter((h) => h === hostname).length, list.length - 1)] ?? [];
      resolved.push(hostname);
      return answer;
    },
    request(url, options) {
      let pinnedTo = '';
      options.lookup?.(url.hostname, { all: false }, (_error, address) => {
        pinnedTo = String(address);
      });
      requested.push({ url: url.href, pinnedTo });
      return http.request({ host: '127.0.0.1', port, path: `${url.pathname}${url.search}`, headers: { ...options.headers, host: url.host }, signal: options.signal });
    },
  };
  return { network, resolved, requested };
}

describe('which addresses pictures may come from', () => {
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.251', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fd12:3456::1', 'ff02::1', '::ffff:10.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:a00:1::1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('knows this machine in every spelling', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.1', '::2', '93.184.216.34']) expect(isLoopbackAddress(address), address).toBe(false);
  });
});

describe('downloading a provider picture', () => {
  it.each([
    'https://10.0.0.1/a.png', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/a.png', 'https://[::ffff:10.0.0.1]/a.png',
    'https://[fd00::1]/a.png', 'https://100.64.0.7/a.png', 'https://[fe80::1]/a.png', 'https://224.0.0.1/a.png',
  ])('refuses %s and fetches nothing', async (url) => {
    const { network, requested } = stubNetwork({});
    expect(await createAvatarStore({ dir, network }).storeFromUrl(url)).toBeUndefined();
    expect(requested).toEqual([]);
  });

  it('refuses a host name that resolves to 127.0.0.1, or to any private address among public ones, and fetches nothing', async () => {
    const { network, resolved, requested } = stubNetwork({
      'sneaky.example.com': [[{ address: '127.0.0.1', family: 4 }]],
      'mixed.example.com': [[PUBLIC, { address: '10.1.2.3', family: 4 }]],
      'v6.example.com': [[{ address: '::ffff:169.254.169.254', family: 6 }]],
    });
    const store = createAvatarStore({ dir, network });
    for (const host of ['sneaky', 'mixed', 'v6']) expect(await store.storeFromUrl(`https://${host}.example.com/ok.png`), host).toBeUndefined();
    expect(resolved).toEqual(['sneaky.example.com', 'mixed.example.com', 'v6.example.com']);
    expect(requested).toEqual([]);
  });

  it('fetches from a public address, connecting to the very address it checked', async () => {
    const { network, requested } = stubNetwork({ 'pictures.example.com': [[PUBLIC]] });
    served.length = 0;
    const local = await createAvatarStore({ dir, network }).storeFromUrl('https://pictures.example.com/ok.png');
    expect(local).toMatch(/^\/avatars\/[0-9a-f]{64}\.png$/);
    expect(requested).toEqual([{ url: 'https://pictures.example.com/ok.png', pinnedTo: PUBLIC.address }]);
    expect(served).toEqual([{ path: '/ok.png', host: 'pictures.example.com' }]);
  });

  it('resolves a name once: a DNS answer that turns inward after the check does not move the connection', async () => {
    const { network, resolved, requested } = stubNetwork({ 'rebind.example.com': [[PUBLIC], [{ address: '127.0.0.1', family: 4 }]] });
    expect(await createAvatarStore({ dir, network }).storeFromUrl('https://rebind.example.com/ok.png')).toMatch(/\.png$/);
    expect(resolved).toEqual(['rebind.example.com']);
    expect(requested.map((r) => r.pinnedTo)).toEqual([PUBLIC.address]);
  });

  it('checks every redirect hop: a redirect inward (by name or to the metadata address) is not followed', async () => {
    const { network, requested } = stubNetwork({ 'pictures.example.com': [[PUBLIC]], 'internal.example.com': [[{ address: '10.0.0.5', family: 4 }]] });
    const store = createAvatarStore({ dir, network });
    expect(await store.storeFromUrl('https://pictures.example.com/inward')).toBeUndefined();
    expect(await store.storeFromUrl('https://pictures.example.com/metadata')).toBeUndefined();
    expect(requested.map((r) => r.url)).toEqual(['https://pictures.example.com/inward', 'https://pictures.example.com/metadata']);
  });

  it('with the real network code, opens no connection to a loopback server for a real provider, and fetches for a local one', async () => {
    const store = createAvatarStore({ dir });
    const before = connections;
    expect(await store.storeFromUrl(`https://127.0.0.1:${port}/ok.png`)).toBeUndefined();
    expect(await store.storeFromUrl(`http://127.0.0.1:${port}/ok.png`)).toBeUndefined();
    expect(connections).toBe(before);
    expect(await store.storeFromUrl(`http://127.0.0.1:${port}/ok.png`, { fromLocalProvider: true })).toMatch(/\.png$/);
    expect(connections).toBe(before + 1);
  });
});
