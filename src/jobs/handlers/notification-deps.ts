// What the mail-sending job handlers share: their dependencies, the site as mail names it, and sending with a
// refusal by the receiving server turned into a failure no retry repeats.
import type { CommentsService } from '../../features/comments/index.js';
import type { JobsService } from '../../features/jobs/index.js';
import { MailDeliveryError, type MailMessage, type Mailer } from '../../features/mail/index.js';
import type { MailPost, MailSite } from '../../features/notifications/index.js';
import type { Post, PostsService } from '../../features/posts/index.js';
import type { SettingsService } from '../../features/settings/index.js';
import type { SubscriptionsService } from '../../features/subscriptions/index.js';
import type { UsersService } from '../../features/users/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, invalidInput } from '../../kernel/errors.js';
import type { Signer } from '../../kernel/signed.js';

export interface NotificationServices {
  readonly comments: Pick<CommentsService, 'find' | 'countPending' | 'listHeld'>;
  readonly posts: Pick<PostsService, 'findById' | 'permalinks'>;
  readonly users: Pick<UsersService, 'findById' | 'listByRole'>;
  readonly settings: Pick<SettingsService, 'get'>;
  readonly subscriptions: Pick<SubscriptionsService, 'find' | 'listActiveForPost' | 'listActivePostSubscribers'>;
}

/** Everything the notification handlers need besides the services, built in app.ts. */
export interface MailJobDeps {
  /**
   * Fan-out jobs queue one job per recipient here (and read how many they queued lately: the moderation digest);
   * the daily clean-up purges old done jobs.
   */
  readonly jobs: Pick<JobsService, 'enqueue' | 'findByDedupeKey' | 'countRecent' | 'listRecent' | 'purgeDone'>;
  readonly mailer: Mailer;
  /** Signs the links in the mail (the site verifies them with the same secret). */
  readonly signer: Signer;
  readonly clock: Clock;
  /** config.publicUrl: mail links are absolute. */
  readonly publicUrl: string;
}

export interface NotificationDeps extends MailJobDeps {
  readonly services: NotificationServices;
}

export function siteBase(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export async function mailSite(deps: NotificationDeps): Promise<MailSite> {
  const { title } = await deps.services.settings.get();
  return { title, publicUrl: siteBase(deps.publicUrl) };
}

/** The post as mail names it, linked at its address in the site's current permalink structure (no 301 on the way). */
export async function mailPost(
  deps: Pick<NotificationDeps, 'publicUrl' | 'services'>, post: Pick<Post, 'id' | 'title' | 'slug' | 'publishedLocal'>,
): Promise<MailPost> {
  const permalinkOf = await deps.services.posts.permalinks();
  return { title: post.title, url: `${siteBase(deps.publicUrl)}${permalinkOf(post)}` };
}

/** A post that may be talked about in mail: a published post (not a page, draft or trashed one). */
export function isPublicPost(post: Pick<Post, 'status' | 'type'> | undefined): post is Post {
  return post !== undefined && post.status === 'published' && post.type === 'post';
}

/**
 * Sends one message. A permanent refusal (a 5xx reply: no such mailbox) becomes an 'invalid' AppError, which the
 * job queue records as dead at once instead of retrying it for hours; anything else is retried.
 */
export async function deliver(mailer: Mailer, message: MailMessage): Promise<void> {
  try {
    await mailer.send(message);
  } catch (error) {
    if (error instanceof MailDeliveryError && error.permanent) {
      throw new AppError({ code: 'MAIL_REJECTED', kind: 'invalid', message: error.message, cause: error });
    }
    throw error;
  }
}

/** The payload check every handler starts with: a malformed one fails its job for good. */
export function payloadInvalid(kind: string, example: string): AppError {
  return invalidInput('JOB_PAYLOAD_INVALID', `A ${kind} job needs a payload like ${example}.`);
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** Reads the named positive integer ids of a payload; undefined when one is missing or malformed. */
export function idsOf<K extends string>(payload: unknown, keys: readonly K[]): Readonly<Record<K, number>> | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Readonly<Record<string, unknown>>;
  const ids: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = record[key];
    if (!isId(value)) return undefined;
    ids[key] = value;
  }
  return ids as Record<K, number>;
}
