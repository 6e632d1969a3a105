// The page cache and Redis settings: defaults, accepted values, and the problems reported for bad ones.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('page cache and Redis settings', () => {
  it('default to a cached, single-process site', () => {
    expect(loadConfig({})).toMatchObject({ pageCache: true, redisUrl: undefined, redisPrefix: 'quire:' });
  });

  it.each([
    ['off', false],
    ['OFF', false],
    ['0', false],
    ['on', true],
    ['1', true],
  ])('reads QUIRE_PAGE_CACHE=%s', (value, expected) => {
    expect(loadConfig({ QUIRE_PAGE_CACHE: value }).pageCache).toBe(expected);
  });

  it('accepts redis:// and rediss:// URLs and a prefix', () => {
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache.internal:6380/2', QUIRE_REDIS_PREFIX: 'blog1:' })).toMatchObject({
      redisUrl: 'redis://:secret@cache.internal:6380/2',
      redisPrefix: 'blog1:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example.com' }).redisUrl).toBe('rediss://cache.example.com');
  });

  it('reports every bad value at once, each with what to write instead', () => {
    const problems = problemsOf({ QUIRE_PAGE_CACHE: 'sometimes', REDIS_URL: 'http://cache:6379', QUIRE_REDIS_PREFIX: 'my blog' });
    expect(problems).toEqual([
      'QUIRE_PAGE_CACHE must be on or off, not "sometimes".',
      expect.stringMatching(/^REDIS_URL must be a redis:\/\/ \(or rediss:\/\/ for TLS\) URL with a host, like redis:\/\/127\.0\.0\.1:6379/),
      expect.stringMatching(/^QUIRE_REDIS_PREFIX must be 1–64 letters/),
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://' })).toHaveLength(1);
    expect(problemsOf({ REDIS_URL: 'not a url' })).toHaveLength(1);
  });
});
