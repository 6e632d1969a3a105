// subscriptions.confirm-mail: mails the double opt-in link of a pending subscription.
import { buildConfirmationMail, createLinkMaker } from '../../features/notifications/index.js';
import { SUBSCRIPTION_CONFIRM_JOB, subscriptionJobPayloadOf } from '../../features/subscriptions/index.js';
import type { JobHandler } from '../../features/jobs/index.js';
import { type NotificationDeps, deliver, isPublicPost, mailPost, mailSite, payloadInvalid } from './notification-deps.js';

export { SUBSCRIPTION_CONFIRM_JOB };

/** Nothing is sent for a subscription confirmed or cancelled meanwhile, or for a post no longer public. */
export function subscriptionConfirmHandler(deps: NotificationDeps): JobHandler {
  const { subscriptions, posts } = deps.services;
  return async (payload) => {
    const parsed = subscriptionJobPayloadOf(payload);
    if (!parsed) throw payloadInvalid(SUBSCRIPTION_CONFIRM_JOB, '{ "subscriptionId": 3 }');
    const subscription = await subscriptions.find(parsed.subscriptionId);
    if (!subscription || subscription.status !== 'pending') return;
    let post;
    if (subscription.kind !== 'posts') {
      const found = await posts.findById(subscription.postId);
      if (!isPublicPost(found)) return;
      post = await mailPost(deps, found);
    }
    const links = createLinkMaker(deps.signer, deps.publicUrl, deps.clock.now());
    await deliver(
      deps.mailer,
      buildConfirmationMail({
        site: await mailSite(deps),
        to: subscription.email,
        kind: subscription.kind,
        post,
        confirmUrl: links.confirmUrl(subscription),
        validFor: '7 days',
      }),
    );
  };
}
