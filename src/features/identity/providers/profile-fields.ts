// Reading another party's JSON into profile fields (Facebook, X, WordPress.com, GitHub): ids, names, e-mails and picture URLs, each checked, cleaned or dropped.
import { isLoopbackHost } from '../../../kernel/loopback.js';

export type Json = Readonly<Record<string, unknown>>;

/** Account display names are 1–100 characters (features/users); a provider's name is cut to fit. */
export const DISPLAY_NAME_MAX = 100;
/** Our accounts' e-mail limit; a longer address is not kept. */
const EMAIL_MAX = 100;
const URL_MAX = 2048;
// The same loose shape features/users accepts: one @, something on each side, a dot in the domain.
const EMAIL = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
// Control characters and line separators become spaces. Invisible format characters (bidi overrides that can
// disguise a name, soft hyphens…) go, except the joiners emoji and some scripts need; so do lone surrogates.
const BREAKING = /[\p{Cc}\u2028\u2029]/gu;
const INVISIBLE = /\p{Cs}|(?![\u200c\u200d])\p{Cf}/gu;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer as an object, or a clear refusal naming the provider and what was expected. */
export function requireObject(value: unknown, provider: string, what: string): Json {
  if (!isJsonObject(value)) throw new Error(`${provider} answered something other than ${what}.`);
  return value;
}

/**
 * The provider's id of the person. These four use numeric ids (as a string or a number); anything else — absent,
 * empty, fractional, huge — is refused rather than guessed at, since the id is what finds the account next time.
 */
export function subjectOf(value: unknown, provider: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,30}$/.test(text)) throw new Error(`${provider} sent a profile without a usable account id.`);
  return text;
}

/** A display name: unprintable characters dropped, white space folded, cut to DISPLAY_NAME_MAX; undefined when nothing is left. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const folded = value.slice(0, 4 * DISPLAY_NAME_MAX).replace(BREAKING, ' ').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  if (folded === '') return undefined;
  // Cut by code points, so that a surrogate pair (an emoji) is never split in half.
  let cut = '';
  for (const char of folded) {
    if (cut.length + char.length > DISPLAY_NAME_MAX) break;
    cut += char;
  }
  return cut.trimEnd();
}

/** The first usable name among the candidates (a name, then the account's user name), or a clear refusal. */
export function displayNameOf(provider: string, ...candidates: readonly unknown[]): string {
  for (const candidate of candidates) {
    const name = cleanName(candidate);
    if (name !== undefined) return name;
  }
  throw new Error(`${provider} sent a profile without a name.`);
}

/** An e-mail address the provider vouches for, when it looks like one and fits our accounts; null otherwise. */
export function verifiedEmailOf(value: unknown, verified: boolean): string | null {
  if (!verified || typeof value !== 'string') return null;
  const email = value.trim();
  return email.length <= EMAIL_MAX && EMAIL.test(email) ? email : null;
}

/**
 * A picture URL worth fetching: https (http only on this machine, where the tests' providers run), no user or
 * password in it, of a sane length. Anything else (javascript:, data:, file:, garbage) is dropped, not refused:
 * a person without a picture still signs in.
 */
export function pictureUrlOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > URL_MAX || !URL.canParse(value)) return null;
  const url = new URL(value);
  const safe = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  return safe && url.username === '' && url.password === '' ? url.href : null;
}

/** `base` with `suffix` appended to its path (…/user → …/user/emails), its query dropped. */
export function appendPath(base: string, suffix: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${suffix}`;
  url.search = '';
  return url.href;
}
