// Which handler runs each kind of job: the one list, built from the services in app.ts.
import type { AccountsService } from '../features/accounts/index.js';
import type { JobHandlers } from '../features/jobs/index.js';
import type { PostsService } from '../features/posts/index.js';
import type { CommentsService } from '../features/comments/index.js';
import type { PrivacyService } from '../features/privacy/index.js';
import type { TokensService } from '../features/tokens/index.js';
import { accountMailHandlers } from './handlers/account-mail.js';
import { COMMENTS_CLEANUP_JOB, commentsCleanupHandler } from './handlers/comments-cleanup.js';
import { COMMENT_MODERATION_DIGEST_JOB, commentModerationDigestHandler } from './handlers/comment-moderation-digest.js';
import {
  COMMENT_MODERATION_MAIL_JOB, COMMENT_MODERATOR_MAIL_JOB, commentModerationFanOutHandler, commentModeratorMailHandler,
} from './handlers/comment-moderation-mail.js';
import {
  COMMENT_NOTIFY_JOB, COMMENT_SUBSCRIBER_MAIL_JOB, commentNotifyFanOutHandler, commentSubscriberMailHandler,
} from './handlers/comment-subscriber-mail.js';
import type { MailJobDeps, NotificationServices } from './handlers/notification-deps.js';
import { POST_PUBLISHED_JOB, POST_SUBSCRIBER_MAIL_JOB, postNotifyFanOutHandler, postSubscriberMailHandler } from './handlers/post-subscriber-mail.js';
import { PRIVACY_LINK_JOB, privacyLinkHandler } from './handlers/privacy-link.js';
import { PUBLISH_POST_JOB, publishPostHandler } from './handlers/publish-post.js';
import { SUBSCRIPTION_CONFIRM_JOB, subscriptionConfirmHandler } from './handlers/subscription-confirm.js';

export type { MailJobDeps } from './handlers/notification-deps.js';

export type JobServices = NotificationServices & { readonly posts: PostsService; readonly comments: CommentsService; readonly privacy: PrivacyService }
  & { readonly accounts: AccountsService } & { readonly tokens: Pick<TokensService, 'purgeStale'> };

export function buildJobHandlers(services: JobServices, mail: MailJobDeps): JobHandlers {
  const notifications = { ...mail, services };
  return {
    [PUBLISH_POST_JOB]: publishPostHandler(services.posts),
    [COMMENTS_CLEANUP_JOB]: commentsCleanupHandler({ comments: services.comments, jobs: mail.jobs, tokens: services.tokens }),
    [PRIVACY_LINK_JOB]: privacyLinkHandler({ ...mail, services }),
    [SUBSCRIPTION_CONFIRM_JOB]: subscriptionConfirmHandler(notifications),
    [COMMENT_MODERATION_MAIL_JOB]: commentModerationFanOutHandler(notifications),
    [COMMENT_MODERATOR_MAIL_JOB]: commentModeratorMailHandler(notifications),
    [COMMENT_MODERATION_DIGEST_JOB]: commentModerationDigestHandler(notifications),
    [COMMENT_NOTIFY_JOB]: commentNotifyFanOutHandler(notifications),
    [COMMENT_SUBSCRIBER_MAIL_JOB]: commentSubscriberMailHandler(notifications),
    [POST_PUBLISHED_JOB]: postNotifyFanOutHandler(notifications),
    [POST_SUBSCRIBER_MAIL_JOB]: postSubscriberMailHandler(notifications),
    // Site accounts: confirmation, address-taken warning, password reset, e-mail sign-in link.
    ...accountMailHandlers({ ...mail, services }),
  };
}
