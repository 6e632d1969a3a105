// Signing in with a provider's profile: find the identity or make a new subscriber account for it (never by
// e-mail), and link identities to a signed-in account on request. (Unlinking is the accounts feature's.)
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { User, UsersService } from '../users/index.js';
import type { AvatarStore } from './avatars.js';
import { type Identity, cleanDisplayName, cleanEmail, isUsableSubject, newProviderAccountNames } from './identity.js';
import { identityErrors } from './identity.errors.js';
import * as repo from './identity.repo.js';
import type { ProviderProfile } from './providers.js';

export interface SignInOptions {
  /** Link the identity to this (signed-in) account instead of finding or making one. */
  readonly linkToUserId?: number;
  /** The provider's name, for messages and a display name of last resort. */
  readonly label?: string;
  /** The provider is a local test one: its picture may come over plain http from this machine, or a private address. */
  readonly allowLoopbackPicture?: boolean;
}

export interface SignedInIdentity {
  readonly user: User;
  readonly identity: Identity;
  /** True when this sign-in made the account. */
  readonly created: boolean;
}

export interface IdentityService {
  signInWithProfile(provider: string, profile: ProviderProfile, options?: SignInOptions): Promise<SignedInIdentity>;
  findById(id: number): Promise<Identity | undefined>;
  listForUser(userId: number): Promise<Identity[]>;
  /** The stored picture behind `/avatars/<name>`, or undefined for a name the store never writes. */
  avatarFile(name: string): ReturnType<AvatarStore['fileOf']>;
}

export interface IdentityDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly users: Pick<UsersService, 'findById'>;
  /** The users feature on a transaction: an account and its first identity are written together. */
  readonly usersWithin: (tx: Db) => Pick<UsersService, 'create'>;
  readonly avatars: AvatarStore;
}

export function createIdentityService(deps: IdentityDeps): IdentityService {
  const { db, clock } = deps;

  async function userOf(identity: Identity): Promise<User> {
    const user = identity.userId === null ? undefined : await deps.users.findById(identity.userId);
    if (!user) throw new Error(`Identity ${identity.id} has no account.`);
    return user;
  }

  /** A new subscriber account with this identity attached (the identity row made, or an unlinked one adopted). */
  async function createAccount(provider: string, subject: string, fields: Fields, existing: Identity | undefined): Promise<SignedInIdentity> {
    const names = newProviderAccountNames(provider);
    return repo.inTransaction(db, async (tx) => {
      const user = await deps.usersWithin(tx).create({ ...names, displayName: fields.displayName, role: 'subscriber' });
      const identity = existing
        ? await repo.linkIdentity(tx, existing.id, user.id, null).then((linked) => linked && repo.updateIdentityProfile(tx, linked.id, fields))
        : await repo.insertIdentity(tx, { ...fields, userId: user.id, provider, subject, createdAt: clock.now().toISOString() });
      // Another sign-in adopted the unlinked identity meanwhile: this one loses, and its account is rolled back.
      if (!identity) throw new Error('The identity was linked by a concurrent sign-in.');
      return { user, identity, created: true };
    });
  }

  return {
    async signInWithProfile(provider, profile, options = {}) {
      const label = options.label ?? provider;
      if (!isUsableSubject(profile.subject)) throw identityErrors.providerRefused(label);
      const existing = await repo.findIdentity(db, provider, profile.subject);
      // The picture is fetched once: for a new identity, or one that has none yet.
      const avatarUrl = existing?.avatarUrl
        ?? (profile.pictureUrl ? await deps.avatars.storeFromUrl(profile.pictureUrl, { fromLocalProvider: options.allowLoopbackPicture ?? false }) : undefined);
      const fields: Fields = {
        email: profile.emailVerified ? cleanEmail(profile.email) : null,
        displayName: cleanDisplayName(profile.displayName, `${label} user`),
        avatarUrl: avatarUrl ?? null,
      };

      const linkTo = options.linkToUserId;
      if (linkTo !== undefined) {
        if (!(await deps.users.findById(linkTo))) throw identityErrors.stateInvalid();
        if (existing && existing.userId !== null && existing.userId !== linkTo) throw identityErrors.linkedElsewhere(label);
        const identity = existing
          ? await repo.linkIdentity(db, existing.id, linkTo, existing.userId)
          : await insertOrFind(db, { ...fields, userId: linkTo, provider, subject: profile.subject, createdAt: clock.now().toISOString() });
        if (!identity || identity.userId !== linkTo) throw identityErrors.linkedElsewhere(label);
        const updated = await repo.updateIdentityProfile(db, identity.id, fields);
        return { user: await userOf(updated), identity: updated, created: false };
      }

      if (existing && existing.userId !== null) {
        const updated = await repo.updateIdentityProfile(db, existing.id, fields);
        return { user: await userOf(updated), identity: updated, created: false };
      }
      try {
        return await createAccount(provider, profile.subject, fields, existing);
      } catch (error) {
        // Two first sign-ins of the same person at once: the other one made (or adopted) the identity; use it.
        const winner = await repo.findIdentity(db, provider, profile.subject);
        if (winner && winner.userId !== null) return { user: await userOf(winner), identity: winner, created: false };
        throw error;
      }
    },
    findById: (id) => repo.findIdentityById(db, id),
    avatarFile: (name) => deps.avatars.fileOf(name),
    listForUser: (userId) => repo.listIdentitiesForUser(db, userId),
  };
}

type Fields = repo.IdentityProfile;

/** Inserts the identity; when a racing request inserted it first, that row (whoever it belongs to). */
async function insertOrFind(db: Db, row: repo.IdentityRow): Promise<Identity | undefined> {
  try {
    return await repo.insertIdentity(db, row);
  } catch (error) {
    const found = await repo.findIdentity(db, row.provider, row.subject);
    if (found) return found;
    throw error;
  }
}
