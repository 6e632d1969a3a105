// WordPress addresses that outlived an import: ?p=OLD whose id was taken here, and old permalink paths (301 each).
import type { FastifyReply } from 'fastify';
import { type Post, postPermalinkPath } from '../../features/posts/index.js';
import type { HttpDeps } from '../deps.js';
import { pageNotFound } from '../links/paths.js';
import { pagePath } from '../links/urls.js';

/**
 * The post ?p=ID names: the site's own published post with that id, else the imported WordPress post that had
 * it (kept under another id because this one was taken). The site's own post wins: its GUID is /?p=ID.
 */
export async function findPostByQueryId(deps: HttpDeps, id: number): Promise<Post | undefined> {
  const own = await deps.services.posts.findById(id);
  if (own?.status === 'published') return own;
  const moved = await deps.services.wxr.findImportedPostId(id);
  return moved === undefined || moved === id ? own : deps.services.posts.findById(moved);
}

/** 301 to where a published post or page lives now; the 404 page otherwise. */
export async function redirectToPost(deps: HttpDeps, post: Post | undefined, reply: FastifyReply) {
  if (!post || post.status !== 'published') throw pageNotFound();
  if (post.type === 'post') {
    const { permalinkStructure } = await deps.services.settings.get();
    return reply.redirect(postPermalinkPath(post, permalinkStructure), 301);
  }
  const pages = await deps.services.posts.publishedPages();
  const page = pages.find((p) => p.id === post.id);
  if (!page) throw pageNotFound();
  return reply.redirect(pagePath(page, pages), 301);
}

/** What a path that names nothing gets: a 301 when it is an imported post's old permalink, else the 404 page. */
export async function redirectOldPathOrNotFound(deps: HttpDeps, path: string, reply: FastifyReply) {
  const postId = await deps.services.wxr.findPostIdByOldPath(path);
  if (postId === undefined) throw pageNotFound();
  return redirectToPost(deps, await deps.services.posts.findById(postId), reply);
}
