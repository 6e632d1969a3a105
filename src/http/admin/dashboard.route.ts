// GET /admin/: the landing page for signed-in staff (the full dashboard comes later).
import type { FastifyInstance } from 'fastify';
import { can } from '../../features/users/index.js';
import { renderDashboard } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { sendAdminPage } from './page.js';
import { ADMIN_PATHS, presentDashboard } from './present.js';

export function registerDashboardRoute(app: FastifyInstance, deps: HttpDeps): void {
  app.get(ADMIN_PATHS.home, { config: { access: { capability: 'read' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const pending = can(user.role, 'moderate_comments') ? await deps.services.comments.countPending() : undefined;
    return sendAdminPage(
      deps, request, reply,
      { pageTitle: 'Dashboard', user, section: 'dashboard', pendingComments: pending },
      renderDashboard(presentDashboard(user, pending)),
    );
  });
}
