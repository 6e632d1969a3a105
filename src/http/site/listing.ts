// The shared path of every list page: load a page of posts with their authors and terms, then render.
import type { FastifyReply } from 'fastify';
import type { PageOf, PostCard, PublishedFilter } from '../../features/posts/index.js';
import { renderList } from '../../../themes/default/index.js';
import type { ListVM } from '../../../themes/view-models.js';
import { postTag, tagResponse } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';
import { sendPage } from './page.js';
import { pageNotFound } from '../links/paths.js';
import { type PostRelations, presentCard, presentPagination } from './present.js';

export interface ListRequest {
  readonly kind: ListVM['kind'];
  readonly heading: string | null;
  readonly description?: string;
  /** Path of page 1, ending in '/'. */
  readonly base: string;
  readonly page: number;
  readonly pageTitle: string | null;
  /** The archive's own feed, at base + feed/ (categories, tags, authors): its title in the discovery link. */
  readonly feedTitle?: string;
}

export async function loadRelations(deps: HttpDeps, posts: readonly PostCard[]): Promise<PostRelations> {
  const ids = posts.map((p) => p.id);
  const [authors, terms] = await Promise.all([
    deps.services.users.listByIds([...new Set(posts.map((p) => p.authorId))]),
    deps.services.taxonomy.termsOfPosts(ids),
  ]);
  return { authors: new Map(authors.map((a) => [a.id, a])), terms };
}

export async function sendPostList(
  deps: HttpDeps,
  reply: FastifyReply,
  ctx: SiteContext,
  list: ListRequest,
  filter: PublishedFilter,
): Promise<FastifyReply> {
  const perPage = ctx.settings.postsPerPage;
  const result: PageOf<PostCard> = await deps.services.posts.listPublished(filter, list.page, perPage);
  if (list.page > result.pages) throw pageNotFound();
  const relations = await loadRelations(deps, result.items);
  tagResponse(reply, result.items.map((p) => postTag(p.id)));
  const vm: ListVM = {
    kind: list.kind,
    heading: list.heading,
    description: list.description ?? '',
    posts: result.items.map((p) => presentCard(p, ctx, relations)),
    pagination: presentPagination(list.base, list.page, result.pages),
    emptyMessage: 'Nothing has been published here yet.',
  };
  const canonical = list.page > 1 ? `${list.base}page/${list.page}/` : list.base;
  const pageTitle = list.page > 1 ? `${list.pageTitle ?? 'Posts'} – Page ${list.page}` : list.pageTitle;
  const head = list.feedTitle === undefined ? undefined : { feed: { title: list.feedTitle, path: `${list.base}feed/` } };
  return sendPage(deps, reply, ctx, { pageTitle, canonicalPath: canonical, head }, renderList(vm));
}
