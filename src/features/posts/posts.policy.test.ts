// The capability checks of posts, role by role, as WordPress's default roles answer them.
import { describe, expect, it } from 'vitest';
import type { Role, User } from '../users/index.js';
import { canAssignAuthor, canCreatePost, canDeletePost, canEditPost, canPublishPost, canReadUnpublished } from './posts.policy.js';

const person = (id: number, role: Role): User =>
  ({ id, role, login: role, email: `${role}@example.com`, displayName: role, bio: '', createdAt: '', emailVerifiedAt: null });
const post = (authorId: number, status: 'draft' | 'pending' | 'published' | 'private', type: 'post' | 'page' = 'post') =>
  ({ authorId, status, type });

describe('posts policy', () => {
  it('lets a contributor write and edit their own drafts but not publish or touch a published post', () => {
    const contributor = person(1, 'contributor');
    expect(canCreatePost(contributor, 'post')).toBe(true);
    expect(canPublishPost(contributor, 'post')).toBe(false);
    expect(canEditPost(contributor, post(1, 'draft'))).toBe(true);
    expect(canEditPost(contributor, post(1, 'pending'))).toBe(true);
    expect(canEditPost(contributor, post(1, 'published'))).toBe(false);
    expect(canDeletePost(contributor, post(1, 'published'))).toBe(false);
    expect(canEditPost(contributor, post(2, 'draft'))).toBe(false);
  });

  it('lets an author publish and edit their own posts only', () => {
    const author = person(1, 'author');
    expect(canPublishPost(author, 'post')).toBe(true);
    expect(canEditPost(author, post(1, 'published'))).toBe(true);
    expect(canEditPost(author, post(2, 'draft'))).toBe(false);
    expect(canDeletePost(author, post(2, 'published'))).toBe(false);
    expect(canAssignAuthor(author, 2)).toBe(false);
    expect(canCreatePost(author, 'page')).toBe(false);
  });

  it('lets editors and administrators edit everyone’s posts and pages', () => {
    for (const role of ['editor', 'administrator'] as const) {
      const staff = person(1, role);
      expect(canEditPost(staff, post(2, 'published'))).toBe(true);
      expect(canEditPost(staff, post(2, 'draft', 'page'))).toBe(true);
      expect(canPublishPost(staff, 'page')).toBe(true);
      expect(canAssignAuthor(staff, 2)).toBe(true);
      expect(canReadUnpublished(staff, post(2, 'private'))).toBe(true);
    }
  });

  it('keeps subscribers out of writing altogether', () => {
    const subscriber = person(1, 'subscriber');
    expect(canCreatePost(subscriber, 'post')).toBe(false);
    expect(canEditPost(subscriber, post(1, 'draft'))).toBe(false);
    expect(canReadUnpublished(subscriber, post(2, 'private'))).toBe(false);
  });
});
