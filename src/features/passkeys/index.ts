// Public surface of passkeys (WebAuthn): options for the browser, verifying what it answers, the account's list.
export { createPasskeysService } from './passkeys.service.js';
export type { PasskeySignIn, PasskeysDeps, PasskeysService } from './passkeys.service.js';
export { PASSKEY_CHALLENGE_LIFETIME_MS, relyingPartyOf } from './passkeys.js';
export type { Passkey, RelyingParty } from './passkeys.js';
export { passkeyErrors } from './passkeys.errors.js';
