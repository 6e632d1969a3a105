// Creating and finding people.
import type { Db } from '../../db/database.js';
import { AppError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import { type NewUserInput, type User, validateNewUser } from './users.js';
import { hashPassword, verifyPassword } from './password.js';
import * as repo from './users.repo.js';

export interface UsersService {
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
  hasAdministrator(): Promise<boolean>;
  /** True on a new site: nobody has an account yet. */
  isEmpty(): Promise<boolean>;
}

export function createUsersService(deps: { readonly db: Db; readonly clock: Clock; readonly events: ChangeBus }): UsersService {
  const { db } = deps;
  // A real argon2id hash of nothing anyone types: verifying against it costs what a real check costs.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword('quire: the password of no account'));
  return {
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
        passwordHash: valid.password === undefined ? null : await hashPassword(valid.password),
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
    hasAdministrator: async () => (await repo.countUsersWithRole(db, 'administrator')) > 0,
    isEmpty: async () => !(await repo.hasAnyUser(db)),
  };
}
