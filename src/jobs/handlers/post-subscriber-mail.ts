// posts.notify-subscribers: a post that went public (queued with the write that published it) fans out to the
// new-post subscribers, one job per subscription, keyed by (subscription, post): each hears of a post once.
import type { JobHandler } from '../../features/jobs/index.js';
import { buildPostNotification, createLinkMaker } from '../../features/notifications/index.js';
import { POST_PUBLISHED_JOB, effectiveExcerpt, publishPostPayloadOf } from '../../features/posts/index.js';
import { type NotificationDeps, deliver, idsOf, isPublicPost, mailPost, mailSite, payloadInvalid } from './notification-deps.js';

export { POST_PUBLISHED_JOB };

/** One new-post notification to one subscription. */
export const POST_SUBSCRIBER_MAIL_JOB = 'posts.mail-subscriber';

export function postNotifyFanOutHandler(deps: NotificationDeps): JobHandler {
  const { posts, users, subscriptions } = deps.services;
  return async (payload) => {
    const parsed = publishPostPayloadOf(payload);
    if (!parsed) throw payloadInvalid(POST_PUBLISHED_JOB, '{ "postId": 12 }');
    const post = await posts.findById(parsed.postId);
    if (!isPublicPost(post)) return;
    const author = await users.findById(post.authorId);
    for (const subscription of await subscriptions.listActivePostSubscribers()) {
      if (author && subscription.email === author.email.toLowerCase()) continue; // the writer knows already
      await deps.jobs.enqueue({
        kind: POST_SUBSCRIBER_MAIL_JOB,
        payload: { subscriptionId: subscription.id, postId: post.id },
        dedupeKey: `${POST_SUBSCRIBER_MAIL_JOB}:${subscription.id}:${post.id}`,
      });
    }
  };
}

/** Checks again at send time: the post still public (not trashed meanwhile), the subscription still active. */
export function postSubscriberMailHandler(deps: NotificationDeps): JobHandler {
  const { posts, users, subscriptions } = deps.services;
  return async (payload) => {
    const ids = idsOf(payload, ['subscriptionId', 'postId']);
    if (!ids) throw payloadInvalid(POST_SUBSCRIBER_MAIL_JOB, '{ "subscriptionId": 3, "postId": 12 }');
    const [post, subscription] = await Promise.all([posts.findById(ids.postId), subscriptions.find(ids.subscriptionId)]);
    if (!isPublicPost(post) || !subscription || subscription.status !== 'active' || subscription.kind !== 'posts') return;
    const author = await users.findById(post.authorId);
    const links = createLinkMaker(deps.signer, deps.publicUrl, deps.clock.now());
    await deliver(
      deps.mailer,
      buildPostNotification({
        site: await mailSite(deps),
        to: subscription.email,
        post: { ...(await mailPost(deps, post)), excerpt: effectiveExcerpt(post), authorName: author?.displayName ?? '' },
        unsubscribeUrl: links.unsubscribeUrl(subscription),
      }),
    );
  };
}
