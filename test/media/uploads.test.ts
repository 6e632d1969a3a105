// Over a real socket: a 50 MB upload is refused with 413 while it is still arriving (never buffered, nothing
// stored), and /uploads/* serves only the media table's files, never as a page and never from outside uploads/.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedApp, serveTestApp } from '../support/browser.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, openForm, signIn } from '../support/session.js';
import { filesUnder, makeImage } from './images.js';

let served: ServedApp;
let jar: CookieJar;
let csrf: string;

const MB = 1024 * 1024;

interface Outcome {
  readonly status: number;
  readonly body: string;
  /** Bytes of the body the client had written when the answer came. */
  readonly sent: number;
}

/** POSTs `total` bytes (after `head`), written as the socket accepts them, and stops writing once the answer arrives. */
function streamUpload(url: string, headers: http.OutgoingHttpHeaders, head: Buffer, total: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${served.baseUrl}${url}`, { method: 'POST', headers: { cookie: jar.header(), ...headers } });
    let sent = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body, sent });
        request.destroy();
      });
    });
    // The server closes the connection of a refused upload: writes after that fail, which is the point.
    request.on('error', (error) => { if (!answered) reject(error); });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    request.write(head);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

async function nothingStored() {
  const rows = await served.app.db.kysely.selectFrom('media').select('id').execute();
  return { rows: rows.length, files: filesUnder(path.join(served.app.dataDir, 'uploads')) };
}

beforeAll(async () => {
  served = await serveTestApp();
  const author = await createStaff(served.app, 'author');
  jar = await signIn(served.app, author.email, STAFF_PASSWORD);
  csrf = (await openForm(served.app, '/admin/media', jar)).csrf;
});
afterAll(async () => served.close());

describe('a 50 MB upload', () => {
  it('is refused from its Content-Length before its file is read (the form)', async () => {
    const boundary = 'b0undary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
    const outcome = await streamUpload('/admin/media', { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + 50 * MB }, head, 50 * MB);
    expect(outcome.status).toBe(413);
    expect(outcome.body).toContain('The file is 50 MB; the limit is 10 MB.');
    expect(outcome.sent).toBeLessThan(50 * MB);
    expect(await nothingStored()).toEqual({ rows: 0, files: [] });
  });

  it('is refused as soon as it passes the limit when no length is announced (the script, chunked)', async () => {
    const outcome = await streamUpload('/admin/media/upload', {
      'content-type': 'image/png', 'content-disposition': 'attachment; filename="big.png"', 'x-csrf-token': csrf, 'transfer-encoding': 'chunked', accept: 'application/json',
    }, Buffer.alloc(0), 50 * MB);
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'MEDIA_TOO_LARGE', message: 'The file is larger than 10 MB, the limit.' });
    expect(outcome.sent).toBeLessThan(50 * MB);
    expect(await nothingStored()).toEqual({ rows: 0, files: [] });
  });
});

describe('serving /uploads/*', () => {
  let filePath: string;
  let thumbnailPath: string;

  beforeAll(async () => {
    const author = await createStaff(served.app, 'author');
    const media = await served.app.services.media.upload({ content: await makeImage(300, 200), originalName: 'served.png' }, author);
    filePath = media.filePath ?? '';
    thumbnailPath = media.variants[0]?.filePath ?? '';
    fs.writeFileSync(path.join(served.app.dataDir, 'uploads', path.dirname(filePath), 'stray.html'), '<script>alert(1)</script>');
  });

  it('streams a file with its type, a sandbox CSP, nosniff, long caching and an ETag', async () => {
    const response = await fetch(`${served.baseUrl}/uploads/${filePath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body).toEqual(fs.readFileSync(path.join(served.app.dataDir, 'uploads', filePath)));
    const again = await fetch(`${served.baseUrl}/uploads/${filePath}`, { headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${served.baseUrl}/uploads/${thumbnailPath}`)).status).toBe(200);
    const head = await fetch(`${served.baseUrl}/uploads/${filePath}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(body.length)]);
  });

  it.each([
    '/uploads/../secret.key', '/uploads/%2e%2e/secret.key', '/uploads/..%2fsecret.key', '/uploads/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/uploads/..%5csecret.key', '/uploads/.tmp/x.part', '/uploads/%00', '/uploads/',
  ])('never serves a file for %s (404, or the site redirecting to a page that is not there)', async (url) => {
    // node:http sends the path as written; fetch would normalise the dots away before it left.
    const rawGet = (target: string) => new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${served.baseUrl}${target}`, (response) => { response.resume(); resolve(response); }).on('error', reject);
    });
    let response = await rawGet(url);
    if (response.statusCode === 301) {
      expect(response.headers.location).not.toMatch(/^\/uploads\//);
      response = await rawGet(response.headers.location ?? '');
    }
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 to a file on disk that the media table does not know', async () => {
    expect((await fetch(`${served.baseUrl}/uploads/${path.dirname(filePath)}/stray.html`)).status).toBe(404);
  });
});
