// Posts and pages: types, input rules, and where each lives on the site.
import type { NewJob } from '../../db/outbox.js';
import type { ContentFormat, PostStatus, PostType } from '../../db/tables.js';
import { invalidInput } from '../../kernel/errors.js';
import { isValidSlug } from '../../kernel/slug.js';
import { isRealDate } from '../../kernel/time.js';
import { excerptOf } from '../content/index.js';

export type { ContentFormat, PostStatus, PostType } from '../../db/tables.js';

export interface Post {
  readonly id: number;
  readonly type: PostType;
  readonly title: string;
  readonly slug: string;
  readonly format: ContentFormat;
  readonly source: string;
  readonly contentHtml: string;
  readonly excerpt: string;
  readonly searchText: string;
  readonly status: PostStatus;
  readonly publishedAt: string | null;
  readonly publishedLocal: string | null;
  readonly authorId: number;
  readonly parentId: number | null;
  readonly menuOrder: number;
  readonly commentStatus: 'open' | 'closed';
  readonly commentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The WordPress GUID of an imported post; null for posts written here (their GUID is /?p=ID). */
  readonly guid: string | null;
  /** The featured image (a media item), if any. */
  readonly featuredMediaId: number | null;
}

/** What lists of posts show: everything but the source. */
export type PostCard = Omit<Post, 'source'>;

export const postStatuses: readonly PostStatus[] = ['draft', 'pending', 'scheduled', 'published', 'private', 'trash'];

export interface PostInput {
  readonly type?: PostType;
  readonly title: string;
  readonly slug?: string;
  readonly format?: ContentFormat;
  readonly source: string;
  readonly excerpt?: string;
  readonly status: PostStatus;
  /** ISO 8601; defaults to now for published posts. */
  readonly publishedAt?: string;
  readonly parentId?: number | null;
  readonly menuOrder?: number;
  readonly commentStatus?: 'open' | 'closed';
  /** Categories and tags to file the post under (ids; see the taxonomy feature). */
  readonly termIds?: readonly number[];
  readonly featuredMediaId?: number | null;
  /**
   * What a slug already used by another item of the type gets: 'suffix' (WordPress: hello-world-2) or 'refuse'
   * (POST_SLUG_TAKEN, what the editor shows next to the field). Default 'suffix'.
   */
  readonly onSlugTaken?: 'suffix' | 'refuse';
}

/** A change to a stored post: only the fields given change. */
export type PostChanges = Partial<Omit<PostInput, 'type'>> & {
  /** Another author (needs edit_others_posts). */
  readonly authorId?: number;
};

/** How staff lists and the REST API ask for posts: every status they may see, any filter, any order. */
export interface PostQuery {
  readonly type: PostType;
  readonly statuses: readonly PostStatus[];
  readonly authorIds?: readonly number[];
  readonly excludeAuthorIds?: readonly number[];
  /** Filed under any of these terms. */
  readonly termIds?: readonly number[];
  readonly excludeTermIds?: readonly number[];
  /** Words in the title or text (every word, anywhere; case-insensitive). */
  readonly search?: string;
  /** Prefix of publishedLocal: '2026', '2026-03'. */
  readonly localDatePrefix?: string;
  readonly include?: readonly number[];
  readonly exclude?: readonly number[];
  readonly slugs?: readonly string[];
  readonly parentIds?: readonly number[];
  /** ISO instants on publishedAt: after is exclusive, before is exclusive (as WordPress). */
  readonly after?: string;
  readonly before?: string;
  readonly orderBy?: 'date' | 'modified' | 'title' | 'id' | 'slug' | 'menu_order' | 'author' | 'comment_count';
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

export const LIMITS = { title: 500, source: 1_000_000, excerpt: 5_000 } as const;

// RFC 3339 with an offset. Date.parse alone takes "1" or "March 7" (as 2001) and rolls 31 February
// over to March; without an offset the server's own time zone would be used.
const DATE_TIME = /^([1-9]\d{3})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) && !Number.isNaN(Date.parse(text));
}

export function validatePostInput(input: Omit<PostInput, 'termIds'>): void {
  const problems: Record<string, string> = {};
  if (input.title.trim().length === 0) problems.title = 'A title is required.';
  if (input.title.length > LIMITS.title) problems.title = `A title is at most ${LIMITS.title} characters.`;
  if (input.source.length > LIMITS.source) problems.source = `The text is at most ${LIMITS.source.toLocaleString('en')} characters.`;
  if ((input.excerpt ?? '').length > LIMITS.excerpt) problems.excerpt = `An excerpt is at most ${LIMITS.excerpt} characters.`;
  if (input.slug !== undefined && !isValidSlug(input.slug)) problems.slug = 'A slug is lowercase letters, digits and single hyphens.';
  if (!postStatuses.includes(input.status)) problems.status = `The status must be one of: ${postStatuses.join(', ')}.`;
  if (input.publishedAt !== undefined && !isDateTime(input.publishedAt)) {
    problems.publishedAt = 'The publication date must be a date and time like 2026-03-14T09:30:00Z.';
  }
  if (input.status === 'scheduled' && input.publishedAt === undefined) {
    problems.publishedAt = 'A scheduled post needs a publication date.';
  }
  if (Object.keys(problems).length > 0) throw invalidInput('POST_INVALID', 'Some fields of the post are not valid.', { fields: problems });
}

/** Settings → Permalinks: WordPress's common structures (Day and name is WordPress's default, and ours). */
export const PERMALINK_STRUCTURES = [
  '/%year%/%monthnum%/%day%/%postname%/', '/%year%/%monthnum%/%postname%/', '/archives/%post_id%', '/%postname%/',
] as const;
export type PermalinkStructure = (typeof PERMALINK_STRUCTURES)[number];

/** What a permalink is made of: a numeric address needs the id, the others the slug and local date. */
export type PermalinkTarget = Pick<Post, 'id' | 'slug' | 'publishedLocal'>;

/** A post's address in the site's current structure: `PostsService.permalinks()` gives one. */
export type PermalinkOf = (post: PermalinkTarget) => string;

/**
 * A post's address in `structure`. Numeric addresses end with a slash, as every other address of the site
 * (/archives/123/). Pages live at their path. The default (day and name) is for fresh sites in tests and benches
 * only: under src/ a call without the site's structure would make links that only work through a 301, so callers
 * ask `PostsService.permalinks()` (test/architecture/permalinks.test.ts refuses one-argument calls there).
 */
export function postPermalinkPath(post: PermalinkTarget, structure: PermalinkStructure): string {
  const [year = '', month = '', day = ''] = (post.publishedLocal ?? '').slice(0, 10).split('-');
  const slug = encodeURIComponent(post.slug);
  if (structure === '/archives/%post_id%') return `/archives/${post.id}/`;
  if (structure === '/%postname%/') return `/${slug}/`;
  if (structure === '/%year%/%monthnum%/%postname%/') return `/${year}/${month}/${slug}/`;
  return `/${year}/${month}/${day}/${slug}/`;
}

/** The excerpt a list shows: the writer's own, or the first 55 words of the text. */
export function effectiveExcerpt(post: Pick<Post, 'excerpt' | 'searchText'>): string {
  return post.excerpt.trim() || excerptOf(post.searchText);
}

/** The job kind that publishes a scheduled post when its time comes (see publishScheduled). */
export const PUBLISH_POST_JOB = 'posts.publish';

export interface PublishPostPayload {
  readonly postId: number;
}

/** The job a scheduled post gets, due at its publication time; one per post (the dedupe key). */
export function scheduledPublishJob(postId: number, publishedAt: string, createdAt: string): NewJob {
  const payload: PublishPostPayload = { postId };
  return { kind: PUBLISH_POST_JOB, payload, runAt: publishedAt, createdAt, dedupeKey: `${PUBLISH_POST_JOB}:${postId}` };
}

/** Tells the new-post subscribers about a post that went public (handled in src/jobs); one per post, ever. */
export const POST_PUBLISHED_JOB = 'posts.notify-subscribers';

/** Queued with the write that makes a post public, so subscribers hear of it once, even after a crash. */
export function postPublishedJob(postId: number, now: string): NewJob {
  const payload: PublishPostPayload = { postId };
  return { kind: POST_PUBLISHED_JOB, payload, runAt: now, createdAt: now, dedupeKey: `${POST_PUBLISHED_JOB}:${postId}` };
}

/** Reads a publish job's payload; undefined when it is not one (the handler refuses it for good). */
export function publishPostPayloadOf(payload: unknown): PublishPostPayload | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const postId = (payload as { postId?: unknown }).postId;
  return typeof postId === 'number' && Number.isSafeInteger(postId) && postId > 0 ? { postId } : undefined;
}
