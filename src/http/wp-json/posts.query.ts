// A posts or pages collection request (WordPress's args) as one PostQuery, with WordPress's rule on statuses: only
// callers who may edit items of the type may ask for anything but published ones.
import { type PostCard, type PostQuery, type PostStatus, type PostType, canCreatePost } from '../../features/posts/index.js';
import type { User } from '../../features/users/index.js';
import { type Args, Problem, invalidParams } from './args.js';
import type { Window } from './collection.js';
import { type WpStatus, WP_STATUSES } from './posts.args.js';
import { statusFromWp } from './posts.present.js';
import { wpError } from './wp-error.js';

/** The statuses asked for, refused as WordPress refuses them (rest_invalid_param wrapping rest_forbidden_status). */
export function statusesOf(args: Args, type: PostType, caller: User | undefined): readonly PostStatus[] {
  const asked = args.strings('status') ?? ['publish'];
  const wanted: readonly WpStatus[] = asked.includes('any') ? WP_STATUSES.filter((s) => s !== 'trash') : (asked as WpStatus[]);
  const onlyPublic = wanted.every((s) => s === 'publish');
  if (!onlyPublic && !(caller && canCreatePost(caller, type))) {
    // WordPress answers 400 and names the authorization status inside: 401 anonymous, 403 signed in.
    throw invalidParams(new Map([['status', new Problem('rest_forbidden_status', 'Status is forbidden.')]]), { status: caller ? 403 : 401 });
  }
  return wanted.map(statusFromWp);
}

type OrderBy = NonNullable<PostQuery['orderBy']>;
// `include` is ordered by listPage; `relevance` and `parent` are WordPress's own ways, the nearest we keep is the date.
const ORDER_BY: Readonly<Record<string, OrderBy>> = {
  author: 'author', date: 'date', id: 'id', modified: 'modified', slug: 'slug', title: 'title', menu_order: 'menu_order',
  include: 'date', include_slugs: 'date', relevance: 'date', parent: 'date',
};

/** ISO instant of a WordPress date argument (no offset: UTC, as our dates are stored). */
function instantOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const hasOffset = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value);
  return new Date(hasOffset ? value : `${value.replace(' ', 'T')}Z`).toISOString();
}

/**
 * The page of the query's results, in WordPress's orders: `include` in the order the ids were given, whatever
 * `order` says (every
 * included item is read, then the window cut out of them), `relevance` only with a search (newest first here).
 */
export async function listPage(
  list: (q: PostQuery) => Promise<{ readonly items: readonly PostCard[]; readonly total: number }>, args: Args, type: PostType,
  statuses: readonly PostStatus[], window: Window,
): Promise<{ readonly items: readonly PostCard[]; readonly total: number }> {
  const query = postQueryOf(args, type, statuses, window);
  if (args.string('orderby') === 'relevance' && !args.string('search')) {
    throw wpError('rest_no_search_term_defined', 'You need to define a search term to order by relevance.', 400);
  }
  const parents = args.integers('parent') ?? [];
  if (parents.includes(0)) return topLevelPage(list, query, parents, window);
  const include = args.integers('include') ?? [];
  if (args.string('orderby') !== 'include' || include.length === 0) return list(query);
  const { items, total } = await list({ ...query, limit: include.length, offset: 0 });
  const rank = (id: number) => include.indexOf(id);
  // WordPress's FIELD(ID, …) order takes no direction: `order` does not reverse it.
  const ordered = [...items].sort((a, b) => rank(a.id) - rank(b.id));
  return { items: ordered.slice(window.offset, window.offset + window.perPage), total };
}

/** Pages a site keeps at most, for `parent=0` (top level), which the query cannot ask for: filtered here. */
const MAX_PAGES_FILTERED = 5_000;

/** `parent=0` (with any other parents): WordPress's top-level pages, found among all the pages the query matches. */
async function topLevelPage(
  list: (q: PostQuery) => Promise<{ readonly items: readonly PostCard[]; readonly total: number }>, query: PostQuery, parents: readonly number[], window: Window,
) {
  const { items } = await list({ ...query, parentIds: undefined, limit: MAX_PAGES_FILTERED, offset: 0 });
  const matching = items.filter((p) => (p.parentId === null ? parents.includes(0) : parents.includes(p.parentId)));
  return { items: matching.slice(window.offset, window.offset + window.perPage), total: matching.length };
}

export function postQueryOf(args: Args, type: PostType, statuses: readonly PostStatus[], window: Window): PostQuery {
  const terms = [...(args.integers('categories') ?? []), ...(args.integers('tags') ?? [])];
  const excludedTerms = [...(args.integers('categories_exclude') ?? []), ...(args.integers('tags_exclude') ?? [])];
  const nonEmpty = <T>(list: readonly T[] | undefined) => (list && list.length > 0 ? list : undefined);
  return {
    type,
    statuses,
    authorIds: nonEmpty(args.integers('author')),
    excludeAuthorIds: nonEmpty(args.integers('author_exclude')),
    termIds: terms.length > 0 ? terms : undefined,
    excludeTermIds: excludedTerms.length > 0 ? excludedTerms : undefined,
    search: args.string('search'),
    include: nonEmpty(args.integers('include')),
    exclude: nonEmpty(args.integers('exclude')),
    slugs: nonEmpty(args.strings('slug')),
    parentIds: nonEmpty(args.integers('parent')),
    after: instantOf(args.string('after')),
    before: instantOf(args.string('before')),
    orderBy: ORDER_BY[args.string('orderby') ?? 'date'] ?? 'date',
    order: args.string('order') === 'asc' ? 'asc' : 'desc',
    limit: window.perPage,
    offset: window.offset,
  };
}
