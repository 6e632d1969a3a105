// The pure rules of background jobs: backoff, leases, when a failure is retried and when the job is dead.
import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../kernel/errors.js';
import { JOB_RULES, MAX_ERROR_LENGTH, backoffDelayMs, describeError, isExhausted, leaseUntil, outcomeOfFailure, parsePayload, retryAt } from './jobs.js';

const rules = { leaseMs: 60_000, backoffBaseMs: 1_000, backoffCapMs: 10_000 };
const now = new Date('2026-03-14T09:00:00.000Z');

describe('backoff', () => {
  it('doubles from the base with each failed try', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, rules))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('stops growing at the cap, even after very many tries', () => {
    expect(backoffDelayMs(5, rules)).toBe(10_000);
    expect(backoffDelayMs(1_000, rules)).toBe(10_000);
    expect(backoffDelayMs(1_000)).toBe(JOB_RULES.backoffCapMs);
  });

  it('is deterministic (no jitter), so retry times can be predicted', () => {
    expect(retryAt(now, 2, rules)).toBe('2026-03-14T09:00:02.000Z');
    expect(retryAt(now, 2, rules)).toBe(retryAt(now, 2, rules));
  });

  it('treats a nonsensical attempt number as the first', () => {
    expect(backoffDelayMs(0, rules)).toBe(1_000);
  });
});

describe('leases', () => {
  it('end leaseMs after now, as ISO UTC text', () => {
    expect(leaseUntil(now, rules)).toBe('2026-03-14T09:01:00.000Z');
  });
});

describe('what a failed try leads to', () => {
  it('another try after the backoff while tries are left', () => {
    expect(outcomeOfFailure({ attempts: 1, maxAttempts: 3 }, new Error('boom'), now, rules)).toEqual({
      status: 'queued',
      runAt: '2026-03-14T09:00:01.000Z',
    });
    expect(outcomeOfFailure({ attempts: 2, maxAttempts: 3 }, new Error('boom'), now, rules)).toEqual({
      status: 'queued',
      runAt: '2026-03-14T09:00:02.000Z',
    });
  });

  it('a dead job once the last try failed', () => {
    expect(isExhausted({ attempts: 3, maxAttempts: 3 })).toBe(true);
    expect(isExhausted({ attempts: 2, maxAttempts: 3 })).toBe(false);
    expect(outcomeOfFailure({ attempts: 3, maxAttempts: 3 }, new Error('boom'), now, rules)).toEqual({ status: 'dead' });
  });

  it('a dead job at once when the job itself is invalid (no retry can mend it)', () => {
    const invalid = invalidInput('JOB_PAYLOAD_INVALID', 'bad payload');
    expect(outcomeOfFailure({ attempts: 1, maxAttempts: 8 }, invalid, now, rules)).toEqual({ status: 'dead' });
  });
});

describe('errors as recorded', () => {
  it('keep the name and message only, bounded', () => {
    const error = new TypeError('no such post');
    expect(describeError(error)).toBe('TypeError: no such post');
    expect(describeError(error)).not.toContain('at ');
    expect(describeError(new Error('x'.repeat(5_000)))).toHaveLength(MAX_ERROR_LENGTH);
    expect(describeError('a string')).toBe('Non-error thrown: a string');
  });
});

describe('payloads', () => {
  it('parse from JSON; a corrupt one becomes undefined', () => {
    expect(parsePayload('{"postId":3}')).toEqual({ postId: 3 });
    expect(parsePayload('{not json')).toBeUndefined();
  });
});
