// Revisions, autosaves and edit locks of posts: what the editor keeps besides the post itself. Every question of
// who may do what goes to the posts policy, and restoring goes through the posts service (a new revision).
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import type { User } from '../users/index.js';
import { postForbidden } from './post-editing.service.js';
import { canEditPost } from './posts.policy.js';
import type { Post } from './posts.js';
import type { PostsService } from './posts.service.js';
import * as locks from './locks.repo.js';
import { type Revision, type RevisionText, findAutosave, findRevision, insertRevision, listRevisions, replaceAutosave } from './revisions.repo.js';

export type { EditLock } from './locks.repo.js';
export type { Revision, RevisionText } from './revisions.repo.js';

/** How long an editor holds a post without renewing (WordPress: 150 s; the editor renews every 60 s). */
export const EDIT_LOCK_SECONDS = 150;

export interface RevisionsService {
  /** The post's revisions and autosaves, newest first (POST_FORBIDDEN unless `actor` may edit it). */
  list(post: Post, actor: User): Promise<Revision[]>;
  find(post: Post, revisionId: number, actor: User): Promise<Revision>;
  /** Keeps the post's state as a revision (a new post's first state; later saves keep theirs themselves). */
  record(post: Post, actor: User): Promise<void>;
  /** `actor`'s autosave of the post, when it is newer than the post's last save. */
  newerAutosave(post: Post, actor: User): Promise<Revision | undefined>;
  /** Stores the text as `actor`'s one autosave of the post. */
  autosave(post: Post, text: RevisionText, actor: User): Promise<Revision>;
  /** Makes a revision's (or autosave's) text the post's again: a save like any other, leaving a new revision. */
  restore(post: Post, revisionId: number, actor: User, resolveAuthor: (id: number) => Promise<User | undefined>): Promise<Post>;
  /** Who else has the post open in the editor right now, if anyone. */
  lockHolder(postId: number, actor: User): Promise<locks.EditLock | undefined>;
  /** Takes (or renews) the post's lock for `actor`; taking over from another needs edit permission, as opening does. */
  lock(post: Post, actor: User): Promise<void>;
  unlock(postId: number, actor: User): Promise<void>;
}

export function createRevisionsService(deps: { readonly db: Db; readonly clock: Clock; readonly posts: PostsService }): RevisionsService {
  const { db, clock, posts } = deps;

  function mayEdit(post: Post, actor: User): void {
    if (!canEditPost(actor, post)) throw postForbidden('Your role does not allow you to edit this item.');
  }

  async function find(post: Post, revisionId: number, actor: User): Promise<Revision> {
    mayEdit(post, actor);
    const revision = await findRevision(db, post.id, revisionId);
    if (!revision) throw new AppError({ code: 'REVISION_NOT_FOUND', kind: 'not_found', message: `This item has no revision ${revisionId}.` });
    return revision;
  }

  return {
    async list(post, actor) {
      mayEdit(post, actor);
      return listRevisions(db, post.id);
    },
    find,
    async record(post, actor) {
      await insertRevision(db, post.id, actor.id, { title: post.title, source: post.source, excerpt: post.excerpt }, clock.now().toISOString());
    },
    async newerAutosave(post, actor) {
      const autosave = await findAutosave(db, post.id, actor.id);
      // Saving drops the saver's autosave; one left from before another person's later save is stale.
      return autosave && autosave.createdAt >= post.updatedAt ? autosave : undefined;
    },
    async autosave(post, text, actor) {
      mayEdit(post, actor);
      await replaceAutosave(db, post.id, actor.id, text, clock.now().toISOString());
      return (await findAutosave(db, post.id, actor.id)) as Revision;
    },
    async restore(post, revisionId, actor, resolveAuthor) {
      const revision = await find(post, revisionId, actor);
      return posts.update(post.id, { title: revision.title, source: revision.source, excerpt: revision.excerpt }, actor, resolveAuthor);
    },
    async lockHolder(postId, actor) {
      const lock = await locks.findLock(db, postId);
      return lock && lock.userId !== actor.id && lock.expiresAt > clock.now().toISOString() ? lock : undefined;
    },
    async lock(post, actor) {
      mayEdit(post, actor);
      const expiresAt = new Date(clock.now().getTime() + EDIT_LOCK_SECONDS * 1000).toISOString();
      await locks.putLock(db, { postId: post.id, userId: actor.id, expiresAt });
    },
    unlock: (postId, actor) => locks.deleteLock(db, postId, actor.id),
  };
}
