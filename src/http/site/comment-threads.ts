// The comment thread of a post, as view models, kept until a change event makes it stale: on a post
// with many comments, reading and presenting the thread is most of a page's work, and it changes
// far less often than it is read. Also how a thread is cut into pages (WordPress's comment-page-N).
import type { Post } from '../../features/posts/index.js';
import type { ChangeBus } from '../../kernel/events.js';
import type { CommentNavigationVM, CommentVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';
import { presentComments } from './present.js';

/** The thread of `post`; with `pendingIds` (a reader's own held comments) it is that reader's alone and never kept. */
export type CommentThreads = (post: Post, ctx: SiteContext, pendingIds?: readonly number[]) => Promise<readonly CommentVM[]>;

export function createCommentThreads(deps: HttpDeps, events: ChangeBus, capacity = 500): CommentThreads {
  const kept = new Map<number, Promise<readonly CommentVM[]>>();
  events.subscribe((event) => {
    if (event.type === 'comment' || event.type === 'post') kept.delete(event.postId);
    // Names, the thread settings, the time zone and language all shape every thread.
    else if (event.type === 'settings' || event.type === 'user') kept.clear();
  });
  const read = (post: Post, ctx: SiteContext, pendingIds?: readonly number[]) => {
    const { commentThreadDepth, commentOrder } = ctx.settings;
    return deps.services.comments.threadOf(post.id, commentThreadDepth, commentOrder, pendingIds).then((nodes) => presentComments(nodes, post, ctx));
  };
  return (post, ctx, pendingIds = []) => {
    // Someone's pending comments must never reach the thread every other reader is shown.
    if (pendingIds.length > 0) return read(post, ctx, pendingIds);
    let thread = kept.get(post.id);
    if (!thread) {
      thread = read(post, ctx);
      kept.set(post.id, thread);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as number);
      thread.catch(() => {
        if (kept.get(post.id) === thread) kept.delete(post.id);
      });
    }
    return thread;
  };
}

export interface ThreadPaging {
  /** Top-level comments a page; 0: one page holds them all. */
  readonly perPage: number;
  readonly defaultPage: 'newest' | 'oldest';
  readonly order: 'oldest' | 'newest';
}

export interface ThreadPage<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pages: number;
}

export function countThreadPages(roots: number, perPage: number): number {
  return perPage > 0 ? Math.max(1, Math.ceil(roots / perPage)) : 1;
}

/** The page the bare permalink shows: the last (newest comments) or the first (oldest). */
export function defaultThreadPage(pages: number, paging: Pick<ThreadPaging, 'defaultPage'>): number {
  return paging.defaultPage === 'newest' ? pages : 1;
}

/**
 * One page of a thread whose roots come in `paging.order`. As in WordPress, page 1 always holds the oldest
 * top-level comments and the last page the newest, whatever the order within a page; `requested` undefined
 * means the default page. Undefined when there is no such page.
 */
export function pageOfThread<T>(roots: readonly T[], paging: ThreadPaging, requested: number | undefined): ThreadPage<T> | undefined {
  const pages = countThreadPages(roots.length, paging.perPage);
  const page = requested ?? defaultThreadPage(pages, paging);
  if (page < 1 || page > pages) return undefined;
  if (paging.perPage === 0) return { items: roots, page, pages };
  const oldestFirst = paging.order === 'newest' ? [...roots].reverse() : roots;
  const slice = oldestFirst.slice((page - 1) * paging.perPage, page * paging.perPage);
  return { items: paging.order === 'newest' ? slice.reverse() : slice, page, pages };
}

/** Where comment page `page` lives: the permalink for the default page, PERMALINK/comment-page-N/ for the others. */
export function commentPagePath(permalink: string, page: number, pages: number, paging: Pick<ThreadPaging, 'defaultPage'>): string {
  return page === defaultThreadPage(pages, paging) ? permalink : `${permalink}comment-page-${page}/`;
}

export function presentCommentNavigation(permalink: string, page: ThreadPage<unknown>, paging: ThreadPaging): CommentNavigationVM | null {
  if (page.pages <= 1) return null;
  const href = (n: number) => `${commentPagePath(permalink, n, page.pages, paging)}#comments`;
  return {
    page: page.page,
    pages: page.pages,
    olderHref: page.page > 1 ? href(page.page - 1) : null,
    newerHref: page.page < page.pages ? href(page.page + 1) : null,
  };
}
