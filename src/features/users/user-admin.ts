// People as administrators and their owners manage them: the profile fields (website, biography), the users list,
// and the rules of changing roles and removing accounts (the site always keeps an administrator).
import { AppError, invalidInput } from '../../kernel/errors.js';
import type { Role, User } from './users.js';
import { displayNameProblem, emailProblem } from './users.js';

/** An account with what its profile screen shows beyond the public fields. */
export interface UserProfile extends User {
  /** The person's website (WordPress's user_url); '' when none. */
  readonly url: string;
  /** The profile picture (a media item), or null: initials or Gravatar. */
  readonly avatarMediaId: number | null;
}

/** A change of profile: only the fields given change. */
export interface ProfileChanges {
  readonly displayName?: string;
  readonly email?: string;
  readonly url?: string;
  readonly bio?: string;
}

export interface UserListQuery {
  readonly role?: Role;
  /** Words in the login, display name or e-mail address. */
  readonly search?: string;
  readonly page: number;
  readonly perPage: number;
}

/** A row of the users list: the account and how many posts and pages it wrote (any status but trash). */
export interface UserListItem extends User {
  readonly postCount: number;
}

export interface UserListPage {
  readonly users: readonly UserListItem[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export const USERS_PAGE_SIZE = 20;
const URL_MAX = 200;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;

/** The problem with a website address (already trimmed), if any: '' or an http(s) address of at most 200 characters. */
export function websiteProblem(url: string): string | undefined {
  if (url === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const ok = parsed !== undefined && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && url.length <= URL_MAX && !/\s/.test(url);
  return ok ? undefined : `Give a website as an address starting with http:// or https:// (at most ${URL_MAX} characters).`;
}

/** The changes trimmed (e-mail lowercased) and checked together: USER_INVALID names every field at fault. */
export function validateProfileChanges(changes: ProfileChanges): ProfileChanges {
  const problems: Record<string, string> = {};
  const valid: { -readonly [K in keyof ProfileChanges]: ProfileChanges[K] } = {};
  if (changes.displayName !== undefined) {
    valid.displayName = changes.displayName.trim();
    const problem = displayNameProblem(valid.displayName);
    if (problem) problems.displayName = problem;
  }
  if (changes.email !== undefined) {
    valid.email = changes.email.trim().toLowerCase();
    const problem = emailProblem(valid.email);
    if (problem) problems.email = problem;
  }
  if (changes.url !== undefined) {
    valid.url = changes.url.trim();
    const problem = websiteProblem(valid.url);
    if (problem) problems.url = problem;
  }
  if (changes.bio !== undefined) {
    valid.bio = changes.bio.trim();
    if (valid.bio.length > 2000 || CONTROL_BUT_LINE_BREAKS.test(valid.bio)) {
      problems.bio = 'A biography is at most 2,000 characters, without control characters.';
    }
  }
  if (Object.keys(problems).length > 0) throw invalidInput('USER_INVALID', 'Some details of the account are not valid.', { fields: problems });
  return valid;
}

export function userNotFound(): AppError {
  return new AppError({ code: 'USER_NOT_FOUND', kind: 'not_found', message: 'There is no such user.' });
}

export function emailTaken(): AppError {
  const message = 'An account with this e-mail address already exists.';
  return new AppError({ code: 'USER_EMAIL_TAKEN', kind: 'conflict', message, details: { fields: { email: message } } });
}

/** The site would be left without anyone who can manage it. */
export function lastAdministrator(action: 'demote' | 'delete'): AppError {
  const message = action === 'demote'
    ? 'This is the only administrator: make someone else an administrator before changing this role.'
    : 'This is the only administrator: make someone else an administrator before deleting this account.';
  return new AppError({ code: 'USER_LAST_ADMINISTRATOR', kind: 'conflict', message, details: { fields: { role: message } } });
}

export function reassignInvalid(message: string): AppError {
  return new AppError({ code: 'USER_REASSIGN_INVALID', kind: 'invalid', message, details: { fields: { reassign: message } } });
}
