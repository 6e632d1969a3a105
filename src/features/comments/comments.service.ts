// Comments as the public site reads them and moderators change them. (The posting pipeline arrives with "Leave a Reply".)
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import { renderMarkdown } from '../content/index.js';
import {
  type CommentNode, type CommentStatus, type ModerationPage, MODERATION_PAGE_SIZE, buildThread, commentStatuses,
} from './comments.js';
import { commentNotFound } from './comments.errors.js';
import * as repo from './comments.repo.js';

export interface ImportedComment {
  readonly postId: number;
  readonly parentId: number | null;
  readonly status: CommentStatus;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl?: string;
  readonly userId?: number | null;
  readonly source: string;
  readonly createdAt: string;
}

export interface CommentsService {
  threadOf(postId: number, maxDepth: number, order: 'oldest' | 'newest'): Promise<CommentNode[]>;
  /** Stores a comment as given, without moderation: for the demo seed and imports. */
  insertTrusted(comment: ImportedComment): Promise<number>;
  /** Moves a comment to `status`, keeping its post's comment count right; COMMENT_NOT_FOUND when there is none. */
  setStatus(id: number, status: CommentStatus): Promise<void>;
  /** Deletes a comment for good (its replies stay, as threads of their own); COMMENT_NOT_FOUND when there is none. */
  deletePermanently(id: number): Promise<void>;
  /** One page of the comments with `status`, newest first. */
  listForModeration(query: { readonly status: CommentStatus; readonly page: number }): Promise<ModerationPage>;
  countsByStatus(): Promise<Readonly<Record<CommentStatus, number>>>;
}

export function createCommentsService(deps: { readonly db: Db; readonly clock: Clock; readonly events: ChangeBus }): CommentsService {
  const { db, events } = deps;
  return {
    async threadOf(postId, maxDepth, order) {
      return buildThread(await repo.listApprovedComments(db, postId), maxDepth, order);
    },
    async insertTrusted(comment) {
      const id = await repo.insertComment(db, {
        postId: comment.postId,
        parentId: comment.parentId,
        status: comment.status,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl ?? '',
        userId: comment.userId ?? null,
        identityId: null,
        ipHash: null,
        userAgent: '',
        source: comment.source,
        contentHtml: renderMarkdown(comment.source, 'comment'),
        createdAt: comment.createdAt,
      });
      if (comment.status === 'approved') events.publish({ type: 'comment', postId: comment.postId });
      return id;
    },
    async setStatus(id, status) {
      const postId = await repo.updateCommentStatus(db, id, status);
      if (postId === undefined) throw commentNotFound();
      // Announced whatever the move: the post's count and thread may have changed, and listeners decide.
      events.publish({ type: 'comment', postId });
    },
    async deletePermanently(id) {
      const postId = await repo.deleteComment(db, id);
      if (postId === undefined) throw commentNotFound();
      events.publish({ type: 'comment', postId });
    },
    async listForModeration({ status, page }) {
      const [counts, comments] = await Promise.all([
        repo.countCommentsByStatus(db),
        repo.listCommentsByStatus(db, status, MODERATION_PAGE_SIZE, (page - 1) * MODERATION_PAGE_SIZE),
      ]);
      const total = counts.get(status) ?? 0;
      return { comments, total, page, pages: Math.max(1, Math.ceil(total / MODERATION_PAGE_SIZE)) };
    },
    async countsByStatus() {
      const counts = await repo.countCommentsByStatus(db);
      return Object.fromEntries(commentStatuses.map((s) => [s, counts.get(s) ?? 0])) as Record<CommentStatus, number>;
    },
  };
}
