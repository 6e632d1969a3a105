// The staff surface under /admin/: sign-in and sign-out, the landing page and comment moderation.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { registerCommentRoutes } from './comments.route.js';
import { registerDashboardRoute } from './dashboard.route.js';
import { registerLoginRoutes } from './login.route.js';
import { registerLogoutRoute } from './logout.route.js';

export function registerAdminRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerLoginRoutes(app, deps);
  registerLogoutRoute(app, deps);
  registerDashboardRoute(app, deps);
  registerCommentRoutes(app, deps);
}
