// The local spam score: no single oddity makes a comment spam (default threshold 5), typical spam does.
import { describe, expect, it } from 'vitest';
import { SPAM_WORDS, type SpamSignals, scoreSpam } from './spam-score.js';

const DEFAULT_THRESHOLD = 5;

const prose =
  'I tried the sliding dovetail jig from your last post and the fit was much tighter than my old method. ' +
  'Did you cut the tails first, or the pins? I ask because my saw drifts to the left.';

/** A person's comment: long enough to read, typed over two minutes, from someone already approved here. */
const human: SpamSignals = {
  source: prose,
  authorName: 'Ann Reader',
  authorUrl: 'https://ann.example/',
  isNewIdentity: false,
  fillSeconds: 120,
  repeatedUrlCount: 0,
};

describe('scoreSpam', () => {
  it('scores a returning reader 0 and a first-time reader at most 1', () => {
    expect(scoreSpam(human)).toEqual({ score: 0, reasons: [] });
    expect(scoreSpam({ ...human, isNewIdentity: true }).score).toBeLessThanOrEqual(1);
  });

  it('scores a first-time reader with one link to their own post at most 1', () => {
    const oneLink = { ...human, isNewIdentity: true, source: `${prose} I wrote up mine at https://ann.example/dovetails too.` };
    expect(scoreSpam(oneLink).score).toBeLessThanOrEqual(1);
  });

  it('does not count speed when the fill time is unknown', () => {
    expect(scoreSpam({ ...human, source: prose.repeat(10), fillSeconds: undefined }).score).toBe(0);
  });

  // Each case turns on one signal, at its strongest, on the human comment above.
  const alone: [string, Partial<SpamSignals>][] = [
    ['many links', { source: `${prose} ${Array.from({ length: 12 }, (_, i) => `https://site${i}.example/`).join(' ')} ${prose}` }],
    ['every spam word', { source: `${prose} ${SPAM_WORDS.join(' ')}` }],
    ['a new identity', { isNewIdentity: true }],
    ['typed faster than a person', { source: prose.repeat(20), fillSeconds: 3 }],
    ['the same link in many recent comments', { repeatedUrlCount: 500 }],
    ['BBCode links', { source: `${prose} [url=https://x.example]x[/url] [link=https://y.example]y[/link]` }],
    ['a web address as the name', { authorName: 'https://cheap.example/' }],
    ['mostly links', { source: 'https://a.example/' }],
  ];

  it.each(alone)('counts %s, but alone it stays under the default threshold', (_name, change) => {
    const { score, reasons } = scoreSpam({ ...human, ...change });
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(reasons.length).toBeGreaterThan(0);
  });

  const spam: [string, SpamSignals][] = [
    [
      'pharmacy links from a new address',
      {
        source: 'Great post! Buy cheap viagra and cialis here: https://pills.example/ https://more-pills.example/',
        authorName: 'Pharmacy',
        authorUrl: 'https://pills.example/',
        isNewIdentity: true,
        fillSeconds: 4,
        repeatedUrlCount: 0,
      },
    ],
    [
      'BBCode casino links pasted by a script',
      {
        source: 'Nice blog [url=https://casino.example/]best online casino[/url] [url=https://casino.example/bonus]bonus[/url]',
        authorName: 'Lucky',
        authorUrl: '',
        isNewIdentity: true,
        fillSeconds: 1,
        repeatedUrlCount: 0,
      },
    ],
    [
      'the same link pushed from a URL-named author',
      {
        source: 'Thanks for sharing, see https://seo.example/',
        authorName: 'https://seo.example/',
        authorUrl: 'https://seo.example/',
        isNewIdentity: true,
        fillSeconds: 60,
        repeatedUrlCount: 7,
      },
    ],
  ];

  it.each(spam)('puts %s over the default threshold', (_name, signals) => {
    expect(scoreSpam(signals).score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('says which signals counted', () => {
    const { reasons } = scoreSpam(spam[0]![1]);
    expect(reasons).toEqual(expect.arrayContaining(['first comment', '2 links', 'spam words: viagra, cialis']));
  });
});
