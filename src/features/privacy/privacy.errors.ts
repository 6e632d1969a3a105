// The privacy feature's refusals; each says what to do next.
import { AppError } from '../../kernel/errors.js';

export function privacyEmailInvalid(): AppError {
  return new AppError({
    code: 'PRIVACY_EMAIL_INVALID',
    kind: 'invalid',
    message: 'Please enter a valid e-mail address, such as ann@example.com.',
    details: { fields: { email: 'Enter the e-mail address you comment with, such as ann@example.com.' } },
  });
}

/**
 * No live privacy link has this token: mistyped, cut off, forged, older than 24 hours, or used up by an erasure.
 * Tokens are stored as hashes only, so these cannot be told apart, and one answer covers them all.
 */
export function privacyLinkInvalid(): AppError {
  return new AppError({
    code: 'PRIVACY_LINK_INVALID',
    kind: 'not_found',
    message: 'This link is no longer valid: ask for a new one.',
  });
}
