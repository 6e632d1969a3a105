// Public surface of comment drafts: the text kept while a reader signs in in a full page (popup blocked).
export { DRAFT_LIFETIME_MS, DRAFT_MAX_CHARACTERS, isDraftId, validateDraft } from './comment-drafts.js';
export type { CommentDraft } from './comment-drafts.js';
export { createCommentDraftsService } from './comment-drafts.service.js';
export type { CommentDraftsDeps, CommentDraftsService, SavedDraft } from './comment-drafts.service.js';
