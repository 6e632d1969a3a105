// The home page, its older pages, ?p=ID links and ?s= search.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderList } from '../../../themes/default/index.js';
import { postTag, tagResponse } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { createCommentThreads } from './comment-threads.js';
import { type SiteContext, loadSiteContext } from './context.js';
import { staticFrontPage } from './front-page.js';
import { loadRelations, sendPostList } from './listing.js';
import { sendPage } from './page.js';
import { sendPostPage } from './post-page.js';
import { pageFromPath, pageFromQuery, postIdFrom, searchWordsFrom } from './params.js';
import { pageNotFound } from '../links/paths.js';
import { presentCard, presentPagination, snippetToHtml } from './present.js';
import { findPostByQueryId, redirectToPost } from './old-addresses.js';

type Query = Record<string, unknown>;

export function registerHomeRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const threads = createCommentThreads(deps, deps.events);
  const handler = async (pathPage: number, query: Query, request: FastifyRequest, reply: FastifyReply) => {
    const postId = postIdFrom(query);
    if (postId !== undefined) return redirectToPost(deps, await findPostByQueryId(deps, postId), reply);
    const page = pageFromQuery(query, pathPage);
    const ctx = await loadSiteContext(deps.services);
    const words = searchWordsFrom(query);
    if (words !== undefined) return sendSearch(deps, reply, ctx, words, page);
    // A static homepage has no older pages: the posts page has them (Settings → Reading).
    const front = await staticFrontPage(deps, ctx);
    if (front && page > 1) throw pageNotFound();
    if (front) return sendPostPage(deps, threads, request, reply, ctx, front, { path: '/' });
    return sendPostList(deps, reply, ctx, { kind: 'home', heading: null, base: '/', page, pageTitle: null }, { type: 'post' });
  };

  app.get<{ Querystring: Query }>('/', { config: { access: 'public' } }, (request, reply) => handler(1, request.query, request, reply));
  app.get<{ Params: { n: string }; Querystring: Query }>('/page/:n/', { config: { access: 'public' } }, (request, reply) =>
    handler(pageFromPath(request.params.n), request.query, request, reply),
  );
}


async function sendSearch(deps: HttpDeps, reply: FastifyReply, ctx: SiteContext, words: string, page: number) {
  const perPage = ctx.settings.postsPerPage;
  const result = await deps.services.posts.search(words, page, perPage);
  if (page > result.pages) throw pageNotFound();
  const relations = await loadRelations(deps, result.items.map((r) => r.post));
  tagResponse(reply, result.items.map((r) => postTag(r.post.id)));
  const query = new URLSearchParams({ s: words }).toString();
  const main = renderList({
    kind: 'search',
    heading: words ? `Search results for “${words}”` : 'Search',
    description: words ? `${result.total} ${result.total === 1 ? 'result' : 'results'}` : 'Type one or more words to search the site.',
    posts: result.items.map((r) => presentCard(r.post, ctx, relations, snippetToHtml(r.snippet))),
    pagination: presentPagination('/', page, result.pages, query),
    emptyMessage: words ? 'Nothing matched your search. Try other or fewer words.' : '',
  });
  return sendPage(
    deps,
    reply,
    ctx,
    { pageTitle: words ? `Search results for “${words}”` : 'Search', canonicalPath: null, searchWords: words, robots: 'noindex' },
    main,
  );
}
