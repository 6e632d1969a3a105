// A person as WordPress 6.1's REST API shows them (WP_REST_Users_Controller): public fields to everyone, the
// account's e-mail, login, roles and capabilities in the edit context; plus WordPress's list filters and orders.
import { type Capability, type User, type UserProfile, can } from '../../features/users/index.js';
import { sha256 } from '../../kernel/ids.js';
import type { WpApi } from './api.js';
import { CURIES, type Links, apiUrl, siteUrl } from './links.js';
import { wpError } from './wp-error.js';

export type UserContext = 'view' | 'embed' | 'edit';

export interface UserAddresses {
  readonly api: (route: string) => string;
  /** The site's origin: author archives are /author/LOGIN/. */
  readonly site: string;
  /** Whether the site shows Gravatars (else no avatar_urls: Quire's own avatars are drawn from initials). */
  readonly gravatars: boolean;
}

// The capabilities Quire checks, listed for the edit context as WordPress lists a role's (each true).
const CAPABILITIES: readonly Capability[] = [
  'read', 'edit_posts', 'delete_posts', 'publish_posts', 'edit_published_posts', 'delete_published_posts', 'edit_others_posts',
  'delete_others_posts', 'read_private_posts', 'edit_pages', 'publish_pages', 'delete_pages', 'moderate_comments', 'manage_categories',
  'upload_files', 'unfiltered_html', 'manage_options', 'list_users', 'create_users', 'edit_users', 'promote_users', 'delete_users',
];

function avatarUrls(email: string): Record<string, string> {
  const hash = sha256(email.trim().toLowerCase());
  const at = (size: number) => `https://secure.gravatar.com/avatar/${hash}?s=${size}&d=identicon`;
  return { 24: at(24), 48: at(48), 96: at(96) };
}

function userLinks(user: User, at: UserAddresses): Links {
  return { self: [{ href: at.api(`/wp/v2/users/${user.id}`) }], collection: [{ href: at.api('/wp/v2/users') }], curies: CURIES };
}

export function presentUser(user: UserProfile, context: UserContext, at: UserAddresses): Record<string, unknown> {
  const avatars = at.gravatars ? { avatar_urls: avatarUrls(user.email) } : {};
  const link = `${at.site}/author/${encodeURIComponent(user.login)}/`;
  if (context !== 'edit') {
    return { id: user.id, name: user.displayName, url: user.url, description: user.bio, link, slug: user.login, ...avatars, ...(context === 'view' ? { meta: [] } : {}), _links: userLinks(user, at) };
  }
  return {
    id: user.id,
    username: user.login,
    name: user.displayName,
    first_name: '',
    last_name: '',
    email: user.email,
    url: user.url,
    description: user.bio,
    link,
    locale: 'en_US',
    nickname: user.displayName,
    slug: user.login,
    roles: [user.role],
    registered_date: `${new Date(user.createdAt).toISOString().slice(0, 19)}+00:00`,
    capabilities: Object.fromEntries([...CAPABILITIES.filter((c) => can(user.role, c)).map((c) => [c, true]), [user.role, true]]),
    extra_capabilities: { [user.role]: true },
    ...avatars,
    meta: [],
    _links: userLinks(user, at),
  };
}

// WordPress also orders by url: Quire's list rows do not carry it (only the page's profiles are read), so it is not offered.
export const USER_ORDERS = ['id', 'include', 'name', 'registered_date', 'slug', 'include_slugs', 'email'] as const;
export type UserOrder = (typeof USER_ORDERS)[number];

export interface UserFilter {
  readonly search?: string;
  /** Whether the search also looks at e-mail addresses (for callers who may list users, as WordPress). */
  readonly searchEmails?: boolean;
  readonly include?: readonly number[];
  readonly exclude?: readonly number[];
  readonly slugs?: readonly string[];
  readonly roles?: readonly string[];
  /** Only these accounts (the authors of published posts, for callers who may not list users). */
  readonly onlyIds?: ReadonlySet<number>;
  readonly orderBy: UserOrder;
  readonly order: 'asc' | 'desc';
}

const compareText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

function comparator(filter: UserFilter): (a: User, b: User) => number {
  const position = (list: readonly (number | string)[] | undefined, value: number | string) => list?.indexOf(value) ?? 0;
  switch (filter.orderBy) {
    case 'name': return (a, b) => compareText(a.displayName, b.displayName);
    case 'slug': return (a, b) => compareText(a.login, b.login);
    case 'email': return (a, b) => compareText(a.email, b.email);
    case 'registered_date': return (a, b) => a.createdAt.localeCompare(b.createdAt);
    case 'include': return (a, b) => position(filter.include, a.id) - position(filter.include, b.id);
    case 'include_slugs': return (a, b) => position(filter.slugs, a.login) - position(filter.slugs, b.login);
    case 'id': return () => 0;
  }
}

function matches(user: User, filter: UserFilter): boolean {
  const words = filter.search?.trim().toLowerCase().replace(/^\*|\*$/g, '');
  const searched = filter.searchEmails ? [user.login, user.displayName, user.email] : [user.login, user.displayName];
  if (words && !searched.some((text) => text.toLowerCase().includes(words))) return false;
  if (filter.include?.length && !filter.include.includes(user.id)) return false;
  if (filter.exclude?.includes(user.id)) return false;
  if (filter.slugs?.length && !filter.slugs.includes(user.login)) return false;
  if (filter.roles?.length && !filter.roles.includes(user.role)) return false;
  return filter.onlyIds === undefined || filter.onlyIds.has(user.id);
}

/** The accounts a WordPress users query selects, in its order (ties by id). */
export function selectUsers<T extends User>(users: readonly T[], filter: UserFilter): T[] {
  const compare = comparator(filter);
  const direction = filter.order === 'desc' ? -1 : 1;
  return users.filter((user) => matches(user, filter)).sort((a, b) => direction * (compare(a, b) || a.id - b.id));
}

export const userNotFound = () => wpError('rest_user_invalid_id', 'Invalid user ID.', 404);

export function userAddresses(api: WpApi, gravatars: boolean): UserAddresses {
  return { api: (route) => apiUrl(api.deps, route), site: siteUrl(api.deps), gravatars };
}

export async function presentUsers(api: WpApi, users: readonly UserProfile[], context: UserContext): Promise<Record<string, unknown>[]> {
  const at = userAddresses(api, (await api.deps.services.settings.get()).avatarSource === 'gravatar');
  return users.map((user) => presentUser(user, context, at));
}
