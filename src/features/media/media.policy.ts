// Who may do what to media items: WordPress's checks for attachments (upload_files; others' items need the
// editor's edit_others_posts / delete_others_posts). The admin and the REST API both ask these questions.
import { type User, can } from '../users/index.js';
import type { Media } from './media.js';

export function canUploadMedia(user: User): boolean {
  return can(user.role, 'upload_files');
}

export function canEditMedia(user: User, media: Pick<Media, 'authorId'>): boolean {
  if (!canUploadMedia(user)) return false;
  return media.authorId === user.id || can(user.role, 'edit_others_posts');
}

export function canDeleteMedia(user: User, media: Pick<Media, 'authorId'>): boolean {
  if (!canUploadMedia(user)) return false;
  return media.authorId === user.id || can(user.role, 'delete_others_posts');
}
