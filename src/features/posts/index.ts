// Public surface of posts and pages.
export { createPostsService } from './posts.service.js';
export type { SnippetPart } from '../../db/dialect.js';
export type { PageOf, PermalinkLookup, PostsService, SearchResult, MonthCount, PageLink, PostLink, PublishedFilter } from './posts.service.js';
export { effectiveExcerpt, postPermalinkPath, postStatuses, LIMITS as POST_LIMITS } from './posts.js';
export { POST_PUBLISHED_JOB, PUBLISH_POST_JOB, publishPostPayloadOf } from './posts.js';
export type { PublishPostPayload } from './posts.js';
export type { Post, PostCard, PostChanges, PostInput, PostQuery, PostStatus, PostType } from './posts.js';
export type { PostEditing } from './post-editing.service.js';
export { postForbidden, postNotFound, postSlugTaken } from './post-editing.service.js';
export {
  canAssignAuthor, canCreatePost, canDeletePost, canEditPost, canPublishPost, canReadUnpublished, isPublishingStatus,
} from './posts.policy.js';
