// Categories and tags in WordPress's shape (fields by context, `_links`), and WordPress's list filters and orders
// applied to the site's terms (few enough to filter in memory, as the admin's term screens do).
import type { Taxonomy, TermWithCount } from '../../features/taxonomy/index.js';
import type { WpResponse } from './api.js';
import { CURIES, type Links } from './links.js';

/** One of the two term collections: its REST base and WordPress's taxonomy name. */
export interface TermKind {
  readonly rest: 'categories' | 'tags';
  readonly taxonomy: Taxonomy;
  /** Categories have parents; tags have none (nor the `parent` field and argument). */
  readonly hierarchical: boolean;
}

export const TERM_KINDS: readonly TermKind[] = [
  { rest: 'categories', taxonomy: 'category', hierarchical: true },
  { rest: 'tags', taxonomy: 'post_tag', hierarchical: false },
];

export type Context = 'view' | 'embed' | 'edit';

export interface TermAddresses {
  /** https://site/wp-json + route */
  readonly api: (route: string) => string;
  /** The term's archive on the site (absolute). */
  readonly archive: (term: TermWithCount) => string;
}

function termLinks(kind: TermKind, term: TermWithCount, at: TermAddresses): Links {
  const self = at.api(`/wp/v2/${kind.rest}/${term.id}`);
  return {
    self: [{ href: self }],
    collection: [{ href: at.api(`/wp/v2/${kind.rest}`) }],
    about: [{ href: at.api(`/wp/v2/taxonomies/${kind.taxonomy}`) }],
    ...(kind.hierarchical && term.parentId !== null ? { up: [{ embeddable: true, href: at.api(`/wp/v2/${kind.rest}/${term.parentId}`) }] } : {}),
    'wp:post_type': [{ href: at.api(`/wp/v2/posts?${kind.rest}=${term.id}`) }],
    curies: CURIES,
  };
}

/** The term as WordPress's terms controller shows it in `context`. */
export function presentTerm(kind: TermKind, term: TermWithCount, context: Context, at: TermAddresses): Record<string, unknown> {
  const link = at.archive(term);
  if (context === 'embed') {
    return { id: term.id, link, name: term.name, slug: term.slug, taxonomy: kind.taxonomy, _links: termLinks(kind, term, at) };
  }
  return {
    id: term.id,
    count: term.count,
    description: term.description,
    link,
    name: term.name,
    slug: term.slug,
    taxonomy: kind.taxonomy,
    ...(kind.hierarchical ? { parent: term.parentId ?? 0 } : {}),
    meta: [],
    _links: termLinks(kind, term, at),
  };
}

export const TERM_ORDERS = ['id', 'include', 'name', 'slug', 'include_slugs', 'term_group', 'description', 'count'] as const;
export type TermOrder = (typeof TERM_ORDERS)[number];

export interface TermFilter {
  readonly search?: string;
  readonly include?: readonly number[];
  readonly exclude?: readonly number[];
  readonly slugs?: readonly string[];
  /** Only the children of this term (0: the top level). */
  readonly parent?: number;
  readonly hideEmpty?: boolean;
  /** Only these terms (those of the post asked about). */
  readonly onlyIds?: ReadonlySet<number>;
  readonly orderBy: TermOrder;
  readonly order: 'asc' | 'desc';
}

// MySQL's default collation, which WordPress sorts names with, ignores case.
const compareText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

function comparator(filter: TermFilter): (a: TermWithCount, b: TermWithCount) => number {
  const position = (list: readonly (number | string)[] | undefined, value: number | string) => list?.indexOf(value) ?? 0;
  switch (filter.orderBy) {
    case 'name': return (a, b) => compareText(a.name, b.name);
    case 'slug': return (a, b) => compareText(a.slug, b.slug);
    case 'description': return (a, b) => compareText(a.description, b.description);
    case 'count': return (a, b) => a.count - b.count;
    case 'include': return (a, b) => position(filter.include, a.id) - position(filter.include, b.id);
    case 'include_slugs': return (a, b) => position(filter.slugs, a.slug) - position(filter.slugs, b.slug);
    // Every term's term_group is 0 in WordPress unless a plugin sets it: the order falls to the id.
    case 'id': case 'term_group': return () => 0;
  }
}

function matches(term: TermWithCount, filter: TermFilter): boolean {
  const words = filter.search?.trim().toLowerCase();
  if (words && !term.name.toLowerCase().includes(words) && !term.slug.includes(words)) return false;
  if (filter.include?.length && !filter.include.includes(term.id)) return false;
  if (filter.exclude?.includes(term.id)) return false;
  if (filter.slugs?.length && !filter.slugs.includes(term.slug)) return false;
  if (filter.parent !== undefined && (term.parentId ?? 0) !== filter.parent) return false;
  if (filter.hideEmpty && term.count === 0) return false;
  return filter.onlyIds === undefined || filter.onlyIds.has(term.id);
}

/** The terms a WordPress terms query selects, in its order (ties by id, so pages never overlap). */
export function selectTerms(terms: readonly TermWithCount[], filter: TermFilter): TermWithCount[] {
  const compare = comparator(filter);
  const direction = filter.order === 'desc' ? -1 : 1;
  return terms.filter((term) => matches(term, filter)).sort((a, b) => direction * (compare(a, b) || a.id - b.id));
}

/**
 * WordPress's 501 for deleting what has no trash without force=true. Returned rather than thrown: no kind of our
 * errors is answered with 501 (it means "this server does not do that", which is what WordPress says here).
 */
export function trashNotSupported(what: 'Terms' | 'Users'): WpResponse {
  const message = `${what} do not support trashing. Set 'force=true' to delete.`;
  return { status: 501, body: { code: 'rest_trash_not_supported', message, data: { status: 501 } } };
}
