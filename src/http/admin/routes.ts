// The staff surface under /admin/: sign-in and sign-out, the landing page, comment moderation and bans, commenters'
// personal data, and Settings → Discussion.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { registerBanRoutes } from './bans.route.js';
import { registerCommentRoutes } from './comments.route.js';
import { registerDashboardRoute } from './dashboard.route.js';
import { registerDiscussionRoutes } from './discussion.route.js';
import { registerLoginRoutes } from './login.route.js';
import { registerLogoutRoute } from './logout.route.js';
import { registerMediaRoutes } from './media.route.js';
import { registerAdminPrivacyRoutes } from './privacy.route.js';

export function registerAdminRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerLoginRoutes(app, deps);
  registerLogoutRoute(app, deps);
  registerDashboardRoute(app, deps);
  registerCommentRoutes(app, deps);
  registerBanRoutes(app, deps);
  registerAdminPrivacyRoutes(app, deps);
  registerDiscussionRoutes(app, deps);
  registerMediaRoutes(app, deps);
}
