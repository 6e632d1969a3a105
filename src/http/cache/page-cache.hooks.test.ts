// The page cache hooks on a bare Fastify with made-up routes: the rules about what may be shared and kept.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { installPageCache } from './page-cache.hooks.js';
import { createPageCache } from './page-cache.js';
import { markPersonal, tagResponse } from './tags.js';

let synchronized = true;
let app: FastifyInstance | undefined;

/** A server with one public HTML route whose handler does `handle` before sending a page. */
function serverWith(handle: (reply: FastifyReply) => void): FastifyInstance {
  const server = Fastify();
  installPageCache(server, { cache: createPageCache(), isSynchronized: () => synchronized });
  let renders = 0;
  server.get('/page/', { config: { access: 'public' } }, async (_request, reply) => {
    handle(reply);
    return reply.type('text/html; charset=utf-8').send(`<p>render ${++renders}</p>`);
  });
  app = server;
  return server;
}

const twice = async (server: FastifyInstance) => {
  const first = await server.inject('/page/');
  const second = await server.inject('/page/');
  return [first, second] as const;
};

afterEach(async () => {
  synchronized = true;
  await app?.close();
});

describe('the page cache hooks', () => {
  it('keep a tagged public page', async () => {
    const [first, second] = await twice(serverWith((reply) => tagResponse(reply, ['site'])));
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(second.body).toBe('<p>render 1</p>');
  });

  it.each([
    ['carries no tag (it could never be purged)', () => {}],
    ['is marked personal (a form with this browser’s token)', (reply: FastifyReply) => (tagResponse(reply, ['site']), markPersonal(reply))],
    ['sets a cookie', (reply: FastifyReply) => (tagResponse(reply, ['site']), reply.header('set-cookie', 'a=b'))],
    ['says how it may be cached itself', (reply: FastifyReply) => (tagResponse(reply, ['site']), reply.header('cache-control', 'no-store'))],
  ])('never keep or share a page that %s', async (_, handle) => {
    const [first, second] = await twice(serverWith(handle));
    expect(second.body).toBe('<p>render 2</p>');
    for (const response of [first, second]) {
      expect(response.headers['x-cache']).toBe('BYPASS');
      expect(response.headers['cache-control']).not.toContain('public');
      expect(response.headers['surrogate-key']).toBeUndefined();
    }
  });

  it('neither read nor fill the cache while other processes’ changes may be missed', async () => {
    const server = serverWith((reply) => tagResponse(reply, ['site']));
    await server.inject('/page/');
    synchronized = false;
    const whileDown = await server.inject('/page/');
    const stillDown = await server.inject('/page/');
    expect([whileDown.headers['x-cache'], stillDown.body]).toEqual(['BYPASS', '<p>render 3</p>']);
    synchronized = true;
    expect((await server.inject('/page/')).headers['x-cache']).toBe('HIT');
  });

  it('leave non-GET requests alone', async () => {
    const server = serverWith((reply) => tagResponse(reply, ['site']));
    server.post('/form/', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/html').send('<p>posted</p>'));
    const response = await server.inject({ method: 'POST', url: '/form/' });
    expect([response.headers['x-cache'], response.headers.etag]).toEqual([undefined, undefined]);
  });
});
