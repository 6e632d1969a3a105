// CSRF protection for forms: a random cookie and a form field that must carry its HMAC (signed double submit).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { AppError } from '../kernel/errors.js';
import { markPersonal } from './cache/tags.js';
import { hmac, randomToken, safeEqual } from '../kernel/ids.js';

const COOKIE = 'quire_csrf';

export interface Csrf {
  /** The token to put in the form; sets the cookie when the browser has none yet. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws a 403 AppError unless the form's token matches the browser's cookie. */
  verify(request: FastifyRequest, formToken: unknown): void;
}

export function createCsrf(secret: string, secureCookies: boolean): Csrf {
  const sign = (value: string) => hmac(secret, `csrf:${value}`);
  return {
    tokenFor(request, reply) {
      // The token is this browser's: a page that carries it must never be served to anyone else.
      markPersonal(reply);
      let value = request.cookies[COOKIE];
      if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
        value = randomToken();
        reply.setCookie(COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
      }
      return sign(value);
    },
    verify(request, formToken) {
      const value = request.cookies[COOKIE];
      if (!value || typeof formToken !== 'string' || !safeEqual(sign(value), formToken)) {
        throw new AppError({
          code: 'CSRF_TOKEN_INVALID',
          kind: 'forbidden',
          message: 'This form has expired or was sent from another site. Reload the page and try again.',
        });
      }
    },
  };
}
