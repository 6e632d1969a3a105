// GET /comments/live/:postId: newly approved comments of a post as Server-Sent Events, for the pages open on it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { areCommentsOpen } from '../../features/comments/index.js';
import { type Post, postPermalinkPath } from '../../features/posts/index.js';
import { AppError } from '../../kernel/errors.js';
import type { ReplyMode } from '../../../themes/view-models.js';
import { currentUser } from '../auth/current-user.js';
import { signInUrl } from '../auth/redirect.js';
import type { HttpDeps } from '../deps.js';
import { type LiveClient, createLiveCommentsHub, isLivePost } from './live-comments.hub.js';
import { pageNotFound } from '../links/paths.js';

export const LIVE_COMMENTS_PATH = '/comments/live/:postId';

export interface LiveCommentLimits {
  /** Open streams one process serves; more get 503 (each holds a socket and a little memory). */
  readonly maxStreams: number;
  /** Open streams from one address; more get 429 (a page opens one: ten is many tabs). */
  readonly maxStreamsPerIp: number;
  /** A comment line sent this often keeps proxies and browsers from timing the stream out. */
  readonly heartbeatMs: number;
  /** A reader this far behind (bytes waiting) is dropped; its browser reconnects and resumes. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_LIVE_COMMENT_LIMITS: LiveCommentLimits = {
  maxStreams: 1000,
  maxStreamsPerIp: 10,
  heartbeatMs: 25_000,
  maxBufferedBytes: 1024 * 1024,
};

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry:` field). */
const RETRY_MS = 5000;
const MAX_ID = 2_147_483_647;

function idOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^(0|[1-9]\d{0,9})$/.test(value) || Number(value) > MAX_ID) return undefined;
  return Number(value);
}

function busy(retryAfter: number): AppError {
  return new AppError({
    code: 'LIVE_COMMENTS_BUSY',
    kind: 'unavailable',
    message: 'Too many readers are following comments live right now. Reload the page in a minute to see new comments.',
    details: { retryAfter },
  });
}

function tooManyStreams(retryAfter: number): AppError {
  return new AppError({
    code: 'LIVE_COMMENTS_LIMITED',
    kind: 'rate_limited',
    message: 'This address follows comments live on too many pages at once. Close some of them, or reload the page later.',
    details: { retryAfter },
  });
}

export function registerLiveCommentRoutes(app: FastifyInstance, deps: HttpDeps, limits: LiveCommentLimits = DEFAULT_LIVE_COMMENT_LIMITS): void {
  const hub = createLiveCommentsHub(deps, deps.events, (error) => app.log.error({ err: error }, 'live comments: reading the thread failed'));
  const perIp = new Map<string, number>();
  const heartbeats = new Set<() => void>();
  let heartbeat: NodeJS.Timeout | undefined;

  // preClose, not onClose: the server waits for open connections before onClose hooks run, and a stream never ends by itself.
  app.addHook('preClose', async () => {
    hub.endAll();
  });

  /** How the reader's reply links show, as on the page they have open. */
  async function replyModeOf(request: FastifyRequest, post: Post): Promise<ReplyMode> {
    const settings = await deps.services.settings.get();
    if (!areCommentsOpen(post, settings, deps.clock.now())) return { kind: 'none' };
    if (settings.commentRequireRegistration && !(await currentUser(request, deps.services))) {
      return { kind: 'sign-in', href: signInUrl(`${postPermalinkPath(post, settings.permalinkStructure)}#respond`) };
    }
    return { kind: 'reply' };
  }

  function startHeartbeat(ping: () => void): () => void {
    heartbeats.add(ping);
    heartbeat ??= setInterval(() => {
      for (const beat of heartbeats) beat();
    }, limits.heartbeatMs).unref();
    return () => {
      heartbeats.delete(ping);
      if (heartbeats.size === 0 && heartbeat) {
        clearInterval(heartbeat);
        heartbeat = undefined;
      }
    };
  }

  app.get<{ Params: { postId: string }; Querystring: Record<string, unknown> }>(
    LIVE_COMMENTS_PATH,
    { config: { access: 'public' } },
    async (request, reply) => {
      const postId = idOf(request.params.postId);
      const post = postId === undefined || postId === 0 ? undefined : await deps.services.posts.findById(postId);
      if (!post || !isLivePost(post)) throw pageNotFound();
      const replyMode = await replyModeOf(request, post);
      // The browser's Last-Event-ID when it reconnects; ?after= when the page says which comments it has.
      const lastEventId = request.headers['last-event-id'];
      const afterId = idOf(typeof lastEventId === 'string' ? lastEventId.trim() : request.query.after);
      const ip = request.ip;
      if (hub.size() >= limits.maxStreams) throw withRetryAfter(reply, busy(60));
      if ((perIp.get(ip) ?? 0) >= limits.maxStreamsPerIp) throw withRetryAfter(reply, tooManyStreams(60));
      openStream(request, reply, post, replyMode, afterId);
    },
  );

  function openStream(request: FastifyRequest, reply: FastifyReply, post: Post, replyMode: ReplyMode, afterId: number | undefined): void {
    const ip = request.ip;
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    let ended = false;
    let closeHub: (() => void) | undefined;
    let stopHeartbeat: (() => void) | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      stopHeartbeat?.();
      closeHub?.();
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
      raw.end();
    };
    const write = (chunk: string) => {
      if (ended) return;
      raw.write(chunk);
      if (raw.writableLength > limits.maxBufferedBytes) end();
    };
    raw.on('close', end);
    request.raw.on('close', end);
    write(`retry: ${RETRY_MS}\n: live comments of post ${post.id}\n\n`);
    // HEAD asks for the headers only: a stream that sends nothing would stay open for nothing.
    if (request.method === 'HEAD') return end();
    stopHeartbeat = startHeartbeat(() => write(': ping\n\n'));
    const client: LiveClient = { replyMode, write, end };
    hub.open(post, client, afterId).then(
      (close) => {
        if (ended) close();
        else closeHub = close;
      },
      (error: unknown) => {
        request.log.error({ err: error }, 'live comments: the stream could not start');
        end();
      },
    );
  }
}

function withRetryAfter(reply: FastifyReply, error: AppError): AppError {
  const retryAfter = error.details?.retryAfter;
  reply.header('Retry-After', String(typeof retryAfter === 'number' ? retryAfter : 60));
  return error;
}
