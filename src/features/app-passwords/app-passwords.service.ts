// Application passwords of accounts: making one (shown once), listing, revoking, and checking HTTP Basic credentials.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { hmac, safeEqual, sha256 } from '../../kernel/ids.js';
import type { User, UsersService } from '../users/index.js';
import {
  type AppPassword, MAX_APP_PASSWORDS_PER_USER, type NewAppPassword, appPasswordNameProblem, generateAppPassword,
  isUseWorthRecording, normalizeAppPassword,
} from './app-passwords.js';
import { appPasswordErrors } from './app-passwords.errors.js';
import * as repo from './app-passwords.repo.js';

export interface AppPasswordsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly users: Pick<UsersService, 'findById' | 'findByLogin' | 'findByEmail'>;
  /** Salts the hash of the last address a password was used from (no address is stored in clear). */
  readonly ipSalt: string;
}

/** Why credentials were refused, in WordPress's three cases (its REST errors tell them apart, so clients do too). */
export type AppPasswordRefusal = 'unknown_login' | 'unknown_email' | 'incorrect_password';

export type AppPasswordCheck = { readonly ok: true; readonly user: User } | { readonly ok: false; readonly reason: AppPasswordRefusal };

export interface AppPasswordsService {
  /** A new password for the account: APP_PASSWORD_NAME_INVALID, APP_PASSWORD_NAME_TAKEN, APP_PASSWORD_LIMIT_REACHED. */
  create(userId: number, name: string): Promise<NewAppPassword>;
  listForUser(userId: number): Promise<AppPassword[]>;
  /** APP_PASSWORD_NOT_FOUND when the account has no password with this uuid. */
  revoke(userId: number, uuid: string): Promise<void>;
  /** Revokes every application password of the account; how many there were. */
  revokeAll(userId: number): Promise<number>;
  /**
   * Whether `password` is one of the application passwords of the account named by `loginOrEmail` (an address
   * when it holds an @, as WordPress reads it). Records the use (at most once a minute) with a hash of `ip`.
   */
  verify(loginOrEmail: string, password: string, ip?: string): Promise<AppPasswordCheck>;
}

export function createAppPasswordsService(deps: AppPasswordsDeps): AppPasswordsService {
  const { db, clock } = deps;

  async function findUser(loginOrEmail: string): Promise<User | undefined> {
    const name = loginOrEmail.trim().toLowerCase();
    return name.includes('@') ? deps.users.findByEmail(name) : deps.users.findByLogin(name);
  }

  async function create(userId: number, rawName: string): Promise<NewAppPassword> {
    const name = rawName.trim();
    if (appPasswordNameProblem(name)) throw appPasswordErrors.nameInvalid();
    if (!(await deps.users.findById(userId))) throw appPasswordErrors.userNotFound();
    const password = generateAppPassword();
    const appPassword = await repo.inTransaction(db, async (tx) => {
      await repo.lockUser(tx, userId);
      const mine = await repo.listAppPasswordsOfUser(tx, userId);
      if (mine.length >= MAX_APP_PASSWORDS_PER_USER) throw appPasswordErrors.tooMany();
      if (mine.some((existing) => existing.name === name)) throw appPasswordErrors.nameTaken(name);
      return repo.insertAppPassword(tx, { userId, uuid: randomUUID(), name, passwordHash: sha256(password), createdAt: clock.now().toISOString() });
    });
    return { appPassword, password };
  }

  async function verify(loginOrEmail: string, typed: string, ip?: string): Promise<AppPasswordCheck> {
    const user = await findUser(loginOrEmail);
    if (!user) return { ok: false, reason: loginOrEmail.includes('@') ? 'unknown_email' : 'unknown_login' };
    const hash = sha256(normalizeAppPassword(typed));
    // Every stored hash is compared in constant time, none skipped: the answer's timing tells nothing of which matched.
    let match: repo.StoredAppPassword | undefined;
    for (const stored of await repo.listStoredOfUser(db, user.id)) {
      if (safeEqual(stored.passwordHash, hash)) match = stored;
    }
    if (!match) return { ok: false, reason: 'incorrect_password' };
    const now = clock.now();
    if (isUseWorthRecording(match.lastUsedAt, now)) {
      await repo.updateLastUse(db, match.id, now.toISOString(), ip === undefined ? null : hmac(deps.ipSalt, `app-password-ip:${ip}`));
    }
    return { ok: true, user };
  }

  return {
    create,
    listForUser: (userId) => repo.listAppPasswordsOfUser(db, userId),
    async revoke(userId, uuid) {
      if (!(await repo.deleteAppPasswordOfUser(db, userId, uuid))) throw appPasswordErrors.notFound();
    },
    revokeAll: (userId) => repo.deleteAllAppPasswordsOfUser(db, userId),
    verify,
  };
}
