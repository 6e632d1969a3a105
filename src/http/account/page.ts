// The account pages' frame and shared bits: the site's layout (never cached, never indexed), the surface's paths,
// where to go afterwards (same-origin paths only), and the per-field messages of a refusal.
import type { FastifyReply } from 'fastify';
import { isAppError } from '../../kernel/errors.js';
import type { SafeHtml } from '../../kernel/html.js';
import { READER_HOME, safeRedirectPath } from '../auth/redirect.js';
import { markPersonal } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { loadSiteContext } from '../site/context.js';
import { sendPage } from '../site/page.js';

export const ACCOUNT_PATHS = {
  register: '/account/register',
  verify: '/account/verify',
  login: '/account/login',
  forgot: '/account/password/forgot',
  reset: '/account/password/reset',
  emailLink: '/account/email-link',
  settings: '/account',
  identities: '/account/identities',
  logout: '/auth/logout',
} as const;

/** Where readers go when no (safe) return_to was given. */
export { READER_HOME };

export type Body = Readonly<Record<string, unknown>>;

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The `return_to` of a request, if it is a path on this site; the site's home otherwise (no open redirect). */
export const returnToOf = (value: unknown): string => safeRedirectPath(value, READER_HOME);

/** `path?return_to=…`, leaving the query out when it would only say "home". */
export function withReturnTo(path: string, returnTo: string): string {
  return returnTo === READER_HOME ? path : `${path}?return_to=${encodeURIComponent(returnTo)}`;
}

// Pages whose address carries a live one-time token: their request lines are credentials, so only warnings and
// errors are logged on those routes.
export const QUIET = { logLevel: 'warn' } as const;
export const PUBLIC = { access: 'public' } as const;
/** The signed-in reader's own pages (any role): anonymous visitors are sent to /account/login by the access rule. */
export const SIGNED_IN = { access: { signedIn: true } } as const;

/** Every account response, pages and redirects alike: this browser's alone, never cached nor indexed. */
export function markAccountResponse(reply: FastifyReply): FastifyReply {
  markPersonal(reply);
  return reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
}

export interface AccountPageOptions {
  readonly status?: number;
  /** First-party scripts the page loads (the passkeys script, say). */
  readonly scripts?: readonly string[];
}

export async function sendAccountPage(
  deps: HttpDeps, reply: FastifyReply, title: string, main: SafeHtml, options: AccountPageOptions = {},
): Promise<FastifyReply> {
  markAccountResponse(reply);
  const ctx = await loadSiteContext(deps.services);
  const layout = { pageTitle: title, canonicalPath: null, robots: 'noindex', ...(options.scripts ? { scripts: options.scripts } : {}) };
  return sendPage(deps, reply, ctx, layout, main, options.status ?? 200);
}

/** The per-field messages of an 'invalid' refusal with `fields` (ACCOUNT_INVALID, USER_INVALID); undefined otherwise. */
export function fieldErrorsOf(error: unknown): Readonly<Record<string, string>> | undefined {
  if (!isAppError(error) || error.kind !== 'invalid') return undefined;
  const fields = error.details?.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : undefined;
}

/** True when `error` is the refusal with this code (to answer it on the page rather than through the funnel). */
export function isRefusal(error: unknown, code: string): boolean {
  return isAppError(error) && error.code === code;
}
