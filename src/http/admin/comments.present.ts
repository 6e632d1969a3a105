// The Comments screen's view: which list is shown (status, page, search, post) read from the address or the form,
// the addresses that keep it, and each comment as a moderation item with its buttons, Reply form and Edit link.
import { excerptOf, htmlToText } from '../../features/content/index.js';
import { type CommentStatus, type ModerationComment, type ModerationPage, isCommentStatus } from '../../features/comments/index.js';
import { AppError } from '../../kernel/errors.js';
import type { ModerationItemVM, OptionVM } from '../../../themes/default/index.js';
import type { ModerationActionVM, ModerationTabVM, PaginationVM } from '../../../themes/view-models.js';
import { BAN_DURATION_OPTIONS } from './ban-terms.js';
import { ADMIN_PATHS, formatWhen } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

/** The list on screen: what every action sends back, so the moderator returns to it. */
export interface ModerationView {
  readonly status: CommentStatus;
  readonly page: number;
  readonly search: string;
  readonly postId: number | undefined;
}

const PAGE = /^[1-9]\d{0,5}$/;
const ID = /^[1-9]\d{0,9}$/;
// Ids are 32-bit integers on PostgreSQL: a larger number would fail in the database rather than find nothing.
const MAX_ID = 2_147_483_647;
const SEARCH_MAX = 200;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && Number(value) <= MAX_ID;
}

export function noSuchList(): AppError {
  return new AppError({ code: 'PAGE_NOT_FOUND', kind: 'not_found', message: 'There is no such list of comments.' });
}

const orDefault = (value: unknown, fallback: string) => (value === undefined || value === '' ? fallback : value);

/** ?status= ?paged= ?s= ?post= (or the form's view, paged, s, post): pending page 1 when absent, 404 when nonsense. */
export function viewOf(status: unknown, paged: unknown, search: unknown, post: unknown): ModerationView {
  const s = orDefault(status, 'pending');
  const p = orDefault(paged, '1');
  const words = orDefault(search, '');
  const postId = orDefault(post, '');
  if (typeof s !== 'string' || !isCommentStatus(s) || typeof p !== 'string' || !PAGE.test(p)) throw noSuchList();
  if (typeof words !== 'string' || words.length > SEARCH_MAX || (postId !== '' && !isId(postId))) throw noSuchList();
  return { status: s, page: Number(p), search: words.trim(), postId: postId === '' ? undefined : Number(postId) };
}

/** The list to go back to after an action; a tampered view falls back to the pending list. */
export function returnView(body: Fields): ModerationView {
  try {
    return viewOf(body.view, body.paged, body.s, body.post);
  } catch {
    return { status: 'pending', page: 1, search: '', postId: undefined };
  }
}

/** The list's own address: page 1 of all pending comments is plain /admin/comments. */
export function moderationHref(view: Partial<ModerationView> & Pick<ModerationView, 'status'>, done?: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams();
  if (view.status !== 'pending') query.set('status', view.status);
  if (view.search) query.set('s', view.search);
  if (view.postId !== undefined) query.set('post', String(view.postId));
  if (view.page !== undefined && view.page > 1) query.set('paged', String(view.page));
  for (const [name, value] of Object.entries(done ?? {})) query.set(name, value);
  const text = query.toString();
  return text ? `${ADMIN_PATHS.comments}?${text}` : ADMIN_PATHS.comments;
}

/** What every form on the screen sends back: the list as it is. */
export function hiddenViewFields(view: ModerationView): { name: string; value: string }[] {
  return [
    { name: 'view', value: view.status }, { name: 'paged', value: String(view.page) }, { name: 's', value: view.search },
    { name: 'post', value: view.postId === undefined ? '' : String(view.postId) },
  ];
}

const TAB_LABELS: Readonly<Record<CommentStatus, string>> = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' };

export function presentTabs(counts: Readonly<Record<CommentStatus, number>>, current: CommentStatus): ModerationTabVM[] {
  return (Object.keys(TAB_LABELS) as CommentStatus[]).map((status) => ({
    href: moderationHref({ status }), label: TAB_LABELS[status], count: counts[status], current: status === current,
  }));
}

/** The bulk actions that make sense in the list of `status`. */
export function bulkOptions(status: CommentStatus): OptionVM[] {
  const options: OptionVM[] = [];
  if (status !== 'approved') options.push({ value: 'approve', label: 'Approve' });
  if (status === 'approved') options.push({ value: 'unapprove', label: 'Unapprove' });
  if (status === 'spam') options.push({ value: 'unspam', label: 'Not spam' });
  else options.push({ value: 'spam', label: 'Mark as spam' });
  if (status === 'trash') options.push({ value: 'restore', label: 'Restore' });
  else options.push({ value: 'trash', label: 'Move to trash' });
  options.push({ value: 'delete', label: 'Delete permanently' });
  return options;
}

/** The moves offered for a comment: every other status, deletion, and a ban of its author. */
function actionsFor(comment: Pick<ModerationComment, 'id' | 'status'>): ModerationActionVM[] {
  const base = `${ADMIN_PATHS.comments}/${comment.id}`;
  const actions: ModerationActionVM[] = [];
  if (comment.status !== 'approved') actions.push({ href: `${base}/approve`, label: 'Approve', destructive: false });
  if (comment.status !== 'pending') {
    const label = comment.status === 'approved' ? 'Unapprove' : comment.status === 'spam' ? 'Not spam' : 'Restore';
    actions.push({ href: `${base}/unapprove`, label, destructive: false });
  }
  if (comment.status !== 'spam') actions.push({ href: `${base}/spam`, label: 'Spam', destructive: false });
  if (comment.status !== 'trash') actions.push({ href: `${base}/trash`, label: 'Trash', destructive: false });
  actions.push({ href: `${base}/delete`, label: 'Delete permanently', destructive: true });
  actions.push({ href: `${base}/ban`, label: 'Ban', destructive: true, ban: { durations: BAN_DURATION_OPTIONS } });
  return actions;
}

export interface ItemContext {
  readonly language: string;
  readonly timeZone: string;
  /** A refused reply to show open in its comment's form. */
  readonly reply?: { readonly commentId: number; readonly value: string; readonly error: string };
}

export function presentModerationItem(comment: ModerationComment, ctx: ItemContext): ModerationItemVM {
  const base = `${ADMIN_PATHS.comments}/${comment.id}`;
  const canReply = comment.status === 'pending' || comment.status === 'approved';
  return {
    id: comment.id,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    // /?p=ID answers with a redirect to the permalink, whatever kind of post or page it is.
    post: { href: `/?p=${comment.postId}`, label: comment.postTitle || '(no title)' },
    postFilterHref: moderationHref({ status: comment.status, postId: comment.postId }),
    dateIso: comment.createdAt,
    dateText: formatWhen(comment.createdAt, ctx.language, ctx.timeZone),
    excerpt: excerptOf(htmlToText(comment.contentHtml), 40),
    actions: actionsFor(comment),
    editHref: `${base}/edit`,
    replyAction: canReply ? `${base}/reply` : null,
    ...(ctx.reply?.commentId === comment.id ? { reply: { value: ctx.reply.value, error: ctx.reply.error } } : {}),
  };
}

export function presentPagination(view: ModerationView, list: ModerationPage): PaginationVM {
  return {
    page: list.page,
    pages: list.pages,
    newerHref: list.page > 1 ? moderationHref({ ...view, page: list.page - 1 }) : null,
    olderHref: list.page < list.pages ? moderationHref({ ...view, page: list.page + 1 }) : null,
  };
}
