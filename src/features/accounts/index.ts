// Public surface of site accounts: registration, the mailed links (confirmation, reset, e-mail sign-in), identities.
export { createAccountsService } from './accounts.service.js';
export type { AccountsDeps, AccountsService, EmailLinkSignIn, IssuedLink } from './accounts.service.js';
export {
  ACCOUNT_JOBS, ACCOUNT_LINK_LIFETIMES_MS, ACCOUNT_TOKEN_PURPOSES, SITE_PROVIDER, addressMailPayloadOf, passwordProblem,
  userMailPayloadOf, validateEmail, validateRegistration,
} from './accounts.js';
export type { AccountIdentity, AddressMailPayload, Registration, RegistrationInput, UserMailPayload } from './accounts.js';
export { accountEmailUnverified, accountInvalid, accountLinkInvalid, identityNotFound, lastSignInMethod } from './accounts.errors.js';
export { buildAddressTakenMail, buildEmailLinkMail, buildInviteMail, buildResetMail, buildVerifyMail } from './accounts-mail.js';
export type { AccountMailInput } from './accounts-mail.js';
export { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords.js';
