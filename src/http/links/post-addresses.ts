// Which published post an address names under any of Settings → Permalinks' structures (/YYYY/MM/DD/slug/,
// /YYYY/MM/slug/, /archives/ID/, /slug/): shared by the surfaces that take a post's address (the site shows it or
// answers 301 to its current one, the feeds serve its comments, oEmbed describes it), so that none imports another's.
import type { Post } from '../../features/posts/index.js';
import type { HttpDeps } from '../deps.js';

const COMMENT_PAGE = /^comment-page-([1-9]\d{0,5})$/;
const ID = /^[1-9]\d{0,9}$/;
const YEAR = /^\d{4}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const DAY = /^(0[1-9]|[12]\d|3[01])$/;

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

/**
 * The published post any structure's address names, day and name included (path segments, no comment page);
 * undefined when it names none. Whether it is the post's current address is the caller's question.
 */
export async function findPostByAnyAddress(deps: HttpDeps, segments: readonly string[]): Promise<Post | undefined> {
  const [year = '', month = '', day = '', slug = ''] = segments;
  if (segments.length === 4 && YEAR.test(year) && MONTH.test(month) && DAY.test(day)) {
    const found = await deps.services.posts.findByPermalink(`${year}-${month}-${day}`, slug);
    return found.kind === 'found' ? found.post : undefined;
  }
  const other = await findPostByOtherAddress(deps, segments);
  return other?.commentPage === undefined ? other?.post : undefined;
}
