// Strong ETags from a body's hash, one per encoding, and the If-None-Match comparison.
import { createHash } from 'node:crypto';
import type { Encoding } from './encoding.js';

/** `"<32 hex digits>"`: hex, so that the encoding suffix below can never be mistaken for part of the hash. */
export function etagOf(body: Buffer): string {
  // SHA-1 is enough to tell versions of a page apart, and cheaper than SHA-256 on every response.
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 32)}"`;
}

/**
 * A strong ETag names one representation, and gzip and brotli bytes differ from the plain body: each
 * encoding gets its own tag (as Apache does), derived from the plain body's tag.
 */
export function etagForEncoding(etag: string, encoding: Encoding): string {
  return encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`;
}

/**
 * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored, and so is our encoding
 * suffix, since every encoding of the same body is the same content.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = etag.slice(1, -1);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    if (tag === '*') return true;
    return tag.replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '') === wanted;
  });
}

/**
 * Whether a conditional GET gets 304 (RFC 9110 §13.2.2): If-None-Match decides when it is sent; otherwise
 * If-Modified-Since against the response's Last-Modified (set by feeds: the newest item's change).
 */
export function isNotModified(
  conditions: { readonly ifNoneMatch?: string; readonly ifModifiedSince?: string },
  etag: string,
  lastModified: string | undefined,
): boolean {
  if (conditions.ifNoneMatch !== undefined) return matchesIfNoneMatch(conditions.ifNoneMatch, etag);
  const since = Date.parse(conditions.ifModifiedSince ?? '');
  const modified = Date.parse(lastModified ?? '');
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}
