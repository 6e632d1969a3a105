// Reads and writes e-mail subscriptions; a confirmation mail is queued in the transaction that asks for it.
import type { Db } from '../../db/database.js';
import { insertJob } from '../../db/outbox.js';
import { type Subscription, type SubscriptionRequest, confirmMailJob } from './subscriptions.js';

const columns = ['id', 'email', 'kind', 'postId', 'status', 'createdAt', 'confirmedAt'] as const;

export type RequestOutcome = 'created' | 'resent' | 'unchanged';

/**
 * Creates a pending subscription, or keeps the existing one (an active one stays active), and queues its
 * confirmation mail when one is due: for a new row, or for a pending row whose last confirmation was asked
 * for at or before `resendIfAskedBefore`. The "due" test is the UPDATE's own condition, so two requests at the
 * same moment cannot both re-send.
 */
export function requestSubscription(db: Db, request: SubscriptionRequest, now: string, resendIfAskedBefore: string): Promise<RequestOutcome> {
  return db.kysely.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('subscriptions')
      .values({ ...request, status: 'pending', createdAt: now, confirmedAt: null })
      .onConflict((oc) => oc.columns(['email', 'kind', 'postId']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await insertJob(trx, confirmMailJob(inserted.id, now));
      return 'created';
    }
    const renewed = await trx
      .updateTable('subscriptions')
      .set({ createdAt: now })
      .where('email', '=', request.email)
      .where('kind', '=', request.kind)
      .where('postId', '=', request.postId)
      .where('status', '=', 'pending')
      .where('createdAt', '<=', resendIfAskedBefore)
      .returning('id')
      .executeTakeFirst();
    if (!renewed) return 'unchanged';
    await insertJob(trx, confirmMailJob(renewed.id, now));
    return 'resent';
  });
}

export async function findSubscription(db: Db, id: number): Promise<Subscription | undefined> {
  return db.kysely.selectFrom('subscriptions').select(columns).where('id', '=', id).executeTakeFirst();
}

/** Activates a pending subscription; an active one is left as it is (its first confirmation time stays). */
export async function activateSubscription(db: Db, id: number, now: string): Promise<void> {
  await db.kysely
    .updateTable('subscriptions')
    .set({ status: 'active', confirmedAt: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Deletes one subscription (unsubscribing forgets it: subscribing again starts with a new confirmation). */
export async function deleteSubscription(db: Db, id: number, email: string): Promise<boolean> {
  const result = await db.kysely.deleteFrom('subscriptions').where('id', '=', id).where('email', '=', email).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listActiveSubscriptions(db: Db, postId: number): Promise<Subscription[]> {
  return db.kysely
    .selectFrom('subscriptions')
    .select(columns)
    .where('postId', '=', postId)
    .where('status', '=', 'active')
    .where('kind', 'in', postId === 0 ? ['posts'] : ['comments', 'replies'])
    .orderBy('id')
    .execute();
}

export async function listSubscriptionsByEmail(db: Db, email: string): Promise<Subscription[]> {
  return db.kysely.selectFrom('subscriptions').select(columns).where('email', '=', email).orderBy('id').execute();
}

export async function deleteSubscriptionsByEmail(db: Db, email: string): Promise<number> {
  const result = await db.kysely.deleteFrom('subscriptions').where('email', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows);
}
