// POST /admin/logout: ends the session on the server (the cookie alone would not do) and clears the cookie.
import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, isSecureSite, sessionTokenOf } from '../auth/session-cookie.js';
import type { HttpDeps } from '../deps.js';
import { markAdminResponse } from './page.js';
import { ADMIN_PATHS } from './present.js';

export function registerLogoutRoute(app: FastifyInstance, deps: HttpDeps): void {
  const secure = isSecureSite(deps.config.publicUrl);
  // Public, so that signing out always works, even once the session has expired; the CSRF token keeps
  // other sites from signing people out.
  app.post<{ Body: Record<string, unknown> }>(ADMIN_PATHS.logout, { config: { access: 'public' } }, async (request, reply) => {
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    const token = sessionTokenOf(request);
    if (token) await deps.services.sessions.destroy(token);
    clearSessionCookie(reply, secure);
    request.log.info('signed out');
    return markAdminResponse(reply).redirect(ADMIN_PATHS.login, 303);
  });
}
