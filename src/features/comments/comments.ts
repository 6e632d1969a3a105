// Comments: types, statuses, and the pure rule that turns a flat list into a thread of limited depth.
import type { NewJob } from '../../db/outbox.js';
import type { CommentStatus } from '../../db/tables.js';

export type { CommentStatus } from '../../db/tables.js';

export interface Comment {
  readonly id: number;
  readonly postId: number;
  readonly parentId: number | null;
  readonly status: CommentStatus;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly userId: number | null;
  readonly contentHtml: string;
  readonly createdAt: string;
  /** The identity it was posted with (signed in with a provider or a site account); null or absent: none. */
  readonly identityId?: number | null;
  /** That identity's picture, stored on this site (/avatars/…); null or absent: none. */
  readonly authorAvatarUrl?: string | null;
}

/** Every status, in the order the moderation screen shows them. */
export const commentStatuses: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];

export function isCommentStatus(value: string): value is CommentStatus {
  return (commentStatuses as readonly string[]).includes(value);
}

/** A comment as moderators see it: with the title of the post it is on. */
export interface ModerationComment extends Comment {
  readonly postTitle: string;
}

export interface ModerationPage {
  readonly comments: readonly ModerationComment[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export const MODERATION_PAGE_SIZE = 20;

export interface CommentNode {
  readonly comment: Comment;
  readonly depth: number;
  readonly replies: CommentNode[];
}

/**
 * Threads comments (given oldest first) up to `maxDepth` levels. As in WordPress, replies that would
 * go deeper are shown at the deepest level, after their parent. A reply whose parent is not shown
 * (held, spam, deleted) starts a thread of its own rather than vanishing.
 */
export function buildThread(comments: readonly Comment[], maxDepth: number, order: 'oldest' | 'newest'): CommentNode[] {
  // `last`: the end of this comment's run at its level (itself, then the too-deep replies shown after it).
  interface Placed { node: CommentNode; siblings: CommentNode[]; last: CommentNode; flattenedUnder?: Placed }
  const nodes = new Map<number, Placed>();
  const roots: CommentNode[] = [];
  for (const comment of comments) {
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    let list = roots;
    let depth = 1;
    if (parent) {
      const canNest = parent.node.depth < maxDepth;
      list = canNest ? parent.node.replies : parent.siblings;
      depth = canNest ? parent.node.depth + 1 : parent.node.depth;
    }
    const node: CommentNode = { comment, depth, replies: [] };
    if (parent && list === parent.siblings) {
      // Too deep: right after the parent and the replies already shown after it, as WordPress does.
      const end = parent.last;
      list.splice(list.indexOf(end) + 1, 0, node);
      for (let p: Placed | undefined = parent; p && p.last === end; p = p.flattenedUnder) p.last = node;
      nodes.set(comment.id, { node, siblings: list, last: node, flattenedUnder: parent });
    } else {
      list.push(node);
      nodes.set(comment.id, { node, siblings: list, last: node });
    }
  }
  if (order === 'newest') roots.reverse();
  return roots;
}

export function countNodes(nodes: readonly CommentNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.replies), 0);
}

/** Mails the owner and the post's author about one comment: held for moderation, or (if they asked) any new one. */
export const COMMENT_MODERATION_MAIL_JOB = 'comments.mail-moderators';
/** Tells the post's subscribers about an approved comment (fans out one mail job per subscriber). */
export const COMMENT_NOTIFY_JOB = 'comments.notify-subscribers';
/** Removes spam older than SPAM_KEPT_DAYS and forgets IP hashes older than IP_KEPT_DAYS; re-queues itself daily. */
export const COMMENTS_CLEANUP_JOB = 'comments.cleanup';

export const SPAM_KEPT_DAYS = 30;
export const IP_KEPT_DAYS = 30;

export interface CommentJobPayload {
  readonly commentId: number;
}

export function commentJobPayloadOf(payload: unknown): CommentJobPayload | undefined {
  const id = (payload as { commentId?: unknown } | null)?.commentId;
  return Number.isInteger(id) ? { commentId: id as number } : undefined;
}

/** Subscribers hear of a comment once, however often it is approved, unapproved and approved again. */
export function notifySubscribersJob(commentId: number, now: string): NewJob {
  return { kind: COMMENT_NOTIFY_JOB, payload: { commentId }, runAt: now, createdAt: now, dedupeKey: `${COMMENT_NOTIFY_JOB}:${commentId}` };
}

/** The jobs a new comment with this status starts, by the notification settings. No mail to anyone about spam or trash. */
export function commentJobsFor(
  comment: { readonly id: number; readonly status: CommentStatus },
  settings: { readonly commentNotifyAuthor: boolean; readonly commentNotifyModeration: boolean },
  now: string,
): NewJob[] {
  const jobs: NewJob[] = [];
  const mailModerators =
    (comment.status === 'pending' && settings.commentNotifyModeration) || (comment.status === 'approved' && settings.commentNotifyAuthor);
  if (mailModerators) jobs.push({ kind: COMMENT_MODERATION_MAIL_JOB, payload: { commentId: comment.id }, runAt: now, createdAt: now });
  if (comment.status === 'approved') jobs.push(notifySubscribersJob(comment.id, now));
  return jobs;
}
