// Comments as the public site reads them. (The posting pipeline with moderation arrives with "Leave a Reply".)
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import { renderMarkdown } from '../content/index.js';
import { type CommentNode, type CommentStatus, buildThread } from './comments.js';
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
  };
}
