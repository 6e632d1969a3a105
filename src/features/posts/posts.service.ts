// Writing posts and pages, and every way the public site reads them.
import type { Db } from '../../db/database.js';
import type { SnippetPart } from '../../db/dialect.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus, ChangeEvent } from '../../kernel/events.js';
import { memoUntilChange } from '../../kernel/memo.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { htmlToText, renderMarkdown, sanitizeUserHtml } from '../content/index.js';
import type { SettingsService } from '../settings/index.js';
import { type User, htmlTrustOf } from '../users/index.js';
import {
  type PermalinkOf, type Post, type PostCard, type PostInput, type PostStatus, type PostType, postPermalinkPath, validatePostInput,
} from './posts.js';
import * as repo from './posts.repo.js';
import { type PostEditing, chooseSlug, createPostEditing, postForbidden } from './post-editing.service.js';
import { canAssignAuthor, canCreatePost, canPublishPost, isPublishingStatus } from './posts.policy.js';

export type { MonthCount, PageLink, PostLink, PublishedFilter } from './posts.repo.js';

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export interface SearchResult {
  readonly post: PostCard;
  /** The excerpt around the matches, matched words flagged. */
  readonly snippet: readonly SnippetPart[];
}

export type PermalinkLookup =
  | { readonly kind: 'found'; readonly post: Post }
  | { readonly kind: 'gone' }
  | { readonly kind: 'missing' };

export interface PostsService extends PostEditing {
  /**
   * Writes a new post by `author`. With `actor` (whoever asks, when it is a person at the admin or the API), the
   * posts policy is checked first: may they write this type, publish, and file it under `author`'s name.
   */
  create(input: PostInput, author: User, actor?: User): Promise<Post>;
  moveToTrash(id: number): Promise<void>;
  /**
   * Publishes a scheduled post whose time has come (the posts.publish job); true when it did. A post no
   * longer scheduled (trashed, published by hand) or not yet due (rescheduled later) is left alone.
   */
  publishScheduled(id: number): Promise<boolean>;
  findById(id: number): Promise<Post | undefined>;
  findBySlug(type: PostType, slug: string): Promise<Post | undefined>;
  /** A post at /YYYY/MM/DD/slug/, as the public may see it. */
  findByPermalink(localDate: string, slug: string): Promise<PermalinkLookup>;
  /** A page at /parent/child/ (the slugs from the root), as the public may see it. */
  findPageByPath(slugs: readonly string[]): Promise<PermalinkLookup>;
  listPublished(filter: repo.PublishedFilter, page: number, perPage: number): Promise<PageOf<PostCard>>;
  search(words: string, page: number, perPage: number): Promise<PageOf<SearchResult>>;
  adjacent(post: Post): Promise<{ previous?: repo.PostLink; next?: repo.PostLink }>;
  recent(limit: number): Promise<repo.PostLink[]>;
  archiveMonths(): Promise<repo.MonthCount[]>;
  publishedPages(): Promise<repo.PageLink[]>;
  /**
   * Post addresses in the site's current permalink structure (Settings → Permalinks): every link the site makes
   * (feeds, sitemaps, REST, mail, exports) asks here, so none points at an address that only answers with a 301.
   */
  permalinks(): Promise<PermalinkOf>;
}

const PUBLIC_STATUSES: readonly PostStatus[] = ['published'];

function visibility(post: Post | undefined): PermalinkLookup {
  if (!post) return { kind: 'missing' };
  if (post.status === 'trash') return { kind: 'gone' };
  return PUBLIC_STATUSES.includes(post.status) ? { kind: 'found', post } : { kind: 'missing' };
}

const isPostChange = (event: ChangeEvent) => event.type === 'post';

function pageOf<T>(items: readonly T[], total: number, page: number, perPage: number): PageOf<T> {
  return { items, total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

export function createPostsService(deps: {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsService;
  readonly events: ChangeBus;
}): PostsService {
  const { db, clock, events } = deps;
  const archiveMonths = memoUntilChange(events, isPostChange, () => repo.listArchiveMonths(db));
  const publishedPages = memoUntilChange(events, isPostChange, () => repo.listPublishedPages(db));

  return {
    ...createPostEditing(deps),

    async create(input, author, actor) {
      validatePostInput(input);
      const type = input.type ?? 'post';
      if (actor && !canCreatePost(actor, type)) throw postForbidden('Your role does not allow you to write this kind of item.');
      if (actor && isPublishingStatus(input.status) && !canPublishPost(actor, type)) {
        throw postForbidden('Your role does not allow you to publish; submit the post for review instead.');
      }
      if (actor && !canAssignAuthor(actor, author.id)) throw postForbidden('Your role does not allow you to write under another name.');
      const format = input.format ?? 'markdown';
      const trust = htmlTrustOf(author.role);
      const contentHtml = format === 'markdown' ? renderMarkdown(input.source, trust) : sanitizeUserHtml(input.source, trust);
      const slug = await chooseSlug(db, { type }, input.slug, input.title, input.onSlugTaken ?? 'suffix');
      const now = clock.now();
      const isDated = input.status === 'published' || input.status === 'scheduled' || input.status === 'private';
      const publishedAt = input.publishedAt ? new Date(input.publishedAt) : isDated ? now : null;
      const { timezone } = await deps.settings.get();
      const id = await repo.insertPost(db, {
        type,
        title: input.title.trim(),
        slug,
        format,
        source: input.source,
        contentHtml,
        excerpt: (input.excerpt ?? '').trim(),
        searchText: htmlToText(contentHtml),
        status: input.status,
        publishedAt: publishedAt?.toISOString() ?? null,
        publishedLocal: publishedAt ? localDateTimeOf(publishedAt, timezone) : null,
        authorId: author.id,
        parentId: input.parentId ?? null,
        menuOrder: input.menuOrder ?? 0,
        commentStatus: input.commentStatus ?? (type === 'post' ? 'open' : 'closed'),
        featuredMediaId: input.featuredMediaId ?? null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }, input.termIds ?? []);
      events.publish({ type: 'post', postId: id });
      return (await repo.findPostById(db, id)) as Post;
    },

    async moveToTrash(id) {
      await repo.updatePostStatus(db, id, 'trash', clock.now().toISOString());
      events.publish({ type: 'post', postId: id });
    },

    async publishScheduled(id) {
      const published = await repo.publishIfDue(db, id, clock.now().toISOString());
      if (published) events.publish({ type: 'post', postId: id });
      return published;
    },
    findById: (id) => repo.findPostById(db, id),
    findBySlug: (type, slug) => repo.findPostBySlug(db, type, slug),

    async findByPermalink(localDate, slug) {
      const post = await repo.findPostBySlug(db, 'post', slug);
      if (post && !post.publishedLocal?.startsWith(localDate)) return { kind: 'missing' };
      return visibility(post);
    },

    async findPageByPath(slugs) {
      const last = slugs.at(-1);
      if (last === undefined) return { kind: 'missing' };
      const page = await repo.findPostBySlug(db, 'page', last);
      if (!page) return { kind: 'missing' };
      const ancestors: string[] = [];
      let parentId = page.parentId;
      while (parentId !== null && ancestors.length < slugs.length) {
        const parent = await repo.findPostById(db, parentId);
        if (!parent) break;
        ancestors.unshift(parent.slug);
        parentId = parent.parentId;
      }
      return [...ancestors, last].join('/') === slugs.join('/') ? visibility(page) : { kind: 'missing' };
    },

    async listPublished(filter, page, perPage) {
      const [items, total] = await Promise.all([
        repo.listPublished(db, filter, perPage, (page - 1) * perPage),
        repo.countPublished(db, filter),
      ]);
      return pageOf(items, total, page, perPage);
    },

    async search(words, page, perPage) {
      const found = await repo.searchPublished(db, { words, limit: perPage, offset: (page - 1) * perPage });
      const cards = new Map((await repo.listPublishedByIds(db, found.hits.map((h) => h.id))).map((p) => [p.id, p]));
      const items = found.hits.flatMap((hit) => {
        const post = cards.get(hit.id);
        return post ? [{ post, snippet: hit.snippet }] : [];
      });
      return pageOf(items, found.total, page, perPage);
    },

    async adjacent(post) {
      const [previous, next] = await Promise.all([
        repo.findAdjacentPublished(db, post, 'previous'),
        repo.findAdjacentPublished(db, post, 'next'),
      ]);
      return { previous, next };
    },

    recent: memoUntilChange(events, isPostChange, (limit: number) => repo.listRecentPublished(db, limit)),
    archiveMonths: () => archiveMonths(undefined),
    publishedPages: () => publishedPages(undefined),

    async permalinks() {
      // Settings are cached and dropped on every change: reading them per call costs nothing and is never stale.
      const { permalinkStructure } = await deps.settings.get();
      return (post) => postPermalinkPath(post, permalinkStructure);
    },
  };
}
