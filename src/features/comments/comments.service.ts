// Comments as readers post them, the public site reads them and moderators change them.
import { AppError } from '../../kernel/errors.js';
import { renderMarkdown } from '../content/index.js';
import { type Ban, type BanKind, parseIpRange } from './bans.js';
import * as bansRepo from './bans.repo.js';
import {
  type Comment, type CommentNode, type CommentStatus, type ModerationPage, MODERATION_PAGE_SIZE, buildThread, commentStatuses,
  notifySubscribersJob,
} from './comments.js';
import { commentNotFound } from './comments.errors.js';
import * as repo from './comments.repo.js';
import { type CommentSubmission, type SubmissionContext, type SubmissionDeps, type SubmittedComment, createCommentSubmission } from './submission.service.js';
import * as submissionRepo from './submission.repo.js';

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

export interface NewBan {
  readonly kind: BanKind;
  readonly value: string;
  readonly reason: string;
  /** ISO UTC; undefined: for ever. */
  readonly expiresAt?: string;
}

export interface CommentsService {
  /**
   * The approved thread of a post; `pendingIds` (the reader's own comments awaiting moderation, from their
   * signed cookie) are woven in where they belong.
   */
  threadOf(postId: number, maxDepth: number, order: 'oldest' | 'newest', pendingIds?: readonly number[]): Promise<CommentNode[]>;
  find(id: number): Promise<Comment | undefined>;
  /** Runs every check of the discussion settings and stores the comment; throws the refusal otherwise. */
  submit(input: CommentSubmission, context: SubmissionContext): Promise<SubmittedComment>;
  /** Stores a comment as given, without moderation: for the demo seed and imports. */
  insertTrusted(comment: ImportedComment): Promise<number>;
  /** Moves a comment to `status`, keeping its post's comment count right; COMMENT_NOT_FOUND when there is none. */
  setStatus(id: number, status: CommentStatus): Promise<void>;
  /** Deletes a comment for good (its replies stay, as threads of their own); COMMENT_NOT_FOUND when there is none. */
  deletePermanently(id: number): Promise<void>;
  /** One page of the comments with `status`, newest first. */
  listForModeration(query: { readonly status: CommentStatus; readonly page: number }): Promise<ModerationPage>;
  countsByStatus(): Promise<Readonly<Record<CommentStatus, number>>>;
  ban(ban: NewBan, by: number | null): Promise<number>;
  liftBan(id: number, by: number | null): Promise<void>;
  activeBans(): Promise<Ban[]>;
  banHistory(limit?: number): Promise<Ban[]>;
}

export type CommentsDeps = SubmissionDeps;

function banInvalid(message: string): AppError {
  return new AppError({ code: 'BAN_INVALID', kind: 'invalid', message, details: { fields: { value: message } } });
}

function normalizeBanValue(kind: BanKind, value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === '' || trimmed.length > 200) throw banInvalid('Give what to ban: an e-mail address, a domain such as @example.com, or an IP address or range.');
  if (kind === 'ip' && !parseIpRange(trimmed)) throw banInvalid('Give an IP address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/32).');
  if (kind === 'email' && !/^[^\s@]*@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw banInvalid('Give an e-mail address, or @example.com for a whole domain.');
  if (kind === 'user' && !/^[1-9]\d{0,9}$/.test(trimmed)) throw banInvalid('Give the id of the account to ban.');
  return trimmed;
}

export function createCommentsService(deps: CommentsDeps): CommentsService {
  const { db, events, clock } = deps;
  const submit = createCommentSubmission(deps);
  return {
    async threadOf(postId, maxDepth, order, pendingIds = []) {
      return buildThread(await repo.listApprovedComments(db, postId, pendingIds), maxDepth, order);
    },
    find: (id) => repo.findComment(db, id),
    submit,
    async insertTrusted(comment) {
      const id = await submissionRepo.insertCommentWithJobs(
        db,
        {
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
        },
        () => [],
      );
      if (comment.status === 'approved') events.publish({ type: 'comment', postId: comment.postId });
      return id;
    },
    async setStatus(id, status) {
      const now = clock.now().toISOString();
      const postId = await repo.updateCommentStatus(db, id, status, status === 'approved' ? [notifySubscribersJob(id, now)] : []);
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
    async ban(ban, by) {
      const reason = ban.reason.trim();
      if (reason.length > 500) throw banInvalid('Keep the reason under 500 characters.');
      const now = clock.now().toISOString();
      if (ban.expiresAt !== undefined && !(ban.expiresAt > now)) throw banInvalid('A ban must end in the future; leave the end empty to ban for ever.');
      return bansRepo.insertBan(db, {
        kind: ban.kind, value: normalizeBanValue(ban.kind, ban.value), reason, createdBy: by, createdAt: now,
        expiresAt: ban.expiresAt ?? null, liftedAt: null, liftedBy: null,
      });
    },
    async liftBan(id, by) {
      if (!(await bansRepo.liftBan(db, id, by, clock.now().toISOString()))) {
        throw new AppError({ code: 'BAN_NOT_FOUND', kind: 'not_found', message: 'There is no such ban, or it was lifted already.' });
      }
    },
    activeBans: () => bansRepo.listActiveBans(db, clock.now().toISOString()),
    banHistory: (limit = 200) => bansRepo.listBanHistory(db, limit),
  };
}
