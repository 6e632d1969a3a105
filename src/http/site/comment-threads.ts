// The comment thread of a post, as view models, kept until a change event makes it stale: on a post
// with many comments, reading and presenting the thread is most of a page's work, and it changes
// far less often than it is read.
import type { Post } from '../../features/posts/index.js';
import type { ChangeBus } from '../../kernel/events.js';
import type { CommentVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';
import { presentComments } from './present.js';

export type CommentThreads = (post: Post, ctx: SiteContext) => Promise<readonly CommentVM[]>;

export function createCommentThreads(deps: HttpDeps, events: ChangeBus, capacity = 500): CommentThreads {
  const kept = new Map<number, Promise<readonly CommentVM[]>>();
  events.subscribe((event) => {
    if (event.type === 'comment' || event.type === 'post') kept.delete(event.postId);
    // Names, the thread settings, the time zone and language all shape every thread.
    else if (event.type === 'settings' || event.type === 'user') kept.clear();
  });
  return (post, ctx) => {
    let thread = kept.get(post.id);
    if (!thread) {
      const { commentThreadDepth, commentOrder } = ctx.settings;
      thread = deps.services.comments.threadOf(post.id, commentThreadDepth, commentOrder).then((nodes) => presentComments(nodes, post, ctx));
      kept.set(post.id, thread);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as number);
      thread.catch(() => {
        if (kept.get(post.id) === thread) kept.delete(post.id);
      });
    }
    return thread;
  };
}
