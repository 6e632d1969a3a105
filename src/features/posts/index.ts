// Public surface of posts and pages.
export { createPostsService } from './posts.service.js';
export type { SnippetPart } from '../../db/dialect.js';
export type { PageOf, PermalinkLookup, PostsService, SearchResult, MonthCount, PageLink, PostLink, PublishedFilter } from './posts.service.js';
export { PERMALINK_STRUCTURES, effectiveExcerpt, postPermalinkPath, postStatuses, LIMITS as POST_LIMITS } from './posts.js';
export type { PermalinkOf, PermalinkStructure, PermalinkTarget } from './posts.js';
export { POST_PUBLISHED_JOB, PUBLISH_POST_JOB, publishPostPayloadOf, scheduledPublishJob } from './posts.js';
export type { PublishPostPayload } from './posts.js';
export type { Post, PostCard, PostChanges, PostInput, PostQuery, PostStatus, PostType } from './posts.js';
export type { PostEditing } from './post-editing.service.js';
export { postForbidden, postNotFound, postSlugTaken } from './post-editing.service.js';
export {
  canAssignAuthor, canCreatePost, canDeletePost, canEditPost, canPublishPost, canReadUnpublished, isPublishingStatus,
} from './posts.policy.js';
export { EDIT_LOCK_SECONDS, createRevisionsService } from './revisions.service.js';
export type { EditLock, Revision, RevisionText, RevisionsService } from './revisions.service.js';
