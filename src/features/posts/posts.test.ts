// Post input rules, WordPress-style permalinks, and the excerpt lists show.
import { describe, it, expect } from 'vitest';
import { AppError } from '../../kernel/errors.js';
import { type PostInput, LIMITS, effectiveExcerpt, postPermalinkPath, validatePostInput } from './posts.js';

const valid: PostInput = { title: 'Hello', source: 'Some *text*.', status: 'draft' };

/** The per-field problems validatePostInput reports for `input`. */
function problemsOf(input: PostInput): Record<string, string> {
  try {
    validatePostInput(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'POST_INVALID') return error.details?.fields as Record<string, string>;
    throw error;
  }
  return {};
}
const badFields = (change: Partial<PostInput>): string[] => Object.keys(problemsOf({ ...valid, ...change }));

describe('validatePostInput', () => {
  it('accepts a minimal draft and a fully specified post', () => {
    expect(() => validatePostInput(valid)).not.toThrow();
    expect(() =>
      validatePostInput({
        type: 'page', title: 'About', slug: 'about-us', format: 'html', source: '<p>Hi</p>', excerpt: 'Short.',
        status: 'scheduled', publishedAt: '2026-03-14T09:30:00Z', parentId: null, menuOrder: 2, commentStatus: 'closed',
      }),
    ).not.toThrow();
  });

  it('requires a title that is not blank', () => {
    expect(problemsOf({ ...valid, title: '' })).toEqual({ title: 'A title is required.' });
    expect(badFields({ title: ' \n\t ' })).toEqual(['title']);
  });

  it('limits title, text and excerpt lengths', () => {
    expect(badFields({ title: 't'.repeat(LIMITS.title) })).toEqual([]);
    expect(badFields({ title: 't'.repeat(LIMITS.title + 1) })).toEqual(['title']);
    expect(badFields({ source: 's'.repeat(LIMITS.source) })).toEqual([]);
    expect(badFields({ source: 's'.repeat(LIMITS.source + 1) })).toEqual(['source']);
    expect(badFields({ excerpt: 'e'.repeat(LIMITS.excerpt + 1) })).toEqual(['excerpt']);
  });

  it('accepts slugs that slugify could make, in any script', () => {
    for (const slug of ['hello-world', '2026', 'привет-мир', '日本語']) expect(badFields({ slug }), slug).toEqual([]);
  });

  it('rejects slugs that slugify would change', () => {
    for (const slug of ['', 'Hello', 'a b', 'a--b', '-a', 'a/b', 'crème']) expect(badFields({ slug }), slug).toEqual(['slug']);
  });

  it('rejects an unknown status', () => {
    expect(badFields({ status: 'live' as PostInput['status'] })).toEqual(['status']);
  });

  it('accepts RFC 3339 publication dates with an offset', () => {
    for (const publishedAt of ['2026-03-14T09:30:00Z', '2026-03-14T09:30:00.123Z', '2026-03-14T09:30+05:30', '2024-02-29T00:00:00-08:00']) {
      expect(badFields({ publishedAt }), publishedAt).toEqual([]);
    }
  });

  it('rejects publication dates that are not a real date and time', () => {
    const bad = ['', 'tomorrow', '1', 'March 7', 'hello 2', '2026-02-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-14T24:00:00Z'];
    for (const publishedAt of bad) expect(badFields({ publishedAt }), publishedAt).toEqual(['publishedAt']);
  });

  it('rejects publication dates without an offset or with a short year', () => {
    for (const publishedAt of ['2026-03-14T09:30:00', '2026-03-14', '0099-05-05T00:00:00Z']) {
      expect(badFields({ publishedAt }), publishedAt).toEqual(['publishedAt']);
    }
  });

  it('requires a publication date for scheduled posts', () => {
    expect(problemsOf({ ...valid, status: 'scheduled' })).toEqual({ publishedAt: 'A scheduled post needs a publication date.' });
    expect(badFields({ status: 'published' })).toEqual([]);
  });

  it('reports every problem together as POST_INVALID of kind invalid', () => {
    let caught: unknown;
    try {
      validatePostInput({ title: '', source: 's'.repeat(LIMITS.source + 1), slug: 'Bad Slug', status: 'nope' as PostInput['status'], publishedAt: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).kind).toBe('invalid');
    const fields = (caught as AppError).details?.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['publishedAt', 'slug', 'source', 'status', 'title']);
  });
});

describe('postPermalinkPath', () => {
  it('is /YYYY/MM/DD/slug/ from the local publication date', () => {
    expect(postPermalinkPath({ id: 1, slug: 'hello-world', publishedLocal: '2026-03-14T09:30:00' }, '/%year%/%monthnum%/%day%/%postname%/')).toBe('/2026/03/14/hello-world/');
  });

  it('uses the local date, not the UTC one', () => {
    // Published 2026-01-01T23:30Z, seen in Asia/Kolkata as 2 January.
    expect(postPermalinkPath({ id: 1, slug: 'new-year', publishedLocal: '2026-01-02T05:00:00' }, '/%year%/%monthnum%/%day%/%postname%/')).toBe('/2026/01/02/new-year/');
  });

  it('percent-encodes slugs in other scripts', () => {
    expect(postPermalinkPath({ id: 1, slug: 'привет', publishedLocal: '2026-03-14T09:30:00' }, '/%year%/%monthnum%/%day%/%postname%/')).toBe(
      '/2026/03/14/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/',
    );
  });
});

describe('effectiveExcerpt', () => {
  const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');

  it("prefers the writer's own excerpt, trimmed", () => {
    expect(effectiveExcerpt({ excerpt: '  My summary. ', searchText: words(100) })).toBe('My summary.');
  });

  it('falls back to the first 55 words of the text', () => {
    expect(effectiveExcerpt({ excerpt: '', searchText: words(100) })).toBe(`${words(55)} […]`);
    expect(effectiveExcerpt({ excerpt: ' \n ', searchText: 'Short text.' })).toBe('Short text.');
  });

  it('is empty when there is neither excerpt nor text', () => {
    expect(effectiveExcerpt({ excerpt: '', searchText: '' })).toBe('');
  });
});
