// The refusals of signing in with a provider, and of linking an identity to an account.
import { AppError } from '../../kernel/errors.js';

export const identityErrors = {
  providerUnknown: () =>
    new AppError({ code: 'AUTH_PROVIDER_UNKNOWN', kind: 'not_found', message: 'This site offers no sign-in with that provider.' }),
  stateMissing: () =>
    new AppError({
      code: 'AUTH_STATE_MISSING', kind: 'invalid',
      message: 'This sign-in answer carries no state, so it cannot be matched to a sign-in you started. Start again from the site.',
    }),
  stateInvalid: () =>
    new AppError({
      code: 'AUTH_STATE_INVALID', kind: 'invalid',
      message: 'This sign-in has expired, was used already, or was not started here. Start again from the site.',
    }),
  otherBrowser: () =>
    new AppError({
      code: 'AUTH_BROWSER_MISMATCH', kind: 'forbidden',
      message: 'This sign-in was started in another browser (or this browser\'s cookies were cleared). Start again in this browser.',
    }),
  cancelled: (label: string) =>
    new AppError({ code: 'AUTH_CANCELLED', kind: 'invalid', message: `Sign-in was cancelled at ${label}. Nothing was changed.` }),
  providerRefused: (label: string) =>
    new AppError({ code: 'AUTH_PROVIDER_REFUSED', kind: 'invalid', message: `${label} did not sign you in. Start again, or choose another way to sign in.` }),
  answerInvalid: (label: string) =>
    new AppError({
      code: 'AUTH_ANSWER_INVALID', kind: 'invalid',
      message: `${label}'s answer could not be verified (it may have been used already, or have expired). Start again.`,
    }),
  providerUnavailable: (label: string, cause: unknown) =>
    new AppError({ code: 'AUTH_PROVIDER_UNAVAILABLE', kind: 'unavailable', message: `${label} cannot be reached right now. Try again in a few minutes.`, cause }),
  startRateLimited: () =>
    new AppError({ code: 'AUTH_START_RATE_LIMITED', kind: 'rate_limited', message: 'Too many sign-ins started from your address. Wait 15 minutes and try again.' }),
  linkedElsewhere: (label: string) =>
    new AppError({
      code: 'IDENTITY_LINKED_ELSEWHERE', kind: 'conflict',
      message: `This ${label} account already signs in to another account here. Sign in with it and unlink it there first.`,
    }),
};
