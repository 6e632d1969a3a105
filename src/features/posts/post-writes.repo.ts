// Changing and removing stored posts, and the revisions each saved state leaves behind.
import type { Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { insertJob, replaceJob } from '../../db/outbox.js';
import type { PostsTable } from '../../db/tables.js';
import { PUBLISH_POST_JOB, type Post, postPublishedJob, scheduledPublishJob } from './posts.js';

export interface RevisionState {
  readonly authorId: number;
  readonly title: string;
  readonly source: string;
  readonly excerpt: string;
}

/**
 * Writes a post's new state, its terms (when given), a revision of the saved state and the jobs the change calls
 * for, in one transaction: a scheduled post's publish job (moved to its new time), the new-post notification
 * when it went public. The post's author's autosave is dropped: it is now older than the saved state.
 */
export async function updatePost(
  db: Db,
  before: Post,
  changes: Updateable<PostsTable>,
  termIds: readonly number[] | undefined,
  revision: RevisionState,
  now: string,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('posts').set(changes).where('id', '=', before.id).execute();
    if (termIds !== undefined) {
      await trx.deleteFrom('postTerms').where('postId', '=', before.id).execute();
      const unique = [...new Set(termIds)];
      if (unique.length > 0) await trx.insertInto('postTerms').values(unique.map((termId) => ({ postId: before.id, termId }))).execute();
    }
    await trx.insertInto('postRevisions').values({ postId: before.id, kind: 'revision', createdAt: now, ...revision }).execute();
    await trx.deleteFrom('postRevisions').where('postId', '=', before.id).where('kind', '=', 'autosave').where('authorId', '=', revision.authorId).execute();
    const status = changes.status ?? before.status;
    const publishedAt = changes.publishedAt === undefined ? before.publishedAt : changes.publishedAt;
    if (status === 'scheduled' && publishedAt) {
      await replaceJob(trx, { ...scheduledPublishJob(before.id, publishedAt, now), dedupeKey: `${PUBLISH_POST_JOB}:${before.id}` });
    }
    if (status === 'published' && before.status !== 'published' && before.type === 'post') await insertJob(trx, postPublishedJob(before.id, now));
  });
}

/** Deletes a post for good with its terms, revisions and comments (WordPress's wp_delete_post). */
export async function deletePost(db: Db, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('postTerms').where('postId', '=', id).execute();
    await trx.deleteFrom('comments').where('postId', '=', id).execute();
    await trx.deleteFrom('subscriptions').where('postId', '=', id).execute();
    await trx.updateTable('posts').set({ parentId: null }).where('parentId', '=', id).execute();
    await trx.deleteFrom('posts').where('id', '=', id).execute();
  });
}
