// E-mail subscriptions with double opt-in: asking (which queues the confirmation mail), confirming, leaving,
// the lists the notification jobs fan out to, and a person's own data for the privacy feature.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { subscriptionInvalid, subscriptionNotFound } from './subscriptions.errors.js';
import * as repo from './subscriptions.repo.js';
import {
  type Subscription, type SubscriptionExport, type SubscriptionRequest, CONFIRM_RESEND_MS, checkSubscriptionRequest,
  normalizeSubscriberEmail, subscriberDigest, toSubscriptionExport,
} from './subscriptions.js';

export interface SubscriptionsService {
  /**
   * Creates (or keeps) a pending subscription and queues its confirmation mail in the same transaction. An
   * active subscription stays active and nothing is sent; a pending one gets its confirmation again, at most
   * once every 10 minutes. SUBSCRIPTION_INVALID for a malformed address, kind or post.
   */
  request(input: SubscriptionRequest): Promise<void>;
  find(id: number): Promise<Subscription | undefined>;
  /**
   * Activates the subscription (idempotent). `emailDigest` (subscriberDigest, from the signed link) must match
   * its address, so a link never confirms a row that replaced an erased one. SUBSCRIPTION_NOT_FOUND when gone.
   */
  confirm(id: number, emailDigest?: string): Promise<Subscription>;
  /** Ends the subscription; false when it was gone already (unsubscribing twice is no error). */
  unsubscribe(id: number, emailDigest?: string): Promise<boolean>;
  /** Active 'comments' and 'replies' subscriptions of a post: whom a new comment may concern. */
  listActiveForPost(postId: number): Promise<Subscription[]>;
  /** Active site-wide 'posts' subscriptions: whom a new post concerns. */
  listActivePostSubscribers(): Promise<Subscription[]>;
  /** Every subscription of an address (pending ones too), for its owner's download. */
  exportFor(email: string): Promise<SubscriptionExport[]>;
  /** Deletes every subscription of an address; returns how many there were. */
  eraseFor(email: string): Promise<number>;
}

export interface SubscriptionsDeps {
  readonly db: Db;
  readonly clock: Clock;
}

export function createSubscriptionsService(deps: SubscriptionsDeps): SubscriptionsService {
  const { db, clock } = deps;

  async function ownedSubscription(id: number, emailDigest: string | undefined): Promise<Subscription | undefined> {
    const found = await repo.findSubscription(db, id);
    if (!found || (emailDigest !== undefined && subscriberDigest(found.email) !== emailDigest)) return undefined;
    return found;
  }

  return {
    async request(input) {
      const checked = checkSubscriptionRequest(input);
      if (!checked.ok) throw subscriptionInvalid(checked.problem);
      const now = clock.now();
      await repo.requestSubscription(db, checked.value, now.toISOString(), new Date(now.getTime() - CONFIRM_RESEND_MS).toISOString());
    },

    find: (id) => repo.findSubscription(db, id),

    async confirm(id, emailDigest) {
      const found = await ownedSubscription(id, emailDigest);
      if (!found) throw subscriptionNotFound();
      if (found.status === 'active') return found;
      await repo.activateSubscription(db, id, clock.now().toISOString());
      const confirmed = await repo.findSubscription(db, id);
      if (!confirmed) throw subscriptionNotFound();
      return confirmed;
    },

    async unsubscribe(id, emailDigest) {
      const found = await ownedSubscription(id, emailDigest);
      return found ? repo.deleteSubscription(db, id, found.email) : false;
    },

    listActiveForPost: (postId) => repo.listActiveSubscriptions(db, postId),
    listActivePostSubscribers: () => repo.listActiveSubscriptions(db, 0),
    exportFor: async (email) => (await repo.listSubscriptionsByEmail(db, normalizeSubscriberEmail(email))).map(toSubscriptionExport),
    eraseFor: (email) => repo.deleteSubscriptionsByEmail(db, normalizeSubscriberEmail(email)),
  };
}
