// Reads for feeds and sitemaps: recent public comments, and the lean lists sitemaps walk.
import type { Db } from '../../db/database.js';
import type { FeedComment, SitemapKind, SitemapRow } from './syndication.js';

/** Approved comments of published posts and pages, newest first; of one post when `postId` is given. */
export async function listFeedComments(db: Db, filter: { readonly postId?: number; readonly limit: number }): Promise<FeedComment[]> {
  let query = db.kysely
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.postId')
    .select([
      'comments.id', 'comments.postId', 'comments.parentId', 'comments.authorName', 'comments.authorUrl', 'comments.contentHtml',
      'comments.createdAt', 'posts.title as postTitle', 'posts.slug as postSlug', 'posts.publishedLocal as postPublishedLocal',
    ])
    .where('comments.status', '=', 'approved')
    .where('posts.status', '=', 'published');
  if (filter.postId !== undefined) query = query.where('comments.postId', '=', filter.postId);
  const rows = await query.orderBy('comments.createdAt', 'desc').orderBy('comments.id', 'desc').limit(filter.limit).execute();
  return rows.map(({ postTitle, postSlug, postPublishedLocal, ...comment }) => ({
    ...comment,
    post: { id: comment.postId, title: postTitle, slug: postSlug, publishedLocal: postPublishedLocal },
  }));
}

function publishedOfType(db: Db, type: 'post' | 'page') {
  return db.kysely.selectFrom('posts').where('posts.type', '=', type).where('posts.status', '=', 'published');
}

/** Terms with at least one published post, with the newest change among those posts. */
function termsWithPosts(db: Db, taxonomy: 'category' | 'post_tag') {
  return db.kysely
    .selectFrom('terms')
    .innerJoin('postTerms', 'postTerms.termId', 'terms.id')
    .innerJoin('posts', 'posts.id', 'postTerms.postId')
    .where('terms.taxonomy', '=', taxonomy)
    .where('posts.status', '=', 'published')
    .where('posts.type', '=', 'post');
}

/** Authors with at least one published post. */
function authorsWithPosts(db: Db) {
  return db.kysely.selectFrom('users').innerJoin('posts', 'posts.authorId', 'users.id').where('posts.status', '=', 'published').where('posts.type', '=', 'post');
}

export async function countSitemapRows(db: Db, kind: SitemapKind): Promise<number> {
  const row =
    kind === 'posts' || kind === 'pages'
      ? await publishedOfType(db, kind === 'posts' ? 'post' : 'page').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
      : kind === 'authors'
        ? await authorsWithPosts(db).select((eb) => eb.fn.count<string | number>('users.id').distinct().as('n')).executeTakeFirstOrThrow()
        : await termsWithPosts(db, taxonomyOf(kind)).select((eb) => eb.fn.count<string | number>('terms.id').distinct().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const taxonomyOf = (kind: 'categories' | 'tags') => (kind === 'categories' ? 'category' : 'post_tag');

/** One file's worth of a sitemap, in a stable order (by id) so that files do not shift as items change. */
export async function listSitemapRows(db: Db, kind: SitemapKind, limit: number, offset: number): Promise<SitemapRow[]> {
  if (kind === 'posts' || kind === 'pages') {
    return publishedOfType(db, kind === 'posts' ? 'post' : 'page')
      .select(['posts.id', 'posts.slug as key', 'posts.publishedLocal', 'posts.updatedAt as lastModified'])
      .orderBy('posts.id')
      .limit(limit)
      .offset(offset)
      .execute();
  }
  const rows =
    kind === 'authors'
      ? await authorsWithPosts(db)
        .select(['users.id', 'users.login as key', (eb) => eb.fn.max<string>('posts.updatedAt').as('lastModified')])
        .groupBy(['users.id', 'users.login'])
        .orderBy('users.id')
        .limit(limit)
        .offset(offset)
        .execute()
      : await termsWithPosts(db, taxonomyOf(kind))
        .select(['terms.id', 'terms.slug as key', (eb) => eb.fn.max<string>('posts.updatedAt').as('lastModified')])
        .groupBy(['terms.id', 'terms.slug'])
        .orderBy('terms.id')
        .limit(limit)
        .offset(offset)
        .execute();
  return rows.map((r) => ({ ...r, publishedLocal: null }));
}
