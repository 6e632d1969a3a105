// Public surface of comments.
export { createCommentsService } from './comments.service.js';
export type { CommentsService, ImportedComment } from './comments.service.js';
export { MODERATION_PAGE_SIZE, buildThread, commentStatuses, countNodes, isCommentStatus } from './comments.js';
export type { Comment, CommentNode, CommentStatus, ModerationComment, ModerationPage } from './comments.js';
export { commentNotFound } from './comments.errors.js';
