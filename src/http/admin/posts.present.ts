// The lists of posts and pages: reading the list's address (status, filters, search, order, page) and turning
// posts into rows with the actions the posts policy allows this person.
import {
  type PostCard, type PostQuery, type PostStatus, type PostType, canDeletePost, canEditPost, canPublishPost,
} from '../../features/posts/index.js';
import type { Term } from '../../features/taxonomy/index.js';
import { type User, can } from '../../features/users/index.js';
import type { PostRowVM, StatusLinkVM } from '../../../themes/default/index.js';
import { EDITOR_PATHS } from './editor.page.js';
import { textOf } from './editor.present.js';
import { ADMIN_PATHS, formatWhen } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

export const PER_PAGE = 20;
const LIVE: readonly PostStatus[] = ['published', 'scheduled', 'draft', 'pending', 'private'];

export interface ListQuery {
  readonly type: PostType;
  readonly status: PostStatus | 'all';
  readonly cat: string;
  readonly tag: string;
  readonly author: string;
  readonly m: string;
  readonly s: string;
  readonly orderby: 'date' | 'title' | 'author';
  readonly order: 'asc' | 'desc';
  readonly paged: number;
}

export const listPath = (type: PostType): string => (type === 'page' ? ADMIN_PATHS.pages : ADMIN_PATHS.posts);

const digits = (text: string, max: number) => (new RegExp(`^\\d{1,${max}}$`).test(text) ? text : '');

/** The list's address as typed; anything unreadable is dropped (a filter that cannot match is no filter). */
export function readListQuery(type: PostType, query: Fields): ListQuery {
  const status = textOf(query.post_status);
  const orderby = textOf(query.orderby);
  const paged = Number(digits(textOf(query.paged), 6) || '1');
  return {
    type,
    status: (LIVE as readonly string[]).includes(status) || status === 'trash' ? (status as PostStatus) : 'all',
    cat: type === 'post' ? digits(textOf(query.cat), 9) : '',
    tag: type === 'post' ? textOf(query.tag).slice(0, 200) : '',
    author: digits(textOf(query.author), 9),
    m: /^\d{4}(0[1-9]|1[0-2])$/.test(textOf(query.m)) ? textOf(query.m) : '',
    s: textOf(query.s).trim().slice(0, 200),
    orderby: orderby === 'title' || orderby === 'author' ? orderby : 'date',
    order: textOf(query.order) === 'asc' ? 'asc' : 'desc',
    paged: Math.max(1, paged),
  };
}

/** The list's own address with some parts changed; defaults are left out. */
export function listHref(q: ListQuery, changes: Partial<ListQuery> = {}, extra: Readonly<Record<string, string>> = {}): string {
  const all = { ...q, ...changes };
  const params = new URLSearchParams();
  if (all.status !== 'all') params.set('post_status', all.status);
  for (const key of ['cat', 'tag', 'author', 'm', 's'] as const) if (all[key]) params.set(key, all[key]);
  if (all.orderby !== 'date') params.set('orderby', all.orderby);
  if (all.order !== 'desc') params.set('order', all.order);
  if (all.paged > 1) params.set('paged', String(all.paged));
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `${listPath(q.type)}?${text}` : listPath(q.type);
}

/**
 * The statuses `user` may list for the status link: everyone sees every post, as WordPress; private posts
 * only with read_private_posts (others' private posts are no one else's business).
 */
export function statusesFor(user: User, status: ListQuery['status']): readonly PostStatus[] {
  const all = can(user.role, 'read_private_posts') ? LIVE : LIVE.filter((s) => s !== 'private');
  if (status === 'all') return all;
  return status === 'private' && !can(user.role, 'read_private_posts') ? [] : [status];
}

const STATUS_TABS: readonly { readonly status: ListQuery['status']; readonly label: string }[] = [
  { status: 'all', label: 'All' }, { status: 'published', label: 'Published' }, { status: 'scheduled', label: 'Scheduled' },
  { status: 'draft', label: 'Drafts' }, { status: 'pending', label: 'Pending' }, { status: 'private', label: 'Private' },
  { status: 'trash', label: 'Trash' },
];

export function statusLinks(q: ListQuery, counts: ReadonlyMap<string, number>, user: User): StatusLinkVM[] {
  const countOf = (status: ListQuery['status']) =>
    status === 'all' ? statusesFor(user, 'all').reduce((sum, s) => sum + (counts.get(s) ?? 0), 0) : counts.get(status) ?? 0;
  return STATUS_TABS
    .filter((t) => t.status === 'all' || t.status === q.status || countOf(t.status) > 0)
    .filter((t) => t.status !== 'private' || can(user.role, 'read_private_posts'))
    .map((t) => ({ href: listHref(q, { status: t.status, paged: 1 }), label: t.label, count: countOf(t.status), current: t.status === q.status }));
}

/** The query the list runs: filters resolved to ids by the caller (category with its children, tag by slug). */
export function postQueryOf(q: ListQuery, user: User, termIds: readonly number[] | undefined): PostQuery {
  return {
    type: q.type,
    statuses: q.status === 'trash' ? ['trash'] : statusesFor(user, q.status),
    ...(q.author ? { authorIds: [Number(q.author)] } : {}),
    ...(termIds ? { termIds } : {}),
    ...(q.m ? { localDatePrefix: `${q.m.slice(0, 4)}-${q.m.slice(4)}` } : {}),
    ...(q.s ? { search: q.s } : {}),
    orderBy: q.orderby,
    order: q.order,
    limit: PER_PAGE,
    offset: (q.paged - 1) * PER_PAGE,
  };
}

const STATUS_NOTES: Partial<Record<PostStatus, string>> = { draft: 'Draft', pending: 'Pending', scheduled: 'Scheduled', private: 'Private' };

function rowActions(post: PostCard, user: User, back: string): PostRowVM['actions'] {
  const base = `${ADMIN_PATHS.posts}/${post.id}`;
  const actions: PostRowVM['actions'][number][] = [];
  if (post.status !== 'trash' && canEditPost(user, post)) {
    actions.push({ label: 'Edit', href: EDITOR_PATHS.edit(post.id), post: false }, { label: 'Quick Edit', href: `${base}/quick-edit?${new URLSearchParams({ return: back }).toString()}`, post: false });
  }
  if (canDeletePost(user, post)) {
    if (post.status === 'trash') {
      actions.push({ label: 'Restore', href: `${base}/restore`, post: true }, { label: 'Delete Permanently', href: `${base}/delete`, post: true, destructive: true });
    } else {
      actions.push({ label: 'Trash', href: `${base}/trash`, post: true, destructive: true });
    }
  }
  if (post.status === 'published') actions.push({ label: 'View', href: `/?p=${post.id}`, post: false });
  else if (post.status !== 'trash' && canEditPost(user, post)) actions.push({ label: 'Preview', href: `${EDITOR_PATHS.edit(post.id)}?preview=1`, post: false });
  return actions;
}

export interface RowContext {
  readonly user: User;
  readonly authors: ReadonlyMap<number, User>;
  readonly terms: ReadonlyMap<number, readonly Term[]>;
  readonly language: string;
  readonly timeZone: string;
  readonly query: ListQuery;
}

export function presentRow(post: PostCard, ctx: RowContext): PostRowVM {
  const terms = ctx.terms.get(post.id) ?? [];
  const termLinks = (taxonomy: Term['taxonomy']) => terms.filter((t) => t.taxonomy === taxonomy).map((t) => ({
    label: t.name, href: listHref(ctx.query, taxonomy === 'category' ? { cat: String(t.id), paged: 1 } : { tag: t.slug, paged: 1 }),
  }));
  const dated = post.publishedAt ?? post.updatedAt;
  const dateLabel = post.status === 'published' ? 'Published' : post.status === 'scheduled' ? 'Scheduled' : 'Last Modified';
  return {
    id: post.id,
    title: post.title || '(no title)',
    editHref: post.status !== 'trash' && canEditPost(ctx.user, post) ? EDITOR_PATHS.edit(post.id) : null,
    selectable: canEditPost(ctx.user, post) || canDeletePost(ctx.user, post),
    statusNote: STATUS_NOTES[post.status] ?? null,
    author: { label: ctx.authors.get(post.authorId)?.displayName ?? '—', href: listHref(ctx.query, { author: String(post.authorId), paged: 1 }) },
    categories: ctx.query.type === 'post' ? termLinks('category') : null,
    tags: ctx.query.type === 'post' ? termLinks('post_tag') : null,
    dateLabel,
    dateIso: dated,
    dateText: formatWhen(post.status === 'published' || post.status === 'scheduled' ? dated : post.updatedAt, ctx.language, ctx.timeZone),
    actions: rowActions(post, ctx.user, listHref(ctx.query)),
  };
}

/** The columns; Title, Author and Date sort (a second click turns the order), as WordPress. */
export function listColumns(q: ListQuery): { label: string; href: string | null; sort: 'ascending' | 'descending' | null }[] {
  const sortable = (label: string, key: ListQuery['orderby']) => {
    const current = q.orderby === key;
    const order = current ? (q.order === 'asc' ? 'desc' : 'asc') : key === 'date' ? 'desc' : 'asc';
    return { label, href: listHref(q, { orderby: key, order, paged: 1 }), sort: current ? (q.order === 'asc' ? ('ascending' as const) : ('descending' as const)) : null };
  };
  const terms = q.type === 'post' ? [{ label: 'Categories', href: null, sort: null }, { label: 'Tags', href: null, sort: null }] : [];
  return [sortable('Title', 'title'), sortable('Author', 'author'), ...terms, sortable('Date', 'date')];
}

/** The bulk actions offered: those this person may do to at least their own items. */
export function bulkOptions(type: PostType, user: User, status: ListQuery['status']): { value: string; label: string }[] {
  if (status === 'trash') return [{ value: 'restore', label: 'Restore' }, { value: 'delete', label: 'Delete Permanently' }];
  return [
    ...(canPublishPost(user, type) ? [{ value: 'publish', label: 'Publish' }] : []),
    { value: 'trash', label: 'Move to Trash' },
    ...(type === 'post' ? [{ value: 'add-category', label: 'Add to category' }] : []),
  ];
}
