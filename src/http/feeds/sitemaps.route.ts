// /sitemap.xml (the index), /sitemap-KIND-N.xml (the files), and WordPress's /wp-sitemap.xml pointing to ours.
import type { FastifyInstance } from 'fastify';
import { SITEMAP_MAX_URLS } from '../../features/syndication/index.js';
import { SITE_TAG, tagResponse } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { pageNotFound } from '../links/paths.js';
import { parseSitemapName, renderSitemapFile, renderSitemapIndex } from './sitemaps.js';

const open = { config: { access: 'public' as const } };
const XML = 'application/xml; charset=UTF-8';

/** As WordPress: a site that asks search engines to stay away publishes no sitemap (a settings change purges every page). */
async function requirePublicSite(deps: HttpDeps): Promise<void> {
  if ((await deps.services.settings.get()).discourageSearchEngines) throw pageNotFound();
}

export function registerSitemapRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { services } = deps;
  const { publicUrl } = deps.config;

  app.get('/sitemap.xml', open, async (_request, reply) => {
    await requirePublicSite(deps);
    // Every post, term and user event purges 'site': the sitemaps follow every change they list.
    tagResponse(reply, [SITE_TAG]);
    return reply.type(XML).send(await renderSitemapIndex(services, publicUrl, SITEMAP_MAX_URLS));
  });
  app.get<{ Params: { name: string } }>('/sitemap-:name', open, async (request, reply) => {
    await requirePublicSite(deps);
    const name = parseSitemapName(request.params.name);
    const xml = name && (await renderSitemapFile(services, publicUrl, name, SITEMAP_MAX_URLS));
    if (!xml) throw pageNotFound();
    tagResponse(reply, [SITE_TAG]);
    return reply.type(XML).send(xml);
  });
  // WordPress 5.5+ announces /wp-sitemap.xml: crawlers that learnt it from the old site find ours.
  app.get('/wp-sitemap.xml', open, async (_request, reply) => reply.redirect('/sitemap.xml', 301));
}
