// /auth/:provider/start and /auth/:provider/callback: signing in (or linking) with Google, Facebook, X, WordPress.com,
// GitHub or any OpenID Connect provider. The flow itself lives in features/identity; this is the HTTP edge.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CompletedSignIn, identityErrors, redirectUriOf } from '../../features/identity/index.js';
import { type AppError, isAppError } from '../../kernel/errors.js';
import { randomToken } from '../../kernel/ids.js';
import { renderNotice, renderSignedInPage } from '../../../themes/default/index.js';
import { AUTH_TRANSACTION_COOKIE } from '../cookie-names.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { loadSiteContext } from '../site/context.js';
import { sendPage } from '../site/page.js';
import { currentUser } from './current-user.js';
import { safeRedirectPath } from './redirect.js';
import { isSecureSite, sessionTokenOf, setSessionCookie } from './session-cookie.js';

/** Sign-ins started per address in the window: generous for a person, a wall for a script. */
export const AUTH_STARTS_PER_WINDOW = 30;
export const AUTH_START_WINDOW_MS = 15 * 60 * 1000;
/** The quire_auth cookie lives as long as the transactions it binds. */
const BINDING_MAX_AGE_S = 10 * 60;
const BINDING = /^[A-Za-z0-9_-]{43}$/;

type Query = Record<string, unknown>;
interface ProviderParams {
  readonly provider: string;
}

const HEADINGS: Readonly<Record<string, string>> = {
  AUTH_CANCELLED: 'Sign-in was cancelled',
  AUTH_PROVIDER_UNAVAILABLE: 'Sign-in is unavailable',
  AUTH_START_RATE_LIMITED: 'Slow down',
  IDENTITY_LINKED_ELSEWHERE: 'That account is linked elsewhere',
};

function bindingOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[AUTH_TRANSACTION_COOKIE];
  return value !== undefined && BINDING.test(value) ? value : undefined;
}

/** The path to come back to, with the comment form in view; never another site. */
function landingOf(returnTo: string): string {
  return `${safeRedirectPath(returnTo, '/').split('#')[0]}#respond`;
}

export function registerOAuthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { providerSignIn, sessions } = deps.services;
  const secure = isSecureSite(deps.config.publicUrl);
  const origin = new URL(deps.config.publicUrl).origin;

  // No HEAD twin: a HEAD (link checkers, prefetchers) must not start a sign-in transaction.
  const startOptions = { config: { access: 'public' }, exposeHeadRoute: false } as const;
  app.get<{ Params: ProviderParams; Querystring: Query }>('/auth/:provider/start', startOptions, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const provider = providerSignIn.find(request.params.provider);
    if (!provider) throw identityErrors.providerUnknown();
    if ((await deps.counters.hit(`auth:start:${request.ip}`, AUTH_START_WINDOW_MS)) > AUTH_STARTS_PER_WINDOW) {
      reply.header('Retry-After', String(AUTH_START_WINDOW_MS / 1000));
      throw identityErrors.startRateLimited();
    }
    const query = request.query;
    // Linking is for the signed-in person who asked for it; anyone else simply signs in.
    const user = query.link === '1' ? await currentUser(request, deps.services) : undefined;
    // One binding per browser, kept across its concurrent sign-ins (two tabs), renewed with each.
    const browserSecret = bindingOf(request) ?? randomToken();
    const url = await providerSignIn.begin(provider.definition.id, {
      returnTo: safeRedirectPath(query.return_to, '/'),
      popup: query.popup === '1',
      browserSecret,
      ...(user ? { linkToUserId: user.id } : {}),
    });
    // Lax: the provider's redirect back is a top-level GET, which carries it; no other site's request does.
    reply.setCookie(AUTH_TRANSACTION_COOKIE, browserSecret, { path: '/auth/', httpOnly: true, sameSite: 'lax', secure, maxAge: BINDING_MAX_AGE_S });
    return reply.redirect(url.href, 302);
  });

  // logLevel warn: Fastify's own request lines would log the URL, and with it the authorization code.
  app.get<{ Params: ProviderParams }>('/auth/:provider/callback', { config: { access: 'public' }, logLevel: 'warn' }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const providerId = request.params.provider;
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    // Our exact redirect URI plus the provider's answer: what the token request must repeat.
    const callbackUrl = new URL(`${redirectUriOf(deps.config.publicUrl, encodeURIComponent(providerId))}${query}`);
    let done: CompletedSignIn;
    try {
      done = await providerSignIn.complete(providerId, callbackUrl, bindingOf(request));
    } catch (error) {
      if (!isAppError(error) || error.kind === 'internal') throw error;
      app.log.info({ provider: providerId, code: error.code, reason: reasonOf(error) }, 'provider sign-in refused');
      return sendRefusal(deps, reply, error);
    }
    // A new session (and token) every time; the one this browser had ends: no session fixation.
    const session = await sessions.create(done.user.id, sessionTokenOf(request), { identityId: done.identity.id });
    setSessionCookie(reply, session.token, session.absoluteEnd, secure);
    app.log.info(
      { provider: providerId, userId: done.user.id, identityId: done.identity.id, created: done.created, linked: done.transaction.linkToUserId !== undefined },
      'signed in with a provider',
    );
    if (!done.transaction.popup) return reply.redirect(landingOf(done.transaction.returnTo), 303);
    const settings = await deps.services.settings.get();
    return reply.type('text/html; charset=utf-8').send(
      renderSignedInPage({
        siteTitle: settings.title,
        language: settings.language,
        stylesheetHref: deps.assets.get('quire.css')?.href ?? '/assets/quire.css',
        scriptHref: deps.assets.get('auth-popup.js')?.href ?? '/assets/auth-popup.js',
        origin,
        providerLabel: done.provider.label,
        backHref: landingOf(done.transaction.returnTo),
      }),
    );
  });
}

/** What went wrong, for the log: openid-client's error codes and messages name checks, never token values. */
function reasonOf(error: AppError): string | undefined {
  const cause = error.cause instanceof Error && error.cause.cause instanceof Error ? error.cause.cause : error.cause;
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as Error & { code?: unknown; error?: unknown }).code ?? (cause as Error & { error?: unknown }).error;
  return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
}

async function sendRefusal(deps: HttpDeps, reply: FastifyReply, error: AppError) {
  const status = statusOf(error.kind);
  const back = typeof error.details?.returnTo === 'string' ? landingOf(error.details.returnTo) : '/';
  const ctx = await loadSiteContext(deps.services);
  const main = renderNotice({
    heading: HEADINGS[error.code] ?? 'Sign-in failed',
    message: error.message,
    link: { href: back, label: 'Back to the page you were on' },
  });
  return sendPage(deps, reply, ctx, { pageTitle: HEADINGS[error.code] ?? 'Sign-in failed', canonicalPath: null, robots: 'noindex' }, main, status);
}
