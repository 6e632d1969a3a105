// Sessions: how long one lives (idle and absolute lifetimes) and when its last-seen time is worth writing.
import type { SessionRecord } from '../../kernel/sessions.js';

export type { SessionRecord, SessionStore } from '../../kernel/sessions.js';

export interface SessionLifetimes {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, however busy (a stolen cookie does not live for ever). */
  readonly absoluteMs: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Writing lastSeenAt on every request would cost a write per page view; once a minute is precise enough. */
export const TOUCH_INTERVAL_MS = 60_000;

export function lifetimesOf(settings: { readonly sessionIdleHours: number; readonly sessionAbsoluteDays: number }): SessionLifetimes {
  return { idleMs: settings.sessionIdleHours * HOUR_MS, absoluteMs: settings.sessionAbsoluteDays * DAY_MS };
}

type Times = Pick<SessionRecord, 'createdAt' | 'lastSeenAt'>;

/** The absolute end: sign-in plus the absolute lifetime. */
export function absoluteEndOf(createdAt: string, lifetimes: SessionLifetimes): Date {
  return new Date(Date.parse(createdAt) + lifetimes.absoluteMs);
}

/** When the session ends if nothing more happens: the earlier of its idle end and its absolute end. */
export function expiryOf(times: Times, lifetimes: SessionLifetimes): Date {
  const idleEnd = Date.parse(times.lastSeenAt) + lifetimes.idleMs;
  return new Date(Math.min(idleEnd, absoluteEndOf(times.createdAt, lifetimes).getTime()));
}

/**
 * Whether the session is still valid at `now`, judged by today's lifetimes (not by the expiresAt stored
 * with it), so that shortening a lifetime in the settings takes effect on sessions already open.
 */
export function isLive(times: Times, now: Date, lifetimes: SessionLifetimes): boolean {
  return now.getTime() < expiryOf(times, lifetimes).getTime();
}

export function needsTouch(times: Pick<SessionRecord, 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - Date.parse(times.lastSeenAt) >= TOUCH_INTERVAL_MS;
}

/** A session that begins at `now`. */
export function newSessionRecord(userId: number, now: Date, lifetimes: SessionLifetimes, identityId?: number): SessionRecord {
  const at = now.toISOString();
  const expiresAt = expiryOf({ createdAt: at, lastSeenAt: at }, lifetimes).toISOString();
  return { userId, ...(identityId === undefined ? {} : { identityId }), createdAt: at, lastSeenAt: at, expiresAt };
}
