// The feeds: the site's posts, each category, tag and author, the site's comments and each post's, in RSS 2.0
// (/feed/, /feed/rss2/), Atom (/feed/atom/) and JSON Feed (/feed/json/), at WordPress's addresses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type PublishedFilter, postStatuses } from '../../features/posts/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import { COMMENTS_TAG, SITE_TAG, authorTag, postTag, tagResponse, termTag } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { type FeedAddress, type FeedSender, pageNotFound, pathParam, pathSegments, splitFeedPath } from '../links/paths.js';
import { findPostByAnyAddress } from '../links/post-addresses.js';
import { authorPath, categoryPath, tagPath } from '../links/urls.js';
import { FEED_CONTENT_TYPES, FEED_FORMATS, type FeedChannel, type FeedEntry, type FeedFormat, renderFeed } from './feed-document.js';
import { absoluteUrl, commentEntry, postEntry } from './feed-entries.js';

const open = { config: { access: 'public' as const } };

/** WordPress also answered feed/rss/ (RSS 0.92) and feed/rdf/ (RSS 1.0): their readers are sent to RSS 2.0 (301). */
const LEGACY_FORMATS: readonly string[] = ['rss', 'rdf'];

type RequestedFormat = FeedFormat | 'legacy';

/** `feed/` → rss2, `feed/atom/` → atom…, `feed/rdf/` → legacy; anything else is no feed here: 404. */
function formatOf(name: string | undefined): RequestedFormat {
  if (name === undefined) return 'rss2';
  if (LEGACY_FORMATS.includes(name)) return 'legacy';
  const format = FEED_FORMATS.find((f) => f === name);
  if (!format) throw pageNotFound();
  return format;
}

/** `base` is the archive's own path: its feeds are at base + feed/, feed/atom/, feed/json/. */
function feedUrlsOf(publicUrl: string, base: string): Readonly<Record<FeedFormat, string>> {
  const feed = `${publicUrl}${base}feed/`;
  return { rss2: feed, atom: `${feed}atom/`, json: `${feed}json/` };
}

const latestOf = (dates: readonly Date[]) => dates.reduce<Date | undefined>((latest, d) => (!latest || d > latest ? d : latest), undefined);

/**
 * The feed with its validators: the page cache makes the ETag; Last-Modified is the newest item's change, or
 * `changedAt` when later (a post that left the feed changes it too, and If-Modified-Since must see that).
 */
function sendFeed(reply: FastifyReply, format: FeedFormat, channel: Omit<FeedChannel, 'updated'>, entries: readonly FeedEntry[], changedAt?: Date) {
  const newest = latestOf(entries.map((e) => e.updated));
  const lastModified = latestOf([newest, changedAt].filter((date): date is Date => date !== undefined));
  if (lastModified) reply.header('Last-Modified', lastModified.toUTCString());
  // An empty feed says when it was built as of the epoch: its bytes, and so its ETag, stay the same until it changes.
  const updated = newest ?? new Date(0);
  return reply.type(FEED_CONTENT_TYPES[format]).send(renderFeed(format, { ...channel, updated }, entries));
}

/** The newest change of any post `filter` covers, published or not now: trashing or unpublishing one is a change. */
async function lastPostChange(deps: HttpDeps, filter: PublishedFilter): Promise<Date | undefined> {
  const { items } = await deps.services.posts.list({
    type: filter.type, statuses: postStatuses, termIds: filter.termIds, authorIds: filter.authorId === undefined ? undefined : [filter.authorId],
    orderBy: 'modified', order: 'desc', limit: 1, offset: 0,
  });
  return items[0] ? new Date(items[0].updatedAt) : undefined;
}

interface PostsFeed {
  readonly title: (settings: SiteSettings) => string;
  readonly description?: string;
  /** The archive's path (the home page: '/'). */
  readonly base: string;
  readonly filter: PublishedFilter;
  readonly tags: readonly string[];
}

async function sendPostsFeed(deps: HttpDeps, reply: FastifyReply, format: RequestedFormat, source: PostsFeed): Promise<FastifyReply> {
  if (format === 'legacy') return reply.redirect(`${source.base}feed/`, 301);
  const { posts, settings, users, taxonomy, media } = deps.services;
  const site = await settings.get();
  const { items } = await posts.listPublished(source.filter, 1, site.feedItems);
  const [authors, terms, images, changedAt, permalinkOf] = await Promise.all([
    users.listByIds([...new Set(items.map((p) => p.authorId))]),
    taxonomy.termsOfPosts(items.map((p) => p.id)),
    media.findByIds(items.flatMap((p) => (p.featuredMediaId === null ? [] : [p.featuredMediaId]))),
    lastPostChange(deps, source.filter),
    posts.permalinks(),
  ]);
  const { publicUrl } = deps.config;
  const ctx = {
    publicUrl, permalinkOf, content: site.feedContent, terms,
    authors: new Map(authors.map((a) => [a.id, a])),
    images: new Map(images.map((image) => [image.id, image])),
  };
  // A new post changes every feed it belongs to: 'site' is purged by every post event.
  tagResponse(reply, [SITE_TAG, ...source.tags, ...items.map((p) => postTag(p.id)), ...authors.map((a) => authorTag(a.id))]);
  const channel = {
    title: source.title(site),
    description: source.description ?? site.tagline,
    link: absoluteUrl(publicUrl, source.base),
    feedUrls: feedUrlsOf(publicUrl, source.base),
    language: site.language,
  };
  return sendFeed(reply, format, channel, items.map((p) => postEntry(p, ctx)), changedAt);
}

/**
 * /category/a/b/feed/…: the category archive's route owns the /category/ addresses (a wildcard: the router cannot
 * tell a feed from a nested category) and hands the feeds to this; server.ts wires the two surfaces together.
 */
export function categoryFeedSender(deps: HttpDeps): FeedSender {
  return (reply, feed) => sendCategoryFeed(deps, reply, feed);
}

async function sendCategoryFeed(deps: HttpDeps, reply: FastifyReply, feed: FeedAddress): Promise<FastifyReply> {
  const format = formatOf(feed.formatName);
  const { taxonomy } = deps.services;
  const category = await taxonomy.findCategoryByPath(feed.segments);
  if (!category) throw pageNotFound();
  const [termIds, paths] = await Promise.all([taxonomy.categoryWithDescendants(category.id), taxonomy.categoryPaths()]);
  return sendPostsFeed(deps, reply, format, {
    title: (site) => `${site.title} » ${category.name}`,
    description: category.description || undefined,
    base: categoryPath(paths.get(category.id) ?? category.slug),
    filter: { type: 'post', termIds },
    tags: [termTag(category.id)],
  });
}

async function sendCommentsFeed(deps: HttpDeps, reply: FastifyReply, format: RequestedFormat, post?: { id: number; title: string; path: string }) {
  const base = post ? post.path : '/comments/';
  if (format === 'legacy') return reply.redirect(`${base}feed/`, 301);
  const { settings, syndication, posts } = deps.services;
  const [site, permalinkOf] = await Promise.all([settings.get(), posts.permalinks()]);
  const comments = await syndication.recentComments({ postId: post?.id, limit: site.feedItems });
  const { publicUrl } = deps.config;
  // Every comment event purges COMMENTS_TAG (the site's feed); a post's feed is purged with its page.
  tagResponse(reply, post ? [postTag(post.id)] : [SITE_TAG, COMMENTS_TAG, ...comments.map((c) => postTag(c.postId))]);
  const channel = {
    title: post ? `Comments on: ${post.title}` : `Comments for ${site.title}`,
    description: site.tagline,
    link: absoluteUrl(publicUrl, post ? post.path : '/'),
    feedUrls: feedUrlsOf(publicUrl, base),
    language: site.language,
  };
  return sendFeed(reply, format, channel, comments.map((c) => commentEntry(c, { publicUrl, permalinkOf }, post === undefined)));
}

/**
 * A post's comments feed (PERMALINK/feed/, PERMALINK/feed/atom/…) at its address in any permalink structure: the
 * current address answers; another one (an earlier structure's) answers 301 to it, as the post's page does.
 */
async function sendPostCommentsFeed(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '/';
  const feed = splitFeedPath(pathSegments(path));
  if (!feed) throw pageNotFound();
  const format = formatOf(feed.formatName);
  const post = await findPostByAnyAddress(deps, feed.segments);
  if (!post) throw pageNotFound();
  const permalink = (await deps.services.posts.permalinks())(post);
  const current = `${permalink}feed/${feed.formatName === undefined ? '' : `${encodeURIComponent(feed.formatName)}/`}`;
  if (current !== path) return reply.redirect(`${current}${request.url.slice(path.length)}`, 301);
  return sendCommentsFeed(deps, reply, format, { id: post.id, title: post.title, path: permalink });
}

interface SlugParams {
  slug: string;
  format?: string;
}

async function sendTagFeed(deps: HttpDeps, params: SlugParams, reply: FastifyReply) {
  const format = formatOf(params.format);
  const tag = await deps.services.taxonomy.findBySlug('post_tag', pathParam(params.slug));
  if (!tag) throw pageNotFound();
  return sendPostsFeed(deps, reply, format, {
    title: (site) => `${site.title} » ${tag.name}`,
    description: tag.description || undefined,
    base: tagPath(tag.slug),
    filter: { type: 'post', termIds: [tag.id] },
    tags: [termTag(tag.id)],
  });
}

async function sendAuthorFeed(deps: HttpDeps, params: SlugParams, reply: FastifyReply) {
  const format = formatOf(params.format);
  const author = await deps.services.users.findByLogin(pathParam(params.slug));
  if (!author || author.role === 'subscriber') throw pageNotFound();
  return sendPostsFeed(deps, reply, format, {
    title: (site) => `${site.title} » Posts by ${author.displayName}`,
    base: authorPath(author.login),
    filter: { type: 'post', authorId: author.id },
    tags: [authorTag(author.id)],
  });
}

const SITE_FEED: PostsFeed = { title: (site) => site.title, base: '/', filter: { type: 'post' }, tags: [] };

export function registerFeedRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/feed/', open, (_request, reply) => sendPostsFeed(deps, reply, 'rss2', SITE_FEED));
  app.get<{ Params: { format: string } }>('/feed/:format/', open, (request, reply) =>
    sendPostsFeed(deps, reply, formatOf(request.params.format), SITE_FEED),
  );
  app.get('/comments/feed/', open, (_request, reply) => sendCommentsFeed(deps, reply, 'rss2'));
  app.get<{ Params: { format: string } }>('/comments/feed/:format/', open, (request, reply) =>
    sendCommentsFeed(deps, reply, formatOf(request.params.format)),
  );
  for (const [prefix, send] of [['/tag/', sendTagFeed], ['/author/', sendAuthorFeed]] as const) {
    app.get<{ Params: SlugParams }>(`${prefix}:slug/feed/`, open, (request, reply) => send(deps, request.params, reply));
    app.get<{ Params: SlugParams }>(`${prefix}:slug/feed/:format/`, open, (request, reply) => send(deps, request.params, reply));
  }
  // A post's comments feed in each structure (day and name, month and name, numeric, post name). More specific than
  // the site's catch-all (/*): the router tries these first and falls back to it.
  const postFeed = (request: FastifyRequest, reply: FastifyReply) => sendPostCommentsFeed(deps, request, reply);
  for (const permalink of ['/:year/:month/:day/:slug/', '/:year/:month/:slug/', '/archives/:id/', '/:slug/']) {
    app.get(`${permalink}feed/`, open, postFeed);
    app.get(`${permalink}feed/:format/`, open, postFeed);
  }
}
