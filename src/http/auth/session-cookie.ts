// The session cookie: how it is read, set and cleared (HttpOnly, SameSite=Lax, Secure on an https site).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { SESSION_COOKIE } from '../cookie-names.js';

// What randomToken() makes: anything else is not worth a lookup.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value !== undefined && TOKEN.test(value) ? value : undefined;
}

/** Secure cookies when the site is served over https (a plain-http site could not send them back). */
export function isSecureSite(publicUrl: string): boolean {
  return publicUrl.startsWith('https:');
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  // Lax: sent on top-level navigation from other sites (a link to /admin/ works), never on their POSTs.
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
