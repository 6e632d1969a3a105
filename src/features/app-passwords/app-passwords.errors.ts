// The application passwords feature's refusals; each says what to do next.
import { AppError } from '../../kernel/errors.js';
import { APP_PASSWORD_NAME_MAX, MAX_APP_PASSWORDS_PER_USER } from './app-passwords.js';

export const appPasswordErrors = {
  nameInvalid: () => new AppError({
    code: 'APP_PASSWORD_NAME_INVALID',
    kind: 'invalid',
    message: `Name the application password (1–${APP_PASSWORD_NAME_MAX} characters, without control characters), e.g. after the app that will use it.`,
    details: { fields: { name: `A name is 1–${APP_PASSWORD_NAME_MAX} characters, without control characters.` } },
  }),

  /** WordPress 5.7+ refuses a second password of the same name: the list could not tell them apart. */
  nameTaken: (name: string) => new AppError({
    code: 'APP_PASSWORD_NAME_TAKEN',
    kind: 'conflict',
    message: `This account already has an application password named "${name}". Choose another name, or revoke the old one first.`,
    details: { fields: { name: 'This name is used by another of your application passwords.' } },
  }),

  tooMany: () => new AppError({
    code: 'APP_PASSWORD_LIMIT_REACHED',
    kind: 'conflict',
    message: `An account may have at most ${MAX_APP_PASSWORDS_PER_USER} application passwords. Revoke some you no longer use first.`,
  }),

  notFound: () => new AppError({
    code: 'APP_PASSWORD_NOT_FOUND',
    kind: 'not_found',
    message: 'This account has no such application password (it may have been revoked already). Reload the list.',
  }),

  userNotFound: () => new AppError({
    code: 'APP_PASSWORD_USER_NOT_FOUND',
    kind: 'not_found',
    message: 'No account has this e-mail address or login. Check it for typing mistakes.',
  }),
} as const;
