// Writes of the category and tag screens: editing a term, deleting it (its posts and children reassigned) and
// merging one into another (posts moved, old address remembered), each on one transaction.
import type { Db } from '../../db/database.js';
import type { Taxonomy } from '../../db/tables.js';
import type { Term } from './taxonomy.js';

type Trx = Db['kysely'];

const termColumns = ['id', 'taxonomy', 'name', 'slug', 'description', 'parentId'] as const;

export async function findTermById(db: Db, id: number): Promise<Term | undefined> {
  return db.kysely.selectFrom('terms').select(termColumns).where('id', '=', id).executeTakeFirst();
}

export async function updateTerm(db: Db, id: number, changes: Partial<Pick<Term, 'name' | 'slug' | 'description' | 'parentId'>>): Promise<Term> {
  return db.kysely.updateTable('terms').set(changes).where('id', '=', id).returning(termColumns).executeTakeFirstOrThrow();
}

/** Posts filed under `termId` that have no other category: after it goes they would have none. */
async function postsOnlyIn(trx: Trx, termId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('postTerms as mine')
    .select('mine.postId')
    .where('mine.termId', '=', termId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom('postTerms as other')
          .innerJoin('terms', 'terms.id', 'other.termId')
          .select('other.postId')
          .whereRef('other.postId', '=', 'mine.postId')
          .where('other.termId', '!=', termId)
          .where('terms.taxonomy', '=', 'category'),
      )),
    )
    .execute();
  return rows.map((r) => r.postId);
}

/** Files `postIds` under `termId` as well (those already there are left alone). */
async function addPostsToTerm(trx: Trx, postIds: readonly number[], termId: number): Promise<void> {
  if (postIds.length === 0) return;
  const already = new Set((await trx.selectFrom('postTerms').select('postId').where('termId', '=', termId).where('postId', 'in', postIds).execute()).map((r) => r.postId));
  const missing = [...new Set(postIds)].filter((id) => !already.has(id));
  if (missing.length > 0) await trx.insertInto('postTerms').values(missing.map((postId) => ({ postId, termId }))).execute();
}

/**
 * Deletes a term. A category's posts left with no category are filed under `fallbackId` (the default category),
 * and its children move up to its parent, as WordPress does. Returns the posts it was removed from.
 */
export async function deleteTerm(db: Db, term: Term, fallbackId: number | null): Promise<number[]> {
  return db.kysely.transaction().execute(async (trx) => {
    const posts = (await trx.selectFrom('postTerms').select('postId').where('termId', '=', term.id).execute()).map((r) => r.postId);
    if (term.taxonomy === 'category') {
      if (fallbackId !== null) await addPostsToTerm(trx, await postsOnlyIn(trx, term.id), fallbackId);
      await trx.updateTable('terms').set({ parentId: term.parentId }).where('parentId', '=', term.id).execute();
    }
    await trx.deleteFrom('terms').where('id', '=', term.id).execute();
    return posts;
  });
}

/**
 * Merges `from` into `into`: every post of `from` gets `into`, `from`'s children move under `into`, addresses that
 * led to `from` (its own and those of terms merged into it before) now lead to `into`, and `from` is deleted.
 */
export async function mergeTerms(db: Db, from: Term, into: Term): Promise<number[]> {
  return db.kysely.transaction().execute(async (trx) => {
    const posts = (await trx.selectFrom('postTerms').select('postId').where('termId', '=', from.id).execute()).map((r) => r.postId);
    await addPostsToTerm(trx, posts, into.id);
    await trx.updateTable('terms').set({ parentId: into.id }).where('parentId', '=', from.id).execute();
    await trx.updateTable('termRedirects').set({ termId: into.id }).where('termId', '=', from.id).execute();
    await trx.deleteFrom('termRedirects').where('taxonomy', '=', from.taxonomy).where('slug', '=', from.slug).execute();
    await trx.insertInto('termRedirects').values({ taxonomy: from.taxonomy, slug: from.slug, termId: into.id }).execute();
    await trx.deleteFrom('terms').where('id', '=', from.id).execute();
    return posts;
  });
}

/** The term a merged term's slug now leads to. */
export async function findRedirectTarget(db: Db, taxonomy: Taxonomy, slug: string): Promise<Term | undefined> {
  return db.kysely
    .selectFrom('termRedirects')
    .innerJoin('terms', 'terms.id', 'termRedirects.termId')
    .select(['terms.id', 'terms.taxonomy', 'terms.name', 'terms.slug', 'terms.description', 'terms.parentId'])
    .where('termRedirects.taxonomy', '=', taxonomy)
    .where('termRedirects.slug', '=', slug)
    .executeTakeFirst();
}
