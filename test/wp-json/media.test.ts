// /wp/v2/media through real HTTP: uploaded images and documents in WordPress's attachment shape (source_url,
// media_type, mime_type, media_details with every size), search and type filters, paging, and the edit context
// for those who may edit the item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Media } from '../../src/features/media/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeImage } from '../media/images.js';
import { type ApiUser, apiUser, rest } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let owner: ApiUser;
let otherAuthor: ApiUser;
let photo: Media;
let pdf: Media;

// The smallest file the media feature recognises as a PDF (its type is sniffed from the content).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  app = await createTestApp();
  owner = await apiUser(app, 'author');
  otherAuthor = await apiUser(app, 'author');
  photo = await app.services.media.upload({ content: await makeImage(800, 600, 'jpeg'), originalName: 'Harbour view.jpg' }, owner.user);
  photo = await app.services.media.update(photo.id, { altText: 'Boats in the harbour', caption: 'At dawn <b>early</b>', title: 'Harbour' }, owner.user);
  pdf = await app.services.media.upload({ content: PDF, originalName: 'Report.pdf' }, owner.user);
});
afterAll(async () => app.close());

describe('/wp/v2/media', () => {
  it('shows an image as WordPress shows an attachment, with every size and escaped text', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/media/${photo.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const item = response.json<Item>();
    expect(item).toMatchObject({
      id: photo.id, type: 'attachment', status: 'inherit', author: owner.user.id, alt_text: 'Boats in the harbour', media_type: 'image',
      mime_type: 'image/jpeg', post: null, title: { rendered: 'Harbour' }, caption: { rendered: '<p>At dawn &lt;b&gt;early&lt;/b&gt;</p>\n' },
    });
    expect(item.source_url).toBe(`http://blog.test/uploads/${String(photo.filePath)}`);
    const details = item.media_details as { width: number; height: number; file: string; sizes: Record<string, { width: number; source_url: string }> };
    expect([details.width, details.height, details.file]).toEqual([800, 600, photo.filePath]);
    expect(Object.keys(details.sizes)).toEqual(['thumbnail', 'medium', 'full']);
    expect(details.sizes.medium?.width).toBe(300);
    expect(details.sizes.thumbnail?.source_url).toMatch(/^http:\/\/blog\.test\/uploads\/.+-150x150\.jpg$/);
    expect(item).not.toHaveProperty('title.raw');
    expect((await app.server.inject({ method: 'GET', url: new URL(String(item.source_url)).pathname })).statusCode).toBe(200);
  });

  it('shows a document as a file, and lists newest first with filters and paging', async () => {
    expect((await rest(app, 'GET', `/wp-json/wp/v2/media/${pdf.id}`)).json()).toMatchObject({ media_type: 'file', mime_type: 'application/pdf', media_details: { sizes: {} } });
    const all = await rest(app, 'GET', '/wp-json/wp/v2/media');
    expect(all.json<Item[]>().map((m) => m.id)).toEqual([pdf.id, photo.id]);
    expect(all.headers['x-wp-total']).toBe('2');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media?media_type=image')).json<Item[]>().map((m) => m.id)).toEqual([photo.id]);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media?media_type=application')).json<Item[]>().map((m) => m.id)).toEqual([pdf.id]);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media?search=harbour')).json<Item[]>().map((m) => m.id)).toEqual([photo.id]);
    const second = await rest(app, 'GET', '/wp-json/wp/v2/media?per_page=1&page=2');
    expect(second.json<Item[]>().map((m) => m.id)).toEqual([photo.id]);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media?per_page=1&page=3')).statusCode).toBe(400);
  });

  it('refuses bad parameters and unknown ids in WordPress’s words', async () => {
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media?media_type=video')).json<Item>().code).toBe('rest_invalid_param');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/media/999999')).json()).toEqual({ code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } });
  });

  it('gives the edit context (raw fields) to the item’s editors only', async () => {
    const url = `/wp-json/wp/v2/media/${photo.id}?context=edit`;
    expect((await rest(app, 'GET', url)).statusCode).toBe(401);
    expect((await rest(app, 'GET', url, { auth: otherAuthor.auth })).json<Item>().code).toBe('rest_forbidden_context');
    expect((await rest(app, 'GET', url, { auth: owner.auth })).json()).toMatchObject({ title: { raw: 'Harbour' }, caption: { raw: 'At dawn <b>early</b>' } });
  });
});

describe('uploading over /wp/v2/media', () => {
  const upload = (content: Buffer, headers: Record<string, string>, auth?: string, query = '') =>
    app.server.inject({ method: 'POST', url: `/wp-json/wp/v2/media${query}`, payload: content, headers: { ...(auth ? { authorization: auth } : {}), ...headers } });

  it('stores the body as WordPress clients send it, with the details given as arguments', async () => {
    const image = await makeImage(640, 480, 'png');
    const response = await upload(image, { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="From the app.png"' }, owner.auth, '?alt_text=A%20test&title=Sent');
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json<Item>();
    expect(item).toMatchObject({ media_type: 'image', mime_type: 'image/png', alt_text: 'A test', title: { raw: 'Sent' }, author: owner.user.id });
    expect(response.headers.location).toBe(`http://blog.test/wp-json/wp/v2/media/${String(item.id)}`);
    expect(String(item.source_url)).toMatch(/\/from-the-app\.png$/);
    expect((await app.services.media.findById(Number(item.id)))?.width).toBe(640);
  });

  it('refuses callers without upload_files, a missing file name or body, and content that is not what it claims', async () => {
    const image = await makeImage(10, 10, 'png');
    const headers = { 'content-type': 'image/png', 'content-disposition': 'attachment; filename=x.png' };
    const before = (await app.services.media.list({})).total;
    expect((await upload(image, headers)).json<Item>()).toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
    const subscriber = await apiUser(app, 'subscriber');
    expect((await upload(image, headers, subscriber.auth)).statusCode).toBe(403);
    expect((await upload(image, { 'content-type': 'image/png' }, owner.auth)).json<Item>().code).toBe('rest_upload_no_content_disposition');
    expect((await rest(app, 'POST', '/wp-json/wp/v2/media', { auth: owner.auth, payload: { title: 'no file' } })).json<Item>().code).toBe('rest_upload_no_data');
    const fake = await upload(Buffer.from('<html><script>alert(1)</script></html>'), { ...headers, 'content-type': 'image/jpeg' }, owner.auth);
    expect(fake.statusCode).toBe(415);
    expect((await upload(image, { ...headers, 'content-type': 'text/html' }, owner.auth)).statusCode).toBe(415);
    await app.services.settings.update({ uploadMaxMegabytes: 1 });
    const huge = await upload(Buffer.alloc(2 * 1024 * 1024, 1), headers, owner.auth);
    await app.services.settings.update({ uploadMaxMegabytes: 10 });
    expect(huge.statusCode).toBe(413);
    expect((await app.services.media.list({})).total).toBe(before);
  });
});
