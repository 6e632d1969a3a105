// The pure rules of a comment: field limits and normalisation, word lists, link counting, and the moderation decision.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.js';
import {
  type ModerationFacts, type RawCommentFields, type ValidCommentFields, COMMENT_LIMITS, countLinks, decideCommentStatus,
  matchesWordList, normalizeAuthorUrl, validateCommentFields, wordListOf,
} from './comment-rules.js';

const filled = { authorName: 'Ann Reader', authorEmail: 'ann@example.com', authorUrl: '', source: 'A kind remark.' } as const;
const required = { requireNameEmail: true };

/** The AppError `validateCommentFields` throws for `raw`, or a failure when it accepts it. */
function refusalOf(raw: RawCommentFields, options: { requireNameEmail: boolean } = required): AppError {
  try {
    validateCommentFields(raw, options);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(raw)}`);
}

const fieldsOf = (error: AppError) => (error.details as { fields: Record<string, string> }).fields;

describe('validateCommentFields: length limits (WordPress column sizes)', () => {
  const atLimit = {
    authorName: 'n'.repeat(245),
    authorEmail: `${'e'.repeat(88)}@example.com`,
    authorUrl: `https://example.com/${'p'.repeat(180)}`,
    source: 'b'.repeat(65_525),
  };

  it('has the limits of the issue: name 245, email 100, url 200, body 65,525', () => {
    expect(COMMENT_LIMITS).toEqual({ authorName: 245, authorEmail: 100, authorUrl: 200, source: 65_525 });
    expect(atLimit.authorEmail).toHaveLength(100);
    expect(atLimit.authorUrl).toHaveLength(200);
  });

  it('accepts every field exactly at its limit', () => {
    const valid = validateCommentFields(atLimit, required);
    expect(valid.authorName).toHaveLength(245);
    expect(valid.authorEmail).toHaveLength(100);
    expect(valid.authorUrl).toHaveLength(200);
    expect(valid.source).toHaveLength(65_525);
  });

  it.each([
    ['authorName', 'n'.repeat(246)],
    ['authorEmail', `${'e'.repeat(89)}@example.com`],
    ['authorUrl', `https://example.com/${'p'.repeat(181)}`],
    ['source', 'b'.repeat(65_526)],
  ] as const)('refuses %s one character over its limit with COMMENT_TOO_LONG (413)', (field, value) => {
    const error = refusalOf({ ...atLimit, [field]: value });
    expect(error).toMatchObject({ code: 'COMMENT_TOO_LONG', kind: 'too_large' });
    expect(Object.keys(fieldsOf(error))).toEqual([field]);
  });

  it('names every field that is too long at once, and says how long the comment is', () => {
    const error = refusalOf({ authorName: 'n'.repeat(300), authorEmail: 'a@b.co', source: 'b'.repeat(70_000) });
    expect(Object.keys(fieldsOf(error)).sort()).toEqual(['authorName', 'source']);
    expect(fieldsOf(error).source).toContain('70,000');
  });

  it('measures the website as stored: a bare host counts the http:// it is given', () => {
    const host = (path: number) => `example.com/${'p'.repeat(path)}`; // 12 + path characters, 19 + path stored
    expect(validateCommentFields({ ...filled, authorUrl: host(181) }, required).authorUrl).toHaveLength(200);
    expect(refusalOf({ ...filled, authorUrl: host(182) })).toMatchObject({ code: 'COMMENT_TOO_LONG' });
  });

  it('counts characters, not UTF-16 units: 245 emoji are a 245-character name', () => {
    expect(validateCommentFields({ ...filled, authorName: '🦊'.repeat(245) }, required).authorName).toBe('🦊'.repeat(245));
    expect(refusalOf({ ...filled, authorName: '🦊'.repeat(246) })).toMatchObject({ code: 'COMMENT_TOO_LONG' });
  });

  it('measures after trimming: spaces around a field do not count', () => {
    expect(validateCommentFields({ ...filled, authorName: `  ${'n'.repeat(245)}  ` }, required).authorName).toHaveLength(245);
  });
});

describe('validateCommentFields: required and malformed fields', () => {
  it('with "name and email required" on, names the missing name, e-mail and text', () => {
    const error = refusalOf({ authorName: ' ', authorEmail: '', source: '\n \n' });
    expect(error).toMatchObject({ code: 'COMMENT_FIELDS_INVALID', kind: 'invalid' });
    expect(Object.keys(fieldsOf(error)).sort()).toEqual(['authorEmail', 'authorName', 'source']);
  });

  it('with it off, takes a comment without name or e-mail (as "Anonymous") but never without text', () => {
    const valid = validateCommentFields({ source: 'Just text.' }, { requireNameEmail: false });
    expect(valid).toMatchObject({ authorName: 'Anonymous', authorEmail: '', authorUrl: '', source: 'Just text.' });
    expect(Object.keys(fieldsOf(refusalOf({ source: '' }, { requireNameEmail: false })))).toEqual(['source']);
  });

  it.each(['ann', 'ann@', '@example.com', 'ann@example', 'ann example@example.com', 'ann@exa mple.com', 'ann@@example.com', '<ann@example.com>'])(
    'refuses the e-mail address %j, whether or not an address is required',
    (email) => {
      for (const requireNameEmail of [true, false]) {
        expect(Object.keys(fieldsOf(refusalOf({ ...filled, authorEmail: email }, { requireNameEmail })))).toEqual(['authorEmail']);
      }
    },
  );

  it('trims and lowercases the e-mail address', () => {
    expect(validateCommentFields({ ...filled, authorEmail: '  Ann.Reader@Example.COM ' }, required).authorEmail).toBe('ann.reader@example.com');
  });

  it('treats values that are not text (repeated form fields) as empty', () => {
    const raw: RawCommentFields = { authorName: ['a', 'b'], authorEmail: 42, source: { text: 'x' } };
    expect(Object.keys(fieldsOf(refusalOf(raw))).sort()).toEqual(['authorEmail', 'authorName', 'source']);
  });

  it('turns CRLF and lone CR line ends into LF', () => {
    expect(validateCommentFields({ ...filled, source: 'one\r\ntwo\rthree\nfour' }, required).source).toBe('one\ntwo\nthree\nfour');
  });

  it.each(['authorName', 'authorEmail', 'source'] as const)('refuses a NUL character in %s, marking that field', (field) => {
    const raw = { ...filled, [field]: field === 'authorEmail' ? 'ann\u0000@example.com' : `be\u0000fore` };
    expect(fieldsOf(refusalOf(raw))).toHaveProperty(field);
  });

  it('refuses to subscribe without an e-mail address to send to', () => {
    const loose = { requireNameEmail: false };
    for (const extra of [{ subscribe: 'comments' }, { subscribe: 'replies' }, { subscribePosts: 'on' }]) {
      expect(Object.keys(fieldsOf(refusalOf({ source: 'Hello', ...extra }, loose)))).toEqual(['authorEmail']);
    }
    expect(validateCommentFields({ ...filled, subscribe: 'replies', subscribePosts: 'on' }, required)).toMatchObject({
      subscribe: 'replies',
      subscribePosts: true,
    });
  });

  it('reads an unknown subscription choice as none', () => {
    expect(validateCommentFields({ ...filled, subscribe: 'everything', subscribePosts: 'yes' }, required)).toMatchObject({
      subscribe: 'none',
      subscribePosts: false,
    });
  });

  it("uses the signed-in account's name and e-mail whatever the form says", () => {
    const author = { displayName: 'Edna Editor', email: 'edna@example.com', url: '' };
    const valid = validateCommentFields({ authorName: 'Someone Else', authorEmail: 'bad', source: 'Hi' }, { requireNameEmail: true, author });
    expect(valid).toMatchObject({ authorName: 'Edna Editor', authorEmail: 'edna@example.com', authorUrl: '' });
  });
});

describe('normalizeAuthorUrl and the website field', () => {
  it.each([
    ['', ''],
    ['example.com', 'http://example.com/'],
    ['  www.example.com/blog ', 'http://www.example.com/blog'],
    ['HTTPS://Example.COM/Path?q=1#top', 'https://example.com/Path?q=1#top'],
    ['example.com:8080/blog', 'http://example.com:8080/blog'],
    ['http://example.com/a b', 'http://example.com/a%20b'],
  ])('normalises %j to %j', (raw, normalized) => {
    expect(normalizeAuthorUrl(raw)).toBe(normalized);
    expect(validateCommentFields({ ...filled, authorUrl: raw }, required).authorUrl).toBe(normalized);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)//example.com',
    'javascript:1',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.com/file',
    'mailto:ann@example.com',
    'http://user:secret@example.com/',
    'https://user@example.com/',
    'localhost',
    'http://',
    'not a web address',
  ])('refuses %j as a website', (raw) => {
    expect(normalizeAuthorUrl(raw)).toBeUndefined();
    expect(Object.keys(fieldsOf(refusalOf({ ...filled, authorUrl: raw })))).toEqual(['authorUrl']);
  });
});

describe('wordListOf and matchesWordList', () => {
  it('reads one word or phrase a line, trimmed and lowercased, blank lines dropped (CRLF too)', () => {
    expect(wordListOf('  Viagra \r\n\r\nCheap Pills\n   \n203.0.113.')).toEqual(['viagra', 'cheap pills', '203.0.113.']);
    expect(wordListOf('')).toEqual([]);
    expect(wordListOf('\n \n')).toEqual([]);
  });

  it('matches case-insensitively, as a substring, in any of the texts', () => {
    const words = wordListOf('casino\nBad Phrase');
    expect(matchesWordList(words, ['nothing here', 'visit the CASINOS tonight'])).toBe(true);
    expect(matchesWordList(words, ['a bad phrase indeed'])).toBe(true);
    expect(matchesWordList(words, ['bad', 'phrase'])).toBe(false);
    expect(matchesWordList(words, ['a clean remark'])).toBe(false);
  });

  it('never matches with an empty list', () => {
    expect(matchesWordList([], ['anything at all'])).toBe(false);
  });
});

describe('countLinks', () => {
  it.each([
    ['plain prose with the word http in it', 0],
    ['example.com without a scheme', 0],
    ['see https://example.com/a for more', 1],
    ['see www.example.com for more', 1],
    ['[my post](https://example.com/post)', 1],
    ['[my post]( <http://example.com/post> )', 1],
    ['<a href="https://example.com/">mine</a>', 1],
    ['<A title="x" HREF="https://example.com/">mine</A>', 1],
    ['<a name="anchor">no link</a>', 0],
    ['<a href="https://example.com/">https://example.com/</a>', 1],
    ['[https://example.com/](https://example.com/)', 1],
    ['<https://example.com/>', 1],
    ['one http://a.example two [b](https://b.example) three <a href="http://c.example">c</a> four www.d.example', 4],
  ])('counts %j as %i', (source, links) => {
    expect(countLinks(source)).toBe(links);
  });

  it.each(['<a ', '<a x>', '[', '](', '[x](', 'www.', 'http://'])('stays fast on 64 KB of %j (no backtracking blow-up)', (unit) => {
    const source = unit.repeat(Math.floor(COMMENT_LIMITS.source / unit.length));
    const started = performance.now();
    countLinks(source);
    // The quadratic patterns this replaced took 2-4 s here; linear ones take a few ms.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('decideCommentStatus', () => {
  const fields: ValidCommentFields = {
    authorName: 'Ann Reader', authorEmail: 'ann@example.com', authorUrl: 'https://ann.example/', source: 'A kind remark.',
    subscribe: 'none', subscribePosts: false,
  };
  const facts: ModerationFacts = {
    fields, ip: '198.51.100.7', userAgent: 'Mozilla/5.0 Firefox/130.0', isModerator: false, hasApprovedComment: true, spamScore: 0,
  };
  const settings = {
    commentManualApproval: false, commentPreviouslyApproved: false, commentMaxLinks: 2, commentModerationKeys: '',
    commentDisallowedKeys: '', commentSpamThreshold: 5,
  };
  const withFields = (change: Partial<ValidCommentFields>): ModerationFacts => ({ ...facts, fields: { ...fields, ...change } });
  /** The same comment with `word` placed in each of the six texts the word lists look at. */
  const placements = (word: string): [string, ModerationFacts][] => [
    ['content', withFields({ source: `Well, ${word.toUpperCase()} indeed.` })],
    ['name', withFields({ authorName: `Ann ${word}` })],
    ['url', withFields({ authorUrl: `https://${word}.example/` })],
    ['email', withFields({ authorEmail: `${word}@example.com` })],
    ['IP', { ...facts, ip: word }],
    ['user agent', { ...facts, userAgent: `Mozilla/5.0 ${word}/1.0` }],
  ];

  it('approves a clean comment when every rule is off', () => {
    expect(decideCommentStatus(facts, settings)).toEqual({ status: 'approved', reason: 'approved' });
  });

  it('holds every comment with manual approval on', () => {
    expect(decideCommentStatus(facts, { ...settings, commentManualApproval: true })).toEqual({ status: 'pending', reason: 'manual' });
  });

  it('holds a first comment with "previously approved" on, and only then', () => {
    const first = { ...facts, hasApprovedComment: false };
    expect(decideCommentStatus(first, { ...settings, commentPreviouslyApproved: true })).toEqual({ status: 'pending', reason: 'first-comment' });
    expect(decideCommentStatus(facts, { ...settings, commentPreviouslyApproved: true }).status).toBe('approved');
    expect(decideCommentStatus(first, settings).status).toBe('approved');
  });

  it('holds at N links and not at N-1; 0 never holds for links', () => {
    const links = (n: number) => withFields({ source: Array.from({ length: n }, (_, i) => `see https://l${i}.example/`).join(' ') });
    expect(decideCommentStatus(links(1), settings).status).toBe('approved');
    expect(decideCommentStatus(links(2), settings)).toEqual({ status: 'pending', reason: 'links' });
    expect(decideCommentStatus(links(4), { ...settings, commentMaxLinks: 5 }).status).toBe('approved');
    expect(decideCommentStatus(links(5), { ...settings, commentMaxLinks: 5 }).status).toBe('pending');
    expect(decideCommentStatus(links(50), { ...settings, commentMaxLinks: 0 }).status).toBe('approved');
  });

  it('holds a comment with a moderation word in its content, name, url, email, IP or user agent', () => {
    const on = { ...settings, commentModerationKeys: 'clearance\n' };
    for (const [where, placed] of placements('clearance')) {
      expect(decideCommentStatus(placed, on), where).toEqual({ status: 'pending', reason: 'moderation-words' });
      expect(decideCommentStatus(placed, settings).status, where).toBe('approved');
    }
  });

  it('trashes a comment with a disallowed word in its content, name, url, email, IP or user agent', () => {
    const on = { ...settings, commentDisallowedKeys: 'clearance' };
    for (const [where, placed] of placements('clearance')) {
      expect(decideCommentStatus(placed, on), where).toEqual({ status: 'trash', reason: 'disallowed-words' });
    }
  });

  it('marks spam at the score threshold, not one below it', () => {
    expect(decideCommentStatus({ ...facts, spamScore: 5 }, settings)).toEqual({ status: 'spam', reason: 'spam-score' });
    expect(decideCommentStatus({ ...facts, spamScore: 4 }, settings).status).toBe('approved');
    expect(decideCommentStatus({ ...facts, spamScore: 4 }, { ...settings, commentSpamThreshold: 4 }).status).toBe('spam');
  });

  it('approves a moderator whatever holds others, but disallowed words beat even a moderator', () => {
    const strict = {
      commentManualApproval: true, commentPreviouslyApproved: true, commentMaxLinks: 1, commentModerationKeys: 'remark',
      commentDisallowedKeys: '', commentSpamThreshold: 1,
    };
    const moderator = { ...withFields({ source: 'A remark with https://a.example/' }), isModerator: true, hasApprovedComment: false, spamScore: 9 };
    expect(decideCommentStatus(moderator, strict)).toEqual({ status: 'approved', reason: 'approved' });
    expect(decideCommentStatus(moderator, { ...strict, commentDisallowedKeys: 'remark' })).toEqual({ status: 'trash', reason: 'disallowed-words' });
  });

  it('decides in order: disallowed words, spam score, manual, links, moderation words, first comment', () => {
    const all = {
      commentManualApproval: true, commentPreviouslyApproved: true, commentMaxLinks: 1, commentModerationKeys: 'word',
      commentDisallowedKeys: 'word', commentSpamThreshold: 5,
    };
    const worst = { ...withFields({ source: 'word https://a.example/' }), hasApprovedComment: false, spamScore: 5 };
    const reasons: string[] = [];
    let rules = all;
    for (const lift of [
      { commentDisallowedKeys: '' }, { commentSpamThreshold: 6 }, { commentManualApproval: false }, { commentMaxLinks: 0 },
      { commentModerationKeys: '' }, { commentPreviouslyApproved: false },
    ]) {
      reasons.push(decideCommentStatus(worst, rules).reason);
      rules = { ...rules, ...lift };
    }
    reasons.push(decideCommentStatus(worst, rules).reason);
    expect(reasons).toEqual(['disallowed-words', 'spam-score', 'manual', 'links', 'moderation-words', 'first-comment', 'approved']);
  });
});
