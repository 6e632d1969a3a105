// Category, tag and author archives, each with /page/N/.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorTag, tagResponse, termTag } from '../cache/tags.js';
import type { Taxonomy } from '../../features/taxonomy/index.js';
import type { HttpDeps } from '../deps.js';
import { loadSiteContext } from './context.js';
import { sendPostList } from './listing.js';
import { pageFromPath, splitPaged } from './params.js';
import { type FeedSender, pageNotFound, pathParam, pathSegments, splitFeedPath } from '../links/paths.js';
import { authorPath, categoryPath, tagPath } from '../links/urls.js';

const open = { config: { access: 'public' as const } };

interface SlugParams {
  slug: string;
  n?: string;
}

/** `sendCategoryFeed` answers /category/…/feed/ (the feeds surface's, handed in by server.ts). */
export function registerArchiveRoutes(app: FastifyInstance, deps: HttpDeps, sendCategoryFeed: FeedSender): void {
  const { taxonomy, users } = deps.services;

  app.get<{ Params: { '*': string } }>('/category/*', open, async (request, reply) => {
    // /category/a/b/feed/ and its atom/ and json/: the router cannot tell them from archives, this does.
    const feed = splitFeedPath(pathSegments(request.params['*']));
    if (feed) return sendCategoryFeed(reply, feed);
    const { segments, page } = splitPaged(pathSegments(request.params['*']));
    const category = await taxonomy.findCategoryByPath(segments);
    if (!category) return redirectMerged('category', segments.at(-1), reply);
    const [ctx, termIds] = await Promise.all([loadSiteContext(deps.services), taxonomy.categoryWithDescendants(category.id)]);
    const base = categoryPath(ctx.categoryPaths.get(category.id) ?? category.slug);
    tagResponse(reply, [termTag(category.id)]);
    return sendPostList(
      deps, reply, ctx,
      { kind: 'category', heading: `Category: ${category.name}`, description: category.description, base, page, pageTitle: category.name, feedTitle: `${category.name} Category Feed` },
      { type: 'post', termIds },
    );
  });

  /** A term merged into another (admin's "Merge into…") answers 301 to that term's archive; anything else 404. */
  async function redirectMerged(kind: Taxonomy, slug: string | undefined, reply: FastifyReply) {
    const target = slug === undefined ? undefined : await taxonomy.redirectTarget(kind, slug);
    if (!target) throw pageNotFound();
    const path = kind === 'post_tag' ? tagPath(target.slug) : categoryPath((await taxonomy.categoryPaths()).get(target.id) ?? target.slug);
    return reply.redirect(path, 301);
  }

  async function sendTag(params: SlugParams, reply: FastifyReply) {
    const page = pageFromPath(params.n);
    const tag = await taxonomy.findBySlug('post_tag', pathParam(params.slug));
    if (!tag) return redirectMerged('post_tag', pathParam(params.slug), reply);
    const ctx = await loadSiteContext(deps.services);
    tagResponse(reply, [termTag(tag.id)]);
    return sendPostList(
      deps, reply, ctx,
      { kind: 'tag', heading: `Tag: ${tag.name}`, description: tag.description, base: tagPath(tag.slug), page, pageTitle: tag.name, feedTitle: `${tag.name} Tag Feed` },
      { type: 'post', termIds: [tag.id] },
    );
  }

  async function sendAuthor(params: SlugParams, reply: FastifyReply) {
    const page = pageFromPath(params.n);
    const author = await users.findByLogin(pathParam(params.slug));
    if (!author || author.role === 'subscriber') throw pageNotFound();
    const ctx = await loadSiteContext(deps.services);
    tagResponse(reply, [authorTag(author.id)]);
    return sendPostList(
      deps, reply, ctx,
      { kind: 'author', heading: `Author: ${author.displayName}`, description: author.bio, base: authorPath(author.login), page, pageTitle: author.displayName, feedTitle: `Posts by ${author.displayName} Feed` },
      { type: 'post', authorId: author.id },
    );
  }

  for (const [prefix, send] of [['/tag/', sendTag], ['/author/', sendAuthor]] as const) {
    app.get<{ Params: SlugParams }>(`${prefix}:slug/`, open, (request, reply) => send(request.params, reply));
    app.get<{ Params: SlugParams }>(`${prefix}:slug/page/:n/`, open, (request, reply) => send(request.params, reply));
  }
}
