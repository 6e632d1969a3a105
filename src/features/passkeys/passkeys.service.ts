// Passkeys of accounts: the options a browser needs to make or use one, checking what it answers
// (@simplewebauthn/server), storing them, counting their signatures, and removing them (never the last way in).
import {
  type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON, generateAuthenticationOptions,
  generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { SITE_PROVIDER } from '../accounts/index.js';
import { type IdentityService, isPlaceholderEmail } from '../identity/index.js';
import type { SettingsService } from '../settings/index.js';
import type { User, UsersService } from '../users/index.js';
import {
  PASSKEY_CHALLENGE_LIFETIME_MS, type Passkey, type RelyingParty, type StoredCredential, cleanTransports, defaultPasskeyName,
  isAuthenticationResponse, isCounterSuspicious, isRegistrationResponse, relyingPartyOf, userHandleOf,
} from './passkeys.js';
import { passkeyErrors } from './passkeys.errors.js';
import * as repo from './passkeys.repo.js';

export interface PasskeysDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** config.publicUrl: the relying party's id is its host, the origin responses must come from is its origin. */
  readonly publicUrl: string;
  /** The site's secret: makes the accounts' opaque user handles. */
  readonly secret: string;
  /** The site's title names the relying party in the browser's dialog. */
  readonly settings: Pick<SettingsService, 'get'>;
  readonly users: Pick<UsersService, 'findById'>;
  /** The account's other ways to sign in (the last-passkey rule). */
  readonly identities: Pick<IdentityService, 'listForUser'>;
}

export interface PasskeySignIn {
  readonly user: User;
  readonly passkey: Passkey;
}

export interface PasskeysService {
  /** The relying party, or undefined when browsers cannot use passkeys at the site's address (see relyingPartyOf). */
  readonly relyingParty: RelyingParty | undefined;
  listForUser(userId: number): Promise<Passkey[]>;
  /** What navigator.credentials.create() needs (its challenge is the caller's to keep); PASSKEYS_UNAVAILABLE when none. */
  registrationOptions(user: User): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** Checks the new credential against the challenge and stores it: PASSKEY_INVALID, PASSKEY_ALREADY_REGISTERED. */
  verifyRegistration(user: User, response: unknown, expectedChallenge: string): Promise<Passkey>;
  /** What navigator.credentials.get() needs: discoverable credentials, so no list of ids (nobody is named yet). */
  authenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /**
   * The account whose passkey signed the challenge; its counter and last use recorded. PASSKEY_INVALID,
   * PASSKEY_NOT_RECOGNIZED, PASSKEY_COUNTER_INVALID (a counter that did not go up).
   */
  verifyAuthentication(response: unknown, expectedChallenge: string): Promise<PasskeySignIn>;
  /** PASSKEY_NOT_FOUND; PASSKEY_LAST_SIGN_IN_METHOD when nothing else would sign the account in. */
  remove(userId: number, credentialId: string): Promise<void>;
}

const publicOf = ({ publicKey: _key, ...passkey }: StoredCredential): Passkey => passkey;

/** `base` or, when the account has a passkey of that name already, "base 2", "base 3"… */
function uniqueName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base} ${n}`;
  return name;
}

export function createPasskeysService(deps: PasskeysDeps): PasskeysService {
  const { db, clock } = deps;
  const relyingParty = relyingPartyOf(deps.publicUrl);

  function requireRelyingParty(): RelyingParty {
    if (!relyingParty) throw passkeyErrors.unavailable();
    return relyingParty;
  }

  const handleOf = (userId: number) => Buffer.from(userHandleOf(deps.secret, userId)).toString('base64url');

  /** Whether the account signs in some other way than passkeys: a password, a provider, or a link mailed to a proven address. */
  async function signsInOtherwise(user: User): Promise<boolean> {
    const identities = await deps.identities.listForUser(user.id);
    if (identities.some((identity) => identity.provider !== SITE_PROVIDER)) return true;
    // The accounts feature mails sign-in links to site accounts (a 'site' identity, or none at all) at a proven address.
    const mailable = user.emailVerifiedAt !== null && !isPlaceholderEmail(user.email);
    if (mailable && (identities.length === 0 || identities.some((identity) => identity.provider === SITE_PROVIDER))) return true;
    return repo.hasPassword(db, user.id);
  }

  return {
    relyingParty,

    async listForUser(userId) {
      return (await repo.listCredentialsOfUser(db, userId)).map(publicOf);
    },

    async registrationOptions(user) {
      const rp = requireRelyingParty();
      const existing = await repo.listCredentialsOfUser(db, user.id);
      const settings = await deps.settings.get();
      return generateRegistrationOptions({
        rpName: settings.title,
        rpID: rp.rpID,
        // Accounts made by a provider's sign-in have a made-up address: their name means more in the dialog.
        userName: isPlaceholderEmail(user.email) ? user.displayName : user.email,
        userDisplayName: user.displayName,
        userID: userHandleOf(deps.secret, user.id),
        timeout: PASSKEY_CHALLENGE_LIFETIME_MS,
        attestationType: 'none',
        // The browser refuses to make a second passkey on an authenticator that holds one for this account already.
        excludeCredentials: existing.map((credential) => ({ id: credential.id, transports: [...credential.transports] })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
    },

    async verifyRegistration(user, response, expectedChallenge) {
      const rp = requireRelyingParty();
      if (!isRegistrationResponse(response)) throw passkeyErrors.invalid();
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response: { ...response, clientExtensionResults: response.clientExtensionResults ?? {} },
          expectedChallenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          // Asked for as 'preferred': an authenticator without a PIN or biometrics still proves possession.
          requireUserVerification: false,
        });
      } catch (error) {
        throw passkeyErrors.invalid(error);
      }
      if (!verified.verified) throw passkeyErrors.invalid();
      const info = verified.registrationInfo;
      if (info.credential.id !== response.id) throw passkeyErrors.invalid();
      const transports = cleanTransports(response.response.transports);
      const existing = await repo.listCredentialsOfUser(db, user.id);
      const row = {
        id: info.credential.id,
        userId: user.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports,
        name: uniqueName(defaultPasskeyName(info.credentialDeviceType, info.credentialBackedUp, transports), existing.map((c) => c.name)),
        createdAt: clock.now().toISOString(),
      };
      if (!(await repo.insertCredential(db, row))) throw passkeyErrors.alreadyRegistered();
      return { ...row, lastUsedAt: null };
    },

    async authenticationOptions() {
      const rp = requireRelyingParty();
      return generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'preferred', timeout: PASSKEY_CHALLENGE_LIFETIME_MS });
    },

    async verifyAuthentication(response, expectedChallenge) {
      const rp = requireRelyingParty();
      if (!isAuthenticationResponse(response)) throw passkeyErrors.invalid();
      const stored = await repo.findCredential(db, response.id);
      if (!stored) throw passkeyErrors.notRecognized();
      // A discoverable passkey names its account: it must be the account the credential belongs to.
      const userHandle = response.response.userHandle;
      if (userHandle !== undefined && userHandle !== null && userHandle !== handleOf(stored.userId)) throw passkeyErrors.invalid();
      let verified;
      try {
        verified = await verifyAuthenticationResponse({
          response: { ...response, clientExtensionResults: response.clientExtensionResults ?? {} },
          expectedChallenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          // Counter 0 turns the library's own counter check off: ours runs below, once the signature is proven,
          // so that a forged response cannot pass for a cloned passkey, and the refusal has its own code.
          credential: { id: stored.id, publicKey: Buffer.from(stored.publicKey, 'base64url'), counter: 0, transports: [...stored.transports] },
          requireUserVerification: false,
        });
      } catch (error) {
        throw passkeyErrors.invalid(error);
      }
      if (!verified.verified) throw passkeyErrors.invalid();
      const counter = verified.authenticationInfo.newCounter;
      if (isCounterSuspicious(stored.counter, counter)) throw passkeyErrors.counterBackwards();
      const usedAt = clock.now().toISOString();
      // Another sign-in with the same counter value got there first: this one is the replay (or the clone).
      if (!(await repo.updateCredentialUse(db, stored.id, stored.counter, counter, usedAt))) throw passkeyErrors.counterBackwards();
      const user = await deps.users.findById(stored.userId);
      if (!user) throw passkeyErrors.notRecognized();
      return { user, passkey: { ...publicOf(stored), counter, lastUsedAt: usedAt } };
    },

    async remove(userId, credentialId) {
      const user = await deps.users.findById(userId);
      if (!user) throw passkeyErrors.notFound();
      // Asked before the transaction, which (on SQLite) holds the only connection: other features' reads would wait on it.
      const otherwise = await signsInOtherwise(user);
      await repo.inTransaction(db, async (tx) => {
        await repo.lockUser(tx, userId);
        const mine = await repo.listCredentialsOfUser(tx, userId);
        if (!mine.some((credential) => credential.id === credentialId)) throw passkeyErrors.notFound();
        if (mine.length <= 1 && !otherwise) throw passkeyErrors.lastSignInMethod();
        await repo.deleteCredentialOfUser(tx, userId, credentialId);
      });
    },
  };
}
