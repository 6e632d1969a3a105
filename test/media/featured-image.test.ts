// A post's featured image on its public page: every size in srcset, its alt text and caption; gone with the item.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { get } from '../support/session.js';
import { makeImage } from './images.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.close());

it('shows the featured image with srcset, alt text and caption, and nothing once the item is deleted', async () => {
  const author = await buildAuthor(app);
  const media = await app.services.media.upload({ content: await makeImage(1200, 800, 'jpeg'), originalName: 'cover.jpg' }, author);
  await app.services.media.update(media.id, { altText: 'A "quoted" <cover>', caption: 'Photo: me' }, author);
  const post = await buildPost(app, { author, featuredMediaId: media.id });
  const $ = parseHtml((await get(app, permalinkOf(post))).body);
  const img = $('article figure.entry-featured img');
  expect(img.attr('alt')).toBe('A "quoted" <cover>');
  expect(img.attr('srcset')).toMatch(/cover-300x200\.jpg 300w, .*cover-1024x683\.jpg 1024w, .*cover\.jpg 1200w$/);
  expect([img.attr('width'), img.attr('height')]).toEqual(['1200', '800']);
  expect($('figure.entry-featured figcaption').text()).toBe('Photo: me');

  await app.services.media.remove(media.id, author);
  expect(parseHtml((await get(app, permalinkOf(post))).body)('figure.entry-featured')).toHaveLength(0);
});
