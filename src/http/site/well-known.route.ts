// The files every browser and crawler asks any site for: /favicon.ico and /robots.txt.
// Without them each new visitor's icon request would render a themed 404 page.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';

/** Staff pages and the comment machinery are nobody's search result; the comments feed is for feed readers. */
export const ROBOTS_TXT = ['User-agent: *', 'Disallow: /admin/', 'Disallow: /comments/', 'Allow: /comments/feed/', 'Disallow: /subscriptions/', ''].join('\n');

/** Settings → Reading, "Discourage search engines from indexing this site": WordPress's whole answer. */
export const DISCOURAGED_ROBOTS_TXT = 'User-agent: *\nDisallow: /\n';

export function registerWellKnownRoutes(app: FastifyInstance, deps: Pick<HttpDeps, 'assets' | 'config' | 'services'>): void {
  const icon = deps.assets.get('favicon.svg');
  app.get('/favicon.ico', { config: { access: 'public' } }, async (_request, reply) => {
    if (!icon) return reply.callNotFound();
    // The icon's hashed address never changes content, so the redirect itself can be kept a day.
    return reply.header('Cache-Control', 'public, max-age=86400').redirect(icon.href, 301);
  });
  app.get('/robots.txt', { config: { access: 'public' } }, async (_request, reply) => {
    // As WordPress: crawlers learn where the sitemap index is.
    const robots = (await deps.services.settings.get()).discourageSearchEngines
      ? DISCOURAGED_ROBOTS_TXT
      : `${ROBOTS_TXT}Sitemap: ${deps.config.publicUrl}/sitemap.xml\n`;
    return reply.header('Cache-Control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(robots);
  });
}
