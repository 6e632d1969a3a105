// The one funnel from errors to responses: AppError kinds become statuses; each surface renders its own body.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind, isAppError } from '../kernel/errors.js';
import { html } from '../kernel/html.js';
import { renderError } from '../../themes/default/index.js';
import type { HttpDeps } from './deps.js';
import { setSecurityHeaders } from './security-headers.js';
import { loadSiteContext, type SiteContext } from './site/context.js';
import { sendPage } from './site/page.js';
import { isWpJsonRequest, wpErrorResponse } from './wp-json/wp-error.js';

const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const HEADINGS: Readonly<Record<number, string>> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  410: 'This page is gone',
  409: 'That clashes with something already here',
  413: 'That is too large',
  415: 'That kind of content is not accepted here',
  429: 'Slow down',
  500: 'Something went wrong on our side',
  503: 'Temporarily unavailable',
};

export function statusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

// Fastify's words are for developers ("Unsupported Media Type"); where a reader may meet the refusal (a huge
// comment pasted into the form), ours say what to do.
const FRAMEWORK_ERRORS: Readonly<Record<number, { code: string; kind: ErrorKind; message?: string }>> = {
  404: { code: 'PAGE_NOT_FOUND', kind: 'not_found' },
  413: { code: 'BODY_TOO_LARGE', kind: 'too_large', message: 'What you sent is larger than this site accepts at once. Shorten it and send it again.' },
  415: { code: 'CONTENT_TYPE_UNSUPPORTED', kind: 'unsupported', message: 'This kind of content is not accepted here: send a form or JSON.' },
  429: { code: 'RATE_LIMITED', kind: 'rate_limited' },
};

/** Fastify's own errors (bad body, too large, unsupported type) as AppErrors, so they render the same way. */
function normalize(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const { code, kind, message } = FRAMEWORK_ERRORS[status] ?? { code: 'BAD_REQUEST', kind: 'invalid' as const };
    return new AppError({ code, kind, message: message ?? fastifyError.message ?? 'Bad request.', cause: error });
  }
  return new AppError({ code: 'INTERNAL', kind: 'internal', message: 'An unexpected error occurred. It has been logged; please try again.', cause: error });
}

function fieldMessages(error: AppError): string[] {
  const fields = error.details?.fields;
  if (!fields || typeof fields !== 'object') return [];
  return Object.values(fields as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
}

/** The q Accept gives `type`: that of the most specific range matching it (exact, then major/any, then any); 0 if none. */
function qualityOf(accept: string, type: string): number {
  const anyOfMajor = `${type.slice(0, type.indexOf('/'))}/*`;
  let best = { specificity: -1, q: 0 };
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const specificity = range === type ? 2 : range === anyOfMajor ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? '1');
    best = { specificity, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 };
  }
  return best.q;
}

/**
 * True when the request's Accept header ranks application/json above text/html (a tie goes to HTML, the site's
 * own format): the comment form's script does; browsers, and curl's accept-anything, do not. One rule for the
 * routes that answer either and for this funnel, so a client gets the format it asked for whoever refuses it.
 */
export function prefersJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (accept === undefined) return false;
  const json = qualityOf(accept, 'application/json');
  return json > 0 && json > qualityOf(accept, 'text/html');
}

/**
 * JSON for the JSON surfaces; on the site, for a request that changes something (not GET/HEAD) and prefers JSON,
 * like the comment form's script. Its refusals raised before any handler runs (413, 415, an unreadable body) then
 * arrive in the shape it reads. Reads stay HTML: a page's answer varying by Accept would mislead caches.
 */
function answersJson(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.surface === 'api' || isWpJsonRequest(request)) return true;
  return request.method !== 'GET' && request.method !== 'HEAD' && prefersJson(request);
}

async function sendError(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = statusOf(error.kind);
  if (status >= 500) request.log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
  else request.log.info({ code: error.code, status }, 'request refused');
  // /wp-json answers in WordPress's shape and codes, whoever refused (a handler, the router, Fastify's parser).
  if (isWpJsonRequest(request)) {
    const wp = wpErrorResponse(error, status);
    return reply.status(wp.status).send(wp.body);
  }
  if (answersJson(request)) {
    return reply.status(status).send({ code: error.code, message: error.message, data: { status, ...error.details } });
  }
  return sendErrorPage(deps, request, reply, status, error);
}

/**
 * Fastify's `frameworkErrors` option: errors its router raises before any route or error handler runs
 * (a URL with broken %-escapes) get the same themed page instead of Fastify's bare JSON.
 */
export function frameworkErrorHandler(deps: HttpDeps) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const appError =
      error.code === 'FST_ERR_BAD_URL'
        ? new AppError({ code: 'URL_INVALID', kind: 'invalid', message: 'This address cannot be read: it has a broken %-escape. Check it for typing mistakes.' })
        : normalize(error);
    // These replies skip every hook, onSend included, so the security headers are set here.
    setSecurityHeaders(reply, !answersJson(request));
    void sendError(deps, request, reply, appError);
  };
}

export function installErrorHandling(app: FastifyInstance, deps: HttpDeps): void {
  const send = (request: FastifyRequest, reply: FastifyReply, error: AppError) => sendError(deps, request, reply, error);

  app.setErrorHandler(async (error, request, reply) => send(request, reply, normalize(error)));
  app.setNotFoundHandler(async (request, reply) =>
    send(request, reply, new AppError({ code: 'PAGE_NOT_FOUND', kind: 'not_found', message: 'Nothing was found at this address. Try a search or the links below.' })),
  );
}

async function sendErrorPage(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, status: number, error: AppError) {
  let ctx: SiteContext;
  try {
    ctx = await loadSiteContext(deps.services);
  } catch (contextError) {
    // The database itself may be what failed: answer with a bare page rather than fail again.
    request.log.error({ err: contextError }, 'error page could not load the site context');
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="en"><title>Error ${status}</title>${html`<h1>${HEADINGS[status] ?? 'Error'}</h1><p>${error.message}</p>`}</html>`);
  }
  const main = renderError({ status, heading: HEADINGS[status] ?? 'Error', message: error.message, details: fieldMessages(error) });
  return sendPage(deps, reply, ctx, { pageTitle: HEADINGS[status] ?? 'Error', canonicalPath: null, robots: 'noindex' }, main, status);
}
