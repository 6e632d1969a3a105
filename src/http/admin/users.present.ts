// The Users screens' view: the list's address (role, search, page), its rows and role filters, and the fields of
// Add New User, the edit page and the delete page, typed values and errors kept.
import { type Role, type UserListPage, type UserProfile, roles } from '../../features/users/index.js';
import { AppError } from '../../kernel/errors.js';
import type { FieldVM, OptionVM, UserRowVM, UsersListVM } from '../../../themes/default/index.js';
import type { PaginationVM } from '../../../themes/view-models.js';
import { ADMIN_PATHS, roleLabel } from './present.js';

export interface UsersView {
  readonly role: Role | undefined;
  readonly search: string;
  readonly page: number;
}

const PAGE = /^[1-9]\d{0,5}$/;
const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && Number(value) <= MAX_ID;
}

function noSuchList(): AppError {
  return new AppError({ code: 'PAGE_NOT_FOUND', kind: 'not_found', message: 'There is no such list of users.' });
}

/** ?role= ?s= ?paged=: everyone, page 1 when absent; 404 for an unknown role or page. */
export function usersViewOf(role: unknown, search: unknown, paged: unknown): UsersView {
  const r = role === undefined || role === '' ? undefined : role;
  const p = paged === undefined || paged === '' ? '1' : paged;
  const s = search === undefined ? '' : search;
  if (r !== undefined && (typeof r !== 'string' || !(roles as readonly string[]).includes(r))) throw noSuchList();
  if (typeof p !== 'string' || !PAGE.test(p) || typeof s !== 'string' || s.length > 100) throw noSuchList();
  return { role: r as Role | undefined, search: s.trim(), page: Number(p) };
}

export function usersHref(view: Partial<UsersView>, done?: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams();
  if (view.role) query.set('role', view.role);
  if (view.search) query.set('s', view.search);
  if (view.page !== undefined && view.page > 1) query.set('paged', String(view.page));
  for (const [name, value] of Object.entries(done ?? {})) query.set(name, value);
  const text = query.toString();
  return text ? `${ADMIN_PATHS.users}?${text}` : ADMIN_PATHS.users;
}

export const roleOptions = (): OptionVM[] => [...roles].map((r) => ({ value: r, label: roleLabel(r) }));

export function presentRoleFilters(counts: Readonly<Record<Role, number>>, current: Role | undefined): UsersListVM['roleFilters'] {
  const total = roles.reduce((sum, r) => sum + counts[r], 0);
  return [
    { href: usersHref({}), label: 'All', count: total, current: current === undefined },
    ...roles.filter((r) => counts[r] > 0 || r === current).map((r) => ({ href: usersHref({ role: r }), label: roleLabel(r), count: counts[r], current: r === current })),
  ];
}

export function presentUserRows(list: UserListPage, selfId: number): UserRowVM[] {
  return list.users.map((u) => ({
    id: u.id, login: u.login, editHref: `${ADMIN_PATHS.users}/${u.id}`, displayName: u.displayName, email: u.email,
    roleLabel: roleLabel(u.role), postCount: u.postCount, isSelf: u.id === selfId,
  }));
}

export function presentUsersPagination(view: UsersView, list: UserListPage): PaginationVM {
  return {
    page: list.page,
    pages: list.pages,
    newerHref: list.page > 1 ? usersHref({ ...view, page: list.page - 1 }) : null,
    olderHref: list.page < list.pages ? usersHref({ ...view, page: list.page + 1 }) : null,
  };
}

export interface NewUserValues {
  readonly email: string;
  readonly login: string;
  readonly displayName: string;
  readonly role: string;
  readonly setup: string;
  readonly password: string;
}

export const EMPTY_NEW_USER: NewUserValues = { email: '', login: '', displayName: '', role: 'subscriber', setup: 'invite', password: '' };

export function newUserFields(v: NewUserValues, errors: Readonly<Record<string, string>>): FieldVM[] {
  return [
    { control: 'email', name: 'email', label: 'E-mail', value: v.email, required: true, error: errors.email },
    { control: 'text', name: 'login', label: 'Username', value: v.login, required: true, error: errors.login, hint: 'Lowercase letters, digits, dot, dash or underscore; it cannot be changed later.' },
    { control: 'text', name: 'displayName', label: 'Display name', value: v.displayName, error: errors.displayName, hint: 'How the name is shown on the site; the username when empty.' },
    { control: 'select', name: 'role', label: 'Role', value: v.role, error: errors.role, options: roleOptions() },
    {
      control: 'radios', name: 'setup', label: 'Password', value: v.setup, error: errors.setup,
      options: [
        { value: 'invite', label: 'Send the new user an e-mail about their account (a link to choose a password, valid 7 days)' },
        { value: 'password', label: 'Set the password now (typed below)' },
      ],
    },
    { control: 'text', name: 'password', label: 'Password for the new user', value: '', error: errors.password, hint: 'At least 8 characters; only when setting the password now.' },
  ];
}

export interface EditUserValues {
  readonly displayName: string;
  readonly email: string;
  readonly role: string;
  readonly url: string;
  readonly bio: string;
}

export const editValuesOf = (u: UserProfile): EditUserValues => ({ displayName: u.displayName, email: u.email, role: u.role, url: u.url, bio: u.bio });

/** The edit fields; `ownAccount`: the role is not offered (nobody demotes themselves by accident; the profile has no role). */
export function editUserFields(v: Omit<EditUserValues, 'role'> & { role?: string }, errors: Readonly<Record<string, string>>): FieldVM[] {
  const fields: FieldVM[] = [
    { control: 'text', name: 'displayName', label: 'Display name', value: v.displayName, required: true, error: errors.displayName },
    { control: 'email', name: 'email', label: 'E-mail', value: v.email, required: true, error: errors.email },
  ];
  if (v.role !== undefined) fields.push({ control: 'select', name: 'role', label: 'Role', value: v.role, error: errors.role, options: roleOptions() });
  fields.push(
    { control: 'text', name: 'url', label: 'Website', value: v.url, error: errors.url, hint: 'An address starting with http:// or https://.' },
    { control: 'textarea', name: 'bio', label: 'Biographical Info', value: v.bio, rows: 5, error: errors.bio, hint: 'Shown on the author’s page. At most 2,000 characters.' },
  );
  return fields;
}

export function deleteUserFields(
  values: { readonly fate: string; readonly reassign: string }, others: readonly { id: number; login: string; displayName: string }[],
  errors: Readonly<Record<string, string>>,
): FieldVM[] {
  return [
    {
      control: 'radios', name: 'fate', label: 'What should be done with content owned by this user?', value: values.fate, error: errors.fate,
      options: [{ value: 'reassign', label: 'Attribute all content to the user chosen below' }, { value: 'delete', label: 'Delete all content' }],
    },
    {
      control: 'select', name: 'reassign', label: 'Attribute all content to', value: values.reassign, error: errors.reassign,
      options: others.map((o) => ({ value: String(o.id), label: `${o.displayName} (${o.login})` })),
    },
  ];
}
