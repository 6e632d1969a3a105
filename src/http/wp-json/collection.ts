// Collections as WordPress pages them: the page window, X-WP-Total / X-WP-TotalPages, and Link rel="prev"/"next"
// repeating the query asked for; a page past the last one is refused as WordPress refuses it.
import type { HttpDeps } from '../deps.js';
import type { WpRequest, WpResponse } from './api.js';
import { apiUrl } from './links.js';
import { wpError } from './wp-error.js';

/** The pagination args every collection declares (WordPress's names, bounds and defaults). */
export const PAGING_ARGS = {
  page: { type: 'integer', default: 1, minimum: 1, description: 'Current page of the collection.' },
  per_page: { type: 'integer', default: 10, minimum: 1, maximum: 100, description: 'Maximum number of items to be returned in result set.' },
  offset: { type: 'integer', minimum: 0, description: 'Offset the result set by a specific number of items.' },
} as const;

export interface Window {
  readonly page: number;
  readonly perPage: number;
  /** Rows to skip: `offset` when given (WordPress lets it override the page), else (page - 1) × perPage. */
  readonly offset: number;
}

export function windowOf(request: WpRequest): Window {
  const page = request.args.integer('page') ?? 1;
  const perPage = request.args.integer('per_page') ?? 10;
  return { page, perPage, offset: request.args.integer('offset') ?? (page - 1) * perPage };
}

/**
 * The response for one page of `total` items: refused (`invalidPageCode`, 400) when the page is past the last and
 * there is anything at all, as WordPress does; else the items with the headers.
 */
export function collectionResponse(
  deps: Pick<HttpDeps, 'config'>, request: WpRequest, window: Window, total: number, items: readonly unknown[], invalidPageCode = 'rest_post_invalid_page_number',
): WpResponse {
  const pages = Math.ceil(total / window.perPage);
  if (window.page > pages && total > 0) {
    throw wpError(invalidPageCode, 'The page number requested is larger than the number of pages available.', 400);
  }
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(pages) };
  const linkTo = (page: number) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(page));
    return `<${apiUrl(deps, request.route)}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (window.page > 1) links.push(`${linkTo(Math.min(window.page - 1, Math.max(pages, 1)))}; rel="prev"`);
  if (window.page < pages) links.push(`${linkTo(window.page + 1)}; rel="next"`);
  if (links.length > 0) headers.Link = links.join(', ');
  return { body: items, headers };
}
