// Everything else under /: date archives, post permalinks and pages, resolved like WordPress's rewrite rules.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PermalinkLookup } from '../../features/posts/index.js';
import { AppError } from '../../kernel/errors.js';
import { isRealDate } from '../../kernel/time.js';
import type { HttpDeps } from '../deps.js';
import { type SiteContext, loadSiteContext } from './context.js';
import { sendPostList } from './listing.js';
import { MAX_PAGE, splitPaged } from './params.js';
import { pageNotFound, pathSegments } from '../links/paths.js';
import { createCommentThreads } from './comment-threads.js';
import { formatMonth, formatSiteDate } from './format.js';
import { isFrontPage, isPostsPage } from './front-page.js';
import { movedAddressOf } from './permalinks.js';
import { findPostByOtherAddress } from '../links/post-addresses.js';
import { type PostPageOptions, sendPostPage } from './post-page.js';
import { redirectOldPathOrNotFound } from './old-addresses.js';

type Route =
  | { readonly kind: 'date'; readonly prefix: string; readonly year: number; readonly month?: number; readonly day?: number; readonly page: number }
  | { readonly kind: 'post'; readonly localDate: string; readonly slug: string; readonly commentPage?: number }
  | { readonly kind: 'page'; readonly slugs: readonly string[]; readonly page: number };

const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;
// WordPress's comment pages: PERMALINK/comment-page-N/.
const COMMENT_PAGE = /^comment-page-([1-9]\d{0,5})$/;

/** Pure: what a path names. undefined when it cannot name anything. */
export function resolveContentPath(segments: readonly string[]): Route | undefined {
  const { segments: rest, page } = splitPaged(segments);
  const [y, m, d, slug, ...extra] = rest;
  if (y !== undefined && YEAR.test(y)) {
    const year = Number(y);
    if (m === undefined) return { kind: 'date', prefix: y, year, page };
    if (!TWO_DIGITS.test(m) || Number(m) < 1 || Number(m) > 12) return undefined;
    const month = Number(m);
    if (d === undefined) return { kind: 'date', prefix: `${y}-${m}`, year, month, page };
    if (!TWO_DIGITS.test(d) || !isRealDate(year, month, Number(d))) return undefined;
    if (slug === undefined) return { kind: 'date', prefix: `${y}-${m}-${d}`, year, month, day: Number(d), page };
    if (extra.length > 1 || page !== 1) return undefined;
    if (extra.length === 0) return { kind: 'post', localDate: `${y}-${m}-${d}`, slug };
    const commentPage = Number(COMMENT_PAGE.exec(extra[0] ?? '')?.[1] ?? NaN);
    if (!Number.isInteger(commentPage) || commentPage > MAX_PAGE) return undefined;
    return { kind: 'post', localDate: `${y}-${m}-${d}`, slug, commentPage };
  }
  if (rest.length === 0) return undefined;
  // PAGE/page/N/ is only the posts page's (Settings → Reading); the handler refuses it for any other page.
  return { kind: 'page', slugs: rest, page };
}

export function registerContentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const threads = createCommentThreads(deps, deps.events);
  app.get<{ Params: { '*': string }; Querystring: Record<string, unknown> }>('/*', { config: { access: 'public' } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const segments = pathSegments(request.params['*']);
    const route = resolveContentPath(segments);
    const query = request.url.slice(path.length);
    /** A post at another structure's address (Settings → Permalinks) is sent to its own; else an imported post's old path, or 404. */
    const sendOtherAddress = async (ctx: SiteContext | undefined) => {
      const other = await findPostByOtherAddress(deps, segments);
      if (!other) return redirectOldPathOrNotFound(deps, path, reply);
      const site = ctx ?? (await loadSiteContext(deps.services));
      const moved = movedAddressOf(site, other, path);
      if (moved) return reply.redirect(`${moved}${query}`, 301);
      return sendPostPage(deps, threads, request, reply, site, other.post, optionsOf(path, other.commentPage, request.query.replytocom));
    };
    if (!route) return sendOtherAddress(undefined);
    if (!path.endsWith('/')) {
      // One leading slash only: a Location of //host/ (or /\host/) would send the reader to another site.
      return reply.redirect(`/${path.replace(/^[/\\]+/, '')}/${query}`, 301);
    }
    const ctx = await loadSiteContext(deps.services);
    if (route.kind === 'date') return sendDateArchive(deps, reply, ctx, route);
    const found =
      route.kind === 'post'
        ? await deps.services.posts.findByPermalink(route.localDate, route.slug)
        : await deps.services.posts.findPageByPath(route.slugs);
    if (found.kind === 'missing') return route.kind === 'page' ? sendOtherAddress(ctx) : redirectOldPathOrNotFound(deps, path, reply);
    if (route.kind === 'post' && found.kind === 'found') {
      const moved = movedAddressOf(ctx, { post: found.post, ...(route.commentPage ? { commentPage: route.commentPage } : {}) }, path);
      if (moved) return reply.redirect(`${moved}${query}`, 301);
    }
    if (route.kind === 'page' && found.kind === 'found') {
      if (isPostsPage(ctx, found.post)) {
        const base = path.replace(/page\/\d+\/$/, '');
        return sendPostList(deps, reply, ctx, { kind: 'home', heading: found.post.title, base, page: route.page, pageTitle: found.post.title }, { type: 'post' });
      }
      if (route.page !== 1) throw pageNotFound();
      if (isFrontPage(ctx, found.post)) return reply.redirect('/', 301);
    } else if (route.kind === 'page' && route.page !== 1) {
      throw pageNotFound();
    }
    return sendPostPage(deps, threads, request, reply, ctx, postOf(found), optionsOf(path, route.kind === 'post' ? route.commentPage : undefined, request.query.replytocom));
  });
}

function optionsOf(path: string, commentPage: number | undefined, replyTo: unknown): PostPageOptions {
  return {
    path,
    commentPage,
    replyToId: typeof replyTo === 'string' && /^[1-9]\d{0,9}$/.test(replyTo) ? Number(replyTo) : undefined,
    // As WordPress: the reply form's address is the post again, not a page for search engines.
    robots: replyTo === undefined ? undefined : 'noindex, follow',
  };
}

function postOf(found: PermalinkLookup) {
  if (found.kind === 'gone') {
    throw new AppError({ code: 'POST_GONE', kind: 'gone', message: 'This post was removed by its author and is no longer available.' });
  }
  if (found.kind === 'missing') throw pageNotFound();
  return found.post;
}

function sendDateArchive(deps: HttpDeps, reply: FastifyReply, ctx: SiteContext, route: Extract<Route, { kind: 'date' }>) {
  const { language } = ctx.settings;
  const label =
    route.day !== undefined
      ? formatSiteDate(`${route.prefix}T12:00:00Z`, ctx.settings, 'UTC')
      : route.month !== undefined
        ? formatMonth(route.prefix, language)
        : String(route.year);
  const base = `/${route.prefix.replaceAll('-', '/')}/`;
  return sendPostList(
    deps, reply, ctx,
    { kind: 'date', heading: `Archives: ${label}`, base, page: route.page, pageTitle: label },
    { type: 'post', localDatePrefix: route.prefix },
  );
}
