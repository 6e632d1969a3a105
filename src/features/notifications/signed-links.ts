// The signed links mail carries: what each kind says (its purpose and data), how long it lives, and reading one back.
import type { Signer } from '../../kernel/signed.js';
import { subscriberDigest } from '../subscriptions/index.js';

const DAY = 24 * 3_600_000;

/** Purposes keep one kind of link from being used as another: a confirm token never unsubscribes or moderates. */
export const LINK_PURPOSES = { confirm: 'subscription-confirm', unsubscribe: 'unsubscribe', moderate: 'moderate' } as const;

/** Confirmation links must be used soon; unsubscribe links outlive an old mail kept for a year; moderation mail is read within days. */
export const LINK_LIFETIMES_MS = { confirm: 7 * DAY, unsubscribe: 365 * DAY, moderate: 14 * DAY } as const;

export const LINK_PATHS = {
  confirm: '/subscriptions/confirm/',
  unsubscribe: '/subscriptions/unsubscribe/',
  moderate: '/comments/moderate/',
} as const;

export type ModerationAction = 'approve' | 'spam' | 'trash';
export const moderationActions: readonly ModerationAction[] = ['approve', 'spam', 'trash'];

export interface SubscriptionLinkData {
  readonly subscriptionId: number;
  /** subscriberDigest of the address the link was mailed to. */
  readonly emailDigest: string;
}

export interface ModerationLinkData {
  readonly commentId: number;
  /** Inside the signed data: a link made to approve cannot be turned into one that trashes. */
  readonly action: ModerationAction;
}

export interface LinkMaker {
  confirmUrl(subscription: { readonly id: number; readonly email: string }): string;
  unsubscribeUrl(subscription: { readonly id: number; readonly email: string }): string;
  moderateUrl(commentId: number, action: ModerationAction): string;
}

/** Absolute, signed links on the site's public address, valid from `now` for their kind's lifetime. */
export function createLinkMaker(signer: Signer, publicUrl: string, now: Date): LinkMaker {
  const base = publicUrl.replace(/\/+$/, '');
  const at = now.getTime();
  const subscriptionLink = (kind: 'confirm' | 'unsubscribe', subscription: { readonly id: number; readonly email: string }) =>
    `${base}${LINK_PATHS[kind]}${signer.sign(LINK_PURPOSES[kind], { s: subscription.id, k: subscriberDigest(subscription.email) }, at + LINK_LIFETIMES_MS[kind])}`;
  return {
    confirmUrl: (subscription) => subscriptionLink('confirm', subscription),
    unsubscribeUrl: (subscription) => subscriptionLink('unsubscribe', subscription),
    moderateUrl: (commentId, action) =>
      `${base}${LINK_PATHS.moderate}${signer.sign(LINK_PURPOSES.moderate, { c: commentId, a: action }, at + LINK_LIFETIMES_MS.moderate)}`,
  };
}

/** A link as the site reads it back: good, made by us but too old, or not ours at all. */
export type OpenedLink<T> = { readonly status: 'valid'; readonly data: T } | { readonly status: 'expired' } | { readonly status: 'invalid' };

function open<T>(signer: Signer, purpose: string, token: string, now: Date, read: (data: unknown) => T | undefined): OpenedLink<T> {
  const current = read(signer.verify(purpose, token, now.getTime()));
  if (current !== undefined) return { status: 'valid', data: current };
  // Verified as of the epoch: the signature is ours and only the time ran out, which deserves its own answer.
  return read(signer.verify(purpose, token, 0)) === undefined ? { status: 'invalid' } : { status: 'expired' };
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export function openSubscriptionLink(signer: Signer, kind: 'confirm' | 'unsubscribe', token: string, now: Date): OpenedLink<SubscriptionLinkData> {
  return open(signer, LINK_PURPOSES[kind], token, now, (data) => {
    const { s, k } = (data ?? {}) as { s?: unknown; k?: unknown };
    return isId(s) && typeof k === 'string' ? { subscriptionId: s, emailDigest: k } : undefined;
  });
}

export function openModerationLink(signer: Signer, token: string, now: Date): OpenedLink<ModerationLinkData> {
  return open(signer, LINK_PURPOSES.moderate, token, now, (data) => {
    const { c, a } = (data ?? {}) as { c?: unknown; a?: unknown };
    return isId(c) && typeof a === 'string' && (moderationActions as readonly string[]).includes(a)
      ? { commentId: c, action: a as ModerationAction }
      : undefined;
  });
}
