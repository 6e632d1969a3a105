// Session lifetimes: the idle and absolute ends, which comes first, and when last-seen is worth writing.
import { describe, expect, it } from 'vitest';
import { absoluteEndOf, expiryOf, isLive, lifetimesOf, needsTouch, newSessionRecord } from './sessions.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const defaults = lifetimesOf({ sessionIdleHours: 48, sessionAbsoluteDays: 14 });
const at = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

describe('lifetimesOf', () => {
  it('turns the settings (hours, days) into milliseconds', () => {
    expect(defaults).toEqual({ idleMs: 2 * DAY, absoluteMs: 14 * DAY });
    expect(lifetimesOf({ sessionIdleHours: 1, sessionAbsoluteDays: 1 })).toEqual({ idleMs: HOUR, absoluteMs: DAY });
  });
});

describe('a new session', () => {
  it('starts now, was last seen now and expires at the idle end', () => {
    expect(newSessionRecord(7, at('2026-03-01T10:00:00Z'), defaults)).toEqual({
      userId: 7,
      createdAt: '2026-03-01T10:00:00.000Z',
      lastSeenAt: '2026-03-01T10:00:00.000Z',
      expiresAt: '2026-03-03T10:00:00.000Z',
    });
  });

  it('expires at the absolute end when that comes first (idle longer than absolute)', () => {
    const long = lifetimesOf({ sessionIdleHours: 720, sessionAbsoluteDays: 1 });
    expect(newSessionRecord(7, at('2026-03-01T10:00:00Z'), long).expiresAt).toBe('2026-03-02T10:00:00.000Z');
  });
});

describe('expiryOf and isLive', () => {
  const createdAt = '2026-03-01T10:00:00.000Z';

  it('lives until the idle lifetime after it was last seen, and not a millisecond longer', () => {
    const times = { createdAt, lastSeenAt: createdAt };
    expect(isLive(times, plus(createdAt, 2 * DAY - 1), defaults)).toBe(true);
    expect(isLive(times, plus(createdAt, 2 * DAY), defaults)).toBe(false);
  });

  it('moves the idle end with each use', () => {
    const lastSeenAt = plus(createdAt, 5 * DAY).toISOString();
    expect(expiryOf({ createdAt, lastSeenAt }, defaults).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(isLive({ createdAt, lastSeenAt }, plus(createdAt, 6 * DAY), defaults)).toBe(true);
  });

  it('never lives past the absolute lifetime, however recently used', () => {
    const lastSeenAt = plus(createdAt, 14 * DAY - HOUR).toISOString();
    expect(expiryOf({ createdAt, lastSeenAt }, defaults).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(absoluteEndOf(createdAt, defaults).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(isLive({ createdAt, lastSeenAt }, plus(createdAt, 14 * DAY - 1), defaults)).toBe(true);
    expect(isLive({ createdAt, lastSeenAt }, plus(createdAt, 14 * DAY), defaults)).toBe(false);
  });

  it('applies shortened lifetimes to sessions already open', () => {
    const times = { createdAt, lastSeenAt: createdAt };
    const strict = lifetimesOf({ sessionIdleHours: 1, sessionAbsoluteDays: 14 });
    expect(isLive(times, plus(createdAt, 2 * HOUR), defaults)).toBe(true);
    expect(isLive(times, plus(createdAt, 2 * HOUR), strict)).toBe(false);
  });
});

describe('needsTouch', () => {
  it('writes last-seen at most once a minute', () => {
    const lastSeenAt = '2026-03-01T10:00:00.000Z';
    expect(needsTouch({ lastSeenAt }, plus(lastSeenAt, 59_999))).toBe(false);
    expect(needsTouch({ lastSeenAt }, plus(lastSeenAt, 60_000))).toBe(true);
  });
});
