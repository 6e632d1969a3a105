// Every /wp-json route, registered in one place: the router, then each resource. REST-2 adds their resources'
// register lines below (see README.md in this folder for the contract).
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';
import { createWpApi } from './api.js';
import { type AuthenticationDescriptions, registerIndexRoutes } from './index.route.js';
import { registerCommentRoutes } from './comments.route.js';
import { registerMediaRoutes } from './media.route.js';
import { acceptMediaUploads } from './media.upload.js';
import { registerPostRoutes } from './posts.route.js';
import { registerRevisionRoutes } from './revisions.route.js';
import { registerSearchRoutes } from './search.route.js';
import { registerStatusRoutes } from './statuses.route.js';
import { registerTermRoutes } from './terms.route.js';
import { registerUserRoutes } from './users.route.js';
import { registerTypeRoutes } from './types.route.js';
import { registerOembedRoutes } from './oembed.route.js';
import { installWpCors } from './cors.js';
import { wpError } from './wp-error.js';

/**
 * Registers the WordPress API inside its own Fastify scope: its JSON parser accepts an empty body (WordPress
 * clients send DELETE with Content-Type: application/json and nothing else), which the rest of the site refuses.
 */
export async function registerWpJsonRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(async (scope) => {
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, undefined);
      parseJson(request, text, done);
    });
    // Without it, the site's own catch-all (GET /*) would answer unknown API paths with pages and redirects;
    // other methods already fall to the not-found handler, which answers /wp-json in WordPress's words.
    scope.get('/wp-json/*', { config: { access: 'public', surface: 'api' } }, async () => {
      throw wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
    });
    acceptMediaUploads(scope);
    installWpCors(scope);
    const api = createWpApi(scope, deps);
    const authentication: AuthenticationDescriptions = {};
    registerIndexRoutes(api, authentication);
    registerPostRoutes(api);
    registerTypeRoutes(api);
    registerSearchRoutes(api);
    registerStatusRoutes(api);
    registerRevisionRoutes(api);
    registerOembedRoutes(api);
    registerTermRoutes(api);
    registerCommentRoutes(api);
    registerUserRoutes(api);
    registerMediaRoutes(api);
  });
}
