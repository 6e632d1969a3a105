// Settings → Reading's "Your homepage displays: A static page": the page shown at /, and the page whose address
// lists the posts instead of showing its own text.
import type { Post } from '../../features/posts/index.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';

const isStatic = (ctx: SiteContext) => ctx.settings.showOnFront === 'page';

/** The published page to show at /, when one is chosen; else undefined (/ lists the latest posts). */
export async function staticFrontPage(deps: HttpDeps, ctx: SiteContext): Promise<Post | undefined> {
  if (!isStatic(ctx) || ctx.settings.pageOnFront === 0) return undefined;
  const page = await deps.services.posts.findById(ctx.settings.pageOnFront);
  return page?.type === 'page' && page.status === 'published' ? page : undefined;
}

/** The homepage's own address answers 301 to /, so it has one address. */
export const isFrontPage = (ctx: SiteContext, post: Post) => isStatic(ctx) && post.type === 'page' && post.id === ctx.settings.pageOnFront;

export const isPostsPage = (ctx: SiteContext, post: Post) => isStatic(ctx) && post.type === 'page' && post.id === ctx.settings.pageForPosts;
