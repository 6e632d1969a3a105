// E-mail subscriptions: their types and the pure rules (valid requests, who hears of a comment, the confirmation job).
import type { NewJob } from '../../db/outbox.js';
import type { SubscriptionKind } from '../../db/tables.js';
import { sha256 } from '../../kernel/ids.js';

export type { SubscriptionKind } from '../../db/tables.js';

export interface Subscription {
  readonly id: number;
  readonly email: string;
  /** 'comments': every new comment on postId; 'replies': replies to this address's comments on postId; 'posts': new posts. */
  readonly kind: SubscriptionKind;
  /** The post followed; 0 for 'posts' (site-wide). */
  readonly postId: number;
  readonly status: 'pending' | 'active';
  /** For a pending subscription: when its confirmation was last asked for (see request()). */
  readonly createdAt: string;
  readonly confirmedAt: string | null;
}

export interface SubscriptionRequest {
  readonly email: string;
  readonly kind: SubscriptionKind;
  readonly postId: number;
}

export const subscriptionKinds: readonly SubscriptionKind[] = ['comments', 'replies', 'posts'];

/** Mails the double opt-in link of one pending subscription. */
export const SUBSCRIPTION_CONFIRM_JOB = 'subscriptions.confirm-mail';

/** Asking again re-sends the confirmation, but no more often than this: the form must not become a way to flood an inbox. */
export const CONFIRM_RESEND_MS = 10 * 60_000;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const MAX_EMAIL = 100;

export function normalizeSubscriberEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A short digest of an address, carried in signed links instead of the address itself (links end up in logs
 * and browser histories): it ties a link to the address it was mailed to, so it never acts on a row that
 * replaced an erased one under the same id.
 */
export function subscriberDigest(email: string): string {
  return sha256(`subscriber:${normalizeSubscriberEmail(email)}`).slice(0, 16);
}

/** The request with its address normalized, or the reason it cannot be a subscription. */
export function checkSubscriptionRequest(input: SubscriptionRequest): { ok: true; value: SubscriptionRequest } | { ok: false; problem: string } {
  const email = normalizeSubscriberEmail(input.email);
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) return { ok: false, problem: 'Give a valid e-mail address, such as ann@example.com.' };
  if (!subscriptionKinds.includes(input.kind)) return { ok: false, problem: 'Choose what to be notified of: comments, replies or posts.' };
  const postId = input.kind === 'posts' ? 0 : input.postId;
  if (!Number.isSafeInteger(postId) || postId < 0 || (input.kind !== 'posts' && postId === 0)) {
    return { ok: false, problem: 'Choose the post whose comments you want to follow.' };
  }
  return { ok: true, value: { email, kind: input.kind, postId } };
}

export interface SubscriptionJobPayload {
  readonly subscriptionId: number;
}

export function confirmMailJob(subscriptionId: number, now: string): NewJob {
  const payload: SubscriptionJobPayload = { subscriptionId };
  return { kind: SUBSCRIPTION_CONFIRM_JOB, payload, runAt: now, createdAt: now };
}

export function subscriptionJobPayloadOf(payload: unknown): SubscriptionJobPayload | undefined {
  const id = (payload as { subscriptionId?: unknown } | null)?.subscriptionId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? { subscriptionId: id } : undefined;
}

/** What the fan-out needs to know of a new comment. */
export interface CommentFacts {
  readonly authorEmail: string;
  /** The address that wrote the comment replied to ('' when it is not a reply, or its author gave none). */
  readonly parentAuthorEmail: string;
}

/**
 * Who hears of an approved comment, one subscription per address: every 'comments' subscriber of the post,
 * and 'replies' subscribers who wrote the comment's direct parent (a reply to a reply of theirs is not
 * theirs, as in the WordPress plugins). Never the comment's own author. A 'replies' subscription wins over a
 * 'comments' one of the same address, so the mail can say "a reply to your comment".
 */
export function selectCommentRecipients(subscriptions: readonly Subscription[], comment: CommentFacts): Subscription[] {
  const author = normalizeSubscriberEmail(comment.authorEmail);
  const parent = normalizeSubscriberEmail(comment.parentAuthorEmail);
  const chosen = new Map<string, Subscription>();
  for (const subscription of subscriptions) {
    if (subscription.status !== 'active' || subscription.email === author) continue;
    const wanted = subscription.kind === 'comments' || (subscription.kind === 'replies' && parent !== '' && subscription.email === parent);
    if (!wanted) continue;
    const current = chosen.get(subscription.email);
    if (!current || (current.kind === 'comments' && subscription.kind === 'replies')) chosen.set(subscription.email, subscription);
  }
  return [...chosen.values()];
}

/** A subscription as its owner downloads it (privacy export): no internal ids beyond the post's. */
export interface SubscriptionExport {
  readonly kind: SubscriptionKind;
  readonly postId: number;
  readonly status: 'pending' | 'active';
  readonly createdAt: string;
  readonly confirmedAt: string | null;
}

export function toSubscriptionExport(subscription: Subscription): SubscriptionExport {
  const { kind, postId, status, createdAt, confirmedAt } = subscription;
  return { kind, postId, status, createdAt, confirmedAt };
}
