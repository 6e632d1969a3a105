// A commenter's own data (GDPR access and erasure): types, the address rule, the link's token rules and its mail job (pure).
import { sha256 } from '../../kernel/ids.js';
import { privacyEmailInvalid } from './privacy.errors.js';

/** Mails the link to the privacy page of an address, when anything is stored for it. */
export const PRIVACY_LINK_JOB = 'privacy.mail-link';
/** The one-time tokens' purpose for privacy links: no other kind of token opens this page. */
export const PRIVACY_LINK_PURPOSE = 'privacy';
/** How long a mailed link works (downloads as often as wanted; an erasure uses it up). */
export const PRIVACY_LINK_TTL_MS = 24 * 60 * 60_000;
/** What erased comments say instead of their text and their author's name. */
export const ERASED_TEXT = '[deleted]';

// Looser than the comment form's rule on purpose: any address a comment or subscription could carry passes.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;
const EMAIL_MAX = 254;

export interface CommentExport {
  readonly id: number;
  /** The comment it replies to, or null. */
  readonly parentId: number | null;
  readonly postId: number;
  readonly postTitle: string;
  /** Where the post lives on the site (root-relative). */
  readonly postPath: string;
  readonly date: string;
  readonly status: string;
  readonly name: string;
  readonly url: string;
  /** The text as written (Markdown). */
  readonly text: string;
}

/** A subscription as its owner downloads it (the subscriptions feature's export). */
export interface SubscriptionExportItem {
  readonly kind: string;
  readonly postId: number;
  readonly status: string;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
}

export interface PrivacyExport {
  readonly email: string;
  readonly exportedAt: string;
  readonly comments: readonly CommentExport[];
  readonly subscriptions: readonly SubscriptionExportItem[];
}

export interface ErasureReport {
  readonly comments: number;
  readonly subscriptions: number;
}

/** The address as comments and subscriptions store it (trimmed, lowercase); PRIVACY_EMAIL_INVALID otherwise. */
export function normalizePrivacyEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (email.length > EMAIL_MAX || !EMAIL.test(email)) throw privacyEmailInvalid();
  return email;
}

export interface PrivacyLinkPayload {
  readonly email: string;
}

export function privacyLinkPayloadOf(payload: unknown): PrivacyLinkPayload | undefined {
  const email = (payload as { email?: unknown } | null)?.email;
  return typeof email === 'string' && email !== '' ? { email } : undefined;
}

/**
 * At most one link an hour for an address, however often it is asked for: asking cannot be used to flood
 * someone's mailbox. The key carries a digest, not the address.
 */
export function privacyLinkDedupeKey(email: string, now: Date): string {
  return `${PRIVACY_LINK_JOB}:${sha256(`privacy:${email}`).slice(0, 24)}:${now.toISOString().slice(0, 13)}`;
}

// Tokens are random (kernel randomToken: 43 base64url characters); anything far off that shape names no link,
// and is refused without a database look-up.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The token of a link as typed in a URL or form, when it could be one. */
export function privacyTokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && TOKEN_SHAPE.test(value) ? value : undefined;
}
