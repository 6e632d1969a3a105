// Headers every response carries: a strict CSP (no inline script or style) and the usual hardening.
import type { FastifyInstance, FastifyReply } from 'fastify';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  'frame-src https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Sets the headers on one reply; the CSP only on HTML, the only content it governs here. */
export function setSecurityHeaders(reply: FastifyReply, isHtml: boolean): void {
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  reply.header('X-Frame-Options', 'SAMEORIGIN');
  if (isHtml) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    setSecurityHeaders(reply, String(reply.getHeader('content-type') ?? '').startsWith('text/html'));
  });
}
