// Posts and comments as feed entries: every public field is chosen here, every address made absolute.
import { excerptOf, htmlToText } from '../../features/content/index.js';
import { type PermalinkOf, type PostCard, effectiveExcerpt } from '../../features/posts/index.js';
import { type Media, mediaUrl } from '../../features/media/index.js';
import type { FeedComment } from '../../features/syndication/index.js';
import { feedGuid } from '../../features/syndication/index.js';
import type { Term } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import { authorPath } from '../links/urls.js';
import type { FeedEntry } from './feed-document.js';

/** What every entry's links need: the site's address and its permalink structure. */
export interface EntryLinks {
  readonly publicUrl: string;
  readonly permalinkOf: PermalinkOf;
}

export interface PostEntryContext extends EntryLinks {
  readonly content: 'full' | 'excerpt';
  readonly authors: ReadonlyMap<number, User>;
  readonly terms: ReadonlyMap<number, readonly Term[]>;
  /** Featured images by media id. */
  readonly images: ReadonlyMap<number, Media>;
}

/** `/path` → `{publicUrl}/path`; addresses that already name a site stay as they are. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : `${publicUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}

// A feed reader has no page address to resolve root-relative links and images against: they are made absolute.
// Only inside tags (text has no raw `<` after our sanitizer), where every attribute is written in double quotes
// and a value's own quotes are escaped, so ` src="` can only start an attribute.
const TAG = /<[a-z][^>]*>/gi;
const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite)=")\/(?!\/)/g;
const SRCSET = /(\ssrcset=")([^"]*)"/g;

export function absolutizeHtml(contentHtml: string, publicUrl: string): string {
  const absolute = (candidate: string) => (/^\/(?!\/)/.test(candidate) ? `${publicUrl}${candidate}` : candidate);
  return contentHtml.replace(TAG, (tag) =>
    tag
      .replace(URL_ATTRIBUTE, (_, start: string) => `${start}${publicUrl}/`)
      .replace(SRCSET, (_, start: string, list: string) => `${start}${list.split(',').map((c) => absolute(c.trim())).join(', ')}"`),
  );
}

export function postEntry(post: PostCard, ctx: PostEntryContext): FeedEntry {
  const { publicUrl } = ctx;
  const link = absoluteUrl(publicUrl, ctx.permalinkOf(post));
  const author = ctx.authors.get(post.authorId);
  const image = post.featuredMediaId === null ? undefined : ctx.images.get(post.featuredMediaId);
  return {
    title: post.title,
    link,
    guid: feedGuid(post, publicUrl),
    published: new Date(post.publishedAt ?? post.createdAt),
    updated: new Date(post.updatedAt),
    authorName: author?.displayName ?? '',
    authorUrl: author ? absoluteUrl(publicUrl, authorPath(author.login)) : undefined,
    categories: (ctx.terms.get(post.id) ?? []).map((term) => term.name),
    summary: effectiveExcerpt(post),
    contentHtml: ctx.content === 'full' ? absolutizeHtml(post.contentHtml, publicUrl) : undefined,
    comments: { pageUrl: `${link}#comments`, feedUrl: `${link}feed/`, count: post.commentCount },
    enclosure: image ? { url: mediaUrl(image, publicUrl), type: image.mimeType, length: image.sizeBytes } : undefined,
  };
}

/** "Comment on TITLE by NAME" in the site's comments feed, "By: NAME" in a post's own (as WordPress). */
export function commentEntry(comment: FeedComment, links: EntryLinks, withPostTitle: boolean): FeedEntry {
  const { publicUrl } = links;
  const postLink = absoluteUrl(publicUrl, links.permalinkOf(comment.post));
  const when = new Date(comment.createdAt);
  return {
    title: withPostTitle ? `Comment on ${comment.post.title} by ${comment.authorName}` : `By: ${comment.authorName}`,
    link: `${postLink}#comment-${comment.id}`,
    // WordPress's GUID is the permalink with #comment-N, which moves with the post's slug; ?p=ID does not.
    guid: `${publicUrl}/?p=${comment.postId}#comment-${comment.id}`,
    published: when,
    updated: when,
    authorName: comment.authorName,
    authorUrl: /^https?:\/\/\S+$/i.test(comment.authorUrl) ? comment.authorUrl : undefined,
    categories: [],
    summary: excerptOf(htmlToText(comment.contentHtml)),
    contentHtml: absolutizeHtml(comment.contentHtml, publicUrl),
  };
}
