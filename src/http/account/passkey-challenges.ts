// Where passkey challenges wait for the browser's answer: a signed, HttpOnly, SameSite=Strict cookie that lives five
// minutes, honoured once. Signed (deps.signer), so nothing is stored per request: anonymous visitors asking for
// sign-in options write no rows anyone must clean up. Once, because a shared counter (the rate limits' store, in
// Redis or the cluster hub when there are several processes) marks each challenge spent for as long as it could
// live; a replayed answer finds it spent. Adding a passkey binds its challenge to the account and to the very
// session that asked (a hash of the session token), so another browser's or an ended session's cookie is refused.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PASSKEY_CHALLENGE_LIFETIME_MS, passkeyErrors } from '../../features/passkeys/index.js';
import type { User } from '../../features/users/index.js';
import { sha256 } from '../../kernel/ids.js';
import { isSecureSite, sessionTokenOf } from '../auth/session-cookie.js';
import { PASSKEY_REGISTRATION_COOKIE, PASSKEY_SIGN_IN_COOKIE } from '../cookie-names.js';
import type { HttpDeps } from '../deps.js';

export type ChallengePurpose = 'registration' | 'sign-in';

const COOKIES: Readonly<Record<ChallengePurpose, { readonly name: string; readonly path: string }>> = {
  registration: { name: PASSKEY_REGISTRATION_COOKIE, path: '/account/passkeys' },
  'sign-in': { name: PASSKEY_SIGN_IN_COOKIE, path: '/auth/passkey' },
};

interface Signed {
  /** The challenge. */
  readonly c: string;
  /** What it is bound to: the account and session for registration, nothing for sign-in. */
  readonly b: string;
}

const isSigned = (value: unknown): value is Signed =>
  typeof value === 'object' && value !== null && typeof (value as Signed).c === 'string' && typeof (value as Signed).b === 'string';

/** The account and session a registration challenge belongs to (empty for a request without a session). */
export function registrationBinding(request: FastifyRequest, user: User): string {
  const token = sessionTokenOf(request);
  return token ? `${user.id}:${sha256(token)}` : '';
}

export interface PasskeyChallenges {
  /** Sets the cookie that carries `challenge` for `purpose`, bound to `binding`. */
  keep(reply: FastifyReply, purpose: ChallengePurpose, challenge: string, binding: string): void;
  /**
   * The challenge the browser was given, spent by this call, and the cookie cleared. PASSKEY_CHALLENGE_EXPIRED
   * when there is none: no cookie, not ours, expired, bound to another account or session, or spent already.
   */
  take(request: FastifyRequest, reply: FastifyReply, purpose: ChallengePurpose, binding: string): Promise<string>;
}

export function createPasskeyChallenges(deps: Pick<HttpDeps, 'signer' | 'clock' | 'counters' | 'config'>): PasskeyChallenges {
  const secure = isSecureSite(deps.config.publicUrl);
  const signerPurpose = (purpose: ChallengePurpose) => `passkey-${purpose}`;
  return {
    keep(reply, purpose, challenge, binding) {
      const expires = deps.clock.now().getTime() + PASSKEY_CHALLENGE_LIFETIME_MS;
      const value = deps.signer.sign(signerPurpose(purpose), { c: challenge, b: binding } satisfies Signed, expires);
      const { name, path } = COOKIES[purpose];
      // Strict: no other site's page can make the browser send it, so nobody else's answer is checked against it.
      reply.setCookie(name, value, { path, httpOnly: true, sameSite: 'strict', secure, maxAge: PASSKEY_CHALLENGE_LIFETIME_MS / 1000 });
    },

    async take(request, reply, purpose, binding) {
      const { name, path } = COOKIES[purpose];
      const signed = deps.signer.verify(signerPurpose(purpose), request.cookies[name], deps.clock.now().getTime());
      if (request.cookies[name] !== undefined) reply.clearCookie(name, { path, httpOnly: true, sameSite: 'strict', secure });
      if (!isSigned(signed) || signed.b !== binding) throw passkeyErrors.challengeExpired();
      // The first hit opens a window as long as the cookie can live: any later use of the same challenge is a replay.
      const uses = await deps.counters.hit(`passkey-challenge:${sha256(signed.c)}`, PASSKEY_CHALLENGE_LIFETIME_MS);
      if (uses !== 1) throw passkeyErrors.challengeExpired();
      return signed.c;
    },
  };
}
