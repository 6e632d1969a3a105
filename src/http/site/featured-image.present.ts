// A post's featured image for its page: the media item's every size (srcset) and its alt text, or null.
import { imageSrcset } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import type { FeaturedImageVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';

/** The image shown at the top of the post; null without one (or when the item is not an image, or is gone). */
export async function loadFeaturedImage(deps: HttpDeps, post: Pick<Post, 'featuredMediaId'>): Promise<FeaturedImageVM | null> {
  if (post.featuredMediaId === null) return null;
  const media = await deps.services.media.findById(post.featuredMediaId);
  const sources = media ? imageSrcset(media) : undefined;
  // The column of the page is at most about 45rem wide: browsers pick the size that fills it.
  return media && sources ? { ...sources, sizes: `(max-width: 720px) 100vw, 720px`, caption: media.caption } : null;
}
