// POST /auth/logout: readers (and anyone) sign out. The session ends on the server, the cookie is cleared, and
// the browser goes back where it was (a same-origin path only).
import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, isSecureSite, sessionTokenOf } from '../auth/session-cookie.js';
import type { HttpDeps } from '../deps.js';
import { ACCOUNT_PATHS, type Body, PUBLIC, markAccountResponse, returnToOf } from './page.js';

export function registerLogoutRoute(app: FastifyInstance, deps: HttpDeps): void {
  const secure = isSecureSite(deps.config.publicUrl);
  // Public, so that signing out always works, even once the session has expired; the CSRF token keeps other
  // sites from signing people out.
  app.post<{ Body: Body }>(ACCOUNT_PATHS.logout, { config: PUBLIC }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const token = sessionTokenOf(request);
    if (token) await deps.services.sessions.destroy(token);
    clearSessionCookie(reply, secure);
    request.log.info('signed out');
    return markAccountResponse(reply).redirect(returnToOf(body.return_to), 303);
  });
}
