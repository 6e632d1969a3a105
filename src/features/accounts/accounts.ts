// Site accounts (pure rules): registration input, password rules, logins made from addresses, the mailed links'
// purposes and lifetimes, and the payloads of their mail jobs.
import type { Identity } from '../identity/index.js';
import { PASSWORD_MAX, PASSWORD_MIN, displayNameProblem, emailProblem } from '../users/index.js';
import { sha256 } from '../../kernel/ids.js';
import { isCommonPassword } from './common-passwords.js';
import { accountInvalid } from './accounts.errors.js';

/** The identity provider of our own accounts (password, e-mail link, passkeys); its subject is the user id. */
export const SITE_PROVIDER = 'site';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What each mailed link is for: a token of one purpose never opens another's page. */
export const ACCOUNT_TOKEN_PURPOSES = {
  verify: 'account-verify', reset: 'account-reset', emailLink: 'account-email-link',
  // An administrator's invitation opens the reset page: choosing a first password is choosing a new one.
  invite: 'account-reset',
} as const;

/** How long each mailed link works. */
export const ACCOUNT_LINK_LIFETIMES_MS = { verify: 48 * HOUR, reset: HOUR, emailLink: 15 * MINUTE, invite: 7 * 24 * HOUR } as const;

/** The mail jobs: each makes its link's token when it sends, so no token exists that nobody was mailed. */
export const ACCOUNT_JOBS = {
  verify: 'accounts.verify-mail',
  addressTaken: 'accounts.address-taken-mail',
  reset: 'accounts.reset-mail',
  emailLink: 'accounts.email-link-mail',
  invite: 'accounts.invite-mail',
} as const;

/** An identity of an account: one whose account exists (for 'site', its e-mail is set by our own mailed link). */
export type AccountIdentity = Identity & { readonly userId: number };

export interface RegistrationInput {
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  /** A same-origin path to come back to once signed in (checked by the caller). */
  readonly returnTo?: string;
}

export interface Registration {
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
}

export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();

/**
 * Why `password` may not be chosen, if it may not (NIST 800-63B: a length range, no composition rules, no
 * known-breached passwords, nothing derived from the account's own name).
 */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lowered = password.trim().toLowerCase();
  const address = normalizeEmail(email);
  const localPart = address.split('@')[0] ?? '';
  if (lowered === address || (localPart !== '' && lowered === localPart)) {
    return 'Your password must not be your e-mail address or a part of it.';
  }
  if (isCommonPassword(password)) return 'This is one of the most common passwords, which attackers try first: choose another.';
  return undefined;
}

/** The fields of the registration form, checked together; ACCOUNT_INVALID names every field at fault. */
export function validateRegistration(input: Omit<RegistrationInput, 'returnTo'>): Registration {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  const problems: Record<string, string> = {};
  const emailError = emailProblem(email);
  if (emailError) problems.email = emailError;
  const nameError = displayNameProblem(displayName);
  if (nameError) problems.displayName = nameError;
  const passwordError = passwordProblem(input.password, email);
  if (passwordError) problems.password = passwordError;
  if (Object.keys(problems).length > 0) throw accountInvalid(problems);
  return { email, displayName, password: input.password };
}

/** The address of a form asking for a mailed link, normalised; ACCOUNT_INVALID when it cannot be one. */
export function validateEmail(raw: string): string {
  const email = normalizeEmail(raw);
  const problem = emailProblem(email);
  if (problem) throw accountInvalid({ email: problem });
  return email;
}

/**
 * The login an address suggests: its local part in the characters logins allow (lowercase letters, digits, dot,
 * dash, underscore), starting with a letter or digit; 'reader' when nothing usable is left.
 */
export function loginBaseOf(email: string): string {
  const local = (normalizeEmail(email).split('@')[0] ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = local.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 50).replace(/[._-]+$/, '');
  return cleaned === '' ? 'reader' : cleaned;
}

/** Logins to try in order: the base, then base-2 … base-20 (past that the caller adds a random suffix). */
export function loginCandidates(base: string): string[] {
  return [base, ...Array.from({ length: 19 }, (_, i) => `${base}-${i + 2}`)];
}

// Tokens are random (kernel randomToken: 43 base64url characters); anything far off that shape names no link.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The token of a link as it arrives in a URL, when it could be one. */
export function accountTokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && TOKEN_SHAPE.test(value) ? value : undefined;
}

/** A path a mail's link may carry back (already checked same-origin by the HTTP edge; re-checked loosely here). */
function returnToOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && value.length <= 2_000 ? value : undefined;
}

export interface UserMailPayload {
  readonly userId: number;
  readonly returnTo?: string;
}

export interface AddressMailPayload {
  readonly email: string;
  readonly returnTo?: string;
}

export function userMailPayloadOf(payload: unknown): UserMailPayload | undefined {
  const record = (payload ?? {}) as { userId?: unknown; returnTo?: unknown };
  if (typeof record.userId !== 'number' || !Number.isSafeInteger(record.userId) || record.userId <= 0) return undefined;
  const returnTo = returnToOf(record.returnTo);
  return returnTo === undefined ? { userId: record.userId } : { userId: record.userId, returnTo };
}

export function addressMailPayloadOf(payload: unknown): AddressMailPayload | undefined {
  const record = (payload ?? {}) as { email?: unknown; returnTo?: unknown };
  if (typeof record.email !== 'string' || record.email === '') return undefined;
  const returnTo = returnToOf(record.returnTo);
  return returnTo === undefined ? { email: record.email } : { email: record.email, returnTo };
}

/**
 * One mail of `kind` an hour per account, however often it is asked for (a confirmation re-sent at each
 * refused sign-in, the warning at each attempt to register the address): nobody's mailbox can be flooded.
 */
export function hourlyDedupeKey(kind: string, userId: number, now: Date): string {
  return `${kind}:${sha256(`account:${userId}`).slice(0, 24)}:${now.toISOString().slice(0, 13)}`;
}
