// The one funnel from errors to responses: AppError kinds become statuses; each surface renders its own body.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind, isAppError } from '../kernel/errors.js';
import { html } from '../kernel/html.js';
import { renderError } from '../../themes/default/index.js';
import type { HttpDeps } from './deps.js';
import { setSecurityHeaders } from './security-headers.js';
import { loadSiteContext, type SiteContext } from './site/context.js';
import { sendPage } from './site/page.js';

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

const FRAMEWORK_ERRORS: Readonly<Record<number, { code: string; kind: ErrorKind }>> = {
  404: { code: 'PAGE_NOT_FOUND', kind: 'not_found' },
  413: { code: 'BODY_TOO_LARGE', kind: 'too_large' },
  415: { code: 'CONTENT_TYPE_UNSUPPORTED', kind: 'unsupported' },
  429: { code: 'RATE_LIMITED', kind: 'rate_limited' },
};

/** Fastify's own errors (bad body, too large, unsupported type) as AppErrors, so they render the same way. */
function normalize(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = FRAMEWORK_ERRORS[status] ?? { code: 'BAD_REQUEST', kind: 'invalid' as const };
    return new AppError({ ...known, message: fastifyError.message ?? 'Bad request.', cause: error });
  }
  return new AppError({ code: 'INTERNAL', kind: 'internal', message: 'An unexpected error occurred. It has been logged; please try again.', cause: error });
}

function fieldMessages(error: AppError): string[] {
  const fields = error.details?.fields;
  if (!fields || typeof fields !== 'object') return [];
  return Object.values(fields as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
}

async function sendError(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = statusOf(error.kind);
  if (status >= 500) request.log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
  else request.log.info({ code: error.code, status }, 'request refused');
  if (request.routeOptions.config?.surface === 'api') {
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
    setSecurityHeaders(reply, request.routeOptions.config?.surface !== 'api');
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
