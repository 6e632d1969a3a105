// The media library through real HTTP: the no-script upload form, the script's upload, the item page, deletion,
// and every kind of bad input refused with a readable 4xx that stores nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';
import { type FormPart, filesUnder, makeImage, multipartBody } from './images.js';

let app: TestApp;
let author: User;
let jar: CookieJar;

const uploadsDir = () => path.join(app.dataDir, 'uploads');
const mediaCount = async () => Number((await app.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function sendForm(parts: readonly FormPart[], cookies = jar) {
  const { payload, contentType } = multipartBody(parts);
  return app.server.inject({ method: 'POST', url: '/admin/media', headers: { 'content-type': contentType, cookie: cookies.header() }, payload });
}

async function csrfToken(): Promise<string> {
  return (await openForm(app, '/admin/media', jar)).csrf;
}

async function uploadFile(filename: string, value: Buffer, contentType = 'image/png') {
  return sendForm([{ name: '_csrf', value: await csrfToken() }, { name: 'file', value, filename, contentType }]);
}

beforeAll(async () => {
  app = await createTestApp();
  author = await createStaff(app, 'author');
  jar = await signIn(app, author.email, STAFF_PASSWORD);
});
afterAll(async () => app.close());

describe('the upload form (no script)', () => {
  it('stores the file and opens its page, with its addresses and Markdown', async () => {
    const response = await uploadFile('My Picture.png', await makeImage(640, 480));
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/admin\/media\/\d+\?uploaded=1$/);
    const $ = parseHtml((await get(app, location, jar)).body);
    expect($('.admin-notice').text()).toBe('File uploaded.');
    const markdown = String($('#media-markdown-text').val());
    expect(markdown).toMatch(/^!\[\]\(\/uploads\/\d{4}\/\d{2}\/my-picture\.png\)$/);
    expect($('.media-urls li').map((_, li) => $(li).text()).get()).toEqual([
      expect.stringMatching(/^Full size \(640 × 480\): \/uploads\/.*\/my-picture\.png$/),
      expect.stringMatching(/^Thumbnail \(150 × 150\): .*my-picture-150x150\.png$/),
      expect.stringMatching(/^Medium \(300 × 225\): .*my-picture-300x225\.png$/),
    ]);
    expect($('label[for="field-alt_text"]').text()).toBe('Alternative Text');
  });

  it.each([
    ['an HTML page renamed .png', 'page.png', Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'), 415, /^This file is not an image: its content is HTML/],
    ['an SVG with a script', 'logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'), 415, /its content is SVG, which can carry scripts/],
    ['an empty file', 'empty.png', Buffer.alloc(0), 400, /^The file is empty/],
  ])('refuses %s beside the file field, storing nothing', async (_what, filename, bytes, status, message) => {
    const before = { rows: await mediaCount(), files: filesUnder(uploadsDir()).length };
    const response = await uploadFile(filename, bytes);
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect($('#media-file-error').text()).toMatch(message);
    expect($('#media-file').attr('aria-describedby')).toContain('media-file-error');
    expect({ rows: await mediaCount(), files: filesUnder(uploadsDir()).length }).toEqual(before);
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const jpeg = await makeImage(300, 300, 'jpeg');
    const response = await uploadFile('cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'image/jpeg');
    expect(response.statusCode).toBe(400);
    expect(parseHtml(response.body)('#media-file-error').text()).toMatch(/damaged or incomplete/);
  });

  it.each(['../../x.png', '..\\..\\x.png', '%2e%2e/%2e%2e/x.png', '/etc/passwd.png', 'evil\u0000.png', '...hidden.png', 'Ünïcödé Fïlé.PNG'])(
    'keeps a hostile file name %j inside uploads/YYYY/MM as a plain slug',
    async (filename) => {
      const response = await uploadFile(filename, await makeImage(8, 8));
      expect(response.statusCode).toBe(303);
      const id = Number(/\/admin\/media\/(\d+)/.exec(String(response.headers.location))?.[1]);
      const media = await app.services.media.findById(id);
      expect(media?.filePath).toMatch(/^\d{4}\/\d{2}\/[\p{L}\p{N}][\p{L}\p{N}-]*\.png$/u);
      expect(path.resolve(uploadsDir(), media?.filePath ?? '').startsWith(`${uploadsDir()}${path.sep}`)).toBe(true);
    },
  );

  it('asks for a file when the form is sent without one, or with none chosen', async () => {
    const csrf = await csrfToken();
    for (const parts of [[{ name: '_csrf', value: csrf }], [{ name: '_csrf', value: csrf }, { name: 'file', value: '', filename: '' }]]) {
      const response = await sendForm(parts);
      expect(response.statusCode).toBe(400);
      expect(parseHtml(response.body)('#media-file-error').text()).toBe('Choose a file to upload.');
    }
  });

  it('refuses an upload without the CSRF token (403) and stores nothing', async () => {
    const before = await mediaCount();
    const response = await sendForm([{ name: 'file', value: await makeImage(8, 8), filename: 'a.png' }]);
    expect(response.statusCode).toBe(403);
    expect(await mediaCount()).toBe(before);
    expect((await postForm(app, '/admin/media', { s: 'x' }, jar)).statusCode).toBe(403);
  });

  it('refuses a contributor (403), who cannot upload in WordPress either', async () => {
    const contributor = await createStaff(app, 'contributor');
    const contributorJar = await signIn(app, contributor.email, STAFF_PASSWORD);
    const response = await sendForm([{ name: 'file', value: await makeImage(8, 8), filename: 'a.png' }], contributorJar);
    expect(response.statusCode).toBe(403);
  });
});

describe('the script upload (the file as the body)', () => {
  async function sendRaw(body: Buffer, headers: Record<string, string>) {
    return app.server.inject({ method: 'POST', url: '/admin/media/upload', headers: { cookie: jar.header(), accept: 'application/json', ...headers }, payload: body });
  }

  it('stores the file named by Content-Disposition and answers with what the picker inserts', async () => {
    const response = await sendRaw(await makeImage(200, 100), {
      'content-type': 'image/png', 'content-disposition': "attachment; filename*=UTF-8''Caf%C3%A9%20sign.png", 'x-csrf-token': await csrfToken(),
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ isImage: true, width: 200, height: 100, fileName: 'cafe-sign.png', markdown: expect.stringMatching(/^!\[\]\(\/uploads\/.*\/cafe-sign\.png\)$/) });
  });

  it('answers refusals in JSON: no token (403), HTML, text or JSON as the file (415), no body (400)', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect((await sendRaw(html, { 'content-type': 'image/png' })).statusCode).toBe(403);
    const refused = await sendRaw(html, { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="x.png"', 'x-csrf-token': await csrfToken() });
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({ code: 'MEDIA_TYPE_REFUSED', data: { status: 415 } });
    for (const [type, body] of [['text/plain', 'name,email\n'], ['application/json', '{"a":1}']] as const) {
      const text = await sendRaw(Buffer.from(body), { 'content-type': type, 'content-disposition': 'attachment; filename="x.csv"', 'x-csrf-token': await csrfToken() });
      expect(text.json(), type).toMatchObject({ code: 'MEDIA_TYPE_REFUSED', message: expect.stringContaining('its content is plain text') });
    }
    const missing = await app.server.inject({ method: 'POST', url: '/admin/media/upload', headers: { cookie: jar.header(), 'x-csrf-token': await csrfToken() } });
    expect(missing.json()).toMatchObject({ code: 'MEDIA_FILE_MISSING' });
  });
});

describe('an item', () => {
  async function uploaded(): Promise<number> {
    const response = await uploadFile('item.png', await makeImage(400, 300));
    return Number(/\/admin\/media\/(\d+)/.exec(String(response.headers.location))?.[1]);
  }

  it('saves the alt text, caption, title and description', async () => {
    const id = await uploaded();
    const { csrf } = await openForm(app, `/admin/media/${id}`, jar);
    const response = await postForm(app, `/admin/media/${id}`, {
      _csrf: csrf, title: 'Sun\u0000set', alt_text: 'The sun going down over the sea', caption: 'At Brighton', description: 'Taken\nin June.',
    }, jar);
    expect(response.statusCode).toBe(303);
    expect(await app.services.media.findById(id)).toMatchObject({ title: 'Sunset', altText: 'The sun going down over the sea', caption: 'At Brighton', description: 'Taken\nin June.' });
    const $ = parseHtml((await get(app, `/admin/media/${id}`, jar)).body);
    expect($('#media-markdown-text').val()).toMatch(/^!\[The sun going down over the sea\]\(/);
  });

  it('refuses a caption too long beside its field and keeps what was typed', async () => {
    const id = await uploaded();
    const { csrf } = await openForm(app, `/admin/media/${id}`, jar);
    const response = await postForm(app, `/admin/media/${id}`, { _csrf: csrf, title: 'Kept', alt_text: '', caption: 'x'.repeat(2001), description: '' }, jar);
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('#field-caption-error').text()).toMatch(/At most 2000 characters/);
    expect($('#field-title').val()).toBe('Kept');
    expect((await app.services.media.findById(id))?.title).toBe('item');
  });

  it('leaves fields the form did not send as they were, and escapes hostile text everywhere it shows', async () => {
    const id = await uploaded();
    const { csrf } = await openForm(app, `/admin/media/${id}`, jar);
    const hostile = '"><script>alert(1)</script>';
    expect((await postForm(app, `/admin/media/${id}`, { _csrf: csrf, alt_text: hostile }, jar)).statusCode).toBe(303);
    expect(await app.services.media.findById(id)).toMatchObject({ title: 'item', altText: hostile });
    const page = (await get(app, `/admin/media/${id}`, jar)).body;
    const $ = parseHtml(page);
    expect($('script:not([src])')).toHaveLength(0);
    expect($('.media-preview img').attr('alt')).toBe(hostile);
    expect($('#media-markdown-text').val()).toMatch(/^!\["><script>alert\(1\)<\/script>\]\(/);
  });

  it('refuses a form body over 1 MB with 413, changing nothing', async () => {
    const id = await uploaded();
    const { csrf } = await openForm(app, `/admin/media/${id}`, jar);
    const response = await postForm(app, `/admin/media/${id}`, { _csrf: csrf, description: 'x'.repeat(1100 * 1024) }, jar);
    expect(response.statusCode).toBe(413);
    expect((await app.services.media.findById(id))?.description).toBe('');
  });

  it('shows another author the item but no form to change it, and refuses their changes', async () => {
    const id = await uploaded();
    const other = await createStaff(app, 'author');
    const otherJar = await signIn(app, other.email, STAFF_PASSWORD);
    const { $, csrf } = await openForm(app, `/admin/media/${id}`, otherJar);
    expect($('form.media-form')).toHaveLength(0);
    expect((await postForm(app, `/admin/media/${id}`, { _csrf: csrf, title: 'Mine now' }, otherJar)).statusCode).toBe(403);
    expect((await postForm(app, `/admin/media/${id}/delete`, { _csrf: csrf }, otherJar)).statusCode).toBe(403);
  });

  it('is deleted after its confirmation page, with its files', async () => {
    const id = await uploaded();
    const media = await app.services.media.findById(id);
    const { $, csrf } = await openForm(app, `/admin/media/${id}/delete`, jar);
    expect($('form button.destructive').text()).toBe('Delete permanently');
    expect((await postForm(app, `/admin/media/${id}/delete`, {}, jar)).statusCode).toBe(403);
    const response = await postForm(app, `/admin/media/${id}/delete`, { _csrf: csrf }, jar);
    expect(response.statusCode).toBe(303);
    expect(await app.services.media.findById(id)).toBeUndefined();
    expect(fs.existsSync(path.join(uploadsDir(), media?.filePath ?? ''))).toBe(false);
    expect((await get(app, `/admin/media/${id}`, jar)).statusCode).toBe(404);
  });
});

describe('the library and the picker list', () => {
  it('finds items by words, filters by type and pages', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await uploadFile('zebra-stripes.png', await makeImage(10, 10));
    await uploadFile('zebra-report.pdf', pdf, 'application/pdf');
    const $ = parseHtml((await get(app, '/admin/media?s=zebra&type=image', jar)).body);
    expect($('.media-card .media-title').map((_, e) => $(e).text()).get()).toEqual(['zebra stripes']);
    const json = (await get(app, '/admin/media.json?type=document', jar)).body;
    expect(JSON.parse(json).items.map((i: { fileName: string }) => i.fileName)).toEqual(['zebra-report.pdf']);
    const hostile = await get(app, '/admin/media?s=%3Cscript%3E&type=%22%3E&paged=-4', jar);
    expect(hostile.statusCode).toBe(200);
    expect(parseHtml(hostile.body)('#media-search').val()).toBe('<script>');
    for (const url of ['/admin/media?s=a%00b', '/admin/media.json?s=%00&page=999999999999', '/admin/media?s[]=x&type[]=image']) {
      expect((await get(app, url, jar)).statusCode, url).toBe(200);
    }
  });

  it('shows 20 items a page, newest first, with links that keep the search', async () => {
    const image = await makeImage(4, 4);
    for (let n = 1; n <= 21; n += 1) await app.services.media.upload({ content: image, originalName: `pager ${n}.png` }, author);
    const first = parseHtml((await get(app, '/admin/media?s=pager', jar)).body);
    expect(first('.media-card')).toHaveLength(20);
    expect(first('.media-card .media-title').first().text()).toBe('pager 21');
    expect(first('.pagination span').text()).toBe('Page 1 of 2');
    expect(first('.pagination a[rel="next"]').attr('href')).toBe('/admin/media?s=pager&paged=2');
    const second = parseHtml((await get(app, '/admin/media?s=pager&paged=2', jar)).body);
    expect(second('.media-card .media-title').map((_, e) => second(e).text()).get()).toEqual(['pager 1']);
    expect(second('.pagination a[rel="prev"]').attr('href')).toBe('/admin/media?s=pager');
  });
});
