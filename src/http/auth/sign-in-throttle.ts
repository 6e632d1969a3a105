// Rate limits on sign-in attempts, counted in the shared CounterStore so that every process enforces the same limit.
import type { CounterStore } from '../../kernel/counters.js';
import { AppError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/ids.js';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Guessing one account's password from one address. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Trying many accounts from one address. */
export const MAX_FAILURES_PER_ADDRESS = 50;

export interface SignInThrottle {
  /**
   * Counts an attempt before its password is checked (so a burst of parallel guesses is counted in full)
   * and tells whether it may go ahead.
   */
  admit(email: string, ip: string): Promise<boolean>;
  /** The attempt succeeded: it was no failure, so its counts are taken back. */
  succeeded(email: string, ip: string): Promise<void>;
}

export function signInRateLimited(): AppError {
  return new AppError({ code: 'SIGN_IN_RATE_LIMITED', kind: 'rate_limited', message: 'Too many sign-in attempts. Wait 15 minutes and try again.' });
}

export function createSignInThrottle(counters: CounterStore): SignInThrottle {
  // The address is hashed: counter keys (in Redis, say) need not hold anyone's e-mail address.
  const accountKey = (email: string, ip: string) => `signin:account:${sha256(email.trim().toLowerCase())}:${ip}`;
  const addressKey = (ip: string) => `signin:address:${ip}`;
  return {
    async admit(email, ip) {
      const [account, address] = await Promise.all([
        counters.hit(accountKey(email, ip), SIGN_IN_WINDOW_MS),
        counters.hit(addressKey(ip), SIGN_IN_WINDOW_MS),
      ]);
      return account <= MAX_FAILURES_PER_ACCOUNT && address <= MAX_FAILURES_PER_ADDRESS;
    },
    async succeeded(email, ip) {
      await Promise.all([counters.release(accountKey(email, ip)), counters.release(addressKey(ip))]);
    },
  };
}
