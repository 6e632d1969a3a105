// What a response shows, as cache tags: handlers name them, the page cache and CDNs purge by them.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The frame of every themed page: settings, menu of pages, recent posts, categories with counts, archive months. */
export const SITE_TAG = 'site';
export const postTag = (postId: number) => `post:${postId}`;
export const termTag = (termId: number) => `term:${termId}`;
export const authorTag = (userId: number) => `author:${userId}`;
/** Whatever lists comments across posts (the site's comments feed): every comment event purges it. */
export const COMMENTS_TAG = 'comments';

// Side tables keyed by the request: they live exactly as long as it does, and need no decoration of
// Fastify's objects. They hold no state across requests.
const tagsByRequest = new WeakMap<FastifyRequest, Set<string>>();
const personal = new WeakSet<FastifyRequest>();

/** Declares that the response shows these things; call it for everything a page renders. */
export function tagResponse(reply: FastifyReply, tags: Iterable<string>): void {
  const known = tagsByRequest.get(reply.request) ?? new Set<string>();
  for (const tag of tags) known.add(tag);
  tagsByRequest.set(reply.request, known);
}

/**
 * Declares that the response was made for this visitor (a form with their token, say): no shared cache
 * may keep or serve it, whoever asks.
 */
export function markPersonal(reply: FastifyReply): void {
  personal.add(reply.request);
}

export function tagsOfResponse(request: FastifyRequest): readonly string[] {
  return [...(tagsByRequest.get(request) ?? [])];
}

export function isPersonalResponse(request: FastifyRequest): boolean {
  return personal.has(request);
}
