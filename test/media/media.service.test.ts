// The media service on a real database and a real uploads folder: sniffing, limits, names, variants, deletion.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSrcset } from '../../src/features/media/index.js';
import type { User } from '../../src/features/users/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildAuthor, buildPost } from '../support/factories.js';
import { filesUnder, makeImage } from './images.js';

let app: TestApp;
let author: User;

const uploadsDir = () => path.join(app.dataDir, 'uploads');

beforeAll(async () => {
  app = await createTestApp();
  author = await buildAuthor(app);
});
afterAll(async () => app.close());

describe('uploading', () => {
  it('stores a JPEG under uploads/YYYY/MM with a slugged name and makes the three variants', async () => {
    const media = await app.services.media.upload({ content: await makeImage(1600, 1200, 'jpeg'), originalName: 'Holiday Photo.JPG' }, author);
    expect(media.mimeType).toBe('image/jpeg');
    expect(media.filePath).toMatch(/^\d{4}\/\d{2}\/holiday-photo\.jpg$/);
    expect([media.width, media.height]).toEqual([1600, 1200]);
    expect(media.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['thumbnail', 150, 150], ['medium', 300, 225], ['large', 1024, 768],
    ]);
    for (const variant of media.variants) {
      const meta = await sharp(path.join(uploadsDir(), variant.filePath)).metadata();
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
    }
    expect(fs.statSync(path.join(uploadsDir(), media.filePath ?? '')).mode & 0o777).toBe(0o644);
  });

  it('numbers a second file of the same name like WordPress (photo.png, photo-1.png)', async () => {
    const first = await app.services.media.upload({ content: await makeImage(20, 20), originalName: 'photo.png' }, author);
    const second = await app.services.media.upload({ content: await makeImage(20, 20), originalName: 'photo.png' }, author);
    expect(path.basename(first.filePath ?? '')).toBe('photo.png');
    expect(path.basename(second.filePath ?? '')).toBe('photo-1.png');
  });

  it('gives concurrent uploads of one name distinct files, none overwritten', async () => {
    const images = await Promise.all([1, 2, 3].map((n) => makeImage(10 * n, 10)));
    const stored = await Promise.all(images.map((content) => app.services.media.upload({ content, originalName: 'same.png' }, author)));
    expect(new Set(stored.map((m) => m.filePath)).size).toBe(3);
    for (const media of stored) expect((await sharp(path.join(uploadsDir(), media.filePath ?? '')).metadata()).width).toBe(media.width);
  });

  it('keeps a GIF byte for byte (re-encoding would flatten an animation) and resizes WebP in WebP', async () => {
    const original = await sharp({ create: { width: 200, height: 400, channels: 4, background: '#ff0000' } }).gif().toBuffer();
    const gif = await app.services.media.upload({ content: original, originalName: 'anim.gif' }, author);
    expect(fs.readFileSync(path.join(uploadsDir(), gif.filePath ?? ''))).toEqual(original);
    const webp = await app.services.media.upload({ content: await sharp(await makeImage(600, 300)).webp().toBuffer(), originalName: 'w.webp' }, author);
    expect(webp.variants.map((v) => [v.name, v.mimeType, path.extname(v.filePath)])).toEqual([
      ['thumbnail', 'image/webp', '.webp'], ['medium', 'image/webp', '.webp'],
    ]);
  });

  it('passes over a name whose sizes would clash with a file already there', async () => {
    const clash = await app.services.media.upload({ content: await makeImage(10, 10), originalName: 'tile-150x150.png' }, author);
    const tile = await app.services.media.upload({ content: await makeImage(300, 300), originalName: 'tile.png' }, author);
    expect(path.basename(tile.filePath ?? '')).toBe('tile-1.png');
    expect(tile.variants.map((v) => path.basename(v.filePath))).toEqual(['tile-1-150x150.png']);
    expect(fs.existsSync(path.join(uploadsDir(), clash.filePath ?? ''))).toBe(true);
  });

  it('lists by uploader and by the post an item was uploaded to', async () => {
    const uploader = await buildAuthor(app);
    const post = await buildPost(app, { author: uploader });
    const attached = await app.services.media.upload({ content: await makeImage(5, 5), originalName: 'att.png', postId: post.id }, uploader);
    const loose = await app.services.media.upload({ content: await makeImage(5, 5), originalName: 'loose.png' }, uploader);
    expect((await app.services.media.list({ authorId: uploader.id })).items.map((m) => m.id)).toEqual([loose.id, attached.id]);
    expect((await app.services.media.list({ postId: post.id })).items.map((m) => m.id)).toEqual([attached.id]);
    expect((await app.services.media.list({ authorId: uploader.id, postId: null })).items.map((m) => m.id)).toEqual([loose.id]);
  });

  it('refuses to attach an upload to a post that does not exist', async () => {
    await expect(app.services.media.upload({ content: await makeImage(5, 5), originalName: 'a.png', postId: 999999 }, author))
      .rejects.toMatchObject({ code: 'MEDIA_INVALID', details: { fields: { post: 'No post or page has this id.' } } });
  });

  it('applies the EXIF orientation and strips the metadata', async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#123456' } })
      .jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'Secret Place' } } }).toBuffer();
    const media = await app.services.media.upload({ content: rotated, originalName: 'turned.jpg' }, author);
    expect([media.width, media.height]).toEqual([20, 40]);
    const meta = await sharp(path.join(uploadsDir(), media.filePath ?? '')).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('keeps a PDF as it is, without variants', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const media = await app.services.media.upload({ content: pdf, originalName: 'Annual report.pdf' }, author);
    expect(media).toMatchObject({ mimeType: 'application/pdf', width: null, variants: [] });
    expect(fs.readFileSync(path.join(uploadsDir(), media.filePath ?? ''))).toEqual(pdf);
  });

  it('refuses a contributor (no upload_files), an empty file, HTML and SVG, writing nothing', async () => {
    const before = filesUnder(uploadsDir()).length;
    const contributor = await buildAuthor(app, { role: 'contributor' });
    await expect(app.services.media.upload({ content: await makeImage(5, 5), originalName: 'a.png' }, contributor)).rejects.toMatchObject({ code: 'MEDIA_FORBIDDEN' });
    await expect(app.services.media.upload({ content: Buffer.alloc(0), originalName: 'a.png' }, author)).rejects.toMatchObject({ code: 'MEDIA_EMPTY' });
    await expect(app.services.media.upload({ content: Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), originalName: 'a.png' }, author))
      .rejects.toMatchObject({ code: 'MEDIA_TYPE_REFUSED', message: expect.stringMatching(/^This file is not an image: its content is HTML/) });
    await expect(app.services.media.upload({ content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), originalName: 'a.svg' }, author))
      .rejects.toMatchObject({ code: 'MEDIA_TYPE_REFUSED', message: expect.stringContaining('SVG') });
    expect(filesUnder(uploadsDir()).length).toBe(before);
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const jpeg = await makeImage(400, 300, 'jpeg');
    await expect(app.services.media.upload({ content: jpeg.subarray(0, jpeg.length / 2), originalName: 'cut.jpg' }, author))
      .rejects.toMatchObject({ code: 'MEDIA_CORRUPT' });
  });

  it('refuses a small PNG that claims 30,000 × 30,000 pixels before decoding it', async () => {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(30_000, 0);
    header.writeUInt32BE(30_000, 4);
    header.set([8, 2], 8);
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.alloc(10))), chunk('IEND', Buffer.alloc(0)),
    ]);
    await expect(app.services.media.upload({ content: bomb, originalName: 'bomb.png' }, author)).rejects.toMatchObject({ code: 'MEDIA_TOO_MANY_PIXELS' });
  });

  it('stops reading a stream as soon as it passes the limit, and stores nothing', async () => {
    const before = filesUnder(uploadsDir()).length;
    let produced = 0;
    async function* endless() {
      const chunk = Buffer.alloc(1024 * 1024, 1);
      for (;;) {
        produced += chunk.length;
        yield chunk;
      }
    }
    await expect(app.services.media.upload({ content: Readable.from(endless()), originalName: 'big.png' }, author))
      .rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE', message: 'The file is larger than 10 MB, the limit.' });
    expect(produced).toBeLessThan(13 * 1024 * 1024);
    expect(filesUnder(uploadsDir()).length).toBe(before);
    await expect(app.services.media.upload({ content: Buffer.alloc(1), originalName: 'x.png', declaredSize: 50 * 1024 * 1024 }, author))
      .rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE', message: 'The file is 50 MB; the limit is 10 MB.' });
  });
});

describe('describing and deleting', () => {
  it('builds srcset from the original and its bounded copies, not the cropped thumbnail', async () => {
    const media = await app.services.media.upload({ content: await makeImage(1200, 600), originalName: 'wide.png' }, author);
    const sources = imageSrcset({ ...media, altText: 'A wide picture' });
    const month = path.dirname(media.filePath ?? '');
    expect(sources).toEqual({
      src: `/uploads/${month}/wide.png`,
      srcset: `/uploads/${month}/wide-300x150.png 300w, /uploads/${month}/wide-1024x512.png 1024w, /uploads/${month}/wide.png 1200w`,
      sizes: '(max-width: 1200px) 100vw, 1200px',
      width: 1200, height: 600, alt: 'A wide picture',
    });
  });

  it('lets the uploader change the alt text, refuses another author and fields too long', async () => {
    const media = await app.services.media.upload({ content: await makeImage(10, 10), originalName: 'alt.png' }, author);
    const updated = await app.services.media.update(media.id, { altText: '  A red square  ' }, author);
    expect(updated.altText).toBe('A red square');
    const other = await buildAuthor(app);
    await expect(app.services.media.update(media.id, { altText: 'mine' }, other)).rejects.toMatchObject({ code: 'MEDIA_FORBIDDEN' });
    await expect(app.services.media.update(media.id, { caption: 'x'.repeat(2001) }, author)).rejects.toMatchObject({ code: 'MEDIA_INVALID' });
    expect((await app.services.media.findById(media.id))?.altText).toBe('A red square');
  });

  it('deletes the row, every file, and the featured image of posts that used it', async () => {
    const media = await app.services.media.upload({ content: await makeImage(500, 500), originalName: 'gone.png' }, author);
    const post = await buildPost(app, { author });
    await app.db.kysely.updateTable('posts').set({ featuredMediaId: media.id }).where('id', '=', post.id).execute();
    const files = [media.filePath ?? '', ...media.variants.map((v) => v.filePath)].map((f) => path.join(uploadsDir(), f));
    expect(files.every((f) => fs.existsSync(f))).toBe(true);
    await app.services.media.remove(media.id, author);
    expect(files.some((f) => fs.existsSync(f))).toBe(false);
    expect(await app.services.media.findById(media.id)).toBeUndefined();
    expect((await app.services.posts.findById(post.id))?.featuredMediaId).toBeNull();
  });

  it('serves only files the table knows, never outside the uploads folder', async () => {
    const media = await app.services.media.upload({ content: await makeImage(400, 400), originalName: 'served.png' }, author);
    expect(await app.services.media.servedFile(media.filePath ?? '')).toMatchObject({ mimeType: 'image/png' });
    expect(await app.services.media.servedFile(media.variants[0]?.filePath ?? '')).toMatchObject({ mimeType: 'image/png' });
    for (const bad of ['../secret.key', `${path.dirname(media.filePath ?? '')}/nothing.png`, '.tmp/x.part', '/etc/passwd']) {
      expect(await app.services.media.servedFile(bad)).toBeUndefined();
    }
  });
});
