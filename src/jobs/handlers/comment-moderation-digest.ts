// comments.mail-moderator-digest: at the end of a ten-minute stretch, one mail to one moderator listing the comments
// held in it that are still waiting and were not mailed one by one. Nothing left to list: no mail.
import type { JobHandler } from '../../features/jobs/index.js';
import {
  type DigestComment, type MailPost, buildModerationDigestMail, commentExcerpt, createLinkMaker, moderationActions,
} from '../../features/notifications/index.js';
import { COMMENT_MODERATION_DIGEST_JOB, DIGEST_LIST_LIMIT, digestBucketOf, mailsToUserSince } from './moderation-mail-throttle.js';
import { type NotificationDeps, deliver, idsOf, mailPost, mailSite, payloadInvalid, siteBase } from './notification-deps.js';

export { COMMENT_MODERATION_DIGEST_JOB };

/** More individual mails than a stretch can have (the throttle allows ten a window); a bound, not a rule. */
const MAILED_ONE_BY_ONE_READ = 1_000;

function digestPayloadOf(payload: unknown): { userId: number; bucketStart: string } | undefined {
  const ids = idsOf(payload, ['userId']);
  const bucketStart = (payload as { bucketStart?: unknown } | null)?.bucketStart;
  if (!ids || typeof bucketStart !== 'string' || Number.isNaN(Date.parse(bucketStart))) return undefined;
  // Only the start of a stretch names one: anything else was not written by the fan-out.
  if (digestBucketOf(bucketStart).start !== bucketStart) return undefined;
  return { userId: ids.userId, bucketStart };
}

/** The comments this user was mailed about one by one since `since`: the digest leaves them out. */
async function mailedOneByOne(deps: NotificationDeps, userId: number, since: string): Promise<number[]> {
  const jobs = await deps.jobs.listRecent(mailsToUserSince(userId, since), MAILED_ONE_BY_ONE_READ);
  return jobs.flatMap((job) => idsOf(job.payload, ['commentId'])?.commentId ?? []);
}

export function commentModerationDigestHandler(deps: NotificationDeps): JobHandler {
  const { comments, posts, users, settings } = deps.services;
  return async (payload) => {
    const parsed = digestPayloadOf(payload);
    if (!parsed) throw payloadInvalid(COMMENT_MODERATION_DIGEST_JOB, '{ "userId": 1, "bucketStart": "2026-03-14T09:00:00.000Z" }');
    if (!(await settings.get()).commentNotifyModeration) return;
    const user = await users.findById(parsed.userId);
    if (!user) return;
    const bucket = digestBucketOf(parsed.bucketStart);
    const held = await comments.listHeld({
      from: bucket.start,
      to: bucket.end,
      // Administrators hear of every held comment; a post's author of those on their own posts.
      postAuthorId: user.role === 'administrator' ? undefined : user.id,
      excludeIds: await mailedOneByOne(deps, user.id, bucket.start),
      limit: DIGEST_LIST_LIMIT,
    });
    if (held.total === 0) return;
    const postsById = new Map<number, MailPost | undefined>();
    for (const { postId } of held.comments) {
      if (postsById.has(postId)) continue;
      const post = await posts.findById(postId);
      postsById.set(postId, post && (await mailPost(deps, post)));
    }
    const links = createLinkMaker(deps.signer, deps.publicUrl, deps.clock.now());
    const listed = held.comments.flatMap((comment): DigestComment[] => {
      const post = postsById.get(comment.postId);
      if (!post) return [];
      const actionUrls = { approve: '', spam: '', trash: '' };
      for (const action of moderationActions) actionUrls[action] = links.moderateUrl(comment.id, action);
      return [{ ...comment, excerpt: commentExcerpt(comment.contentHtml, 40), post, actionUrls }];
    });
    await deliver(
      deps.mailer,
      buildModerationDigestMail({
        site: await mailSite(deps),
        to: user.email,
        heldFrom: bucket.start,
        heldUntil: bucket.end,
        comments: listed,
        total: held.total,
        adminUrl: `${siteBase(deps.publicUrl)}/admin/comments`,
        pendingCount: await comments.countPending(),
      }),
    );
  };
}
