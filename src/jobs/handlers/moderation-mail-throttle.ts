// Whether a moderator hears of a held comment by a mail of its own (as WordPress does) or in the digest of its
// ten minutes: under a flood of held comments one digest replaces hundreds of near-identical mails.
import type { NotificationDeps } from './notification-deps.js';

/** One moderation mail to one person about one comment. */
export const COMMENT_MODERATOR_MAIL_JOB = 'comments.mail-moderator';

/** One mail to one moderator listing the comments held in one stretch of time. */
export const COMMENT_MODERATION_DIGEST_JOB = 'comments.mail-moderator-digest';

/**
 * Up to `mailsPerWindow` mails a moderator within `windowMs`, one per held comment; past that, one digest per
 * `windowMs` stretch (aligned on the clock: 09:00–09:10, 09:10–09:20 …), sent when the stretch ends.
 * Ten in ten minutes is more than a normal site holds; a flood passes it within seconds.
 */
export const MODERATION_MAIL_RATE = { mailsPerWindow: 10, windowMs: 10 * 60_000 } as const;

/** Comments a digest lists at most; the rest are counted, with the link to the comments screen. */
export const DIGEST_LIST_LIMIT = 10;

export interface DigestBucket {
  /** ISO UTC, inclusive. */
  readonly start: string;
  /** ISO UTC, exclusive: when the digest is sent. */
  readonly end: string;
}

/** The stretch of time a moment falls in. */
export function digestBucketOf(at: Date | string): DigestBucket {
  const ms = new Date(at).getTime();
  const start = ms - (((ms % MODERATION_MAIL_RATE.windowMs) + MODERATION_MAIL_RATE.windowMs) % MODERATION_MAIL_RATE.windowMs);
  return { start: new Date(start).toISOString(), end: new Date(start + MODERATION_MAIL_RATE.windowMs).toISOString() };
}

export const digestDedupeKey = (userId: number, bucketStart: string): string => `${COMMENT_MODERATION_DIGEST_JOB}:${userId}:${bucketStart}`;
const mailDedupeKey = (commentId: number, userId: number): string => `${COMMENT_MODERATOR_MAIL_JOB}:${commentId}:${userId}`;

/** The individual moderation mails queued for a user since a time (their dedupe key ends with the user's id). */
export function mailsToUserSince(userId: number, since: string) {
  return { kind: COMMENT_MODERATOR_MAIL_JOB, since, dedupeKey: { suffix: `:${userId}` } } as const;
}

/**
 * A moderator is flooded while they got `mailsPerWindow` mails within the window, or a digest was started for
 * them within it: a flood that goes on stays in digests (and gives no new burst of mails each ten minutes);
 * once a window passes without one, mail is one per comment again.
 */
async function isFlooded(deps: Pick<NotificationDeps, 'jobs'>, userId: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - MODERATION_MAIL_RATE.windowMs).toISOString();
  const digests = await deps.jobs.countRecent({ kind: COMMENT_MODERATION_DIGEST_JOB, since, dedupeKey: { prefix: `${COMMENT_MODERATION_DIGEST_JOB}:${userId}:` } });
  if (digests > 0) return true;
  return (await deps.jobs.countRecent(mailsToUserSince(userId, since))) >= MODERATION_MAIL_RATE.mailsPerWindow;
}

/**
 * Queues what tells `userId` of a held comment: its own mail, or the digest of the stretch the comment was held
 * in. A digest of that stretch that exists already covers it: it reads the held comments when it is sent, and
 * one that was sent already read this comment too (held, and committed, before the stretch ended).
 */
export async function queueHeldCommentMail(
  deps: Pick<NotificationDeps, 'jobs' | 'clock'>,
  comment: { readonly id: number; readonly createdAt: string },
  userId: number,
  knownDigests?: DigestMemo,
): Promise<'mail' | 'digest'> {
  const bucket = digestBucketOf(comment.createdAt);
  const digestKey = digestDedupeKey(userId, bucket.start);
  if (knownDigests?.has(digestKey)) return 'digest';
  if (await deps.jobs.findByDedupeKey(digestKey)) {
    knownDigests?.add(digestKey);
    return 'digest';
  }
  if (await isFlooded(deps, userId, deps.clock.now())) {
    await deps.jobs.enqueue({ kind: COMMENT_MODERATION_DIGEST_JOB, payload: { userId, bucketStart: bucket.start }, runAt: bucket.end, dedupeKey: digestKey });
    knownDigests?.add(digestKey);
    return 'digest';
  }
  await queueModeratorMail(deps, comment.id, userId, true);
  return 'mail';
}

/**
 * The digests (dedupe keys) this process knows to exist. A digest, once queued, covers its stretch for good (it
 * reads the held comments when sent; one sent already read them), so under a flood each held comment costs no
 * lookup per recipient. Forgetting is always safe: the lookup is made again.
 */
export interface DigestMemo {
  has(key: string): boolean;
  add(key: string): void;
}

export function createDigestMemo(capacity = 1000): DigestMemo {
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add(key) {
      if (keys.size >= capacity) keys.clear();
      keys.add(key);
    },
  };
}

/**
 * Runs tasks of one key one after another in this process: fan-out jobs run in concurrent batches, and each
 * recipient's count-then-queue must see the mail queued just before it (else a batch overshoots the rate).
 * Processes running jobs side by side can still each send one more; the rate is a guard, not a contract.
 */
export function createKeyedQueue(): <T>(key: number, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<number, Promise<unknown>>();
  return async (key, task) => {
    const current = (tails.get(key) ?? Promise.resolve()).then(task);
    const settled = current.catch(() => undefined);
    tails.set(key, settled);
    try {
      return await current;
    } finally {
      if (tails.get(key) === settled) tails.delete(key);
    }
  };
}

export async function queueModeratorMail(deps: Pick<NotificationDeps, 'jobs'>, commentId: number, userId: number, held: boolean): Promise<void> {
  await deps.jobs.enqueue({ kind: COMMENT_MODERATOR_MAIL_JOB, payload: { commentId, userId, held }, dedupeKey: mailDedupeKey(commentId, userId) });
}
