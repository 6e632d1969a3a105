// What the comment endpoints share: who moderates, finding one comment whatever its status, and presenting comments
// with what they need read once per response (the time zone, avatars, the addresses of their posts).
import { type CommentStatus, type QueriedComment, commentStatuses } from '../../features/comments/index.js';
import type { Post } from '../../features/posts/index.js';
import { postPermalinkPath } from '../../features/posts/index.js';
import { type User, can } from '../../features/users/index.js';
import type { WpApi } from './api.js';
import { type CommentPresentation, gravatarOf, presentComment } from './comments.present.js';
import { apiUrl, siteUrl } from './links.js';
import { wpError } from './wp-error.js';

export const COMMENT_CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

export const isModerator = (caller: User | undefined): boolean => caller !== undefined && can(caller.role, 'moderate_comments');

export const commentNotFound = () => wpError('rest_comment_invalid_id', 'Invalid comment ID.', 404);

/** What presenting comments needs, read once per response: the site's time zone, avatars, the posts' addresses. */
export interface CommentPresenter {
  present(comment: QueriedComment, context: CommentPresentation['context'], options?: { maskStatus?: boolean }): Promise<Record<string, unknown>>;
}

export function commentPresenter(api: WpApi, caller: User | undefined): CommentPresenter {
  const { comments, posts, settings } = api.deps.services;
  const site = siteUrl(api.deps);
  const postsById = new Map<number, Promise<Post | undefined>>();
  const postOf = (id: number) => {
    let found = postsById.get(id);
    if (!found) postsById.set(id, (found = posts.findById(id)));
    return found;
  };
  // Replies counted as the caller would see them listed.
  const visible: readonly CommentStatus[] = isModerator(caller) ? commentStatuses : ['approved'];
  const loadSettings = settings.get();
  return {
    async present(comment, context, options = {}) {
      const [siteSettings, post, children] = await Promise.all([
        loadSettings, postOf(comment.postId), comments.query({ statuses: visible, parentIds: [comment.id], orderBy: 'id', order: 'asc', limit: 1, offset: 0 }),
      ]);
      const local = typeof comment.authorAvatarUrl === 'string' && /^\/avatars\/[A-Za-z0-9_.-]+$/.test(comment.authorAvatarUrl) ? `${site}${comment.authorAvatarUrl}` : undefined;
      const gravatar = siteSettings.avatarSource === 'gravatar' && comment.authorEmail !== '' ? gravatarOf(comment.authorEmail) : undefined;
      return presentComment(comment, {
        context,
        timezone: siteSettings.timezone,
        api: (route) => apiUrl(api.deps, route),
        postLink: post && post.status === 'published' ? `${site}${postPermalinkPath(post, siteSettings.permalinkStructure)}` : '',
        hasChildren: children.total > 0,
        avatar: local ?? gravatar,
        maskStatus: options.maskStatus,
      });
    },
  };
}

/** One comment by id, whatever its status (undefined when there is none). */
export async function findComment(api: WpApi, id: number): Promise<QueriedComment | undefined> {
  const found = await api.deps.services.comments.query({ statuses: commentStatuses, include: [id], orderBy: 'id', order: 'asc', limit: 1, offset: 0 });
  return found.comments[0];
}
