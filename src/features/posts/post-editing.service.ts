// Changing posts as a signed-in person: every write checks the posts policy, renders and sanitizes the text by
// the author's role, keeps slugs unique and leaves a revision. The admin and the REST API both come through here.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import type { ChangeBus } from '../../kernel/events.js';
import { firstFreeSlug, slugify } from '../../kernel/slug.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { htmlToText, renderMarkdown, sanitizeUserHtml } from '../content/index.js';
import type { SettingsService } from '../settings/index.js';
import { type User, htmlTrustOf } from '../users/index.js';
import * as query from './post-query.repo.js';
import * as writes from './post-writes.repo.js';
import { canAssignAuthor, canDeletePost, canEditPost, canPublishPost, isPublishingStatus } from './posts.policy.js';
import { type Post, type PostCard, type PostChanges, type PostQuery, type PostStatus, validatePostInput } from './posts.js';
import * as repo from './posts.repo.js';

export interface PostEditing {
  /** Changes a post as `actor` (POST_FORBIDDEN when the policy says no; POST_NOT_FOUND; POST_INVALID; POST_SLUG_TAKEN). */
  update(id: number, changes: PostChanges, actor: User, resolveAuthor: (id: number) => Promise<User | undefined>): Promise<Post>;
  /** Moves to the trash (restorable) as `actor`. */
  trash(id: number, actor: User): Promise<Post>;
  /** Takes a post out of the trash as a draft, as WordPress 5.6+ does. */
  restore(id: number, actor: User): Promise<Post>;
  /** Deletes for good, with its comments and revisions. */
  deletePermanently(id: number, actor: User): Promise<Post>;
  /** Any posts, any statuses: the caller decides which statuses `actor` may list. */
  list(q: PostQuery): Promise<{ readonly items: readonly PostCard[]; readonly total: number }>;
  countByStatus(type: PostQuery['type']): Promise<ReadonlyMap<string, number>>;
}

export function postNotFound(id: number): AppError {
  return new AppError({ code: 'POST_NOT_FOUND', kind: 'not_found', message: `There is no post or page with the id ${id}.` });
}

export function postForbidden(message: string): AppError {
  return new AppError({ code: 'POST_FORBIDDEN', kind: 'forbidden', message });
}

export function postSlugTaken(slug: string): AppError {
  return new AppError({
    code: 'POST_SLUG_TAKEN', kind: 'conflict', message: `The slug "${slug}" is already used; choose another.`,
    details: { fields: { slug: `The slug "${slug}" is already used; choose another.` } },
  });
}

/** The slug a write stores: the one asked for (or one made from the title), unique among items of the type. */
export async function chooseSlug(
  db: Db, post: Pick<Post, 'type' | 'id'> | { type: Post['type']; id?: undefined }, wanted: string | undefined, title: string,
  onTaken: 'suffix' | 'refuse',
): Promise<string> {
  const base = wanted ?? (slugify(title) || post.type);
  const taken = await repo.listSlugsStartingWith(db, post.type, base);
  if (post.id !== undefined) {
    const own = await repo.findPostById(db, post.id);
    if (own) taken.delete(own.slug);
  }
  if (wanted !== undefined && onTaken === 'refuse' && taken.has(wanted)) throw postSlugTaken(wanted);
  return firstFreeSlug(base, taken);
}

export function createPostEditing(deps: {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsService;
  readonly events: ChangeBus;
}): PostEditing {
  const { db, clock, events } = deps;

  async function load(id: number): Promise<Post> {
    const post = await repo.findPostById(db, id);
    if (!post) throw postNotFound(id);
    return post;
  }

  async function setStatus(id: number, actor: User, status: PostStatus): Promise<Post> {
    const post = await load(id);
    if (!canDeletePost(actor, post)) throw postForbidden('Your role does not allow you to delete this item.');
    await repo.updatePostStatus(db, id, status, clock.now().toISOString());
    events.publish({ type: 'post', postId: id });
    return load(id);
  }

  return {
    async update(id, changes, actor, resolveAuthor) {
      const before = await load(id);
      if (!canEditPost(actor, before)) throw postForbidden('Your role does not allow you to edit this item.');
      const status = changes.status ?? before.status;
      if (isPublishingStatus(status) && status !== before.status && !canPublishPost(actor, before.type)) {
        throw postForbidden('Your role does not allow you to publish; submit the post for review instead.');
      }
      const authorId = changes.authorId ?? before.authorId;
      if (authorId !== before.authorId && !canAssignAuthor(actor, authorId)) {
        throw postForbidden('Your role does not allow you to give this item another author.');
      }
      const author = authorId === actor.id ? actor : await resolveAuthor(authorId);
      if (!author) throw postForbidden(`There is no author with the id ${authorId}.`);
      const merged = {
        title: changes.title ?? before.title,
        source: changes.source ?? before.source,
        excerpt: changes.excerpt ?? before.excerpt,
        slug: changes.slug,
        status,
        publishedAt: changes.publishedAt,
        format: changes.format ?? before.format,
      };
      validatePostInput(status === 'scheduled' && !merged.publishedAt && before.publishedAt ? { ...merged, publishedAt: before.publishedAt } : merged);
      const slug = changes.slug === undefined || changes.slug === before.slug
        ? before.slug
        : await chooseSlug(db, before, changes.slug, merged.title, changes.onSlugTaken ?? 'suffix');
      // The text is rendered with the trust of the item's author, not of whoever saves it (WordPress's kses rule).
      const trust = htmlTrustOf(author.role);
      const contentHtml = merged.format === 'markdown' ? renderMarkdown(merged.source, trust) : sanitizeUserHtml(merged.source, trust);
      const now = clock.now();
      const becomesDated = isPublishingStatus(status) && before.publishedAt === null;
      const publishedAt = changes.publishedAt ? new Date(changes.publishedAt) : becomesDated ? now : before.publishedAt ? new Date(before.publishedAt) : null;
      const { timezone } = await deps.settings.get();
      await writes.updatePost(db, before, {
        title: merged.title.trim(),
        slug,
        format: merged.format,
        source: merged.source,
        contentHtml,
        excerpt: merged.excerpt.trim(),
        searchText: htmlToText(contentHtml),
        status,
        publishedAt: publishedAt?.toISOString() ?? null,
        publishedLocal: publishedAt ? localDateTimeOf(publishedAt, timezone) : null,
        authorId,
        parentId: changes.parentId === undefined ? before.parentId : changes.parentId,
        menuOrder: changes.menuOrder ?? before.menuOrder,
        commentStatus: changes.commentStatus ?? before.commentStatus,
        featuredMediaId: changes.featuredMediaId === undefined ? before.featuredMediaId : changes.featuredMediaId,
        updatedAt: now.toISOString(),
      }, changes.termIds, { authorId: actor.id, title: merged.title.trim(), source: merged.source, excerpt: merged.excerpt.trim() }, now.toISOString());
      events.publish({ type: 'post', postId: id });
      return load(id);
    },

    trash: (id, actor) => setStatus(id, actor, 'trash'),
    restore: (id, actor) => setStatus(id, actor, 'draft'),

    async deletePermanently(id, actor) {
      const post = await load(id);
      if (!canDeletePost(actor, post)) throw postForbidden('Your role does not allow you to delete this item.');
      await writes.deletePost(db, id);
      events.publish({ type: 'post', postId: id });
      return post;
    },

    async list(q) {
      const [items, total] = await Promise.all([query.listPosts(db, q), query.countPosts(db, q)]);
      return { items, total };
    },
    countByStatus: (type) => query.countByStatus(db, type),
  };
}
