// WordPress's REST error shape, `{ code, message, data: { status, ... } }`, for every /wp-json answer: the factory
// handlers throw, and the translation of our own AppErrors and Fastify's refusals that http/errors.ts renders.
import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorKind } from '../../kernel/errors.js';

/** What http/errors.ts sends for a /wp-json request: a status and WordPress's body. */
export interface WpErrorResponse {
  readonly status: number;
  readonly body: { readonly code: string; readonly message: string; readonly data: Readonly<Record<string, unknown>> };
}

const KIND_OF_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 410: 'gone',
  413: 'too_large', 415: 'unsupported', 429: 'rate_limited', 500: 'internal', 503: 'unavailable',
};

/** Marks an AppError as already in WordPress's terms: its code is WordPress's, `data` joins `status`. */
const WP_DATA = 'wpData';

/**
 * A WordPress REST error (`rest_post_invalid_id`, 404): thrown from a handler, sent as WordPress sends it.
 * `extraData` joins `data` beside `status` (`params`, `details`, `json_error_code`).
 */
export function wpError(code: string, message: string, status: keyof typeof KIND_OF_STATUS, extraData: Readonly<Record<string, unknown>> = {}): AppError {
  return new AppError({ code, kind: KIND_OF_STATUS[status] ?? 'invalid', message, details: { [WP_DATA]: extraData } });
}

/** True for requests the WordPress shapes answer: /wp-json and below (also `/?rest_route=`, rewritten to it). */
export function isWpJsonRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  return request.url === '/wp-json' || request.url.startsWith('/wp-json/') || request.url.startsWith('/wp-json?');
}

// Our codes that WordPress has its own word for. Anything else keeps our code, lowercased (quire_*), so a
// client can still tell refusals apart.
const WP_CODES: Readonly<Record<string, { code: string; message?: string }>> = {
  PAGE_NOT_FOUND: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' },
  POST_NOT_FOUND: { code: 'rest_post_invalid_id', message: 'Invalid post ID.' },
  BODY_TOO_LARGE: { code: 'rest_request_too_large', message: 'The request body is larger than this site accepts (1 MB).' },
  CONTENT_TYPE_UNSUPPORTED: { code: 'rest_unsupported_media_type', message: 'Send the body as JSON (application/json) or as a form.' },
  SIGN_IN_REQUIRED: { code: 'rest_not_logged_in', message: 'You are not currently logged in.' },
  ACCESS_DENIED: { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.' },
  RATE_LIMITED: { code: 'rest_rate_limited' },
  INTERNAL: { code: 'rest_internal_error' },
  URL_INVALID: { code: 'rest_invalid_url' },
};

/** Fastify's JSON parser refusing a body: WordPress's `rest_invalid_json`, with PHP's json_last_error words. */
function isJsonSyntaxError(error: AppError): boolean {
  const cause = error.cause as { code?: unknown; name?: unknown } | undefined;
  return error.code === 'BAD_REQUEST' && (cause?.name === 'SyntaxError' || cause?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || cause?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY');
}

/** Field problems of POST_INVALID and the like, as WordPress's `rest_invalid_param` names them. */
function paramsOf(error: AppError): Readonly<Record<string, unknown>> | undefined {
  const fields = error.details?.fields;
  return fields && typeof fields === 'object' ? { params: fields } : undefined;
}

/** The WordPress answer for `error`, whatever raised it. */
export function wpErrorResponse(error: AppError, status: number): WpErrorResponse {
  const wpData = error.details?.[WP_DATA];
  if (wpData && typeof wpData === 'object') {
    return { status, body: { code: error.code, message: error.message, data: { status, ...(wpData as Record<string, unknown>) } } };
  }
  if (isJsonSyntaxError(error)) {
    return { status: 400, body: { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400, json_error_code: 4, json_error_message: 'Syntax error' } } };
  }
  const params = paramsOf(error);
  if (params && status === 400) return { status, body: { code: 'rest_invalid_param', message: error.message, data: { status, ...params } } };
  const known = WP_CODES[error.code];
  const code = known?.code ?? `quire_${error.code.toLowerCase()}`;
  return { status, body: { code, message: known?.message ?? error.message, data: { status, ...params } } };
}

/** Runs `work`, rethrowing what it throws as `translate` words it (a feature's AppError in WordPress's terms). */
export async function inWordPressTerms<T>(translate: (error: unknown) => unknown, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(error);
  }
}
