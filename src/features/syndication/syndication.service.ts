// What feeds and sitemaps read: recent public comments and sitemap files.
import type { Db } from '../../db/database.js';
import * as repo from './syndication.repo.js';
import type { FeedComment, SitemapKind, SitemapRow } from './syndication.js';

export interface SyndicationService {
  /** The newest approved comments of public posts (of one post when `postId` is given). */
  recentComments(filter: { readonly postId?: number; readonly limit: number }): Promise<FeedComment[]>;
  /** How many URLs a sitemap of this kind has. */
  countSitemapRows(kind: SitemapKind): Promise<number>;
  /** File `file` (from 1) of a sitemap split every `perFile` URLs. */
  listSitemapRows(kind: SitemapKind, file: number, perFile: number): Promise<SitemapRow[]>;
}

export function createSyndicationService(deps: { readonly db: Db }): SyndicationService {
  const { db } = deps;
  return {
    recentComments: (filter) => repo.listFeedComments(db, filter),
    countSitemapRows: (kind) => repo.countSitemapRows(db, kind),
    listSitemapRows: (kind, file, perFile) => repo.listSitemapRows(db, kind, perFile, (file - 1) * perFile),
  };
}
