// Turns staff-screen data into the theme's admin view models: every field shown is chosen here.
import { type Capability, type Role, type User, can } from '../../features/users/index.js';
import type { AdminNavItemVM } from '../../../themes/view-models.js';

export const ADMIN_PATHS = {
  home: '/admin/', comments: '/admin/comments', logout: '/admin/logout', login: '/admin/login',
  bans: '/admin/comments/bans', privacy: '/admin/comments/privacy', discussion: '/admin/settings/discussion',
  posts: '/admin/posts', newPost: '/admin/posts/new', pages: '/admin/pages', newPage: '/admin/pages/new',
  media: '/admin/media', categories: '/admin/categories', tags: '/admin/tags', users: '/admin/users',
  profile: '/admin/profile', general: '/admin/settings/general', reading: '/admin/settings/reading',
  signIn: '/admin/settings/sign-in', permalinks: '/admin/settings/permalinks',
} as const;

export type AdminSection =
  | 'dashboard' | 'posts' | 'new-post' | 'pages' | 'media' | 'comments' | 'bans' | 'privacy' | 'categories' | 'tags'
  | 'users' | 'profile' | 'general' | 'reading' | 'discussion' | 'sign-in' | 'permalinks';

/** The staff menu in WordPress's order; each entry shows to those whose role has its capability. */
const NAV: readonly { readonly section: AdminSection; readonly href: string; readonly label: string; readonly capability: Capability }[] = [
  { section: 'dashboard', href: ADMIN_PATHS.home, label: 'Dashboard', capability: 'read' },
  { section: 'posts', href: ADMIN_PATHS.posts, label: 'Posts', capability: 'edit_posts' },
  { section: 'new-post', href: ADMIN_PATHS.newPost, label: 'Add New Post', capability: 'edit_posts' },
  { section: 'media', href: ADMIN_PATHS.media, label: 'Media', capability: 'upload_files' },
  { section: 'pages', href: ADMIN_PATHS.pages, label: 'Pages', capability: 'edit_pages' },
  { section: 'comments', href: ADMIN_PATHS.comments, label: 'Comments', capability: 'moderate_comments' },
  { section: 'bans', href: ADMIN_PATHS.bans, label: 'Bans', capability: 'moderate_comments' },
  { section: 'categories', href: ADMIN_PATHS.categories, label: 'Categories', capability: 'manage_categories' },
  { section: 'tags', href: ADMIN_PATHS.tags, label: 'Tags', capability: 'manage_categories' },
  { section: 'users', href: ADMIN_PATHS.users, label: 'Users', capability: 'list_users' },
  { section: 'profile', href: ADMIN_PATHS.profile, label: 'Profile', capability: 'read' },
  { section: 'general', href: ADMIN_PATHS.general, label: 'General', capability: 'manage_options' },
  { section: 'reading', href: ADMIN_PATHS.reading, label: 'Reading', capability: 'manage_options' },
  { section: 'discussion', href: ADMIN_PATHS.discussion, label: 'Discussion', capability: 'manage_options' },
  { section: 'sign-in', href: ADMIN_PATHS.signIn, label: 'Sign-in', capability: 'manage_options' },
  { section: 'permalinks', href: ADMIN_PATHS.permalinks, label: 'Permalinks', capability: 'manage_options' },
  { section: 'privacy', href: ADMIN_PATHS.privacy, label: 'Privacy', capability: 'manage_options' },
];

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  editor: 'Editor',
  author: 'Author',
  contributor: 'Contributor',
  subscriber: 'Subscriber',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

/** The staff menu: only what this person may open; the pending count beside Comments. */
export function presentAdminNav(user: User, current: AdminSection, pendingComments: number | undefined): AdminNavItemVM[] {
  return NAV.filter((item) => can(user.role, item.capability)).map((item) => ({
    href: item.href,
    label: item.label,
    current: item.section === current,
    ...(item.section === 'comments' ? { count: pendingComments } : {}),
  }));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(iso: string, language: string, timeZone: string): string {
  const key = `${language}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(new Date(iso));
}
