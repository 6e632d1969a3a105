// Public surface of comments.
export { createCommentsService } from './comments.service.js';
export type { BanAuthorTerms, CommentsDeps, CommentsService, ImportedComment, NewBan } from './comments.service.js';
export type { CleanupReport } from './cleanup.js';
export { areCommentsOpen, hashIp } from './submission.service.js';
export type { CommentSubmission, SubmissionContext, SubmittedComment, SubscriptionRequests } from './submission.service.js';
export type { CommenterIdentity } from './commenter.js';
export { COMMENT_LIMITS, countLinks, normalizeAuthorUrl } from './comment-rules.js';
export type { SubscribeChoice, ValidCommentFields } from './comment-rules.js';
export type { Ban, BanKind } from './bans.js';
export {
  COMMENTS_CLEANUP_JOB, COMMENT_MODERATION_MAIL_JOB, COMMENT_NOTIFY_JOB, IP_KEPT_DAYS, MODERATION_PAGE_SIZE, SPAM_KEPT_DAYS,
  buildThread, commentJobPayloadOf, commentStatuses, countNodes, isCommentStatus,
} from './comments.js';
export type { CommentJobPayload } from './comments.js';
export type { Comment, CommentNode, CommentStatus, ModerationComment, ModerationPage } from './comments.js';
export { commentNotFound } from './comments.errors.js';
export { isBulkAction } from './moderation.service.js';
export type { BulkAction, CommentEditInput, CommentModeration, ModerationQuery } from './moderation.service.js';
export type { CommentQuery, CommentQuerying, QueriedComment } from './comment-query.js';
export { formServedAtOf, signFormStamp } from './form-stamp.js';
