// Builds the Fastify instance: plugins and hooks in the order they run, then every surface's routes.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { enforceAccessRules, requireAccessRules } from './access.js';
import { registerAccountRoutes } from './account/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerWritingRoutes } from './admin/posts.routes.js';
import { registerTermAndSettingsRoutes } from './admin/terms-and-settings.routes.js';
import { registerPeopleRoutes } from './admin/users.routes.js';
import { registerAssetRoutes } from './assets.route.js';
import { registerAvatarRoutes } from './auth/avatars.route.js';
import { currentUser } from './auth/current-user.js';
import { registerOAuthRoutes } from './auth/oauth.route.js';
import { isSecureSite } from './auth/session-cookie.js';
import { installPageCache } from './cache/page-cache.hooks.js';
import type { HttpDeps } from './deps.js';
import { frameworkErrorHandler, installErrorHandling } from './errors.js';
import { registerHealthRoute } from './health.route.js';
import { addSecurityHeaders } from './security-headers.js';
import { categoryFeedSender, registerFeedRoutes } from './feeds/feeds.route.js';
import { registerSitemapRoutes } from './feeds/sitemaps.route.js';
import { registerArchiveRoutes } from './site/archive.route.js';
import { registerCommentIdentityRoutes } from './site/comment-identity.route.js';
import { registerCommentPostRoutes } from './site/comment-post.route.js';
import { registerContentRoutes } from './site/content.route.js';
import { registerPrivacyRoutes } from './site/privacy.route.js';
import { registerHomeRoutes } from './site/home.route.js';
import { registerLiveCommentRoutes } from './site/live-comments.route.js';
import { registerWellKnownRoutes } from './site/well-known.route.js';
import { registerSetupRoutes } from './site/setup.route.js';
import { registerSignedLinkRoutes } from './site/signed-links.route.js';
import { registerUploadRoutes } from './site/uploads.route.js';
import { rewriteRestRoute } from './wp-json/rest-route.js';
import { registerWpJsonRoutes } from './wp-json/routes.js';

export interface ServerOptions {
  readonly logger: FastifyServerOptions['logger'];
}

/** Form bodies above this are refused with 413 before any handler runs. */
const BODY_LIMIT = 1024 * 1024;

/** QUIRE_TRUST_PROXY in Fastify's terms: a hop count becomes the function Fastify itself would make of it (its types take no number). */
function trustProxyOption(setting: HttpDeps['config']['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting === false ? false : [...setting];
}

export async function buildServer(deps: HttpDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: BODY_LIMIT,
    // Off unless QUIRE_TRUST_PROXY names the proxies: request.ip (what rate limits count) must not be forgeable.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 500 },
    frameworkErrors: frameworkErrorHandler(deps),
    // WordPress's plain form of the API (/?rest_route=/wp/v2/posts) is routed as /wp-json/wp/v2/posts.
    rewriteUrl: rewriteRestRoute,
  });
  requireAccessRules(app);
  installErrorHandling(app, deps);
  addSecurityHeaders(app);
  // After the security headers: its onSend sees the finished headers; hits are served before any handler.
  installPageCache(app, deps.pageCache ?? { cache: undefined, isSynchronized: () => true });
  await app.register(cookie);
  // After the cookie parser (whose onRequest hook is registered just above): rules are checked before bodies are read.
  enforceAccessRules(app, (request) => currentUser(request, deps.services), isSecureSite(deps.config.publicUrl));
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  registerAssetRoutes(app, deps.assets);
  registerHealthRoute(app, deps);
  registerWellKnownRoutes(app, deps);
  registerSetupRoutes(app, deps);
  registerHomeRoutes(app, deps);
  registerArchiveRoutes(app, deps, categoryFeedSender(deps));
  registerFeedRoutes(app, deps);
  registerSitemapRoutes(app, deps);
  registerSignedLinkRoutes(app, deps);
  registerCommentPostRoutes(app, deps);
  registerCommentIdentityRoutes(app, deps);
  registerLiveCommentRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOAuthRoutes(app, deps);
  registerAvatarRoutes(app, deps);
  registerUploadRoutes(app, deps);
  registerContentRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerWritingRoutes(app, deps);
  registerTermAndSettingsRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  await registerWpJsonRoutes(app, deps);
  return app;
}
