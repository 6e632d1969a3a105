// A post or page as WordPress 6.1's REST API shows it: field names, types and order of WP_REST_Posts_Controller,
// by context (view, embed, edit), with its `_links`. Our statuses get WordPress's names here and only here.
import { type PageLink, type PermalinkOf, type PostCard, type PostStatus, effectiveExcerpt } from '../../features/posts/index.js';
import type { Term } from '../../features/taxonomy/index.js';
import { escapeHtml } from '../../kernel/html.js';
import { localDateTimeOf } from '../../kernel/time.js';
import type { HttpDeps } from '../deps.js';
import { pagePath } from '../links/urls.js';
import { CURIES, type Link, apiUrl, siteUrl } from './links.js';
import type { WpStatus } from './posts.args.js';

export type WpContext = 'view' | 'embed' | 'edit';

const TO_WP: Readonly<Record<PostStatus, WpStatus>> = {
  published: 'publish', scheduled: 'future', draft: 'draft', pending: 'pending', private: 'private', trash: 'trash',
};
const FROM_WP: Readonly<Record<WpStatus, PostStatus>> = {
  publish: 'published', future: 'scheduled', draft: 'draft', pending: 'pending', private: 'private', trash: 'trash',
};

export const wpStatusOf = (status: PostStatus): WpStatus => TO_WP[status];
export const statusFromWp = (status: WpStatus): PostStatus => FROM_WP[status];

/** What presenting needs besides the post. */
export interface PresentContext {
  readonly deps: Pick<HttpDeps, 'config'>;
  readonly timezone: string;
  readonly context: WpContext;
  /** The post's categories and tags. */
  readonly terms: readonly Term[];
  /** Published pages (for a page's /parent/child/ address). */
  readonly pages: readonly PageLink[];
  /** A post's address in the site's permalink structure (PostsService.permalinks()). */
  readonly permalinkOf: PermalinkOf;
  /** The post's revisions, newest first, when the caller may see them (WordPress's version-history link). */
  readonly revisionIds?: readonly number[];
}

/** An instant as WordPress's *_gmt fields write it: 2024-08-01T10:00:00. */
const gmt = (iso: string) => new Date(iso).toISOString().slice(0, 19);

/** Where readers find it; WordPress's plain ?p= / ?page_id= address while it is not out (drafts, pending, scheduled). */
export function linkOf(post: PostCard, ctx: Pick<PresentContext, 'deps' | 'pages' | 'permalinkOf'>): string {
  const isOut = post.status === 'published' || post.status === 'private';
  if (!isOut) return `${siteUrl(ctx.deps)}/?${post.type === 'page' ? 'page_id' : 'p'}=${post.id}`;
  return siteUrl(ctx.deps) + (post.type === 'page' ? pagePath(post, ctx.pages) : ctx.permalinkOf(post));
}

function linksOf(post: PostCard, ctx: PresentContext): Record<string, readonly Link[]> {
  const collection = post.type === 'page' ? '/wp/v2/pages' : '/wp/v2/posts';
  const links: Record<string, readonly Link[]> = {
    self: [{ href: apiUrl(ctx.deps, `${collection}/${post.id}`) }],
    collection: [{ href: apiUrl(ctx.deps, collection) }],
    about: [{ href: apiUrl(ctx.deps, `/wp/v2/types/${post.type}`) }],
    author: [{ embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/users/${post.authorId}`) }],
    replies: [{ embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/comments?post=${post.id}`) }],
  };
  if (ctx.revisionIds) {
    links['version-history'] = [{ count: ctx.revisionIds.length, href: apiUrl(ctx.deps, `${collection}/${post.id}/revisions`) }];
    const [latest] = ctx.revisionIds;
    if (latest !== undefined) links['predecessor-version'] = [{ id: latest, href: apiUrl(ctx.deps, `${collection}/${post.id}/revisions/${latest}`) }];
  }
  if (post.parentId !== null && post.type === 'page') links.up = [{ embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/pages/${post.parentId}`) }];
  if (post.featuredMediaId !== null) links['wp:featuredmedia'] = [{ embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/media/${post.featuredMediaId}`) }];
  links['wp:attachment'] = [{ href: apiUrl(ctx.deps, `/wp/v2/media?parent=${post.id}`) }];
  if (post.type === 'post') {
    links['wp:term'] = [
      { taxonomy: 'category', embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/categories?post=${post.id}`) },
      { taxonomy: 'post_tag', embeddable: true, href: apiUrl(ctx.deps, `/wp/v2/tags?post=${post.id}`) },
    ];
  }
  links.curies = CURIES;
  return links;
}

/** WordPress's embed context: the fields a post shows inside another resource's `_embedded`. */
function embedFields(post: PostCard, ctx: PresentContext, dated: string) {
  return {
    id: post.id,
    date: post.publishedLocal ?? localDateTimeOf(new Date(dated), ctx.timezone),
    slug: post.slug,
    type: post.type,
    link: linkOf(post, ctx),
    title: { rendered: escapeHtml(post.title) },
    excerpt: { rendered: `<p>${escapeHtml(effectiveExcerpt(post))}</p>\n`, protected: false },
    author: post.authorId,
    featured_media: post.featuredMediaId ?? 0,
  };
}

/** What only posts (not pages) have, and what only pages have. */
function typeFields(post: PostCard, terms: readonly Term[]) {
  if (post.type === 'page') return { tail: {}, hierarchy: { parent: post.parentId ?? 0, menu_order: post.menuOrder } };
  const ids = (taxonomy: Term['taxonomy']) => terms.filter((t) => t.taxonomy === taxonomy).map((t) => t.id);
  return { tail: { categories: ids('category'), tags: ids('post_tag') }, hierarchy: {} };
}

/** `post` in WordPress's shape; `source` (the text as written) is needed for the edit context only. */
export function presentPost(post: PostCard & { readonly source?: string }, ctx: PresentContext): Record<string, unknown> {
  const dated = post.publishedAt ?? post.createdAt;
  const base = embedFields(post, ctx, dated);
  if (ctx.context === 'embed') return { ...base, _links: linksOf(post, ctx) };
  const edit = ctx.context === 'edit';
  const guid = post.guid ?? `${siteUrl(ctx.deps)}/?p=${post.id}`;
  const { tail, hierarchy } = typeFields(post, ctx.terms);
  const isPost = post.type === 'post';
  return {
    id: post.id, date: base.date, date_gmt: gmt(dated), guid: edit ? { rendered: guid, raw: guid } : { rendered: guid },
    modified: localDateTimeOf(new Date(post.updatedAt), ctx.timezone), modified_gmt: gmt(post.updatedAt),
    ...(edit ? { password: '', permalink_template: base.link, generated_slug: post.slug } : {}),
    slug: post.slug, status: wpStatusOf(post.status), type: post.type, link: base.link,
    title: edit ? { raw: post.title, ...base.title } : base.title,
    content: edit ? { raw: post.source ?? '', rendered: post.contentHtml, protected: false, block_version: 0 } : { rendered: post.contentHtml, protected: false },
    excerpt: edit ? { raw: post.excerpt, ...base.excerpt } : base.excerpt,
    author: post.authorId, featured_media: base.featured_media, ...hierarchy,
    comment_status: post.commentStatus, ping_status: 'closed',
    ...(isPost ? { sticky: false } : {}), template: '', ...(isPost ? { format: 'standard' } : {}), meta: [], ...tail,
    _links: linksOf(post, ctx),
  };
}
