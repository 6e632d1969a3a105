// The people screens under /admin/: the users list and Add New User, an account's edit and delete pages, and
// every signed-in person's own Profile.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { registerProfileRoutes } from './profile.route.js';
import { registerUserEditRoutes } from './users-edit.route.js';
import { registerUserListRoutes } from './users.route.js';

export function registerPeopleRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerUserListRoutes(app, deps);
  registerUserEditRoutes(app, deps);
  registerProfileRoutes(app, deps);
}
