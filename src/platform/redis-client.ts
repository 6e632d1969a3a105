// Opens ioredis connections the same way everywhere: named, bounded retries, and a clear error when Redis is absent.
import type { Redis } from 'ioredis';

const CONNECT_TIMEOUT_MS = 5_000;

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}

/**
 * Connects a client and resolves once Redis answers. A process that was told to share state through
 * Redis must not start without it: its caches could not hear the other processes' changes.
 */
export async function connectRedis(url: string, name: string, onError: (error: unknown) => void = () => {}): Promise<Redis> {
  // Loaded on first use: a site without REDIS_URL never pays ioredis's memory (about 20 MB).
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    connectionName: name,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // A command waits through two reconnection attempts at most, then fails instead of hanging a request.
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Until connected, failures reach the caller as the rejection below, not as 'error' events too.
  const quiet = () => {};
  client.on('error', quiet);
  try {
    await client.connect();
    await client.ping();
    client.off('error', quiet);
    // From now on ioredis reconnects by itself; each failed attempt is worth a log line.
    client.on('error', onError);
    return client;
  } catch (error) {
    client.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis at ${redactRedisUrl(url)} (REDIS_URL) did not answer: ${reason}`, { cause: error });
  }
}

/** Closes politely (QUIT), or drops the connection when Redis is already gone. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
