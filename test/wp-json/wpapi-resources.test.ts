// The npm `wpapi` client against a listening Quire, as a WordPress tool would run it: a category made with
// .auth({ username, password }), an anonymous comment through the form's pipeline, and its moderation.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WPAPI, { type ResourceRoutes } from 'wpapi';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost } from '../support/factories.js';

/** A port nobody listens on now: the site's public URL must name it before the app is built. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface CommentJson {
  readonly id: number;
  readonly status: string;
  readonly author_name: string;
}

let app: TestApp;
let clock: MutableClock;
let base: string;
let credentials: { username: string; password: string };
let post: Post;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  clock = mutableClock('2026-06-01T12:00:00.000Z');
  app = await createTestApp({ clock, config: { publicUrl: base } });
  await app.server.listen({ port, host: '127.0.0.1' });
  const editor = await buildAuthor(app, { role: 'editor' });
  credentials = { username: editor.login, password: (await app.services.appPasswords.create(editor.id, 'wpapi')).password };
  post = await buildPost(app, { title: 'Talk to me' });
});
afterAll(() => app.close());

const wp = (): ResourceRoutes => new WPAPI({ endpoint: `${base}/wp-json` }) as WPAPI & ResourceRoutes;

describe('wpapi writing categories and comments', () => {
  it('creates a category with .auth(), and is refused without it', async () => {
    const created = (await wp().categories().auth(credentials).create({ name: 'Made by a client', description: 'Over HTTP.' })) as { id: number; slug: string };
    expect(created).toMatchObject({ slug: 'made-by-a-client' });
    expect((await wp().categories().id(created.id).get()) as object).toMatchObject({ name: 'Made by a client', description: 'Over HTTP.' });
    await expect(wp().categories().create({ name: 'Nobody' })).rejects.toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
    await expect(wp().categories().auth({ ...credentials, password: 'wrong' }).create({ name: 'Wrong' })).rejects.toMatchObject({ code: 'incorrect_password' });
  });

  it('posts an anonymous comment with the form stamp, then a moderator approves it and it is listed', async () => {
    const { stamp } = (await (await fetch(`${base}/comments/stamp?post=${post.id}`)).json()) as { stamp: string };
    clock.advance(10_000);
    const created = (await wp().comments().create({
      post: post.id, content: 'Hello from a client.', author_name: 'Client Reader', author_email: 'client@example.com', quire_stamp: stamp,
    })) as CommentJson;
    expect(created).toMatchObject({ status: 'hold', author_name: 'Client Reader' });
    expect((await wp().comments().param('post', post.id).get()) as CommentJson[]).toEqual([]);

    const approved = (await wp().comments().auth(credentials).id(created.id).update({ status: 'approved' })) as CommentJson;
    expect(approved.status).toBe('approved');
    const listed = (await wp().comments().param('post', post.id).get()) as CommentJson[];
    expect(listed.map((c) => c.id)).toEqual([created.id]);

    const spam = (await wp().comments().auth(credentials).id(created.id).update({ status: 'spam' })) as CommentJson;
    expect(spam.status).toBe('spam');
    expect((await wp().comments().param('post', post.id).get()) as CommentJson[]).toEqual([]);
  });

  it('hears the flood refusal in WordPress’s words', async () => {
    clock.advance(60 * 60 * 1000);
    const send = async (content: string) => {
      const { stamp } = (await (await fetch(`${base}/comments/stamp?post=${post.id}`)).json()) as { stamp: string };
      clock.advance(5_000);
      return wp().comments().create({ post: post.id, content, author_name: 'Fast', author_email: 'fast@example.com', quire_stamp: stamp });
    };
    await send('One.');
    await expect(send('Two.')).rejects.toMatchObject({ code: 'comment_flood', data: { status: 429 } });
  });
});
