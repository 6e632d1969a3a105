// comments.notify-subscribers: an approved comment fans out to the post's subscribers, one job per address, each
// keyed by (subscription, comment) so that no retry and no second approval ever mails anyone twice.
import { COMMENT_NOTIFY_JOB, commentJobPayloadOf } from '../../features/comments/index.js';
import type { JobHandler } from '../../features/jobs/index.js';
import { buildCommentNotification, commentExcerpt, createLinkMaker } from '../../features/notifications/index.js';
import { selectCommentRecipients } from '../../features/subscriptions/index.js';
import { type NotificationDeps, deliver, idsOf, isPublicPost, mailPost, mailSite, payloadInvalid } from './notification-deps.js';

export { COMMENT_NOTIFY_JOB };

/** One notification of one approved comment to one subscription. */
export const COMMENT_SUBSCRIBER_MAIL_JOB = 'comments.mail-subscriber';

export function commentNotifyFanOutHandler(deps: NotificationDeps): JobHandler {
  const { comments, subscriptions } = deps.services;
  return async (payload) => {
    const parsed = commentJobPayloadOf(payload);
    if (!parsed) throw payloadInvalid(COMMENT_NOTIFY_JOB, '{ "commentId": 7 }');
    const comment = await comments.find(parsed.commentId);
    // No mail before approval: a comment held, spammed or trashed since the job was queued tells no one.
    if (!comment || comment.status !== 'approved') return;
    const parent = comment.parentId === null ? undefined : await comments.find(comment.parentId);
    const recipients = selectCommentRecipients(await subscriptions.listActiveForPost(comment.postId), {
      authorEmail: comment.authorEmail,
      parentAuthorEmail: parent?.authorEmail ?? '',
    });
    for (const subscription of recipients) {
      await deps.jobs.enqueue({
        kind: COMMENT_SUBSCRIBER_MAIL_JOB,
        payload: { subscriptionId: subscription.id, commentId: comment.id },
        dedupeKey: `${COMMENT_SUBSCRIBER_MAIL_JOB}:${subscription.id}:${comment.id}`,
      });
    }
  };
}

/** Checks again at send time: the comment still approved, the subscription still active, the post still public. */
export function commentSubscriberMailHandler(deps: NotificationDeps): JobHandler {
  const { comments, posts, subscriptions } = deps.services;
  return async (payload) => {
    const ids = idsOf(payload, ['subscriptionId', 'commentId']);
    if (!ids) throw payloadInvalid(COMMENT_SUBSCRIBER_MAIL_JOB, '{ "subscriptionId": 3, "commentId": 7 }');
    const [comment, subscription] = await Promise.all([comments.find(ids.commentId), subscriptions.find(ids.subscriptionId)]);
    if (!comment || comment.status !== 'approved') return;
    if (!subscription || subscription.status !== 'active' || subscription.postId !== comment.postId) return;
    if (subscription.email === comment.authorEmail) return;
    const post = await posts.findById(comment.postId);
    if (!isPublicPost(post)) return;
    const links = createLinkMaker(deps.signer, deps.publicUrl, deps.clock.now());
    await deliver(
      deps.mailer,
      buildCommentNotification({
        site: await mailSite(deps),
        to: subscription.email,
        post: await mailPost(deps, post),
        comment: { id: comment.id, authorName: comment.authorName, excerpt: commentExcerpt(comment.contentHtml) },
        isReplyToSubscriber: subscription.kind === 'replies',
        unsubscribeUrl: links.unsubscribeUrl(subscription),
      }),
    );
  };
}
