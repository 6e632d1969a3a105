// People and their roles: WordPress's capability model as a table, plus input rules for accounts.
import { invalidInput } from '../../kernel/errors.js';

export { maskEmail } from '../../kernel/mask.js';
import type { Role } from '../../db/tables.js';
import type { HtmlTrust } from '../content/index.js';

export type { Role } from '../../db/tables.js';

export interface User {
  readonly id: number;
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly bio: string;
  readonly createdAt: string;
  /** When the owner of the address proved it by a mailed link; null: never. */
  readonly emailVerifiedAt: string | null;
}

export const roles: readonly Role[] = ['administrator', 'editor', 'author', 'contributor', 'subscriber'];

export type Capability =
  | 'read'
  | 'edit_posts'
  | 'delete_posts'
  | 'publish_posts'
  | 'edit_published_posts'
  | 'delete_published_posts'
  | 'edit_others_posts'
  | 'delete_others_posts'
  | 'read_private_posts'
  | 'edit_pages'
  | 'publish_pages'
  | 'delete_pages'
  | 'moderate_comments'
  | 'manage_categories'
  | 'upload_files'
  | 'unfiltered_html'
  | 'manage_options'
  | 'list_users'
  | 'create_users'
  | 'edit_users'
  | 'promote_users'
  | 'delete_users';

// WordPress's default roles (wp-admin/includes/schema.php, populate_roles), for the capabilities Quire checks.
const CONTRIBUTOR: readonly Capability[] = ['read', 'edit_posts', 'delete_posts'];
const AUTHOR: readonly Capability[] = [
  ...CONTRIBUTOR, 'publish_posts', 'upload_files', 'edit_published_posts', 'delete_published_posts',
];
const EDITOR: readonly Capability[] = [
  ...AUTHOR, 'edit_others_posts', 'delete_others_posts', 'read_private_posts', 'edit_pages', 'publish_pages',
  'delete_pages', 'moderate_comments', 'manage_categories', 'unfiltered_html',
];
const ADMINISTRATOR: readonly Capability[] = [
  ...EDITOR, 'manage_options', 'list_users', 'create_users', 'edit_users', 'promote_users', 'delete_users',
];

const capabilities: Readonly<Record<Role, ReadonlySet<Capability>>> = {
  subscriber: new Set(['read']),
  contributor: new Set(CONTRIBUTOR),
  author: new Set(AUTHOR),
  editor: new Set(EDITOR),
  administrator: new Set(ADMINISTRATOR),
};

export function can(role: Role, capability: Capability): boolean {
  return capabilities[role].has(capability);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** How much HTML a person's writing may keep (WordPress's unfiltered_html). */
export function htmlTrustOf(role: Role): HtmlTrust {
  return can(role, 'unfiltered_html') ? 'unfiltered' : 'safe';
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export interface NewUserInput {
  readonly email: string;
  readonly login?: string;
  readonly displayName?: string;
  readonly role: string;
  readonly password?: string;
  /**
   * The password already hashed (users' hashPassword), instead of `password`: lets a caller that creates the
   * account inside a transaction do the slow hashing before it, not while holding the database.
   */
  readonly passwordHash?: string;
  readonly bio?: string;
}

export interface ValidNewUser {
  readonly email: string;
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string | undefined;
  readonly bio: string;
}

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces or control characters.
const EMAIL = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
// No name holds a control character, and PostgreSQL text cannot hold NUL at all; a biography may keep line breaks.
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;
const LOGIN = /^[a-z0-9][a-z0-9._-]{0,59}$/;

/** The problem with an e-mail address (already trimmed and lowercased), if any. */
export function emailProblem(email: string): string | undefined {
  return !EMAIL.test(email) || email.length > 100 ? 'Enter a valid e-mail address (at most 100 characters).' : undefined;
}

/** The problem with a display name, if any (1–100 characters, no control characters). */
export function displayNameProblem(displayName: string): string | undefined {
  return displayName.length === 0 || displayName.length > 100 || CONTROL.test(displayName)
    ? 'A display name is 1–100 characters, without control characters.'
    : undefined;
}

/** Checks every field and reports all problems together (NIST 800-63B: length rules only for passwords). */
export function validateNewUser(input: NewUserInput): ValidNewUser {
  const problems: Record<string, string> = {};
  const email = input.email.trim().toLowerCase();
  const emailError = emailProblem(email);
  if (emailError) problems.email = emailError;
  const login = (input.login ?? email.split('@')[0] ?? '').trim().toLowerCase();
  if (!LOGIN.test(login)) problems.login = 'A login is 1–60 characters: lowercase letters, digits, dot, dash or underscore.';
  const displayName = (input.displayName ?? login).trim();
  const displayNameError = displayNameProblem(displayName);
  if (displayNameError) problems.displayName = displayNameError;
  if (!isRole(input.role)) problems.role = `The role must be one of: ${roles.join(', ')}.`;
  const password = input.password;
  if (password !== undefined && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) {
    problems.password = `A password is ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`;
  }
  const bio = (input.bio ?? '').trim();
  if (bio.length > 2000 || CONTROL_BUT_LINE_BREAKS.test(bio)) problems.bio = 'A biography is at most 2,000 characters, without control characters.';
  if (Object.keys(problems).length > 0) {
    throw invalidInput('USER_INVALID', 'Some details of the account are not valid.', { fields: problems });
  }
  return { email, login, displayName, role: input.role as Role, password, bio };
}

