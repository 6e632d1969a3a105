// Pure rules of the page cache: encoding negotiation, ETag matching, personal cookies, the invalidation table.
import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from './encoding.js';
import { etagForEncoding, isNotModified, matchesIfNoneMatch } from './etag.js';
import { purgeFor } from './invalidation.js';
import { hasPersonalCookie } from './page-cache.hooks.js';

describe('Accept-Encoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0,gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, identity', 'identity'],
    ['GZIP;Q=0.5', 'gzip'],
  ] as const)('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('If-None-Match', () => {
  const etag = '"0123456789abcdef0123456789abcdef"';
  it('matches the tag of any encoding of the same body, weak or strong, or *', () => {
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(etagForEncoding(etag, 'br'), etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etagForEncoding(etag, 'gzip')}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
  });

  it('does not match another body or an absent header', () => {
    expect(matchesIfNoneMatch('"fedcba9876543210fedcba9876543210"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
    expect(etagForEncoding(etag, 'br')).toBe('"0123456789abcdef0123456789abcdef-br"');
  });
});

describe('personal cookies', () => {
  it('recognises the session and pending-comment cookies by name only', () => {
    expect(hasPersonalCookie('quire_session=abc')).toBe(true);
    expect(hasPersonalCookie('theme=dark; quire_pending=1')).toBe(true);
    expect(hasPersonalCookie('quire_csrf=x; not_quire_session=1; x=quire_session')).toBe(false);
    expect(hasPersonalCookie(undefined)).toBe(false);
  });
});

describe('which change purges what (the invalidation table)', () => {
  it.each([
    [{ type: 'settings' }, { all: true }],
    [{ type: 'term', termId: 3 }, { all: false, tags: ['site', 'term:3'] }],
    [{ type: 'post', postId: 12 }, { all: false, tags: ['site', 'post:12'] }],
    [{ type: 'comment', postId: 12 }, { all: false, tags: ['post:12', 'comments'] }],
    [{ type: 'user', userId: 5 }, { all: false, tags: ['site', 'author:5'] }],
    [{ type: 'job', kind: 'mail' }, { all: false, tags: [] }],
  ] as const)('%o → %o', (event, purge) => {
    expect(purgeFor(event)).toEqual(purge);
  });
});

describe('If-Modified-Since', () => {
  const etag = '"0123456789abcdef0123456789abcdef"';
  const lastModified = 'Fri, 01 May 2026 13:00:00 GMT';
  it('answers 304 when nothing changed since the date, and lets If-None-Match decide when both are sent', () => {
    expect(isNotModified({ ifModifiedSince: lastModified }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifModifiedSince: 'Fri, 01 May 2026 14:00:00 GMT' }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifModifiedSince: 'Fri, 01 May 2026 12:59:59 GMT' }, etag, lastModified)).toBe(false);
    expect(isNotModified({ ifNoneMatch: '"other"', ifModifiedSince: lastModified }, etag, lastModified)).toBe(false);
    expect(isNotModified({ ifNoneMatch: etag, ifModifiedSince: 'Thu, 01 Jan 1970 00:00:00 GMT' }, etag, lastModified)).toBe(true);
  });
  it('ignores an unreadable date, and a response without Last-Modified', () => {
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, etag, lastModified)).toBe(false);
    expect(isNotModified({ ifModifiedSince: lastModified }, etag, undefined)).toBe(false);
    expect(isNotModified({}, etag, lastModified)).toBe(false);
  });
});
