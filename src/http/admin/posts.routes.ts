// The writers' admin (issue #7): the lists of posts and pages, the editor and what its script calls, edit locks
// and revisions.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { registerEditorApiRoutes } from './editor-api.route.js';
import { registerEditLockRoutes } from './editor-lock.route.js';
import { registerEditorTermRoutes } from './editor-terms.js';
import { registerEditorRoutes } from './editor.route.js';
import { registerQuickEditRoutes } from './posts-quick-edit.route.js';
import { registerPostListRoutes } from './posts.route.js';
import { registerRevisionRoutes } from './revisions.route.js';

export function registerWritingRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerPostListRoutes(app, deps);
  registerQuickEditRoutes(app, deps);
  registerEditorRoutes(app, deps);
  registerEditorApiRoutes(app, deps);
  registerEditLockRoutes(app, deps);
  registerEditorTermRoutes(app, deps);
  registerRevisionRoutes(app, deps);
}
