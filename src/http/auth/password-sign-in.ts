// Signing in with e-mail and password, shared by /admin/login and /account/login: both fields required, the rate
// limit (counted before the password is checked), one answer for an unknown address and a wrong password, logs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PASSWORD_MAX, type User, type UsersService, maskEmail } from '../../features/users/index.js';
import type { CounterStore } from '../../kernel/counters.js';
import { SIGN_IN_WINDOW_MS, createSignInThrottle, signInRateLimited } from './sign-in-throttle.js';

/** The same words whether the address has no account or the password is wrong: they reveal neither. */
export const SIGN_IN_FAILED = 'The e-mail address or password is incorrect.';

export type PasswordSignInResult =
  | { readonly ok: true; readonly user: User }
  /** `errors`: fields left empty; `alert`: the failure as a whole (SIGN_IN_FAILED). */
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>>; readonly alert: string | null };

export interface PasswordSignIn {
  /**
   * Checks the e-mail and password typed. Too many failures (per account and address, per address): throws
   * SIGN_IN_RATE_LIMITED, with Retry-After already set on `reply`.
   */
  attempt(request: FastifyRequest, reply: FastifyReply, email: string, password: string): Promise<PasswordSignInResult>;
}

export function createPasswordSignIn(deps: { readonly users: Pick<UsersService, 'authenticate'>; readonly counters: CounterStore }): PasswordSignIn {
  const throttle = createSignInThrottle(deps.counters);
  return {
    async attempt(request, reply, email, password) {
      const missing: Record<string, string> = {};
      if (!email) missing.email = 'Enter your e-mail address.';
      if (!password) missing.password = 'Enter your password.';
      if (Object.keys(missing).length > 0) return { ok: false, errors: missing, alert: null };

      const account = maskEmail(email.toLowerCase());
      if (!(await throttle.admit(email, request.ip))) {
        request.log.warn({ account, ip: request.ip }, 'sign-in refused: too many attempts');
        reply.header('Retry-After', String(SIGN_IN_WINDOW_MS / 1000));
        throw signInRateLimited();
      }
      // Nobody's password is longer; refusing it unread spares a megabyte of hashing.
      const user = password.length <= PASSWORD_MAX ? await deps.users.authenticate(email, password) : undefined;
      if (!user) {
        request.log.info({ account, ip: request.ip }, 'sign-in failed');
        return { ok: false, errors: {}, alert: SIGN_IN_FAILED };
      }
      await throttle.succeeded(email, request.ip);
      request.log.info({ account, userId: user.id, ip: request.ip }, 'signed in');
      return { ok: true, user };
    },
  };
}
