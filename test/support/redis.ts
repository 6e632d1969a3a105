// Redis for tests: where it is (QUIRE_TEST_REDIS_URL, else 127.0.0.1:6379), whether it answers, unique prefixes.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_TEST_URL = process.env.QUIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the Redis tests run. Where no Redis answers they are skipped with a loud message — except under
 * CI (CI=true), where they run and fail: CI must test the multi-process mode.
 */
export const redisReachable = await answers(REDIS_TEST_URL);
export const skipRedisTests = !redisReachable && !process.env.CI;
if (!redisReachable) {
  const line = '!'.repeat(78);
  console.error(
    `${line}\n!! Redis is not reachable at ${REDIS_TEST_URL}.\n!! ${
      process.env.CI ? 'CI must test Redis too: these tests will FAIL.' : 'SKIPPING the Redis tests. Start Redis to run them.'
    }\n${line}`,
  );
}

/** Keys and channels of one test file, apart from every other run's. */
export function uniqueRedisPrefix(): string {
  return `quire-test:${randomBytes(6).toString('hex')}:`;
}

/** Polls `check` until it holds or `timeoutMs` passes (events between processes arrive asynchronously). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}
