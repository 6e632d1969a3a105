// A write request's WordPress fields as our post input: title/content/excerpt (string or { raw }), WordPress's
// statuses and its two dates, terms and parents checked to exist. Content from the API is HTML (see README.md).
import type { Post, PostChanges, PostStatus, PostType } from '../../features/posts/index.js';
import { instantOfLocalDateTime } from '../../kernel/time.js';
import type { Services } from '../deps.js';
import { type Args, Problem, invalidParams } from './args.js';
import type { WpStatus } from './posts.args.js';
import { statusFromWp } from './posts.present.js';
import { wpError } from './wp-error.js';

export interface WriteContext {
  readonly args: Args;
  readonly type: PostType;
  readonly services: Pick<Services, 'taxonomy' | 'users' | 'posts' | 'media'>;
  readonly timezone: string;
  readonly now: Date;
  /** The stored post, when updating. */
  readonly existing?: Post;
}

/** `{ raw }` or a plain string (the router turns the latter into the former). */
function rawOf(args: Args, name: string, problems: Map<string, Problem>): string | undefined {
  const value = args.object(name);
  if (value === undefined) return undefined;
  if (typeof value.raw === 'string') return value.raw;
  problems.set(name, new Problem('rest_invalid_type', `${name} is not of type string.`));
  return undefined;
}

/** The publication instant asked for: date_gmt (UTC unless it says otherwise), else date (the site's time zone). */
function publicationOf(args: Args, timezone: string, problems: Map<string, Problem>): Date | undefined {
  const gmt = args.string('date_gmt');
  const local = args.string('date');
  const text = gmt ?? local;
  if (text === undefined) return undefined;
  const normal = text.replace(' ', 'T');
  const withOffset = /([Zz]|[+-]\d{2}:?\d{2})$/.test(normal);
  const instant = withOffset || gmt !== undefined ? new Date(withOffset ? normal : `${normal}Z`) : instantOfLocalDateTime(normal.slice(0, 19), timezone);
  if (!instant || Number.isNaN(instant.getTime())) problems.set(gmt !== undefined ? 'date_gmt' : 'date', new Problem('rest_invalid_date', 'Invalid date.'));
  return instant;
}

/** WordPress's rule: "publish" with a future date is scheduled; "future" with a past date is published. */
function statusOf(asked: PostStatus | undefined, when: Date | undefined, now: Date): PostStatus | undefined {
  if (asked === 'published' && when && when > now) return 'scheduled';
  if (asked === 'scheduled' && when && when <= now) return 'published';
  return asked;
}

/** Refuses what Quire does not keep, rather than drop it silently. */
function unsupported(args: Args, problems: Map<string, Problem>): void {
  if (args.string('password')) problems.set('password', new Problem('rest_invalid_param', 'Password-protected posts are not supported.'));
  if (args.boolean('sticky') === true) problems.set('sticky', new Problem('rest_invalid_param', 'Sticky posts are not supported.'));
  const format = args.string('format');
  if (format !== undefined && format !== 'standard') problems.set('format', new Problem('rest_invalid_param', 'Only the standard post format is supported.'));
  if (args.string('template')) problems.set('template', new Problem('rest_invalid_param', 'Page templates are not supported.'));
  if (Object.keys(args.object('meta') ?? {}).length > 0) problems.set('meta', new Problem('rest_invalid_param', 'Meta fields are not supported.'));
}

/** The ids under `name` that are terms of `taxonomy`; unknown ones are problems (rest_invalid_param). */
async function termIdsOf(ctx: WriteContext, name: 'categories' | 'tags', problems: Map<string, Problem>): Promise<readonly number[] | undefined> {
  const ids = ctx.args.integers(name);
  if (ids === undefined) return undefined;
  const taxonomy = name === 'categories' ? 'category' : 'post_tag';
  const terms = await Promise.all(ids.map((id) => ctx.services.taxonomy.findById(id)));
  const unknown = ids.filter((_id, i) => terms[i]?.taxonomy !== taxonomy);
  if (unknown.length > 0) problems.set(name, new Problem('rest_invalid_term_id', `Invalid term ID: ${unknown.join(', ')}.`));
  return ids;
}

/** Both taxonomies' ids for the write: the one not sent keeps the post's current terms. */
async function termsOf(ctx: WriteContext, problems: Map<string, Problem>): Promise<number[] | undefined> {
  if (ctx.type !== 'post') return undefined;
  const [categories, tags] = [await termIdsOf(ctx, 'categories', problems), await termIdsOf(ctx, 'tags', problems)];
  if (categories === undefined && tags === undefined) return undefined;
  const current = ctx.existing ? ((await ctx.services.taxonomy.termsOfPosts([ctx.existing.id])).get(ctx.existing.id) ?? []) : [];
  const keep = (taxonomy: string) => current.filter((t) => t.taxonomy === taxonomy).map((t) => t.id);
  return [...(categories ?? keep('category')), ...(tags ?? keep('post_tag'))];
}

async function referencesOf(ctx: WriteContext): Promise<void> {
  const { args, services } = ctx;
  const author = args.integer('author');
  if (author !== undefined && !(await services.users.findById(author))) throw wpError('rest_invalid_author', 'Invalid author ID.', 400);
  const media = args.integer('featured_media');
  if (media !== undefined && media !== 0 && !(await services.media.findById(media))) {
    throw wpError('rest_invalid_featured_media', 'Invalid featured media ID.', 400);
  }
  const parent = args.integer('parent');
  if (parent !== undefined && parent !== 0 && (await services.posts.findById(parent))?.type !== 'page') {
    throw wpError('rest_post_invalid_id', 'Invalid post parent ID.', 400);
  }
}

/** The changes a write asks for, only the fields sent (a create fills in WordPress's defaults itself). */
export async function postChangesOf(ctx: WriteContext): Promise<PostChanges> {
  const { args } = ctx;
  const problems = new Map<string, Problem>();
  unsupported(args, problems);
  const [title, source, excerpt] = [rawOf(args, 'title', problems), rawOf(args, 'content', problems), rawOf(args, 'excerpt', problems)];
  const when = publicationOf(args, ctx.timezone, problems);
  const asked = args.string('status') as WpStatus | undefined;
  const termIds = await termsOf(ctx, problems);
  if (problems.size > 0) throw invalidParams(problems);
  await referencesOf(ctx);
  const status = statusOf(asked ? statusFromWp(asked) : when ? (ctx.existing?.status ?? undefined) : undefined, when, ctx.now);
  const parent = args.integer('parent');
  const media = args.integer('featured_media');
  return {
    ...(title !== undefined ? { title } : {}),
    // Markdown posts edited through the API become HTML posts: what the client sent is HTML.
    ...(source !== undefined ? { source, format: 'html' as const } : {}),
    ...(excerpt !== undefined ? { excerpt } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(when ? { publishedAt: when.toISOString() } : {}),
    ...(args.has('slug') ? { slug: args.string('slug') } : {}),
    ...(args.has('author') ? { authorId: args.integer('author') } : {}),
    ...(media !== undefined ? { featuredMediaId: media === 0 ? null : media } : {}),
    ...(args.has('comment_status') ? { commentStatus: args.string('comment_status') as 'open' | 'closed' } : {}),
    ...(parent !== undefined ? { parentId: parent === 0 ? null : parent } : {}),
    ...(args.has('menu_order') ? { menuOrder: args.integer('menu_order') } : {}),
    ...(termIds !== undefined ? { termIds } : {}),
  };
}
