// Slugs as WordPress makes them: folded accents, hyphens between words, other scripts kept.
import { describe, it, expect } from 'vitest';
import { firstFreeSlug, isValidSlug, slugify } from './slug.js';

describe('slugify', () => {
  it('lowercases ASCII titles and joins words with hyphens', () => {
    expect(slugify('Hello World')).toBe('hello-world');
    expect(slugify('Top 10 Tips for 2026')).toBe('top-10-tips-for-2026');
  });

  it('folds accents to plain Latin letters', () => {
    expect(slugify('Crème brûlée')).toBe('creme-brulee');
    expect(slugify('Ça va, Zoë? Tiếng Việt, Łódź, İstanbul')).toBe('ca-va-zoe-tieng-viet-lodz-istanbul');
  });

  it('folds letters that have no decomposition (ß, æ, œ, ø, ł, đ, þ)', () => {
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Æsir Œuvre Ørsted Łukasz Đorđe Þór')).toBe('aesir-oeuvre-orsted-lukasz-dorde-thor');
    expect(slugify('GROẞE')).toBe('grosse');
  });

  it('drops apostrophes instead of splitting the word', () => {
    expect(slugify("Don't panic")).toBe('dont-panic');
    expect(slugify('It’s the ‘best’ `thing`')).toBe('its-the-best-thing');
  });

  it('collapses runs of punctuation and spaces into one hyphen', () => {
    expect(slugify('Fish & Chips -- a review!!!')).toBe('fish-chips-a-review');
    expect(slugify('a   b\t\nc / d . e')).toBe('a-b-c-d-e');
  });

  it('trims leading and trailing hyphens', () => {
    expect(slugify('  --Hello!--  ')).toBe('hello');
    expect(slugify('...why?')).toBe('why');
  });

  it('keeps Greek, Cyrillic and Japanese letters as they are written', () => {
    expect(slugify('Καλημέρα κόσμε')).toBe('καλημέρα-κόσμε');
    expect(slugify('Привет, мир')).toBe('привет-мир');
    expect(slugify('Мой блог')).toBe('мой-блог');
    expect(slugify('日本語のブログ')).toBe('日本語のブログ');
    expect(slugify('がっこう')).toBe('がっこう');
  });

  it('keeps the vowel signs of Indic scripts and Korean syllables', () => {
    expect(slugify('हिन्दी ब्लॉग')).toBe('हिन्दी-ब्लॉग');
    expect(slugify('한국어 블로그')).toBe('한국어-블로그');
  });

  it('returns the composed (NFC) form', () => {
    expect(slugify('ブログ')).toBe('ブログ'.normalize('NFC'));
    expect(slugify('ブログ'.normalize('NFD'))).toBe('ブログ'.normalize('NFC'));
  });

  it('returns an empty slug for a title of only emoji or punctuation, so callers can fall back', () => {
    expect(slugify('🎉🎉🎉')).toBe('');
    expect(slugify('❤️ 👍🏽 👨‍👩‍👧')).toBe('');
    expect(slugify('!?…')).toBe('');
    expect(slugify('')).toBe('');
  });

  it('keeps the letters and numbers next to emoji', () => {
    expect(slugify('Party 🎉 time')).toBe('party-time');
  });

  it('limits slugs to 200 characters, counting characters rather than bytes', () => {
    expect(slugify('a'.repeat(250))).toBe('a'.repeat(200));
    const greek = slugify('λ'.repeat(250));
    expect(Array.from(greek)).toHaveLength(200);
    expect(Buffer.byteLength(greek)).toBe(400);
    const kanji = slugify('𠮷'.repeat(250)); // outside the BMP: two UTF-16 units each
    expect(Array.from(kanji)).toHaveLength(200);
  });

  it('never ends a shortened slug in a hyphen', () => {
    const slug = slugify(`${'a'.repeat(199)} bcd`);
    expect(slug).toBe('a'.repeat(199));
    expect(slugify(`${'ab '.repeat(100)}`).endsWith('-')).toBe(false);
  });
});

describe('isValidSlug', () => {
  it('accepts what slugify produces', () => {
    for (const slug of ['hello-world', 'a', '2026', 'привет-мир', '日本語のブログ', 'καλημέρα']) {
      expect(isValidSlug(slug), slug).toBe(true);
    }
  });

  it('rejects empty, uppercase, accented, spaced, doubled or edge hyphens and punctuation', () => {
    for (const slug of ['', 'Hello', 'crème', 'a b', 'a--b', '-a', 'a-', 'a_b', 'a.b', 'a/b', "don't"]) {
      expect(isValidSlug(slug), slug).toBe(false);
    }
  });

  it('rejects slugs longer than 200 characters', () => {
    expect(isValidSlug('a'.repeat(200))).toBe(true);
    expect(isValidSlug('a'.repeat(201))).toBe(false);
  });
});

describe('firstFreeSlug', () => {
  it('returns the base when it is free', () => {
    expect(firstFreeSlug('hello', new Set())).toBe('hello');
    expect(firstFreeSlug('hello', new Set(['hello-2']))).toBe('hello');
  });

  it('numbers from 2 when the base is taken', () => {
    expect(firstFreeSlug('hello', new Set(['hello']))).toBe('hello-2');
  });

  it('skips every number already taken', () => {
    expect(firstFreeSlug('hello', new Set(['hello', 'hello-2', 'hello-3']))).toBe('hello-4');
  });

  it('fills the first gap', () => {
    expect(firstFreeSlug('hello', new Set(['hello', 'hello-3']))).toBe('hello-2');
  });
});
