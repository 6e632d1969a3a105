// The passkeys feature's refusals; each says what to do next.
import { AppError } from '../../kernel/errors.js';

export const passkeyErrors = {
  /** The site's address leaves browsers no way to use passkeys (plain http off localhost, or an IP address). */
  unavailable: () => new AppError({
    code: 'PASSKEYS_UNAVAILABLE',
    kind: 'not_found',
    message: 'This site does not offer passkeys: browsers allow them only on an https address with a domain name. Sign in another way.',
  }),

  /** The browser's answer is not a valid passkey response for this site and challenge (garbage, forged, another site's). */
  invalid: (cause?: unknown) => new AppError({
    code: 'PASSKEY_INVALID',
    kind: 'invalid',
    message: 'The passkey response could not be verified. Try again; if it keeps failing, use another way to sign in.',
    ...(cause === undefined ? {} : { cause }),
  }),

  /** No live challenge: never asked for, older than five minutes, answered already, or another session's. */
  challengeExpired: () => new AppError({
    code: 'PASSKEY_CHALLENGE_EXPIRED',
    kind: 'invalid',
    message: 'This passkey request has expired or was used already. Try again.',
  }),

  /** Sign-in with a credential this site does not know (removed from the account, or made for another site). */
  notRecognized: () => new AppError({
    code: 'PASSKEY_NOT_RECOGNIZED',
    kind: 'invalid',
    message: 'This passkey is not registered on this site (it may have been removed). Sign in another way, or choose another passkey.',
  }),

  /** The signature counter did not move forward: the passkey may have been copied, or the response replayed. */
  counterBackwards: () => new AppError({
    code: 'PASSKEY_COUNTER_INVALID',
    kind: 'forbidden',
    message: 'This passkey reported a signature counter that did not go up, which is a sign it may have been copied. Sign in another way and remove it from your account.',
  }),

  alreadyRegistered: () => new AppError({
    code: 'PASSKEY_ALREADY_REGISTERED',
    kind: 'conflict',
    message: 'This passkey is registered already. Your account page lists it.',
  }),

  notFound: () => new AppError({
    code: 'PASSKEY_NOT_FOUND',
    kind: 'not_found',
    message: 'Your account has no such passkey (it may have been removed already). Reload your account page.',
  }),

  lastSignInMethod: () => new AppError({
    code: 'PASSKEY_LAST_SIGN_IN_METHOD',
    kind: 'conflict',
    message: 'This passkey is the only way left to sign in to your account, so it cannot be removed. Add another passkey or link another way to sign in first.',
  }),
} as const;
