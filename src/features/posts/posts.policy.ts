// Who may do what to a post or page: WordPress's capability checks (map_meta_cap) for the roles Quire has.
// The admin and the REST API both ask these questions; neither decides on its own.
import { type User, can } from '../users/index.js';
import type { Post, PostStatus, PostType } from './posts.js';

/** Statuses that put a post before readers (or, for private, before staff who may read it). */
const PUBLISHING: readonly PostStatus[] = ['published', 'scheduled', 'private'];

export function isPublishingStatus(status: PostStatus): boolean {
  return PUBLISHING.includes(status);
}

/** May `user` write a new item of this type at all (a draft, at least)? */
export function canCreatePost(user: User, type: PostType): boolean {
  return can(user.role, type === 'page' ? 'edit_pages' : 'edit_posts');
}

/** May `user` give an item of this type a publishing status (published, scheduled, private)? */
export function canPublishPost(user: User, type: PostType): boolean {
  return can(user.role, type === 'page' ? 'publish_pages' : 'publish_posts');
}

/**
 * May `user` change this item? Others' items need edit_others_posts (pages: edit_pages, which only editors have);
 * one's own published item needs edit_published_posts — a contributor cannot touch a post once it is out.
 */
export function canEditPost(user: User, post: Pick<Post, 'type' | 'authorId' | 'status'>): boolean {
  if (post.type === 'page') return can(user.role, 'edit_pages');
  if (!can(user.role, 'edit_posts')) return false;
  if (post.authorId !== user.id) return can(user.role, 'edit_others_posts');
  return isPublishingStatus(post.status) ? can(user.role, 'edit_published_posts') : true;
}

/** May `user` trash, restore or delete this item? The same shape as editing, with the delete_* capabilities. */
export function canDeletePost(user: User, post: Pick<Post, 'type' | 'authorId' | 'status'>): boolean {
  if (post.type === 'page') return can(user.role, 'delete_pages');
  if (!can(user.role, 'delete_posts')) return false;
  if (post.authorId !== user.id) return can(user.role, 'delete_others_posts');
  return isPublishingStatus(post.status) ? can(user.role, 'delete_published_posts') : true;
}

/** May `user` file this item under another author's name? */
export function canAssignAuthor(user: User, authorId: number): boolean {
  return authorId === user.id || can(user.role, 'edit_others_posts');
}

/** May `user` read this item although readers may not (a draft, a private post)? */
export function canReadUnpublished(user: User, post: Pick<Post, 'type' | 'authorId' | 'status'>): boolean {
  if (post.status === 'private') return post.authorId === user.id || can(user.role, 'read_private_posts');
  return canEditPost(user, post);
}
