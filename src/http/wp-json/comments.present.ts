// A comment as WordPress 6.1's REST API shows it (WP_REST_Comments_Controller): fields by context, statuses in
// WordPress's names (approved, hold, spam, trash), avatars, and `_links` (up, in-reply-to, children, author).
import type { CommentStatus, QueriedComment } from '../../features/comments/index.js';
import { sha256 } from '../../kernel/ids.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { CURIES, type Link, type Links } from './links.js';

export type WpCommentStatus = 'approved' | 'hold' | 'spam' | 'trash';

const TO_WP: Readonly<Record<CommentStatus, WpCommentStatus>> = { approved: 'approved', pending: 'hold', spam: 'spam', trash: 'trash' };
const FROM_WP: Readonly<Record<string, CommentStatus>> = {
  approved: 'approved', approve: 'approved', '1': 'approved', hold: 'pending', '0': 'pending', spam: 'spam', trash: 'trash',
};

export const wpCommentStatusOf = (status: CommentStatus): WpCommentStatus => TO_WP[status];
/** Our status for one of the names WordPress accepts on writes (approved/approve/1, hold/0, spam, trash). */
export const commentStatusFromWp = (status: string): CommentStatus | undefined => FROM_WP[status.toLowerCase()];

export interface CommentPresentation {
  readonly context: 'view' | 'embed' | 'edit';
  readonly timezone: string;
  /** https://site/wp-json + route */
  readonly api: (route: string) => string;
  /** The absolute permalink of the comment's post ('' when it cannot be shown). */
  readonly postLink: string;
  /** Whether the comment has replies (WordPress's `children` link). */
  readonly hasChildren: boolean;
  /** Absolute avatar address of the site's own copy, or of Gravatar when the site shows Gravatars. */
  readonly avatar: string | undefined;
  /** Show spam and trash as "hold" (to whoever posted it: a program learns nothing of why). */
  readonly maskStatus?: boolean;
}

/** WordPress's avatar sizes, each the same picture at its size. */
function avatarUrls(avatar: string | undefined): Record<string, string> | undefined {
  if (avatar === undefined) return undefined;
  const sized = (size: number) => (avatar.includes('gravatar.com') ? avatar.replace(/([?&])s=\d+/, `$1s=${size}`) : avatar);
  return { 24: sized(24), 48: sized(48), 96: sized(96) };
}

/** Gravatar's address for an e-mail (SHA-256 of the trimmed, lowercased address), as the site's own pages use it. */
export function gravatarOf(email: string): string {
  return `https://secure.gravatar.com/avatar/${sha256(email.trim().toLowerCase())}?s=96&d=identicon`;
}

function commentLinks(comment: QueriedComment, at: CommentPresentation): Links {
  const links: Record<string, readonly Link[]> = {
    self: [{ href: at.api(`/wp/v2/comments/${comment.id}`) }],
    collection: [{ href: at.api('/wp/v2/comments') }],
  };
  if (comment.userId !== null) links.author = [{ embeddable: true, href: at.api(`/wp/v2/users/${comment.userId}`) }];
  links.up = [{ embeddable: true, post_type: 'post', href: at.api(`/wp/v2/posts/${comment.postId}`) }];
  if (comment.parentId !== null) links['in-reply-to'] = [{ embeddable: true, href: at.api(`/wp/v2/comments/${comment.parentId}`) }];
  if (at.hasChildren) links.children = [{ href: at.api(`/wp/v2/comments?parent=${comment.id}`) }];
  return { ...links, curies: CURIES };
}

export function presentComment(comment: QueriedComment, at: CommentPresentation): Record<string, unknown> {
  const created = new Date(comment.createdAt);
  const avatars = avatarUrls(at.avatar);
  const shared = {
    id: comment.id,
    author: comment.userId ?? 0,
    author_name: comment.authorName,
    author_url: comment.authorUrl,
    date: localDateTimeOf(created, at.timezone),
    content: { rendered: comment.contentHtml },
    link: at.postLink === '' ? '' : `${at.postLink}#comment-${comment.id}`,
    type: 'comment',
    ...(avatars ? { author_avatar_urls: avatars } : {}),
  };
  if (at.context === 'embed') return { ...shared, parent: comment.parentId ?? 0, _links: commentLinks(comment, at) };
  const status = at.maskStatus && (comment.status === 'spam' || comment.status === 'trash') ? 'hold' : TO_WP[comment.status];
  return {
    id: comment.id,
    post: comment.postId,
    parent: comment.parentId ?? 0,
    author: shared.author,
    ...(at.context === 'edit' ? { author_email: comment.authorEmail } : {}),
    author_name: shared.author_name,
    author_url: shared.author_url,
    date: shared.date,
    date_gmt: created.toISOString().slice(0, 19),
    content: at.context === 'edit' ? { raw: comment.source, rendered: comment.contentHtml } : shared.content,
    link: shared.link,
    status,
    type: 'comment',
    ...(avatars ? { author_avatar_urls: avatars } : {}),
    meta: [],
    _links: commentLinks(comment, at),
  };
}
