// Site accounts: registration (the same outcome whether or not the address has an account), the mailed links
// (confirmation, password reset, e-mail sign-in) and what each does when used, and the account's identities.
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { randomToken } from '../../kernel/ids.js';
import type { SessionsService } from '../sessions/index.js';
import type { TokensService } from '../tokens/index.js';
import { type User, type UsersService, hashPassword } from '../users/index.js';
import {
  ACCOUNT_JOBS, ACCOUNT_LINK_LIFETIMES_MS, ACCOUNT_TOKEN_PURPOSES, type AccountIdentity, type Registration, type RegistrationInput, SITE_PROVIDER,
  accountTokenOf, hourlyDedupeKey, loginBaseOf, loginCandidates, normalizeEmail, passwordProblem, validateRegistration,
} from './accounts.js';
import { accountEmailUnverified, accountInvalid, accountLinkInvalid, identityNotFound, lastSignInMethod } from './accounts.errors.js';
import * as repo from './accounts.repo.js';

type Purpose = keyof typeof ACCOUNT_TOKEN_PURPOSES;

/** How often a registration is tried while racing ones take the logins it picked (each round, one of them wins). */
const REGISTRATION_TRIES = 10;

/** Another writer stored the same address or login between this registration's reads and its insert. */
function isRegistrationRace(error: unknown): boolean {
  return isUniqueViolation(error) || (isAppError(error) && (error.code === 'USER_EMAIL_TAKEN' || error.code === 'USER_LOGIN_TAKEN'));
}

export interface AccountsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly users: Pick<
    UsersService, 'findById' | 'findByEmail' | 'setEmailVerified' | 'updatePassword' | 'clearPassword' | 'updateDisplayName'
  >;
  /** The users feature on the registration's (or unlink's) transaction: the account, its identity and its mail go together. */
  readonly usersWithin: (tx: Db) => Pick<UsersService, 'create' | 'findByLogin' | 'clearPassword'>;
  /** One-time tokens, stored hashed; their subject is the user id. */
  readonly tokens: Pick<TokensService, 'issue' | 'peek' | 'consume'>;
  readonly sessions: Pick<SessionsService, 'destroyAllForUser'>;
}

/** A mailed link's token, made as its mail is sent, and the account it is for. */
export interface IssuedLink {
  readonly user: User;
  readonly token: string;
}

export interface EmailLinkSignIn {
  readonly user: User;
  /** The account's 'site' identity: the session names it. */
  readonly identity: AccountIdentity;
  /**
   * The address was unproven until now, so the password chosen at registration (by whoever typed the address)
   * was removed: the owner of the address chooses their own.
   */
  readonly passwordRemoved: boolean;
}

export interface AccountsService {
  /**
   * A new subscriber with its 'site' identity and its confirmation mail, all stored or none; ACCOUNT_INVALID for
   * bad fields. An address that has an account already gets a warning mail instead: the caller cannot tell.
   */
  register(input: RegistrationInput): Promise<void>;
  /** Queues the confirmation mail again (at most one an hour). */
  requestVerification(userId: number, returnTo?: string): Promise<void>;
  /** Queues the invitation of an account an administrator made: a link to choose its first password (7 days, once). */
  requestInvitation(userId: number): Promise<void>;
  /** Queues a password-reset mail; the job sends nothing for an address without a site account. */
  requestPasswordReset(email: string): Promise<void>;
  /** Queues a sign-in link; the job sends nothing for an address without a site account. */
  requestEmailLink(email: string, returnTo?: string): Promise<void>;
  /** For the mail jobs: a new token of `purpose` (undefined: nothing to send, e.g. no such account, or confirmed already). */
  issueLink(purpose: Purpose, target: { readonly userId: number } | { readonly email: string }): Promise<IssuedLink | undefined>;
  /** The account a live link is for, without using it; ACCOUNT_LINK_INVALID otherwise. */
  openLink(purpose: Purpose, token: unknown): Promise<User>;
  /** Uses the confirmation link: the address is proven. */
  verify(token: unknown): Promise<User>;
  /** Uses the reset link: a new password (ACCOUNT_INVALID when it may not be chosen), every session of the account ends. */
  resetPassword(token: unknown, password: string): Promise<User>;
  /** Uses the sign-in link: the account to start a session for. */
  signInWithEmailLink(token: unknown): Promise<EmailLinkSignIn>;
  /**
   * After a correct password: the identity to start the session with. ACCOUNT_EMAIL_UNVERIFIED (and a new
   * confirmation mail) while the address is unproven.
   */
  admitPasswordSignIn(user: User, returnTo?: string): Promise<AccountIdentity>;
  /** The account's 'site' identity, made on first need for accounts that have none yet (staff made by an administrator). */
  ensureSiteIdentity(user: User): Promise<AccountIdentity>;
  listIdentities(userId: number): Promise<AccountIdentity[]>;
  /** Removes an identity of the account; never the last one (ACCOUNT_LAST_SIGN_IN_METHOD). Unlinking 'site' removes the password. */
  unlinkIdentity(userId: number, identityId: number): Promise<void>;
  /** The new display name on the account and its 'site' identity (what comments show). */
  updateDisplayName(userId: number, displayName: string): Promise<User>;
}

export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { db, clock, users, tokens } = deps;
  const now = () => clock.now().toISOString();

  async function queue(kind: string, payload: object, dedupeKey?: string, on: Db = db): Promise<void> {
    const at = now();
    await repo.queueAccountJob(on, { kind, payload, runAt: at, createdAt: at, dedupeKey: dedupeKey ?? null });
  }

  async function warnAddressTaken(user: User): Promise<void> {
    await queue(ACCOUNT_JOBS.addressTaken, { userId: user.id }, hourlyDedupeKey(ACCOUNT_JOBS.addressTaken, user.id, clock.now()));
  }

  /** The first login the address suggests that is free now and was not lost to a racing registration already. */
  async function uniqueLogin(tx: Db, email: string, lost: ReadonlySet<string>): Promise<string> {
    const within = deps.usersWithin(tx);
    for (const login of loginCandidates(loginBaseOf(email))) {
      if (!lost.has(login) && !(await within.findByLogin(login))) return login;
    }
    return `${loginBaseOf(email).slice(0, 40)}-${randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
  }

  /** The account, its 'site' identity and its confirmation mail, in one transaction, under `login`. */
  async function createSiteAccount(tx: Db, valid: Registration, login: string, passwordHash: string, returnTo: string | undefined) {
    const user = await deps.usersWithin(tx).create({ email: valid.email, login, displayName: valid.displayName, role: 'subscriber', passwordHash });
    await repo.insertIdentityIfAbsent(tx, {
      userId: user.id, provider: SITE_PROVIDER, subject: String(user.id), email: null, displayName: user.displayName, createdAt: now(),
    });
    const payload = returnTo === undefined ? { userId: user.id } : { userId: user.id, returnTo };
    await queue(ACCOUNT_JOBS.verify, payload, hourlyDedupeKey(ACCOUNT_JOBS.verify, user.id, clock.now()), tx);
  }

  /**
   * An account that may sign in by password, e-mail link or reset: one with a 'site' identity, or with no
   * identity at all (made by an administrator). An account made by a provider's sign-in is not: its address
   * is the provider's word, and the owner of a mailbox must not walk into someone else's account (no merging).
   */
  async function isSiteAccount(userId: number): Promise<boolean> {
    const identities = await repo.listIdentitiesOfUser(db, userId);
    return identities.length === 0 || identities.some((identity) => identity.provider === SITE_PROVIDER);
  }

  async function ensureSiteIdentity(user: User): Promise<AccountIdentity> {
    const subject = String(user.id);
    const email = user.emailVerifiedAt === null ? null : user.email;
    let identity = await repo.findIdentity(db, SITE_PROVIDER, subject);
    if (!identity) {
      await repo.insertIdentityIfAbsent(db, { userId: user.id, provider: SITE_PROVIDER, subject, email, displayName: user.displayName, createdAt: now() });
      identity = await repo.findIdentity(db, SITE_PROVIDER, subject);
    } else if (identity.email !== email) {
      await repo.updateIdentity(db, identity.id, { email });
      identity = { ...identity, email };
    }
    if (!identity) throw new Error(`The site identity of user ${user.id} could not be stored.`);
    return identity;
  }

  /**
   * The user a live token of `purpose` names; `use`: spend it (exactly one caller wins a race). A reset or sign-in
   * link of an account that stopped being a site account meanwhile (its 'site' identity unlinked) opens nothing.
   */
  async function userOfToken(purpose: Purpose, raw: unknown, use: boolean): Promise<User> {
    const token = accountTokenOf(raw);
    const kind = ACCOUNT_TOKEN_PURPOSES[purpose];
    const subject = token === undefined ? undefined : use ? await tokens.consume(kind, token) : await tokens.peek(kind, token);
    const user = subject === undefined ? undefined : await users.findById(Number(subject));
    if (!user || (purpose !== 'verify' && !(await isSiteAccount(user.id)))) throw accountLinkInvalid();
    return user;
  }

  /** The address is proven: stamped on the account, and vouched for by its 'site' identity. */
  async function markVerified(user: User): Promise<User> {
    await users.setEmailVerified(user.id);
    const verified = (await users.findById(user.id)) ?? user;
    await ensureSiteIdentity(verified);
    return verified;
  }

  return {
    async register(input) {
      const valid = validateRegistration(input);
      // Hashed whether or not the address is taken: the answer takes as long either way.
      const passwordHash = await hashPassword(valid.password);
      const existing = await users.findByEmail(valid.email);
      if (existing) return warnAddressTaken(existing);
      // The login is read free, then inserted: a registration racing for the same one makes the insert fail on
      // the unique index (the transaction is rolled back, on PostgreSQL it is aborted), so the whole transaction
      // is tried again with the next login.
      const lost = new Set<string>();
      for (let attempt = 1; ; attempt++) {
        let login = '';
        try {
          await repo.inTransaction(db, async (tx) => {
            login = await uniqueLogin(tx, valid.email, lost);
            await createSiteAccount(tx, valid, login, passwordHash, input.returnTo);
          });
          return;
        } catch (error) {
          if (!isRegistrationRace(error)) throw error;
          // Another registration of the same address won the race: its owner gets the warning, as above.
          const raced = await users.findByEmail(valid.email);
          if (raced) return warnAddressTaken(raced);
          if (attempt >= REGISTRATION_TRIES) throw error;
          lost.add(login);
        }
      }
    },

    async requestVerification(userId, returnTo) {
      const payload = returnTo === undefined ? { userId } : { userId, returnTo };
      await queue(ACCOUNT_JOBS.verify, payload, hourlyDedupeKey(ACCOUNT_JOBS.verify, userId, clock.now()));
    },
    requestInvitation: (userId) => queue(ACCOUNT_JOBS.invite, { userId }),
    requestPasswordReset: (email) => queue(ACCOUNT_JOBS.reset, { email: normalizeEmail(email) }),
    requestEmailLink: (email, returnTo) =>
      queue(ACCOUNT_JOBS.emailLink, returnTo === undefined ? { email: normalizeEmail(email) } : { email: normalizeEmail(email), returnTo }),

    async issueLink(purpose, target) {
      const user = 'userId' in target ? await users.findById(target.userId) : await users.findByEmail(target.email);
      if (!user) return undefined;
      if (purpose === 'verify' ? user.emailVerifiedAt !== null : !(await isSiteAccount(user.id))) return undefined;
      const token = await tokens.issue(ACCOUNT_TOKEN_PURPOSES[purpose], String(user.id), ACCOUNT_LINK_LIFETIMES_MS[purpose]);
      return { user, token };
    },

    openLink: (purpose, token) => userOfToken(purpose, token, false),

    async verify(token) {
      return markVerified(await userOfToken('verify', token, true));
    },

    async resetPassword(token, password) {
      const user = await userOfToken('reset', token, false);
      const problem = passwordProblem(password, user.email);
      if (problem) throw accountInvalid({ password: problem });
      // Spent before the change: of two uses racing, the second finds it gone and changes nothing.
      await userOfToken('reset', token, true);
      await users.updatePassword(user.id, password);
      // Whoever had the old password (or a session) is out: every session of the account ends.
      await deps.sessions.destroyAllForUser(user.id);
      return markVerified(user);
    },

    async signInWithEmailLink(token) {
      const user = await userOfToken('emailLink', token, true);
      const wasUnproven = user.emailVerifiedAt === null;
      // Only a subscriber registered themselves; staff passwords were set by an administrator, not by a stranger.
      const passwordRemoved = wasUnproven && user.role === 'subscriber';
      if (passwordRemoved) await users.clearPassword(user.id);
      const verified = wasUnproven ? await markVerified(user) : user;
      return { user: verified, identity: await ensureSiteIdentity(verified), passwordRemoved };
    },

    async admitPasswordSignIn(user, returnTo) {
      if (user.emailVerifiedAt === null) {
        const payload = returnTo === undefined ? { userId: user.id } : { userId: user.id, returnTo };
        await queue(ACCOUNT_JOBS.verify, payload, hourlyDedupeKey(ACCOUNT_JOBS.verify, user.id, clock.now()));
        throw accountEmailUnverified();
      }
      return ensureSiteIdentity(user);
    },

    ensureSiteIdentity,
    listIdentities: (userId) => repo.listIdentitiesOfUser(db, userId),

    async unlinkIdentity(userId, identityId) {
      await repo.inTransaction(db, async (tx) => {
        await repo.lockUser(tx, userId);
        const identities = await repo.listIdentitiesOfUser(tx, userId);
        const target = identities.find((identity) => identity.id === identityId);
        if (!target) throw identityNotFound();
        if (identities.length <= 1) throw lastSignInMethod();
        // Without its 'site' identity the account no longer signs in by password (nor by e-mail link).
        if (target.provider === SITE_PROVIDER) await deps.usersWithin(tx).clearPassword(userId);
        await repo.deleteIdentityOfUser(tx, userId, identityId);
      });
    },

    async updateDisplayName(userId, displayName) {
      const user = await users.updateDisplayName(userId, displayName);
      // Only a signed-in person changes their name: their account can be gone only if deleted this very moment.
      if (!user) throw new Error(`User ${userId} disappeared while changing their display name.`);
      const site = await repo.findIdentity(db, SITE_PROVIDER, String(userId));
      if (site) await repo.updateIdentity(db, site.id, { displayName: user.displayName });
      return user;
    },
  };
}
