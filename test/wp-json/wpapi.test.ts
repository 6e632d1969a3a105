// A real WordPress client, the npm `wpapi` 1.2.2, against a listening Quire: discovery, paging, _embed, and an
// authenticated create/update/delete with an application password, as an existing WordPress tool would run them.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WPAPI, { type Collection } from 'wpapi';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPost } from '../support/factories.js';

/** A port nobody listens on now: the site's public URL must name it before the app is built. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface PostJson {
  readonly id: number;
  readonly author: number;
  readonly status: string;
  readonly title: { readonly rendered: string; readonly raw?: string };
  readonly _embedded: { readonly author: { readonly id: number }[]; readonly 'wp:term': { readonly name: string }[][] };
}

const titles = (posts: readonly PostJson[]) => posts.map((p) => p.title.rendered);

let app: TestApp;
let base: string;
let password: string;
let login: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ config: { publicUrl: base } });
  await app.server.listen({ port, host: '127.0.0.1' });
  const author = await buildAuthor(app, { role: 'editor' });
  login = author.login;
  password = (await app.services.appPasswords.create(author.id, 'wpapi')).password;
  const category = await buildCategory(app, { name: 'Client news' });
  for (let n = 1; n <= 5; n += 1) {
    await buildPost(app, { author, title: `Client post ${n}`, publishedAt: `2026-02-0${n}T08:00:00Z`, categories: [category] });
  }
});
afterAll(() => app.close());

describe('wpapi against Quire', () => {
  it('discovers the API from the site\'s address', async () => {
    const site = await WPAPI.discover(`${base}/`);
    const posts = (await site.posts().get()) as PostJson[];
    expect(titles(posts)).toContain('Client post 5');
  });

  it('pages with perPage(2).page(2) and reads the paging headers', async () => {
    const wp = new WPAPI({ endpoint: `${base}/wp-json` });
    const page = (await wp.posts().perPage(2).page(2).get()) as Collection<PostJson>;
    expect(titles(page)).toEqual(['Client post 3', 'Client post 2']);
    expect(page._paging.total).toBe(5);
    expect(page._paging.totalPages).toBe(3);
    expect(page._paging.next).toBeDefined();
    expect(page._paging.prev).toBeDefined();
  });

  it('embeds the author and the terms with .embed()', async () => {
    const wp = new WPAPI({ endpoint: `${base}/wp-json` });
    const [post] = (await wp.posts().perPage(1).embed().get()) as PostJson[];
    expect(post?._embedded.author[0]?.id).toBe(post?.author);
    expect(post?._embedded['wp:term'][0]?.map((term) => term.name)).toEqual(['Client news']);
  });

  it('creates, updates and deletes a post with an application password', async () => {
    const wp = new WPAPI({ endpoint: `${base}/wp-json`, username: login, password });
    const created = (await wp.posts().create({ title: 'From a client', content: '<p>Written elsewhere.</p>', status: 'draft' })) as PostJson;
    expect(created).toMatchObject({ title: { raw: 'From a client' }, status: 'draft' });
    const updated = await wp.posts().id(created.id).update({ title: 'From a client, edited', status: 'publish' });
    expect(updated).toMatchObject({ title: { raw: 'From a client, edited' }, status: 'publish' });
    const trashed = (await wp.posts().id(created.id).delete()) as PostJson;
    expect(trashed.status).toBe('trash');
    const deleted = await wp.posts().id(created.id).param('force', true).delete();
    expect(deleted).toMatchObject({ deleted: true, previous: { id: created.id } });
    await expect(new WPAPI({ endpoint: `${base}/wp-json` }).posts().id(created.id).get()).rejects.toMatchObject({ code: 'rest_post_invalid_id' });
  });

  it('is refused without credentials, in WordPress\'s words', async () => {
    const wp = new WPAPI({ endpoint: `${base}/wp-json` });
    await expect(wp.posts().create({ title: 'Nobody' })).rejects.toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
  });
});
