// GET /comments/live/:postId on a real socket: approved comments arrive as Server-Sent Events with the page's HTML,
// held ones only once approved; Last-Event-ID resumes; caps, 404s, and a closing server end every stream.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildComment, buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { type SseEvent, type SseStream, openSse } from '../support/sse.js';

interface CommentEvent {
  readonly id: number;
  readonly parentId: number | null;
  readonly html: string;
}

function commentOf(event: SseEvent): CommentEvent {
  expect(event.event).toBe('comment');
  const data = JSON.parse(event.data) as CommentEvent;
  expect(event.id).toBe(String(data.id));
  return data;
}

async function listen(app: TestApp): Promise<string> {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
}

describe('live comments (Server-Sent Events)', () => {
  let app: TestApp;
  let baseUrl: string;
  const open: SseStream[] = [];
  // Each test reads from an address of its own (127.0.0.0/8): the streams others leave open count per address.
  let localAddress = '127.0.0.1';
  let testNumber = 1;
  beforeEach(() => {
    localAddress = `127.0.0.${++testNumber}`;
  });

  async function follow(post: Pick<Post, 'id'>, headers: Record<string, string> = {}, query = ''): Promise<SseStream> {
    const stream = await openSse(`${baseUrl}/comments/live/${post.id}${query}`, { headers, localAddress });
    open.push(stream);
    return stream;
  }

  beforeAll(async () => {
    app = await createTestApp();
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    await app.close();
  });

  it('sends a newly approved comment as an event whose HTML is the <li> the post page shows', async () => {
    const post = await buildPost(app);
    const stream = await follow(post);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(stream.headers['x-accel-buffering']).toBe('no');

    const id = await buildComment(app, post, { authorName: 'Ada <Lovelace>', source: 'Live *and* well.' });
    const comment = commentOf(await stream.next());
    expect(comment).toMatchObject({ id, parentId: null });
    const $ = parseHtml(comment.html);
    expect($(`li#comment-${id} .fn`).text()).toBe('Ada <Lovelace>');
    expect($(`li#comment-${id} .comment-content em`).text()).toBe('and');

    const page = parseHtml((await app.server.inject({ url: permalinkOf(post) })).body);
    expect($.html($(`li#comment-${id}`))).toBe(page.html(page(`li#comment-${id}`)));
  });

  it('sends a reply with the id of the comment it answers, after its parent', async () => {
    const post = await buildPost(app);
    const parent = await buildComment(app, post);
    const stream = await follow(post);
    const reply = await buildComment(app, post, { parentId: parent });
    expect(commentOf(await stream.next())).toMatchObject({ id: reply, parentId: parent });
    expect(await stream.drain(100)).toEqual([]);
  });

  it('keeps a held comment off the stream until a moderator approves it', async () => {
    const post = await buildPost(app);
    const stream = await follow(post);
    const held = await buildComment(app, post, { status: 'pending', source: 'Held for now.' });
    const spam = await buildComment(app, post, { status: 'spam', source: 'Buy now.' });
    // Another approved comment makes the stream read the thread again: the held one still is not sent.
    const approved = await buildComment(app, post);
    expect(commentOf(await stream.next()).id).toBe(approved);
    expect(await stream.drain(150)).toEqual([]);

    await app.services.comments.setStatus(held, 'approved');
    const comment = commentOf(await stream.next());
    expect(comment.id).toBe(held);
    expect(parseHtml(comment.html)('.comment-awaiting-moderation').length).toBe(0);
    expect(await stream.drain(100)).toEqual([]);
    expect(spam).toBeGreaterThan(0);
  });

  it('sends each comment once, however many changes are announced', async () => {
    const post = await buildPost(app);
    const stream = await follow(post);
    const id = await buildComment(app, post);
    for (let i = 0; i < 3; i++) app.events.publish({ type: 'comment', postId: post.id });
    expect(commentOf(await stream.next()).id).toBe(id);
    expect(await stream.drain(150)).toEqual([]);
  });

  it('resumes after Last-Event-ID with the comments approved since, oldest first, and nothing older', async () => {
    const post = await buildPost(app);
    const seen = await buildComment(app, post);
    const missed = [await buildComment(app, post), await buildComment(app, post)];
    const stream = await follow(post, { 'Last-Event-ID': String(seen) });
    expect([commentOf(await stream.next()).id, commentOf(await stream.next()).id]).toEqual(missed);
    expect(await stream.drain(100)).toEqual([]);
    // ?after= is the same for a page that says which comments it has (the header wins when both come).
    const fromPage = await follow(post, {}, `?after=${missed[0]}`);
    expect(commentOf(await fromPage.next()).id).toBe(missed[1]);
    const both = await follow(post, { 'Last-Event-ID': String(missed[1]) }, `?after=${seen}`);
    expect(await both.drain(100)).toEqual([]);
  });

  it('without Last-Event-ID sends only what is approved after it opened', async () => {
    const post = await buildPost(app);
    await buildComment(app, post);
    const stream = await follow(post);
    expect(await stream.drain(100)).toEqual([]);
    const later = await buildComment(app, post);
    expect(commentOf(await stream.next()).id).toBe(later);
  });

  it('shows no "Reply" in the HTML when the post takes no more comments', async () => {
    const closed = await buildPost(app, { commentStatus: 'closed' });
    const openPost = await buildPost(app);
    const [closedStream, openStream] = [await follow(closed), await follow(openPost)];
    await buildComment(app, closed);
    await buildComment(app, openPost);
    expect(parseHtml(commentOf(await closedStream.next()).html)('a.comment-reply-link').length).toBe(0);
    expect(parseHtml(commentOf(await openStream.next()).html)('a.comment-reply-link').length).toBe(1);
  });

  it('answers 404 for a post that does not exist or is not public, and for a page', async () => {
    const draft = await buildPost(app, { status: 'draft' });
    const page = await buildPage(app);
    for (const id of ['999999', String(draft.id), String(page.id), 'abc', '0', '99999999999']) {
      const response = await app.server.inject({ url: `/comments/live/${id}` });
      expect(response.statusCode, id).toBe(404);
      expect(response.headers['content-type'], id).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], id).toBe('no-store');
    }
  });

  it('answers HEAD with the headers of a stream, and ends at once', async () => {
    const post = await buildPost(app);
    const response = await app.server.inject({ method: 'HEAD', url: `/comments/live/${post.id}`, remoteAddress: localAddress });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  it('ends the streams of a post moved to the trash', async () => {
    const post = await buildPost(app);
    const stream = await follow(post);
    expect(stream.status).toBe(200);
    await app.services.posts.moveToTrash(post.id);
    await stream.ended;
    const again = await follow(post);
    expect(again.status).toBe(404);
  });
});

describe('live comments: limits and closing', () => {
  it('refuses an eleventh stream from one address with 429 and Retry-After, and takes one again when a stream closes', async () => {
    // An app of its own: the streams other tests leave open come from the same address.
    const app = await createTestApp();
    const baseUrl = await listen(app);
    const post = await buildPost(app);
    const streams: SseStream[] = [];
    for (let i = 0; i < 10; i++) streams.push(await openSse(`${baseUrl}/comments/live/${post.id}`));
    expect(streams.map((s) => s.status)).toEqual(Array(10).fill(200));
    const refused = await openSse(`${baseUrl}/comments/live/${post.id}`);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body).toContain('too many pages at once');

    streams[0]?.close();
    await streams[0]?.ended;
    // The server sees the socket close a moment after the client does.
    let again = await openSse(`${baseUrl}/comments/live/${post.id}`);
    for (let tries = 0; again.status !== 200 && tries < 20; tries++) {
      await new Promise((done) => setTimeout(done, 25));
      again = await openSse(`${baseUrl}/comments/live/${post.id}`);
    }
    expect(again.status).toBe(200);
    for (const stream of [...streams, again]) stream.close();
    await app.close();
  });
  it('refuses the 1,001st stream of a process with 503 and Retry-After', async () => {
    const app = await createTestApp();
    const streams: SseStream[] = [];
    try {
      const baseUrl = await listen(app);
      const post = await buildPost(app);
      const url = `${baseUrl}/comments/live/${post.id}`;
      // Ten streams from each of a hundred loopback addresses: the per-address cap is never what refuses.
      for (let host = 0; host < 100; host++) {
        const localAddress = `127.0.1.${host + 1}`;
        streams.push(...(await Promise.all(Array.from({ length: 10 }, () => openSse(url, { localAddress })))));
      }
      expect(streams.filter((s) => s.status === 200)).toHaveLength(1000);
      const refused = await openSse(url, { localAddress: '127.0.2.1' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('60');
      // Every stream still gets what is new.
      const id = await buildComment(app, post);
      const last = streams.at(-1);
      expect(last && JSON.parse((await last.next()).data)).toMatchObject({ id });
    } finally {
      for (const stream of streams) stream.close();
      await app.close();
    }
  }, 60_000);

  it('sends a comment line every 25 s, so that proxies keep a quiet stream open', async () => {
    const app = await createTestApp();
    try {
      const baseUrl = await listen(app);
      const post = await buildPost(app);
      // Only the intervals are faked (the heartbeat is one, started by the first stream): sockets run as usual.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const stream = await openSse(`${baseUrl}/comments/live/${post.id}`);
      expect(stream.comments).not.toContain('ping');
      vi.advanceTimersByTime(25_000);
      await vi.waitFor(() => expect(stream.comments.filter((c) => c === 'ping')).toHaveLength(1), { interval: 10, timeout: 2000 });
      vi.advanceTimersByTime(25_000);
      await vi.waitFor(() => expect(stream.comments.filter((c) => c === 'ping')).toHaveLength(2), { interval: 10, timeout: 2000 });
      stream.close();
    } finally {
      vi.useRealTimers();
      await app.close();
    }
  });

  it('ends every open stream, so that closing never waits for readers', async () => {
    const app = await createTestApp();
    const baseUrl = await listen(app);
    const post = await buildPost(app);
    const streams = [await openSse(`${baseUrl}/comments/live/${post.id}`), await openSse(`${baseUrl}/comments/live/${post.id}`)];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const closing = app.close();
    await expect(Promise.race([closing.then(() => 'closed'), new Promise((done) => setTimeout(done, 5000, 'hung'))])).resolves.toBe('closed');
    await Promise.all(streams.map((s) => s.ended));
  });
});
