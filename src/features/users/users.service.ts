// Creating and finding people; managing them (list, profile, role, removal) comes from user-admin.service.ts.
import type { Db } from '../../db/database.js';
import { AppError, invalidInput } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import { PASSWORD_MAX, PASSWORD_MIN, type NewUserInput, type Role, type User, displayNameProblem, validateNewUser } from './users.js';
import { hashPassword, verifyPassword } from './password.js';
import { type UserAdministration, createUserAdministration } from './user-admin.service.js';
import * as repo from './users.repo.js';

export interface UsersService extends UserAdministration {
  create(input: NewUserInput): Promise<User>;
  findById(id: number): Promise<User | undefined>;
  findByLogin(login: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /**
   * The account whose e-mail and password these are, or undefined. Takes about as long whether or not the
   * address has an account, so the answer's timing does not tell which addresses do.
   */
  authenticate(email: string, password: string): Promise<User | undefined>;
  listByIds(ids: readonly number[]): Promise<User[]>;
  /** Everyone with this role (e.g. the administrators, whom moderation mail goes to). */
  listByRole(role: Role): Promise<User[]>;
  hasAdministrator(): Promise<boolean>;
  /** True on a new site: nobody has an account yet. */
  isEmpty(): Promise<boolean>;
  /** Records that the owner of the account's address proved it (the first proof's time is kept). */
  setEmailVerified(id: number): Promise<void>;
  /** A new password (8–256 characters, else USER_INVALID); the old one stops working at once. */
  updatePassword(id: number, password: string): Promise<void>;
  /** No password any more: the account signs in only in other ways (a mailed link, an identity). */
  clearPassword(id: number): Promise<void>;
  /** The account with its new display name (1–100 characters, else USER_INVALID); undefined when it is gone. */
  updateDisplayName(id: number, displayName: string): Promise<User | undefined>;
}

export function createUsersService(deps: { readonly db: Db; readonly clock: Clock; readonly events: ChangeBus }): UsersService {
  const { db } = deps;
  // A real argon2id hash of nothing anyone types: verifying against it costs what a real check costs.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword('quire: the password of no account'));
  return {
    ...createUserAdministration(deps),
    async create(input) {
      const valid = validateNewUser(input);
      const taken = await repo.isLoginOrEmailTaken(db, valid.login, valid.email);
      if (taken.email) {
        const message = 'An account with this e-mail address already exists.';
        throw new AppError({ code: 'USER_EMAIL_TAKEN', kind: 'conflict', message, details: { fields: { email: message } } });
      }
      if (taken.login) {
        const message = `The login "${valid.login}" is taken; choose another.`;
        throw new AppError({ code: 'USER_LOGIN_TAKEN', kind: 'conflict', message, details: { fields: { login: message } } });
      }
      const user = await repo.insertUser(db, {
        login: valid.login,
        email: valid.email,
        displayName: valid.displayName,
        role: valid.role,
        bio: valid.bio,
        passwordHash: input.passwordHash ?? (valid.password === undefined ? null : await hashPassword(valid.password)),
        createdAt: deps.clock.now().toISOString(),
      });
      deps.events.publish({ type: 'user', userId: user.id });
      return user;
    },
    findById: (id) => repo.findUserById(db, id),
    findByLogin: (login) => repo.findUserByLogin(db, login),
    findByEmail: (email) => repo.findUserByEmail(db, email.trim().toLowerCase()),
    async authenticate(email, password) {
      const found = await repo.findCredentialsByEmail(db, email.trim().toLowerCase());
      if (!found?.passwordHash) {
        await verifyPassword(await dummy(), password);
        return undefined;
      }
      return (await verifyPassword(found.passwordHash, password)) ? found.user : undefined;
    },
    listByIds: (ids) => repo.listUsersByIds(db, ids),
    listByRole: (role) => repo.listUsersWithRole(db, role),
    hasAdministrator: async () => (await repo.countUsersWithRole(db, 'administrator')) > 0,
    isEmpty: async () => !(await repo.hasAnyUser(db)),
    setEmailVerified: (id) => repo.updateEmailVerified(db, id, deps.clock.now().toISOString()),
    async updatePassword(id, password) {
      if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
        const message = `A password is ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`;
        throw invalidInput('USER_INVALID', 'Some details of the account are not valid.', { fields: { password: message } });
      }
      await repo.updatePasswordHash(db, id, await hashPassword(password));
    },
    clearPassword: (id) => repo.updatePasswordHash(db, id, null),
    async updateDisplayName(id, raw) {
      const displayName = raw.trim();
      const problem = displayNameProblem(displayName);
      if (problem) throw invalidInput('USER_INVALID', 'Some details of the account are not valid.', { fields: { displayName: problem } });
      const user = await repo.updateDisplayName(db, id, displayName);
      if (user) deps.events.publish({ type: 'user', userId: id });
      return user;
    },
  };
}
