// Comments as readers post them, the public site reads them and moderators change them.
import { AppError } from '../../kernel/errors.js';
import { renderMarkdown } from '../content/index.js';
import { type Ban, type BanKind, parseIpRange } from './bans.js';
import * as bansRepo from './bans.repo.js';
import { banCommentAuthor } from './ban-author.repo.js';
import { type CleanupReport, cleanupCutoffs, cleanupJob, nextCleanupAt, utcDay } from './cleanup.js';
import * as cleanupRepo from './cleanup.repo.js';
import {
  type Comment, type CommentNode, type CommentStatus, type ModerationComment, type ModerationPage, MODERATION_PAGE_SIZE, buildThread,
  commentStatuses,
  notifySubscribersJob,
} from './comments.js';
import { commentNotFound } from './comments.errors.js';
import { type HeldCommentsQuery, listHeldComments } from './held-comments.repo.js';
import * as repo from './comments.repo.js';
import type { CommentQuerying } from './comment-query.js';
import * as queryRepo from './comment-query.repo.js';
import { type CommentModeration, createCommentModeration } from './moderation.service.js';
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

export interface CommentsService extends CommentModeration, CommentQuerying {
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
  /** How many comments await moderation (one indexed count, for every moderation mail). */
  countPending(): Promise<number>;
  /** Comments held in a stretch of time and still pending, oldest first, and how many there are (the moderators' digest). */
  listHeld(query: HeldCommentsQuery): Promise<{ readonly total: number; readonly comments: readonly ModerationComment[] }>;
  ban(ban: NewBan, by: number | null): Promise<number>;
  liftBan(id: number, by: number | null): Promise<void>;
  activeBans(): Promise<Ban[]>;
  banHistory(limit?: number): Promise<Ban[]>;
  /**
   * Bans the author of a comment, by its e-mail and its IP hash (whichever it still has), and marks the comment
   * spam, in one transaction. COMMENT_NOT_FOUND when there is no such comment; BAN_INVALID when it has neither.
   */
  banAuthor(commentId: number, terms: BanAuthorTerms, by: number | null): Promise<{ readonly banIds: readonly number[] }>;
  /** The daily clean-up: spam older than SPAM_KEPT_DAYS deleted, IP hashes older than IP_KEPT_DAYS forgotten, tomorrow's run queued. */
  cleanUp(): Promise<CleanupReport>;
  /** Queues today's clean-up unless one is queued (or ran) today already; true when it queued one. */
  scheduleCleanup(): Promise<boolean>;
}

export interface BanAuthorTerms {
  readonly reason: string;
  /** ISO UTC; undefined: for ever. */
  readonly expiresAt?: string;
}

export type CommentsDeps = SubmissionDeps;

function banInvalid(message: string, field: 'kind' | 'value' | 'reason' | 'expiresAt' = 'value'): AppError {
  return new AppError({ code: 'BAN_INVALID', kind: 'invalid', message, details: { fields: { [field]: message } } });
}

/** Starts with a calendar day that exists: Date.parse would read 2027-02-30 as March 2nd. */
function isRealDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The reason and end of a ban, checked; `now` is when it is made. The end is stored as ISO UTC, so it compares as text. */
function checkBanTerms(terms: BanAuthorTerms, now: string): { reason: string; expiresAt: string | null } {
  const reason = terms.reason.trim();
  if (reason.length > 500) throw banInvalid('Keep the reason under 500 characters.', 'reason');
  if (terms.expiresAt === undefined) return { reason, expiresAt: null };
  const end = isRealDay(terms.expiresAt) ? Date.parse(terms.expiresAt) : Number.NaN;
  if (Number.isNaN(end)) throw banInvalid('Give the end of the ban as a date and time like 2027-03-14T09:30:00Z.', 'expiresAt');
  const expiresAt = new Date(end).toISOString();
  if (!(expiresAt > now)) throw banInvalid('A ban must end in the future; leave the end empty to ban for ever.', 'expiresAt');
  return { reason, expiresAt };
}

const BAN_KINDS: readonly string[] = ['email', 'ip', 'ip_hash', 'user'] satisfies readonly BanKind[];

function normalizeBanValue(kind: BanKind, value: string): string {
  if (!BAN_KINDS.includes(kind)) throw banInvalid('Ban by e-mail, IP address or range, IP hash, or account.', 'kind');
  // An IP hash is base64url: its case is part of it.
  const trimmed = kind === 'ip_hash' ? value.trim() : value.trim().toLowerCase();
  if (trimmed === '' || trimmed.length > 200) throw banInvalid('Give what to ban: an e-mail address, a domain such as @example.com, or an IP address or range.');
  if (kind === 'ip' && !parseIpRange(trimmed)) throw banInvalid('Give an IP address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/32).');
  if (kind === 'email' && !/^[^\s@]*@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw banInvalid('Give an e-mail address, or @example.com for a whole domain.');
  if (kind === 'ip_hash' && !/^[A-Za-z0-9_-]{43}$/.test(trimmed)) throw banInvalid('Give an IP hash as shown on a comment (43 letters, digits, - and _).');
  if (kind === 'user' && !/^[1-9]\d{0,9}$/.test(trimmed)) throw banInvalid('Give the id of the account to ban.');
  return trimmed;
}

export function createCommentsService(deps: CommentsDeps): CommentsService {
  const { db, events, clock } = deps;
  const submit = createCommentSubmission(deps);
  return {
    ...createCommentModeration(deps),
    async query(q) {
      const [comments, total] = await Promise.all([queryRepo.listComments(db, q), queryRepo.countComments(db, q)]);
      return { comments, total };
    },
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
      const followUp = status === 'approved' ? [notifySubscribersJob(id, now)] : [];
      const postId = await repo.updateCommentStatus(db, id, status, followUp);
      if (postId === undefined) throw commentNotFound();
      // Announced whatever the move: the post's count and thread may have changed, and listeners decide.
      events.publish({ type: 'comment', postId });
      for (const job of followUp) events.publish({ type: 'job', kind: job.kind });
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
    countPending: () => repo.countCommentsWithStatus(db, 'pending'),
    listHeld: (query) => listHeldComments(db, query),
    async countsByStatus() {
      const counts = await repo.countCommentsByStatus(db);
      return Object.fromEntries(commentStatuses.map((s) => [s, counts.get(s) ?? 0])) as Record<CommentStatus, number>;
    },
    async ban(ban, by) {
      const now = clock.now().toISOString();
      const { reason, expiresAt } = checkBanTerms(ban, now);
      const id = await bansRepo.insertBan(db, {
        kind: ban.kind, value: normalizeBanValue(ban.kind, ban.value), reason, createdBy: by, createdAt: now,
        expiresAt, liftedAt: null, liftedBy: null,
      });
      events.publish({ type: 'bans' });
      return id;
    },
    async liftBan(id, by) {
      if (!(await bansRepo.liftBan(db, id, by, clock.now().toISOString()))) {
        throw new AppError({ code: 'BAN_NOT_FOUND', kind: 'not_found', message: 'There is no such ban, or it was lifted already.' });
      }
      events.publish({ type: 'bans' });
    },
    activeBans: () => bansRepo.listActiveBans(db, clock.now().toISOString()),
    banHistory: (limit = 200) => bansRepo.listBanHistory(db, limit),
    async banAuthor(commentId, terms, by) {
      const now = clock.now().toISOString();
      const result = await banCommentAuthor(db, commentId, { ...checkBanTerms(terms, now), createdBy: by, createdAt: now });
      if (result.outcome === 'no-comment') throw commentNotFound();
      if (result.outcome === 'nothing-to-ban') throw banInvalid('This comment has no e-mail address, and its IP address is no longer kept: there is nothing to ban.');
      events.publish({ type: 'bans' });
      events.publish({ type: 'comment', postId: result.postId });
      return { banIds: result.banIds };
    },
    async cleanUp() {
      const now = clock.now();
      const next = nextCleanupAt(now);
      // Tomorrow's run first: if this one fails for good, the daily chain still goes on.
      await cleanupRepo.queueCleanup(db, cleanupJob(next, now));
      const { spamBefore, ipHashBefore } = cleanupCutoffs(now);
      const spam = await cleanupRepo.deleteSpamBefore(db, spamBefore);
      const ipHashesCleared = await cleanupRepo.clearIpHashesBefore(db, ipHashBefore);
      // Removing spam can lift its approved replies a level (and it recounts): pages showing them change.
      for (const postId of spam.postIds) events.publish({ type: 'comment', postId });
      return { spamDeleted: spam.deleted, ipHashesCleared, nextRun: utcDay(next) };
    },
    async scheduleCleanup() {
      const now = clock.now();
      const queued = await cleanupRepo.queueCleanup(db, cleanupJob(now, now));
      if (queued) events.publish({ type: 'job', kind: cleanupJob(now, now).kind });
      return queued;
    },
  };
}
