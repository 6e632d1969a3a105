// Reading a public address's path: decoded segments, or "not found" for anything no slug can be. Shared by the
// surfaces that answer public addresses (site, feeds, sitemaps), so that none imports another's.
import type { FastifyReply } from 'fastify';
import { AppError } from '../../kernel/errors.js';

export function pageNotFound(): AppError {
  return new AppError({ code: 'PAGE_NOT_FOUND', kind: 'not_found', message: 'Nothing was found at this address. Try a search or the links below.' });
}

// No slug or login holds a control character, and PostgreSQL text cannot hold NUL at all (it would be a 500).
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** A decoded path parameter (slug, login), or "not found" when it holds control characters. */
export function pathParam(value: string): string {
  if (CONTROL_CHARACTER.test(value)) throw pageNotFound();
  return value;
}

/** Splits a path into decoded segments, or throws "not found" for undecodable ones. */
export function pathSegments(path: string): string[] {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    throw pageNotFound();
  }
  return segments.map(pathParam);
}

/** An address that ends in a feed (`…/feed/`, `…/feed/atom/`): the segments before it and the format's name, if any. */
export interface FeedAddress {
  readonly segments: readonly string[];
  /** undefined for `…/feed/` (RSS 2.0); the feeds surface decides what a name means. */
  readonly formatName?: string;
}

/** undefined when the path names no feed (its last or second-to-last segment is not `feed`). */
export function splitFeedPath(segments: readonly string[]): FeedAddress | undefined {
  if (segments.at(-1) === 'feed') return { segments: segments.slice(0, -1) };
  if (segments.at(-2) === 'feed') return { segments: segments.slice(0, -2), formatName: segments.at(-1) };
  return undefined;
}

/** Answers a feed address found under another surface's wildcard route (the category archive's /category/*). */
export type FeedSender = (reply: FastifyReply, feed: FeedAddress) => Promise<FastifyReply>;
