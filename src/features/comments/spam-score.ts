// The local spam score: a few cheap signals added up, no third-party service. Each signal is small on its
// own so that one oddity (a link, a new commenter) never makes a comment spam; spam needs several at once.
import { countLinks } from './comment-rules.js';

/** Words that human comments on a blog almost never use and comment spam almost always does. */
export const SPAM_WORDS: readonly string[] = [
  'viagra', 'cialis', 'casino', 'porn', 'payday loan', 'crypto signal', 'forex signal', 'buy followers', 'seo service',
  'backlinks', 'replica watches', 'work from home', 'earn money fast', 'weight loss pill', 'escort', 'betting tips',
];

export interface SpamSignals {
  readonly source: string;
  readonly authorName: string;
  readonly authorUrl: string;
  /** This e-mail (or account) has no approved comment yet. */
  readonly isNewIdentity: boolean;
  /** Seconds between the form being served and sent; undefined when unknown. */
  readonly fillSeconds: number | undefined;
  /** How many comments of the last day (any author) carry the same website or the same first link. */
  readonly repeatedUrlCount: number;
}

export interface SpamScore {
  readonly score: number;
  /** The signals that counted, for the moderation screen and logs. */
  readonly reasons: readonly string[];
}

const CHARACTERS_A_SECOND = 25;

export function scoreSpam(signals: SpamSignals): SpamScore {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(reason);
  };
  const lower = `${signals.source} ${signals.authorName}`.toLowerCase();
  const links = countLinks(signals.source);
  if (links >= 2) add(Math.min(links - 1, 3), `${links} links`);
  const words = SPAM_WORDS.filter((w) => lower.includes(w));
  if (words.length > 0) add(Math.min(words.length * 2, 4), `spam words: ${words.join(', ')}`);
  if (signals.isNewIdentity) add(1, 'first comment');
  // Faster than anyone types: pasted in by a script.
  if (signals.fillSeconds !== undefined && signals.source.length > signals.fillSeconds * CHARACTERS_A_SECOND + 40) {
    add(2, 'typed faster than a person can');
  }
  if (signals.repeatedUrlCount >= 3) add(2, 'the same link in many recent comments');
  if (/\[url=|\[link=/i.test(signals.source)) add(3, 'BBCode links');
  if (/https?:\/\/|www\./i.test(signals.authorName)) add(2, 'a web address as the name');
  const plain = signals.source.replace(/\s+/g, '');
  if (plain.length > 0 && links > 0 && plain.length < 40 * links) add(1, 'mostly links');
  return { score, reasons };
}
