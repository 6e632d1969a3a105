// The page cache in the request lifecycle: onRequest serves hits; onSend keeps misses and sets the HTTP caching headers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PERSONAL_COOKIES } from '../cookie-names.js';
import { negotiateEncoding } from './encoding.js';
import { etagForEncoding, etagOf, isNotModified } from './etag.js';
import type { CachedPage, PageCache } from './page-cache.js';
import { isPersonalResponse, tagsOfResponse } from './tags.js';

export interface PageCacheHttp {
  /** undefined when QUIRE_PAGE_CACHE=off: the headers still serve browsers and CDNs, nothing is kept here. */
  readonly cache: PageCache | undefined;
  /** False while this process may be missing other processes' changes: the cache is then neither read nor filled. */
  readonly isSynchronized: () => boolean;
}

/** Shared caches (a CDN) keep a page five minutes and serve it a minute longer while they refetch it; browsers always revalidate. */
export const SHARED_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=60';
/** Pages made for one visitor: their browser may keep them and must revalidate; nobody else may. */
export const PERSONAL_CACHE_CONTROL = 'private, no-cache';
/** Error pages: a 404 can become a post at any moment, and no purge reaches a page that was never tagged. */
export const ERROR_CACHE_CONTROL = 'no-store';
/** A page rendered while something it shows changed: right for this reader, not to be kept by anyone. */
const RACED_CACHE_CONTROL = 'no-cache';

// Replayed on a hit; security headers and the like are set again by their own hooks.
const KEPT_HEADERS = ['content-type', 'content-language', 'link', 'x-robots-tag', 'last-modified'];
const PAGE_TYPES = /^(?:text\/html|text\/xml|application\/(?:[\w.-]+\+)?(?:xml|json))(?:;|$)/i;
// Health reports live state; setup pages carry a one-time token.
const NEVER_SHARED = /^\/(?:healthz(?:$|\?)|setup\/)/;

interface RequestState {
  /** Any anonymous reader may be given the same bytes: a public GET or HEAD without personal cookies. */
  readonly shared: boolean;
  /** The cache is on and trusted for this request. */
  readonly useCache: boolean;
  /** The purge sequence when the request began, before it read anything. */
  readonly since: number;
  hit: boolean;
}

export function hasPersonalCookie(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(';').some((pair) => PERSONAL_COOKIES.includes(pair.split('=', 1)[0]?.trim() ?? ''));
}

function classify(request: FastifyRequest, deps: PageCacheHttp): RequestState {
  const shared =
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.routeOptions.config?.access === 'public' &&
    !NEVER_SHARED.test(request.url) &&
    !hasPersonalCookie(request.headers.cookie);
  const useCache = shared && deps.cache !== undefined && deps.isSynchronized();
  return { shared, useCache, since: deps.cache?.sequence() ?? 0, hit: false };
}

function setSharedHeaders(reply: FastifyReply, tags: readonly string[], status: 'HIT' | 'MISS' | 'BYPASS', varies: boolean): void {
  reply.header('Cache-Control', SHARED_CACHE_CONTROL);
  reply.header('Surrogate-Key', tags.join(' '));
  reply.header('Cache-Tag', tags.join(','));
  reply.header('X-Cache', status);
  if (varies) {
    const vary = reply.getHeader('vary');
    reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  }
}

function conditionsOf(request: FastifyRequest) {
  return { ifNoneMatch: request.headers['if-none-match'], ifModifiedSince: request.headers['if-modified-since'] };
}

function lastModifiedOf(reply: FastifyReply): string | undefined {
  const value = reply.getHeader('last-modified');
  return value === undefined ? undefined : String(value);
}

function notModified(reply: FastifyReply): null {
  reply.code(304);
  reply.removeHeader('content-length');
  return null;
}

async function serveHit(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cache: PageCache): Promise<void> {
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  reply.headers(page.headers);
  setSharedHeaders(reply, page.tags, 'HIT', true);
  reply.header('ETag', etagForEncoding(page.etag, encoding));
  if (isNotModified(conditionsOf(request), page.etag, page.headers['last-modified'])) {
    reply.code(304).send();
    return;
  }
  if (encoding === 'identity') {
    reply.code(200).send(page.body);
    return;
  }
  const body = await cache.variant(page, encoding);
  reply.code(200).header('Content-Encoding', encoding).send(body);
}

function isShareable(request: FastifyRequest, reply: FastifyReply, state: RequestState, tags: readonly string[]): boolean {
  // An untagged page could never be purged: it is not shared at all (fail closed).
  return (
    state.shared &&
    tags.length > 0 &&
    !reply.hasHeader('set-cookie') &&
    !reply.hasHeader('cache-control') &&
    !isPersonalResponse(request)
  );
}

function sendShared(request: FastifyRequest, reply: FastifyReply, state: RequestState, body: Buffer, cache: PageCache | undefined) {
  const tags = tagsOfResponse(request);
  if (cache && cache.wasPurgedSince(tags, state.since)) {
    const etag = etagOf(body);
    reply.header('Cache-Control', RACED_CACHE_CONTROL).header('X-Cache', 'MISS').header('ETag', etag);
    return isNotModified(conditionsOf(request), etag, lastModifiedOf(reply)) ? notModified(reply) : body;
  }
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (reply.hasHeader(name) ? [[name, String(reply.getHeader(name))]] : [])));
  const page = cache?.set(request.url, { headers, body, tags }, state.since);
  setSharedHeaders(reply, tags, cache ? 'MISS' : 'BYPASS', page !== undefined);
  const etag = page?.etag ?? etagOf(body);
  const encoding = page ? negotiateEncoding(request.headers['accept-encoding']) : 'identity';
  reply.header('ETag', etagForEncoding(etag, encoding));
  if (isNotModified(conditionsOf(request), etag, lastModifiedOf(reply))) return notModified(reply);
  if (!page || !cache || encoding === 'identity') return body;
  reply.header('Content-Encoding', encoding);
  return cache.variant(page, encoding);
}

function sendPersonal(request: FastifyRequest, reply: FastifyReply, body: Buffer) {
  if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', PERSONAL_CACHE_CONTROL);
  reply.header('X-Cache', 'BYPASS');
  if (!reply.hasHeader('etag')) reply.header('ETag', etagOf(body));
  return isNotModified(conditionsOf(request), String(reply.getHeader('etag')), lastModifiedOf(reply)) ? notModified(reply) : body;
}

export function installPageCache(app: FastifyInstance, deps: PageCacheHttp): void {
  const states = new WeakMap<FastifyRequest, RequestState>();

  app.addHook('onRequest', async (request, reply) => {
    const state = classify(request, deps);
    states.set(request, state);
    const page = state.useCache ? deps.cache?.get(request.url) : undefined;
    if (!page || !deps.cache) return;
    state.hit = true;
    await serveHit(request, reply, page, deps.cache);
    return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = states.get(request);
    if (!state || state.hit || (request.method !== 'GET' && request.method !== 'HEAD')) return payload;
    if (!PAGE_TYPES.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : undefined;
    if (!body) return payload;
    if (reply.statusCode !== 200) {
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', ERROR_CACHE_CONTROL);
      reply.header('X-Cache', state.useCache ? 'MISS' : 'BYPASS');
      return payload;
    }
    if (isShareable(request, reply, state, tagsOfResponse(request))) {
      return sendShared(request, reply, state, body, state.useCache ? deps.cache : undefined);
    }
    return sendPersonal(request, reply, body);
  });
}
