// Who is calling the WordPress API: an application password over HTTP Basic, or a signed-in session whose request
// carries its nonce (X-WP-Nonce or _wpnonce), as WordPress authenticates REST requests. Every /wp-json handler asks
// here and nowhere else.
import type { FastifyRequest } from 'fastify';
import type { AppPasswordRefusal } from '../../features/app-passwords/index.js';
import type { User } from '../../features/users/index.js';
import { currentUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { wpError } from './wp-error.js';

/** Failed Basic attempts from one address within this window… */
export const BASIC_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** …beyond which its requests with Basic credentials are refused (429) until the window closes. */
export const MAX_BASIC_FAILURES_PER_ADDRESS = 20;

// WordPress's words (wp_authenticate_application_password), so clients that show them read as they do there.
const REFUSALS: Readonly<Record<AppPasswordRefusal, { code: string; message: string }>> = {
  unknown_login: { code: 'invalid_username', message: 'Unknown username. Check again or try your email address.' },
  unknown_email: { code: 'invalid_email', message: 'Unknown email address. Check again or try your username.' },
  incorrect_password: { code: 'incorrect_password', message: 'The provided password is an invalid application password.' },
};

interface BasicCredentials {
  readonly name: string;
  readonly password: string;
}

/** `Authorization: Basic base64(name:password)`; undefined for any other scheme or none (WordPress ignores those too). */
function basicCredentialsOf(request: FastifyRequest): BasicCredentials | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Without a colon there is no password: the whole is the name, and the (empty) password is simply wrong.
  return colon < 0 ? { name: decoded, password: '' } : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function basicRateLimited() {
  return wpError('rest_too_many_attempts', 'Too many failed attempts with application passwords from your address. Wait 15 minutes and try again.', 429);
}

/** The application password's owner; 401 in WordPress's terms when wrong, 429 when this address failed too often. */
async function basicCaller(request: FastifyRequest, deps: HttpDeps, credentials: BasicCredentials): Promise<User> {
  const key = `wpjson:basic:${request.ip}`;
  // Counted before the check, as the sign-in throttle does: a burst of parallel guesses is counted in full.
  if ((await deps.counters.hit(key, BASIC_FAILURE_WINDOW_MS)) > MAX_BASIC_FAILURES_PER_ADDRESS) {
    request.log.warn({ ip: request.ip }, 'application password refused: too many failures');
    throw basicRateLimited();
  }
  const check = await deps.services.appPasswords.verify(credentials.name, credentials.password, request.ip);
  if (!check.ok) {
    request.log.info({ ip: request.ip, reason: check.reason }, 'application password refused');
    const refusal = REFUSALS[check.reason];
    throw wpError(refusal.code, refusal.message, 401);
  }
  await deps.counters.release(key);
  return check.user;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The nonce a cookie-authenticated request carries: the X-WP-Nonce header, else `_wpnonce` in the query or body. */
function nonceOf(request: FastifyRequest): unknown {
  const header = request.headers['x-wp-nonce'];
  if (typeof header === 'string') return header;
  const fromQuery = (request.query as Readonly<Record<string, unknown>> | undefined)?._wpnonce;
  if (fromQuery !== undefined) return fromQuery;
  const body = request.body;
  return body !== null && typeof body === 'object' ? (body as Readonly<Record<string, unknown>>)._wpnonce : undefined;
}

/** Whether the nonce is this browser's: the CSRF token its forms carry (bound to its cookie, unreadable to other sites). */
function isNonceValid(request: FastifyRequest, deps: HttpDeps): boolean {
  try {
    deps.csrf.verify(request, nonceOf(request));
    return true;
  } catch {
    return false;
  }
}

/**
 * A session cookie counts only with its nonce: another site can make a browser send the cookie, never the nonce.
 * Without a valid one a read is anonymous and a write is refused (`rest_cookie_invalid_nonce`, 403).
 */
async function cookieCaller(request: FastifyRequest, deps: HttpDeps): Promise<User | undefined> {
  const user = await currentUser(request, deps.services);
  if (!user || isNonceValid(request, deps)) return user;
  if (READS.has(request.method)) return undefined;
  throw wpError('rest_cookie_invalid_nonce', 'Cookie check failed', 403);
}

// A side table keyed by the request, as auth/current-user.ts: one check (and one counted attempt) per request.
const resolved = new WeakMap<FastifyRequest, Promise<User | undefined>>();

/**
 * The person the request authenticates as, or undefined for an anonymous caller. Basic credentials come first
 * (as in WordPress) and, when wrong, are refused with 401 `incorrect_password` / `invalid_username` /
 * `invalid_email` rather than read as anonymous. Basic over plain http is accepted (WordPress refuses it off
 * https outside local environments): README's "WordPress REST API" section asks for https in production.
 */
export function apiCaller(request: FastifyRequest, deps: HttpDeps): Promise<User | undefined> {
  let found = resolved.get(request);
  if (!found) {
    const credentials = basicCredentialsOf(request);
    found = credentials ? basicCaller(request, deps, credentials) : cookieCaller(request, deps);
    resolved.set(request, found);
  }
  return found;
}

/**
 * WordPress's refusal of a permission check (rest_authorization_required_code): 401 for an anonymous caller, who
 * might succeed by authenticating, 403 for a caller whose role does not allow it.
 */
export function permissionRefusal(caller: User | undefined, code: string, message: string) {
  return wpError(code, message, caller ? 403 : 401);
}
