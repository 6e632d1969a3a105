// /admin/users/:id: an administrator's edit page of an account (display name, e-mail, role, website, biography, its
// application passwords) and /admin/users/:id/delete, which asks whose name the account's content takes, or deletes it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { postStatuses } from '../../features/posts/index.js';
import { type User, type UserProfile, emailTaken, userNotFound, validateProfileChanges } from '../../features/users/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { renderUserDelete, renderUserForm } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';
import { APP_PASSWORD_NOTICES, type AppPasswordsState, presentAppPasswords, registerAppPasswordRoutes } from './profile-app-passwords.js';
import { type EditUserValues, deleteUserFields, editUserFields, editValuesOf, isUserId, usersHref } from './users.present.js';

type Fields = Readonly<Record<string, unknown>>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const EDIT_USERS = { access: { capability: 'edit_users' } } as const;
const DELETE_USERS = { access: { capability: 'delete_users' } } as const;
const editHref = (id: number) => `${ADMIN_PATHS.users}/${id}`;

function deleteSelf(): AppError {
  return new AppError({ code: 'USER_DELETE_SELF', kind: 'forbidden', message: 'You cannot delete your own account: another administrator can.' });
}

export function registerUserEditRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { users, posts } = deps.services;

  async function target(raw: string): Promise<UserProfile> {
    const found = isUserId(raw) ? await users.findProfile(Number(raw)) : undefined;
    if (!found) throw userNotFound();
    return found;
  }

  async function editPage(
    request: FastifyRequest, reply: FastifyReply, actor: User, owner: UserProfile,
    form: { values: EditUserValues; errors: Readonly<Record<string, string>>; notice: string | null }, keys: AppPasswordsState, status = 200,
  ) {
    const main = renderUserForm({
      heading: `Edit User ${owner.login}`,
      intro: null,
      notice: form.notice,
      action: editHref(owner.id),
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields: editUserFields(form.values, form.errors),
      submitLabel: 'Update User',
      errorSummary: Object.keys(form.errors).length > 0 ? 'The user was not updated. Please correct the following:' : null,
      deleteHref: owner.id === actor.id ? null : `${editHref(owner.id)}/delete`,
      appPasswords: await presentAppPasswords(deps, request, reply, owner, `${editHref(owner.id)}/app-passwords`, keys),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Edit User', user: actor, section: 'users' }, main, status);
  }

  app.get<{ Params: { id: string }; Querystring: Fields }>(`${ADMIN_PATHS.users}/:id`, { config: EDIT_USERS }, async (request, reply) => {
    const actor = await requireUser(request, deps.services);
    const owner = await target(request.params.id);
    // Your own account is edited on your Profile, as in WordPress.
    if (owner.id === actor.id) return markAdminResponse(reply).redirect(ADMIN_PATHS.profile, 303);
    const done = text(request.query.done);
    const keysNotice = APP_PASSWORD_NOTICES[done];
    const notice = done === 'updated' ? 'User updated.' : null;
    return editPage(request, reply, actor, owner, { values: editValuesOf(owner), errors: {}, notice }, keysNotice ? { notice: keysNotice } : {});
  });

  app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.users}/:id`, { config: EDIT_USERS }, async (request, reply) => {
    const actor = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const owner = await target(request.params.id);
    if (owner.id === actor.id) return markAdminResponse(reply).redirect(ADMIN_PATHS.profile, 303);
    const values: EditUserValues = {
      displayName: text(body.displayName), email: text(body.email), role: text(body.role), url: text(body.url), bio: text(body.bio),
    };
    try {
      const changes = validateProfileChanges({ displayName: values.displayName, email: values.email, url: values.url, bio: values.bio });
      // The address is checked before the role changes: a refused form changes nothing.
      const holder = changes.email === undefined ? undefined : await users.findByEmail(changes.email);
      if (holder && holder.id !== owner.id) throw emailTaken();
      if (values.role !== owner.role) await users.changeRole(owner.id, values.role);
      await users.updateProfile(owner.id, changes);
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const errors = (error.details?.fields ?? { email: error.message }) as Record<string, string>;
      return editPage(request, reply, actor, owner, { values, errors, notice: null }, {}, statusOf(error.kind));
    }
    request.log.info({ targetId: owner.id, userId: actor.id }, 'user updated');
    return markAdminResponse(reply).redirect(`${editHref(owner.id)}?done=updated`, 303);
  });

  registerAppPasswordRoutes(app, deps, {
    path: `${ADMIN_PATHS.users}/:id/app-passwords`,
    access: { capability: 'edit_users' },
    owner: (request) => target((request.params as { id: string }).id),
    sendPage: async (request, reply, actor, owner, state, status) => {
      const profile = await target(String(owner.id));
      return editPage(request, reply, actor, profile, { values: editValuesOf(profile), errors: {}, notice: null }, state, status);
    },
    pageHref: (owner, done) => `${editHref(owner.id)}?done=${done}#application-passwords`,
  });

  registerUserDeleteRoutes(app, deps, { target, deleteContentOf: async (id, actor) => {
    for (const type of ['post', 'page'] as const) {
      const { items } = await posts.list({ type, statuses: postStatuses, authorIds: [id], limit: 10_000, offset: 0 });
      for (const item of items) await posts.deletePermanently(item.id, actor);
    }
  } });
}

interface DeleteDeps {
  target(raw: string): Promise<UserProfile>;
  deleteContentOf(id: number, actor: User): Promise<void>;
}

function registerUserDeleteRoutes(app: FastifyInstance, deps: HttpDeps, d: DeleteDeps): void {
  const { users } = deps.services;

  async function deletePage(
    request: FastifyRequest, reply: FastifyReply, actor: User, owner: UserProfile,
    values: { fate: string; reassign: string }, errors: Readonly<Record<string, string>>, status = 200,
  ) {
    const everyone = await users.list({ page: 1, perPage: 1000 });
    const others = everyone.users.filter((u) => u.id !== owner.id);
    const counted = everyone.users.find((u) => u.id === owner.id);
    const fields = deleteUserFields(values, others, errors);
    const main = renderUserDelete({
      heading: 'Delete User',
      user: { login: owner.login, displayName: owner.displayName, postCount: counted?.postCount ?? 0 },
      action: `${editHref(owner.id)}/delete`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields,
      errorSummary: Object.keys(errors).length > 0 ? 'The user was not deleted:' : null,
      cancelHref: editHref(owner.id),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Delete User', user: actor, section: 'users' }, main, status);
  }

  app.get<{ Params: { id: string } }>(`${ADMIN_PATHS.users}/:id/delete`, { config: DELETE_USERS }, async (request, reply) => {
    const actor = await requireUser(request, deps.services);
    const owner = await d.target(request.params.id);
    if (owner.id === actor.id) throw deleteSelf();
    return deletePage(request, reply, actor, owner, { fate: 'reassign', reassign: String(actor.id) }, {});
  });

  app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.users}/:id/delete`, { config: DELETE_USERS }, async (request, reply) => {
    const actor = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const owner = await d.target(request.params.id);
    if (owner.id === actor.id) throw deleteSelf();
    const values = { fate: text(body.fate), reassign: text(body.reassign) };
    try {
      if (values.fate !== 'reassign' && values.fate !== 'delete') {
        throw new AppError({ code: 'USER_REASSIGN_INVALID', kind: 'invalid', message: 'Choose what becomes of the content.', details: { fields: { fate: 'Choose to attribute the content to someone, or to delete it.' } } });
      }
      const reassignTo = values.fate === 'delete' ? actor.id : isUserId(values.reassign) ? Number(values.reassign) : 0;
      if (values.fate === 'delete') await d.deleteContentOf(owner.id, actor);
      // Whatever still names the account (media, revisions of others' posts, or everything when reassigning) takes the new name.
      await users.remove(owner.id, { reassignTo });
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const errors = (error.details?.fields ?? { fate: error.message }) as Record<string, string>;
      return deletePage(request, reply, actor, owner, values, errors, statusOf(error.kind));
    }
    request.log.warn({ targetId: owner.id, fate: values.fate, userId: actor.id }, 'user deleted');
    return markAdminResponse(reply).redirect(usersHref({}, { done: 'deleted' }), 303);
  });
}
