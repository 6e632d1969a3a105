// Public surface of syndication: what feeds and sitemaps read, and their pure rules.
export { createSyndicationService } from './syndication.service.js';
export type { SyndicationService } from './syndication.service.js';
export { SITEMAP_KINDS, SITEMAP_MAX_URLS, feedGuid, sitemapFileCount } from './syndication.js';
export type { FeedComment, SitemapKind, SitemapRow } from './syndication.js';
