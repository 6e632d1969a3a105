// Managing accounts: the users list, profile changes, role changes and removal. The site always keeps an
// administrator: demoting or removing the last one is refused, also when two administrators race to do it.
import type { Db } from '../../db/database.js';
import type { ChangeBus } from '../../kernel/events.js';
import { invalidInput } from '../../kernel/errors.js';
import {
  type ProfileChanges, type UserListPage, type UserListQuery, type UserProfile, emailTaken, lastAdministrator,
  reassignInvalid, userNotFound, validateProfileChanges,
} from './user-admin.js';
import * as repo from './user-admin.repo.js';
import { type Role, isRole, roles } from './users.js';

export interface UserAdministration {
  findProfile(id: number): Promise<UserProfile | undefined>;
  /** One page of accounts (by login), with their post counts. */
  list(query: UserListQuery): Promise<UserListPage>;
  /** How many accounts have each role (every role present, 0 when none). */
  countByRole(): Promise<Readonly<Record<Role, number>>>;
  /**
   * The profile with `changes` (USER_INVALID, USER_EMAIL_TAKEN, USER_NOT_FOUND). A new e-mail address is unproven:
   * the caller may mail it a confirmation link.
   */
  updateProfile(id: number, changes: ProfileChanges): Promise<UserProfile>;
  /** The profile picture: a media item (the caller checks it is an image the person may use), or null. */
  setAvatar(id: number, mediaId: number | null): Promise<void>;
  /** A new role (USER_INVALID for an unknown one); USER_LAST_ADMINISTRATOR when it would leave the site without one. */
  changeRole(id: number, role: string): Promise<UserProfile>;
  /**
   * Deletes the account; whatever still names it as author (posts, revisions, media) names `fate.reassignTo`.
   * USER_LAST_ADMINISTRATOR for the only administrator; USER_REASSIGN_INVALID for the account itself or nobody.
   */
  remove(id: number, fate: { readonly reassignTo: number }): Promise<void>;
}

export function createUserAdministration(deps: { readonly db: Db; readonly events: ChangeBus }): UserAdministration {
  const { db, events } = deps;

  async function load(id: number, on: Db = db): Promise<UserProfile> {
    const profile = await repo.findProfile(on, id);
    if (!profile) throw userNotFound();
    return profile;
  }

  return {
    findProfile: (id) => repo.findProfile(db, id),

    async list(query) {
      const [users, total] = await Promise.all([repo.listUsers(db, query), repo.countUsers(db, query)]);
      return { users, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.perPage)) };
    },

    async countByRole() {
      const counts = await repo.countUsersByRole(db);
      return Object.fromEntries(roles.map((r) => [r, counts.get(r) ?? 0])) as Record<Role, number>;
    },

    async updateProfile(id, changes) {
      const valid = validateProfileChanges(changes);
      const current = await load(id);
      const emailChanged = valid.email !== undefined && valid.email !== current.email;
      if (emailChanged && valid.email !== undefined && (await repo.isEmailTakenByOther(db, valid.email, id))) throw emailTaken();
      await repo.updateProfile(db, id, { ...valid, ...(emailChanged ? { emailVerifiedAt: null } : { email: undefined }) });
      events.publish({ type: 'user', userId: id });
      return load(id);
    },

    async setAvatar(id, mediaId) {
      await repo.updateAvatar(db, id, mediaId);
      events.publish({ type: 'user', userId: id });
    },

    async changeRole(id, role) {
      if (!isRole(role)) {
        throw invalidInput('USER_INVALID', 'Some details of the account are not valid.', { fields: { role: `The role must be one of: ${roles.join(', ')}.` } });
      }
      const changed = await repo.inTransaction(db, async (tx) => {
        const administrators = await repo.lockAndCountAdministrators(tx);
        const current = await load(id, tx);
        if (current.role === 'administrator' && role !== 'administrator' && administrators <= 1) throw lastAdministrator('demote');
        await repo.updateRole(tx, id, role);
        return { ...current, role };
      });
      events.publish({ type: 'user', userId: id });
      return changed;
    },

    async remove(id, fate) {
      if (fate.reassignTo === id) throw reassignInvalid('Attribute the content to someone other than the account being deleted.');
      await repo.inTransaction(db, async (tx) => {
        const administrators = await repo.lockAndCountAdministrators(tx);
        const current = await load(id, tx);
        if (current.role === 'administrator' && administrators <= 1) throw lastAdministrator('delete');
        if (!(await repo.findProfile(tx, fate.reassignTo))) throw reassignInvalid('Choose an existing account to attribute the content to.');
        await repo.reassignAuthorship(tx, id, fate.reassignTo);
        await repo.deleteUser(tx, id);
      });
      events.publish({ type: 'user', userId: id });
      events.publish({ type: 'user', userId: fate.reassignTo });
    },
  };
}
