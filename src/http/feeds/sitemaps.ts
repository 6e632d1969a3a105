// Sitemaps (sitemaps.org 0.9): the index of every file, and each file's URLs with their last change.
import {
  SITEMAP_KINDS, type SitemapKind, type SitemapRow, sitemapFileCount,
} from '../../features/syndication/index.js';
import { escapeHtml } from '../../kernel/html.js';
import type { Services } from '../deps.js';
import { authorPath, categoryPath, pagePath, tagPath } from '../links/urls.js';

type SitemapServices = Pick<Services, 'syndication' | 'posts' | 'taxonomy'>;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

// escapeHtml writes &amp; &lt; &gt; &quot; &#39;: all of them valid XML.
const entry = (tag: 'url' | 'sitemap', loc: string, lastmod: string | undefined) =>
  `<${tag}><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${escapeHtml(lastmod)}</lastmod>` : ''}</${tag}>\n`;

export const sitemapFilePath = (kind: SitemapKind, file: number) => `/sitemap-${kind}-${file}.xml`;

/** `posts-2.xml` → { kind: 'posts', file: 2 }; undefined for any other name. */
export function parseSitemapName(name: string): { kind: SitemapKind; file: number } | undefined {
  const match = /^([a-z]+)-([1-9]\d{0,5})\.xml$/.exec(name);
  const kind = SITEMAP_KINDS.find((k) => k === match?.[1]);
  return kind && match ? { kind, file: Number(match[2]) } : undefined;
}

function newest(rows: readonly SitemapRow[]): string | undefined {
  return rows.reduce<string | undefined>((latest, row) => (!latest || row.lastModified > latest ? row.lastModified : latest), undefined);
}

/** The index: every file of every kind that has URLs, each with the newest change among its URLs. */
export async function renderSitemapIndex(services: SitemapServices, publicUrl: string, perFile: number): Promise<string> {
  const parts: string[] = [];
  for (const kind of SITEMAP_KINDS) {
    const total = await services.syndication.countSitemapRows(kind);
    if (total === 0) continue;
    for (let file = 1; file <= sitemapFileCount(total, perFile); file++) {
      const rows = await services.syndication.listSitemapRows(kind, file, perFile);
      parts.push(entry('sitemap', `${publicUrl}${sitemapFilePath(kind, file)}`, newest(rows)));
    }
  }
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${parts.join('')}</sitemapindex>\n`;
}

/** One file of URLs; undefined when the kind has no such file (404). File 1 always exists, empty or not. */
export async function renderSitemapFile(
  services: SitemapServices,
  publicUrl: string,
  name: { readonly kind: SitemapKind; readonly file: number },
  perFile: number,
): Promise<string | undefined> {
  const total = await services.syndication.countSitemapRows(name.kind);
  if (name.file > sitemapFileCount(total, perFile)) return undefined;
  const rows = await services.syndication.listSitemapRows(name.kind, name.file, perFile);
  const pathOf = await pathsFor(services, name.kind);
  const urls = rows.map((row) => entry('url', `${publicUrl}${pathOf(row)}`, row.lastModified));
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${urls.join('')}</urlset>\n`;
}

/** Where each kind's rows live on the site (pages and categories need their trees). */
async function pathsFor(services: SitemapServices, kind: SitemapKind): Promise<(row: SitemapRow) => string> {
  switch (kind) {
    case 'posts': {
      // The current structure's address: a sitemap never lists one that answers with a redirect.
      const permalinkOf = await services.posts.permalinks();
      return (row) => permalinkOf({ id: row.id, slug: row.key, publishedLocal: row.publishedLocal });
    }
    case 'pages': {
      const pages = await services.posts.publishedPages();
      const byId = new Map(pages.map((p) => [p.id, p]));
      return (row) => {
        const page = byId.get(row.id);
        return page ? pagePath(page, pages) : `/${encodeURIComponent(row.key)}/`;
      };
    }
    case 'categories': {
      const paths = await services.taxonomy.categoryPaths();
      return (row) => categoryPath(paths.get(row.id) ?? row.key);
    }
    case 'tags':
      return (row) => tagPath(row.key);
    case 'authors':
      return (row) => authorPath(row.key);
  }
}
