// Absolute addresses of the WordPress API and of the site, from the configured public URL (as WordPress uses its
// siteurl option, never the Host header a client sends).
import type { HttpDeps } from '../deps.js';

/** The site's origin and base path without a trailing slash: http://blog.test */
export function siteUrl(deps: Pick<HttpDeps, 'config'>): string {
  return deps.config.publicUrl.replace(/\/+$/, '');
}

/** An address under /wp-json: apiUrl(deps, '/wp/v2/posts/5') → http://blog.test/wp-json/wp/v2/posts/5 */
export function apiUrl(deps: Pick<HttpDeps, 'config'>, route: string): string {
  return `${siteUrl(deps)}/wp-json${route}`;
}

/** One `_links` entry: WordPress's `[{ href, ...attributes }]`. */
export interface Link {
  readonly href: string;
  readonly embeddable?: boolean;
  readonly [attribute: string]: unknown;
}

export type Links = Readonly<Record<string, readonly Link[]>>;

/** The `curies` WordPress adds to every resource's links, so `wp:term` expands to https://api.w.org/term. */
export const CURIES: readonly Link[] = [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }];
