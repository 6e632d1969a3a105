// The accounts feature's refusals; each says what to do next.
import { AppError } from '../../kernel/errors.js';

/** Fields of an account form at fault; `fields` maps each to what is wrong (the page shows it beside the field). */
export function accountInvalid(fields: Readonly<Record<string, string>>): AppError {
  return new AppError({
    code: 'ACCOUNT_INVALID',
    kind: 'invalid',
    message: 'Some of the details are not valid: correct the fields named.',
    details: { fields },
  });
}

/**
 * No live link has this token: mistyped, cut off, forged, expired, or used already. Tokens are stored as
 * hashes only, so these cannot be told apart, and one answer covers them all.
 */
export function accountLinkInvalid(): AppError {
  return new AppError({
    code: 'ACCOUNT_LINK_INVALID',
    kind: 'not_found',
    message: 'This link is no longer valid: it was used already, or it expired. Ask for a new one.',
  });
}

export function accountEmailUnverified(): AppError {
  return new AppError({
    code: 'ACCOUNT_EMAIL_UNVERIFIED',
    kind: 'forbidden',
    message: 'Confirm your e-mail address first: we sent a new confirmation link to it. Open it, then sign in.',
  });
}

export function lastSignInMethod(): AppError {
  return new AppError({
    code: 'ACCOUNT_LAST_SIGN_IN_METHOD',
    kind: 'conflict',
    message: 'This is the only way left to sign in to your account, so it cannot be unlinked. Link another one first.',
  });
}

export function identityNotFound(): AppError {
  return new AppError({
    code: 'ACCOUNT_IDENTITY_NOT_FOUND',
    kind: 'not_found',
    message: 'Your account has no such sign-in method (it may have been unlinked already). Reload your account page.',
  });
}
