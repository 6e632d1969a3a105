// Banning a comment's author from the moderation list: its e-mail and IP hash banned, the comment marked spam, at once.
import type { Db } from '../../db/database.js';
import type { Timestamp } from '../../db/tables.js';
import { recountApprovedComments } from './comments.repo.js';

export interface BanTerms {
  readonly reason: string;
  readonly createdBy: number | null;
  readonly createdAt: Timestamp;
  readonly expiresAt: Timestamp | null;
}

export type BanAuthorResult =
  | { readonly outcome: 'banned'; readonly postId: number; readonly banIds: readonly number[] }
  | { readonly outcome: 'no-comment' }
  | { readonly outcome: 'nothing-to-ban' };

/**
 * In one transaction: bans the comment's e-mail (when it has one) and IP hash (when still kept), marks the
 * comment spam and recounts its post. A ban still in force on the same value that lasts at least as long is not added again. Nothing is written
 * when the comment does not exist or carries nothing to ban.
 */
export async function banCommentAuthor(db: Db, commentId: number, terms: BanTerms): Promise<BanAuthorResult> {
  return db.kysely.transaction().execute(async (trx) => {
    const comment = await trx
      .selectFrom('comments')
      .select(['postId', 'authorEmail', 'ipHash'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!comment) return { outcome: 'no-comment' };
    const targets = [
      ...(comment.authorEmail ? [{ kind: 'email' as const, value: comment.authorEmail.toLowerCase() }] : []),
      ...(comment.ipHash ? [{ kind: 'ip_hash' as const, value: comment.ipHash }] : []),
    ];
    if (targets.length === 0) return { outcome: 'nothing-to-ban' };
    // The post row first, as every recount does: two moderators on one post recount one after the other.
    await trx.updateTable('posts').set((eb) => ({ commentCount: eb.ref('commentCount') })).where('id', '=', comment.postId).execute();
    const banIds: number[] = [];
    for (const target of targets) {
      const existing = await trx
        .selectFrom('commentBans')
        .select('id')
        .where('kind', '=', target.kind)
        .where('value', '=', target.value)
        .where('liftedAt', 'is', null)
        // Skipped only when the ban in force lasts at least as long as the new one would.
        .where((eb) =>
          terms.expiresAt === null ? eb('expiresAt', 'is', null) : eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>=', terms.expiresAt)]),
        )
        .executeTakeFirst();
      if (existing) continue;
      const { id } = await trx
        .insertInto('commentBans')
        .values({ ...target, ...terms, liftedAt: null, liftedBy: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      banIds.push(id);
    }
    await trx.updateTable('comments').set({ status: 'spam' }).where('id', '=', commentId).execute();
    await recountApprovedComments(trx, [comment.postId]);
    return { outcome: 'banned', postId: comment.postId, banIds };
  });
}
