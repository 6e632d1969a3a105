// /admin/users: the users list (role filter, search, pages), bulk "Change role to…", and Add New User (an
// invitation mailed, or a password typed by the administrator).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordProblem } from '../../features/accounts/index.js';
import { type NewUserInput, type User, USERS_PAGE_SIZE, isRole, roles, validateNewUser } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderUserForm, renderUsersList } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS, roleLabel } from './present.js';
import {
  EMPTY_NEW_USER, type NewUserValues, type UsersView, isUserId, newUserFields, presentRoleFilters, presentUserRows, presentUsersPagination,
  roleOptions, usersHref, usersViewOf,
} from './users.present.js';

type Fields = Readonly<Record<string, unknown>>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const NEW_USER_PATH = `${ADMIN_PATHS.users}/new`;
const BULK_MAX = 200;

const NOTICES: Readonly<Record<string, string>> = {
  invited: 'New user created. They were mailed a link to choose their password.',
  created: 'New user created.',
  deleted: 'User deleted.',
};

function noticeOf(query: Fields): string | null {
  const done = text(query.done);
  if (done === 'role' && /^\d{1,4}$/.test(text(query.count))) {
    const n = Number(query.count);
    return `Changed the role of ${n} ${n === 1 ? 'user' : 'users'}.`;
  }
  return Object.hasOwn(NOTICES, done) ? (NOTICES[done] ?? null) : null;
}

/** Every problem of the form at once, by field: the account's fields, and the choice of invitation or password. */
function newUserProblems(values: NewUserValues, input: NewUserInput): Record<string, string> {
  const problems: Record<string, string> = {};
  try {
    validateNewUser(input);
  } catch (error) {
    if (!isAppError(error)) throw error;
    Object.assign(problems, error.details?.fields);
  }
  if (values.setup === 'password') {
    const problem = passwordProblem(values.password, values.email);
    if (problem) problems.password = problem;
  } else if (values.setup !== 'invite') problems.setup = 'Choose to send an invitation or to set the password now.';
  return problems;
}

export function registerUserListRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { users, accounts } = deps.services;

  /** The list of `view`; `alert`: why the last bulk change was refused (nothing changed). */
  async function sendUsersList(
    request: FastifyRequest, reply: FastifyReply, user: User, view: UsersView, notice: string | null, alert: string | null = null, status = 200,
  ) {
    const [counts, list] = await Promise.all([users.countByRole(), users.list({ ...view, perPage: USERS_PAGE_SIZE })]);
    const main = renderUsersList({
      heading: 'Users',
      addNewHref: NEW_USER_PATH,
      notice,
      alert,
      roleFilters: presentRoleFilters(counts, view.role),
      search: { action: ADMIN_PATHS.users, value: view.search, role: view.role ?? '' },
      rows: presentUserRows(list, user.id),
      csrfToken: deps.csrf.tokenFor(request, reply),
      bulk: { action: `${ADMIN_PATHS.users}/role`, roles: roleOptions() },
      pagination: presentUsersPagination(view, list),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Users', user, section: 'users' }, main, status);
  }

  app.get<{ Querystring: Fields }>(ADMIN_PATHS.users, { config: { access: { capability: 'list_users' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const view = usersViewOf(request.query.role, request.query.s, request.query.paged);
    return sendUsersList(request, reply, user, view, noticeOf(request.query));
  });

  app.post<{ Body: Fields }>(`${ADMIN_PATHS.users}/role`, { config: { access: { capability: 'promote_users' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const role = text(body.role);
    const ids = body.ids === undefined ? [] : [body.ids].flat();
    const refusal = !isRole(role) ? `Choose the role to give: ${roles.map(roleLabel).join(', ')}.`
      : ids.length === 0 ? 'Tick the users whose role to change.'
        : ids.length > BULK_MAX || !ids.every(isUserId) ? 'The ticked users could not be read: reload the list and try again.' : null;
    if (refusal !== null || !isRole(role)) {
      request.log.info({ userId: user.id }, 'bulk role change refused');
      return sendUsersList(request, reply, user, usersViewOf(undefined, undefined, undefined), null, refusal, 400);
    }
    // Your own role is never changed in bulk: an administrator does not demote themselves by a stray tick.
    const targets = [...new Set(ids.map(Number))].filter((id) => id !== user.id);
    let changed = 0;
    for (const id of targets) {
      const before = await users.findById(id);
      if (!before || before.role === role) continue;
      await users.changeRole(id, role);
      changed++;
    }
    request.log.info({ role, changed, userId: user.id }, 'roles changed in bulk');
    return markAdminResponse(reply).redirect(usersHref({}, { done: 'role', count: String(changed) }), 303);
  });

  async function newUserPage(request: FastifyRequest, reply: FastifyReply, user: User, values: NewUserValues, errors: Readonly<Record<string, string>>, status = 200) {
    const fields = newUserFields(values, errors);
    const main = renderUserForm({
      heading: 'Add New User',
      intro: 'Create a brand new user and add them to this site.',
      notice: null,
      action: NEW_USER_PATH,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields,
      submitLabel: 'Add New User',
      errorSummary: Object.keys(errors).length > 0 ? 'The user was not added. Please correct the following:' : null,
      deleteHref: null,
      appPasswords: null,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Add New User', user, section: 'users' }, main, status);
  }

  app.get(NEW_USER_PATH, { config: { access: { capability: 'create_users' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    return newUserPage(request, reply, user, EMPTY_NEW_USER, {});
  });

  app.post<{ Body: Fields }>(NEW_USER_PATH, { config: { access: { capability: 'create_users' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const values: NewUserValues = {
      email: text(body.email), login: text(body.login), displayName: text(body.displayName), role: text(body.role), setup: text(body.setup), password: text(body.password),
    };
    const input: NewUserInput = {
      email: values.email, login: values.login, displayName: values.displayName.trim() === '' ? undefined : values.displayName, role: values.role,
      password: values.setup === 'password' ? values.password : undefined,
    };
    const problems = newUserProblems(values, input);
    if (Object.keys(problems).length > 0) return newUserPage(request, reply, user, values, problems, 400);
    try {
      const created = await users.create(input);
      if (values.setup === 'invite') await accounts.requestInvitation(created.id);
      request.log.info({ newUserId: created.id, role: created.role, invited: values.setup === 'invite', userId: user.id }, 'user added');
      return markAdminResponse(reply).redirect(usersHref({}, { done: values.setup === 'invite' ? 'invited' : 'created' }), 303);
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const errors = (error.details?.fields ?? { email: error.message }) as Record<string, string>;
      return newUserPage(request, reply, user, values, errors, statusOf(error.kind));
    }
  });
}
