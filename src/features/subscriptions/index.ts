// Public surface of e-mail subscriptions (double opt-in).
export { createSubscriptionsService } from './subscriptions.service.js';
export type { SubscriptionsDeps, SubscriptionsService } from './subscriptions.service.js';
export {
  CONFIRM_RESEND_MS, SUBSCRIPTION_CONFIRM_JOB, checkSubscriptionRequest, normalizeSubscriberEmail, selectCommentRecipients,
  subscriberDigest, subscriptionJobPayloadOf, subscriptionKinds,
} from './subscriptions.js';
export type { CommentFacts, Subscription, SubscriptionExport, SubscriptionJobPayload, SubscriptionKind, SubscriptionRequest } from './subscriptions.js';
export { subscriptionNotFound } from './subscriptions.errors.js';
