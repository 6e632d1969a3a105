// Public surface of notifications: the pure builders of every mail about subscriptions, comments and posts,
// and the signed links those mails carry.
export { AUTOMATED_HEADERS, commentExcerpt, oneLine } from './mail-layout.js';
export type { MailPost, MailSite } from './mail-layout.js';
export { buildCommentNotification, buildConfirmationMail, buildPostNotification, commentUrl } from './subscriber-mail.js';
export type { CommentNotificationInput, ConfirmationMailInput, PostNotificationInput } from './subscriber-mail.js';
export { buildModerationMail, moderationActionsFor } from './moderation-mail.js';
export type { ModerationMailInput, ModerationReason } from './moderation-mail.js';
export { buildModerationDigestMail } from './moderation-digest-mail.js';
export type { DigestComment, ModerationDigestInput } from './moderation-digest-mail.js';
export {
  LINK_LIFETIMES_MS, LINK_PATHS, LINK_PURPOSES, createLinkMaker, moderationActions, openModerationLink, openSubscriptionLink,
} from './signed-links.js';
export type { LinkMaker, ModerationAction, ModerationLinkData, OpenedLink, SubscriptionLinkData } from './signed-links.js';
export { signedLinkExpired, signedLinkInvalid } from './signed-links.errors.js';
export type { LinkKind } from './signed-links.errors.js';
