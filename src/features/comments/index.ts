// Public surface of comments.
export { createCommentsService } from './comments.service.js';
export type { CommentsService, ImportedComment } from './comments.service.js';
export { buildThread, countNodes } from './comments.js';
export type { Comment, CommentNode, CommentStatus } from './comments.js';
