// What moderators do beyond moving one comment: the filtered list, replying as themselves (approved at once),
// editing a comment (its text rendered and sanitized again), and acting on many comments at once.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import type { ChangeBus } from '../../kernel/events.js';
import { renderMarkdown } from '../content/index.js';
import type { User } from '../users/index.js';
import { validateCommentFields } from './comment-rules.js';
import {
  COMMENT_NOTIFY_JOB, type CommentStatus, type ModerationPage, MODERATION_PAGE_SIZE, isCommentStatus, notifySubscribersJob,
} from './comments.js';
import { commentNotFound } from './comments.errors.js';
import { findComment } from './comments.repo.js';
import * as repo from './moderation.repo.js';

interface BulkMove {
  readonly to: CommentStatus | null;
  readonly from?: CommentStatus;
}

/**
 * The bulk actions of the moderation list: the status each moves comments to (null: deleted), and the only status
 * it moves them from when it has one (Not spam acts on spam only, Restore on the trash only).
 */
export const BULK_ACTIONS: Readonly<Record<'approve' | 'unapprove' | 'spam' | 'unspam' | 'trash' | 'restore' | 'delete', BulkMove>> = {
  approve: { to: 'approved' }, unapprove: { to: 'pending', from: 'approved' }, spam: { to: 'spam' }, unspam: { to: 'pending', from: 'spam' },
  trash: { to: 'trash' }, restore: { to: 'pending', from: 'trash' }, delete: { to: null },
};

export type BulkAction = keyof typeof BULK_ACTIONS;

export function isBulkAction(value: string): value is BulkAction {
  return Object.hasOwn(BULK_ACTIONS, value);
}

/** At most this many comments in one bulk action (a page of the list is 20). */
export const BULK_MAX = 200;

export interface ModerationQuery extends repo.ModerationFilter {
  readonly page: number;
}

export interface CommentEditInput {
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly source: string;
  readonly status: string;
}

export interface CommentModeration {
  /** One page of comments with the status, matching the words and on the post when given, newest first. */
  listFiltered(query: ModerationQuery): Promise<ModerationPage>;
  /** The text of a comment as written (what the edit form shows); COMMENT_NOT_FOUND when there is none. */
  sourceOf(id: number): Promise<string>;
  /**
   * A reply by `staff` under comment `parentId`, approved at once (a held parent is approved with it). COMMENT_NOT_FOUND,
   * COMMENT_REPLY_INVALID (a parent in spam or trash), COMMENT_FIELDS_INVALID / COMMENT_TOO_LONG for the text. Its id.
   */
  reply(parentId: number, source: string, staff: User): Promise<number>;
  /** New author fields, text and status (COMMENT_FIELDS_INVALID, COMMENT_TOO_LONG, COMMENT_NOT_FOUND). */
  edit(id: number, input: CommentEditInput): Promise<void>;
  /** Applies `action` to these comments; how many changed (those already there, or gone, do not count). */
  bulk(ids: readonly number[], action: BulkAction): Promise<number>;
}

function replyInvalid(): AppError {
  return new AppError({
    code: 'COMMENT_REPLY_INVALID', kind: 'invalid', message: 'This comment is in the spam or the trash: restore it before replying to it.',
    details: { fields: { source: 'Restore the comment before replying to it.' } },
  });
}

function statusInvalid(): AppError {
  const message = 'Choose a status: pending, approved, spam or trash.';
  return new AppError({ code: 'COMMENT_FIELDS_INVALID', kind: 'invalid', message, details: { fields: { status: message } } });
}

export function createCommentModeration(deps: { readonly db: Db; readonly clock: Clock; readonly events: ChangeBus }): CommentModeration {
  const { db, clock, events } = deps;

  function announce(postIds: readonly number[], jobs: number): void {
    for (const postId of postIds) events.publish({ type: 'comment', postId });
    if (jobs > 0) events.publish({ type: 'job', kind: COMMENT_NOTIFY_JOB });
  }

  return {
    async listFiltered(query) {
      const [comments, total] = await Promise.all([
        repo.listModeration(db, query, MODERATION_PAGE_SIZE, (query.page - 1) * MODERATION_PAGE_SIZE),
        repo.countModeration(db, query),
      ]);
      return { comments, total, page: query.page, pages: Math.max(1, Math.ceil(total / MODERATION_PAGE_SIZE)) };
    },

    async sourceOf(id) {
      const source = await repo.findSource(db, id);
      if (source === undefined) throw commentNotFound();
      return source;
    },

    async reply(parentId, source, staff) {
      const parent = await findComment(db, parentId);
      if (!parent) throw commentNotFound();
      if (parent.status !== 'pending' && parent.status !== 'approved') throw replyInvalid();
      const valid = validateCommentFields({ source }, { requireNameEmail: false, author: { displayName: staff.displayName, email: staff.email, url: '' } });
      const now = clock.now().toISOString();
      const id = await repo.insertReply(
        db,
        {
          postId: parent.postId, parentId, status: 'approved', authorName: valid.authorName, authorEmail: valid.authorEmail, authorUrl: '',
          userId: staff.id, identityId: null, ipHash: null, userAgent: '', source: valid.source,
          contentHtml: renderMarkdown(valid.source, 'comment'), createdAt: now,
        },
        (newId) => [notifySubscribersJob(newId, now), ...(parent.status === 'pending' ? [notifySubscribersJob(parentId, now)] : [])],
      );
      announce([parent.postId], 1);
      return id;
    },

    async edit(id, input) {
      if (!isCommentStatus(input.status)) throw statusInvalid();
      const before = await findComment(db, id);
      if (!before) throw commentNotFound();
      const valid = validateCommentFields(input, { requireNameEmail: false });
      const now = clock.now().toISOString();
      const followUp = input.status === 'approved' && before.status !== 'approved' ? [notifySubscribersJob(id, now)] : [];
      const postId = await repo.updateComment(db, id, {
        authorName: valid.authorName, authorEmail: valid.authorEmail, authorUrl: valid.authorUrl, source: valid.source,
        contentHtml: renderMarkdown(valid.source, 'comment'), status: input.status,
      }, followUp);
      if (postId === undefined) throw commentNotFound();
      announce([postId], followUp.length);
    },

    async bulk(ids, action) {
      const { to: status, from } = BULK_ACTIONS[action];
      const now = clock.now().toISOString();
      const followUp = (id: number) => (status === 'approved' ? [notifySubscribersJob(id, now)] : []);
      const { changedIds, postIds } = await repo.changeMany(db, [...new Set(ids)].slice(0, BULK_MAX), { to: status, from }, followUp);
      announce(postIds, status === 'approved' ? changedIds.length : 0);
      return changedIds.length;
    },
  };
}
