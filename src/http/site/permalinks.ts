// Settings → Permalinks on the public site: the addresses of every structure name a post (/YYYY/MM/DD/slug/,
// /YYYY/MM/slug/, /archives/ID/, /slug/), and an address that is not the post's current one answers 301 to it, so
// links made under an earlier structure keep working.
import type { Post } from '../../features/posts/index.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';
import { postPermalinkPath } from './urls.js';

const COMMENT_PAGE = /^comment-page-([1-9]\d{0,5})$/;
const ID = /^[1-9]\d{0,9}$/;
const YEAR = /^\d{4}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;

export interface AddressedPost {
  readonly post: Post;
  /** From a trailing comment-page-N/. */
  readonly commentPage?: number;
}

const isPublicPost = (post: Post | undefined): post is Post => post?.type === 'post' && post.status === 'published';

/**
 * The published post a month-and-name, numeric or name-only address names (path segments, a comment-page-N/ at the
 * end allowed); undefined when it names none.
 */
export async function findPostByOtherAddress(deps: HttpDeps, segments: readonly string[]): Promise<AddressedPost | undefined> {
  const pageMatch = segments.length > 1 ? COMMENT_PAGE.exec(segments.at(-1) ?? '') : null;
  const rest = pageMatch ? segments.slice(0, -1) : segments;
  const commentPage = pageMatch ? { commentPage: Number(pageMatch[1]) } : {};
  const { posts } = deps.services;
  const [first = '', second = '', third = ''] = rest;
  let post: Post | undefined;
  if (rest.length === 2 && first === 'archives' && ID.test(second) && Number(second) <= 2_147_483_647) {
    post = await posts.findById(Number(second));
  } else if (rest.length === 3 && YEAR.test(first) && MONTH.test(second)) {
    const found = await posts.findBySlug('post', third);
    post = found?.publishedLocal?.startsWith(`${first}-${second}-`) ? found : undefined;
  } else if (rest.length === 1) {
    post = await posts.findBySlug('post', first);
  }
  return isPublicPost(post) ? { post, ...commentPage } : undefined;
}

/** The post's address in the site's structure (with its comment page), or undefined when `path` is already that. */
export function movedAddressOf(ctx: SiteContext, addressed: AddressedPost, path: string): string | undefined {
  const permalink = postPermalinkPath(addressed.post, ctx.settings.permalinkStructure);
  const current = addressed.commentPage === undefined ? permalink : `${permalink}comment-page-${addressed.commentPage}/`;
  return current === path ? undefined : current;
}
