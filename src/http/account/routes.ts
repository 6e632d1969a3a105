// The site-account surface: every route of /account and /auth/logout, registered in one place.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { registerLoginRoutes } from './login.route.js';
import { registerLogoutRoute } from './logout.route.js';
import { registerPasskeyRoutes } from './passkeys.route.js';
import { registerPasswordRoutes } from './password.route.js';
import { registerRegisterRoutes } from './register.route.js';
import { registerSettingsRoutes } from './settings.route.js';

export function registerAccountRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerRegisterRoutes(app, deps);
  registerLoginRoutes(app, deps);
  registerPasswordRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerLogoutRoute(app, deps);
  registerPasskeyRoutes(app, deps);
}
