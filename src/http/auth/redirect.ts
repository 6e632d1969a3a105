// Where to send someone after signing in: only ever a path on this site (no open redirect).
export const ADMIN_HOME = '/admin/';
export const SIGN_IN_PATH = '/admin/login';
/** Where readers (any role) sign in: the site's own account pages. */
export const READER_SIGN_IN_PATH = '/account/login';
/** Where readers go when no (safe) return_to was given. */
export const READER_HOME = '/';

const MAX_LENGTH = 2_000;
// Control characters and backslashes: browsers strip or turn them into '/', which can make "//host".
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * `value` when it is a same-origin path ('/…', not '//…' nor '/\…', no scheme); else `fallback` (the admin home
 * unless the caller names another, e.g. '/' for readers).
 */
export function safeRedirectPath(value: unknown, fallback: string = ADMIN_HOME): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return fallback;
  // The URL parser has the final word: the path must stay on the origin it is resolved against.
  const base = 'http://quire.invalid';
  try {
    return new URL(value, base).origin === base ? value : fallback;
  } catch {
    return fallback;
  }
}

/** The sign-in page, coming back to `returnTo` afterwards (when given). */
export function signInUrl(returnTo?: string): string {
  return returnTo === undefined ? SIGN_IN_PATH : `${SIGN_IN_PATH}?redirect_to=${encodeURIComponent(safeRedirectPath(returnTo))}`;
}

/** The readers' sign-in page, coming back to `returnTo` afterwards (left out when it would only say "home"). */
export function readerSignInUrl(returnTo?: string): string {
  const target = returnTo === undefined ? READER_HOME : safeRedirectPath(returnTo, READER_HOME);
  return target === READER_HOME ? READER_SIGN_IN_PATH : `${READER_SIGN_IN_PATH}?return_to=${encodeURIComponent(target)}`;
}
