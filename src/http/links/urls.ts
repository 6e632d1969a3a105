// Where things live on the public site (root-relative paths): shared by every surface that links to them (site,
// feeds, sitemaps, oEmbed), so none imports another's. Post addresses come from PostsService.permalinks().
import type { PageLink } from '../../features/posts/index.js';

export const categoryPath = (path: string) => `/category/${path.split('/').map(encodeURIComponent).join('/')}/`;
export const tagPath = (slug: string) => `/tag/${encodeURIComponent(slug)}/`;
export const authorPath = (login: string) => `/author/${encodeURIComponent(login)}/`;
export const monthPath = (month: string) => `/${month.replace('-', '/')}/`;

/** `/base/` for page 1, `/base/page/N/` after (WordPress's paged URLs). Keeps the query string. */
export function pagedPath(base: string, page: number, query = ''): string {
  const path = page <= 1 ? base : `${base}page/${page}/`;
  return query ? `${path}?${query}` : path;
}

/** /parent/child/ for a page, from the list of published pages. */
export function pagePath(page: PageLink, pages: readonly PageLink[]): string {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const slugs = [page.slug];
  let parentId = page.parentId;
  while (parentId !== null && slugs.length < 16) {
    const parent = byId.get(parentId);
    if (!parent) break;
    slugs.unshift(parent.slug);
    parentId = parent.parentId;
  }
  return `/${slugs.map(encodeURIComponent).join('/')}/`;
}
