// Identities (a way a person signs in: provider + subject) and the pure rules around them.
import { randomBytes } from 'node:crypto';

export interface Identity {
  readonly id: number;
  /** The account the identity signs in to; null when that account was deleted. */
  readonly userId: number | null;
  readonly provider: string;
  readonly subject: string;
  /** Only an address the provider verified. */
  readonly email: string | null;
  readonly displayName: string;
  /** A local `/avatars/<sha256>.<ext>` path, or null. */
  readonly avatarUrl: string | null;
  readonly createdAt: string;
}

/**
 * users.email is required and unique, but a person who signs in with a provider has given us no address of
 * their own to put there (and a provider's address is never used to find an account: no merging by e-mail).
 * Such accounts get an address under the reserved .invalid top-level domain (RFC 2606), which no mail can reach.
 */
export const PLACEHOLDER_EMAIL_DOMAIN = 'identity.invalid';

export function isPlaceholderEmail(email: string): boolean {
  return email.toLowerCase().endsWith(`@${PLACEHOLDER_EMAIL_DOMAIN}`);
}

/** A login and placeholder address for a new account made at a provider sign-in: random, so they reveal nothing. */
export function newProviderAccountNames(provider: string): { login: string; email: string } {
  const login = `${provider.toLowerCase().replace(/[^a-z0-9]/g, '')}-${randomBytes(6).toString('hex')}`;
  return { login, email: `${login}@${PLACEHOLDER_EMAIL_DOMAIN}` };
}

const DISPLAY_NAME_MAX = 100;

/** A provider's name made fit to show: no control characters, collapsed spaces, at most 100 characters. */
export function cleanDisplayName(name: string, fallback: string): string {
  const cleaned = name.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...cleaned];
  return chars.length === 0 ? fallback : chars.slice(0, DISPLAY_NAME_MAX).join('').trim();
}

/** A provider's e-mail address as stored: trimmed, lowercased, and only when it looks like one (≤ 254). */
export function cleanEmail(email: string | null): string | null {
  if (email === null) return null;
  const value = email.trim().toLowerCase();
  return value.length <= 254 && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(value) ? value : null;
}

/** Provider subjects are opaque ids; an absurdly long or empty one is refused rather than stored. */
export function isUsableSubject(subject: string): boolean {
  return subject.length > 0 && subject.length <= 255 && !/\p{Cc}/u.test(subject);
}
