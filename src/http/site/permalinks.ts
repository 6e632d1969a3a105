// Settings → Permalinks on the public site: an address of any structure names a post (src/http/links/post-addresses.ts
// finds it), and one that is not the post's current address answers 301 to it, so links made under an earlier
// structure keep working.
import { postPermalinkPath } from '../../features/posts/index.js';
import type { AddressedPost } from '../links/post-addresses.js';
import type { SiteContext } from './context.js';

/** The post's address in the site's structure (with its comment page), or undefined when `path` is already that. */
export function movedAddressOf(ctx: SiteContext, addressed: AddressedPost, path: string): string | undefined {
  const permalink = postPermalinkPath(addressed.post, ctx.settings.permalinkStructure);
  const current = addressed.commentPage === undefined ? permalink : `${permalink}comment-page-${addressed.commentPage}/`;
  return current === path ? undefined : current;
}
