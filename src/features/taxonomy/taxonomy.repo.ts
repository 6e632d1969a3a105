// Reads and writes terms and the links between posts and terms.
import type { Db } from '../../db/database.js';
import type { Taxonomy } from '../../db/tables.js';
import type { Term, TermWithCount } from './taxonomy.js';

const termColumns = ['terms.id', 'terms.taxonomy', 'terms.name', 'terms.slug', 'terms.description', 'terms.parentId'] as const;

export async function insertTerm(db: Db, term: Omit<Term, 'id'>): Promise<Term> {
  return db.kysely.insertInto('terms').values(term).returning(['id', 'taxonomy', 'name', 'slug', 'description', 'parentId']).executeTakeFirstOrThrow();
}

export async function findTermBySlug(db: Db, taxonomy: Taxonomy, slug: string): Promise<Term | undefined> {
  return db.kysely.selectFrom('terms').select(termColumns).where('taxonomy', '=', taxonomy).where('slug', '=', slug).executeTakeFirst();
}

export async function listTermsByNames(db: Db, taxonomy: Taxonomy, names: readonly string[]): Promise<Term[]> {
  if (names.length === 0) return [];
  return db.kysely.selectFrom('terms').select(termColumns).where('taxonomy', '=', taxonomy).where('name', 'in', names).execute();
}

export async function listTerms(db: Db, taxonomy: Taxonomy): Promise<Term[]> {
  return db.kysely.selectFrom('terms').select(termColumns).where('taxonomy', '=', taxonomy).orderBy('name').execute();
}

export async function listTermsWithCounts(db: Db, taxonomy: Taxonomy): Promise<TermWithCount[]> {
  const rows = await db.kysely
    .selectFrom('terms')
    .leftJoin('postTerms', 'postTerms.termId', 'terms.id')
    .leftJoin('posts', (join) =>
      join.onRef('posts.id', '=', 'postTerms.postId').on('posts.status', '=', 'published').on('posts.type', '=', 'post'),
    )
    .select([...termColumns, (eb) => eb.fn.count<string | number>('posts.id').as('count')])
    .where('terms.taxonomy', '=', taxonomy)
    .groupBy(['terms.id', 'terms.taxonomy', 'terms.name', 'terms.slug', 'terms.description', 'terms.parentId'])
    .orderBy('terms.name')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function listSlugsStartingWith(db: Db, taxonomy: Taxonomy, base: string): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('terms')
    .select('slug')
    .where('taxonomy', '=', taxonomy)
    // Slugs hold only letters, digits and hyphens, so `base` has no LIKE wildcards to escape.
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

/** Every term of both taxonomies, by name. */
export async function listAllTerms(db: Db): Promise<Term[]> {
  return db.kysely.selectFrom('terms').select(termColumns).orderBy('name').execute();
}

export async function listPostTermLinks(db: Db, postIds: readonly number[]): Promise<Array<{ postId: number; termId: number }>> {
  if (postIds.length === 0) return [];
  return db.kysely.selectFrom('postTerms').select(['postId', 'termId']).where('postId', 'in', postIds).execute();
}

export async function replacePostTerms(db: Db, postId: number, termIds: readonly number[]): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('postTerms').where('postId', '=', postId).execute();
    if (termIds.length > 0) {
      await trx.insertInto('postTerms').values([...new Set(termIds)].map((termId) => ({ postId, termId }))).execute();
    }
  });
}
