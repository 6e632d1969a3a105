// Turns domain objects into the theme's view models: every public field is chosen here.
import type { CommentNode } from '../../features/comments/index.js';
import {
  type PermalinkStructure, type Post, type PostCard, type PostLink, effectiveExcerpt, postPermalinkPath,
} from '../../features/posts/index.js';
import type { Term, TermNode, TermWithCount } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import type { SnippetPart } from '../../features/posts/index.js';
import { escapeHtml } from '../../kernel/html.js';
import { sha256 } from '../../kernel/ids.js';
import type {
  CategoryTreeVM, CommentVM, LayoutVM, LinkVM, PaginationVM, PostCardVM, PostMetaVM,
} from '../../../themes/view-models.js';
import type { SiteContext } from './context.js';
import { type HeadOptions, presentHead } from './head.present.js';
import { formatMonth, formatSiteDate, formatSiteDateTime } from './format.js';
import { authorPath, categoryPath, monthPath, pagePath, pagedPath, tagPath } from '../links/urls.js';

export interface LayoutOptions {
  readonly pageTitle: string | null;
  readonly canonicalPath: string | null;
  readonly searchWords?: string;
  readonly robots?: string;
  /** First-party scripts the page loads (deferred). */
  readonly scripts?: readonly string[];
  /** The page's own feed, or the post it shows: discovery links, OpenGraph, JSON-LD. */
  readonly head?: HeadOptions;
}

export function presentLayout(ctx: SiteContext, publicUrl: string, stylesheetHref: string, options: LayoutOptions): LayoutVM {
  const { settings } = ctx;
  return {
    site: {
      title: settings.title,
      tagline: settings.tagline,
      homeHref: '/',
      language: settings.language,
      menu: ctx.pages.filter((p) => p.parentId === null).map((p) => ({ href: pagePath(p, ctx.pages), label: p.title })),
    },
    sidebar: {
      searchWords: options.searchWords ?? '',
      recent: ctx.recent.map((p) => postLink(p, settings.permalinkStructure)),
      categories: presentCategoryTree(ctx.categories, ctx.categoryPaths),
      archives: ctx.months.map((m) => ({ href: monthPath(m.month), label: formatMonth(m.month, settings.language), count: m.count })),
    },
    pageTitle: options.pageTitle,
    canonicalHref: options.canonicalPath === null ? null : `${publicUrl}${options.canonicalPath}`,
    stylesheetHref,
    // Settings → Reading, "Discourage search engines": every public page says so, whatever it would say.
    robots: settings.discourageSearchEngines ? 'noindex, nofollow' : options.robots,
    scripts: options.scripts,
    head: presentHead(
      settings, publicUrl,
      { title: options.pageTitle, canonicalHref: options.canonicalPath === null ? null : `${publicUrl}${options.canonicalPath}` },
      options.head ?? {},
    ),
  };
}

function presentCategoryTree(nodes: readonly TermNode<TermWithCount>[], paths: ReadonlyMap<number, string>): CategoryTreeVM[] {
  return nodes.map((n) => ({
    href: categoryPath(paths.get(n.term.id) ?? n.term.slug),
    name: n.term.name,
    count: n.term.count,
    children: presentCategoryTree(n.children, paths),
  }));
}

/** A link to a post, at its address in the site's permalink structure (Settings → Permalinks). */
export function postLink(post: PostLink, structure: PermalinkStructure): LinkVM {
  return { href: postPermalinkPath(post, structure), label: post.title };
}

export interface PostRelations {
  readonly authors: ReadonlyMap<number, User>;
  readonly terms: ReadonlyMap<number, readonly Term[]>;
}

export function presentPostMeta(post: PostCard, ctx: SiteContext, relations: PostRelations): PostMetaVM {
  const author = relations.authors.get(post.authorId);
  const terms = relations.terms.get(post.id) ?? [];
  const publishedAt = post.publishedAt ?? post.createdAt;
  return {
    id: post.id,
    title: post.title,
    href: post.type === 'page' ? pagePath(post, ctx.pages) : postPermalinkPath(post, ctx.settings.permalinkStructure),
    dateIso: publishedAt,
    dateText: formatSiteDate(publishedAt, ctx.settings),
    author: author ? { href: authorPath(author.login), label: author.displayName } : { href: '/', label: 'Unknown' },
    categories: terms
      .filter((t) => t.taxonomy === 'category')
      .map((t) => ({ href: categoryPath(ctx.categoryPaths.get(t.id) ?? t.slug), label: t.name })),
    tags: terms.filter((t) => t.taxonomy === 'post_tag').map((t) => ({ href: tagPath(t.slug), label: t.name })),
    commentCount: post.commentCount,
    commentsOpen: post.commentStatus === 'open',
  };
}

export function presentCard(post: PostCard, ctx: SiteContext, relations: PostRelations, snippetHtml?: string): PostCardVM {
  const meta = presentPostMeta(post, ctx, relations);
  if (snippetHtml !== undefined) return { ...meta, snippetHtml };
  return ctx.settings.listContent === 'full' ? { ...meta, contentHtml: post.contentHtml } : { ...meta, excerpt: effectiveExcerpt(post) };
}

export function presentPagination(base: string, page: number, pages: number, query = ''): PaginationVM {
  return {
    page,
    pages,
    newerHref: page > 1 ? pagedPath(base, page - 1, query) : null,
    olderHref: page < pages ? pagedPath(base, page + 1, query) : null,
  };
}

/**
 * A thread as view models. Pure apart from the settings in `ctx`: the result may be kept and shared between
 * readers as long as `nodes` holds no one's pending comments.
 */
export function presentComments(
  nodes: readonly CommentNode[],
  post: Pick<Post, 'id' | 'authorId' | 'slug' | 'publishedLocal'>,
  ctx: Pick<SiteContext, 'settings'>,
): CommentVM[] {
  const { commentThreadDepth, avatarSource } = ctx.settings;
  const permalink = postPermalinkPath(post, ctx.settings.permalinkStructure);
  return nodes.map((node) => {
    const c = node.comment;
    const isPending = c.status !== 'approved';
    return {
      id: c.id,
      postId: post.id,
      authorName: c.authorName,
      authorUrl: isHttpUrl(c.authorUrl) ? c.authorUrl : null,
      avatarInitials: initialsOf(c.authorName),
      avatarHue: avatarHueOf(c.authorEmail || c.authorName),
      // The identity's own picture (stored here at sign-in) first; no request to another site for it.
      avatarImageUrl: localAvatarOf(c.authorAvatarUrl) ?? (avatarSource === 'gravatar' ? gravatarUrl(c.authorEmail) : null),
      dateIso: c.createdAt,
      dateText: formatSiteDateTime(c.createdAt, ctx.settings),
      contentHtml: c.contentHtml,
      byPostAuthor: c.userId !== null && c.userId === post.authorId,
      depth: node.depth,
      awaitingModeration: isPending,
      // As in WordPress: no "Reply" at the deepest level, and none on a comment nobody else can see yet.
      replyHref: isPending || node.depth >= commentThreadDepth ? null : `${permalink}?replytocom=${c.id}#respond`,
      replies: presentComments(node.replies, post, ctx),
    };
  });
}

/** A picture path the identity feature stored (/avatars/<hash>.<ext>); anything else is not shown. */
function localAvatarOf(url: string | null | undefined): string | null {
  return typeof url === 'string' && /^\/avatars\/[A-Za-z0-9_.-]+$/.test(url) ? url : null;
}

/** Gravatar's address for an e-mail (SHA-256 of the trimmed, lowercased address; identicons for unknown ones). */
export function gravatarUrl(email: string): string {
  return `https://secure.gravatar.com/avatar/${sha256(email.trim().toLowerCase())}?s=96&d=identicon`;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0] ?? '?'];
  return letters.map((w) => Array.from(w ?? '?')[0] ?? '?').join('').toUpperCase();
}

/** One of twelve colours, stable for an address or name (FNV-1a: cheap, and spread well enough for colours). */
export function avatarHueOf(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 12;
}

/** A search excerpt as escaped HTML with the matched words in <mark>. */
export function snippetToHtml(parts: readonly SnippetPart[]): string {
  return parts.map((p) => (p.matched ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}
