// The admin's taxonomy and site-settings screens (issue #7): Categories, Tags, and Settings → General, Reading,
// Sign-in, Permalinks.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { GENERAL_SCREEN, registerSettingsScreen } from './general.route.js';
import { PERMALINKS_SCREEN } from './permalinks.route.js';
import { READING_SCREEN } from './reading.route.js';
import { SIGN_IN_SCREEN, registerSignInTestRoute } from './sign-in-settings.route.js';
import { TERM_SCREENS } from './terms.present.js';
import { registerTermEditRoutes } from './terms-edit.route.js';
import { registerTermListRoutes } from './terms.route.js';

export function registerTermAndSettingsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  for (const screen of TERM_SCREENS) {
    registerTermListRoutes(app, deps, screen);
    registerTermEditRoutes(app, deps, screen);
  }
  registerSettingsScreen(app, deps, GENERAL_SCREEN);
  registerSettingsScreen(app, deps, READING_SCREEN);
  registerSettingsScreen(app, deps, SIGN_IN_SCREEN);
  registerSignInTestRoute(app, deps);
  registerSettingsScreen(app, deps, PERMALINKS_SCREEN);
}
