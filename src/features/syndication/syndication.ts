// Feeds and sitemaps: what they read from the site (types) and their pure rules (GUIDs, files of a sitemap).

/** An approved comment of a public post, as feeds show it: no e-mail, no IP, nothing private. */
export interface FeedComment {
  readonly id: number;
  readonly postId: number;
  readonly parentId: number | null;
  readonly authorName: string;
  readonly authorUrl: string;
  readonly contentHtml: string;
  readonly createdAt: string;
  readonly post: { readonly id: number; readonly title: string; readonly slug: string; readonly publishedLocal: string | null };
}

export type SitemapKind = 'posts' | 'pages' | 'categories' | 'tags' | 'authors';

export const SITEMAP_KINDS: readonly SitemapKind[] = ['posts', 'pages', 'categories', 'tags', 'authors'];

/** The sitemaps protocol's limit of URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * One URL of a sitemap, before the site turns it into an address: a post (id, slug, local date), a page
 * (id; its path comes from the page tree), a term (id, slug) or an author (login in `key`).
 */
export interface SitemapRow {
  readonly id: number;
  readonly key: string;
  readonly publishedLocal: string | null;
  /** ISO UTC: the newest change of the item, or of the newest public post filed under the term / by the author. */
  readonly lastModified: string;
}

/** How many files a sitemap of `total` URLs takes (at least one: an empty file says "nothing yet", not 404). */
export function sitemapFileCount(total: number, perFile: number): number {
  return Math.max(1, Math.ceil(total / perFile));
}

/**
 * A post's GUID, which must never change: the one it had in WordPress (imports keep it), else WordPress's
 * own form for a new post, {site}/?p=ID, which survives a change of slug or date.
 */
export function feedGuid(post: { readonly id: number; readonly guid: string | null }, publicUrl: string): string {
  return post.guid?.trim() ? post.guid.trim() : `${publicUrl}/?p=${post.id}`;
}
