// Where to send someone after signing in: only ever a path on this site (no open redirect).
export const ADMIN_HOME = '/admin/';
export const SIGN_IN_PATH = '/admin/login';

const MAX_LENGTH = 2_000;
// Control characters and backslashes: browsers strip or turn them into '/', which can make "//host".
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** `value` when it is a same-origin path ('/…', not '//…' nor '/\…', no scheme); else the admin home. */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return ADMIN_HOME;
  if (!value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return ADMIN_HOME;
  // The URL parser has the final word: the path must stay on the origin it is resolved against.
  const base = 'http://quire.invalid';
  try {
    return new URL(value, base).origin === base ? value : ADMIN_HOME;
  } catch {
    return ADMIN_HOME;
  }
}

/** The sign-in page, coming back to `returnTo` afterwards (when given). */
export function signInUrl(returnTo?: string): string {
  return returnTo === undefined ? SIGN_IN_PATH : `${SIGN_IN_PATH}?redirect_to=${encodeURIComponent(safeRedirectPath(returnTo))}`;
}
