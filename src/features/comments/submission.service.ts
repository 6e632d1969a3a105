// Posting a comment: every check of the discussion settings, in the order WordPress users know, then one
// transaction that stores the comment with the jobs that follow it (mail to moderators, notifications).
import type { Db } from '../../db/database.js';
import type { NewJob } from '../../db/outbox.js';
import type { Clock } from '../../kernel/clock.js';
import type { CounterStore } from '../../kernel/counters.js';
import type { ChangeBus } from '../../kernel/events.js';
import { hmac } from '../../kernel/ids.js';
import { memoUntilChange } from '../../kernel/memo.js';
import { renderMarkdown } from '../content/index.js';
import type { Post, PostsService } from '../posts/index.js';
import type { SettingsService, SiteSettings } from '../settings/index.js';
import type { User } from '../users/index.js';
import { can } from '../users/index.js';
import { type Ban, findMatchingBan } from './bans.js';
import { listActiveBans } from './bans.repo.js';
import { type RawCommentFields, type ValidCommentFields, decideCommentStatus, validateCommentFields } from './comment-rules.js';
import { type CommenterIdentity, isVerifiedCommenter, signedInAuthorOf } from './commenter.js';
import { type Comment, type CommentStatus, commentJobsFor } from './comments.js';
import {
  commentDuplicate, commentFlood, commentLooksAutomated, commentParentInvalid, commentPostNotFound, commentRateLimited,
  commentSignInRequired, commentTooFast, commenterBanned, commentsClosed,
} from './comments.errors.js';
import { scoreSpam } from './spam-score.js';
import * as repo from './submission.repo.js';

export interface CommentSubmission extends RawCommentFields {
  readonly postId: number;
  readonly parentId: number | null;
  /** The honeypot field: people never see it, so anything in it was typed by a program. */
  readonly honeypot?: unknown;
  /** When the form was served (ms), from its signed stamp; undefined when the stamp was missing or forged. */
  readonly formServedAt: number | undefined;
  /**
   * What a missing stamp means when a minimum writing time is set: 'refuse' (the form: COMMENT_TOO_FAST) or 'hold'
   * (the REST API, whose WordPress clients know no stamp: the comment waits for a moderator instead). A stamp that
   * is present and too young is refused either way.
   */
  readonly missingStamp?: 'refuse' | 'hold';
}

export interface SubmissionContext {
  readonly ip: string;
  readonly userAgent: string;
  /** The signed-in account, when there is one: it is the author. */
  readonly user?: User;
  /** With `user`: the identity they signed in with (recorded on the comment; its name and verified e-mail are shown). */
  readonly identity?: CommenterIdentity;
  /**
   * The post of `input.postId` as the caller read it a moment ago (the form's route reads it to render): spares
   * a second read. Only a post with that id is used, and its status, type and open comments are checked here all
   * the same.
   */
  readonly post?: Post;
}

export interface SubmittedComment {
  readonly id: number;
  readonly postId: number;
  readonly parentId: number | null;
  readonly status: CommentStatus;
  readonly fields: ValidCommentFields;
  /**
   * The comment as stored, for the answer to render without reading it back; absent when it was posted with an
   * identity (its picture lives in another table: read it with find).
   */
  readonly comment?: Comment;
}

/** Subscriptions asked for in the form; the subscriptions feature sends the confirmation mail. */
export interface SubscriptionRequests {
  request(input: { readonly email: string; readonly kind: 'comments' | 'replies' | 'posts'; readonly postId: number }): Promise<void>;
}

export interface SubmissionDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly events: ChangeBus;
  readonly settings: SettingsService;
  readonly posts: Pick<PostsService, 'findById'>;
  readonly counters: CounterStore;
  /** Salt of the IP hashes: the site's secret, so stored hashes cannot be reversed by trying every address. */
  readonly ipSalt: string;
  readonly subscriptions?: SubscriptionRequests;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

export function hashIp(salt: string, ip: string): string {
  return hmac(salt, `ip:${ip}`);
}

/** Comments stay open until `commentCloseAfterDays` after publication (0: for ever), as WordPress's close_comments_for_old_posts. */
export function areCommentsOpen(post: { readonly commentStatus: string; readonly publishedAt: string | null }, settings: SiteSettings, now: Date): boolean {
  if (post.commentStatus !== 'open') return false;
  if (settings.commentCloseAfterDays === 0 || !post.publishedAt) return true;
  return now.getTime() - Date.parse(post.publishedAt) < settings.commentCloseAfterDays * DAY;
}

export function createCommentSubmission(deps: SubmissionDeps): (input: CommentSubmission, context: SubmissionContext) => Promise<SubmittedComment> {
  const { db, clock } = deps;

  async function checkTarget(input: CommentSubmission, known: Post | undefined, settings: SiteSettings, now: Date) {
    const post = known?.id === input.postId ? known : await deps.posts.findById(input.postId);
    if (!post || post.status !== 'published' || post.type !== 'post') throw commentPostNotFound();
    if (!areCommentsOpen(post, settings, now)) throw commentsClosed();
    if (input.parentId !== null) {
      const parent = await repo.findReplyTarget(db, input.parentId);
      if (!parent || parent.postId !== post.id || parent.status !== 'approved') throw commentParentInvalid();
    }
    return post;
  }

  function checkHuman(input: CommentSubmission, settings: SiteSettings, now: Date): number | undefined {
    if (typeof input.honeypot === 'string' && input.honeypot.trim() !== '') throw commentLooksAutomated();
    // A stamp that is not a number counts as missing: NaN would pass every comparison below.
    const servedAt = Number.isFinite(input.formServedAt) ? input.formServedAt : undefined;
    if (settings.commentMinFillSeconds === 0) return servedAt === undefined ? undefined : (now.getTime() - servedAt) / 1000;
    if (servedAt === undefined) {
      if (input.missingStamp === 'hold') return undefined;
      throw commentTooFast(settings.commentMinFillSeconds);
    }
    const seconds = (now.getTime() - servedAt) / 1000;
    if (seconds < settings.commentMinFillSeconds) throw commentTooFast(Math.ceil(settings.commentMinFillSeconds - seconds));
    return seconds;
  }

  async function checkRates(ipHash: string, settings: SiteSettings) {
    const [site, ip] = await Promise.all([
      deps.counters.hit('comments:site', MINUTE),
      deps.counters.hit(`comments:ip:${ipHash}`, HOUR),
    ]);
    if (site > settings.commentSiteLimitPerMinute) throw commentRateLimited(60);
    if (ip > settings.commentIpLimitPerHour) throw commentRateLimited(3600);
  }

  function checkFlood(latestAt: string | undefined, settings: SiteSettings, now: Date) {
    const since = latestAt === undefined ? Infinity : (now.getTime() - Date.parse(latestAt)) / 1000;
    if (since < settings.commentFloodSeconds) throw commentFlood(Math.ceil(settings.commentFloodSeconds - since));
  }

  // Bans change seldom and are checked on every comment: the active ones are kept until a ban is made or lifted
  // (the 'bans' event, relayed to every process). Those that expire meanwhile are dropped by findMatchingBan.
  const activeBans = memoUntilChange<'active', Ban[]>(deps.events, (event) => event.type === 'bans', () => listActiveBans(db, clock.now().toISOString()));

  return async (input, context) => {
    const settings = await deps.settings.get();
    const now = clock.now();
    const user = context.user;
    if (settings.commentRequireRegistration && !user) throw commentSignInRequired();
    const fields = validateCommentFields(input, {
      requireNameEmail: settings.commentRequireNameEmail,
      author: user ? signedInAuthorOf(user, context.identity) : undefined,
    });
    const post = await checkTarget(input, context.post, settings, now);
    const isModerator = user !== undefined && can(user.role, 'moderate_comments');
    const fillSeconds = isModerator ? undefined : checkHuman(input, settings, now);
    const ipHash = hashIp(deps.ipSalt, context.ip);
    const bans = await activeBans('active');
    if (findMatchingBan(bans, { email: fields.authorEmail, ip: context.ip, ipHash, userId: user?.id ?? null }, now.toISOString())) {
      throw commenterBanned();
    }
    if (!isModerator) await checkRates(ipHash, settings);
    const withFlood = !isModerator && settings.commentFloodSeconds > 0;
    const { latestAt, isDuplicate, hasApproved, repeatedUrlCount } = await repo.findSubmissionHistory(db, {
      postId: post.id, parentId: input.parentId, source: fields.source, email: fields.authorEmail, name: fields.authorName,
      ipHash, userId: user?.id ?? null, url: fields.authorUrl, urlSince: new Date(now.getTime() - DAY).toISOString(), withFlood,
    });
    if (withFlood) checkFlood(latestAt, settings, now);
    if (isDuplicate) throw commentDuplicate();
    // "Trust verified identities": a proven address counts as a previously approved author (other rules still apply).
    const isKnown = hasApproved || (user !== undefined && settings.commentTrustVerifiedIdentities && isVerifiedCommenter(user, context.identity));
    const spam = isModerator
      ? { score: 0, reasons: [] }
      : scoreSpam({ ...fields, isNewIdentity: !isKnown, fillSeconds, repeatedUrlCount });
    const decision = decideCommentStatus(
      // As in WordPress, the post's own author is approved like a moderator (their comments skip no other check).
      {
        fields, ip: context.ip, userAgent: context.userAgent, isModerator: isModerator || user?.id === post.authorId,
        hasApprovedComment: isKnown, spamScore: spam.score,
      },
      settings,
    );
    // No stamp to time the writing by (a REST client): a person decides rather than the clock.
    const isUntimed = !isModerator && settings.commentMinFillSeconds > 0 && fillSeconds === undefined;
    const status = isUntimed && decision.status === 'approved' ? 'pending' : decision.status;
    const createdAt = now.toISOString();
    const contentHtml = renderMarkdown(fields.source, 'comment');
    const identityId = user ? (context.identity?.id ?? null) : null;
    let queued: readonly NewJob[] = [];
    const id = await repo.insertCommentWithJobs(
      db,
      {
        postId: post.id,
        parentId: input.parentId,
        status,
        authorName: fields.authorName,
        authorEmail: fields.authorEmail,
        authorUrl: fields.authorUrl,
        userId: user?.id ?? null,
        identityId,
        ipHash,
        userAgent: context.userAgent.slice(0, 255),
        source: fields.source,
        contentHtml,
        spamScore: spam.score,
        createdAt,
      },
      (commentId) => (queued = commentJobsFor({ id: commentId, status }, settings, createdAt)),
    );
    if (status === 'approved') deps.events.publish({ type: 'comment', postId: post.id });
    // Job runners wake for the mail now rather than at their next poll.
    for (const kind of new Set(queued.map((job) => job.kind))) deps.events.publish({ type: 'job', kind });
    if (deps.subscriptions && fields.authorEmail && status !== 'spam' && status !== 'trash') {
      if (fields.subscribe !== 'none') await deps.subscriptions.request({ email: fields.authorEmail, kind: fields.subscribe, postId: post.id });
      if (fields.subscribePosts) await deps.subscriptions.request({ email: fields.authorEmail, kind: 'posts', postId: 0 });
    }
    const comment: Comment | undefined = identityId === null
      ? {
        id, postId: post.id, parentId: input.parentId, status, authorName: fields.authorName,
        authorEmail: fields.authorEmail, authorUrl: fields.authorUrl, userId: user?.id ?? null, contentHtml, createdAt,
        identityId: null, authorAvatarUrl: null,
      }
      : undefined;
    return { id, postId: post.id, parentId: input.parentId, status, fields, ...(comment ? { comment } : {}) };
  };
}
