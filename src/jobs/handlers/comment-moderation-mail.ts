// comments.mail-moderators: the owner (every administrator) and the post's author hear of a held comment, or of
// any new one when commentNotifyAuthor is on. Fans out one job per recipient, each mailed at most once; under a
// flood of held comments a recipient gets their ten-minute digest instead (moderation-mail-throttle.ts).
import { COMMENT_MODERATION_MAIL_JOB, commentJobPayloadOf } from '../../features/comments/index.js';
import type { JobHandler } from '../../features/jobs/index.js';
import {
  type ModerationReason, buildModerationMail, commentExcerpt, createLinkMaker, moderationActionsFor,
} from '../../features/notifications/index.js';
import type { User } from '../../features/users/index.js';
import {
  COMMENT_MODERATOR_MAIL_JOB, createDigestMemo, createKeyedQueue, queueHeldCommentMail, queueModeratorMail,
} from './moderation-mail-throttle.js';
import { type NotificationDeps, deliver, idsOf, mailPost, mailSite, payloadInvalid, siteBase } from './notification-deps.js';

export { COMMENT_MODERATION_MAIL_JOB, COMMENT_MODERATOR_MAIL_JOB };

/** Why a comment in this status would be mailed, given the settings; undefined: it is not (spam, trash, setting off). */
function reasonFor(status: string, settings: { commentNotifyModeration: boolean; commentNotifyAuthor: boolean }): ModerationReason | undefined {
  if (status === 'pending' && settings.commentNotifyModeration) return 'held';
  if (status === 'approved' && settings.commentNotifyAuthor) return 'new';
  return undefined;
}

export function commentModerationFanOutHandler(deps: NotificationDeps): JobHandler {
  const { comments, posts, users, settings } = deps.services;
  const oneAtATimePerRecipient = createKeyedQueue();
  const knownDigests = createDigestMemo();
  return async (payload) => {
    const parsed = commentJobPayloadOf(payload);
    if (!parsed) throw payloadInvalid(COMMENT_MODERATION_MAIL_JOB, '{ "commentId": 7 }');
    const comment = await comments.find(parsed.commentId);
    if (!comment) return;
    const reason = reasonFor(comment.status, await settings.get());
    const post = reason && (await posts.findById(comment.postId));
    if (!reason || !post) return;
    const author = await users.findById(post.authorId);
    const candidates = [...(await users.listByRole('administrator')), ...(author ? [author] : [])];
    const recipients = new Map<string, User>();
    for (const user of candidates) {
      // Nobody is told of their own new comment; a held one is still shown to every moderator.
      const isCommenter = user.id === comment.userId || user.email.toLowerCase() === comment.authorEmail;
      if (reason === 'new' && isCommenter) continue;
      if (!recipients.has(user.email.toLowerCase())) recipients.set(user.email.toLowerCase(), user);
    }
    for (const user of recipients.values()) {
      // Only held comments are gathered in digests: mail about every new one is what its reader asked for.
      if (reason === 'held') await oneAtATimePerRecipient(user.id, () => queueHeldCommentMail(deps, comment, user.id, knownDigests));
      else await queueModeratorMail(deps, comment.id, user.id, false);
    }
  };
}

/** Sends only while the comment is still in the state the mail is about: one approved or trashed meanwhile is moot. */
export function commentModeratorMailHandler(deps: NotificationDeps): JobHandler {
  const { comments, posts, users } = deps.services;
  return async (payload) => {
    const ids = idsOf(payload, ['commentId', 'userId']);
    const held = (payload as { held?: unknown } | null)?.held;
    if (!ids || typeof held !== 'boolean') throw payloadInvalid(COMMENT_MODERATOR_MAIL_JOB, '{ "commentId": 7, "userId": 1, "held": true }');
    const reason: ModerationReason = held ? 'held' : 'new';
    const comment = await comments.find(ids.commentId);
    if (!comment || comment.status !== (held ? 'pending' : 'approved')) return;
    const [post, user] = await Promise.all([posts.findById(comment.postId), users.findById(ids.userId)]);
    if (!post || !user) return;
    const links = createLinkMaker(deps.signer, deps.publicUrl, deps.clock.now());
    const actionUrls = Object.fromEntries(moderationActionsFor(reason).map((action) => [action, links.moderateUrl(comment.id, action)]));
    await deliver(
      deps.mailer,
      buildModerationMail({
        site: await mailSite(deps),
        to: user.email,
        reason,
        post: await mailPost(deps, post),
        comment: { ...comment, excerpt: commentExcerpt(comment.contentHtml) },
        actionUrls,
        adminUrl: `${siteBase(deps.publicUrl)}/admin/comments`,
        pendingCount: await comments.countPending(),
      }),
    );
  };
}
